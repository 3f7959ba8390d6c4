/* SPDX-License-Identifier: GPL-2.0-only */

#include "ikev2-ke-payload.h"

#include "ikev2-octet-reader.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Ikev2KePayload");

void
Ikev2KePayload::SerializeBody(Bytes& out) const
{
    Ikev2AppendU16(out, m_group);
    Ikev2AppendU16(out, 0);
    Ikev2AppendBytes(out, m_data);
}

Ikev2ParseStatus
Ikev2KePayload::DeserializeBody(ByteView body)
{
    Ikev2OctetReader r(body);
    uint16_t reserved = 0;
    if (!r.ReadU16(m_group) || !r.ReadU16(reserved))
    {
        return Ikev2ParseStatus::PAYLOAD_TOO_SHORT;
    }
    r.ReadRest(m_data);
    return Ikev2ParseStatus::OK;
}

std::unique_ptr<Ikev2Payload>
Ikev2KePayload::Clone() const
{
    return std::make_unique<Ikev2KePayload>(*this);
}

} // namespace ns3
