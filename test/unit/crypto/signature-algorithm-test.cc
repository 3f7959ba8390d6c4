/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RFC 7427 AlgorithmIdentifiers: the encoder against the DER the RFCs publish, and the parser
 * on valid, unknown and malformed input.
 */

#include "signature-test-util.h"

#include "ns3/signature-algorithm.h"

#include <gtest/gtest.h>

namespace ns3
{
namespace
{

using sigtest::Hex;
using sigtest::ToHex;

struct PublishedIdentifier
{
    SignatureScheme scheme;
    const char* source;
    const char* der;
};

// The hex dumps of RFC 7427 Appendix A (A.1 RSA, A.3 ECDSA, A.4.3 RSASSA-PSS with SHA-256),
// the SHA-384/512 PKCS#1 identifiers of RFC 4055 5 / A.1 built the same way, and RFC 8420 2.
const PublishedIdentifier kPublished[] = {
    {SignatureScheme::RSA_PKCS1_SHA1, "RFC 7427 A.1.1", "300d06092a864886f70d0101050500"},
    {SignatureScheme::RSA_PKCS1_SHA256, "RFC 7427 A.1.2", "300d06092a864886f70d01010b0500"},
    {SignatureScheme::RSA_PKCS1_SHA384, "RFC 7427 A.1.3", "300d06092a864886f70d01010c0500"},
    {SignatureScheme::RSA_PKCS1_SHA512, "RFC 7427 A.1.4", "300d06092a864886f70d01010d0500"},
    {SignatureScheme::ECDSA_SHA256, "RFC 7427 A.3.1", "300a06082a8648ce3d040302"},
    {SignatureScheme::ECDSA_SHA384, "RFC 7427 A.3.2", "300a06082a8648ce3d040303"},
    {SignatureScheme::ECDSA_SHA512, "RFC 7427 A.3.3", "300a06082a8648ce3d040304"},
    {SignatureScheme::RSA_PSS_SHA256,
     "RFC 7427 A.4.3",
     "3046 0609 2a86 4886 f70d 0101 0a30 39a0 0f30 0d06 0960 8648 0165 0304 0201 0500"
     "a11c 301a 0609 2a86 4886 f70d 0101 0830 0d06 0960 8648 0165 0304 0201 0500 a203"
     "0201 20a3 0302 0101"},
    {SignatureScheme::ED25519, "RFC 8420 2", "300506032b6570"},
};

TEST(SignatureAlgorithmTest, EncoderMatchesPublishedDer)
{
    for (const auto& p : kPublished)
    {
        const Bytes expected = Hex(p.der);
        const Bytes der = SignatureAlgorithm::EncodeAlgorithmIdentifier(p.scheme);
        EXPECT_EQ(ToHex(der), ToHex(expected))
            << SignatureAlgorithm::GetName(p.scheme) << " vs " << p.source;
    }
}

TEST(SignatureAlgorithmTest, PublishedDerParsesToItsScheme)
{
    for (const auto& p : kPublished)
    {
        SignatureScheme scheme = SignatureScheme::ED25519;
        const Bytes der = Hex(p.der);
        ASSERT_EQ(SignatureAlgorithm::ParseAlgorithmIdentifier(der, scheme), SignatureStatus::OK)
            << p.source;
        EXPECT_EQ(scheme, p.scheme) << p.source;
    }
}

TEST(SignatureAlgorithmTest, EveryEncodingRoundTrips)
{
    for (SignatureScheme s : SignatureAlgorithm::GetAll())
    {
        const Bytes der = SignatureAlgorithm::EncodeAlgorithmIdentifier(s);
        ASSERT_FALSE(der.empty());
        ASSERT_LT(der.size(), 256u) << "RFC 7427 3: the length must fit one octet";
        EXPECT_EQ(der[1] + 2u, der.size()) << "outer SEQUENCE length";
        SignatureScheme parsed = SignatureScheme::ED25519;
        ASSERT_EQ(SignatureAlgorithm::ParseAlgorithmIdentifier(der, parsed), SignatureStatus::OK)
            << SignatureAlgorithm::GetName(s);
        EXPECT_EQ(parsed, s);
    }
}

TEST(SignatureAlgorithmTest, PssVariantsWithAndWithoutTrailerField)
{
    // trailerField is DEFAULT 1 (RFC 4055 3.1): strict DER omits it; accept both forms.
    SignatureScheme scheme = SignatureScheme::ED25519;
    const Bytes withoutTrailer =
        Hex("3041 0609 2a86 4886 f70d 0101 0a30 34a0 0f30 0d06 0960 8648 0165 0304 0201 0500"
            "a11c 301a 0609 2a86 4886 f70d 0101 0830 0d06 0960 8648 0165 0304 0201 0500 a203"
            "0201 20");
    ASSERT_EQ(SignatureAlgorithm::ParseAlgorithmIdentifier(withoutTrailer, scheme),
              SignatureStatus::OK);
    EXPECT_EQ(scheme, SignatureScheme::RSA_PSS_SHA256);

    // SHA-384 form of the encoder: salt 48 (0x30), hash and MGF1 both SHA-384.
    const Bytes pss384 =
        SignatureAlgorithm::EncodeAlgorithmIdentifier(SignatureScheme::RSA_PSS_SHA384);
    EXPECT_EQ(ToHex(pss384),
              ToHex(Hex("3046 0609 2a86 4886 f70d 0101 0a30 39a0 0f30 0d06 0960 8648 0165 0304"
                        "0202 0500 a11c 301a 0609 2a86 4886 f70d 0101 0830 0d06 0960 8648 0165"
                        "0304 0202 0500 a203 0201 30a3 0302 0101")));
}

TEST(SignatureAlgorithmTest, UnknownAlgorithmsAreReportedAsSuch)
{
    SignatureScheme scheme = SignatureScheme::ED25519;

    struct Case
    {
        const char* what;
        const char* der;
    };

    const Case cases[] = {
        {"sha224WithRSAEncryption", "300d06092a864886f70d01010e0500"},
        {"ecdsa-with-SHA224", "300a06082a8648ce3d040301"},
        {"id-Ed448", "300506032b6571"},
        {"RSASSA-PSS, absent parameters (SHA-1 defaults)", "300b06092a864886f70d01010a"},
        // RFC 7427 A.4.2: explicit SHA-1 defaults.
        {"RSASSA-PSS SHA-1",
         "303e06092a864886f70d01010a3031a00b300906052b0e03021a0500a118301606092a864886f70d010108"
         "300906052b0e03021a0500a203020114a303020101"},
        {"RSASSA-PSS SHA-256 with salt 20",
         "304106092a864886f70d01010a3034a00f300d06096086480165030402010500a11c301a06092a864886f7"
         "0d010108300d06096086480165030402010500a203020114"},
        {"RSASSA-PSS SHA-256 with MGF1-SHA-1",
         "303d06092a864886f70d01010a3030a00f300d06096086480165030402010500a118301606092a864886f7"
         "0d010108300906052b0e03021a0500a203020120"},
    };
    for (const auto& c : cases)
    {
        EXPECT_EQ(SignatureAlgorithm::ParseAlgorithmIdentifier(Hex(c.der), scheme),
                  SignatureStatus::UNKNOWN_ALGORITHM)
            << c.what;
    }
}

TEST(SignatureAlgorithmTest, MalformedDerIsRejected)
{
    SignatureScheme scheme = SignatureScheme::ED25519;
    const Bytes good = Hex("300a06082a8648ce3d040302");
    EXPECT_EQ(SignatureAlgorithm::ParseAlgorithmIdentifier(ByteView(), scheme),
              SignatureStatus::MALFORMED);
    for (size_t n = 1; n < good.size(); ++n)
    {
        EXPECT_EQ(SignatureAlgorithm::ParseAlgorithmIdentifier(ByteView(good.data(), n), scheme),
                  SignatureStatus::MALFORMED)
            << "truncated to " << n;
    }
    Bytes trailing = good;
    trailing.push_back(0);
    EXPECT_EQ(SignatureAlgorithm::ParseAlgorithmIdentifier(trailing, scheme),
              SignatureStatus::MALFORMED);
    // ECDSA with NULL parameters: RFC 5758 3.2 says absent.
    EXPECT_EQ(
        SignatureAlgorithm::ParseAlgorithmIdentifier(Hex("300c06082a8648ce3d0403020500"), scheme),
        SignatureStatus::MALFORMED);
    // Not a SEQUENCE; non-minimal long-form length.
    EXPECT_EQ(SignatureAlgorithm::ParseAlgorithmIdentifier(Hex("310a06082a8648ce3d040302"), scheme),
              SignatureStatus::MALFORMED);
    EXPECT_EQ(
        SignatureAlgorithm::ParseAlgorithmIdentifier(Hex("30810a06082a8648ce3d040302"), scheme),
        SignatureStatus::MALFORMED);
}

TEST(SignatureAlgorithmTest, SignatureHashAlgorithmIds)
{
    // RFC 7427 4 / IANA "IKEv2 Hash Algorithms"; Identity from RFC 8420.
    EXPECT_EQ(static_cast<uint16_t>(SignatureHashId::SHA1), 1);
    EXPECT_EQ(static_cast<uint16_t>(SignatureHashId::SHA2_256), 2);
    EXPECT_EQ(static_cast<uint16_t>(SignatureHashId::SHA2_384), 3);
    EXPECT_EQ(static_cast<uint16_t>(SignatureHashId::SHA2_512), 4);
    EXPECT_EQ(static_cast<uint16_t>(SignatureHashId::IDENTITY), 5);

    const std::vector<SignatureHashId> sha2 = {SignatureHashId::SHA2_256,
                                               SignatureHashId::SHA2_384,
                                               SignatureHashId::SHA2_512};
    EXPECT_EQ(SignatureAlgorithm::GetHashesFor(KeyType::RSA), sha2);
    EXPECT_EQ(SignatureAlgorithm::GetHashesFor(KeyType::ECDSA_P256), sha2);
    EXPECT_EQ(SignatureAlgorithm::GetHashesFor(KeyType::ECDSA_P521), sha2);
    EXPECT_EQ(SignatureAlgorithm::GetHashesFor(KeyType::ED25519),
              std::vector<SignatureHashId>{SignatureHashId::IDENTITY});

    for (KeyType t : {KeyType::RSA,
                      KeyType::ECDSA_P256,
                      KeyType::ECDSA_P384,
                      KeyType::ECDSA_P521,
                      KeyType::ED25519})
    {
        for (SignatureScheme s : SignatureAlgorithm::GetSchemesFor(t))
        {
            EXPECT_TRUE(SignatureAlgorithm::IsCompatible(s, t));
        }
    }
    EXPECT_EQ(SignatureAlgorithm::GetSchemesFor(KeyType::ECDSA_P384).front(),
              SignatureScheme::ECDSA_SHA384);
    EXPECT_FALSE(SignatureAlgorithm::IsCompatible(SignatureScheme::ECDSA_SHA256, KeyType::RSA));
    EXPECT_FALSE(
        SignatureAlgorithm::IsCompatible(SignatureScheme::RSA_PSS_SHA256, KeyType::ECDSA_P256));
    EXPECT_FALSE(SignatureAlgorithm::IsCompatible(SignatureScheme::ED25519, KeyType::RSA));
}

TEST(SignatureAlgorithmTest, SchemeSelectionFollowsThePeersHashes)
{
    SignatureScheme scheme = SignatureScheme::ED25519;
    // RSA prefers PSS; with only SHA2-512 announced it takes PSS with SHA-512.
    ASSERT_TRUE(
        SignatureAlgorithm::SelectScheme(KeyType::RSA,
                                         {SignatureHashId::SHA2_256, SignatureHashId::SHA2_512},
                                         scheme));
    EXPECT_EQ(scheme, SignatureScheme::RSA_PSS_SHA256);
    ASSERT_TRUE(
        SignatureAlgorithm::SelectScheme(KeyType::RSA, {SignatureHashId::SHA2_512}, scheme));
    EXPECT_EQ(scheme, SignatureScheme::RSA_PSS_SHA512);
    // A P-384 key prefers the matching hash, then any SHA-2 the peer has.
    ASSERT_TRUE(
        SignatureAlgorithm::SelectScheme(KeyType::ECDSA_P384,
                                         {SignatureHashId::SHA2_256, SignatureHashId::SHA2_384},
                                         scheme));
    EXPECT_EQ(scheme, SignatureScheme::ECDSA_SHA384);
    ASSERT_TRUE(
        SignatureAlgorithm::SelectScheme(KeyType::ECDSA_P384, {SignatureHashId::SHA2_256}, scheme));
    EXPECT_EQ(scheme, SignatureScheme::ECDSA_SHA256);
    // Ed25519 needs Identity (RFC 8420); SHA-1 alone fits no key under RFC 7427.
    EXPECT_FALSE(
        SignatureAlgorithm::SelectScheme(KeyType::ED25519, {SignatureHashId::SHA2_256}, scheme));
    ASSERT_TRUE(
        SignatureAlgorithm::SelectScheme(KeyType::ED25519, {SignatureHashId::IDENTITY}, scheme));
    EXPECT_EQ(scheme, SignatureScheme::ED25519);
    EXPECT_FALSE(SignatureAlgorithm::SelectScheme(KeyType::RSA, {SignatureHashId::SHA1}, scheme));
    EXPECT_FALSE(SignatureAlgorithm::SelectScheme(KeyType::RSA, {}, scheme));
}

} // namespace
} // namespace ns3
