/* SPDX-License-Identifier: GPL-2.0-only */

#include "ikev2-eap-payload.h"

#include "ikev2-octet-reader.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Ikev2EapPayload");

void
Ikev2EapPayload::SerializeBody(Bytes& out) const
{
    Ikev2AppendBytes(out, m_message);
}

Ikev2ParseStatus
Ikev2EapPayload::DeserializeBody(ByteView body)
{
    Ikev2OctetReader r(body);
    uint8_t code = 0;
    uint8_t identifier = 0;
    uint16_t length = 0;
    if (!r.ReadU8(code) || !r.ReadU8(identifier) || !r.ReadU16(length))
    {
        return Ikev2ParseStatus::PAYLOAD_TOO_SHORT;
    }
    if (length != body.size)
    {
        return Ikev2ParseStatus::BAD_LENGTH;
    }
    if (code < REQUEST || code > FAILURE || ((code == REQUEST || code == RESPONSE) && length < 5))
    {
        return Ikev2ParseStatus::INVALID_VALUE;
    }
    m_message.assign(body.data, body.data + body.size);
    return Ikev2ParseStatus::OK;
}

std::unique_ptr<Ikev2Payload>
Ikev2EapPayload::Clone() const
{
    return std::make_unique<Ikev2EapPayload>(*this);
}

} // namespace ns3
