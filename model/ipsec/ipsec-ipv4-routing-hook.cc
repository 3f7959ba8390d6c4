/* SPDX-License-Identifier: GPL-2.0-only */

#include "ipsec-ipv4-routing-hook.h"

#include "ns3/log.h"
#include "ns3/output-stream-wrapper.h"
#include "ns3/packet.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpsecIpv4RoutingHook");

NS_OBJECT_ENSURE_REGISTERED(IpsecIpv4RoutingHook);

TypeId
IpsecIpv4RoutingHook::GetTypeId()
{
    static TypeId tid = TypeId("ns3::IpsecIpv4RoutingHook")
                            .SetParent<Ipv4RoutingProtocol>()
                            .SetGroupName("Ipsec")
                            .AddConstructor<IpsecIpv4RoutingHook>();
    return tid;
}

IpsecIpv4RoutingHook::IpsecIpv4RoutingHook()
{
    NS_LOG_FUNCTION(this);
}

IpsecIpv4RoutingHook::~IpsecIpv4RoutingHook()
{
    NS_LOG_FUNCTION(this);
}

void
IpsecIpv4RoutingHook::SetInputCallback(InputCallback cb)
{
    m_input = cb;
}

Ptr<Ipv4Route>
IpsecIpv4RoutingHook::RouteOutput(Ptr<Packet> /* p */,
                                  const Ipv4Header& /* header */,
                                  Ptr<NetDevice> /* oif */,
                                  Socket::SocketErrno& sockerr)
{
    sockerr = Socket::ERROR_NOROUTETOHOST;
    return nullptr;
}

bool
IpsecIpv4RoutingHook::RouteInput(Ptr<const Packet> p,
                                 const Ipv4Header& header,
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
IpsecIpv4RoutingHook::NotifyInterfaceUp(uint32_t interface)
{
    NS_LOG_FUNCTION(this << interface);
}

void
IpsecIpv4RoutingHook::NotifyInterfaceDown(uint32_t interface)
{
    NS_LOG_FUNCTION(this << interface);
}

void
IpsecIpv4RoutingHook::NotifyAddAddress(uint32_t interface, Ipv4InterfaceAddress address)
{
    NS_LOG_FUNCTION(this << interface << address);
}

void
IpsecIpv4RoutingHook::NotifyRemoveAddress(uint32_t interface, Ipv4InterfaceAddress address)
{
    NS_LOG_FUNCTION(this << interface << address);
}

void
IpsecIpv4RoutingHook::SetIpv4(Ptr<Ipv4> ipv4)
{
    NS_LOG_FUNCTION(this << ipv4);
}

void
IpsecIpv4RoutingHook::PrintRoutingTable(Ptr<OutputStreamWrapper> stream, Time::Unit unit) const
{
    NS_LOG_FUNCTION(this << stream << unit);
    *stream->GetStream() << "IPsec input hook (no routes of its own)\n";
}

void
IpsecIpv4RoutingHook::DoDispose()
{
    m_input.Nullify();
    Ipv4RoutingProtocol::DoDispose();
}

} // namespace ns3
