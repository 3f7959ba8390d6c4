/* SPDX-License-Identifier: GPL-2.0-only */

#include "ikev2-auth-payload.h"

#include "ikev2-octet-reader.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Ikev2AuthPayload");

void
Ikev2AuthPayload::SerializeBody(Bytes& out) const
{
    Ikev2AppendU8(out, m_method);
    Ikev2AppendU8(out, 0);
    Ikev2AppendU16(out, 0);
    Ikev2AppendBytes(out, m_data);
}

Ikev2ParseStatus
Ikev2AuthPayload::DeserializeBody(ByteView body)
{
    Ikev2OctetReader r(body);
    uint8_t reserved8 = 0;
    uint16_t reserved16 = 0;
    if (!r.ReadU8(m_method) || !r.ReadU8(reserved8) || !r.ReadU16(reserved16))
    {
        return Ikev2ParseStatus::PAYLOAD_TOO_SHORT;
    }
    r.ReadRest(m_data);
    return Ikev2ParseStatus::OK;
}

std::unique_ptr<Ikev2Payload>
Ikev2AuthPayload::Clone() const
{
    return std::make_unique<Ikev2AuthPayload>(*this);
}

} // namespace ns3
