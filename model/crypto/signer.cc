/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "signer.h"

#include "deterministic-rng.h"
#include "random-source.h"

#include "ns3/log.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Signer");

namespace
{

/// Signature parameters of a scheme for EVP_DigestSignInit_ex / EVP_DigestVerifyInit_ex.
struct SchemeParams
{
    explicit SchemeParams(SignatureScheme scheme)
    {
        const char* digest = SignatureAlgorithm::GetDigestName(scheme);
        switch (scheme)
        {
        case SignatureScheme::RSA_PSS_SHA256:
        case SignatureScheme::RSA_PSS_SHA384:
        case SignatureScheme::RSA_PSS_SHA512:
            // Salt as long as the hash, MGF1 with the same hash (RFC 4055 3.1, RFC 7427 A.4).
            saltLength = scheme == SignatureScheme::RSA_PSS_SHA256   ? 32
                         : scheme == SignatureScheme::RSA_PSS_SHA384 ? 48
                                                                     : 64;
            params[0] = OSSL_PARAM_construct_utf8_string(OSSL_SIGNATURE_PARAM_PAD_MODE,
                                                         const_cast<char*>("pss"),
                                                         0);
            params[1] = OSSL_PARAM_construct_utf8_string(OSSL_SIGNATURE_PARAM_MGF1_DIGEST,
                                                         const_cast<char*>(digest),
                                                         0);
            params[2] = OSSL_PARAM_construct_int(OSSL_SIGNATURE_PARAM_PSS_SALTLEN, &saltLength);
            params[3] = OSSL_PARAM_construct_end();
            break;
        default:
            params[0] = OSSL_PARAM_construct_end();
            break;
        }
    }

    int saltLength{0};    //!< PSS salt length
    OSSL_PARAM params[4]; //!< the parameter list
};

size_t
EcdsaWidth(KeyType type)
{
    switch (type)
    {
    case KeyType::ECDSA_P256:
        return 32;
    case KeyType::ECDSA_P384:
        return 48;
    case KeyType::ECDSA_P521:
        return 66;
    default:
        return 0;
    }
}

/// The scheme and key type a fixed IKEv2 signature method implies.
bool
MethodScheme(AuthMethod method, SignatureScheme& scheme, KeyType& keyType)
{
    switch (method)
    {
    case AuthMethod::RSA_SIG:
        scheme = SignatureScheme::RSA_PKCS1_SHA1;
        keyType = KeyType::RSA;
        return true;
    case AuthMethod::ECDSA_SHA256_P256:
        scheme = SignatureScheme::ECDSA_SHA256;
        keyType = KeyType::ECDSA_P256;
        return true;
    case AuthMethod::ECDSA_SHA384_P384:
        scheme = SignatureScheme::ECDSA_SHA384;
        keyType = KeyType::ECDSA_P384;
        return true;
    case AuthMethod::ECDSA_SHA512_P521:
        scheme = SignatureScheme::ECDSA_SHA512;
        keyType = KeyType::ECDSA_P521;
        return true;
    default:
        return false;
    }
}

} // namespace

SignatureStatus
Signer::Sign(const PrivateKey& key,
             RandomSource& rng,
             SignatureScheme scheme,
             ByteView message,
             Bytes& signature)
{
    NS_LOG_FUNCTION(SignatureAlgorithm::GetName(scheme) << message.size);
    if (!SignatureAlgorithm::IsCompatible(scheme, key.GetType()))
    {
        return SignatureStatus::KEY_MISMATCH;
    }
    DeterministicRng& drng = DeterministicRng::Get();
    // Ed25519 is deterministic by design (RFC 8032 5.1.6): no draw from the stream.
    if (scheme != SignatureScheme::ED25519 && drng.Reseed(rng) != CryptoStatus::OK)
    {
        return SignatureStatus::BACKEND_ERROR;
    }
    SchemeParams p(scheme);
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    size_t length = 0;
    bool ok = ctx != nullptr &&
              EVP_DigestSignInit_ex(ctx,
                                    nullptr,
                                    SignatureAlgorithm::GetDigestName(scheme),
                                    drng.GetLibCtx(),
                                    nullptr,
                                    key.GetEvpPkey(),
                                    p.params) == 1 &&
              EVP_DigestSign(ctx, nullptr, &length, message.data, message.size) == 1;
    if (ok)
    {
        signature.resize(length);
        ok = EVP_DigestSign(ctx, signature.data(), &length, message.data, message.size) == 1;
        signature.resize(length);
    }
    EVP_MD_CTX_free(ctx);
    if (!ok)
    {
        ERR_clear_error();
        signature.clear();
        return SignatureStatus::BACKEND_ERROR;
    }
    return SignatureStatus::OK;
}

SignatureStatus
Signer::Verify(const PublicKey& key, SignatureScheme scheme, ByteView message, ByteView signature)
{
    NS_LOG_FUNCTION(SignatureAlgorithm::GetName(scheme) << message.size << signature.size);
    if (!SignatureAlgorithm::IsCompatible(scheme, key.GetType()))
    {
        return SignatureStatus::KEY_MISMATCH;
    }
    SchemeParams p(scheme);
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    const bool init =
        ctx != nullptr && EVP_DigestVerifyInit_ex(ctx,
                                                  nullptr,
                                                  SignatureAlgorithm::GetDigestName(scheme),
                                                  DeterministicRng::Get().GetLibCtx(),
                                                  nullptr,
                                                  key.GetEvpPkey(),
                                                  p.params) == 1;
    const int result =
        init ? EVP_DigestVerify(ctx, signature.data, signature.size, message.data, message.size)
             : -2;
    EVP_MD_CTX_free(ctx);
    ERR_clear_error();
    if (!init)
    {
        return SignatureStatus::BACKEND_ERROR;
    }
    // 0 is a wrong signature, a negative value an undecodable one: both mean "not signed".
    return result == 1 ? SignatureStatus::OK : SignatureStatus::BAD_SIGNATURE;
}

