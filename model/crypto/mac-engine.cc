/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mac-engine.h"

#include "aes-xcbc-mac.h"
#include "evp-fetch.h"

#include "ns3/log.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("MacEngine");

namespace
{

/// OpenSSL digest name of an HMAC, or null for the AES MACs.
const char*
DigestName(MacEngine::Algorithm algorithm)
{
    switch (algorithm)
    {
    case MacEngine::Algorithm::HMAC_MD5:
        return "MD5";
    case MacEngine::Algorithm::HMAC_SHA1:
        return "SHA1";
    case MacEngine::Algorithm::HMAC_SHA256:
        return "SHA2-256";
    case MacEngine::Algorithm::HMAC_SHA384:
        return "SHA2-384";
    case MacEngine::Algorithm::HMAC_SHA512:
        return "SHA2-512";
    default:
        return nullptr;
    }
}

} // namespace

size_t
MacEngine::GetMacSizeOf(Algorithm algorithm)
{
    switch (algorithm)
    {
    case Algorithm::HMAC_MD5:
        return 16;
    case Algorithm::HMAC_SHA1:
        return 20;
    case Algorithm::HMAC_SHA256:
        return 32;
    case Algorithm::HMAC_SHA384:
        return 48;
    case Algorithm::HMAC_SHA512:
        return 64;
    case Algorithm::AES_XCBC:
    case Algorithm::AES_CMAC:
        return 16;
    }
    return 0;
}

MacEngine::MacEngine(Algorithm algorithm)
    : m_macSize(GetMacSizeOf(algorithm))
{
}

MacEngine::~MacEngine()
{
    EVP_MAC_CTX_free(m_ctx);
}

size_t
MacEngine::GetMacSize() const
{
    return m_macSize;
}

std::unique_ptr<MacEngine>
MacEngine::Create(Algorithm algorithm, ByteView key, CryptoStatus* status)
{
    CryptoStatus dummy;
    CryptoStatus& st = status != nullptr ? *status : dummy;
    std::unique_ptr<MacEngine> engine(new MacEngine(algorithm));
    if (algorithm == Algorithm::AES_XCBC)
    {
        engine->m_xcbc = AesXcbcMac::Create(key, &st);
        return engine->m_xcbc ? std::move(engine) : nullptr;
    }
    OSSL_PARAM params[2];
    EVP_MAC* mac = nullptr;
    if (algorithm == Algorithm::AES_CMAC)
    {
        if (key.size != 16)
        {
            st = CryptoStatus::BAD_KEY_LENGTH;
            return nullptr;
        }
        mac = EvpFetchMac("CMAC");
        params[0] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_CIPHER,
                                                     const_cast<char*>("AES-128-CBC"),
                                                     0);
    }
    else
    {
        mac = EvpFetchMac("HMAC");
        params[0] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST,
                                                     const_cast<char*>(DigestName(algorithm)),
                                                     0);
    }
    params[1] = OSSL_PARAM_construct_end();
    // HMAC allows an empty key; OpenSSL wants a non-null pointer for it.
    static const uint8_t kEmpty = 0;
    const uint8_t* keyData = key.size > 0 ? key.data : &kEmpty;
    if (mac == nullptr || (engine->m_ctx = EVP_MAC_CTX_new(mac)) == nullptr ||
        EVP_MAC_init(engine->m_ctx, keyData, key.size, params) != 1)
    {
        st = CryptoStatus::BACKEND_ERROR;
        return nullptr;
    }
    st = CryptoStatus::OK;
    return engine;
}

CryptoStatus
MacEngine::Compute(std::initializer_list<ByteView> parts, uint8_t* mac)
{
    if (m_xcbc)
    {
        return m_xcbc->Compute(parts, mac);
    }
    // A null key re-initialises the keyed context: HMAC restarts from its stored ipad state,
    // CMAC from its key schedule.
    if (EVP_MAC_init(m_ctx, nullptr, 0, nullptr) != 1)
    {
        return CryptoStatus::BACKEND_ERROR;
    }
    for (const ByteView& part : parts)
    {
        if (part.size > 0 && EVP_MAC_update(m_ctx, part.data, part.size) != 1)
        {
            return CryptoStatus::BACKEND_ERROR;
        }
    }
    size_t len = 0;
    if (EVP_MAC_final(m_ctx, mac, &len, m_macSize) != 1 || len != m_macSize)
    {
        return CryptoStatus::BACKEND_ERROR;
    }
    return CryptoStatus::OK;
}

} // namespace ns3
