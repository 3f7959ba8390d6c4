/* SPDX-License-Identifier: GPL-2.0-only */

// IPsec over IPv6 (ESP and AH in place of ns-3's empty Ipv6ExtensionESP / Ipv6ExtensionAH) and
// across families: transport host-to-host, 6-in-6 and 6-in-4 tunnels between gateways, AH and
// ESP+AH bundles over IPv6, IPv6-only and IPv4-only nodes.

#include "ipsec-test-network.h"
#include "simulation-test.h"

#include "ns3/error-model.h"
#include "ns3/inet6-socket-address.h"
#include "ns3/ipv6-address-helper.h"
#include "ns3/ipv6-l3-protocol.h"
#include "ns3/ipv6-raw-socket-factory.h"
#include "ns3/ipv6-static-routing-helper.h"
#include "ns3/ipv6-static-routing.h"
#include "ns3/pointer.h"
#include "ns3/security-association-database.h"
#include "ns3/security-association.h"
#include "ns3/security-policy.h"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <sstream>

namespace ns3
{
namespace
{

using namespace ipsectest;

/// Counts the IPv6 packets a node sends, by next header.
struct Ipv6TxCount
{
    std::map<uint8_t, uint32_t> byNextHeader; //!< next header -> packets

    void Tx(Ptr<const Packet> packet, Ptr<Ipv6> /* ipv6 */, uint32_t /* interface */)
    {
        Ipv6Header h;
        packet->PeekHeader(h);
        ++byNextHeader[h.GetNextHeader()];
    }
};

void
OpenSink6(UdpSink* sink, Ptr<Node> node, uint16_t port)
{
    sink->socket = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
    sink->socket->Bind(Inet6SocketAddress(Ipv6Address::GetAny(), port));
    sink->socket->SetRecvCallback(MakeCallback(&UdpSink::Receive, sink));
}

void
SendUdp6At(Ptr<Node> node, Ipv6Address dst, uint16_t port, uint32_t size, Time at)
{
    Simulator::Schedule(at, [=]() {
        Ptr<Socket> s = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
        s->Bind6();
        s->SendTo(Create<Packet>(size), 0, Inet6SocketAddress(dst, port));
        s->Close();
    });
}

class IpsecIpv6Test : public SimulationTest
{
};

void
RunTransport6(bool udpEncap)
{
    TwoHosts net;
    BuildTwoHosts(&net);
    Ipv6AddressHelper address6;
    address6.SetBase(Ipv6Address("2001:db8::"), Ipv6Prefix(64));
    Ipv6InterfaceContainer ifs6 = address6.Assign(net.devices);
    const Ipv6Address a = ifs6.GetAddress(0, 1);
    const Ipv6Address b = ifs6.GetAddress(1, 1);
    IpsecHelper ipsec;
    ipsec.SetUdpEncapsulation(udpEncap);
    ipsec.Install(net.nodes);
    ipsec.AssignStreams(net.nodes, 5);
    std::string error;
    ASSERT_TRUE(ipsec.ProtectTransport(net.A(), a, net.B(), b, 0, &error)) << error;
    UdpSink sinkA;
    UdpSink sinkB;
    OpenSink6(&sinkA, net.A(), 6000);
    OpenSink6(&sinkB, net.B(), 6000);
    Ipv6TxCount txA;
    net.A()->GetObject<Ipv6L3Protocol>()->TraceConnectWithoutContext(
        "Tx",
        MakeCallback(&Ipv6TxCount::Tx, &txA));
    for (int i = 0; i < 3; ++i)
    {
        SendUdp6At(net.A(), b, 6000, 100 + i, Seconds(2 + 0.1 * i));
        SendUdp6At(net.B(), a, 6000, 200 + i, Seconds(2.05 + 0.1 * i));
    }
    Simulator::Run();
    EXPECT_EQ(sinkB.sizes, (std::vector<uint32_t>{100, 101, 102}));
    EXPECT_EQ(sinkA.sizes, (std::vector<uint32_t>{200, 201, 202}));
    EXPECT_EQ(txA.byNextHeader[50], udpEncap ? 0u : 3u);
    EXPECT_EQ(txA.byNextHeader[17], udpEncap ? 3u : 0u); // RFC 3948 over IPv6
    EXPECT_EQ(net.A()->GetObject<IpsecStack>()->GetUnprotectedCount(), 3u);
}

TEST_F(IpsecIpv6Test, TransportBothDirections)
{
    RunTransport6(false);
}

TEST_F(IpsecIpv6Test, TransportUdpEncapsulated)
{
    RunTransport6(true);
}

/// hostA -- gwA == gwB -- hostB with IPv6 LANs 2001:a::/64, 2001:b::/64 (not 2001:db8::/32:
/// ns-3 refuses to forward the documentation prefix), and the WAN
/// in IPv6 (2001:f::/64) or only in IPv4 (the Chain's 192.168.100.0/24).
struct Chain6
{
    Chain v4;                  //!< the IPv4 chain (routes, WAN addresses)
    Ipv6InterfaceContainer a6; //!< LAN A
    Ipv6InterfaceContainer w6; //!< WAN
    Ipv6InterfaceContainer b6; //!< LAN B
};

void
BuildChain6(Chain6* net)
{
    BuildChain(&net->v4);
    Ipv6AddressHelper address6;
    address6.SetBase(Ipv6Address("2001:a::"), Ipv6Prefix(64));
    net->a6 = address6.Assign(net->v4.lanA);
    address6.SetBase(Ipv6Address("2001:f::"), Ipv6Prefix(64));
    net->w6 = address6.Assign(net->v4.wan);
    address6.SetBase(Ipv6Address("2001:b::"), Ipv6Prefix(64));
    net->b6 = address6.Assign(net->v4.lanB);
    net->a6.SetForwarding(1, true);
    net->w6.SetForwarding(0, true);
    net->w6.SetForwarding(1, true);
    net->b6.SetForwarding(0, true);
    Ipv6StaticRoutingHelper routing;
    auto ipv6Of = [](Ptr<Node> n) { return n->GetObject<Ipv6>(); };
    Ptr<Ipv6StaticRouting> hostA = routing.GetStaticRouting(ipv6Of(net->v4.HostA()));
    hostA->SetDefaultRoute(net->a6.GetAddress(1, 1), 1);
    Ptr<Ipv6StaticRouting> hostB = routing.GetStaticRouting(ipv6Of(net->v4.HostB()));
    hostB->SetDefaultRoute(net->b6.GetAddress(0, 1), 1);
    Ptr<Ipv6StaticRouting> gwA = routing.GetStaticRouting(ipv6Of(net->v4.GwA()));
    gwA->AddNetworkRouteTo(Ipv6Address("2001:b::"), Ipv6Prefix(64), net->w6.GetAddress(1, 1), 2);
    Ptr<Ipv6StaticRouting> gwB = routing.GetStaticRouting(ipv6Of(net->v4.GwB()));
    gwB->AddNetworkRouteTo(Ipv6Address("2001:a::"), Ipv6Prefix(64), net->w6.GetAddress(0, 1), 1);
}

void
RunTunnel6(bool outerIpv4)
{
    Chain6 net;
    BuildChain6(&net);
    IpsecHelper ipsec;
    NodeContainer gateways(net.v4.GwA(), net.v4.GwB());
    ipsec.Install(gateways);
    ipsec.AssignStreams(gateways, 9);
    const IpAddress outerA =
        outerIpv4 ? IpAddress(net.v4.wanIf.GetAddress(0)) : IpAddress(net.w6.GetAddress(0, 1));
    const IpAddress outerB =
        outerIpv4 ? IpAddress(net.v4.wanIf.GetAddress(1)) : IpAddress(net.w6.GetAddress(1, 1));
    std::string error;
    ASSERT_TRUE(ipsec.ProtectTunnel(net.v4.GwA(),
                                    outerA,
                                    IpAddressRange::Prefix(Ipv6Address("2001:a::"), 64),
                                    net.v4.GwB(),
                                    outerB,
                                    IpAddressRange::Prefix(Ipv6Address("2001:b::"), 64),
                                    &error))
        << error;
    UdpSink sinkA;
    UdpSink sinkB;
    OpenSink6(&sinkA, net.v4.HostA(), 6000);
    OpenSink6(&sinkB, net.v4.HostB(), 6000);
    Ipv4TxLog txGwA4;
    LogTx(&txGwA4, net.v4.GwA());
    Ipv6TxCount txGwA6;
    net.v4.GwA()->GetObject<Ipv6L3Protocol>()->TraceConnectWithoutContext(
        "Tx",
        MakeCallback(&Ipv6TxCount::Tx, &txGwA6));
    const Ipv6Address hostA = net.a6.GetAddress(0, 1);
    const Ipv6Address hostB = net.b6.GetAddress(1, 1);
    for (int i = 0; i < 3; ++i)
    {
        SendUdp6At(net.v4.HostA(), hostB, 6000, 300 + i, Seconds(2 + 0.1 * i));
        SendUdp6At(net.v4.HostB(), hostA, 6000, 400 + i, Seconds(2 + 0.1 * i));
    }
    Simulator::Run();
    EXPECT_EQ(sinkB.sizes, (std::vector<uint32_t>{300, 301, 302}));
    EXPECT_EQ(sinkA.sizes, (std::vector<uint32_t>{400, 401, 402}));
    if (outerIpv4)
    {
        EXPECT_EQ(txGwA4.Count(50), 3u); // 6-in-4: ESP in IPv4 on the WAN
        EXPECT_EQ(txGwA6.byNextHeader[50], 0u);
    }
    else
    {
        EXPECT_EQ(txGwA6.byNextHeader[50], 3u); // 6-in-6
    }
    EXPECT_EQ(txGwA6.byNextHeader[17], 3u); // decapsulated towards hostA
}

// IPv6 transport mode: the socket gets the hop limit and traffic class the sender's socket set
// (RFC 4301 5.1.2), one tag each, from the Packet that arrived.
TEST_F(IpsecIpv6Test, SocketGetsEachHeaderFieldOnce)
{
    TwoHosts net;
    BuildTwoHosts(&net);
    Ipv6AddressHelper address6;
    address6.SetBase(Ipv6Address("2001:db8::"), Ipv6Prefix(64));
    Ipv6InterfaceContainer ifs6 = address6.Assign(net.devices);
    const Ipv6Address a = ifs6.GetAddress(0, 1);
    const Ipv6Address b = ifs6.GetAddress(1, 1);
    IpsecHelper ipsec;
    ipsec.Install(net.nodes);
    ipsec.AssignStreams(net.nodes, 5);
    std::string error;
    ASSERT_TRUE(ipsec.ProtectTransport(net.A(), a, net.B(), b, 0, &error)) << error;
    HeaderFieldSink sink;
    sink.Open(net.B(), 6000, true);
    for (int i = 0; i < 3; ++i)
    {
        SendMarkedUdpAt(net.A(), Inet6SocketAddress(b, 6000), 100, 33, 0x28, Seconds(2 + 0.1 * i));
    }
    Simulator::Run();
    ASSERT_EQ(sink.tags.size(), 3u);
    for (size_t i = 0; i < sink.tags.size(); ++i)
    {
        EXPECT_EQ(sink.ttl[i], 33);
        EXPECT_EQ(sink.tos[i], 0x28);
        EXPECT_EQ(sink.tags[i].count("ns3::SocketIpv6HopLimitTag"), 1u);
        EXPECT_EQ(sink.tags[i].count("ns3::SocketIpv6TclassTag"), 1u);
        EXPECT_EQ(sink.tags[i].count("ns3::Ipv6PacketInfoTag"), 1u);
        for (const auto& [name, count] : sink.tags[i])
        {
            EXPECT_EQ(count, 1u) << name;
        }
    }
    EXPECT_EQ(net.B()->GetObject<IpsecStack>()->GetUnprotectedCount(), 3u);
}

TEST_F(IpsecIpv6Test, TunnelSixInSix)
{
    RunTunnel6(false);
}

TEST_F(IpsecIpv6Test, TunnelSixInFour)
{
    RunTunnel6(true);
}

// 4-in-6: IPv4 LANs joined over an IPv6-only tunnel between the gateways.
TEST_F(IpsecIpv6Test, TunnelFourInSix)
{
    Chain6 net;
    BuildChain6(&net);
    IpsecHelper ipsec;
    NodeContainer gateways(net.v4.GwA(), net.v4.GwB());
    ipsec.Install(gateways);
    std::string error;
    ASSERT_TRUE(ipsec.ProtectTunnel(net.v4.GwA(),
                                    net.w6.GetAddress(0, 1),
                                    IpAddressRange::Prefix(Ipv4Address("10.1.1.0"), 24),
                                    net.v4.GwB(),
                                    net.w6.GetAddress(1, 1),
                                    IpAddressRange::Prefix(Ipv4Address("10.2.2.0"), 24),
                                    &error))
        << error;
    UdpSink sinkB;
    OpenSink(&sinkB, net.v4.HostB(), 5000);
    Ipv4TxLog txGwA4;
    LogTx(&txGwA4, net.v4.GwA());
    Ipv6TxCount txGwA6;
    net.v4.GwA()->GetObject<Ipv6L3Protocol>()->TraceConnectWithoutContext(
        "Tx",
        MakeCallback(&Ipv6TxCount::Tx, &txGwA6));
    for (int i = 0; i < 3; ++i)
    {
        SendUdpAt(net.v4.HostA(), net.v4.lanBIf.GetAddress(1), 5000, 700 + i, Seconds(2 + 0.1 * i));
    }
    Simulator::Run();
    EXPECT_EQ(sinkB.sizes, (std::vector<uint32_t>{700, 701, 702}));
    EXPECT_EQ(txGwA6.byNextHeader[50], 3u);
    uint32_t plainOnWan = 0;
    for (const auto& e : txGwA4.entries)
    {
        plainOnWan += e.header.GetDestination() == net.v4.lanBIf.GetAddress(1);
    }
    EXPECT_EQ(plainOnWan, 0u);
}

// ------------------------------------------------------------------------------------------
// AH over IPv6 (RFC 4302 with RFC 8200 headers), IPv6-only and IPv4-only nodes
// ------------------------------------------------------------------------------------------

/// Records every IPv6 packet a node sends (base header included).
struct Ipv6TxLog
{
    std::vector<Bytes> packets; //!< octets from the IPv6 base header on

