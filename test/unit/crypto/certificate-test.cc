/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The simulation CA and certificate validation: issuing, DER round trips, chains through
 * intermediates, untrusted / expired / not-yet-valid / tampered / malformed certificates,
 * identity binding for every IKE ID type, determinism per seed.
 */

#include "signature-test-util.h"

#include "ns3/certificate-authority.h"
#include "ns3/certificate-validator.h"
#include "ns3/certificate.h"
#include "ns3/distinguished-name.h"
#include "ns3/ike-identity.h"
#include "ns3/random-source.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/signer.h"
#include "ns3/simulator.h"

#include <algorithm>
#include <gtest/gtest.h>
#include <openssl/x509.h>

namespace ns3
{
namespace
{

using sigtest::Hex;
using sigtest::ToHex;

const std::string kNodeDn = "C=DE, O=ns-3 IPsec, CN=gw1";

CertificateRequest
NodeRequest(Time notBefore, Time notAfter)
{
    CertificateRequest r;
    r.subject = kNodeDn;
    r.subjectAltNames = {SubjectAltName::Dns("gw1.example.org"),
                         SubjectAltName::Ip(Ipv4Address("10.0.0.1")),
                         SubjectAltName::Ip(Ipv6Address("2001:db8::1")),
                         SubjectAltName::Email("ike@gw1.example.org")};
    r.notBefore = notBefore;
    r.notAfter = notAfter;
    return r;
}

class CertificateTest : public ::testing::Test
{
  protected:
    void SetUp() override
    {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
        m_rng = sigtest::MakeRandomSource(20);
        m_nodeRng = sigtest::MakeRandomSource(21);
        ASSERT_EQ(CertificateAuthority::CreateRoot("C=DE, O=ns-3 IPsec, CN=Root CA",
                                                   KeyType::ECDSA_P256,
                                                   m_rng,
                                                   Seconds(0),
                                                   Days(3650),
                                                   m_root),
                  CryptoStatus::OK);
        ASSERT_EQ(m_root->IssueWithNewKey(NodeRequest(Seconds(0), Days(1)),
                                          KeyType::ECDSA_P256,
                                          *m_nodeRng,
                                          m_nodeKey,
                                          m_node),
                  CryptoStatus::OK);
        m_validator = Create<CertificateValidator>();
        m_validator->AddTrustAnchor(m_root->GetCertificate());
    }

    void TearDown() override
    {
        Simulator::Destroy();
    }

    Ptr<RandomSource> m_rng;
    Ptr<RandomSource> m_nodeRng;
    Ptr<CertificateAuthority> m_root;
    Ptr<PrivateKey> m_nodeKey;
    Ptr<Certificate> m_node;
    Ptr<CertificateValidator> m_validator;
};

TEST_F(CertificateTest, IssuedCertificateSaysWhatWasAsked)
{
    EXPECT_EQ(m_node->GetSubject(), kNodeDn);
    EXPECT_EQ(m_node->GetIssuer(), "C=DE, O=ns-3 IPsec, CN=Root CA");
    EXPECT_EQ(m_node->GetNotBefore(), Seconds(0));
    EXPECT_EQ(m_node->GetNotAfter(), Days(1));
    EXPECT_EQ(m_node->GetSubjectAltNames(), NodeRequest(Seconds(0), Days(1)).subjectAltNames);
    EXPECT_FALSE(m_node->IsCa());
    EXPECT_TRUE(m_root->GetCertificate()->IsCa());
    EXPECT_TRUE(m_node->GetPublicKey()->Equals(*m_nodeKey->GetPublicKey()));
    const Bytes serial = m_node->GetSerialNumber();
    EXPECT_GE(serial.size(), 15u);
    EXPECT_LE(serial.size(), 16u);

    // Simulation time zero is 2026-01-01T00:00:00Z in the certificate itself.
    EXPECT_EQ(Certificate::ToUnixSeconds(Seconds(0)), 1767225600);
    EXPECT_EQ(Certificate::ToUnixSeconds(Seconds(90.7)), 1767225690);
    EXPECT_EQ(Certificate::FromUnixSeconds(1767225600 + 3600), Hours(1));
    EXPECT_EQ(Certificate::ToUnixSeconds(Seconds(-0.5)), 1767225599) << "rounds down";
    const ASN1_TIME* notBefore = X509_get0_notBefore(m_node->GetX509());
    EXPECT_EQ(std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(notBefore)),
                          ASN1_STRING_length(notBefore)),
              "260101000000Z");
}

