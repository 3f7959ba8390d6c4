/* SPDX-License-Identifier: GPL-2.0-only */

#include "ikev2-ts-payload.h"

#include "ikev2-octet-reader.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Ikev2TsPayload");

void
Ikev2TsPayload::SerializeBody(Bytes& out) const
{
    Ikev2AppendU8(out, static_cast<uint8_t>(m_selectors.size()));
    Ikev2AppendU8(out, 0);
    Ikev2AppendU16(out, 0);
    for (const auto& ts : m_selectors)
    {
        ts.Serialize(out);
    }
}

Ikev2ParseStatus
Ikev2TsPayload::DeserializeBody(ByteView body)
{
    Ikev2OctetReader r(body);
    uint8_t count = 0;
    uint8_t reserved8 = 0;
    uint16_t reserved16 = 0;
    if (!r.ReadU8(count) || !r.ReadU8(reserved8) || !r.ReadU16(reserved16))
    {
        return Ikev2ParseStatus::PAYLOAD_TOO_SHORT;
    }
    m_selectors.clear();
    size_t pos = r.Position();
    while (pos < body.size)
    {
        const size_t remaining = body.size - pos;
        if (remaining < Ikev2TrafficSelector::HEADER_SIZE)
        {
            return Ikev2ParseStatus::TRUNCATED;
        }
        const uint16_t length =
            static_cast<uint16_t>((body.data[pos + 2] << 8) | body.data[pos + 3]);
        if (length < Ikev2TrafficSelector::HEADER_SIZE)
        {
            return Ikev2ParseStatus::PAYLOAD_TOO_SHORT;
        }
        if (length > remaining)
        {
            return Ikev2ParseStatus::BAD_LENGTH;
        }
        Ikev2TrafficSelector ts;
        Ikev2ParseStatus status = ts.Deserialize(ByteView(body.data + pos, length));
        if (status != Ikev2ParseStatus::OK)
        {
            return status;
        }
        m_selectors.push_back(std::move(ts));
        pos += length;
    }
    return m_selectors.size() == count ? Ikev2ParseStatus::OK : Ikev2ParseStatus::BAD_LENGTH;
}

std::unique_ptr<Ikev2Payload>
Ikev2TsPayload::Clone() const
{
    return std::make_unique<Ikev2TsPayload>(*this);
}

} // namespace ns3