    void Tx(Ptr<const Packet> packet, Ptr<Ipv6> /* ipv6 */, uint32_t /* interface */)
    {
        Bytes octets(packet->GetSize());
        packet->CopyData(octets.data(), packet->GetSize());
        packets.push_back(octets);
    }

    /// \return the packets whose base header's next header is \p nextHeader
    std::vector<Bytes> WithNextHeader(uint8_t nextHeader) const
    {
        std::vector<Bytes> out;
        for (const auto& p : packets)
        {
            if (p.size() >= 40 && p[6] == nextHeader)
            {
                out.push_back(p);
            }
        }
        return out;
    }
};

void
LogTx6(Ipv6TxLog* log, Ptr<Node> node)
{
    node->GetObject<Ipv6L3Protocol>()->TraceConnectWithoutContext(
        "Tx",
        MakeCallback(&Ipv6TxLog::Tx, log));
}

/// The IPv6 address at \p p.
Ipv6Address
AddressAt(const uint8_t* p)
{
    uint8_t octets[16];
    std::copy(p, p + 16, octets);
    return Ipv6Address(octets);
}

uint32_t
Read32(const uint8_t* p)
{
    return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | p[3];
}

/// Two hosts on one link with the IP stacks asked for: IPv4 10.0.0.0/24 (in net->ifs), IPv6
/// 2001:db8::/64 (\p a, \p b).
void
BuildHosts6(TwoHosts* net, bool ipv4, bool ipv6, Ipv6Address* a, Ipv6Address* b)
{
    net->nodes.Create(2);
    net->link.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
    net->link.SetChannelAttribute("Delay", StringValue("1ms"));
    net->devices = net->link.Install(net->nodes);
    InternetStackHelper internet;
    internet.SetIpv4StackInstall(ipv4);
    internet.SetIpv6StackInstall(ipv6);
    internet.Install(net->nodes);
    if (ipv4)
    {
        Ipv4AddressHelper address("10.0.0.0", "255.255.255.0");
        net->ifs = address.Assign(net->devices);
    }
    if (ipv6)
    {
        Ipv6AddressHelper address6;
        address6.SetBase(Ipv6Address("2001:db8::"), Ipv6Prefix(64));
        Ipv6InterfaceContainer ifs6 = address6.Assign(net->devices);
        *a = ifs6.GetAddress(0, 1);
        *b = ifs6.GetAddress(1, 1);
    }
}

/// The outbound SA of \p protocol on a node (the helper installs one per direction).
Ptr<SecurityAssociation>
OutboundSa(Ptr<Node> node, IpsecProtocol protocol)
{
    for (const auto& sa : node->GetObject<IpsecStack>()->GetSad()->GetAll())
    {
        if (sa->GetProtocol() == protocol && sa->GetDirection() == SaDirection::OUTBOUND)
        {
            return sa;
        }
    }
    return nullptr;
}

/**
 * The AH ICV of an IPv6 packet as sent (AH right after the base header), recomputed with
 * OpenSSL from RFC 4302 3.3.3.1.2 alone: traffic class, flow label and hop limit zeroed, the
 * ICV field (with its padding) zeroed, everything else as on the wire.
 */
Bytes
ReferenceAhIcv6(const Bytes& wire, const SaParams& sa, const char* digest, size_t icvSize)
{
    Bytes m = wire;
    m[0] &= 0xf0;
    m[1] = m[2] = m[3] = 0;
    m[7] = 0;
    const size_t ahLength = (size_t(m[41]) + 2) * 4;
    std::fill(m.begin() + 40 + 12, m.begin() + 40 + ahLength, 0);
    unsigned char mac[EVP_MAX_MD_SIZE];
    size_t macLength = 0;
    if (!EVP_Q_mac(nullptr,
                   "HMAC",
                   nullptr,
                   digest,
                   nullptr,
                   sa.integKey.data(),
                   sa.integKey.size(),
                   m.data(),
                   m.size(),
                   mac,
                   sizeof(mac),
                   &macLength) ||
        macLength < icvSize)
    {
        return {};
    }
    return Bytes(mac, mac + icvSize);
}

/// An AH integrity transform and what RFC 4302 / RFC 4868 / RFC 2404 say about it.
struct AhCase
{
    IntegId integ;      //!< transform
    const char* digest; //!< OpenSSL digest of its HMAC
    size_t icv;         //!< ICV octets
    size_t ahSize;      //!< 12 + ICV padded to 8 octets (RFC 4302 2.6, IPv6)
};

/// Names an AhCase in test output.
void
PrintTo(const AhCase& c, std::ostream* os)
{
    *os << "HMAC-" << c.digest << ", ICV " << c.icv << ", AH " << c.ahSize;
}

class IpsecAhIpv6Test : public SimulationTest, public ::testing::WithParamInterface<AhCase>
{
};

// Host to host, both directions: delivered; on the wire next header 51, AH = 12 + ICV padded
// to 8 octets, Payload Len = AH/4 - 2, the SPI of the receiver's SA, sequence 1, 2, ...; the
// ICV recomputed with OpenSSL over the packet exactly as sent matches (so the stack sent the
// header it authenticated), with a traffic class and hop limit of the socket's choosing.
TEST_P(IpsecAhIpv6Test, TransportBothDirectionsLayout)
{
    const AhCase c = GetParam();
    TwoHosts net;
    Ipv6Address a;
    Ipv6Address b;
    BuildHosts6(&net, true, true, &a, &b);
    IpsecHelper ipsec;
    ipsec.SetAhTransform(c.integ);
    ipsec.Install(net.nodes);
    ipsec.AssignStreams(net.nodes, 3);
    std::string error;
    ASSERT_TRUE(ipsec.ProtectTransport(net.A(), a, net.B(), b, 0, &error)) << error;
    UdpSink sinkA;
    UdpSink sinkB;
    OpenSink6(&sinkA, net.A(), 6000);
    OpenSink6(&sinkB, net.B(), 6000);
    Ipv6TxLog txA;
    Ipv6TxLog txB;
    LogTx6(&txA, net.A());
    LogTx6(&txB, net.B());
    IpsecEvents evA;
    IpsecEvents evB;
    WatchIpsec(&evA, net.A());
    WatchIpsec(&evB, net.B());
    for (int i = 0; i < 3; ++i)
    {
        Simulator::Schedule(Seconds(2 + 0.1 * i), [&net, b, i]() {
            Ptr<Socket> s = Socket::CreateSocket(net.A(), UdpSocketFactory::GetTypeId());
            s->Bind6();
            s->SetIpv6Tclass(0xb8); // EF: must not disturb the ICV (mutable)
            s->SetIpv6HopLimit(17);
            s->SendTo(Create<Packet>(100 + i), 0, Inet6SocketAddress(b, 6000));
            s->Close();
        });
        SendUdp6At(net.B(), a, 6000, 200 + i, Seconds(2.05 + 0.1 * i));
    }
    Simulator::Run();
    EXPECT_EQ(sinkB.sizes, (std::vector<uint32_t>{100, 101, 102}));
    EXPECT_EQ(sinkA.sizes, (std::vector<uint32_t>{200, 201, 202}));
    EXPECT_TRUE(evA.drops.empty());
    EXPECT_TRUE(evB.drops.empty());
    EXPECT_TRUE(txA.WithNextHeader(17).empty()); // nothing in clear
    EXPECT_TRUE(txB.WithNextHeader(17).empty());

    Ptr<SecurityAssociation> saA = OutboundSa(net.A(), IpsecProtocol::AH);
    ASSERT_TRUE(saA);
    const std::vector<Bytes> ah = txA.WithNextHeader(51);
    ASSERT_EQ(ah.size(), 3u);
    ASSERT_EQ(evA.protects.size(), 3u);
    for (size_t i = 0; i < ah.size(); ++i)
    {
        const Bytes& w = ah[i];
        const size_t udp = 8 + 100 + i;
        ASSERT_EQ(w.size(), 40 + c.ahSize + udp);
        EXPECT_EQ(size_t((w[4] << 8) | w[5]), c.ahSize + udp); // payload length as sent
        EXPECT_EQ(w[1] >> 4 | (w[0] & 0x0f) << 4, 0xb8);       // traffic class
        EXPECT_EQ(w[7], 17);                                   // hop limit
        EXPECT_EQ(w[40], 17);                                  // AH next header: UDP
        EXPECT_EQ(size_t(w[41]), c.ahSize / 4 - 2);            // RFC 4302 2.2
        EXPECT_EQ(w[42], 0);                                   // reserved
        EXPECT_EQ(w[43], 0);
        EXPECT_EQ(Read32(&w[44]), saA->GetSpi());
        EXPECT_EQ(Read32(&w[48]), i + 1); // RFC 4302 2.5: the first packet is 1
        for (size_t pad = 12 + c.icv; pad < c.ahSize; ++pad)
        {
            EXPECT_EQ(w[40 + pad], 0) << "ICV padding octet " << pad;
        }
        const Bytes icv(w.begin() + 52, w.begin() + 52 + c.icv);
        EXPECT_EQ(icv, ReferenceAhIcv6(w, saA->GetParams(), c.digest, c.icv)) << "packet " << i;
        EXPECT_EQ(evA.protects[i].first, 40 + udp);
        EXPECT_EQ(evA.protects[i].second, 40 + c.ahSize + udp);
    }
    EXPECT_TRUE(net.B()->GetObject<IpsecStack>()->GetSad()->Lookup(saA->GetSpi(),
                                                                   IpAddress(b),
                                                                   IpsecProtocol::AH));
    EXPECT_EQ(txB.WithNextHeader(51).size(), 3u);
    EXPECT_EQ(net.A()->GetObject<IpsecStack>()->GetUnprotectedCount(), 3u);
    EXPECT_EQ(net.B()->GetObject<IpsecStack>()->GetUnprotectedCount(), 3u);
}

INSTANTIATE_TEST_SUITE_P(
    Integrity,
    IpsecAhIpv6Test,
    ::testing::Values(AhCase{IntegId::HMAC_SHA1_96, "SHA1", 12, 24},        // 24: aligned
                      AhCase{IntegId::HMAC_SHA2_256_128, "SHA256", 16, 32}, // 28 padded
                      AhCase{IntegId::HMAC_SHA2_384_192, "SHA384", 24, 40}, // 36 padded
                      AhCase{IntegId::HMAC_SHA2_512_256, "SHA512", 32, 48}  // 44 padded
                      ),
    [](const ::testing::TestParamInfo<AhCase>& info) { return std::string(info.param.digest); });

// AH tunnel between IPv6 gateways (6-in-6): the LAN traffic crosses the WAN inside AH with the
// whole inner packet as payload (AH next header 41), and is delivered on the far side.
TEST_F(IpsecIpv6Test, AhTunnelSixInSix)
{
    Chain6 net;
    BuildChain6(&net);
    IpsecHelper ipsec;
    ipsec.SetAhTransform(IntegId::HMAC_SHA2_256_128);
    NodeContainer gateways(net.v4.GwA(), net.v4.GwB());
    ipsec.Install(gateways);
    ipsec.AssignStreams(gateways, 9);
    std::string error;
    ASSERT_TRUE(ipsec.ProtectTunnel(net.v4.GwA(),
                                    net.w6.GetAddress(0, 1),
                                    IpAddressRange::Prefix(Ipv6Address("2001:a::"), 64),
                                    net.v4.GwB(),
                                    net.w6.GetAddress(1, 1),
                                    IpAddressRange::Prefix(Ipv6Address("2001:b::"), 64),
                                    &error))
        << error;
    UdpSink sinkA;
    UdpSink sinkB;
    OpenSink6(&sinkA, net.v4.HostA(), 6000);
    OpenSink6(&sinkB, net.v4.HostB(), 6000);
    Ipv6TxLog txGwA;
    LogTx6(&txGwA, net.v4.GwA());
    IpsecEvents evGwB;
    WatchIpsec(&evGwB, net.v4.GwB());
    const Ipv6Address hostA = net.a6.GetAddress(0, 1);
    const Ipv6Address hostB = net.b6.GetAddress(1, 1);
    for (int i = 0; i < 3; ++i)
    {
        SendUdp6At(net.v4.HostA(), hostB, 6000, 300 + i, Seconds(2 + 0.1 * i));
        SendUdp6At(net.v4.HostB(), hostA, 6000, 400 + i, Seconds(2 + 0.1 * i));
    }
    Simulator::Run();
    EXPECT_EQ(sinkB.sizes, (std::vector<uint32_t>{300, 301, 302}));
    EXPECT_EQ(sinkA.sizes, (std::vector<uint32_t>{400, 401, 402}));
    EXPECT_TRUE(evGwB.drops.empty());
    Ptr<SecurityAssociation> sa = OutboundSa(net.v4.GwA(), IpsecProtocol::AH);
    ASSERT_TRUE(sa);
    const std::vector<Bytes> ah = txGwA.WithNextHeader(51);
    ASSERT_EQ(ah.size(), 3u);
    const Ipv6Address wanA = net.w6.GetAddress(0, 1);
    const Ipv6Address wanB = net.w6.GetAddress(1, 1);
    for (size_t i = 0; i < ah.size(); ++i)
    {
        const Bytes& w = ah[i];
        // outer header + AH 32 + inner IPv6 header 40 + UDP 8 + payload
        ASSERT_EQ(w.size(), 40u + 32u + 40u + 8u + 300u + i);
        EXPECT_EQ(AddressAt(&w[8]), wanA);
        EXPECT_EQ(AddressAt(&w[24]), wanB);
        EXPECT_EQ(w[40], 41); // RFC 4302 3.1.2: the inner packet follows AH
        EXPECT_EQ(Read32(&w[44]), sa->GetSpi());
        EXPECT_EQ(w[72] >> 4, 6);
        EXPECT_EQ(AddressAt(&w[72 + 8]), hostA);
        EXPECT_EQ(AddressAt(&w[72 + 24]), hostB);
        EXPECT_EQ(ReferenceAhIcv6(w, sa->GetParams(), "SHA256", 16),
                  Bytes(w.begin() + 52, w.begin() + 68));
    }
    EXPECT_TRUE(txGwA.WithNextHeader(50).empty());
}

// AH tunnels across families: IPv4 LANs over an IPv6 WAN (4-in-6: AH next header 4 after an
// IPv6 base header) and IPv6 LANs over an IPv4 WAN (6-in-4: AH next header 41 in IPv4).
TEST_F(IpsecIpv6Test, AhTunnelsAcrossFamilies)
{
    for (const bool fourInSix : {true, false})
    {
        SCOPED_TRACE(fourInSix ? "4-in-6" : "6-in-4");
        Chain6 net;
        BuildChain6(&net);
        IpsecHelper ipsec;
        ipsec.SetAhTransform(IntegId::HMAC_SHA2_256_128);
        NodeContainer gateways(net.v4.GwA(), net.v4.GwB());
        ipsec.Install(gateways);
        std::string error;
        const IpAddress outerA =
            fourInSix ? IpAddress(net.w6.GetAddress(0, 1)) : IpAddress(net.v4.wanIf.GetAddress(0));
        const IpAddress outerB =
            fourInSix ? IpAddress(net.w6.GetAddress(1, 1)) : IpAddress(net.v4.wanIf.GetAddress(1));
        const IpAddressRange lanA = fourInSix ? IpAddressRange::Prefix(Ipv4Address("10.1.1.0"), 24)
                                              : IpAddressRange::Prefix(Ipv6Address("2001:a::"), 64);
        const IpAddressRange lanB = fourInSix ? IpAddressRange::Prefix(Ipv4Address("10.2.2.0"), 24)
                                              : IpAddressRange::Prefix(Ipv6Address("2001:b::"), 64);
        ASSERT_TRUE(
            ipsec.ProtectTunnel(net.v4.GwA(), outerA, lanA, net.v4.GwB(), outerB, lanB, &error))
            << error;
        UdpSink sinkB;
        Ipv4TxLog txGwA4;
        LogTx(&txGwA4, net.v4.GwA());
        Ipv6TxLog txGwA6;
        LogTx6(&txGwA6, net.v4.GwA());
        IpsecEvents evGwB;
        WatchIpsec(&evGwB, net.v4.GwB());
        if (fourInSix)
        {
            OpenSink(&sinkB, net.v4.HostB(), 5000);
            for (int i = 0; i < 3; ++i)
            {
                SendUdpAt(net.v4.HostA(),
                          net.v4.lanBIf.GetAddress(1),
                          5000,
                          700 + i,
                          Seconds(2 + 0.1 * i));
            }
        }
        else
        {
            OpenSink6(&sinkB, net.v4.HostB(), 5000);
            for (int i = 0; i < 3; ++i)
            {
                SendUdp6At(net.v4.HostA(),
                           net.b6.GetAddress(1, 1),
                           5000,
                           700 + i,
                           Seconds(2 + 0.1 * i));
            }
        }
        Simulator::Run();
        EXPECT_EQ(sinkB.sizes, (std::vector<uint32_t>{700, 701, 702}));
        EXPECT_TRUE(evGwB.drops.empty());
        if (fourInSix)
        {
            const std::vector<Bytes> ah = txGwA6.WithNextHeader(51);
            ASSERT_EQ(ah.size(), 3u);
            EXPECT_EQ(ah[0][40], 4); // AH next header: IPv4
            EXPECT_EQ(ah[0].size(), 40u + 32u + 20u + 8u + 700u);
            EXPECT_EQ(txGwA4.Count(51), 0u);
        }
        else
        {
            ASSERT_EQ(txGwA4.Count(51), 3u);
            EXPECT_TRUE(txGwA6.WithNextHeader(51).empty());
            Ptr<Packet> p = txGwA4.entries.back().packet->Copy();
            Ipv4Header h;
            p->RemoveHeader(h);
            uint8_t nh = 0;
            p->CopyData(&nh, 1);
            EXPECT_EQ(nh, 41);                                    // AH next header: IPv6
            EXPECT_EQ(h.GetPayloadSize(), 28u + 40u + 8u + 702u); // AH 12 + 16, IPv4 alignment
        }
        Simulator::Destroy();
    }
}

// AH transport end to end across two IPv6 routers: each decrements the hop limit (mutable,
// outside the ICV) and the packets still verify; a datagram larger than the MTU is fragmented
// after AH at the source and verified after reassembly (RFC 4302 3.3.4, 3.4.1) with the payload
// length of the whole packet.
TEST_F(IpsecIpv6Test, AhTransportAcrossRoutersAndFragmented)
{
    Chain6 net;
    BuildChain6(&net);
    IpsecHelper ipsec;
    ipsec.SetAhTransform(IntegId::HMAC_SHA2_256_128);
    NodeContainer hosts(net.v4.HostA(), net.v4.HostB());
    ipsec.Install(hosts);
    ipsec.AssignStreams(hosts, 11);
    const Ipv6Address hostA = net.a6.GetAddress(0, 1);
    const Ipv6Address hostB = net.b6.GetAddress(1, 1);
    std::string error;
    ASSERT_TRUE(ipsec.ProtectTransport(net.v4.HostA(), hostA, net.v4.HostB(), hostB, 0, &error))
        << error;
    UdpSink sinkA;
    UdpSink sinkB;
    OpenSink6(&sinkA, net.v4.HostA(), 6000);
    OpenSink6(&sinkB, net.v4.HostB(), 6000);
    Ipv6TxLog txA;
    LogTx6(&txA, net.v4.HostA());
    IpsecEvents evA;
    IpsecEvents evB;
    WatchIpsec(&evA, net.v4.HostA());
    WatchIpsec(&evB, net.v4.HostB());
    SendUdp6At(net.v4.HostA(), hostB, 6000, 500, Seconds(2));
    SendUdp6At(net.v4.HostB(), hostA, 6000, 501, Seconds(2.1));
    SendUdp6At(net.v4.HostA(), hostB, 6000, 3000, Seconds(2.2)); // > 1500: fragmented
    Simulator::Run();
    EXPECT_EQ(sinkB.sizes, (std::vector<uint32_t>{500, 3000}));
    EXPECT_EQ(sinkA.sizes, (std::vector<uint32_t>{501}));
    EXPECT_TRUE(evA.drops.empty());
    EXPECT_TRUE(evB.drops.empty());
    EXPECT_EQ(txA.WithNextHeader(51).size(), 1u);
    EXPECT_EQ(txA.WithNextHeader(44).size(), 3u); // 3000 + 8 + 32 octets in 3 fragments
    EXPECT_TRUE(txA.WithNextHeader(17).empty());
    EXPECT_EQ(net.v4.HostB()->GetObject<IpsecStack>()->GetUnprotectedCount(), 2u);
}

// RFC 4301 4.3 bundle over IPv6: AH outside ESP on every packet (AH next header 50, AH length
// added to the ESP packet), both peeled off at the receiver, both directions delivered.
TEST_F(IpsecIpv6Test, EspInsideAhBundle)
{
    TwoHosts net;
    Ipv6Address a;
    Ipv6Address b;
    BuildHosts6(&net, true, true, &a, &b);
    IpsecHelper ipsec;
    ipsec.SetAhBundle(IntegId::HMAC_SHA2_256_128);
    ipsec.Install(net.nodes);
    ipsec.AssignStreams(net.nodes, 5);
    std::string error;
    ASSERT_TRUE(ipsec.ProtectTransport(net.A(), a, net.B(), b, 0, &error)) << error;
    UdpSink sinkA;
    UdpSink sinkB;
    OpenSink6(&sinkA, net.A(), 6000);
    OpenSink6(&sinkB, net.B(), 6000);
    Ipv6TxLog txA;
    LogTx6(&txA, net.A());
    SendUdp6At(net.A(), b, 6000, 100, Seconds(2));
    SendUdp6At(net.A(), b, 6000, 101, Seconds(2.1));
    SendUdp6At(net.B(), a, 6000, 200, Seconds(2.2));
    Simulator::Run();
    EXPECT_EQ(sinkB.sizes, (std::vector<uint32_t>{100, 101}));
    EXPECT_EQ(sinkA.sizes, (std::vector<uint32_t>{200}));
    Ptr<SecurityAssociation> ahSa = OutboundSa(net.A(), IpsecProtocol::AH);
    Ptr<SecurityAssociation> espSa = OutboundSa(net.A(), IpsecProtocol::ESP);
    ASSERT_TRUE(ahSa && espSa);
    const std::vector<Bytes> ah = txA.WithNextHeader(51);
    ASSERT_EQ(ah.size(), 2u);
    EXPECT_TRUE(txA.WithNextHeader(50).empty());
    const Bytes& w = ah[0];
    EXPECT_EQ(w[40], 50); // AH's next header: ESP
    EXPECT_EQ(Read32(&w[44]), ahSa->GetSpi());
    EXPECT_EQ(Read32(&w[40 + 32]), espSa->GetSpi()); // ESP right after the 32-octet AH
    // ESP (AES-GCM-16) for UDP 108: 8 + IV 8 + 112 (padded with trailer) + ICV 16 = 144.
    EXPECT_EQ(w.size(), 40u + 32u + 144u);
    EXPECT_EQ(ReferenceAhIcv6(w, ahSa->GetParams(), "SHA256", 16),
              Bytes(w.begin() + 52, w.begin() + 68));
    EXPECT_EQ(net.B()->GetObject<IpsecStack>()->GetUnprotectedCount(), 4u); // AH + ESP, twice
    EXPECT_EQ(net.A()->GetObject<IpsecStack>()->GetUnprotectedCount(), 2u);
}

/**
 * An AH/IPv6 transport packet with a Hop-by-Hop Options header before AH, built and
 * authenticated in the test from RFC 4302 3.3.3.1.2 alone (HMAC-SHA-256-128, 32-octet AH): the
 * payload of an IPv6 packet with next header 0 (Hop-by-Hop), as a raw socket sends it.
 * \param sa the outbound AH SA (key, SPI)
 * \param seq sequence number
 * \param optionType the option's type (0x20 bit: may change en route, RFC 8200 4.2)
 * \param sent the 4 option data octets on the wire
 * \param authenticated the 4 option data octets the ICV covers
 */
Bytes
BuildAhAfterHopByHop(const SaParams& sa,
                     Ipv6Address src,
                     Ipv6Address dst,
                     uint32_t seq,
                     uint8_t optionType,
                     const std::array<uint8_t, 4>& sent,
                     const std::array<uint8_t, 4>& authenticated)
{
    const size_t udpSize = 8 + 20;
    Bytes payload(8 + 32 + udpSize, 0);
    payload[0] = 51; // Hop-by-Hop: next header AH, length 0 (8 octets)
    payload[2] = optionType;
    payload[3] = 4;
    std::copy(authenticated.begin(), authenticated.end(), payload.begin() + 4);
    uint8_t* ah = payload.data() + 8;
    ah[0] = 17;
    ah[1] = 32 / 4 - 2;
    for (int i = 0; i < 4; ++i)
    {
        ah[4 + i] = uint8_t(sa.spi >> (24 - 8 * i));
        ah[8 + i] = uint8_t(seq >> (24 - 8 * i));
    }
    uint8_t* udp = ah + 32;
    udp[0] = 0xc3; // source port 50000
    udp[1] = 0x50;
    udp[2] = 0x17; // destination port 6000
    udp[3] = 0x70;
    udp[5] = udpSize;
    // ICV input: base header with traffic class, flow label and hop limit zero.
    Bytes icvInput(40, 0);
    icvInput[0] = 0x60;
    icvInput[4] = uint8_t(payload.size() >> 8);
    icvInput[5] = uint8_t(payload.size());
    icvInput[6] = 0; // Hop-by-Hop
    src.Serialize(icvInput.data() + 8);
    dst.Serialize(icvInput.data() + 24);
    icvInput.insert(icvInput.end(), payload.begin(), payload.end());
    unsigned char mac[EVP_MAX_MD_SIZE];
    size_t macLength = 0;
    if (!EVP_Q_mac(nullptr,
                   "HMAC",
                   nullptr,
                   "SHA256",
                   nullptr,
                   sa.integKey.data(),
                   sa.integKey.size(),
                   icvInput.data(),
                   icvInput.size(),
                   mac,
                   sizeof(mac),
                   &macLength))
    {
        return {};
    }
    std::copy(mac, mac + 16, ah + 12);
    std::copy(sent.begin(), sent.end(), payload.begin() + 4);
    return payload;
}

// RFC 4302 3.3.3.1.2: the ICV covers the extension headers before AH, with the data of options
// that may change en route zeroed. A Hop-by-Hop header precedes AH: a mutable option's data
// may differ from what was authenticated, an immutable option's may not.
TEST_F(IpsecIpv6Test, AhAfterHopByHopOptions)
{
    TwoHosts net;
    Ipv6Address a;
    Ipv6Address b;
    BuildHosts6(&net, false, true, &a, &b);
    IpsecHelper ipsec;
    ipsec.SetAhTransform(IntegId::HMAC_SHA2_256_128);
    ipsec.Install(net.nodes);
    std::string error;
    ASSERT_TRUE(ipsec.ProtectTransport(net.A(), a, net.B(), b, 0, &error)) << error;
    Ptr<SecurityAssociation> sa = OutboundSa(net.A(), IpsecProtocol::AH);
    ASSERT_TRUE(sa);
    UdpSink sinkB;
    OpenSink6(&sinkB, net.B(), 6000);
    IpsecEvents evB;
    WatchIpsec(&evB, net.B());
    const std::array<uint8_t, 4> zero{};
    const std::array<uint8_t, 4> changed{0xde, 0xad, 0xbe, 0xef};
    const std::vector<Bytes> packets = {
        // 0x3e: skip if unknown, may change en route -> data outside the ICV: accepted
        BuildAhAfterHopByHop(sa->GetParams(), a, b, 100, 0x3e, changed, zero),
        // 0x1e: skip if unknown, does not change -> data covered: ICV failure
        BuildAhAfterHopByHop(sa->GetParams(), a, b, 101, 0x1e, changed, zero),
        // 0x1e with the data authenticated as sent: accepted
        BuildAhAfterHopByHop(sa->GetParams(), a, b, 102, 0x1e, changed, changed),
    };
    for (size_t i = 0; i < packets.size(); ++i)
    {
        ASSERT_FALSE(packets[i].empty());
        Simulator::Schedule(Seconds(2 + 0.1 * i), [&net, b, &packets, i]() {
            Ptr<Socket> raw = Socket::CreateSocket(net.A(), Ipv6RawSocketFactory::GetTypeId());
            raw->SetAttribute("Protocol", UintegerValue(0)); // Hop-by-Hop Options
            raw->SendTo(Create<Packet>(packets[i].data(), packets[i].size()),
                        0,
                        Inet6SocketAddress(b, 0));
            raw->Close();
        });
    }
    Simulator::Run();
    EXPECT_EQ(sinkB.sizes, (std::vector<uint32_t>{20, 20}));
    EXPECT_EQ(evB.CountDrops(IpsecDropReason::ICV_FAILURE), 1u);
    EXPECT_EQ(evB.drops.size(), 1u);
}

/**
 * Flips bits of AH/IPv6 packets arriving at a point-to-point device (PPP framing: 2 octets
 * before the IPv6 header): the 1st in mutable fields only (traffic class, flow label, hop
 * limit), the 2nd in the source address, the 3rd in the UDP payload; later ones untouched.
 */
class AhTamperer : public ErrorModel
{
  public:
    uint32_t seen{0}; //!< AH packets seen

