/* SPDX-License-Identifier: GPL-2.0-only */

#include "ipsec-ipv6-extension.h"

#include "ns3/log.h"
#include "ns3/packet.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpsecIpv6Extension");

NS_OBJECT_ENSURE_REGISTERED(IpsecIpv6Extension);

TypeId
IpsecIpv6Extension::GetTypeId()
{
    static TypeId tid = TypeId("ns3::IpsecIpv6Extension")
                            .SetParent<Ipv6Extension>()
                            .SetGroupName("Ipsec")
                            .AddConstructor<IpsecIpv6Extension>();
    return tid;
}

IpsecIpv6Extension::IpsecIpv6Extension()
{
    NS_LOG_FUNCTION(this);
}

IpsecIpv6Extension::~IpsecIpv6Extension()
{
    NS_LOG_FUNCTION(this);
}

void
IpsecIpv6Extension::SetReceiveCallback(ReceiveCallback cb)
{
    m_receive = cb;
}

void
IpsecIpv6Extension::SetExtensionNumber(uint8_t number)
{
    m_number = number;
}

uint8_t
IpsecIpv6Extension::GetExtensionNumber() const
{
    return m_number;
}

uint8_t
IpsecIpv6Extension::Process(Ptr<Packet>& packet,
                            uint8_t offset,
                            const Ipv6Header& ipv6Header,
                            Ipv6Address dst,
                            uint8_t* nextHeader,
                            bool& stopProcessing,
                            bool& isDropped,
                            Ipv6L3Protocol::DropReason& dropReason)
{
    NS_LOG_FUNCTION(this << packet << +offset << ipv6Header << dst << nextHeader);
    // The stack traces its own drops; IPv6 must neither go on nor count a drop.
    stopProcessing = true;
    isDropped = false;
    dropReason = Ipv6L3Protocol::DROP_UNKNOWN_OPTION;
    if (!m_receive.IsNull())
    {
        m_receive(packet, offset, ipv6Header);
    }
    return 0;
}

void
IpsecIpv6Extension::DoDispose()
{
    m_receive.Nullify();
    Ipv6Extension::DoDispose();
}

} // namespace ns3
