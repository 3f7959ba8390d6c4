/* SPDX-License-Identifier: GPL-2.0-only */

#include "ikev2-notify-payload.h"

#include "ikev2-octet-reader.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Ikev2NotifyPayload");

void
Ikev2NotifyPayload::SerializeBody(Bytes& out) const
{
    Ikev2AppendU8(out, m_protocol);
    Ikev2AppendU8(out, static_cast<uint8_t>(m_spi.size()));
    Ikev2AppendU16(out, m_notifyType);
    Ikev2AppendBytes(out, m_spi);
    Ikev2AppendBytes(out, m_data);
}

Ikev2ParseStatus
Ikev2NotifyPayload::DeserializeBody(ByteView body)
{
    Ikev2OctetReader r(body);
    uint8_t spiSize = 0;
    if (!r.ReadU8(m_protocol) || !r.ReadU8(spiSize) || !r.ReadU16(m_notifyType))
    {
        return Ikev2ParseStatus::PAYLOAD_TOO_SHORT;
    }
    if (!r.ReadBytes(spiSize, m_spi))
    {
        return Ikev2ParseStatus::BAD_LENGTH;
    }
    r.ReadRest(m_data);
    return Ikev2ParseStatus::OK;
}

std::unique_ptr<Ikev2Payload>
Ikev2NotifyPayload::Clone() const
{
    return std::make_unique<Ikev2NotifyPayload>(*this);
}

} // namespace ns3
