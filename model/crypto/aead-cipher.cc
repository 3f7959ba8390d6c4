/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "aead-cipher.h"

#include "evp-fetch.h"

#include "ns3/log.h"

#include <climits>
#include <cstring>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("AeadCipher");

namespace
{

/// Explicit IV octets of every AEAD here (RFC 4106 3.1, 4309 3.1, 4543 3.1, 7634 2).
constexpr size_t kIvSize = 8;

/// Sets or reads the tag through OSSL_PARAM (no deprecated ctrl calls, no allocation).
bool
SetTag(EVP_CIPHER_CTX* ctx, const uint8_t* tag, size_t size)
{
    OSSL_PARAM params[2] = {OSSL_PARAM_construct_octet_string(OSSL_CIPHER_PARAM_AEAD_TAG,
                                                              const_cast<uint8_t*>(tag),
                                                              size),
                            OSSL_PARAM_construct_end()};
    return EVP_CIPHER_CTX_set_params(ctx, params) == 1;
}

bool
GetTag(EVP_CIPHER_CTX* ctx, uint8_t* tag, size_t size)
{
    OSSL_PARAM params[2] = {
        OSSL_PARAM_construct_octet_string(OSSL_CIPHER_PARAM_AEAD_TAG, tag, size),
        OSSL_PARAM_construct_end()};
    return EVP_CIPHER_CTX_get_params(ctx, params) == 1;
}

/**
 * Sets the explicit IV and the expected tag of the next GCM decryption in one call. The nonce is
 * salt || explicit IV, the layout of TLS 1.2 GCM (RFC 5288 3) that OpenSSL's "fixed" and
 * "invocation" fields describe; the salt was stored once as the fixed field. This avoids the
 * re-initialisation per packet, whose IV-length query is a parameter lookup of its own.
 */
bool
SetIvAndTag(EVP_CIPHER_CTX* ctx, const uint8_t* iv, const uint8_t* tag, size_t tagSize)
{
    OSSL_PARAM params[3] = {
        OSSL_PARAM_construct_octet_string(OSSL_CIPHER_PARAM_AEAD_TLS1_SET_IV_INV,
                                          const_cast<uint8_t*>(iv),
                                          kIvSize),
        OSSL_PARAM_construct_octet_string(OSSL_CIPHER_PARAM_AEAD_TAG,
                                          const_cast<uint8_t*>(tag),
                                          tagSize),
        OSSL_PARAM_construct_end()};
    return EVP_CIPHER_CTX_set_params(ctx, params) == 1;
}

/**
 * Reads the tag of the message just sealed and, in the same parameter call, loads the nonce of
 * the next one: OpenSSL's TLS 1.2 "invocation field" generator (RFC 5288 3) sets the cipher up for
 * salt || current invocation field, hands that field out and adds one to it. The tag is read
 * before the next nonce is loaded (the provider handles the tag first, whatever the order here).
 */
bool
GetTagAndNextIv(EVP_CIPHER_CTX* ctx, uint8_t* tag, size_t tagSize, uint8_t* nextIv)
{
    OSSL_PARAM params[3] = {
        OSSL_PARAM_construct_octet_string(OSSL_CIPHER_PARAM_AEAD_TAG, tag, tagSize),
        OSSL_PARAM_construct_octet_string(OSSL_CIPHER_PARAM_AEAD_TLS1_GET_IV_GEN, nextIv, kIvSize),
        OSSL_PARAM_construct_end()};
    return EVP_CIPHER_CTX_get_params(ctx, params) == 1;
}

/// \return the 8 octets at \p p as a big-endian number (the IV's invocation-field order)
uint64_t
GetBigEndian64(const uint8_t* p)
{
    uint64_t v = 0;
    for (size_t i = 0; i < kIvSize; ++i)
    {
        v = (v << 8) | p[i];
    }
    return v;
}

/// Loads salt || the current invocation field into the cipher (see GetTagAndNextIv).
bool
LoadNextIv(EVP_CIPHER_CTX* ctx, uint8_t* iv)
{
    OSSL_PARAM params[2] = {
        OSSL_PARAM_construct_octet_string(OSSL_CIPHER_PARAM_AEAD_TLS1_GET_IV_GEN, iv, kIvSize),
        OSSL_PARAM_construct_end()};
    return EVP_CIPHER_CTX_get_params(ctx, params) == 1;
}

} // namespace

AeadCipher::AeadCipher(EncrId id, Mode mode, size_t icvSize)
    : m_id(id),
      m_mode(mode),
      m_icvSize(icvSize)
{
}

