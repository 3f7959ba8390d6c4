/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "iv-generator.h"

#include "evp-fetch.h"
#include "random-source.h"

#include "ns3/assert.h"
#include "ns3/log.h"

#include <algorithm>
#include <cstring>
#include <openssl/crypto.h>
#include <openssl/evp.h>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IvGenerator");

IvGenerator::IvGenerator() = default;

IvGenerator::~IvGenerator()
{
    EVP_CIPHER_CTX_free(m_ecb);
    OPENSSL_cleanse(m_counter, sizeof(m_counter));
}

std::unique_ptr<IvGenerator>
IvGenerator::Create(RandomSource& rng, CryptoStatus* status)
{
    CryptoStatus dummy;
    CryptoStatus& st = status != nullptr ? *status : dummy;
    std::unique_ptr<IvGenerator> gen(new IvGenerator());
    uint8_t key[16];
    rng.Fill(key, sizeof(key));
    rng.Fill(gen->m_counter, sizeof(gen->m_counter));
    EVP_CIPHER* ecb = EvpFetchCipher("AES-128-ECB");
    gen->m_ecb = EVP_CIPHER_CTX_new();
    const bool ok = ecb != nullptr && gen->m_ecb != nullptr &&
                    EVP_EncryptInit_ex2(gen->m_ecb, ecb, key, nullptr, nullptr) == 1 &&
                    EVP_CIPHER_CTX_set_padding(gen->m_ecb, 0) == 1;
    OPENSSL_cleanse(key, sizeof(key));
    if (!ok)
    {
        st = CryptoStatus::BACKEND_ERROR;
        return nullptr;
    }
    st = CryptoStatus::OK;
    return gen;
}

void
IvGenerator::Next(uint8_t* iv, size_t n)
{
    while (n > 0)
    {
        uint8_t block[16];
        int len = 0;
        const int rc = EVP_EncryptUpdate(m_ecb, block, &len, m_counter, 16);
        // A keyed ECB context cannot fail on one whole block.
        NS_ASSERT_MSG(rc == 1 && len == 16, "AES-ECB failed");
        (void)rc;
        for (int i = 15; i >= 0 && ++m_counter[i] == 0; --i)
        {
        }
        const size_t take = std::min<size_t>(n, 16);
        std::memcpy(iv, block, take);
        iv += take;
        n -= take;
    }
}

} // namespace ns3
