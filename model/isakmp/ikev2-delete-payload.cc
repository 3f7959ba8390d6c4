/* SPDX-License-Identifier: GPL-2.0-only */

#include "ikev2-delete-payload.h"

#include "ikev2-octet-reader.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Ikev2DeletePayload");

void
Ikev2DeletePayload::SerializeBody(Bytes& out) const
{
    Ikev2AppendU8(out, m_protocol);
    Ikev2AppendU8(out, m_spiSize);
    Ikev2AppendU16(out, static_cast<uint16_t>(m_spis.size()));
    for (const auto& spi : m_spis)
    {
        Ikev2AppendBytes(out, spi);
    }
}

Ikev2ParseStatus
Ikev2DeletePayload::DeserializeBody(ByteView body)
{
    Ikev2OctetReader r(body);
    uint16_t count = 0;
    if (!r.ReadU8(m_protocol) || !r.ReadU8(m_spiSize) || !r.ReadU16(count))
    {
        return Ikev2ParseStatus::PAYLOAD_TOO_SHORT;
    }
    if (r.Remaining() != static_cast<size_t>(count) * m_spiSize)
    {
        return Ikev2ParseStatus::BAD_LENGTH;
    }
    m_spis.clear();
    for (uint16_t i = 0; i < count; ++i)
    {
        Bytes spi;
        if (!r.ReadBytes(m_spiSize, spi))
        {
            return Ikev2ParseStatus::BAD_LENGTH;
        }
        m_spis.push_back(std::move(spi));
    }
    return Ikev2ParseStatus::OK;
}

std::unique_ptr<Ikev2Payload>
Ikev2DeletePayload::Clone() const
{
    return std::make_unique<Ikev2DeletePayload>(*this);
}

} // namespace ns3