AeadCipher::~AeadCipher()
{
    EVP_CIPHER_CTX_free(m_ctx);
    EVP_CIPHER_CTX_free(m_ccmDec);
    OPENSSL_cleanse(m_salt, sizeof(m_salt));
}

std::unique_ptr<AeadCipher>
AeadCipher::Create(EncrId id, ByteView keyMaterial, CryptoStatus* status)
{
    Mode mode = Mode::GCM;
    size_t icvSize = 16;
    size_t saltSize = 4;
    switch (id)
    {
    case EncrId::AES_GCM_8:
        icvSize = 8;
        break;
    case EncrId::AES_GCM_12:
        icvSize = 12;
        break;
    case EncrId::AES_GCM_16:
        break;
    case EncrId::AES_CCM_8:
    case EncrId::AES_CCM_12:
    case EncrId::AES_CCM_16:
        mode = Mode::CCM;
        saltSize = 3;
        icvSize = id == EncrId::AES_CCM_8 ? 8 : id == EncrId::AES_CCM_12 ? 12 : 16;
        break;
    case EncrId::NULL_AUTH_AES_GMAC:
        mode = Mode::GMAC;
        break;
    case EncrId::CHACHA20_POLY1305:
        mode = Mode::CHACHA_POLY;
        break;
    default:
        *status = CryptoStatus::UNSUPPORTED;
        return nullptr;
    }
    const size_t keySize = keyMaterial.size >= saltSize ? keyMaterial.size - saltSize : 0;
    const char* name = nullptr;
    if (mode == Mode::CHACHA_POLY)
    {
        name = keySize == 32 ? "ChaCha20-Poly1305" : nullptr;
    }
    else
    {
        static const char* const kGcm[] = {"AES-128-GCM", "AES-192-GCM", "AES-256-GCM"};
        static const char* const kCcm[] = {"AES-128-CCM", "AES-192-CCM", "AES-256-CCM"};
        const int index = keySize == 16 ? 0 : keySize == 24 ? 1 : keySize == 32 ? 2 : -1;
        if (index >= 0)
        {
            name = mode == Mode::CCM ? kCcm[index] : kGcm[index];
        }
    }
    if (name == nullptr)
    {
        *status = CryptoStatus::BAD_KEY_LENGTH;
        return nullptr;
    }
    EVP_CIPHER* cipher = EvpFetchCipher(name);
    std::unique_ptr<AeadCipher> c(new AeadCipher(id, mode, icvSize));
    c->m_saltSize = saltSize;
    std::memcpy(c->m_salt, keyMaterial.data + keySize, saltSize);
    c->m_ctx = EVP_CIPHER_CTX_new();
    bool ok =
        cipher != nullptr && c->m_ctx != nullptr && c->Setup(c->m_ctx, cipher, keyMaterial.data, 1);
    if (ok && mode == Mode::CCM)
    {
        c->m_ccmDec = EVP_CIPHER_CTX_new();
        ok = c->m_ccmDec != nullptr && c->Setup(c->m_ccmDec, cipher, keyMaterial.data, 0);
    }
    if (ok && (mode == Mode::GCM || mode == Mode::GMAC))
    {
        // The salt becomes the fixed nonce field once, in decryption mode: there OpenSSL leaves
        // the invocation field alone (in encryption mode it would draw it from its own RNG).
        ok = EVP_DecryptInit_ex2(c->m_ctx, nullptr, nullptr, nullptr, nullptr) == 1 &&
             c->SetFixedField(c->m_ctx);
        c->m_decrypting = true;
    }
    if (!ok)
    {
        *status = CryptoStatus::BACKEND_ERROR;
        return nullptr;
    }
    *status = CryptoStatus::OK;
    return c;
}

bool
AeadCipher::Setup(evp_cipher_ctx_st* ctx, const void* cipher, const uint8_t* key, int enc)
{
    auto evpCipher = static_cast<const EVP_CIPHER*>(cipher);
    if (m_mode != Mode::CCM)
    {
        // 12-octet nonces are the default for GCM and ChaCha20-Poly1305.
        return EVP_CipherInit_ex2(ctx, evpCipher, key, nullptr, enc, nullptr) == 1;
    }
    // CCM fixes the nonce length (RFC 4309 4: 11 octets, so L = 4) and the tag length before
    // the key schedule, which bakes both into its flags.
    size_t ivLen = m_saltSize + kIvSize;
    OSSL_PARAM params[3] = {
        OSSL_PARAM_construct_size_t(OSSL_CIPHER_PARAM_AEAD_IVLEN, &ivLen),
        OSSL_PARAM_construct_octet_string(OSSL_CIPHER_PARAM_AEAD_TAG, nullptr, m_icvSize),
        OSSL_PARAM_construct_end()};
    return EVP_CipherInit_ex2(ctx, evpCipher, nullptr, nullptr, enc, params) == 1 &&
           EVP_CipherInit_ex2(ctx, nullptr, key, nullptr, enc, nullptr) == 1;
}

