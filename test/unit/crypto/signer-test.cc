/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Signatures for IKE authentication: round trips for every method and scheme, known answers
 * (RFC 8032 Ed25519, NIST CAVP ECDSA and RSASSA-PKCS1-v1_5), independent verification with
 * plain OpenSSL, rejection of tampered or mismatched input, determinism per seed.
 */

#include "signature-test-util.h"

#include "ns3/deterministic-rng.h"
#include "ns3/private-key.h"
#include "ns3/public-key.h"
#include "ns3/random-source.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/signer.h"
#include "ns3/simulator.h"

#include <gtest/gtest.h>
#include <map>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

namespace ns3
{
namespace
{

using sigtest::Hex;
using sigtest::ToHex;

const KeyType kAllKeyTypes[] = {KeyType::RSA,
                                KeyType::ECDSA_P256,
                                KeyType::ECDSA_P384,
                                KeyType::ECDSA_P521,
                                KeyType::ED25519};

/// Keys are expensive (RSA-2048): one of each type for the whole suite.
class SignerTest : public ::testing::Test
{
  protected:
    static void SetUpTestSuite()
    {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
        s_rng = sigtest::MakeRandomSource(100);
        for (KeyType t : kAllKeyTypes)
        {
            Ptr<PrivateKey> key;
            ASSERT_EQ(PrivateKey::Generate(t, *s_rng, key), CryptoStatus::OK) << KeyTypeName(t);
            s_keys[t] = key;
        }
    }

    static void TearDownTestSuite()
    {
        s_keys.clear();
        s_rng = nullptr;
        Simulator::Destroy();
    }

    static Ptr<RandomSource> s_rng;
    static std::map<KeyType, Ptr<PrivateKey>> s_keys;

    const Bytes m_octets = Hex("1122334455667788990011223344556677889900aabbccddeeff");
};

Ptr<RandomSource> SignerTest::s_rng;
std::map<KeyType, Ptr<PrivateKey>> SignerTest::s_keys;

/// Plain OpenSSL verification in the default library context: the independent reference.
int
RawVerify(const PublicKey& key,
          const char* digest,
          const Bytes& message,
          const Bytes& signature,
          int pssSalt = -1)
{
    const Bytes spki = key.GetSubjectPublicKeyInfo();
    const unsigned char* p = spki.data();
    EVP_PKEY* pkey = d2i_PUBKEY(nullptr, &p, static_cast<long>(spki.size()));
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    EVP_PKEY_CTX* pctx = nullptr;
    int rc = EVP_DigestVerifyInit_ex(ctx, &pctx, digest, nullptr, nullptr, pkey, nullptr);
    if (rc == 1 && pssSalt >= 0)
    {
        OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_SIGNATURE_PARAM_PAD_MODE,
                                                                const_cast<char*>("pss"),
                                                                0),
                               OSSL_PARAM_construct_utf8_string(OSSL_SIGNATURE_PARAM_MGF1_DIGEST,
                                                                const_cast<char*>(digest),
                                                                0),
                               OSSL_PARAM_construct_int(OSSL_SIGNATURE_PARAM_PSS_SALTLEN, &pssSalt),
                               OSSL_PARAM_construct_end()};
        rc = EVP_PKEY_CTX_set_params(pctx, params);
    }
    if (rc == 1)
    {
        rc = EVP_DigestVerify(ctx,
                              signature.data(),
                              signature.size(),
                              message.data(),
                              message.size());
    }
    EVP_MD_CTX_free(ctx);
    EVP_PKEY_free(pkey);
    return rc;
}

