/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "public-key.h"

#include "deterministic-rng.h"

#include "ns3/log.h"

#include <cstring>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/x509.h>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("PublicKey");

const char*
KeyTypeName(KeyType type)
{
    switch (type)
    {
    case KeyType::RSA:
        return "RSA";
    case KeyType::ECDSA_P256:
        return "ECDSA_P256";
    case KeyType::ECDSA_P384:
        return "ECDSA_P384";
    case KeyType::ECDSA_P521:
        return "ECDSA_P521";
    case KeyType::ED25519:
        return "ED25519";
    }
    return "UNKNOWN";
}

bool
GetKeyTypeOf(const evp_pkey_st* pkey, KeyType& type)
{
    if (pkey == nullptr)
    {
        return false;
    }
    if (EVP_PKEY_is_a(pkey, "RSA"))
    {
        type = KeyType::RSA;
        return true;
    }
    if (EVP_PKEY_is_a(pkey, "ED25519"))
    {
        type = KeyType::ED25519;
        return true;
    }
    if (EVP_PKEY_is_a(pkey, "EC"))
    {
        char group[32] = {0};
        if (EVP_PKEY_get_utf8_string_param(pkey,
                                           OSSL_PKEY_PARAM_GROUP_NAME,
                                           group,
                                           sizeof(group),
                                           nullptr) != 1)
        {
            return false;
        }
        if (std::strcmp(group, "prime256v1") == 0 || std::strcmp(group, "P-256") == 0)
        {
            type = KeyType::ECDSA_P256;
            return true;
        }
        if (std::strcmp(group, "secp384r1") == 0 || std::strcmp(group, "P-384") == 0)
        {
            type = KeyType::ECDSA_P384;
            return true;
        }
        if (std::strcmp(group, "secp521r1") == 0 || std::strcmp(group, "P-521") == 0)
        {
            type = KeyType::ECDSA_P521;
            return true;
        }
    }
    return false;
}

PublicKey::PublicKey(evp_pkey_st* pkey, KeyType type)
    : m_pkey(pkey),
      m_type(type)
{
}

PublicKey::~PublicKey()
{
    EVP_PKEY_free(m_pkey);
}

Ptr<PublicKey>
PublicKey::Adopt(evp_pkey_st* pkey)
{
    KeyType type;
    if (!GetKeyTypeOf(pkey, type))
    {
        EVP_PKEY_free(pkey);
        return nullptr;
    }
    return Ptr<PublicKey>(new PublicKey(pkey, type), false);
}

CryptoStatus
PublicKey::FromSubjectPublicKeyInfo(ByteView der, Ptr<PublicKey>& out)
{
    const unsigned char* p = der.data;
    EVP_PKEY* pkey = d2i_PUBKEY_ex(nullptr,
                                   &p,
                                   static_cast<long>(der.size),
                                   DeterministicRng::Get().GetLibCtx(),
                                   nullptr);
    if (pkey == nullptr || p != der.data + der.size)
    {
        EVP_PKEY_free(pkey);
        return CryptoStatus::BAD_INPUT_LENGTH;
    }
    out = Adopt(pkey);
    return out ? CryptoStatus::OK : CryptoStatus::UNSUPPORTED;
}

namespace
{

/// Build a key of @p algorithm from parameters (EVP_PKEY_fromdata).
EVP_PKEY*
KeyFromParams(const char* algorithm, OSSL_PARAM* params)
{
    EVP_PKEY_CTX* ctx =
        EVP_PKEY_CTX_new_from_name(DeterministicRng::Get().GetLibCtx(), algorithm, nullptr);
    EVP_PKEY* pkey = nullptr;
    if (ctx == nullptr || EVP_PKEY_fromdata_init(ctx) != 1 ||
        EVP_PKEY_fromdata(ctx, &pkey, EVP_PKEY_PUBLIC_KEY, params) != 1)
    {
        pkey = nullptr;
    }
    EVP_PKEY_CTX_free(ctx);
    return pkey;
}

} // namespace

CryptoStatus
PublicKey::FromRsa(ByteView modulus, ByteView exponent, Ptr<PublicKey>& out)
{
    BIGNUM* n = BN_bin2bn(modulus.data, static_cast<int>(modulus.size), nullptr);
    BIGNUM* e = BN_bin2bn(exponent.data, static_cast<int>(exponent.size), nullptr);
    OSSL_PARAM_BLD* bld = OSSL_PARAM_BLD_new();
    OSSL_PARAM* params = nullptr;
    EVP_PKEY* pkey = nullptr;
    if (n != nullptr && e != nullptr && bld != nullptr &&
        OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_N, n) == 1 &&
        OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_E, e) == 1 &&
        (params = OSSL_PARAM_BLD_to_param(bld)) != nullptr)
    {
        pkey = KeyFromParams("RSA", params);
    }
    OSSL_PARAM_free(params);
    OSSL_PARAM_BLD_free(bld);
    BN_free(n);
    BN_free(e);
    out = Adopt(pkey);
    return out ? CryptoStatus::OK : CryptoStatus::BACKEND_ERROR;
}

CryptoStatus
PublicKey::FromEcPoint(KeyType type, ByteView point, Ptr<PublicKey>& out)
{
    const char* group = nullptr;
    switch (type)
    {
    case KeyType::ECDSA_P256:
        group = "P-256";
        break;
    case KeyType::ECDSA_P384:
        group = "P-384";
        break;
    case KeyType::ECDSA_P521:
        group = "P-521";
        break;
    default:
        return CryptoStatus::UNSUPPORTED;
    }
    OSSL_PARAM params[3] = {
        OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, const_cast<char*>(group), 0),
        OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PUB_KEY,
                                          const_cast<uint8_t*>(point.data),
                                          point.size),
        OSSL_PARAM_construct_end()};
    // EVP_PKEY_fromdata decodes the point, which rejects points not on the curve.
    out = Adopt(KeyFromParams("EC", params));
    return out ? CryptoStatus::OK : CryptoStatus::INVALID_PUBLIC_VALUE;
}

CryptoStatus
PublicKey::FromEd25519(ByteView raw, Ptr<PublicKey>& out)
{
    if (raw.size != 32)
    {
        return CryptoStatus::BAD_KEY_LENGTH;
    }
    out = Adopt(EVP_PKEY_new_raw_public_key_ex(DeterministicRng::Get().GetLibCtx(),
                                               "ED25519",
                                               nullptr,
                                               raw.data,
                                               raw.size));
    return out ? CryptoStatus::OK : CryptoStatus::BACKEND_ERROR;
}

KeyType
PublicKey::GetType() const
{
    return m_type;
}

uint32_t
PublicKey::GetBits() const
{
    return static_cast<uint32_t>(EVP_PKEY_get_bits(m_pkey));
}

const Bytes&
PublicKey::GetSubjectPublicKeyInfo() const
{
    if (!m_spkiSet)
    {
        unsigned char* der = nullptr;
        const int n = i2d_PUBKEY(m_pkey, &der);
        if (n > 0)
        {
            m_spki.assign(der, der + n);
        }
        OPENSSL_free(der);
        m_spkiSet = true;
    }
    return m_spki;
}

bool
PublicKey::Equals(const PublicKey& other) const
{
    return EVP_PKEY_eq(m_pkey, other.m_pkey) == 1;
}

evp_pkey_st*
PublicKey::GetEvpPkey() const
{
    return m_pkey;
}

} // namespace ns3
