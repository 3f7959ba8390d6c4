/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ctr-cipher.h"

#include "evp-fetch.h"

#include "ns3/log.h"

#include <climits>
#include <cstring>
#include <openssl/evp.h>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("CtrCipher");

CtrCipher::CtrCipher() = default;

CtrCipher::~CtrCipher()
{
    EVP_CIPHER_CTX_free(m_ctx);
}

std::unique_ptr<CtrCipher>
CtrCipher::Create(ByteView keyMaterial, CryptoStatus* status)
{
    const size_t keySize = keyMaterial.size >= 4 ? keyMaterial.size - 4 : 0;
    const char* name = keySize == 16   ? "AES-128-CTR"
                       : keySize == 24 ? "AES-192-CTR"
                       : keySize == 32 ? "AES-256-CTR"
                                       : nullptr;
    if (name == nullptr)
    {
        *status = CryptoStatus::BAD_KEY_LENGTH;
        return nullptr;
    }
    EVP_CIPHER* cipher = EvpFetchCipher(name);
    std::unique_ptr<CtrCipher> c(new CtrCipher());
    std::memcpy(c->m_nonce, keyMaterial.data + keySize, 4);
    c->m_ctx = EVP_CIPHER_CTX_new();
    if (cipher == nullptr || c->m_ctx == nullptr ||
        EVP_EncryptInit_ex2(c->m_ctx, cipher, keyMaterial.data, nullptr, nullptr) != 1)
    {
        *status = CryptoStatus::BACKEND_ERROR;
        return nullptr;
    }
    *status = CryptoStatus::OK;
    return c;
}

EncrId
CtrCipher::GetId() const
{
    return EncrId::AES_CTR;
}

bool
CtrCipher::IsAead() const
{
    return false;
}

size_t
CtrCipher::GetBlockSize() const
{
    return 1;
}

size_t
CtrCipher::GetIvSize() const
{
    return 8;
}

size_t
CtrCipher::GetIcvSize() const
{
    return 0;
}

CryptoStatus
CtrCipher::Run(const uint8_t* iv, ByteView in, uint8_t* out)
{
    if (in.size > INT_MAX)
    {
        return CryptoStatus::BAD_INPUT_LENGTH;
    }
    // RFC 3686 4: nonce || IV || 0x00000001.
    uint8_t counter[16];
    std::memcpy(counter, m_nonce, 4);
    std::memcpy(counter + 4, iv, 8);
    counter[12] = 0;
    counter[13] = 0;
    counter[14] = 0;
    counter[15] = 1;
    int len = 0;
    if (EVP_EncryptInit_ex2(m_ctx, nullptr, nullptr, counter, nullptr) != 1 ||
        (in.size > 0 &&
         EVP_EncryptUpdate(m_ctx, out, &len, in.data, static_cast<int>(in.size)) != 1))
    {
        return CryptoStatus::BACKEND_ERROR;
    }
    return CryptoStatus::OK;
}

CryptoStatus
CtrCipher::Encrypt(const uint8_t* iv, ByteView, ByteView in, uint8_t* out, uint8_t*)
{
    return Run(iv, in, out);
}

CryptoStatus
CtrCipher::Decrypt(const uint8_t* iv, ByteView, ByteView in, uint8_t* out, const uint8_t*)
{
    return Run(iv, in, out);
}

} // namespace ns3