TEST_F(SignerTest, GeneratedKeysHaveTheRequestedTypeAndSize)
{
    EXPECT_EQ(s_keys[KeyType::RSA]->GetBits(), 2048u);
    EXPECT_EQ(s_keys[KeyType::ECDSA_P256]->GetBits(), 256u);
    EXPECT_EQ(s_keys[KeyType::ECDSA_P384]->GetBits(), 384u);
    EXPECT_EQ(s_keys[KeyType::ECDSA_P521]->GetBits(), 521u);
    for (KeyType t : kAllKeyTypes)
    {
        EXPECT_EQ(s_keys[t]->GetType(), t);
        EXPECT_EQ(s_keys[t]->GetPublicKey()->GetType(), t);
        // PKCS#8 round trip gives the same key.
        Ptr<PrivateKey> again;
        ASSERT_EQ(PrivateKey::FromDer(s_keys[t]->ToDer(), again), CryptoStatus::OK);
        EXPECT_TRUE(again->GetPublicKey()->Equals(*s_keys[t]->GetPublicKey()));
        EXPECT_EQ(again->ToDer(), s_keys[t]->ToDer());
    }
    Ptr<PrivateKey> key;
    EXPECT_EQ(PrivateKey::Generate(KeyType::RSA, *s_rng, key, 512), CryptoStatus::BAD_KEY_LENGTH);
    EXPECT_EQ(PrivateKey::FromDer(Hex("300102"), key), CryptoStatus::BAD_INPUT_LENGTH);
}

TEST_F(SignerTest, FixedMethodsRoundTrip)
{
    struct Case
    {
        AuthMethod method;
        KeyType key;
        size_t size;
    };

    // RFC 7296 3.8 (RSA, modulus-sized) and RFC 4754 7 (r || s, twice the field size).
    const Case cases[] = {{AuthMethod::RSA_SIG, KeyType::RSA, 256},
                          {AuthMethod::ECDSA_SHA256_P256, KeyType::ECDSA_P256, 64},
                          {AuthMethod::ECDSA_SHA384_P384, KeyType::ECDSA_P384, 96},
                          {AuthMethod::ECDSA_SHA512_P521, KeyType::ECDSA_P521, 132}};
    for (const auto& c : cases)
    {
        const PrivateKey& key = *s_keys[c.key];
        Bytes auth;
        ASSERT_EQ(Signer::SignAuth(key, *s_rng, c.method, SignatureScheme::ED25519, m_octets, auth),
                  SignatureStatus::OK)
            << static_cast<int>(c.method);
        EXPECT_EQ(auth.size(), c.size);
        SignatureScheme used = SignatureScheme::ED25519;
        EXPECT_EQ(Signer::VerifyAuth(*key.GetPublicKey(), c.method, auth, m_octets, &used),
                  SignatureStatus::OK);
        EXPECT_NE(used, SignatureScheme::ED25519);

        // Independent check: plain OpenSSL on the same octets.
        Bytes der = auth;
        if (c.key != KeyType::RSA)
        {
            ASSERT_EQ(Signer::EcdsaFixedToDer(auth, der), SignatureStatus::OK);
        }
        EXPECT_EQ(
            RawVerify(*key.GetPublicKey(), SignatureAlgorithm::GetDigestName(used), m_octets, der),
            1);

        // Tampering with either the signature or the signed octets is detected.
        Bytes badAuth = auth;
        badAuth[badAuth.size() / 2] ^= 0x01;
        EXPECT_EQ(Signer::VerifyAuth(*key.GetPublicKey(), c.method, badAuth, m_octets),
                  SignatureStatus::BAD_SIGNATURE);
        Bytes badOctets = m_octets;
        badOctets.back() ^= 0x80;
        EXPECT_EQ(Signer::VerifyAuth(*key.GetPublicKey(), c.method, auth, badOctets),
                  SignatureStatus::BAD_SIGNATURE);
        // A truncated r || s is malformed, not merely wrong.
        if (c.key != KeyType::RSA)
        {
            EXPECT_EQ(Signer::VerifyAuth(*key.GetPublicKey(),
                                         c.method,
                                         ByteView(auth.data(), auth.size() - 1),
                                         m_octets),
                      SignatureStatus::MALFORMED);
        }
    }
}

