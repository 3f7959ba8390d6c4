/* SPDX-License-Identifier: GPL-2.0-only */

#include "octets-header.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(OctetsHeader);

TypeId
OctetsHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::OctetsHeader")
                            .SetParent<Header>()
                            .SetGroupName("Ipsec")
                            .AddConstructor<OctetsHeader>();
    return tid;
}

OctetsHeader::OctetsHeader() = default;

OctetsHeader::OctetsHeader(ByteView octets)
    : m_octets(octets)
{
}

ByteView
OctetsHeader::GetOctets() const
{
    return m_copied ? ByteView(m_copy) : m_octets;
}

TypeId
OctetsHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
OctetsHeader::GetSerializedSize() const
{
    return static_cast<uint32_t>(GetOctets().size);
}

void
OctetsHeader::Serialize(Buffer::Iterator start) const
{
    const ByteView octets = GetOctets();
    if (octets.size > 0)
    {
        start.Write(octets.data, static_cast<uint32_t>(octets.size));
    }
}

uint32_t
OctetsHeader::Deserialize(Buffer::Iterator)
{
    m_copy.clear();
    m_copied = true;
    return 0;
}

uint32_t
OctetsHeader::Deserialize(Buffer::Iterator start, Buffer::Iterator end)
{
    const uint32_t size = start.GetDistanceFrom(end);
    m_copy.resize(size);
    if (size > 0)
    {
        start.Read(m_copy.data(), size);
    }
    m_copied = true;
    return size;
}

void
OctetsHeader::Print(std::ostream& os) const
{
    os << GetOctets().size << " octets";
}

} // namespace ns3
