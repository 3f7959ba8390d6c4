/* SPDX-License-Identifier: GPL-2.0-only */

/**
 * \file
 * \ingroup ipsec
 * Measures the cost of signing and verifying IKEv2 AUTH data for every signature method of the
 * module (RFC 7296 method 1, RFC 4754 methods 9-11, RFC 7427 method 14 with each scheme),
 * next to the same signature made and checked with plain OpenSSL EVP calls in the default
 * library context, and prints their ratio.
 *
 * The module's side includes what IKE needs on top of the raw signature: reseeding the
 * deterministic random generator from the node's ns-3 stream, the r || s conversion of
 * methods 9-11 and the AlgorithmIdentifier framing of method 14. Every signature of either
 * side is verified by the other (printed as "all verified: yes").
 *
 *   ./ipsec-signature-bench --iterations=200
 */

#include "ns3/command-line.h"
#include "ns3/private-key.h"
#include "ns3/random-source.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/signer.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

struct Row
{
    const char* name;
    AuthMethod method;
    SignatureScheme scheme;
    KeyType key;
};

const Row kRows[] = {
    {"1  RSA-2048 PKCS#1 SHA-1",
     AuthMethod::RSA_SIG,
     SignatureScheme::RSA_PKCS1_SHA1,
     KeyType::RSA},
    {"9  ECDSA P-256 SHA-256",
     AuthMethod::ECDSA_SHA256_P256,
     SignatureScheme::ECDSA_SHA256,
     KeyType::ECDSA_P256},
    {"10 ECDSA P-384 SHA-384",
     AuthMethod::ECDSA_SHA384_P384,
     SignatureScheme::ECDSA_SHA384,
     KeyType::ECDSA_P384},
    {"11 ECDSA P-521 SHA-512",
     AuthMethod::ECDSA_SHA512_P521,
     SignatureScheme::ECDSA_SHA512,
     KeyType::ECDSA_P521},
    {"14 RSA-2048 PSS SHA-256",
     AuthMethod::DIGITAL_SIGNATURE,
     SignatureScheme::RSA_PSS_SHA256,
     KeyType::RSA},
    {"14 RSA-2048 PKCS#1 SHA-256",
     AuthMethod::DIGITAL_SIGNATURE,
     SignatureScheme::RSA_PKCS1_SHA256,
     KeyType::RSA},
    {"14 ECDSA P-256 SHA-256",
     AuthMethod::DIGITAL_SIGNATURE,
     SignatureScheme::ECDSA_SHA256,
     KeyType::ECDSA_P256},
    {"14 ECDSA P-384 SHA-384",
     AuthMethod::DIGITAL_SIGNATURE,
     SignatureScheme::ECDSA_SHA384,
     KeyType::ECDSA_P384},
    {"14 ECDSA P-521 SHA-512",
     AuthMethod::DIGITAL_SIGNATURE,
     SignatureScheme::ECDSA_SHA512,
     KeyType::ECDSA_P521},
    {"14 Ed25519", AuthMethod::DIGITAL_SIGNATURE, SignatureScheme::ED25519, KeyType::ED25519},
};

using Clock = std::chrono::steady_clock;

double
MicrosecondsSince(Clock::time_point start)
{
    return std::chrono::duration<double, std::micro>(Clock::now() - start).count();
}

double
Median(std::vector<double> values)
{
    std::nth_element(values.begin(), values.begin() + values.size() / 2, values.end());
    return values[values.size() / 2];
}

/// The signature parameters plain OpenSSL needs for a scheme.
void
RawParams(SignatureScheme scheme, OSSL_PARAM* params, int* salt)
{
    const bool pss = scheme == SignatureScheme::RSA_PSS_SHA256;
    params[0] = OSSL_PARAM_construct_end();
    if (pss)
    {
        *salt = 32;
        params[0] = OSSL_PARAM_construct_utf8_string(OSSL_SIGNATURE_PARAM_PAD_MODE,
                                                     const_cast<char*>("pss"),
                                                     0);
        params[1] = OSSL_PARAM_construct_utf8_string(OSSL_SIGNATURE_PARAM_MGF1_DIGEST,
                                                     const_cast<char*>("SHA256"),
                                                     0);
        params[2] = OSSL_PARAM_construct_int(OSSL_SIGNATURE_PARAM_PSS_SALTLEN, salt);
        params[3] = OSSL_PARAM_construct_end();
    }
}

