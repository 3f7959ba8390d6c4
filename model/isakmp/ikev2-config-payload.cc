/* SPDX-License-Identifier: GPL-2.0-only */

#include "ikev2-config-payload.h"

#include "ikev2-octet-reader.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Ikev2ConfigPayload");

void
Ikev2ConfigPayload::SerializeBody(Bytes& out) const
{
    Ikev2AppendU8(out, m_cfgType);
    Ikev2AppendU8(out, 0);
    Ikev2AppendU16(out, 0);
    for (const auto& a : m_attributes)
    {
        Ikev2AppendU16(out, a.type & 0x7fff);
        Ikev2AppendU16(out, static_cast<uint16_t>(a.value.size()));
        Ikev2AppendBytes(out, a.value);
    }
}

Ikev2ParseStatus
Ikev2ConfigPayload::DeserializeBody(ByteView body)
{
    Ikev2OctetReader r(body);
    uint8_t reserved8 = 0;
    uint16_t reserved16 = 0;
    if (!r.ReadU8(m_cfgType) || !r.ReadU8(reserved8) || !r.ReadU16(reserved16))
    {
        return Ikev2ParseStatus::PAYLOAD_TOO_SHORT;
    }
    m_attributes.clear();
    while (r.Remaining() > 0)
    {
        Ikev2ConfigAttribute a;
        uint16_t typeField = 0;
        uint16_t length = 0;
        if (!r.ReadU16(typeField) || !r.ReadU16(length))
        {
            return Ikev2ParseStatus::TRUNCATED;
        }
        a.type = typeField & 0x7fff;
        if (!r.ReadBytes(length, a.value))
        {
            return Ikev2ParseStatus::BAD_LENGTH;
        }
        m_attributes.push_back(std::move(a));
    }
    return Ikev2ParseStatus::OK;
}

std::unique_ptr<Ikev2Payload>
Ikev2ConfigPayload::Clone() const
{
    return std::make_unique<Ikev2ConfigPayload>(*this);
}

} // namespace ns3