TEST_F(SignerTest, DigitalSignatureRoundTripForEveryScheme)
{
    for (KeyType t : kAllKeyTypes)
    {
        const PrivateKey& key = *s_keys[t];
        for (SignatureScheme s : SignatureAlgorithm::GetSchemesFor(t))
        {
            Bytes auth;
            ASSERT_EQ(
                Signer::SignAuth(key, *s_rng, AuthMethod::DIGITAL_SIGNATURE, s, m_octets, auth),
                SignatureStatus::OK)
                << SignatureAlgorithm::GetName(s);
            // RFC 7427 3: length octet, AlgorithmIdentifier, signature.
            const Bytes algorithm = SignatureAlgorithm::EncodeAlgorithmIdentifier(s);
            ASSERT_GT(auth.size(), 1 + algorithm.size());
            EXPECT_EQ(auth[0], algorithm.size());
            EXPECT_TRUE(std::equal(algorithm.begin(), algorithm.end(), auth.begin() + 1));
            const Bytes signature(auth.begin() + 1 + algorithm.size(), auth.end());

            SignatureScheme used = SignatureScheme::RSA_PKCS1_SHA1;
            EXPECT_EQ(Signer::VerifyAuth(*key.GetPublicKey(),
                                         AuthMethod::DIGITAL_SIGNATURE,
                                         auth,
                                         m_octets,
                                         &used),
                      SignatureStatus::OK)
                << SignatureAlgorithm::GetName(s);
            EXPECT_EQ(used, s);

            const bool pss = s == SignatureScheme::RSA_PSS_SHA256 ||
                             s == SignatureScheme::RSA_PSS_SHA384 ||
                             s == SignatureScheme::RSA_PSS_SHA512;
            const int salt = s == SignatureScheme::RSA_PSS_SHA256   ? 32
                             : s == SignatureScheme::RSA_PSS_SHA384 ? 48
                                                                    : 64;
            EXPECT_EQ(RawVerify(*key.GetPublicKey(),
                                SignatureAlgorithm::GetDigestName(s),
                                m_octets,
                                signature,
                                pss ? salt : -1),
                      1)
                << SignatureAlgorithm::GetName(s);
            if (pss)
            {
                // The salt really is as long as the hash (RFC 7427 A.4.3 says so on the wire).
                EXPECT_NE(RawVerify(*key.GetPublicKey(),
                                    SignatureAlgorithm::GetDigestName(s),
                                    m_octets,
                                    signature,
                                    20),
                          1);
            }

            Bytes bad = auth;
            bad.back() ^= 0x01;
            EXPECT_EQ(Signer::VerifyAuth(*key.GetPublicKey(),
                                         AuthMethod::DIGITAL_SIGNATURE,
                                         bad,
                                         m_octets),
                      SignatureStatus::BAD_SIGNATURE)
                << SignatureAlgorithm::GetName(s);
        }
    }
}