TEST_F(CertificateTest, DerRoundTrip)
{
    Ptr<Certificate> decoded;
    ASSERT_EQ(Certificate::FromDer(m_node->GetDer(), decoded), CryptoStatus::OK);
    EXPECT_EQ(decoded->GetDer(), m_node->GetDer());
    EXPECT_EQ(decoded->GetSubjectDer(), m_node->GetSubjectDer());
    EXPECT_EQ(decoded->GetSubjectAltNames(), m_node->GetSubjectAltNames());
    EXPECT_EQ(decoded->GetNotAfter(), m_node->GetNotAfter());
    EXPECT_TRUE(decoded->GetPublicKey()->Equals(*m_node->GetPublicKey()));

    Bytes truncated = m_node->GetDer();
    truncated.resize(truncated.size() - 1);
    EXPECT_EQ(Certificate::FromDer(truncated, decoded), CryptoStatus::INVALID_CERTIFICATE);
    Bytes trailing = m_node->GetDer();
    trailing.push_back(0);
    EXPECT_EQ(Certificate::FromDer(trailing, decoded), CryptoStatus::INVALID_CERTIFICATE);
    EXPECT_EQ(Certificate::FromDer(ByteView(), decoded), CryptoStatus::INVALID_CERTIFICATE);
}

// RFC 5280 4.1: the TBSCertificate carries the subject's SubjectPublicKeyInfo verbatim, so the
// key's own encoding (kept after the first call) must occur in the certificate's DER.
TEST_F(CertificateTest, SubjectPublicKeyInfoIsTheOneInsideTheCertificate)
{
    for (const Ptr<Certificate>& cert : {m_node, m_root->GetCertificate()})
    {
        const Bytes spki = cert->GetPublicKey()->GetSubjectPublicKeyInfo();
        ASSERT_GT(spki.size(), 2u);
        EXPECT_EQ(spki[0], 0x30) << "a SEQUENCE";
        const Bytes& der = cert->GetDer();
        EXPECT_NE(std::search(der.begin(), der.end(), spki.begin(), spki.end()), der.end());
        EXPECT_EQ(cert->GetPublicKey()->GetSubjectPublicKeyInfo(), spki) << "same on reuse";
    }
    EXPECT_EQ(m_nodeKey->GetPublicKey()->GetSubjectPublicKeyInfo(),
              m_node->GetPublicKey()->GetSubjectPublicKeyInfo());
    EXPECT_NE(m_root->GetCertificate()->GetPublicKey()->GetSubjectPublicKeyInfo(),
              m_node->GetPublicKey()->GetSubjectPublicKeyInfo());
}

TEST_F(CertificateTest, ValidChainWithinValidity)
{
    const CertificateValidation v = m_validator->Validate(m_node, {}, Hours(1));
    EXPECT_EQ(v.result, CertificateCheck::VALID) << v.message;
    EXPECT_TRUE(v.IsValid());
    // The leaf's key verifies an AUTH made with the node's private key.
    Bytes auth;
    const Bytes octets = Hex("0123456789");
    ASSERT_EQ(Signer::SignAuth(*m_nodeKey,
                               *m_nodeRng,
                               AuthMethod::DIGITAL_SIGNATURE,
                               SignatureScheme::ECDSA_SHA256,
                               octets,
                               auth),
              SignatureStatus::OK);
    EXPECT_EQ(
        Signer::VerifyAuth(*m_node->GetPublicKey(), AuthMethod::DIGITAL_SIGNATURE, auth, octets),
        SignatureStatus::OK);
}

