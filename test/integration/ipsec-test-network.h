/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_TEST_IPSEC_TEST_NETWORK_H
#define IPSEC_TEST_IPSEC_TEST_NETWORK_H

#include "ns3/boolean.h"
#include "ns3/inet-socket-address.h"
#include "ns3/inet6-socket-address.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipsec-helper.h"
#include "ns3/ipsec-stack.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-global-routing-helper.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/ipv6-list-routing-helper.h"
#include "ns3/ipv6-static-routing-helper.h"
#include "ns3/node-container.h"
#include "ns3/packet.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/string.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <map>
#include <string>
#include <vector>

/**
 * Small networks and traffic tools shared by the integration tests.
 */

namespace ns3
{
namespace ipsectest
{

/// hostA -- hostB on one point-to-point link (10.0.0.1, 10.0.0.2).
struct TwoHosts
{
    NodeContainer nodes;        //!< hostA, hostB
    NetDeviceContainer devices; //!< the link's devices
    Ipv4InterfaceContainer ifs; //!< their addresses
    PointToPointHelper link;    //!< for pcap

    Ptr<Node> A() const
    {
        return nodes.Get(0);
    }

    Ptr<Node> B() const
    {
        return nodes.Get(1);
    }

    Ipv4Address AddrA() const
    {
        return ifs.GetAddress(0);
    }

    Ipv4Address AddrB() const
    {
        return ifs.GetAddress(1);
    }
};

/// Builds TwoHosts with an Internet stack (no IPsec yet).
inline void
BuildTwoHosts(TwoHosts* net, uint16_t mtu = 1500)
{
    net->nodes.Create(2);
    net->link.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
    net->link.SetDeviceAttribute("Mtu", UintegerValue(mtu));
    net->link.SetChannelAttribute("Delay", StringValue("1ms"));
    net->devices = net->link.Install(net->nodes);
    InternetStackHelper internet;
    internet.Install(net->nodes);
    Ipv4AddressHelper address("10.0.0.0", "255.255.255.0");
    net->ifs = address.Assign(net->devices);
}

/// hostA -- gwA == gwB -- hostB: LANs 10.1.1.0/24 and 10.2.2.0/24, WAN 192.168.100.0/24.
struct Chain
{
    NodeContainer nodes;           //!< hostA, gwA, gwB, hostB
    NetDeviceContainer lanA;       //!< hostA, gwA
    NetDeviceContainer wan;        //!< gwA, gwB
    NetDeviceContainer lanB;       //!< gwB, hostB
    Ipv4InterfaceContainer lanAIf; //!< addresses on LAN A
    Ipv4InterfaceContainer wanIf;  //!< addresses on the WAN
    Ipv4InterfaceContainer lanBIf; //!< addresses on LAN B
    PointToPointHelper wanLink;    //!< for pcap

    Ptr<Node> HostA() const
    {
        return nodes.Get(0);
    }

    Ptr<Node> GwA() const
    {
        return nodes.Get(1);
    }

    Ptr<Node> GwB() const
    {
        return nodes.Get(2);
    }

    Ptr<Node> HostB() const
    {
        return nodes.Get(3);
    }
};

/// Builds the chain with an Internet stack and global routes (no IPsec yet); IPv6 routes
/// through Ipv6ListRouting (with static routing inside) so that IPsec can see forwarded IPv6.
inline void
BuildChain(Chain* net)
{
    net->nodes.Create(4);
    PointToPointHelper lan;
    lan.SetDeviceAttribute("DataRate", StringValue("1Gbps"));
    lan.SetChannelAttribute("Delay", StringValue("100us"));
    net->wanLink.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
    net->wanLink.SetChannelAttribute("Delay", StringValue("2ms"));
    net->lanA = lan.Install(net->HostA(), net->GwA());
    net->wan = net->wanLink.Install(net->GwA(), net->GwB());
    net->lanB = lan.Install(net->GwB(), net->HostB());
    InternetStackHelper internet;
    Ipv6ListRoutingHelper list6;
    list6.Add(Ipv6StaticRoutingHelper(), 0);
    internet.SetRoutingHelper(list6);
    internet.Install(net->nodes);
    Ipv4AddressHelper address;
    address.SetBase("10.1.1.0", "255.255.255.0");
    net->lanAIf = address.Assign(net->lanA);
    address.SetBase("192.168.100.0", "255.255.255.0");
    net->wanIf = address.Assign(net->wan);
    address.SetBase("10.2.2.0", "255.255.255.0");
    net->lanBIf = address.Assign(net->lanB);
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();
}

/// Records what a UDP port receives.
struct UdpSink
{
    std::vector<uint32_t> sizes; //!< payload sizes received
    Ptr<Socket> socket;          //!< the socket

