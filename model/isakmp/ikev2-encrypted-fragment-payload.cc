/* SPDX-License-Identifier: GPL-2.0-only */

#include "ikev2-encrypted-fragment-payload.h"

#include "ikev2-octet-reader.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Ikev2EncryptedFragmentPayload");

void
Ikev2EncryptedFragmentPayload::SerializeBody(Bytes& out) const
{
    Ikev2AppendU16(out, m_number);
    Ikev2AppendU16(out, m_total);
    Ikev2AppendBytes(out, m_body);
}

Ikev2ParseStatus
Ikev2EncryptedFragmentPayload::DeserializeBody(ByteView body)
{
    Ikev2OctetReader r(body);
    if (!r.ReadU16(m_number) || !r.ReadU16(m_total))
    {
        return Ikev2ParseStatus::PAYLOAD_TOO_SHORT;
    }
    if (m_number == 0 || m_total == 0 || m_number > m_total)
    {
        return Ikev2ParseStatus::INVALID_VALUE;
    }
    r.ReadRest(m_body);
    return Ikev2ParseStatus::OK;
}

std::unique_ptr<Ikev2Payload>
Ikev2EncryptedFragmentPayload::Clone() const
{
    return std::make_unique<Ikev2EncryptedFragmentPayload>(*this);
}

Ikev2ParseStatus
Ikev2EncryptedFragmentPayload::Split(size_t ivSize,
                                     size_t icvSize,
                                     Ikev2EncryptedParts& parts) const
{
    if (m_body.size() < ivSize + icvSize)
    {
        return Ikev2ParseStatus::BAD_LENGTH;
    }
    const size_t ciphertextSize = m_body.size() - ivSize - icvSize;
    parts.iv = ByteView(m_body.data(), ivSize);
    parts.ciphertext = ByteView(m_body.data() + ivSize, ciphertextSize);
    parts.icv = ByteView(m_body.data() + ivSize + ciphertextSize, icvSize);
    return Ikev2ParseStatus::OK;
}

} // namespace ns3
