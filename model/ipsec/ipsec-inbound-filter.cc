/* SPDX-License-Identifier: GPL-2.0-only */

#include "ipsec-inbound-filter.h"

#include "ns3/ipv4-header.h"
#include "ns3/ipv4-interface.h"
#include "ns3/ipv6-header.h"
#include "ns3/ipv6-interface.h"
#include "ns3/log.h"
#include "ns3/packet.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpsecInboundFilter");

NS_OBJECT_ENSURE_REGISTERED(IpsecInboundFilter);

TypeId
IpsecInboundFilter::GetTypeId()
{
    static TypeId tid = TypeId("ns3::IpsecInboundFilter")
                            .SetParent<IpL4Protocol>()
                            .SetGroupName("Ipsec")
                            .AddConstructor<IpsecInboundFilter>();
    return tid;
}

IpsecInboundFilter::IpsecInboundFilter()
{
    NS_LOG_FUNCTION(this);
}

IpsecInboundFilter::~IpsecInboundFilter()
{
    NS_LOG_FUNCTION(this);
}

void
IpsecInboundFilter::SetInner(Ptr<IpL4Protocol> inner)
{
    m_inner = inner;
}

Ptr<IpL4Protocol>
IpsecInboundFilter::GetInner() const
{
    return m_inner;
}

void
IpsecInboundFilter::SetFilterCallback(FilterCallback cb)
{
    m_filter = cb;
}

void
IpsecInboundFilter::SetFilterCallback6(FilterCallback6 cb)
{
    m_filter6 = cb;
}

int
IpsecInboundFilter::GetProtocolNumber() const
{
    return m_inner->GetProtocolNumber();
}

IpL4Protocol::RxStatus
IpsecInboundFilter::Receive(Ptr<Packet> p,
                            const Ipv4Header& header,
                            Ptr<Ipv4Interface> incomingInterface)
{
    if (!m_filter.IsNull() && m_filter(p, header, incomingInterface))
    {
        return IpL4Protocol::RX_OK;
    }
    return m_inner->Receive(p, header, incomingInterface);
}

IpL4Protocol::RxStatus
IpsecInboundFilter::Receive(Ptr<Packet> p,
                            const Ipv6Header& header,
                            Ptr<Ipv6Interface> incomingInterface)
{
    // The header L4 sees keeps the first next header; tell the filter which protocol this is.
    Ipv6Header l4Header = header;
    l4Header.SetNextHeader(static_cast<uint8_t>(m_inner->GetProtocolNumber()));
    if (!m_filter6.IsNull() && m_filter6(p, l4Header, incomingInterface))
    {
        return IpL4Protocol::RX_OK;
    }
    return m_inner->Receive(p, header, incomingInterface);
}

void
IpsecInboundFilter::ReceiveIcmp(Ipv4Address icmpSource,
                                uint8_t icmpTtl,
                                uint8_t icmpType,
                                uint8_t icmpCode,
                                uint32_t icmpInfo,
                                Ipv4Address payloadSource,
                                Ipv4Address payloadDestination,
                                const uint8_t payload[8])
{
    m_inner->ReceiveIcmp(icmpSource,
                         icmpTtl,
                         icmpType,
                         icmpCode,
                         icmpInfo,
                         payloadSource,
                         payloadDestination,
                         payload);
}

void
IpsecInboundFilter::SetDownTarget(IpL4Protocol::DownTargetCallback cb)
{
    m_inner->SetDownTarget(cb);
}

void
IpsecInboundFilter::SetDownTarget6(IpL4Protocol::DownTargetCallback6 cb)
{
    m_inner->SetDownTarget6(cb);
}

IpL4Protocol::DownTargetCallback
IpsecInboundFilter::GetDownTarget() const
{
    return m_inner->GetDownTarget();
}

IpL4Protocol::DownTargetCallback6
IpsecInboundFilter::GetDownTarget6() const
{
    return m_inner->GetDownTarget6();
}

void
IpsecInboundFilter::DoDispose()
{
    m_inner = nullptr;
    m_filter.Nullify();
    m_filter6.Nullify();
    IpL4Protocol::DoDispose();
}

} // namespace ns3
