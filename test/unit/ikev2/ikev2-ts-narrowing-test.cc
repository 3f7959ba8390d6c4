/* SPDX-License-Identifier: GPL-2.0-only */

// Traffic selector negotiation (RFC 7296 2.9): conversions between the data plane's selectors
// and TSi/TSr (RFC 7296 3.13.1 layout, ICMP type/code as one 16-bit port), the responder's
// narrowing, the initiator's subset check, and the trigger-packet rule. Expected ranges are
// worked out by hand from the inputs; every narrowed reply is also checked to lie within the
// offer (the RFC's invariant).

#include "../isakmp/ikev2-test-util.h"

#include "ns3/ikev2-traffic-selector.h"
#include "ns3/ikev2-ts-narrowing.h"

#include <gtest/gtest.h>

namespace ns3
{
namespace
{

using Outcome = Ikev2TsOutcome;
using Ts = Ikev2TrafficSelector;

IpAddress
V4(const char* a)
{
    return IpAddress(Ipv4Address(a));
}

IpAddress
V6(const char* a)
{
    return IpAddress(Ipv6Address(a));
}

IpAddressRange
R(IpAddress first, IpAddress last)
{
    return IpAddressRange{first, last};
}

/// An IPv4 TS from dotted quads.
Ts
Ts4(const char* first,
    const char* last,
    uint8_t protocol = 0,
    uint16_t startPort = 0,
    uint16_t endPort = 65535)
{
    return Ts::Ipv4Range(Ipv4Address(first).Get(),
                         Ipv4Address(last).Get(),
                         protocol,
                         startPort,
                         endPort);
}

/// An IPv6 TS from text addresses.
Ts
Ts6(const char* first,
    const char* last,
    uint8_t protocol = 0,
    uint16_t startPort = 0,
    uint16_t endPort = 65535)
{
    Ts ts;
    ts.type = Ts::TS_IPV6_ADDR_RANGE;
    ts.ipProtocol = protocol;
    ts.startPort = startPort;
    ts.endPort = endPort;
    uint8_t buf[16];
    Ipv6Address(first).GetBytes(buf);
    ts.startAddress.assign(buf, buf + 16);
    Ipv6Address(last).GetBytes(buf);
    ts.endAddress.assign(buf, buf + 16);
    return ts;
}

IpsecSelector
Sel(IpAddressRange local,
    IpAddressRange remote,
    uint8_t protocol = 0,
    PortRange localPorts = {},
    PortRange remotePorts = {})
{
    IpsecSelector s;
    s.local = local;
    s.remote = remote;
    s.protocol = protocol;
    s.localPorts = localPorts;
    s.remotePorts = remotePorts;
    return s;
}

/// The responder's narrowing, checked against the RFC's rule that it only ever narrows.
Ikev2TsNarrowing::Narrowed
NarrowOk(const std::vector<Ts>& tsi,
         const std::vector<Ts>& tsr,
         const std::vector<IpsecSelector>& configured)
{
    Ikev2TsNarrowing::Narrowed n;
    EXPECT_EQ(Ikev2TsNarrowing::Narrow(tsi, tsr, configured, &n), Outcome::OK);
    EXPECT_EQ(n.tsi.size(), 1u);
    EXPECT_EQ(n.tsr.size(), 1u);
    if (n.tsi.size() == 1 && n.tsr.size() == 1)
    {
        bool inTsi = false;
        bool inTsr = false;
        for (const auto& o : tsi)
        {
            inTsi = inTsi || Ikev2TsNarrowing::IsSubset(n.tsi[0], o);
        }
        for (const auto& o : tsr)
        {
            inTsr = inTsr || Ikev2TsNarrowing::IsSubset(n.tsr[0], o);
        }
        EXPECT_TRUE(inTsi && inTsr) << "the reply is wider than the offer";
    }
    return n;
}

Outcome
NarrowOutcome(const std::vector<Ts>& tsi,
              const std::vector<Ts>& tsr,
              const std::vector<IpsecSelector>& configured)
{
    Ikev2TsNarrowing::Narrowed n;
    return Ikev2TsNarrowing::Narrow(tsi, tsr, configured, &n);
}

TEST(Ikev2TsNarrowingTest, AnySelectorIsTheAospTrafficSelector)
{
    // AOSP's IKE_AUTH request carries TSi = TSr = one IPv4 TS of everything:
    // 07 00 0010 0000 ffff 00000000 ffffffff (RFC 7296 3.13.1).
    const Bytes message = AospVector("IKE_AUTH_UNENCRYPTED_PADDED_DATA_HEX_STRING");
    Ts tsi;
    Ts tsr;
    ASSERT_EQ(Ikev2TsNarrowing::FromSelector(IpsecSelector::Any(false), true, &tsi, &tsr),
              Outcome::OK);
    Bytes wire;
    tsi.Serialize(wire);
    EXPECT_EQ(wire, Hex("07 00 00 10 00 00 ff ff 00 00 00 00 ff ff ff ff"));
    EXPECT_NE(std::search(message.begin(), message.end(), wire.begin(), wire.end()), message.end());
    EXPECT_EQ(tsr, tsi);
    IpsecSelector back;
    ASSERT_EQ(Ikev2TsNarrowing::ToSelector(tsi, tsr, true, &back), Outcome::OK);
    EXPECT_EQ(back, IpsecSelector::Any(false));
}

TEST(Ikev2TsNarrowingTest, SelectorRoundTripsInBothRoles)
{
    const IpsecSelector tcp = Sel(IpAddressRange::Prefix(V4("10.1.0.0"), 16),
                                  IpAddressRange::Host(V4("192.168.7.9")),
                                  6,
                                  PortRange{1024, 65535},
                                  PortRange::Single(443));
    Ts tsi;
    Ts tsr;
    // Initiator: TSi is the local side.
    ASSERT_EQ(Ikev2TsNarrowing::FromSelector(tcp, true, &tsi, &tsr), Outcome::OK);
    EXPECT_EQ(tsi, Ts4("10.1.0.0", "10.1.255.255", 6, 1024, 65535));
    EXPECT_EQ(tsr, Ts4("192.168.7.9", "192.168.7.9", 6, 443, 443));
    IpsecSelector back;
    ASSERT_EQ(Ikev2TsNarrowing::ToSelector(tsi, tsr, true, &back), Outcome::OK);
    EXPECT_EQ(back, tcp);
    // Responder: TSi is the remote side.
    ASSERT_EQ(Ikev2TsNarrowing::FromSelector(tcp, false, &tsi, &tsr), Outcome::OK);
    EXPECT_EQ(tsi, Ts4("192.168.7.9", "192.168.7.9", 6, 443, 443));
    EXPECT_EQ(tsr, Ts4("10.1.0.0", "10.1.255.255", 6, 1024, 65535));
    ASSERT_EQ(Ikev2TsNarrowing::ToSelector(tsi, tsr, false, &back), Outcome::OK);
    EXPECT_EQ(back, tcp);

    const IpsecSelector v6 = Sel(IpAddressRange::Prefix(V6("2001:db8:1::"), 48),
                                 R(V6("2001:db8:2::10"), V6("2001:db8:2::1f")),
                                 17,
                                 PortRange::Single(53),
                                 PortRange{});
    ASSERT_EQ(Ikev2TsNarrowing::FromSelector(v6, true, &tsi, &tsr), Outcome::OK);
    EXPECT_EQ(tsi, Ts6("2001:db8:1::", "2001:db8:1:ffff:ffff:ffff:ffff:ffff", 17, 53, 53));
    EXPECT_EQ(tsr, Ts6("2001:db8:2::10", "2001:db8:2::1f", 17, 0, 65535));
    Bytes wire;
    tsr.Serialize(wire);
    EXPECT_EQ(wire,
              Hex("08 11 00 28 00 00 ff ff"
                  "20 01 0d b8 00 02 00 00 00 00 00 00 00 00 00 10"
                  "20 01 0d b8 00 02 00 00 00 00 00 00 00 00 00 1f"));
    ASSERT_EQ(Ikev2TsNarrowing::ToSelector(tsi, tsr, true, &back), Outcome::OK);
    EXPECT_EQ(back, v6);
}

TEST(Ikev2TsNarrowingTest, IcmpTypeAndCodeShareOnePort)
{
    // RFC 7296 3.13.1: type in the high octet, code in the low one; the data plane keeps the
    // type in localPorts and the code in remotePorts (RFC 4301 4.4.1.3).
    const IpAddressRange a = IpAddressRange::Host(V4("10.0.0.1"));
    const IpAddressRange b = IpAddressRange::Host(V4("10.0.0.2"));

    struct Case
    {
        PortRange types;
        PortRange codes;
        uint16_t first;
        uint16_t last;
    } cases[] = {
        {PortRange::Single(8), PortRange{}, 0x0800, 0x08ff},          // echo request, any code
        {PortRange::Single(3), PortRange::Single(4), 0x0304, 0x0304}, // frag needed
        {PortRange{3, 5}, PortRange{}, 0x0300, 0x05ff},
        {PortRange{}, PortRange{}, 0x0000, 0xffff},
    };

    for (const auto& c : cases)
    {
        const IpsecSelector icmp = Sel(a, b, 1, c.types, c.codes);
        Ts tsi;
        Ts tsr;
        ASSERT_EQ(Ikev2TsNarrowing::FromSelector(icmp, true, &tsi, &tsr), Outcome::OK);
        EXPECT_EQ(tsi, Ts4("10.0.0.1", "10.0.0.1", 1, c.first, c.last));
        EXPECT_EQ(tsr, Ts4("10.0.0.2", "10.0.0.2", 1, c.first, c.last));
        IpsecSelector back;
        ASSERT_EQ(Ikev2TsNarrowing::ToSelector(tsi, tsr, true, &back), Outcome::OK);
        EXPECT_EQ(back, icmp);
        // Read from the responder's side the type/code stay where they are: they do not swap
        // with the direction.
        ASSERT_EQ(Ikev2TsNarrowing::ToSelector(tsi, tsr, false, &back), Outcome::OK);
        EXPECT_EQ(back, Sel(b, a, 1, c.types, c.codes));
    }
    // A peer restricting only one side (strongSwan's "icmp/8" on TSi): the intersection holds.
    IpsecSelector s;
    ASSERT_EQ(Ikev2TsNarrowing::ToSelector(Ts4("10.0.0.1", "10.0.0.1", 1, 0x0800, 0x0800),
                                           Ts4("10.0.0.2", "10.0.0.2", 1),
                                           true,
                                           &s),
              Outcome::OK);
    EXPECT_EQ(s, Sel(a, b, 1, PortRange::Single(8), PortRange::Single(0)));
    // Types 3-5 with codes 1-2 is no single 16-bit range.
    Ts tsi;
    Ts tsr;
    EXPECT_EQ(Ikev2TsNarrowing::FromSelector(Sel(a, b, 1, PortRange{3, 5}, PortRange{1, 2}),
                                             true,
                                             &tsi,
                                             &tsr),
              Outcome::UNREPRESENTABLE);
    // A 16-bit range that is no box is read as its leading box: 3/4..3/255.
    ASSERT_EQ(Ikev2TsNarrowing::ToSelector(Ts4("10.0.0.1", "10.0.0.1", 1, 0x0304, 0x0502),
                                           Ts4("10.0.0.2", "10.0.0.2", 1, 0x0304, 0x0502),
                                           true,
                                           &s),
              Outcome::OK);
    EXPECT_EQ(s, Sel(a, b, 1, PortRange::Single(3), PortRange{4, 255}));
}

TEST(Ikev2TsNarrowingTest, SelectorsWithoutTsForm)
{
    Ts tsi;
    Ts tsr;
    // RFC 7296 3.13.1: with protocol 0 the ports MUST be 0-65535.
    IpsecSelector ports = IpsecSelector::Any(false);
    ports.localPorts = PortRange::Single(80);
    EXPECT_EQ(Ikev2TsNarrowing::FromSelector(ports, true, &tsi, &tsr), Outcome::UNREPRESENTABLE);
    IpsecSelector mixed = IpsecSelector::Any(false);
    mixed.remote = IpAddressRange::Any(true);
    EXPECT_EQ(Ikev2TsNarrowing::FromSelector(mixed, true, &tsi, &tsr), Outcome::UNREPRESENTABLE);
    // TS pairs that describe no packet, or TS types other than address ranges.
    IpsecSelector s;
    EXPECT_EQ(
        Ikev2TsNarrowing::ToSelector(Ts4("10.0.0.1", "10.0.0.1"), Ts6("::1", "::1"), true, &s),
        Outcome::TS_UNACCEPTABLE);
    EXPECT_EQ(Ikev2TsNarrowing::ToSelector(Ts4("10.0.0.1", "10.0.0.1", 6),
                                           Ts4("10.0.0.2", "10.0.0.2", 17),
                                           true,
                                           &s),
              Outcome::TS_UNACCEPTABLE);
    Ts fc;
    fc.type = 9; // TS_FC_ADDR_RANGE (RFC 4595)
    fc.opaque = Bytes(12, 0);
    EXPECT_EQ(Ikev2TsNarrowing::ToSelector(fc, Ts4("10.0.0.2", "10.0.0.2"), true, &s),
              Outcome::UNREPRESENTABLE);
}

TEST(Ikev2TsNarrowingTest, IntersectionCases)
{
    Ts out;
    // Subset: the smaller one.
    ASSERT_TRUE(Ikev2TsNarrowing::Intersect(Ts4("10.0.0.0", "10.0.255.255"),
                                            Ts4("10.0.3.0", "10.0.3.255"),
                                            &out));
    EXPECT_EQ(out, Ts4("10.0.3.0", "10.0.3.255"));
    // Overlap: the common part.
    ASSERT_TRUE(Ikev2TsNarrowing::Intersect(Ts4("10.0.0.0", "10.0.0.100"),
                                            Ts4("10.0.0.50", "10.0.0.200"),
                                            &out));
    EXPECT_EQ(out, Ts4("10.0.0.50", "10.0.0.100"));
    // Disjoint.
    EXPECT_FALSE(Ikev2TsNarrowing::Intersect(Ts4("10.0.0.0", "10.0.0.100"),
                                             Ts4("10.0.0.101", "10.0.0.200"),
                                             &out));
    // Ports.
    ASSERT_TRUE(Ikev2TsNarrowing::Intersect(Ts4("10.0.0.1", "10.0.0.1", 6, 1000, 2000),
                                            Ts4("10.0.0.1", "10.0.0.1", 6, 1500, 3000),
                                            &out));
    EXPECT_EQ(out, Ts4("10.0.0.1", "10.0.0.1", 6, 1500, 2000));
    EXPECT_FALSE(Ikev2TsNarrowing::Intersect(Ts4("10.0.0.1", "10.0.0.1", 6, 1000, 2000),
                                             Ts4("10.0.0.1", "10.0.0.1", 6, 2001, 3000),
                                             &out));
    // Protocol 0 is any; two different protocols meet nowhere.
    ASSERT_TRUE(Ikev2TsNarrowing::Intersect(Ts4("10.0.0.0", "10.0.0.255"),
                                            Ts4("10.0.0.0", "10.0.0.255", 17, 53, 53),
                                            &out));
    EXPECT_EQ(out, Ts4("10.0.0.0", "10.0.0.255", 17, 53, 53));
    EXPECT_FALSE(Ikev2TsNarrowing::Intersect(Ts4("10.0.0.0", "10.0.0.255", 6),
                                             Ts4("10.0.0.0", "10.0.0.255", 17),
                                             &out));
    // IPv6, and families that do not mix.
    ASSERT_TRUE(Ikev2TsNarrowing::Intersect(Ts6("2001:db8::", "2001:db8::ffff"),
                                            Ts6("2001:db8::8000", "2001:db8:0:0:1::"),
                                            &out));
    EXPECT_EQ(out, Ts6("2001:db8::8000", "2001:db8::ffff"));
    EXPECT_FALSE(Ikev2TsNarrowing::Intersect(Ts4("0.0.0.0", "255.255.255.255"),
                                             Ts6("::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"),
                                             &out));
    // OPAQUE ports (start 65535, end 0) admit no packet the data plane can see.
    EXPECT_FALSE(Ikev2TsNarrowing::Intersect(Ts4("10.0.0.1", "10.0.0.1", 6, 65535, 0),
                                             Ts4("10.0.0.1", "10.0.0.1", 6),
                                             &out));
}

TEST(Ikev2TsNarrowingTest, ResponderNarrowsToItsPolicy)
{
    // The responder (192.168.0.0/16 behind it) allows TCP from 10.0.0.0/24 to its /24.
    const IpsecSelector policy = Sel(IpAddressRange::Prefix(V4("192.168.1.0"), 24),
                                     IpAddressRange::Prefix(V4("10.0.0.0"), 24),
                                     6);
    // Subset: the initiator asks for less than allowed and gets exactly that.
    auto n = NarrowOk({Ts4("10.0.0.5", "10.0.0.5", 6, 4000, 4000)},
                      {Ts4("192.168.1.80", "192.168.1.80", 6, 80, 80)},
                      {policy});
    EXPECT_EQ(n.tsi[0], Ts4("10.0.0.5", "10.0.0.5", 6, 4000, 4000));
    EXPECT_EQ(n.tsr[0], Ts4("192.168.1.80", "192.168.1.80", 6, 80, 80));
    EXPECT_EQ(n.local,
              Sel(IpAddressRange::Host(V4("192.168.1.80")),
                  IpAddressRange::Host(V4("10.0.0.5")),
                  6,
                  PortRange::Single(80),
                  PortRange::Single(4000)));
    // Superset with any protocol: narrowed to the policy, protocol 6 on both sides.
    n = NarrowOk({Ts4("0.0.0.0", "255.255.255.255")},
                 {Ts4("192.168.0.0", "192.168.255.255")},
                 {policy});
    EXPECT_EQ(n.tsi[0], Ts4("10.0.0.0", "10.0.0.255", 6));
    EXPECT_EQ(n.tsr[0], Ts4("192.168.1.0", "192.168.1.255", 6));
    EXPECT_EQ(n.local, policy);
    // Overlap of address ranges and of ports.
    const IpsecSelector web = Sel(R(V4("192.168.1.10"), V4("192.168.1.20")),
                                  IpAddressRange::Prefix(V4("10.0.0.0"), 24),
                                  6,
                                  PortRange{80, 443});
    n = NarrowOk({Ts4("10.0.0.200", "10.0.1.50", 6)},
                 {Ts4("192.168.1.15", "192.168.1.30", 6, 443, 8443)},
                 {web});
    EXPECT_EQ(n.tsi[0], Ts4("10.0.0.200", "10.0.0.255", 6));
    EXPECT_EQ(n.tsr[0], Ts4("192.168.1.15", "192.168.1.20", 6, 443, 443));
    // Protocol any on the policy, specific in the offer: the offer's.
    n = NarrowOk({Ts4("10.0.0.7", "10.0.0.7", 17, 53, 53)},
                 {Ts4("192.168.1.1", "192.168.1.1", 0)},
                 {Sel(IpAddressRange::Any(false), IpAddressRange::Any(false))});
    EXPECT_EQ(n.tsi[0], Ts4("10.0.0.7", "10.0.0.7", 17, 53, 53));
    EXPECT_EQ(n.tsr[0], Ts4("192.168.1.1", "192.168.1.1", 17));
    EXPECT_EQ(n.local.protocol, 17);
    // Disjoint addresses, other protocol, other ports: TS_UNACCEPTABLE.
    EXPECT_EQ(NarrowOutcome({Ts4("10.0.1.0", "10.0.1.255")},
                            {Ts4("192.168.1.0", "192.168.1.255")},
                            {policy}),
              Outcome::TS_UNACCEPTABLE);
    EXPECT_EQ(NarrowOutcome({Ts4("10.0.0.0", "10.0.0.255", 17)},
                            {Ts4("192.168.1.0", "192.168.1.255")},
                            {policy}),
              Outcome::TS_UNACCEPTABLE);
    EXPECT_EQ(NarrowOutcome({Ts4("10.0.0.0", "10.0.0.255", 6)},
                            {Ts4("192.168.1.0", "192.168.1.255", 6, 8080, 8080)},
                            {web}),
              Outcome::TS_UNACCEPTABLE);
    EXPECT_EQ(
        NarrowOutcome({Ts4("10.0.0.0", "10.0.0.255")}, {Ts4("192.168.1.0", "192.168.1.255")}, {}),
        Outcome::TS_UNACCEPTABLE);
}

TEST(Ikev2TsNarrowingTest, Ipv6AndMixedLists)
{
    const IpsecSelector v6 = Sel(IpAddressRange::Prefix(V6("2001:db8:b::"), 48),
                                 IpAddressRange::Prefix(V6("2001:db8:a::"), 48));
    // Both lists carry an IPv4 and an IPv6 TS: only the IPv6 pair fits the IPv6 policy.
    const std::vector<Ts> tsi = {Ts4("10.0.0.0", "10.0.0.255"),
                                 Ts6("2001:db8:a::", "2001:db8:a::ffff")};
    const std::vector<Ts> tsr = {Ts4("192.168.0.0", "192.168.255.255"),
                                 Ts6("2001:db8::", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff")};
    auto n = NarrowOk(tsi, tsr, {v6});
    EXPECT_EQ(n.tsi[0], Ts6("2001:db8:a::", "2001:db8:a::ffff"));
    EXPECT_EQ(n.tsr[0], Ts6("2001:db8:b::", "2001:db8:b:ffff:ffff:ffff:ffff:ffff"));
    EXPECT_TRUE(n.local.IsIpv6());
    // With an IPv4 policy first, the IPv4 pair wins.
    const IpsecSelector v4 = Sel(IpAddressRange::Prefix(V4("192.168.3.0"), 24),
                                 IpAddressRange::Prefix(V4("10.0.0.0"), 8));
    n = NarrowOk(tsi, tsr, {v4, v6});
    EXPECT_EQ(n.tsi[0], Ts4("10.0.0.0", "10.0.0.255"));
    EXPECT_EQ(n.tsr[0], Ts4("192.168.3.0", "192.168.3.255"));
    // An IPv4 TSi with an IPv6 TSr describes no packet.
    EXPECT_EQ(NarrowOutcome({tsi[0]}, {tsr[1]}, {v4, v6}), Outcome::TS_UNACCEPTABLE);
}

TEST(Ikev2TsNarrowingTest, TriggerPacketChoosesTheNarrowing)
{
    // RFC 7296 2.9's example: the responder has two policies that each fit part of the offer;
    // the packet that triggered the request (first in TSi and TSr) decides.
    const IpsecSelector net2 = Sel(IpAddressRange::Prefix(V4("192.168.2.0"), 24),
                                   IpAddressRange::Prefix(V4("10.0.0.0"), 24));
    const IpsecSelector net1 = Sel(IpAddressRange::Prefix(V4("192.168.1.0"), 24),
                                   IpAddressRange::Prefix(V4("10.0.0.0"), 24));
    const std::vector<Ts> tsi = {Ts4("10.0.0.5", "10.0.0.5", 6, 40000, 40000),
                                 Ts4("10.0.0.0", "10.0.0.255")};
    const std::vector<Ts> tsr = {Ts4("192.168.1.9", "192.168.1.9", 6, 80, 80),
                                 Ts4("192.168.0.0", "192.168.255.255")};
    auto n = NarrowOk(tsi, tsr, {net2, net1});
    EXPECT_EQ(n.tsr[0], Ts4("192.168.1.0", "192.168.1.255"));
    EXPECT_EQ(n.tsi[0], Ts4("10.0.0.0", "10.0.0.255")) << "not narrowed to the trigger alone";
    EXPECT_EQ(n.local, net1);
    // Without the trigger, the responder's first policy.
    n = NarrowOk({tsi[1]}, {tsr[1]}, {net2, net1});
    EXPECT_EQ(n.local, net2);
    // A trigger no policy holds does not block the narrowing.
    const std::vector<Ts> elsewhere = {Ts4("192.168.9.9", "192.168.9.9", 6, 80, 80), tsr[1]};
    n = NarrowOk(tsi, elsewhere, {net2, net1});
    EXPECT_EQ(n.local, net2);
}

TEST(Ikev2TsNarrowingTest, InitiatorOfferAndReplyCheck)
{
    const IpsecSelector policy = Sel(IpAddressRange::Prefix(V4("10.0.0.0"), 24),
                                     IpAddressRange::Prefix(V4("192.168.0.0"), 16));
    PacketTuple packet;
    packet.src = V4("10.0.0.5");
    packet.dst = V4("192.168.1.9");
    packet.protocol = 6;
    packet.srcPort = 40000;
    packet.dstPort = 80;
    std::vector<Ts> tsi;
    std::vector<Ts> tsr;
    ASSERT_EQ(Ikev2TsNarrowing::MakeOffer(policy, &packet, &tsi, &tsr), Outcome::OK);
    EXPECT_EQ(tsi,
              (std::vector<Ts>{Ts4("10.0.0.5", "10.0.0.5", 6, 40000, 40000),
                               Ts4("10.0.0.0", "10.0.0.255")}));
    EXPECT_EQ(tsr,
              (std::vector<Ts>{Ts4("192.168.1.9", "192.168.1.9", 6, 80, 80),
                               Ts4("192.168.0.0", "192.168.255.255")}));
    std::vector<Ts> plainTsi;
    std::vector<Ts> plainTsr;
    ASSERT_EQ(Ikev2TsNarrowing::MakeOffer(policy, nullptr, &plainTsi, &plainTsr), Outcome::OK);
    EXPECT_EQ(plainTsi, std::vector<Ts>{tsi[1]});
    PacketTuple ping = packet;
    ping.protocol = 1;
    ping.srcPort = 8; // echo request
    ping.dstPort = 0;
    ASSERT_EQ(Ikev2TsNarrowing::MakeOffer(policy, &ping, &plainTsi, &plainTsr), Outcome::OK);
    EXPECT_EQ(plainTsi[0], Ts4("10.0.0.5", "10.0.0.5", 1, 0x0800, 0x0800));
    EXPECT_EQ(plainTsr[0], Ts4("192.168.1.9", "192.168.1.9", 1, 0x0800, 0x0800));

    IpsecSelector local;
    // A narrower reply is accepted; the selector is the initiator's own view.
    ASSERT_EQ(Ikev2TsNarrowing::CheckReply(tsi,
                                           tsr,
                                           {Ts4("10.0.0.0", "10.0.0.255")},
                                           {Ts4("192.168.1.0", "192.168.1.255")},
                                           &local),
              Outcome::OK);
    EXPECT_EQ(local,
              Sel(IpAddressRange::Prefix(V4("10.0.0.0"), 24),
                  IpAddressRange::Prefix(V4("192.168.1.0"), 24)));
    // Wider than offered, another protocol, or empty: rejected.
    EXPECT_EQ(
        Ikev2TsNarrowing::CheckReply(tsi, tsr, {Ts4("10.0.0.0", "10.0.1.255")}, {tsr[1]}, &local),
        Outcome::REPLY_REJECTED);
    EXPECT_EQ(Ikev2TsNarrowing::CheckReply({Ts4("10.0.0.0", "10.0.0.255", 6)},
                                           {tsr[1]},
                                           {Ts4("10.0.0.0", "10.0.0.255", 17)},
                                           {tsr[1]},
                                           &local),
              Outcome::REPLY_REJECTED);
    EXPECT_EQ(Ikev2TsNarrowing::CheckReply({Ts4("10.0.0.0", "10.0.0.255", 6)},
                                           {tsr[1]},
                                           {Ts4("10.0.0.0", "10.0.0.255")},
                                           {tsr[1]},
                                           &local),
              Outcome::REPLY_REJECTED)
        << "protocol ANY is wider than TCP";
    EXPECT_EQ(Ikev2TsNarrowing::CheckReply(tsi, tsr, {}, {tsr[1]}, &local),
              Outcome::REPLY_REJECTED);
    // Several TSs in the reply: the pair with the trigger packet is installed.
    ASSERT_EQ(Ikev2TsNarrowing::CheckReply(
                  tsi,
                  tsr,
                  {Ts4("10.0.0.0", "10.0.0.255")},
                  {Ts4("192.168.2.0", "192.168.2.255"), Ts4("192.168.1.0", "192.168.1.255")},
                  &local),
              Outcome::OK);
    EXPECT_EQ(local.remote, IpAddressRange::Prefix(V4("192.168.1.0"), 24));
}

TEST(Ikev2TsNarrowingTest, BothSidesAgreeEndToEnd)
{
    // Initiator 10.0.0.0/24, responder 192.168.1.0/24, ICMP echo requests only: each side ends
    // with the mirror image of the other's selector.
    const IpsecSelector initiatorPolicy = Sel(IpAddressRange::Prefix(V4("10.0.0.0"), 24),
                                              IpAddressRange::Prefix(V4("192.168.0.0"), 16),
                                              1,
                                              PortRange::Single(8),
                                              PortRange{});
    const IpsecSelector responderPolicy = Sel(IpAddressRange::Prefix(V4("192.168.1.0"), 24),
                                              IpAddressRange::Prefix(V4("10.0.0.0"), 16),
                                              0);
    std::vector<Ts> tsi;
    std::vector<Ts> tsr;
    ASSERT_EQ(Ikev2TsNarrowing::MakeOffer(initiatorPolicy, nullptr, &tsi, &tsr), Outcome::OK);
    const auto n = NarrowOk(tsi, tsr, {responderPolicy});
    IpsecSelector initiatorLocal;
    ASSERT_EQ(Ikev2TsNarrowing::CheckReply(tsi, tsr, n.tsi, n.tsr, &initiatorLocal), Outcome::OK);
    EXPECT_EQ(initiatorLocal,
              Sel(IpAddressRange::Prefix(V4("10.0.0.0"), 24),
                  IpAddressRange::Prefix(V4("192.168.1.0"), 24),
                  1,
                  PortRange::Single(8),
                  PortRange{}));
    EXPECT_EQ(n.local,
              Sel(IpAddressRange::Prefix(V4("192.168.1.0"), 24),
                  IpAddressRange::Prefix(V4("10.0.0.0"), 24),
                  1,
                  PortRange::Single(8),
                  PortRange{}));
}

} // namespace
} // namespace ns3
