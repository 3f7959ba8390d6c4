/* SPDX-License-Identifier: GPL-2.0-only */

#include "ipsec-l4-protocol.h"

#include "ns3/ipv4-header.h"
#include "ns3/ipv4-interface.h"
#include "ns3/ipv6-header.h"
#include "ns3/ipv6-interface.h"
#include "ns3/log.h"
#include "ns3/packet.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpsecL4Protocol");

NS_OBJECT_ENSURE_REGISTERED(IpsecL4Protocol);

TypeId
IpsecL4Protocol::GetTypeId()
{
    static TypeId tid = TypeId("ns3::IpsecL4Protocol")
                            .SetParent<IpL4Protocol>()
                            .SetGroupName("Ipsec")
                            .AddConstructor<IpsecL4Protocol>();
    return tid;
}

IpsecL4Protocol::IpsecL4Protocol()
{
    NS_LOG_FUNCTION(this);
}

IpsecL4Protocol::~IpsecL4Protocol()
{
    NS_LOG_FUNCTION(this);
}

void
IpsecL4Protocol::SetProtocolNumber(uint8_t protocolNumber)
{
    m_protocolNumber = protocolNumber;
}

void
IpsecL4Protocol::SetReceiveCallback(ReceiveCallback cb)
{
    m_receive = cb;
}

int
IpsecL4Protocol::GetProtocolNumber() const
{
    return m_protocolNumber;
}

IpL4Protocol::RxStatus
IpsecL4Protocol::Receive(Ptr<Packet> p,
                         const Ipv4Header& header,
                         Ptr<Ipv4Interface> incomingInterface)
{
    if (m_receive.IsNull())
    {
        return IpL4Protocol::RX_ENDPOINT_UNREACH;
    }
    return m_receive(p, header, incomingInterface);
}

IpL4Protocol::RxStatus
IpsecL4Protocol::Receive(Ptr<Packet> p,
                         const Ipv6Header& header,
                         Ptr<Ipv6Interface> incomingInterface)
{
    // IPv6 treats ESP and AH as extension headers (Ipv6ExtensionDemux): they never get here.
    NS_LOG_FUNCTION(this << p << header << incomingInterface);
    return IpL4Protocol::RX_ENDPOINT_UNREACH;
}

void
IpsecL4Protocol::SetDownTarget(IpL4Protocol::DownTargetCallback cb)
{
    m_down = cb;
}

void
IpsecL4Protocol::SetDownTarget6(IpL4Protocol::DownTargetCallback6 cb)
{
    m_down6 = cb;
}

IpL4Protocol::DownTargetCallback
IpsecL4Protocol::GetDownTarget() const
{
    return m_down;
}

IpL4Protocol::DownTargetCallback6
IpsecL4Protocol::GetDownTarget6() const
{
    return m_down6;
}

void
IpsecL4Protocol::DoDispose()
{
    m_receive.Nullify();
    m_down.Nullify();
    m_down6.Nullify();
    IpL4Protocol::DoDispose();
}

} // namespace ns3