  private:
    bool DoCorrupt(Ptr<Packet> p) override
    {
        Bytes b(p->GetSize());
        p->CopyData(b.data(), b.size());
        if (b.size() < 2 + 40 + 12 || b[0] != 0x00 || b[1] != 0x57 || b[2 + 6] != 51)
        {
            return false;
        }
        const uint8_t* ip = b.data() + 2;
        const size_t ahLength = (size_t(ip[41]) + 2) * 4;
        switch (seen++)
        {
        case 0:
            b[2 + 1] ^= 0x30; // traffic class (ECN bits)
            b[2 + 3] ^= 0x5a; // flow label
            b[2 + 7] -= 1;    // hop limit, as a router would
            break;
        case 1:
            b[2 + 23] ^= 0x01; // source address
            break;
        case 2:
            b[2 + 40 + ahLength + 8 + 3] ^= 0x80; // UDP payload
            break;
        default:
            return false;
        }
        p->RemoveAtEnd(p->GetSize());
        p->AddAtEnd(Create<Packet>(b.data(), static_cast<uint32_t>(b.size())));
        return false;
    }

    void DoReset() override
    {
    }
};

// RFC 4302 3.4.3: changes to mutable fields are ignored; a flipped bit in an immutable field
// (source address) or in the payload fails the ICV and the packet is dropped.
TEST_F(IpsecIpv6Test, TamperedAhPacketDropped)
{
    TwoHosts net;
    Ipv6Address a;
    Ipv6Address b;
    BuildHosts6(&net, false, true, &a, &b);
    IpsecHelper ipsec;
    ipsec.SetAhTransform(IntegId::HMAC_SHA2_256_128);
    ipsec.Install(net.nodes);
    std::string error;
    ASSERT_TRUE(ipsec.ProtectTransport(net.A(), a, net.B(), b, 0, &error)) << error;
    Ptr<AhTamperer> tamper = CreateObject<AhTamperer>();
    net.devices.Get(1)->SetAttribute("ReceiveErrorModel", PointerValue(tamper));
    UdpSink sinkB;
    OpenSink6(&sinkB, net.B(), 6000);
    IpsecEvents evB;
    WatchIpsec(&evB, net.B());
    for (int i = 0; i < 4; ++i)
    {
        SendUdp6At(net.A(), b, 6000, 100 + i, Seconds(2 + 0.1 * i));
    }
    Simulator::Run();
    EXPECT_EQ(tamper->seen, 4u);
    EXPECT_EQ(sinkB.sizes, (std::vector<uint32_t>{100, 103}));
    EXPECT_EQ(evB.CountDrops(IpsecDropReason::ICV_FAILURE), 2u);
    EXPECT_EQ(evB.drops.size(), 2u);
    Ptr<IpsecStack> stackB = net.B()->GetObject<IpsecStack>();
    EXPECT_EQ(stackB->GetDropCount(IpsecDropReason::ICV_FAILURE), 2u);
    EXPECT_EQ(stackB->GetUnprotectedCount(), 2u);
}

// IPsec on nodes that have IPv6 only (no Ipv4 object): ESP transport both ways, and the
// inbound policy check on plaintext.
TEST_F(IpsecIpv6Test, Ipv6OnlyNodesEspTransport)
{
    TwoHosts net;
    Ipv6Address a;
    Ipv6Address b;
    BuildHosts6(&net, false, true, &a, &b);
    ASSERT_FALSE(net.A()->GetObject<Ipv4>());
    IpsecHelper ipsec;
    std::string error;
    ASSERT_TRUE(ipsec.TryInstall(net.A(), &error)) << error;
    ASSERT_TRUE(ipsec.TryInstall(net.B(), &error)) << error;
    EXPECT_TRUE(net.A()->GetObject<IpsecStack>()->IsAttached());
    ipsec.AssignStreams(net.nodes, 5);
    ASSERT_TRUE(ipsec.ProtectTransport(net.A(), a, net.B(), b, 0, &error)) << error;
    UdpSink sinkA;
    UdpSink sinkB;
    OpenSink6(&sinkA, net.A(), 6000);
    OpenSink6(&sinkB, net.B(), 6000);
    Ipv6TxLog txA;
    LogTx6(&txA, net.A());
    for (int i = 0; i < 3; ++i)
    {
        SendUdp6At(net.A(), b, 6000, 100 + i, Seconds(2 + 0.1 * i));
        SendUdp6At(net.B(), a, 6000, 200 + i, Seconds(2.05 + 0.1 * i));
    }
    Simulator::Run();
    EXPECT_EQ(sinkB.sizes, (std::vector<uint32_t>{100, 101, 102}));
    EXPECT_EQ(sinkA.sizes, (std::vector<uint32_t>{200, 201, 202}));
    EXPECT_EQ(txA.WithNextHeader(50).size(), 3u);
    EXPECT_TRUE(txA.WithNextHeader(17).empty());
    EXPECT_EQ(net.A()->GetObject<IpsecStack>()->GetUnprotectedCount(), 3u);
}

// RFC 4301 5.2 on an IPv6-only node: plaintext an INBOUND PROTECT policy covers is dropped.
TEST_F(IpsecIpv6Test, Ipv6OnlyNodePlaintextDropped)
{
    TwoHosts net;
    Ipv6Address a;
    Ipv6Address b;
    BuildHosts6(&net, false, true, &a, &b);
    IpsecHelper ipsec;
    ipsec.Install(net.B());
    Ptr<SecurityPolicy> in = Create<SecurityPolicy>();
    in->direction = PolicyDirection::INBOUND;
    in->selector = IpsecSelector::Between(IpAddressRange::Host(b), IpAddressRange::Host(a));
    in->action = PolicyAction::PROTECT;
    in->sa.reqid = 7;
    std::string error;
    ASSERT_TRUE(ipsec.AddPolicy(net.B(), in, nullptr, &error)) << error;
    UdpSink sinkB;
    OpenSink6(&sinkB, net.B(), 6000);
    IpsecEvents evB;
    WatchIpsec(&evB, net.B());
    SendUdp6At(net.A(), b, 6000, 100, Seconds(2));
    SendUdp6At(net.A(), b, 6000, 101, Seconds(2.1));
    Simulator::Run();
    EXPECT_TRUE(sinkB.sizes.empty());
    EXPECT_EQ(evB.CountDrops(IpsecDropReason::POLICY_VIOLATION), 2u);
}

// IPv4-only nodes (no Ipv6 object) keep working; a node without any IP stack is refused with
// a message naming the fix.
TEST_F(IpsecIpv6Test, Ipv4OnlyNodesAndNodeWithoutStack)
{
    TwoHosts net;
    Ipv6Address unused;
    BuildHosts6(&net, true, false, &unused, &unused);
    ASSERT_FALSE(net.A()->GetObject<Ipv6>());
    IpsecHelper ipsec;
    std::string error;
    ASSERT_TRUE(ipsec.TryInstall(net.A(), &error)) << error;
    ASSERT_TRUE(ipsec.TryInstall(net.B(), &error)) << error;
    ASSERT_TRUE(ipsec.ProtectTransport(net.A(), net.AddrA(), net.B(), net.AddrB(), 0, &error))
        << error;
    UdpSink sinkB;
    OpenSink(&sinkB, net.B(), 7000);
    Ipv4TxLog txA;
    LogTx(&txA, net.A());
    SendUdpAt(net.A(), net.AddrB(), 7000, 100, Seconds(1));
    Simulator::Run();
    EXPECT_EQ(sinkB.sizes, (std::vector<uint32_t>{100}));
    EXPECT_EQ(txA.Count(50), 1u);

    Ptr<Node> bare = CreateObject<Node>();
    EXPECT_FALSE(ipsec.TryInstall(bare, &error));
    EXPECT_NE(error.find("neither an IPv4 nor an IPv6 stack"), std::string::npos) << error;
    EXPECT_NE(error.find("InternetStackHelper"), std::string::npos) << error;
    Ptr<IpsecStack> stack = CreateObject<IpsecStack>();
    error.clear();
    EXPECT_FALSE(stack->Attach(bare, &error));
    EXPECT_NE(error.find("InternetStackHelper"), std::string::npos) << error;
}

std::string
RunShell(const std::string& command)
{
    std::string output;
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe)
    {
        return output;
    }
    std::array<char, 512> buf{};
    while (fgets(buf.data(), buf.size(), pipe))
    {
        output += buf.data();
    }
    pclose(pipe);
    return output;
}

/// Runs AH (or ESP+AH) transport over IPv6 between IPv6-only hosts, capturing host A's link
/// into \p pcap (written out when the nodes go away, at the end of this function).
void
RunAhCapture(const std::string& pcap, bool bundle, std::array<uint32_t, 4>* spis)
{
    TwoHosts net;
    Ipv6Address a;
    Ipv6Address b;
    BuildHosts6(&net, false, true, &a, &b);
    IpsecHelper ipsec;
    if (bundle)
    {
        ipsec.SetAhBundle(IntegId::HMAC_SHA2_256_128);
    }
    else
    {
        ipsec.SetAhTransform(IntegId::HMAC_SHA2_384_192);
    }
    ipsec.Install(net.nodes);
    std::string error;
    ASSERT_TRUE(ipsec.ProtectTransport(net.A(), a, net.B(), b, 0, &error)) << error;
    UdpSink sinkA;
    UdpSink sinkB;
    OpenSink6(&sinkA, net.A(), 6000);
    OpenSink6(&sinkB, net.B(), 6000);
    for (int i = 0; i < 4; ++i)
    {
        SendUdp6At(net.A(), b, 6000, 50 + 17 * i, Seconds(2 + 0.1 * i));
        SendUdp6At(net.B(), a, 6000, 60 + 13 * i, Seconds(2.05 + 0.1 * i));
    }
    net.link.EnablePcap(pcap, net.devices.Get(0), false, true);
    Simulator::Run();
    EXPECT_EQ(sinkA.sizes.size(), 4u);
    EXPECT_EQ(sinkB.sizes.size(), 4u);
    Ptr<SecurityAssociation> ahA = OutboundSa(net.A(), IpsecProtocol::AH);
    Ptr<SecurityAssociation> ahB = OutboundSa(net.B(), IpsecProtocol::AH);
    Ptr<SecurityAssociation> espA = OutboundSa(net.A(), IpsecProtocol::ESP);
    Ptr<SecurityAssociation> espB = OutboundSa(net.B(), IpsecProtocol::ESP);
    ASSERT_TRUE(ahA && ahB);
    ASSERT_EQ(bool(espA && espB), bundle);
    *spis = {ahA->GetSpi(),
             ahB->GetSpi(),
             bundle ? espA->GetSpi() : 0,
             bundle ? espB->GetSpi() : 0};
    Simulator::Destroy();
}

class IpsecAhIpv6PcapTest : public SimulationTest, public ::testing::WithParamInterface<bool>
{
};

// Wireshark dissects the captured AH/IPv6 packets (transport AH, and the ESP+AH bundle): every
// AH packet shows the SPI of the SA that sent it, and no packet is marked malformed. (tshark
// does not verify AH ICVs; TransportBothDirectionsLayout recomputes them.)
TEST_P(IpsecAhIpv6PcapTest, TsharkDissectsAhWithoutMalformedPackets)
{
    if (std::system("command -v tshark > /dev/null 2>&1") != 0)
    {
        GTEST_SKIP() << "tshark not installed";
    }
    const bool bundle = GetParam();
    char tmpl[] = "/tmp/ipsec-ah6-test-XXXXXX";
    const char* dir = mkdtemp(tmpl);
    ASSERT_NE(dir, nullptr);
    const std::string pcap = std::string(dir) + (bundle ? "/bundle.pcap" : "/ah.pcap");
    std::array<uint32_t, 4> spis{}; // AH A->B, AH B->A, ESP A->B, ESP B->A
    RunAhCapture(pcap, bundle, &spis);
    if (HasFatalFailure())
    {
        return;
    }
    const uint32_t spiA = spis[0];
    const uint32_t spiB = spis[1];
    const uint32_t espSpiA = spis[2];
    const uint32_t espSpiB = spis[3];

    const std::string output = RunShell("tshark -r " + pcap +
                                        " -T fields -e ah.spi -e esp.spi -e _ws.malformed"
                                        " 2>/dev/null");
    std::istringstream lines(output);
    std::string line;
    uint32_t fromA = 0;
    uint32_t fromB = 0;
    uint32_t malformed = 0;
    uint32_t frames = 0;
    while (std::getline(lines, line))
    {
        ++frames;
        std::vector<std::string> f;
        std::istringstream fields(line);
        std::string field;
        while (std::getline(fields, field, '\t'))
        {
            f.push_back(field);
        }
        f.resize(3);
        malformed += !f[2].empty();
        if (f[0].empty())
        {
            continue; // neighbour discovery
        }
        const uint32_t spi = static_cast<uint32_t>(std::stoul(f[0], nullptr, 0));
        const uint32_t espSpi =
            f[1].empty() ? 0 : static_cast<uint32_t>(std::stoul(f[1], nullptr, 0));
        if (spi == spiA)
        {
            ++fromA;
            EXPECT_EQ(espSpi, espSpiA) << line;
        }
        else if (spi == spiB)
        {
            ++fromB;
            EXPECT_EQ(espSpi, espSpiB) << line;
        }
        else
        {
            ADD_FAILURE() << "AH SPI of no SA: " << line;
        }
    }
    EXPECT_GT(frames, 8u) << output;
    EXPECT_EQ(fromA, 4u) << output;
    EXPECT_EQ(fromB, 4u) << output;
    EXPECT_EQ(malformed, 0u) << output;
}

INSTANTIATE_TEST_SUITE_P(AhAndBundle, IpsecAhIpv6PcapTest, ::testing::Values(false, true));

} // namespace
} // namespace ns3