/// Plain EVP signing: a new EVP_MD_CTX per message, as a typical caller writes it.
Bytes
RawSign(EVP_PKEY* pkey, SignatureScheme scheme, const Bytes& message)
{
    OSSL_PARAM params[4];
    int salt = 0;
    RawParams(scheme, params, &salt);
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    size_t length = 0;
    Bytes signature;
    if (EVP_DigestSignInit_ex(ctx,
                              nullptr,
                              SignatureAlgorithm::GetDigestName(scheme),
                              nullptr,
                              nullptr,
                              pkey,
                              params) == 1 &&
        EVP_DigestSign(ctx, nullptr, &length, message.data(), message.size()) == 1)
    {
        signature.resize(length);
        if (EVP_DigestSign(ctx, signature.data(), &length, message.data(), message.size()) == 1)
        {
            signature.resize(length);
        }
        else
        {
            signature.clear();
        }
    }
    EVP_MD_CTX_free(ctx);
    return signature;
}

bool
RawVerify(EVP_PKEY* pkey, SignatureScheme scheme, const Bytes& message, const Bytes& signature)
{
    OSSL_PARAM params[4];
    int salt = 0;
    RawParams(scheme, params, &salt);
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    const bool ok =
        EVP_DigestVerifyInit_ex(ctx,
                                nullptr,
                                SignatureAlgorithm::GetDigestName(scheme),
                                nullptr,
                                nullptr,
                                pkey,
                                params) == 1 &&
        EVP_DigestVerify(ctx, signature.data(), signature.size(), message.data(), message.size()) ==
            1;
    EVP_MD_CTX_free(ctx);
    return ok;
}

/// The raw signature inside AUTH data, in the form plain EVP verifies (DER for ECDSA).
Bytes
RawSignatureOf(const Row& row, const Bytes& auth)
{
    if (row.method == AuthMethod::DIGITAL_SIGNATURE)
    {
        return Bytes(auth.begin() + 1 + auth[0], auth.end());
    }
    Bytes der = auth;
    if (row.key != KeyType::RSA && Signer::EcdsaFixedToDer(auth, der) != SignatureStatus::OK)
    {
        der.clear();
    }
    return der;
}

/// AUTH data around a raw EVP signature, so that the module verifies what plain EVP made.
Bytes
AuthOf(const Row& row, const Bytes& raw)
{
    if (row.method == AuthMethod::DIGITAL_SIGNATURE)
    {
        const Bytes algorithm = SignatureAlgorithm::EncodeAlgorithmIdentifier(row.scheme);
        Bytes auth{static_cast<uint8_t>(algorithm.size())};
        auth.insert(auth.end(), algorithm.begin(), algorithm.end());
        auth.insert(auth.end(), raw.begin(), raw.end());
        return auth;
    }
    if (row.key == KeyType::RSA)
    {
        return raw;
    }
    const size_t width = row.key == KeyType::ECDSA_P256   ? 32
                         : row.key == KeyType::ECDSA_P384 ? 48
                                                          : 66;
    Bytes fixed;
    return Signer::EcdsaDerToFixed(raw, width, fixed) == SignatureStatus::OK ? fixed : Bytes();
}

} // namespace

