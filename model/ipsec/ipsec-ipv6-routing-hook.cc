/* SPDX-License-Identifier: GPL-2.0-only */

#include "ipsec-ipv6-routing-hook.h"

#include "ns3/ipv6-route.h"
#include "ns3/log.h"
#include "ns3/output-stream-wrapper.h"
#include "ns3/packet.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpsecIpv6RoutingHook");

NS_OBJECT_ENSURE_REGISTERED(IpsecIpv6RoutingHook);

TypeId
IpsecIpv6RoutingHook::GetTypeId()
{
    static TypeId tid = TypeId("ns3::IpsecIpv6RoutingHook")
                            .SetParent<Ipv6RoutingProtocol>()
                            .SetGroupName("Ipsec")
                            .AddConstructor<IpsecIpv6RoutingHook>();
    return tid;
}

IpsecIpv6RoutingHook::IpsecIpv6RoutingHook()
{
    NS_LOG_FUNCTION(this);
}

IpsecIpv6RoutingHook::~IpsecIpv6RoutingHook()
{
    NS_LOG_FUNCTION(this);
}

void
IpsecIpv6RoutingHook::SetInputCallback(InputCallback cb)
{
    m_input = cb;
}

Ptr<Ipv6Route>
IpsecIpv6RoutingHook::RouteOutput(Ptr<Packet> /* p */,
                                  const Ipv6Header& /* header */,
                                  Ptr<NetDevice> /* oif */,
                                  Socket::SocketErrno& sockerr)
{
    sockerr = Socket::ERROR_NOROUTETOHOST;
    return nullptr;
}

bool
IpsecIpv6RoutingHook::RouteInput(Ptr<const Packet> p,
                                 const Ipv6Header& header,
                                 Ptr<const NetDevice> idev,
                                 UnicastForwardCallback /* ucb */,
                                 MulticastForwardCallback /* mcb */,
                                 LocalDeliverCallback /* lcb */,
                                 ErrorCallback /* ecb */)
{
    if (m_input.IsNull())
    {
        return false;
    }
    return m_input(p, header, idev);
}

void
IpsecIpv6RoutingHook::NotifyInterfaceUp(uint32_t interface)
{
    NS_LOG_FUNCTION(this << interface);
}

void
IpsecIpv6RoutingHook::NotifyInterfaceDown(uint32_t interface)
{
    NS_LOG_FUNCTION(this << interface);
}

void
IpsecIpv6RoutingHook::NotifyAddAddress(uint32_t interface, Ipv6InterfaceAddress address)
{
    NS_LOG_FUNCTION(this << interface << address);
}

void
IpsecIpv6RoutingHook::NotifyRemoveAddress(uint32_t interface, Ipv6InterfaceAddress address)
{
    NS_LOG_FUNCTION(this << interface << address);
}

void
IpsecIpv6RoutingHook::NotifyAddRoute(Ipv6Address dst,
                                     Ipv6Prefix mask,
                                     Ipv6Address nextHop,
                                     uint32_t interface,
                                     Ipv6Address prefixToUse)
{
    NS_LOG_FUNCTION(this << dst << mask << nextHop << interface << prefixToUse);
}

void
IpsecIpv6RoutingHook::NotifyRemoveRoute(Ipv6Address dst,
                                        Ipv6Prefix mask,
                                        Ipv6Address nextHop,
                                        uint32_t interface,
                                        Ipv6Address prefixToUse)
{
    NS_LOG_FUNCTION(this << dst << mask << nextHop << interface << prefixToUse);
}

void
IpsecIpv6RoutingHook::SetIpv6(Ptr<Ipv6> ipv6)
{
    NS_LOG_FUNCTION(this << ipv6);
}

void
IpsecIpv6RoutingHook::PrintRoutingTable(Ptr<OutputStreamWrapper> stream, Time::Unit unit) const
{
    NS_LOG_FUNCTION(this << stream << unit);
    *stream->GetStream() << "IPsec input hook (no routes of its own)\n";
}

void
IpsecIpv6RoutingHook::DoDispose()
{
    m_input.Nullify();
    Ipv6RoutingProtocol::DoDispose();
}

} // namespace ns3
