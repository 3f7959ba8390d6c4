/* SPDX-License-Identifier: GPL-2.0-only */

// IPsec over IPv6 (ESP in place of ns-3's empty Ipv6ExtensionESP) and across families:
// transport host-to-host, 6-in-6 and 6-in-4 tunnels between gateways.

#include "ipsec-test-network.h"
#include "simulation-test.h"

#include "ns3/inet6-socket-address.h"
#include "ns3/ipv6-address-helper.h"
#include "ns3/ipv6-l3-protocol.h"
#include "ns3/ipv6-static-routing-helper.h"
#include "ns3/ipv6-static-routing.h"

#include <gtest/gtest.h>

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

} // namespace
} // namespace ns3