TEST_F(SignerTest, MismatchesAndMalformedAuthDataAreNamed)
{
    const PrivateKey& rsa = *s_keys[KeyType::RSA];
    const PrivateKey& p256 = *s_keys[KeyType::ECDSA_P256];
    const PrivateKey& p384 = *s_keys[KeyType::ECDSA_P384];
    Bytes auth;
    EXPECT_EQ(Signer::SignAuth(p384,
                               *s_rng,
                               AuthMethod::ECDSA_SHA256_P256,
                               SignatureScheme::ECDSA_SHA256,
                               m_octets,
                               auth),
              SignatureStatus::KEY_MISMATCH);
    EXPECT_EQ(Signer::SignAuth(rsa,
                               *s_rng,
                               AuthMethod::DIGITAL_SIGNATURE,
                               SignatureScheme::ECDSA_SHA256,
                               m_octets,
                               auth),
              SignatureStatus::KEY_MISMATCH);
    EXPECT_EQ(Signer::SignAuth(rsa,
                               *s_rng,
                               AuthMethod::SHARED_KEY_MIC,
                               SignatureScheme::RSA_PSS_SHA256,
                               m_octets,
                               auth),
              SignatureStatus::UNSUPPORTED_METHOD);
    EXPECT_FALSE(Signer::IsSignatureMethod(AuthMethod::SHARED_KEY_MIC));
    EXPECT_TRUE(Signer::IsSignatureMethod(AuthMethod::DIGITAL_SIGNATURE));

    // An ECDSA-signed AUTH presented with an RSA key: the AlgorithmIdentifier does not fit it.
    ASSERT_EQ(Signer::SignAuth(p256,
                               *s_rng,
                               AuthMethod::DIGITAL_SIGNATURE,
                               SignatureScheme::ECDSA_SHA256,
                               m_octets,
                               auth),
              SignatureStatus::OK);
    EXPECT_EQ(
        Signer::VerifyAuth(*rsa.GetPublicKey(), AuthMethod::DIGITAL_SIGNATURE, auth, m_octets),
        SignatureStatus::KEY_MISMATCH);
    // Method 9 AUTH checked against a P-384 key.
    ASSERT_EQ(Signer::SignAuth(p256,
                               *s_rng,
                               AuthMethod::ECDSA_SHA256_P256,
                               SignatureScheme::ED25519,
                               m_octets,
                               auth),
              SignatureStatus::OK);
    EXPECT_EQ(
        Signer::VerifyAuth(*p384.GetPublicKey(), AuthMethod::ECDSA_SHA256_P256, auth, m_octets),
        SignatureStatus::KEY_MISMATCH);
    // A P-256 AUTH sent as method 10.
    EXPECT_EQ(
        Signer::VerifyAuth(*p256.GetPublicKey(), AuthMethod::ECDSA_SHA384_P384, auth, m_octets),
        SignatureStatus::KEY_MISMATCH);

    // Method 14 framing errors.
    EXPECT_EQ(Signer::VerifyAuth(*p256.GetPublicKey(),
                                 AuthMethod::DIGITAL_SIGNATURE,
                                 ByteView(),
                                 m_octets),
              SignatureStatus::MALFORMED);
    EXPECT_EQ(Signer::VerifyAuth(*p256.GetPublicKey(),
                                 AuthMethod::DIGITAL_SIGNATURE,
                                 Hex("0c300a06082a8648ce3d0403"),
                                 m_octets),
              SignatureStatus::MALFORMED);
    // sha224WithRSAEncryption is well-formed but not supported.
    Bytes unknown = Hex("0f300d06092a864886f70d01010e0500");
    unknown.resize(unknown.size() + 256, 0x55);
    EXPECT_EQ(
        Signer::VerifyAuth(*rsa.GetPublicKey(), AuthMethod::DIGITAL_SIGNATURE, unknown, m_octets),
        SignatureStatus::UNKNOWN_ALGORITHM);
    EXPECT_STREQ(SignatureStatusName(SignatureStatus::UNKNOWN_ALGORITHM), "UNKNOWN_ALGORITHM");
}

TEST_F(SignerTest, ManyRsaSignaturesAllVerify)
{
    // OpenSSL refreshes an RSA key's blinding every 32 private-key operations, drawing fresh
    // random octets; a generator that ran dry there once left every later signature wrong.
    const PrivateKey& key = *s_keys[KeyType::RSA];
    for (int i = 0; i < 80; ++i)
    {
        Bytes auth;
        ASSERT_EQ(Signer::SignAuth(key,
                                   *s_rng,
                                   AuthMethod::DIGITAL_SIGNATURE,
                                   i % 2 ? SignatureScheme::RSA_PSS_SHA256
                                         : SignatureScheme::RSA_PKCS1_SHA256,
                                   m_octets,
                                   auth),
                  SignatureStatus::OK);
        ASSERT_EQ(
            Signer::VerifyAuth(*key.GetPublicKey(), AuthMethod::DIGITAL_SIGNATURE, auth, m_octets),
            SignatureStatus::OK)
            << "signature " << i;
    }
}