    void Receive(Ptr<Socket> s)
    {
        Ptr<Packet> p;
        while ((p = s->Recv()))
        {
            sizes.push_back(p->GetSize());
        }
    }
};

/// Opens a UDP sink on a node's port.
inline void
OpenSink(UdpSink* sink, Ptr<Node> node, uint16_t port)
{
    sink->socket = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
    sink->socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), port));
    sink->socket->SetRecvCallback(MakeCallback(&UdpSink::Receive, sink));
}

/**
 * A UDP socket that asks for the IP header's fields (IPv4 TTL, TOS and packet info; IPv6 hop
 * limit and traffic class): ns-3's UDP socket adds one packet tag per field to every datagram,
 * which it can only do once per packet (a tag that came with the packet would be a second one).
 */
struct HeaderFieldSink
{
    std::vector<std::map<std::string, uint32_t>> tags; //!< per datagram: tag type -> how many
    std::vector<int> ttl; //!< per datagram: TTL or hop limit tag (-1: none)
    std::vector<int> tos; //!< per datagram: TOS or traffic class tag (-1: none)
    Ptr<Socket> socket;   //!< the socket

    void Receive(Ptr<Socket> s)
    {
        Ptr<Packet> p;
        while ((p = s->Recv()))
        {
            std::map<std::string, uint32_t> counts;
            PacketTagIterator it = p->GetPacketTagIterator();
            while (it.HasNext())
            {
                ++counts[it.Next().GetTypeId().GetName()];
            }
            tags.push_back(counts);
            SocketIpTtlTag ttlTag;
            SocketIpv6HopLimitTag hopTag;
            ttl.push_back(p->PeekPacketTag(ttlTag)   ? ttlTag.GetTtl()
                          : p->PeekPacketTag(hopTag) ? hopTag.GetHopLimit()
                                                     : -1);
            SocketIpTosTag tosTag;
            SocketIpv6TclassTag tclassTag;
            tos.push_back(p->PeekPacketTag(tosTag)      ? tosTag.GetTos()
                          : p->PeekPacketTag(tclassTag) ? tclassTag.GetTclass()
                                                        : -1);
        }
    }

    /// Opens the socket on \p node, port \p port, IPv4 or IPv6, asking for every field.
    void Open(Ptr<Node> node, uint16_t port, bool ipv6)
    {
        socket = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
        if (ipv6)
        {
            socket->Bind(Inet6SocketAddress(Ipv6Address::GetAny(), port));
            socket->SetIpv6RecvHopLimit(true);
            socket->SetIpv6RecvTclass(true);
        }
        else
        {
            socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), port));
            socket->SetIpRecvTtl(true);
            socket->SetIpRecvTos(true);
        }
        socket->SetRecvPktInfo(true);
        socket->SetRecvCallback(MakeCallback(&HeaderFieldSink::Receive, this));
    }
};

/// Sends one UDP datagram of \p size octets with a socket that sets TTL/hop limit and TOS/class.
inline void
SendMarkedUdpAt(Ptr<Node> node, const Address& to, uint32_t size, uint8_t ttl, uint8_t tos, Time at)
{
    Simulator::Schedule(at, [=]() {
        Ptr<Socket> s = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
        Address dst = to;
        if (Inet6SocketAddress::IsMatchingType(to))
        {
            s->Bind6();
            s->SetIpv6HopLimit(ttl);
            s->SetIpv6Tclass(tos);
        }
        else
        {
            // ns-3.37's SendTo takes the TOS from the address, not from SetIpTos.
            s->Bind();
            s->SetIpTtl(ttl);
            InetSocketAddress withTos = InetSocketAddress::ConvertFrom(to);
            withTos.SetTos(tos);
            dst = withTos;
        }
        s->SendTo(Create<Packet>(size), 0, dst);
        s->Close();
    });
}

