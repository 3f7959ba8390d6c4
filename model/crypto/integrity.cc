/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "integrity.h"

#include "mac-engine.h"

#include "ns3/log.h"

#include <cstring>
#include <openssl/crypto.h>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Integrity");

namespace
{

/// The MAC under a transform; false if unsupported.
bool
EngineOf(IntegId id, MacEngine::Algorithm* algorithm)
{
    switch (id)
    {
    case IntegId::HMAC_MD5_96:
        *algorithm = MacEngine::Algorithm::HMAC_MD5;
        return true;
    case IntegId::HMAC_SHA1_96:
        *algorithm = MacEngine::Algorithm::HMAC_SHA1;
        return true;
    case IntegId::AES_XCBC_96:
        *algorithm = MacEngine::Algorithm::AES_XCBC;
        return true;
    case IntegId::AES_CMAC_96:
        *algorithm = MacEngine::Algorithm::AES_CMAC;
        return true;
    case IntegId::HMAC_SHA2_256_128:
        *algorithm = MacEngine::Algorithm::HMAC_SHA256;
        return true;
    case IntegId::HMAC_SHA2_384_192:
        *algorithm = MacEngine::Algorithm::HMAC_SHA384;
        return true;
    case IntegId::HMAC_SHA2_512_256:
        *algorithm = MacEngine::Algorithm::HMAC_SHA512;
        return true;
    case IntegId::NONE:
        break;
    }
    return false;
}

/// Largest full MAC (HMAC-SHA-512).
constexpr size_t kMaxMac = 64;

} // namespace

size_t
Integrity::GetKeySize(IntegId id)
{
    MacEngine::Algorithm algorithm;
    return EngineOf(id, &algorithm) ? MacEngine::GetMacSizeOf(algorithm) : 0;
}

size_t
Integrity::GetIcvSizeOf(IntegId id)
{
    switch (id)
    {
    case IntegId::HMAC_MD5_96:
    case IntegId::HMAC_SHA1_96:
    case IntegId::AES_XCBC_96:
    case IntegId::AES_CMAC_96:
        return 12;
    case IntegId::HMAC_SHA2_256_128:
        return 16;
    case IntegId::HMAC_SHA2_384_192:
        return 24;
    case IntegId::HMAC_SHA2_512_256:
        return 32;
    case IntegId::NONE:
        break;
    }
    return 0;
}

Integrity::Integrity(IntegId id, std::unique_ptr<MacEngine> engine)
    : m_id(id),
      m_icvSize(GetIcvSizeOf(id)),
      m_engine(std::move(engine))
{
}

Integrity::~Integrity() = default;

std::unique_ptr<Integrity>
Integrity::Create(IntegId id, ByteView key, CryptoStatus* status)
{
    CryptoStatus dummy;
    CryptoStatus& st = status != nullptr ? *status : dummy;
    MacEngine::Algorithm algorithm;
    if (!EngineOf(id, &algorithm))
    {
        st = CryptoStatus::UNSUPPORTED;
        return nullptr;
    }
    if (key.size != GetKeySize(id))
    {
        st = CryptoStatus::BAD_KEY_LENGTH;
        return nullptr;
    }
    auto engine = MacEngine::Create(algorithm, key, &st);
    if (!engine)
    {
        return nullptr;
    }
    return std::unique_ptr<Integrity>(new Integrity(id, std::move(engine)));
}

IntegId
Integrity::GetId() const
{
    return m_id;
}

size_t
Integrity::GetKeySize() const
{
    return GetKeySize(m_id);
}

size_t
Integrity::GetIcvSize() const
{
    return m_icvSize;
}

CryptoStatus
Integrity::Compute(std::initializer_list<ByteView> parts, uint8_t* icv)
{
    uint8_t full[kMaxMac];
    const CryptoStatus st = m_engine->Compute(parts, full);
    if (st == CryptoStatus::OK)
    {
        std::memcpy(icv, full, m_icvSize);
    }
    return st;
}

CryptoStatus
Integrity::Verify(std::initializer_list<ByteView> parts, const uint8_t* icv)
{
    uint8_t full[kMaxMac];
    const CryptoStatus st = m_engine->Compute(parts, full);
    if (st != CryptoStatus::OK)
    {
        return st;
    }
    return CRYPTO_memcmp(full, icv, m_icvSize) == 0 ? CryptoStatus::OK : CryptoStatus::AUTH_FAILED;
}

} // namespace ns3
