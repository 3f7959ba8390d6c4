/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "prf.h"

#include "mac-engine.h"

#include "ns3/log.h"

#include <algorithm>
#include <openssl/crypto.h>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Prf");

namespace
{

/// The MAC under a PRF; false if the PRF is unknown.
bool
EngineOf(PrfId id, MacEngine::Algorithm* algorithm)
{
    switch (id)
    {
    case PrfId::HMAC_MD5:
        *algorithm = MacEngine::Algorithm::HMAC_MD5;
        return true;
    case PrfId::HMAC_SHA1:
        *algorithm = MacEngine::Algorithm::HMAC_SHA1;
        return true;
    case PrfId::HMAC_SHA2_256:
        *algorithm = MacEngine::Algorithm::HMAC_SHA256;
        return true;
    case PrfId::HMAC_SHA2_384:
        *algorithm = MacEngine::Algorithm::HMAC_SHA384;
        return true;
    case PrfId::HMAC_SHA2_512:
        *algorithm = MacEngine::Algorithm::HMAC_SHA512;
        return true;
    case PrfId::AES128_XCBC:
        *algorithm = MacEngine::Algorithm::AES_XCBC;
        return true;
    case PrfId::AES128_CMAC:
        *algorithm = MacEngine::Algorithm::AES_CMAC;
        return true;
    }
    return false;
}

} // namespace

Prf::Prf(PrfId id, std::unique_ptr<MacEngine> engine)
    : m_id(id),
      m_engine(std::move(engine))
{
}

Prf::~Prf() = default;

std::unique_ptr<Prf>
Prf::Create(PrfId id, ByteView key, CryptoStatus* status)
{
    CryptoStatus dummy;
    CryptoStatus& st = status != nullptr ? *status : dummy;
    MacEngine::Algorithm algorithm;
    if (!EngineOf(id, &algorithm))
    {
        st = CryptoStatus::UNSUPPORTED;
        return nullptr;
    }
    std::unique_ptr<MacEngine> engine;
    if (algorithm == MacEngine::Algorithm::AES_XCBC || algorithm == MacEngine::Algorithm::AES_CMAC)
    {
        // A 128-bit key is used as is. Otherwise RFC 4434 2 (XCBC) pads a shorter key with zeros
        // and replaces a longer one by its MAC under the all-zero key; RFC 4615 3 (CMAC) takes
        // that MAC for every other length.
        uint8_t adapted[16] = {};
        const bool pad = algorithm == MacEngine::Algorithm::AES_XCBC && key.size < 16;
        if (key.size == 16 || pad)
        {
            std::copy(key.data, key.data + key.size, adapted);
        }
        else
        {
            const uint8_t zero[16] = {};
            auto zeroKeyed = MacEngine::Create(algorithm, ByteView(zero, 16), &st);
            if (!zeroKeyed)
            {
                return nullptr;
            }
            st = zeroKeyed->Compute({key}, adapted);
            if (st != CryptoStatus::OK)
            {
                return nullptr;
            }
        }
        engine = MacEngine::Create(algorithm, ByteView(adapted, 16), &st);
        OPENSSL_cleanse(adapted, sizeof(adapted));
    }
    else
    {
        engine = MacEngine::Create(algorithm, key, &st);
    }
    if (!engine)
    {
        return nullptr;
    }
    return std::unique_ptr<Prf>(new Prf(id, std::move(engine)));
}

Bytes
Prf::Compute(PrfId id, ByteView key, std::initializer_list<ByteView> parts)
{
    auto prf = Create(id, key);
    Bytes out;
    if (!prf || prf->Compute(parts, &out) != CryptoStatus::OK)
    {
        NS_LOG_WARN("PRF " << static_cast<int>(id) << " failed");
        return Bytes();
    }
    return out;
}

size_t
Prf::GetOutputSizeOf(PrfId id)
{
    MacEngine::Algorithm algorithm;
    return EngineOf(id, &algorithm) ? MacEngine::GetMacSizeOf(algorithm) : 0;
}

size_t
Prf::GetPreferredKeySizeOf(PrfId id)
{
    // RFC 7296 2.13 / 3.3.5: the AES PRFs take 128-bit keys, HMAC PRFs their output length.
    return GetOutputSizeOf(id);
}

PrfId
Prf::GetId() const
{
    return m_id;
}

size_t
Prf::GetOutputSize() const
{
    return m_engine->GetMacSize();
}

CryptoStatus
Prf::Compute(std::initializer_list<ByteView> parts, Bytes* out)
{
    out->resize(m_engine->GetMacSize());
    const CryptoStatus st = m_engine->Compute(parts, out->data());
    if (st != CryptoStatus::OK)
    {
        out->clear();
    }
    return st;
}

} // namespace ns3
