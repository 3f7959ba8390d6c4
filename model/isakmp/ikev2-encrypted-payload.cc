/* SPDX-License-Identifier: GPL-2.0-only */

#include "ikev2-encrypted-payload.h"

#include "ikev2-octet-reader.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Ikev2EncryptedPayload");

void
Ikev2EncryptedPayload::SerializeBody(Bytes& out) const
{
    Ikev2AppendBytes(out, m_body);
}

Ikev2ParseStatus
Ikev2EncryptedPayload::DeserializeBody(ByteView body)
{
    m_body.assign(body.data, body.data + body.size);
    return Ikev2ParseStatus::OK;
}

std::unique_ptr<Ikev2Payload>
Ikev2EncryptedPayload::Clone() const
{
    return std::make_unique<Ikev2EncryptedPayload>(*this);
}

Ikev2ParseStatus
Ikev2EncryptedPayload::Split(size_t ivSize, size_t icvSize, Ikev2EncryptedParts& parts) const
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

Bytes
Ikev2EncryptedPayload::AddPadding(ByteView payloads, size_t blockSize)
{
    Bytes plaintext(payloads.data, payloads.data + payloads.size);
    const size_t block = blockSize == 0 ? 1 : blockSize;
    const size_t padLength = (block - (payloads.size + 1) % block) % block;
    plaintext.insert(plaintext.end(), padLength, 0);
    plaintext.push_back(static_cast<uint8_t>(padLength));
    return plaintext;
}

Ikev2ParseStatus
Ikev2EncryptedPayload::RemovePadding(ByteView plaintext, ByteView& payloads)
{
    if (plaintext.size == 0)
    {
        return Ikev2ParseStatus::BAD_LENGTH;
    }
    const size_t padLength = plaintext.data[plaintext.size - 1];
    if (padLength + 1 > plaintext.size)
    {
        return Ikev2ParseStatus::BAD_LENGTH;
    }
    payloads = ByteView(plaintext.data, plaintext.size - padLength - 1);
    return Ikev2ParseStatus::OK;
}

} // namespace ns3
