/* SPDX-License-Identifier: GPL-2.0-only */

// IpsecSelector matching as RFC 4301 4.4.1.1 defines it, direction by direction.

#include "ns3/traffic-selector.h"

#include <gtest/gtest.h>

namespace ns3
{
namespace
{

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

PacketTuple
Tuple(IpAddress src, IpAddress dst, uint8_t protocol, uint16_t sport, uint16_t dport)
{
    return PacketTuple{src, dst, protocol, sport, dport};
}

/// Local 10.0.1.0/24 port 80, remote 192.0.2.0/24 ports 1024-65535, TCP.
IpsecSelector
WebServer()
{
    IpsecSelector s = IpsecSelector::Between(IpAddressRange::Prefix(V4("10.0.1.0"), 24),
                                             IpAddressRange::Prefix(V4("192.0.2.0"), 24));
    s.protocol = 6;
    s.localPorts = PortRange::Single(80);
    s.remotePorts = {1024, 65535};
    return s;
}

TEST(IpsecSelectorTest, OutboundSourceIsLocal)
{
    const IpsecSelector s = WebServer();
    EXPECT_TRUE(
        s.Matches(Tuple(V4("10.0.1.5"), V4("192.0.2.9"), 6, 80, 40000), PolicyDirection::OUTBOUND));
    EXPECT_TRUE(
        s.Matches(Tuple(V4("10.0.1.5"), V4("192.0.2.9"), 6, 80, 40000), PolicyDirection::FORWARD));
    // The reply direction of the same flow does not match outbound.
    EXPECT_FALSE(
        s.Matches(Tuple(V4("192.0.2.9"), V4("10.0.1.5"), 6, 40000, 80), PolicyDirection::OUTBOUND));
}

TEST(IpsecSelectorTest, InboundDestinationIsLocal)
{
    const IpsecSelector s = WebServer();
    EXPECT_TRUE(
        s.Matches(Tuple(V4("192.0.2.9"), V4("10.0.1.5"), 6, 40000, 80), PolicyDirection::INBOUND));
    EXPECT_FALSE(
        s.Matches(Tuple(V4("10.0.1.5"), V4("192.0.2.9"), 6, 80, 40000), PolicyDirection::INBOUND));
}

TEST(IpsecSelectorTest, EveryFieldMustMatch)
{
    const IpsecSelector s = WebServer();
    const auto out = PolicyDirection::OUTBOUND;
    EXPECT_FALSE(s.Matches(Tuple(V4("10.0.2.5"), V4("192.0.2.9"), 6, 80, 40000), out));
    EXPECT_FALSE(s.Matches(Tuple(V4("10.0.1.5"), V4("192.0.3.9"), 6, 80, 40000), out));
    EXPECT_FALSE(s.Matches(Tuple(V4("10.0.1.5"), V4("192.0.2.9"), 17, 80, 40000), out));
    EXPECT_FALSE(s.Matches(Tuple(V4("10.0.1.5"), V4("192.0.2.9"), 6, 81, 40000), out));
    EXPECT_FALSE(s.Matches(Tuple(V4("10.0.1.5"), V4("192.0.2.9"), 6, 80, 1023), out));
    EXPECT_TRUE(s.Matches(Tuple(V4("10.0.1.5"), V4("192.0.2.9"), 6, 80, 1024), out));
    EXPECT_TRUE(s.Matches(Tuple(V4("10.0.1.5"), V4("192.0.2.9"), 6, 80, 65535), out));
}

TEST(IpsecSelectorTest, AnyProtocolAndFamilies)
{
    const IpsecSelector any4 = IpsecSelector::Any(false);
    EXPECT_TRUE(
        any4.Matches(Tuple(V4("1.2.3.4"), V4("5.6.7.8"), 50, 0, 0), PolicyDirection::OUTBOUND));
    EXPECT_FALSE(any4.Matches(Tuple(V6("::1"), V6("::2"), 17, 1, 2), PolicyDirection::OUTBOUND));
    const IpsecSelector any6 = IpsecSelector::Any(true);
    EXPECT_TRUE(any6.Matches(Tuple(V6("::1"), V6("::2"), 17, 1, 2), PolicyDirection::INBOUND));
    EXPECT_FALSE(
        any6.Matches(Tuple(V4("1.2.3.4"), V4("5.6.7.8"), 6, 1, 2), PolicyDirection::INBOUND));
}

TEST(IpsecSelectorTest, IcmpTypeAndCodeInPortFields)
{
    // RFC 4301 4.4.1.1: ICMP type in the local port selector, code in the remote one, in both
    // directions. Echo request (type 8, code 0) only.
    IpsecSelector s = IpsecSelector::Any(false);
    s.protocol = 1;
    s.localPorts = PortRange::Single(8);
    s.remotePorts = PortRange::Single(0);
    EXPECT_TRUE(
        s.Matches(Tuple(V4("10.0.0.1"), V4("10.0.0.2"), 1, 8, 0), PolicyDirection::OUTBOUND));
    EXPECT_TRUE(
        s.Matches(Tuple(V4("10.0.0.2"), V4("10.0.0.1"), 1, 8, 0), PolicyDirection::INBOUND));
    EXPECT_FALSE(s.Matches(Tuple(V4("10.0.0.1"), V4("10.0.0.2"), 1, 0, 0),
                           PolicyDirection::OUTBOUND)); // echo reply
    EXPECT_FALSE(
        s.Matches(Tuple(V4("10.0.0.1"), V4("10.0.0.2"), 1, 8, 1), PolicyDirection::INBOUND));
    // ICMPv6 packet-too-big (type 2), any code.
    IpsecSelector p = IpsecSelector::Any(true);
    p.protocol = 58;
    p.localPorts = PortRange::Single(2);
    EXPECT_TRUE(
        p.Matches(Tuple(V6("2001:db8::1"), V6("2001:db8::2"), 58, 2, 0), PolicyDirection::INBOUND));
    EXPECT_TRUE(p.Matches(Tuple(V6("2001:db8::1"), V6("2001:db8::2"), 58, 2, 7),
                          PolicyDirection::OUTBOUND));
    EXPECT_FALSE(
        p.Matches(Tuple(V6("2001:db8::1"), V6("2001:db8::2"), 58, 1, 0), PolicyDirection::INBOUND));
}

TEST(IpsecSelectorTest, Validation)
{
    std::string error;
    EXPECT_TRUE(WebServer().IsValid(&error));
    IpsecSelector mixed =
        IpsecSelector::Between(IpAddressRange::Any(false), IpAddressRange::Any(true));
    EXPECT_FALSE(mixed.IsValid(&error));
    EXPECT_NE(error.find("IPv4"), std::string::npos);
    IpsecSelector reversed = WebServer();
    reversed.local = {V4("10.0.0.9"), V4("10.0.0.1")};
    EXPECT_FALSE(reversed.IsValid(&error));
    EXPECT_NE(error.find("first > last"), std::string::npos);
    IpsecSelector ports = WebServer();
    ports.remotePorts = {10, 9};
    EXPECT_FALSE(ports.IsValid(nullptr));
}

} // namespace
} // namespace ns3
