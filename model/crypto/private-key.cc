/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "private-key.h"

#include "deterministic-rng.h"
#include "random-source.h"

#include "ns3/log.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("PrivateKey");

namespace
{

/// Key generation in the deterministic context.
EVP_PKEY*
GenerateInContext(KeyType type, uint32_t rsaBits)
{
    OSSL_LIB_CTX* libCtx = DeterministicRng::Get().GetLibCtx();
    const char* algorithm = type == KeyType::RSA       ? "RSA"
                            : type == KeyType::ED25519 ? "ED25519"
                                                       : "EC";
    EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_name(libCtx, algorithm, nullptr);
    EVP_PKEY* pkey = nullptr;
    if (ctx == nullptr || EVP_PKEY_keygen_init(ctx) != 1)
    {
        EVP_PKEY_CTX_free(ctx);
        return nullptr;
    }
    size_t bits = rsaBits;
    const char* group = type == KeyType::ECDSA_P256   ? "P-256"
                        : type == KeyType::ECDSA_P384 ? "P-384"
                                                      : "P-521";
    OSSL_PARAM params[2] = {OSSL_PARAM_construct_end(), OSSL_PARAM_construct_end()};
    if (type == KeyType::RSA)
    {
        params[0] = OSSL_PARAM_construct_size_t(OSSL_PKEY_PARAM_RSA_BITS, &bits);
    }
    else if (type != KeyType::ED25519)
    {
        params[0] = OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME,
                                                     const_cast<char*>(group),
                                                     0);
    }
    if (EVP_PKEY_CTX_set_params(ctx, params) != 1 || EVP_PKEY_generate(ctx, &pkey) != 1)
    {
        pkey = nullptr;
    }
    EVP_PKEY_CTX_free(ctx);
    return pkey;
}

} // namespace

PrivateKey::PrivateKey(evp_pkey_st* pkey, KeyType type)
    : m_pkey(pkey),
      m_type(type)
{
}

PrivateKey::~PrivateKey()
{
    EVP_PKEY_free(m_pkey);
}

Ptr<PrivateKey>
PrivateKey::Adopt(evp_pkey_st* pkey)
{
    KeyType type;
    if (!GetKeyTypeOf(pkey, type))
    {
        EVP_PKEY_free(pkey);
        return nullptr;
    }
    return Ptr<PrivateKey>(new PrivateKey(pkey, type), false);
}

CryptoStatus
PrivateKey::Generate(KeyType type, RandomSource& rng, Ptr<PrivateKey>& out, uint32_t rsaBits)
{
    NS_LOG_FUNCTION(KeyTypeName(type) << rsaBits);
    if (type == KeyType::RSA && (rsaBits < 1024 || rsaBits > 8192))
    {
        return CryptoStatus::BAD_KEY_LENGTH;
    }
    if (DeterministicRng::Get().Reseed(rng) != CryptoStatus::OK)
    {
        return CryptoStatus::BACKEND_ERROR;
    }
    out = Adopt(GenerateInContext(type, rsaBits));
    return out ? CryptoStatus::OK : CryptoStatus::BACKEND_ERROR;
}

CryptoStatus
PrivateKey::FromDer(ByteView der, Ptr<PrivateKey>& out)
{
    const unsigned char* p = der.data;
    EVP_PKEY* pkey = d2i_AutoPrivateKey_ex(nullptr,
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

CryptoStatus
PrivateKey::FromEd25519(ByteView secret, Ptr<PrivateKey>& out)
{
    if (secret.size != 32)
    {
        return CryptoStatus::BAD_KEY_LENGTH;
    }
    out = Adopt(EVP_PKEY_new_raw_private_key_ex(DeterministicRng::Get().GetLibCtx(),
                                                "ED25519",
                                                nullptr,
                                                secret.data,
                                                secret.size));
    return out ? CryptoStatus::OK : CryptoStatus::BACKEND_ERROR;
}

KeyType
PrivateKey::GetType() const
{
    return m_type;
}

uint32_t
PrivateKey::GetBits() const
{
    return static_cast<uint32_t>(EVP_PKEY_get_bits(m_pkey));
}

Bytes
PrivateKey::ToDer() const
{
    PKCS8_PRIV_KEY_INFO* info = EVP_PKEY2PKCS8(m_pkey);
    unsigned char* der = nullptr;
    const int n = info != nullptr ? i2d_PKCS8_PRIV_KEY_INFO(info, &der) : -1;
    Bytes out;
    if (n > 0)
    {
        out.assign(der, der + n);
    }
    OPENSSL_free(der);
    PKCS8_PRIV_KEY_INFO_free(info);
    return out;
}

Ptr<PublicKey>
PrivateKey::GetPublicKey() const
{
    if (!m_publicKey)
    {
        // The SubjectPublicKeyInfo round trip yields a key object without the private part.
        unsigned char* der = nullptr;
        const int n = i2d_PUBKEY(m_pkey, &der);
        Ptr<PublicKey> key;
        if (n > 0 && PublicKey::FromSubjectPublicKeyInfo(ByteView(der, static_cast<size_t>(n)),
                                                         key) == CryptoStatus::OK)
        {
            m_publicKey = key;
        }
        OPENSSL_free(der);
    }
    return m_publicKey;
}

evp_pkey_st*
PrivateKey::GetEvpPkey() const
{
    return m_pkey;
}

} // namespace ns3