TEST_F(CertificateTest, UntrustedIssuer)
{
    Ptr<CertificateAuthority> other;
    ASSERT_EQ(CertificateAuthority::CreateRoot("C=DE, O=Elsewhere, CN=Other CA",
                                               KeyType::ECDSA_P256,
                                               m_rng,
                                               Seconds(0),
                                               Days(3650),
                                               other),
              CryptoStatus::OK);
    auto validator = Create<CertificateValidator>();
    validator->AddTrustAnchor(other->GetCertificate());
    const CertificateValidation v = validator->Validate(m_node, {}, Hours(1));
    EXPECT_EQ(v.result, CertificateCheck::UNTRUSTED) << v.message;
    EXPECT_NE(v.message.find("CN=Root CA"), std::string::npos) << v.message;

    // With no anchors at all, and for a self-signed root not in the store.
    auto empty = Create<CertificateValidator>();
    EXPECT_EQ(empty->Validate(m_node, {}, Hours(1)).result, CertificateCheck::UNTRUSTED);
    EXPECT_EQ(validator->Validate(m_root->GetCertificate(), {}, Hours(1)).result,
              CertificateCheck::UNTRUSTED);
}

TEST_F(CertificateTest, ExpiredAndNotYetValidFollowTheSimulatedClock)
{
    CertificateValidation v = m_validator->Validate(m_node, {}, Days(1) + Seconds(1));
    EXPECT_EQ(v.result, CertificateCheck::EXPIRED) << v.message;
    EXPECT_NE(v.message.find("2026-01-02T00:00:00Z"), std::string::npos) << v.message;
    EXPECT_NE(v.message.find("CN=gw1"), std::string::npos) << v.message;

    Ptr<Certificate> later;
    ASSERT_EQ(m_root->Issue(NodeRequest(Hours(2), Days(2)), *m_nodeKey->GetPublicKey(), later),
              CryptoStatus::OK);
    v = m_validator->Validate(later, {}, Hours(1));
    EXPECT_EQ(v.result, CertificateCheck::NOT_YET_VALID) << v.message;
    EXPECT_NE(v.message.find("2026-01-01T02:00:00Z"), std::string::npos) << v.message;
    EXPECT_EQ(m_validator->Validate(later, {}, Hours(2)).result, CertificateCheck::VALID);
    // OpenSSL 3.0 (X509_cmp_time) already counts the notAfter second itself as expired.
    EXPECT_EQ(m_validator->Validate(later, {}, Days(2) - Seconds(1)).result,
              CertificateCheck::VALID);
    EXPECT_EQ(m_validator->Validate(later, {}, Days(2) + Seconds(1)).result,
              CertificateCheck::EXPIRED);
}

TEST_F(CertificateTest, IntermediateCaChainsWithRsaKeys)
{
    Ptr<CertificateAuthority> rsaRoot;
    ASSERT_EQ(CertificateAuthority::CreateRoot("C=DE, O=ns-3 IPsec, CN=RSA Root",
                                               KeyType::RSA,
                                               m_rng,
                                               Seconds(0),
                                               Days(3650),
                                               rsaRoot),
              CryptoStatus::OK);
    Ptr<CertificateAuthority> intermediate;
    ASSERT_EQ(rsaRoot->CreateIntermediate("C=DE, O=ns-3 IPsec, CN=Site CA",
                                          KeyType::RSA,
                                          Seconds(0),
                                          Days(30),
                                          intermediate),
              CryptoStatus::OK);
    Ptr<PrivateKey> key;
    Ptr<Certificate> leaf;
    ASSERT_EQ(intermediate->IssueWithNewKey(NodeRequest(Seconds(0), Days(365)),
                                            KeyType::RSA,
                                            *m_nodeRng,
                                            key,
                                            leaf),
              CryptoStatus::OK);
    EXPECT_EQ(key->GetBits(), 2048u);
    EXPECT_EQ(intermediate->GetChain().size(), 1u);
    EXPECT_TRUE(rsaRoot->GetChain().empty());

    auto validator = Create<CertificateValidator>();
    validator->AddTrustAnchor(rsaRoot->GetCertificate());
    CertificateValidation v = validator->Validate(leaf, intermediate->GetChain(), Days(1));
    EXPECT_EQ(v.result, CertificateCheck::VALID) << v.message;
    // Without the intermediate there is no path to the anchor.
    v = validator->Validate(leaf, {}, Days(1));
    EXPECT_EQ(v.result, CertificateCheck::UNTRUSTED) << v.message;
    // The intermediate's own validity ends before the leaf's.
    v = validator->Validate(leaf, intermediate->GetChain(), Days(31));
    EXPECT_EQ(v.result, CertificateCheck::EXPIRED) << v.message;
    EXPECT_NE(v.message.find("CN=Site CA"), std::string::npos) << v.message;
    // The ECDSA root does not vouch for this chain.
    EXPECT_EQ(m_validator->Validate(leaf, intermediate->GetChain(), Days(1)).result,
              CertificateCheck::UNTRUSTED);

    // Received as CERT payload octets.
    std::vector<Bytes> chainDer;
    for (const auto& c : intermediate->GetChain())
    {
        chainDer.push_back(c->GetDer());
    }
    EXPECT_EQ(validator->ValidateDer(leaf->GetDer(), chainDer, Days(1)).result,
              CertificateCheck::VALID);
}