/// Sends one UDP datagram of \p size zero octets at \p at (DF set when \p dontFragment).
inline void
SendUdpAt(Ptr<Node> node,
          Ipv4Address dst,
          uint16_t port,
          uint32_t size,
          Time at,
          bool dontFragment = false,
          uint16_t srcPort = 0)
{
    Simulator::Schedule(at, [=]() {
        Ptr<Socket> s = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
        s->SetAttribute("MtuDiscover", BooleanValue(dontFragment));
        if (srcPort != 0)
        {
            s->Bind(InetSocketAddress(Ipv4Address::GetAny(), srcPort));
        }
        else
        {
            s->Bind();
        }
        s->SendTo(Create<Packet>(size), 0, InetSocketAddress(dst, port));
        s->Close();
    });
}

/// Sends one UDP datagram with the given payload octets.
inline void
SendUdpBytesAt(Ptr<Node> node,
               Ipv4Address dst,
               uint16_t port,
               std::vector<uint8_t> bytes,
               Time at,
               uint16_t srcPort)
{
    Simulator::Schedule(at, [=]() {
        Ptr<Socket> s = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
        s->Bind(InetSocketAddress(Ipv4Address::GetAny(), srcPort));
        s->SendTo(Create<Packet>(bytes.data(), static_cast<uint32_t>(bytes.size())),
                  0,
                  InetSocketAddress(dst, port));
        s->Close();
    });
}

/// Records every IPv4 packet a node transmits (header included), by interface.
struct Ipv4TxLog
{
    struct Entry
    {
        Ipv4Header header;  //!< IPv4 header
        Ptr<Packet> packet; //!< the whole packet, header included
        uint32_t interface; //!< interface index
    };

    std::vector<Entry> entries; //!< in order

    void Tx(Ptr<const Packet> packet, Ptr<Ipv4> /* ipv4 */, uint32_t interface)
    {
        Entry e;
        e.packet = packet->Copy();
        e.packet->PeekHeader(e.header);
        e.interface = interface;
        entries.push_back(e);
    }

    /// \return entries with this IP protocol
    uint32_t Count(uint8_t protocol) const
    {
        uint32_t n = 0;
        for (const auto& e : entries)
        {
            n += e.header.GetProtocol() == protocol;
        }
        return n;
    }
};

/// Logs a node's IPv4 transmissions.
inline void
LogTx(Ipv4TxLog* log, Ptr<Node> node)
{
    node->GetObject<Ipv4L3Protocol>()->TraceConnectWithoutContext(
        "Tx",
        MakeCallback(&Ipv4TxLog::Tx, log));
}

/// Records an IpsecStack's drops and events.
struct IpsecEvents
{
    std::vector<IpsecDropReason> drops;                  //!< drops in order
    std::vector<ExpireEvent> expires;                    //!< expires in order
    std::vector<AcquireEvent> acquires;                  //!< acquires in order
    std::vector<std::pair<uint32_t, uint32_t>> protects; //!< (before, after) sizes

    void Drop(Ptr<const Packet> /* packet */, IpsecDropReason reason)
    {
        drops.push_back(reason);
    }

    void Expire(const ExpireEvent& e)
    {
        expires.push_back(e);
    }

    void Acquire(const AcquireEvent& e)
    {
        acquires.push_back(e);
    }

    void Protect(uint32_t /* spi */, uint32_t before, uint32_t after)
    {
        protects.emplace_back(before, after);
    }

    uint32_t CountDrops(IpsecDropReason reason) const
    {
        uint32_t n = 0;
        for (auto r : drops)
        {
            n += r == reason;
        }
        return n;
    }
};

/// Connects an IpsecEvents to a node's stack traces.
inline void
WatchIpsec(IpsecEvents* events, Ptr<Node> node)
{
    Ptr<IpsecStack> stack = node->GetObject<IpsecStack>();
    stack->TraceConnectWithoutContext("Drop", MakeCallback(&IpsecEvents::Drop, events));
    stack->TraceConnectWithoutContext("Expire", MakeCallback(&IpsecEvents::Expire, events));
    stack->TraceConnectWithoutContext("Acquire", MakeCallback(&IpsecEvents::Acquire, events));
    stack->TraceConnectWithoutContext("Protect", MakeCallback(&IpsecEvents::Protect, events));
}

} // namespace ipsectest
} // namespace ns3

#endif // IPSEC_TEST_IPSEC_TEST_NETWORK_H
