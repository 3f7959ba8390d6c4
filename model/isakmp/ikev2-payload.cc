/* SPDX-License-Identifier: GPL-2.0-only */

#include "ikev2-payload.h"

#include "ikev2-octet-reader.h"

#include "ns3/assert.h"
#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Ikev2Payload");

Ikev2ParseStatus
Ikev2GenericPayloadHeader::Deserialize(ByteView in)
{
    Ikev2OctetReader r(in);
    uint8_t flags = 0;
    if (!r.ReadU8(nextPayload) || !r.ReadU8(flags) || !r.ReadU16(length))
    {
        return Ikev2ParseStatus::TRUNCATED;
    }
    critical = flags & CRITICAL;
    if (length < SIZE)
    {
        return Ikev2ParseStatus::PAYLOAD_TOO_SHORT;
    }
    if (length > in.size)
    {
        return Ikev2ParseStatus::TRUNCATED;
    }
    return Ikev2ParseStatus::OK;
}

void
Ikev2Payload::Serialize(Bytes& out, uint8_t nextPayload) const
{
    const size_t start = out.size();
    Ikev2AppendU8(out, nextPayload);
    Ikev2AppendU8(out, m_critical ? Ikev2GenericPayloadHeader::CRITICAL : 0);
    Ikev2AppendU16(out, 0);
    SerializeBody(out);
    NS_ASSERT_MSG(out.size() - start <= 0xffff, "IKEv2 payload longer than 65535 octets");
    Ikev2PutU16At(out, start + 2, static_cast<uint16_t>(out.size() - start));
}

Ikev2ParseStatus
Ikev2Payload::Deserialize(ByteView in, uint8_t& nextPayload)
{
    Ikev2GenericPayloadHeader h;
    Ikev2ParseStatus status = h.Deserialize(in);
    if (status != Ikev2ParseStatus::OK)
    {
        return status;
    }
    if (h.length != in.size)
    {
        return Ikev2ParseStatus::BAD_LENGTH;
    }
    nextPayload = h.nextPayload;
    m_critical = h.critical;
    return DeserializeBody(ByteView(in.data + Ikev2GenericPayloadHeader::SIZE,
                                    in.size - Ikev2GenericPayloadHeader::SIZE));
}

void
Ikev2UnknownPayload::SerializeBody(Bytes& out) const
{
    Ikev2AppendBytes(out, m_body);
}

Ikev2ParseStatus
Ikev2UnknownPayload::DeserializeBody(ByteView body)
{
    m_body.assign(body.data, body.data + body.size);
    return Ikev2ParseStatus::OK;
}

std::unique_ptr<Ikev2Payload>
Ikev2UnknownPayload::Clone() const
{
    return std::make_unique<Ikev2UnknownPayload>(*this);
}

} // namespace ns3