TEST(SignerKnownAnswerTest, Ed25519Rfc8032)
{
    // sign.input lines: secret||public : public : message : signature||message :
    std::ifstream in(std::string(IPSEC_TEST_VECTORS_DIR) + "/crypto-ed25519-rfc8032.txt");
    ASSERT_TRUE(in.good());
    std::string line;
    int count = 0;
    Ptr<RandomSource> rng = sigtest::MakeRandomSource(1);
    while (std::getline(in, line))
    {
        if (line.empty() || line[0] == '#')
        {
            continue;
        }
        std::vector<std::string> f;
        size_t start = 0;
        for (size_t colon; (colon = line.find(':', start)) != std::string::npos; start = colon + 1)
        {
            f.push_back(line.substr(start, colon - start));
        }
        ASSERT_GE(f.size(), 4u);
        const Bytes secret = Hex(f[0].substr(0, 64));
        const Bytes publicKey = Hex(f[1]);
        const Bytes message = Hex(f[2]);
        const Bytes expected = Hex(f[3].substr(0, 128));

        Ptr<PrivateKey> key;
        ASSERT_EQ(PrivateKey::FromEd25519(secret, key), CryptoStatus::OK);
        Ptr<PublicKey> pub;
        ASSERT_EQ(PublicKey::FromEd25519(publicKey, pub), CryptoStatus::OK);
        EXPECT_TRUE(key->GetPublicKey()->Equals(*pub));
        Bytes signature;
        ASSERT_EQ(Signer::Sign(*key, *rng, SignatureScheme::ED25519, message, signature),
                  SignatureStatus::OK);
        EXPECT_EQ(ToHex(signature), ToHex(expected)) << "RFC 8032 7.1 test " << count + 1;
        EXPECT_EQ(Signer::Verify(*pub, SignatureScheme::ED25519, message, expected),
                  SignatureStatus::OK);
        Bytes tampered = message;
        tampered.push_back(0);
        EXPECT_EQ(Signer::Verify(*pub, SignatureScheme::ED25519, tampered, expected),
                  SignatureStatus::BAD_SIGNATURE);
        ++count;
    }
    EXPECT_EQ(count, 3);
    Simulator::Destroy();
}

TEST(SignerKnownAnswerTest, EcdsaFips186SigVerThroughRfc4754Methods)
{
    const std::map<std::string, std::pair<KeyType, AuthMethod>> sections = {
        {"[P-256,SHA-256]", {KeyType::ECDSA_P256, AuthMethod::ECDSA_SHA256_P256}},
        {"[P-384,SHA-384]", {KeyType::ECDSA_P384, AuthMethod::ECDSA_SHA384_P384}},
        {"[P-521,SHA-512]", {KeyType::ECDSA_P521, AuthMethod::ECDSA_SHA512_P521}},
    };
    int pass = 0;
    int fail = 0;
    for (const auto& r : sigtest::ReadVectors("crypto-ecdsa-fips186-3-sigver.txt"))
    {
        const auto& [type, method] = sections.at(r.section);
        const size_t width = type == KeyType::ECDSA_P256   ? 32
                             : type == KeyType::ECDSA_P384 ? 48
                                                           : 66;
        // The file gives the integers without leading zeros; RFC 4754 pads to the field size.
        auto padded = [width](const std::string& hex) {
            Bytes v = Hex(std::string(hex.size() % 2, '0') + hex);
            Bytes out(width - v.size(), 0);
            out.insert(out.end(), v.begin(), v.end());
            return out;
        };
        Bytes point{0x04};
        for (const char* coordinate : {"Qx", "Qy"})
        {
            const Bytes c = padded(r.fields.at(coordinate));
            point.insert(point.end(), c.begin(), c.end());
        }
        Bytes auth = padded(r.fields.at("R"));
        const Bytes s = padded(r.fields.at("S"));
        auth.insert(auth.end(), s.begin(), s.end());
        const bool expectPass = r.fields.at("Result")[0] == 'P';

        Ptr<PublicKey> key;
        const CryptoStatus k = PublicKey::FromEcPoint(type, point, key);
        const SignatureStatus v =
            k == CryptoStatus::OK ? Signer::VerifyAuth(*key, method, auth, Hex(r.fields.at("Msg")))
                                  : SignatureStatus::BAD_SIGNATURE;
        EXPECT_EQ(v, expectPass ? SignatureStatus::OK : SignatureStatus::BAD_SIGNATURE)
            << r.section << " " << r.fields.at("Result");
        (expectPass ? pass : fail)++;
    }
    EXPECT_EQ(pass, 6);
    EXPECT_EQ(fail, 6);
}

