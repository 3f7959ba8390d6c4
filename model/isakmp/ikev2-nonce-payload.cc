/* SPDX-License-Identifier: GPL-2.0-only */

#include "ikev2-nonce-payload.h"

#include "ikev2-octet-reader.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Ikev2NoncePayload");

void
Ikev2NoncePayload::SerializeBody(Bytes& out) const
{
    Ikev2AppendBytes(out, m_nonce);
}

Ikev2ParseStatus
Ikev2NoncePayload::DeserializeBody(ByteView body)
{
    if (body.size < MIN_SIZE || body.size > MAX_SIZE)
    {
        return Ikev2ParseStatus::BAD_LENGTH;
    }
    m_nonce.assign(body.data, body.data + body.size);
    return Ikev2ParseStatus::OK;
}

std::unique_ptr<Ikev2Payload>
Ikev2NoncePayload::Clone() const
{
    return std::make_unique<Ikev2NoncePayload>(*this);
}

} // namespace ns3