bool
AeadCipher::SetFixedField(evp_cipher_ctx_st* ctx)
{
    OSSL_PARAM params[2] = {
        OSSL_PARAM_construct_octet_string(OSSL_CIPHER_PARAM_AEAD_TLS1_IV_FIXED, m_salt, m_saltSize),
        OSSL_PARAM_construct_end()};
    m_saltIsFixed = EVP_CIPHER_CTX_set_params(ctx, params) == 1;
    return m_saltIsFixed;
}

EncrId
AeadCipher::GetId() const
{
    return m_id;
}

bool
AeadCipher::IsAead() const
{
    return true;
}

size_t
AeadCipher::GetBlockSize() const
{
    return 1;
}

size_t
AeadCipher::GetIvSize() const
{
    return kIvSize;
}

size_t
AeadCipher::GetIcvSize() const
{
    return m_icvSize;
}

void
AeadCipher::MakeNonce(const uint8_t* iv, uint8_t* nonce) const
{
    std::memcpy(nonce, m_salt, m_saltSize);
    std::memcpy(nonce + m_saltSize, iv, kIvSize);
}

CryptoStatus
AeadCipher::Encrypt(const uint8_t* iv, ByteView aad, ByteView in, uint8_t* out, uint8_t* icv)
{
    if (in.size > INT_MAX || aad.size > INT_MAX)
    {
        return CryptoStatus::BAD_INPUT_LENGTH;
    }
    EVP_CIPHER_CTX* ctx = m_ctx;
    int len = 0;
    const bool gcm = m_mode == Mode::GCM || m_mode == Mode::GMAC;
    // GCM and GMAC: ESP asks for consecutive IVs (the sequence number), so the previous message
    // loaded the nonce of this one. Otherwise the nonce is set; when this IV follows the last one,
    // the generator takes over (one parameter call more, once per run of consecutive IVs).
    const bool loaded = gcm && m_nextIvLoaded && std::memcmp(iv, m_nextIv, kIvSize) == 0;
    const bool generate =
        gcm && (loaded || (m_lastIvValid && GetBigEndian64(iv) == GetBigEndian64(m_lastIv) + 1));
    m_nextIvLoaded = false;
    m_lastIvValid = gcm;
    std::memcpy(m_lastIv, iv, kIvSize);
    if (!loaded)
    {
        uint8_t nonce[12];
        MakeNonce(iv, nonce);
        if (EVP_EncryptInit_ex2(ctx, nullptr, nullptr, nonce, nullptr) != 1 ||
            (generate && !LoadNextIv(ctx, m_nextIv)))
        {
            return CryptoStatus::BACKEND_ERROR;
        }
        m_decrypting = false;
    }
    if (m_mode == Mode::GMAC)
    {
        // RFC 4543 3.5: AAD = SPI || sequence number || IV || payload; nothing is encrypted.
        if (EVP_EncryptUpdate(ctx, nullptr, &len, aad.data, static_cast<int>(aad.size)) != 1 ||
            EVP_EncryptUpdate(ctx, nullptr, &len, iv, kIvSize) != 1 ||
            (in.size > 0 &&
             EVP_EncryptUpdate(ctx, nullptr, &len, in.data, static_cast<int>(in.size)) != 1) ||
            EVP_EncryptFinal_ex(ctx, nullptr, &len) != 1 ||
            !(generate ? GetTagAndNextIv(ctx, icv, m_icvSize, m_nextIv)
                       : GetTag(ctx, icv, m_icvSize)))
        {
            return CryptoStatus::BACKEND_ERROR;
        }
        m_nextIvLoaded = generate;
        if (in.size > 0 && out != in.data)
        {
            std::memmove(out, in.data, in.size);
        }
        return CryptoStatus::OK;
    }
    // An empty payload still needs non-null pointers: OpenSSL reads (null, out) as "final" and
    // (in, null) as AAD.
    uint8_t scratch = 0;
    const uint8_t* src = in.size > 0 ? in.data : &scratch;
    uint8_t* dst = in.size > 0 ? out : &scratch;
    // CCM needs the message length before the AAD (RFC 3610 2.2: it is in block B0).
    if (m_mode == Mode::CCM &&
        EVP_EncryptUpdate(ctx, nullptr, &len, nullptr, static_cast<int>(in.size)) != 1)
    {
        return CryptoStatus::BACKEND_ERROR;
    }
    if ((aad.size > 0 &&
         EVP_EncryptUpdate(ctx, nullptr, &len, aad.data, static_cast<int>(aad.size)) != 1) ||
        EVP_EncryptUpdate(ctx, dst, &len, src, static_cast<int>(in.size)) != 1 ||
        EVP_EncryptFinal_ex(ctx, dst + len, &len) != 1 ||
        !(generate ? GetTagAndNextIv(ctx, icv, m_icvSize, m_nextIv) : GetTag(ctx, icv, m_icvSize)))
    {
        return CryptoStatus::BACKEND_ERROR;
    }
    m_nextIvLoaded = generate;
    return CryptoStatus::OK;
}