TEST_F(CertificateTest, TamperedAndMalformedCertificates)
{
    // Flip a bit inside the subject's CN: still DER, but the CA signature no longer matches.
    Bytes der = m_node->GetDer();
    const std::string cn = "gw1";
    auto it = std::search(der.begin(), der.end(), cn.begin(), cn.end());
    ASSERT_NE(it, der.end());
    *it ^= 0x01;
    CertificateValidation v = m_validator->ValidateDer(der, {}, Hours(1));
    EXPECT_EQ(v.result, CertificateCheck::BAD_SIGNATURE) << v.message;

    Bytes truncated = m_node->GetDer();
    truncated.resize(truncated.size() / 2);
    v = m_validator->ValidateDer(truncated, {}, Hours(1));
    EXPECT_EQ(v.result, CertificateCheck::MALFORMED) << v.message;
    v = m_validator->ValidateDer(m_node->GetDer(), {Hex("3003020101")}, Hours(1));
    EXPECT_EQ(v.result, CertificateCheck::MALFORMED) << v.message;
    EXPECT_NE(v.message.find("intermediate"), std::string::npos);
}

TEST_F(CertificateTest, IdentityForEveryIdType)
{
    IkeIdentity dn;
    ASSERT_EQ(IkeIdentity::FromDnString(kNodeDn, dn), CryptoStatus::OK);
    IkeIdentity otherDn;
    ASSERT_EQ(IkeIdentity::FromDnString("C=DE, O=ns-3 IPsec, CN=gw2", otherDn), CryptoStatus::OK);
    EXPECT_EQ(dn.GetData(), m_node->GetSubjectDer());

    struct Case
    {
        IkeIdentity id;
        bool match;
    };

    const Case cases[] = {
        {IkeIdentity::FromIpv4(Ipv4Address("10.0.0.1")), true},
        {IkeIdentity::FromIpv4(Ipv4Address("10.0.0.2")), false},
        {IkeIdentity::FromIpv6(Ipv6Address("2001:db8::1")), true},
        {IkeIdentity::FromIpv6(Ipv6Address("2001:db8::2")), false},
        {IkeIdentity::FromFqdn("gw1.example.org"), true},
        {IkeIdentity::FromFqdn("GW1.Example.ORG"), true}, // DNS names are case-insensitive
        {IkeIdentity::FromFqdn("gw2.example.org"), false},
        {IkeIdentity::FromRfc822("ike@gw1.example.org"), true},
        {IkeIdentity::FromRfc822("ike@GW1.example.org"), true},  // domain part is case-insensitive
        {IkeIdentity::FromRfc822("IKE@gw1.example.org"), false}, // local part is not
        {IkeIdentity::FromRfc822("gw1.example.org"), false},
        {dn, true},
        {otherDn, false},
        {IkeIdentity(IkeIdType::KEY_ID, Hex("0102")), false},
    };
    for (const auto& c : cases)
    {
        const CertificateValidation v = CertificateValidator::CheckIdentity(*m_node, c.id);
        EXPECT_EQ(v.result, c.match ? CertificateCheck::VALID : CertificateCheck::IDENTITY_MISMATCH)
            << c.id.ToString() << ": " << v.message;
        if (!c.match)
        {
            EXPECT_NE(v.message.find(IkeIdTypeName(c.id.GetType())), std::string::npos)
                << v.message;
        }
    }
    // An IPv4 address never matches an IPv6 SAN of the same octets' prefix, and vice versa.
    auto validator = m_validator;
    EXPECT_EQ(validator->ValidateFor(m_node, {}, IkeIdentity::FromFqdn("gw1.example.org"), Hours(1))
                  .result,
              CertificateCheck::VALID);
    EXPECT_EQ(validator->ValidateFor(m_node, {}, IkeIdentity::FromFqdn("gw9.example.org"), Hours(1))
                  .result,
              CertificateCheck::IDENTITY_MISMATCH);
    // Chain errors come first.
    EXPECT_EQ(validator->ValidateFor(m_node, {}, IkeIdentity::FromFqdn("gw9.example.org"), Days(9))
                  .result,
              CertificateCheck::EXPIRED);
}

