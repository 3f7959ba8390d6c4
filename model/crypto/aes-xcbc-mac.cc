/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "aes-xcbc-mac.h"

#include "evp-fetch.h"

#include "ns3/log.h"

#include <algorithm>
#include <cstring>
#include <openssl/crypto.h>
#include <openssl/evp.h>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("AesXcbcMac");

namespace
{
const uint8_t kZeroIv[16] = {};
} // namespace

AesXcbcMac::AesXcbcMac() = default;

AesXcbcMac::~AesXcbcMac()
{
    EVP_CIPHER_CTX_free(m_cbc);
    OPENSSL_cleanse(m_k2, sizeof(m_k2));
    OPENSSL_cleanse(m_k3, sizeof(m_k3));
    OPENSSL_cleanse(m_last, sizeof(m_last));
}

std::unique_ptr<AesXcbcMac>
AesXcbcMac::Create(ByteView key, CryptoStatus* status)
{
    CryptoStatus dummy;
    CryptoStatus& st = status != nullptr ? *status : dummy;
    if (key.size != KEY_SIZE)
    {
        st = CryptoStatus::BAD_KEY_LENGTH;
        return nullptr;
    }
    EVP_CIPHER* ecb = EvpFetchCipher("AES-128-ECB");
    EVP_CIPHER* cbc = EvpFetchCipher("AES-128-CBC");
    if (ecb == nullptr || cbc == nullptr)
    {
        st = CryptoStatus::BACKEND_ERROR;
        return nullptr;
    }
    // RFC 3566 4: K1 = E(K, 0x01..01), K2 = E(K, 0x02..02), K3 = E(K, 0x03..03).
    uint8_t constants[48];
    std::memset(constants, 0x01, 16);
    std::memset(constants + 16, 0x02, 16);
    std::memset(constants + 32, 0x03, 16);
    uint8_t derived[48];
    int len = 0;
    EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
    bool ok = ctx != nullptr && EVP_EncryptInit_ex2(ctx, ecb, key.data, nullptr, nullptr) == 1 &&
              EVP_CIPHER_CTX_set_padding(ctx, 0) == 1 &&
              EVP_EncryptUpdate(ctx, derived, &len, constants, sizeof(constants)) == 1 && len == 48;
    EVP_CIPHER_CTX_free(ctx);

    std::unique_ptr<AesXcbcMac> mac(new AesXcbcMac());
    if (ok)
    {
        std::memcpy(mac->m_k2, derived + 16, 16);
        std::memcpy(mac->m_k3, derived + 32, 16);
        mac->m_cbc = EVP_CIPHER_CTX_new();
        ok = mac->m_cbc != nullptr &&
             EVP_EncryptInit_ex2(mac->m_cbc, cbc, derived, kZeroIv, nullptr) == 1 &&
             EVP_CIPHER_CTX_set_padding(mac->m_cbc, 0) == 1;
    }
    OPENSSL_cleanse(derived, sizeof(derived));
    if (!ok)
    {
        st = CryptoStatus::BACKEND_ERROR;
        return nullptr;
    }
    st = CryptoStatus::OK;
    return mac;
}

bool
AesXcbcMac::ChainBlocks(const uint8_t* in, size_t n)
{
    // Only the chaining value matters; CBC output goes to a small scratch buffer.
    uint8_t scratch[256];
    while (n > 0)
    {
        const size_t chunk = std::min(n, sizeof(scratch));
        int len = 0;
        if (EVP_EncryptUpdate(m_cbc, scratch, &len, in, static_cast<int>(chunk)) != 1)
        {
            return false;
        }
        in += chunk;
        n -= chunk;
    }
    return true;
}

CryptoStatus
AesXcbcMac::Compute(std::initializer_list<ByteView> parts, uint8_t* mac)
{
    // Restart the chain with a zero IV; the key schedule is kept.
    if (EVP_EncryptInit_ex2(m_cbc, nullptr, nullptr, kZeroIv, nullptr) != 1)
    {
        return CryptoStatus::BACKEND_ERROR;
    }
    m_lastLen = 0;
    for (const ByteView& part : parts)
    {
        const uint8_t* p = part.data;
        size_t n = part.size;
        while (n > 0)
        {
            // A full held block is chained only once more data proves it is not the last.
            if (m_lastLen == 16)
            {
                if (!ChainBlocks(m_last, 16))
                {
                    return CryptoStatus::BACKEND_ERROR;
                }
                m_lastLen = 0;
            }
            if (m_lastLen == 0 && n > 16)
            {
                const size_t bulk = ((n - 1) / 16) * 16;
                if (!ChainBlocks(p, bulk))
                {
                    return CryptoStatus::BACKEND_ERROR;
                }
                p += bulk;
                n -= bulk;
                continue;
            }
            const size_t take = std::min(16 - m_lastLen, n);
            std::memcpy(m_last + m_lastLen, p, take);
            m_lastLen += take;
            p += take;
            n -= take;
        }
    }
    // RFC 3566 4 (3)/(4): complete last block XOR K2, else pad 10* and XOR K3.
    const uint8_t* k = m_k2;
    if (m_lastLen < 16)
    {
        m_last[m_lastLen] = 0x80;
        std::memset(m_last + m_lastLen + 1, 0, 15 - m_lastLen);
        k = m_k3;
    }
    for (size_t i = 0; i < 16; ++i)
    {
        m_last[i] ^= k[i];
    }
    int len = 0;
    if (EVP_EncryptUpdate(m_cbc, mac, &len, m_last, 16) != 1 || len != 16)
    {
        return CryptoStatus::BACKEND_ERROR;
    }
    return CryptoStatus::OK;
}

} // namespace ns3