TEST(SignerKnownAnswerTest, RsaPkcs1v15Fips186SigVer)
{
    int pass = 0;
    int fail = 0;
    for (const auto& r : sigtest::ReadVectors("crypto-rsa-pkcs1v15-fips186-3-sigver.txt"))
    {
        const bool sha1 = r.fields.at("SHAAlg") == "SHA1";
        const bool expectPass = r.fields.at("Result")[0] == 'P';
        Ptr<PublicKey> key;
        ASSERT_EQ(PublicKey::FromRsa(Hex(r.fields.at("n")), Hex(r.fields.at("e")), key),
                  CryptoStatus::OK);
        const Bytes message = Hex(r.fields.at("Msg"));
        const Bytes signature = Hex(r.fields.at("S"));
        SignatureStatus v;
        if (sha1)
        {
            // IKEv2 auth method 1 carries the bare PKCS#1 v1.5 SHA-1 signature.
            v = Signer::VerifyAuth(*key, AuthMethod::RSA_SIG, signature, message);
        }
        else
        {
            // RFC 7427: the same signature framed with sha256WithRSAEncryption.
            const Bytes algorithm =
                SignatureAlgorithm::EncodeAlgorithmIdentifier(SignatureScheme::RSA_PKCS1_SHA256);
            Bytes auth{static_cast<uint8_t>(algorithm.size())};
            auth.insert(auth.end(), algorithm.begin(), algorithm.end());
            auth.insert(auth.end(), signature.begin(), signature.end());
            v = Signer::VerifyAuth(*key, AuthMethod::DIGITAL_SIGNATURE, auth, message);
        }
        EXPECT_EQ(v, expectPass ? SignatureStatus::OK : SignatureStatus::BAD_SIGNATURE)
            << r.fields.at("SHAAlg") << " " << r.fields.at("Result");
        (expectPass ? pass : fail)++;
    }
    EXPECT_EQ(pass, 4);
    EXPECT_EQ(fail, 4);
}

TEST(SignerConversionTest, EcdsaFixedWidthConversion)
{
    // r = 1, s = 0x80 (needs a DER leading zero): SEQUENCE { INTEGER 1, INTEGER 0x0080 }.
    Bytes fixed(64, 0);
    fixed[31] = 0x01;
    fixed[63] = 0x80;
    Bytes der;
    ASSERT_EQ(Signer::EcdsaFixedToDer(fixed, der), SignatureStatus::OK);
    EXPECT_EQ(ToHex(der),
              "3007020101020200"
              "80");
    Bytes back;
    ASSERT_EQ(Signer::EcdsaDerToFixed(der, 32, back), SignatureStatus::OK);
    EXPECT_EQ(back, fixed);
    EXPECT_EQ(Signer::EcdsaDerToFixed(Hex("300702010102020080ff"), 32, back),
              SignatureStatus::MALFORMED);
    EXPECT_EQ(Signer::EcdsaFixedToDer(Hex("0102030405"), der), SignatureStatus::MALFORMED);
}

/// Key, certificate-free: the octets one seeded node produces for a key and two signatures.
struct NodeOutput
{
    Bytes rsaKey;
    Bytes ecKey;
    Bytes ecdsaAuth;
    Bytes pssAuth;
};