bool
Signer::IsSignatureMethod(AuthMethod method)
{
    SignatureScheme scheme;
    KeyType type;
    return method == AuthMethod::DIGITAL_SIGNATURE || MethodScheme(method, scheme, type);
}

SignatureStatus
Signer::SignAuth(const PrivateKey& key,
                 RandomSource& rng,
                 AuthMethod method,
                 SignatureScheme scheme,
                 ByteView octets,
                 Bytes& authData)
{
    authData.clear();
    if (method == AuthMethod::DIGITAL_SIGNATURE)
    {
        // RFC 7427 3: ASN.1 length (1 octet) || AlgorithmIdentifier || Signature Value.
        const Bytes algorithm = SignatureAlgorithm::EncodeAlgorithmIdentifier(scheme);
        Bytes signature;
        const SignatureStatus s = Sign(key, rng, scheme, octets, signature);
        if (s != SignatureStatus::OK)
        {
            return s;
        }
        authData.push_back(static_cast<uint8_t>(algorithm.size()));
        authData.insert(authData.end(), algorithm.begin(), algorithm.end());
        authData.insert(authData.end(), signature.begin(), signature.end());
        return SignatureStatus::OK;
    }
    KeyType keyType;
    if (!MethodScheme(method, scheme, keyType))
    {
        return SignatureStatus::UNSUPPORTED_METHOD;
    }
    if (key.GetType() != keyType)
    {
        return SignatureStatus::KEY_MISMATCH;
    }
    Bytes signature;
    const SignatureStatus s = Sign(key, rng, scheme, octets, signature);
    if (s != SignatureStatus::OK || keyType == KeyType::RSA)
    {
        authData = std::move(signature);
        return s;
    }
    return EcdsaDerToFixed(signature, EcdsaWidth(keyType), authData);
}

SignatureStatus
Signer::VerifyAuth(const PublicKey& key,
                   AuthMethod method,
                   ByteView authData,
                   ByteView octets,
                   SignatureScheme* scheme)
{
    SignatureScheme used;
    if (method == AuthMethod::DIGITAL_SIGNATURE)
    {
        if (authData.size < 1 || authData.size < 1u + authData.data[0])
        {
            return SignatureStatus::MALFORMED;
        }
        const size_t algorithmLength = authData.data[0];
        const SignatureStatus parsed = SignatureAlgorithm::ParseAlgorithmIdentifier(
            ByteView(authData.data + 1, algorithmLength),
            used);
        if (parsed != SignatureStatus::OK)
        {
            return parsed;
        }
        if (scheme != nullptr)
        {
            *scheme = used;
        }
        return Verify(
            key,
            used,
            octets,
            ByteView(authData.data + 1 + algorithmLength, authData.size - 1 - algorithmLength));
    }
    KeyType keyType;
    if (!MethodScheme(method, used, keyType))
    {
        return SignatureStatus::UNSUPPORTED_METHOD;
    }
    if (key.GetType() != keyType)
    {
        return SignatureStatus::KEY_MISMATCH;
    }
    if (scheme != nullptr)
    {
        *scheme = used;
    }
    if (keyType == KeyType::RSA)
    {
        return Verify(key, used, octets, authData);
    }
    if (authData.size != 2 * EcdsaWidth(keyType))
    {
        return SignatureStatus::MALFORMED;
    }
    Bytes der;
    const SignatureStatus s = EcdsaFixedToDer(authData, der);
    return s == SignatureStatus::OK ? Verify(key, used, octets, der) : s;
}

SignatureStatus
Signer::EcdsaDerToFixed(ByteView der, size_t width, Bytes& out)
{
    const unsigned char* p = der.data;
    ECDSA_SIG* sig = d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der.size));
    const BIGNUM* r = nullptr;
    const BIGNUM* s = nullptr;
    out.assign(2 * width, 0);
    bool ok = sig != nullptr && p == der.data + der.size && width > 0;
    if (ok)
    {
        ECDSA_SIG_get0(sig, &r, &s);
        ok = BN_bn2binpad(r, out.data(), static_cast<int>(width)) >= 0 &&
             BN_bn2binpad(s, out.data() + width, static_cast<int>(width)) >= 0;
    }
    ECDSA_SIG_free(sig);
    if (!ok)
    {
        ERR_clear_error();
        out.clear();
        return SignatureStatus::MALFORMED;
    }
    return SignatureStatus::OK;
}

SignatureStatus
Signer::EcdsaFixedToDer(ByteView fixed, Bytes& out)
{
    out.clear();
    if (fixed.size == 0 || fixed.size % 2 != 0)
    {
        return SignatureStatus::MALFORMED;
    }
    const int width = static_cast<int>(fixed.size / 2);
    ECDSA_SIG* sig = ECDSA_SIG_new();
    BIGNUM* r = BN_bin2bn(fixed.data, width, nullptr);
    BIGNUM* s = BN_bin2bn(fixed.data + width, width, nullptr);
    unsigned char* der = nullptr;
    int n = -1;
    if (sig != nullptr && r != nullptr && s != nullptr && ECDSA_SIG_set0(sig, r, s) == 1)
    {
        r = s = nullptr; // owned by sig now
        n = i2d_ECDSA_SIG(sig, &der);
    }
    BN_free(r);
    BN_free(s);
    ECDSA_SIG_free(sig);
    if (n <= 0)
    {
        return SignatureStatus::BACKEND_ERROR;
    }
    out.assign(der, der + n);
    OPENSSL_free(der);
    return SignatureStatus::OK;
}

} // namespace ns3