CryptoStatus
AeadCipher::Decrypt(const uint8_t* iv, ByteView aad, ByteView in, uint8_t* out, const uint8_t* icv)
{
    if (in.size > INT_MAX || aad.size > INT_MAX)
    {
        return CryptoStatus::BAD_INPUT_LENGTH;
    }
    EVP_CIPHER_CTX* ctx = m_ccmDec != nullptr ? m_ccmDec : m_ctx;
    int len = 0;
    if (m_mode == Mode::GCM || m_mode == Mode::GMAC)
    {
        // Switch the shared context to decryption (no key, no IV: nothing is recomputed). The
        // fixed field is set in decryption mode, where OpenSSL leaves the rest of the nonce alone.
        m_nextIvLoaded = false;
        if (!m_decrypting && (EVP_DecryptInit_ex2(ctx, nullptr, nullptr, nullptr, nullptr) != 1 ||
                              (!m_saltIsFixed && !SetFixedField(ctx))))
        {
            return CryptoStatus::BACKEND_ERROR;
        }
        m_decrypting = true;
        if (!SetIvAndTag(ctx, iv, icv, m_icvSize))
        {
            return CryptoStatus::BACKEND_ERROR;
        }
    }
    else
    {
        uint8_t nonce[12];
        MakeNonce(iv, nonce);
        if (EVP_DecryptInit_ex2(ctx, nullptr, nullptr, nonce, nullptr) != 1 ||
            !SetTag(ctx, icv, m_icvSize))
        {
            return CryptoStatus::BACKEND_ERROR;
        }
    }
    if (m_mode == Mode::GMAC)
    {
        if (EVP_DecryptUpdate(ctx, nullptr, &len, aad.data, static_cast<int>(aad.size)) != 1 ||
            EVP_DecryptUpdate(ctx, nullptr, &len, iv, kIvSize) != 1 ||
            (in.size > 0 &&
             EVP_DecryptUpdate(ctx, nullptr, &len, in.data, static_cast<int>(in.size)) != 1))
        {
            return CryptoStatus::BACKEND_ERROR;
        }
        if (EVP_DecryptFinal_ex(ctx, nullptr, &len) != 1)
        {
            return CryptoStatus::AUTH_FAILED;
        }
        if (in.size > 0 && out != in.data)
        {
            std::memmove(out, in.data, in.size);
        }
        return CryptoStatus::OK;
    }
    uint8_t scratch = 0;
    const uint8_t* src = in.size > 0 ? in.data : &scratch;
    uint8_t* dst = in.size > 0 ? out : &scratch;
    if (m_mode == Mode::CCM)
    {
        // CCM verifies inside the one data update; a failure there is a tag mismatch.
        if (EVP_DecryptUpdate(ctx, nullptr, &len, nullptr, static_cast<int>(in.size)) != 1 ||
            (aad.size > 0 &&
             EVP_DecryptUpdate(ctx, nullptr, &len, aad.data, static_cast<int>(aad.size)) != 1))
        {
            return CryptoStatus::BACKEND_ERROR;
        }
        if (EVP_DecryptUpdate(ctx, dst, &len, src, static_cast<int>(in.size)) != 1)
        {
            return CryptoStatus::AUTH_FAILED;
        }
        return CryptoStatus::OK;
    }
    if ((aad.size > 0 &&
         EVP_DecryptUpdate(ctx, nullptr, &len, aad.data, static_cast<int>(aad.size)) != 1) ||
        EVP_DecryptUpdate(ctx, dst, &len, src, static_cast<int>(in.size)) != 1)
    {
        return CryptoStatus::BACKEND_ERROR;
    }
    if (EVP_DecryptFinal_ex(ctx, dst + len, &len) != 1)
    {
        return CryptoStatus::AUTH_FAILED;
    }
    return CryptoStatus::OK;
}

} // namespace ns3
