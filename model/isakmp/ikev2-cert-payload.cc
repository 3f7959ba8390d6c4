/* SPDX-License-Identifier: GPL-2.0-only */

#include "ikev2-cert-payload.h"

#include "ikev2-octet-reader.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Ikev2CertPayload");

void
Ikev2CertPayload::SerializeBody(Bytes& out) const
{
    Ikev2AppendU8(out, m_encoding);
    Ikev2AppendBytes(out, m_data);
}

Ikev2ParseStatus
Ikev2CertPayload::DeserializeBody(ByteView body)
{
    Ikev2OctetReader r(body);
    if (!r.ReadU8(m_encoding))
    {
        return Ikev2ParseStatus::PAYLOAD_TOO_SHORT;
    }
    r.ReadRest(m_data);
    return Ikev2ParseStatus::OK;
}

std::unique_ptr<Ikev2Payload>
Ikev2CertPayload::Clone() const
{
    return std::make_unique<Ikev2CertPayload>(*this);
}

} // namespace ns3