TEST_F(CertificateTest, ValidityFollowsSimulatorNowDuringARun)
{
    // A peer checks the same certificate at three moments of a simulation.
    std::vector<CertificateCheck> seen;
    for (Time at : {Hours(1), Days(1) - Seconds(1), Days(1) + Minutes(1)})
    {
        Simulator::Schedule(at, [this, &seen]() {
            seen.push_back(m_validator->Validate(m_node, {}, Simulator::Now()).result);
        });
    }
    Simulator::Run();
    EXPECT_EQ(seen,
              (std::vector<CertificateCheck>{CertificateCheck::VALID,
                                             CertificateCheck::VALID,
                                             CertificateCheck::EXPIRED}));
}

TEST(DistinguishedNameTest, EncodeAndPrint)
{
    Bytes der;
    ASSERT_EQ(DistinguishedName::Encode("C=DE, O=ns-3, CN=gw1", der), CryptoStatus::OK);
    // SEQUENCE { SET { SEQUENCE { countryName, PrintableString "DE" } }, SET { ... O UTF8String
    // "ns-3" }, SET { ... CN UTF8String "gw1" } } (X.501, RFC 5280 4.1.2.4).
    EXPECT_EQ(ToHex(der),
              "302a310b3009060355040613024445310d300b060355040a0c046e732d33"
              "310c300a06035504030c03677731");
    EXPECT_EQ(DistinguishedName::ToText(der), "C=DE, O=ns-3, CN=gw1");
    EXPECT_EQ(DistinguishedName::Encode("", der), CryptoStatus::BAD_INPUT_LENGTH);
    EXPECT_EQ(DistinguishedName::Encode("CN", der), CryptoStatus::BAD_INPUT_LENGTH);
    EXPECT_EQ(DistinguishedName::Encode("XX=1", der), CryptoStatus::BAD_INPUT_LENGTH);
    EXPECT_EQ(DistinguishedName::ToText(Hex("3003")), "<malformed DN>");
}

/// The DER of a root and a node certificate made from one seed and run.
std::pair<Bytes, Bytes>
IssueFromSeed(uint32_t run, KeyType type)
{
    RngSeedManager::SetSeed(11);
    RngSeedManager::SetRun(run);
    Ptr<RandomSource> caRng = sigtest::MakeRandomSource(1);
    Ptr<RandomSource> nodeRng = sigtest::MakeRandomSource(2);
    Ptr<CertificateAuthority> ca;
    EXPECT_EQ(CertificateAuthority::CreateRoot("CN=Root", type, caRng, Seconds(0), Days(10), ca),
              CryptoStatus::OK);
    Ptr<PrivateKey> key;
    Ptr<Certificate> cert;
    EXPECT_EQ(ca->IssueWithNewKey(NodeRequest(Seconds(0), Days(1)), type, *nodeRng, key, cert),
              CryptoStatus::OK);
    Simulator::Destroy();
    return {ca->GetCertificate()->GetDer(), cert->GetDer()};
}

TEST(CertificateDeterminismTest, SameSeedGivesIdenticalCertificates)
{
    for (KeyType type : {KeyType::ECDSA_P256, KeyType::RSA})
    {
        const auto a = IssueFromSeed(1, type);
        const auto b = IssueFromSeed(1, type);
        const auto c = IssueFromSeed(2, type);
        EXPECT_EQ(ToHex(a.first), ToHex(b.first)) << KeyTypeName(type);
        EXPECT_EQ(ToHex(a.second), ToHex(b.second)) << KeyTypeName(type);
        EXPECT_NE(a.first, c.first) << KeyTypeName(type);
        EXPECT_NE(a.second, c.second) << KeyTypeName(type);
    }
}

} // namespace
} // namespace ns3
