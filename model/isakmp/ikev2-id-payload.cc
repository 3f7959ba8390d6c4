/* SPDX-License-Identifier: GPL-2.0-only */

#include "ikev2-id-payload.h"

#include "ikev2-octet-reader.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Ikev2IdPayload");

void
Ikev2IdPayload::SerializeBody(Bytes& out) const
{
    Ikev2AppendU8(out, m_idType);
    Ikev2AppendU8(out, 0);
    Ikev2AppendU16(out, 0);
    Ikev2AppendBytes(out, m_data);
}

Ikev2ParseStatus
Ikev2IdPayload::DeserializeBody(ByteView body)
{
    Ikev2OctetReader r(body);
    uint8_t reserved8 = 0;
    uint16_t reserved16 = 0;
    if (!r.ReadU8(m_idType) || !r.ReadU8(reserved8) || !r.ReadU16(reserved16))
    {
        return Ikev2ParseStatus::PAYLOAD_TOO_SHORT;
    }
    r.ReadRest(m_data);
    if ((m_idType == static_cast<uint8_t>(Ikev2IdType::IPV4_ADDR) && m_data.size() != 4) ||
        (m_idType == static_cast<uint8_t>(Ikev2IdType::IPV6_ADDR) && m_data.size() != 16))
    {
        return Ikev2ParseStatus::BAD_LENGTH;
    }
    return Ikev2ParseStatus::OK;
}

std::unique_ptr<Ikev2Payload>
Ikev2IdPayload::Clone() const
{
    return std::make_unique<Ikev2IdPayload>(*this);
}

} // namespace ns3