NodeOutput
RunNode(uint32_t run)
{
    RngSeedManager::SetSeed(7);
    RngSeedManager::SetRun(run);
    Ptr<RandomSource> rng = sigtest::MakeRandomSource(3);
    NodeOutput out;
    Ptr<PrivateKey> rsa;
    Ptr<PrivateKey> ec;
    const Bytes octets = Hex("000102030405060708090a0b0c0d0e0f");
    EXPECT_EQ(PrivateKey::Generate(KeyType::RSA, *rng, rsa), CryptoStatus::OK);
    EXPECT_EQ(PrivateKey::Generate(KeyType::ECDSA_P256, *rng, ec), CryptoStatus::OK);
    out.rsaKey = rsa->ToDer();
    out.ecKey = ec->ToDer();
    EXPECT_EQ(Signer::SignAuth(*ec,
                               *rng,
                               AuthMethod::ECDSA_SHA256_P256,
                               SignatureScheme::ECDSA_SHA256,
                               octets,
                               out.ecdsaAuth),
              SignatureStatus::OK);
    EXPECT_EQ(Signer::SignAuth(*rsa,
                               *rng,
                               AuthMethod::DIGITAL_SIGNATURE,
                               SignatureScheme::RSA_PSS_SHA256,
                               octets,
                               out.pssAuth),
              SignatureStatus::OK);
    Simulator::Destroy();
    return out;
}

TEST(SignerDeterminismTest, SameSeedAndRunGiveIdenticalKeysAndSignatures)
{
    const NodeOutput a = RunNode(1);
    const NodeOutput b = RunNode(1);
    const NodeOutput c = RunNode(2);
    ASSERT_FALSE(a.rsaKey.empty());
    EXPECT_EQ(a.rsaKey, b.rsaKey);
    EXPECT_EQ(a.ecKey, b.ecKey);
    EXPECT_EQ(ToHex(a.ecdsaAuth), ToHex(b.ecdsaAuth)) << "ECDSA nonce k follows the seed";
    EXPECT_EQ(ToHex(a.pssAuth), ToHex(b.pssAuth)) << "PSS salt follows the seed";
    EXPECT_NE(a.rsaKey, c.rsaKey);
    EXPECT_NE(a.ecKey, c.ecKey);
    EXPECT_NE(a.ecdsaAuth, c.ecdsaAuth);
    EXPECT_NE(a.pssAuth, c.pssAuth);
}

TEST(SignerDeterminismTest, SignaturesDifferAcrossCallsButFollowTheStream)
{
    // Two signatures of the same octets with one key differ (fresh k, fresh salt)...
    RngSeedManager::SetSeed(3);
    RngSeedManager::SetRun(1);
    Ptr<RandomSource> rng = sigtest::MakeRandomSource(9);
    Ptr<PrivateKey> ec;
    ASSERT_EQ(PrivateKey::Generate(KeyType::ECDSA_P384, *rng, ec), CryptoStatus::OK);
    const Bytes octets = Hex("abcdef");
    Bytes s1;
    Bytes s2;
    ASSERT_EQ(Signer::Sign(*ec, *rng, SignatureScheme::ECDSA_SHA384, octets, s1),
              SignatureStatus::OK);
    ASSERT_EQ(Signer::Sign(*ec, *rng, SignatureScheme::ECDSA_SHA384, octets, s2),
              SignatureStatus::OK);
    EXPECT_NE(s1, s2);
    // ...and replaying the stream's seed reproduces the first one exactly.
    const Bytes der = ec->ToDer();
    RngSeedManager::SetRun(1);
    Ptr<RandomSource> replay = sigtest::MakeRandomSource(9);
    Ptr<PrivateKey> ec2;
    ASSERT_EQ(PrivateKey::Generate(KeyType::ECDSA_P384, *replay, ec2), CryptoStatus::OK);
    EXPECT_EQ(ec2->ToDer(), der);
    Bytes s3;
    ASSERT_EQ(Signer::Sign(*ec2, *replay, SignatureScheme::ECDSA_SHA384, octets, s3),
              SignatureStatus::OK);
    EXPECT_EQ(s3, s1);
    Simulator::Destroy();
}

} // namespace
} // namespace ns3