int
main(int argc, char* argv[])
{
    uint32_t iterations = 200;
    uint32_t messageSize = 1024;
    CommandLine cmd(__FILE__);
    cmd.AddValue("iterations", "signatures and verifications per method and side", iterations);
    cmd.AddValue("messageSize",
                 "octets signed (an IKE_AUTH SignedOctets is about 1 KB)",
                 messageSize);
    cmd.Parse(argc, argv);
    iterations = std::max<uint32_t>(iterations, 1);

    RngSeedManager::SetSeed(1);
    RngSeedManager::SetRun(1);
    Ptr<RandomSource> rng = CreateObject<RandomSource>();
    rng->AssignStreams(0);
    const Bytes message = rng->Generate(messageSize);

    std::map<KeyType, Ptr<PrivateKey>> keys;
    std::map<KeyType, EVP_PKEY*> rawKeys;
    for (const Row& row : kRows)
    {
        if (keys.count(row.key))
        {
            continue;
        }
        Ptr<PrivateKey> key;
        if (PrivateKey::Generate(row.key, *rng, key) != CryptoStatus::OK)
        {
            std::fprintf(stderr, "key generation failed for %s\n", KeyTypeName(row.key));
            return 1;
        }
        keys[row.key] = key;
        // The same key in OpenSSL's default library context for the plain EVP side.
        const Bytes der = key->ToDer();
        const unsigned char* p = der.data();
        rawKeys[row.key] = d2i_AutoPrivateKey(nullptr, &p, static_cast<long>(der.size()));
    }

    std::printf("IKEv2 AUTH signature cost per operation (median of %u), %u-octet message\n",
                iterations,
                messageSize);
    std::printf("%-28s %10s %10s %6s %10s %10s %6s\n",
                "method / scheme",
                "sign us",
                "EVP us",
                "ratio",
                "verify us",
                "EVP us",
                "ratio");
    bool allVerified = true;
    for (const Row& row : kRows)
    {
        const PrivateKey& key = *keys[row.key];
        const PublicKey& pub = *key.GetPublicKey();
        EVP_PKEY* raw = rawKeys[row.key];

        // Each operation is timed on its own, ours and plain EVP alternating, and the median
        // is reported: the machine may be shared, and a preempted operation must not count.
        std::vector<double> sign;
        std::vector<double> rawSign;
        std::vector<double> verify;
        std::vector<double> rawVerify;
        uint32_t failures[4] = {0, 0, 0, 0};
        Bytes auth;
        Bytes rawSignature;
        for (uint32_t i = 0; i < iterations; ++i)
        {
            auto start = Clock::now();
            failures[0] += Signer::SignAuth(key, *rng, row.method, row.scheme, message, auth) !=
                           SignatureStatus::OK;
            sign.push_back(MicrosecondsSince(start));
            start = Clock::now();
            rawSignature = RawSign(raw, row.scheme, message);
            rawSign.push_back(MicrosecondsSince(start));
            const Bytes ours = RawSignatureOf(row, auth);
            start = Clock::now();
            failures[1] +=
                Signer::VerifyAuth(pub, row.method, auth, message) != SignatureStatus::OK;
            verify.push_back(MicrosecondsSince(start));
            start = Clock::now();
            failures[2] += !RawVerify(raw, row.scheme, message, ours);
            rawVerify.push_back(MicrosecondsSince(start));
        }

        // Cross-check the other way: what plain EVP signed, the module verifies.
        failures[3] += Signer::VerifyAuth(pub, row.method, AuthOf(row, rawSignature), message) !=
                       SignatureStatus::OK;
        if (failures[0] + failures[1] + failures[2] + failures[3] > 0)
        {
            std::fprintf(stderr,
                         "%s: %u sign, %u verify, %u EVP-verify, %u cross-verify failures\n",
                         row.name,
                         failures[0],
                         failures[1],
                         failures[2],
                         failures[3]);
            allVerified = false;
        }

        std::printf("%-28s %10.1f %10.1f %6.2f %10.1f %10.1f %6.2f\n",
                    row.name,
                    Median(sign),
                    Median(rawSign),
                    Median(sign) / Median(rawSign),
                    Median(verify),
                    Median(rawVerify),
                    Median(verify) / Median(rawVerify));
    }
    for (auto& [type, raw] : rawKeys)
    {
        EVP_PKEY_free(raw);
    }
    std::printf("all verified: %s\n", allVerified ? "yes" : "no");
    return allVerified ? 0 : 1;
}
