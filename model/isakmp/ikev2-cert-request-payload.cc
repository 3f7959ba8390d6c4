/* SPDX-License-Identifier: GPL-2.0-only */

#include "ikev2-cert-request-payload.h"

#include "ikev2-octet-reader.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Ikev2CertRequestPayload");

void
Ikev2CertRequestPayload::SerializeBody(Bytes& out) const
{
    Ikev2AppendU8(out, m_encoding);
    Ikev2AppendBytes(out, m_authorities);
}

Ikev2ParseStatus
Ikev2CertRequestPayload::DeserializeBody(ByteView body)
{
    Ikev2OctetReader r(body);
    if (!r.ReadU8(m_encoding))
    {
        return Ikev2ParseStatus::PAYLOAD_TOO_SHORT;
    }
    r.ReadRest(m_authorities);
    if (m_encoding == static_cast<uint8_t>(Ikev2CertEncoding::X509_CERT_SIGNATURE) &&
        m_authorities.size() % CA_HASH_SIZE != 0)
    {
        return Ikev2ParseStatus::BAD_LENGTH;
    }
    return Ikev2ParseStatus::OK;
}

std::unique_ptr<Ikev2Payload>
Ikev2CertRequestPayload::Clone() const
{
    return std::make_unique<Ikev2CertRequestPayload>(*this);
}

std::vector<Bytes>
Ikev2CertRequestPayload::GetCaHashes() const
{
    std::vector<Bytes> hashes;
    for (size_t i = 0; i + CA_HASH_SIZE <= m_authorities.size(); i += CA_HASH_SIZE)
    {
        hashes.emplace_back(m_authorities.begin() + i, m_authorities.begin() + i + CA_HASH_SIZE);
    }
    return hashes;
}

} // namespace ns3
