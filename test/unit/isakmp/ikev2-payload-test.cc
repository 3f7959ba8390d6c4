/* SPDX-License-Identifier: GPL-2.0-only */

// Every IKEv2 payload against octets written by hand from its RFC 7296 / RFC 7383 figure, and a
// serialize/deserialize round trip through the generic decoder (Ikev2CreatePayload).

#include "ikev2-test-util.h"

#include "ns3/crypto-types.h"
#include "ns3/ikev2-auth-payload.h"
#include "ns3/ikev2-cert-payload.h"
#include "ns3/ikev2-cert-request-payload.h"
#include "ns3/ikev2-config-payload.h"
#include "ns3/ikev2-delete-payload.h"
#include "ns3/ikev2-eap-payload.h"
#include "ns3/ikev2-encrypted-fragment-payload.h"
#include "ns3/ikev2-encrypted-payload.h"
#include "ns3/ikev2-header.h"
#include "ns3/ikev2-id-payload.h"
#include "ns3/ikev2-ke-payload.h"
#include "ns3/ikev2-message.h"
#include "ns3/ikev2-nonce-payload.h"
#include "ns3/ikev2-notify-payload.h"
#include "ns3/ikev2-sa-payload.h"
#include "ns3/ikev2-ts-payload.h"
#include "ns3/ikev2-vendor-id-payload.h"
#include "ns3/transform-ids.h"

#include <gtest/gtest.h>

namespace ns3
{
namespace
{

/// Decode @p wire with the generic factory, check it re-encodes to the same octets and hand
/// back the typed object for field checks.
template <class T>
std::unique_ptr<T>
RoundTrip(uint8_t type, const Bytes& wire, uint8_t expectedNext = 0)
{
    std::unique_ptr<Ikev2Payload> p = Ikev2CreatePayload(type);
    uint8_t next = 0xff;
    EXPECT_EQ(p->Deserialize(wire, next), Ikev2ParseStatus::OK);
    EXPECT_EQ(next, expectedNext);
    EXPECT_EQ(Encode(*p, next), wire) << "re-encoding differs";
    auto* typed = dynamic_cast<T*>(p.get());
    EXPECT_NE(typed, nullptr);
    p.release();
    return std::unique_ptr<T>(typed);
}

constexpr uint8_t kSa = static_cast<uint8_t>(Ikev2PayloadType::SA);

Ikev2Proposal
EspGcm256Esn()
{
    Ikev2Proposal p;
    p.number = 1;
    p.protocol = Ikev2ProtocolId::ESP;
    p.spi = Hex("12345678");
    Ikev2Transform encr;
    encr.type = static_cast<uint8_t>(Ikev2TransformType::ENCR);
    encr.id = static_cast<uint16_t>(EncrId::AES_GCM_16);
    encr.SetKeyLength(256);
    Ikev2Transform esn;
    esn.type = static_cast<uint8_t>(Ikev2TransformType::ESN);
    esn.id = 1;
    p.transforms = {encr, esn};
    return p;
}

TEST(Ikev2HeaderTest, LayoutFollowsRfc7296Figure)
{
    Ikev2Header h;
    h.initiatorSpi = 0x0102030405060708ULL;
    h.responderSpi = 0x1112131415161718ULL;
    h.nextPayload = kSa;
    h.exchangeType = static_cast<uint8_t>(Ikev2ExchangeType::IKE_SA_INIT);
    h.flags = Ikev2Header::FLAG_INITIATOR;
    h.messageId = 0x01020304;
    h.length = 0x150;
    Bytes out;
    h.Serialize(out);
    EXPECT_EQ(out,
              Hex("01020304 05060708" // IKE SA Initiator's SPI
                  "11121314 15161718" // IKE SA Responder's SPI
                  "21 20 22 08"       // Next Payload SA, MjVer 2 MnVer 0, IKE_SA_INIT, I
                  "01020304"          // Message ID
                  "00000150"));       // Length
    Ikev2Header back;
    ASSERT_EQ(back.Deserialize(out), Ikev2ParseStatus::OK);
    EXPECT_TRUE(back == h);
    EXPECT_TRUE(back.IsInitiator());
    EXPECT_FALSE(back.IsResponse());
}

TEST(Ikev2HeaderTest, MinorVersionIsIgnoredMajorVersionChecked)
{
    Bytes out = Hex("0000000000000001 0000000000000000 21 2f 22 20 00000000 0000001c");
    Ikev2Header h;
    EXPECT_EQ(h.Deserialize(out), Ikev2ParseStatus::OK); // MnVer 15 accepted (RFC 7296 3.1)
    EXPECT_EQ(h.minorVersion, 15);
    EXPECT_TRUE(h.IsResponse());
    out[17] = 0x30; // MjVer 3
    EXPECT_EQ(h.Deserialize(out), Ikev2ParseStatus::INVALID_MAJOR_VERSION);
    out[17] = 0x10; // IKEv1
    EXPECT_EQ(h.Deserialize(out), Ikev2ParseStatus::INVALID_MAJOR_VERSION);
}

TEST(Ikev2SaPayloadTest, EspAesGcm16Key256EsnToExactOctets)
{
    Ikev2SaPayload sa;
    sa.AddProposal(EspGcm256Esn());
    const Bytes expected = Hex("00 00 0024"   // generic header: last payload, length 36
                               "00 00 0020"   // Proposal: last, length 32
                               "01 03 04 02"  // Proposal Num 1, ESP, SPI Size 4, 2 transforms
                               "12345678"     // SPI
                               "03 00 000c"   // Transform: more follow, length 12
                               "01 00 0014"   // ENCR, ENCR_AES_GCM_16 (20)
                               "800e 0100"    // AF=1 Key Length (14) = 256
                               "00 00 0008"   // Transform: last, length 8
                               "05 00 0001"); // ESN, Extended Sequence Numbers
    EXPECT_EQ(Encode(sa), expected);
    auto back = RoundTrip<Ikev2SaPayload>(kSa, expected);
    ASSERT_EQ(back->GetProposals().size(), 1u);
    EXPECT_TRUE(back->GetProposals()[0] == EspGcm256Esn());
    EXPECT_EQ(back->GetProposals()[0].transforms[0].GetKeyLength(), std::optional<uint16_t>(256));
    EXPECT_EQ(back->GetProposals()[0].transforms[1].GetKeyLength(), std::nullopt);
}

TEST(Ikev2SaPayloadTest, TwoIkeProposalsChainWithLastSubstruc)
{
    Ikev2SaPayload sa;
    Ikev2Proposal p1;
    p1.number = 1;
    p1.protocol = Ikev2ProtocolId::IKE;
    Ikev2Transform t;
    t.type = static_cast<uint8_t>(Ikev2TransformType::ENCR);
    t.id = static_cast<uint16_t>(EncrId::AES_CBC);
    t.SetKeyLength(128);
    p1.transforms.push_back(t);
    t = Ikev2Transform();
    t.type = static_cast<uint8_t>(Ikev2TransformType::PRF);
    t.id = static_cast<uint16_t>(PrfId::HMAC_SHA2_256);
    p1.transforms.push_back(t);
    t.type = static_cast<uint8_t>(Ikev2TransformType::INTEG);
    t.id = static_cast<uint16_t>(IntegId::HMAC_SHA2_256_128);
    p1.transforms.push_back(t);
    t.type = static_cast<uint8_t>(Ikev2TransformType::DH);
    t.id = static_cast<uint16_t>(DhGroupId::MODP_2048);
    p1.transforms.push_back(t);
    Ikev2Proposal p2;
    p2.number = 2;
    p2.protocol = Ikev2ProtocolId::IKE;
    t.type = static_cast<uint8_t>(Ikev2TransformType::DH);
    t.id = static_cast<uint16_t>(DhGroupId::CURVE25519);
    p2.transforms = {t};
    sa.AddProposal(p1);
    sa.AddProposal(p2);
    const Bytes expected = Hex("22 00 0040"                      // next KE, length 64
                               "02 00 002c"                      // Proposal, more follow, length 44
                               "01 01 00 04"                     // #1 IKE, no SPI, 4 transforms
                               "03 00 000c 01 00 000c 800e 0080" // ENCR_AES_CBC, 128 bits
                               "03 00 0008 02 00 0005"           // PRF_HMAC_SHA2_256
                               "03 00 0008 03 00 000c"           // AUTH_HMAC_SHA2_256_128
                               "00 00 0008 04 00 000e"           // DH group 14
                               "00 00 0010"                      // Proposal, last, length 16
                               "02 01 00 01"                     // #2 IKE, 1 transform
                               "00 00 0008 04 00 001f");         // DH group 31
    EXPECT_EQ(Encode(sa, static_cast<uint8_t>(Ikev2PayloadType::KE)), expected);
    auto back = RoundTrip<Ikev2SaPayload>(kSa, expected, 0x22);
    ASSERT_EQ(back->GetProposals().size(), 2u);
    EXPECT_TRUE(back->GetProposals()[0] == p1);
    EXPECT_TRUE(back->GetProposals()[1] == p2);
}

TEST(Ikev2SaPayloadTest, TlvAttributeRoundTrips)
{
    Ikev2SaPayload sa;
    Ikev2Proposal p = EspGcm256Esn();
    Ikev2TransformAttribute a;
    a.type = 0x1234;
    a.tv = false;
    a.data = Hex("aabbcc");
    p.transforms[1].attributes.push_back(a);
    sa.AddProposal(p);
    const Bytes wire = Encode(sa);
    // ... | 1234 0003 aabbcc: AF=0, length 3, value
    EXPECT_EQ(Bytes(wire.end() - 7, wire.end()), Hex("1234 0003 aabbcc"));
    auto back = RoundTrip<Ikev2SaPayload>(kSa, wire);
    EXPECT_TRUE(back->GetProposals()[0] == p);
}

TEST(Ikev2KePayloadTest, LayoutAndRoundTrip)
{
    Ikev2KePayload ke(static_cast<uint16_t>(DhGroupId::MODP_2048), Hex("aabbccdd"));
    const Bytes expected = Hex("28 00 000c 000e 0000 aabbccdd");
    EXPECT_EQ(Encode(ke, static_cast<uint8_t>(Ikev2PayloadType::NONCE)), expected);
    auto back = RoundTrip<Ikev2KePayload>(34, expected, 40);
    EXPECT_EQ(back->GetGroup(), 14);
    EXPECT_EQ(back->GetData(), Hex("aabbccdd"));
}

TEST(Ikev2IdPayloadTest, FqdnAndIpv4Layouts)
{
    Ikev2IdPayload fqdn(true, Ikev2IdType::FQDN, Bytes{'a', '.', 'b'});
    EXPECT_EQ(fqdn.GetType(), 35);
    const Bytes e1 = Hex("00 00 000b 02 000000 612e62");
    EXPECT_EQ(Encode(fqdn), e1);
    auto b1 = RoundTrip<Ikev2IdPayload>(35, e1);
    EXPECT_EQ(b1->GetIdType(), 2);
    EXPECT_EQ(b1->GetData(), Bytes({'a', '.', 'b'}));

    Ikev2IdPayload ip(false, Ikev2IdType::IPV4_ADDR, Hex("0a000001"));
    EXPECT_EQ(ip.GetType(), 36);
    const Bytes e2 = Hex("00 00 000c 01 000000 0a000001");
    EXPECT_EQ(Encode(ip), e2);
    auto b2 = RoundTrip<Ikev2IdPayload>(36, e2);
    EXPECT_EQ(b2->GetType(), 36);
}

TEST(Ikev2CertPayloadTest, LayoutAndRoundTrip)
{
    Ikev2CertPayload cert(Ikev2CertEncoding::X509_CERT_SIGNATURE, Hex("3082"));
    const Bytes expected = Hex("00 00 0007 04 3082");
    EXPECT_EQ(Encode(cert), expected);
    auto back = RoundTrip<Ikev2CertPayload>(37, expected);
    EXPECT_EQ(back->GetEncoding(), 4);
    EXPECT_EQ(back->GetData(), Hex("3082"));
}

TEST(Ikev2CertRequestPayloadTest, LayoutAndCaHashes)
{
    Bytes cas = Fill(20, 0x11);
    const Bytes second = Fill(20, 0x22);
    cas.insert(cas.end(), second.begin(), second.end());
    Ikev2CertRequestPayload req(Ikev2CertEncoding::X509_CERT_SIGNATURE, cas);
    Bytes expected = Hex("00 00 002d 04"); // 4 + 1 + 40 = 45
    expected.insert(expected.end(), cas.begin(), cas.end());
    EXPECT_EQ(Encode(req), expected);
    auto back = RoundTrip<Ikev2CertRequestPayload>(38, expected);
    ASSERT_EQ(back->GetCaHashes().size(), 2u);
    EXPECT_EQ(back->GetCaHashes()[1], second);
}

TEST(Ikev2AuthPayloadTest, LayoutAndRoundTrip)
{
    Ikev2AuthPayload auth(static_cast<uint8_t>(AuthMethod::SHARED_KEY_MIC), Hex("01020304"));
    const Bytes expected = Hex("00 00 000c 02 000000 01020304");
    EXPECT_EQ(Encode(auth), expected);
    auto back = RoundTrip<Ikev2AuthPayload>(39, expected);
    EXPECT_EQ(back->GetMethod(), 2);
    EXPECT_EQ(back->GetData(), Hex("01020304"));
}

TEST(Ikev2NoncePayloadTest, LayoutAndRoundTrip)
{
    Ikev2NoncePayload nonce(Hex("000102030405060708090a0b0c0d0e0f"));
    const Bytes expected = Hex("29 00 0014 000102030405060708090a0b0c0d0e0f");
    EXPECT_EQ(Encode(nonce, static_cast<uint8_t>(Ikev2PayloadType::NOTIFY)), expected);
    auto back = RoundTrip<Ikev2NoncePayload>(40, expected, 41);
    EXPECT_EQ(back->GetNonce().size(), 16u);
}

TEST(Ikev2NotifyPayloadTest, NatDetectionAndRekeySaLayouts)
{
    const Bytes hash = Fill(20, 0xab);
    Ikev2NotifyPayload natd(Ikev2NotifyType::NAT_DETECTION_SOURCE_IP, hash);
    Bytes e1 = Hex("00 00 001c 00 00 4004");
    e1.insert(e1.end(), hash.begin(), hash.end());
    EXPECT_EQ(Encode(natd), e1);
    auto b1 = RoundTrip<Ikev2NotifyPayload>(41, e1);
    EXPECT_EQ(b1->GetNotifyType(), 16388);
    EXPECT_FALSE(b1->IsError());
    EXPECT_EQ(b1->GetData(), hash);

    Ikev2NotifyPayload rekey(Ikev2NotifyType::REKEY_SA, {}, Ikev2ProtocolId::ESP, Hex("01020304"));
    const Bytes e2 = Hex("00 00 000c 03 04 4009 01020304");
    EXPECT_EQ(Encode(rekey), e2);
    auto b2 = RoundTrip<Ikev2NotifyPayload>(41, e2);
    EXPECT_EQ(b2->GetSpi(), Hex("01020304"));
    EXPECT_EQ(b2->GetProtocol(), 3);

    Ikev2NotifyPayload err(Ikev2NotifyType::NO_PROPOSAL_CHOSEN);
    EXPECT_EQ(Encode(err), Hex("00 00 0008 00 00 000e"));
    EXPECT_TRUE(err.IsError());
}

TEST(Ikev2NotifyTypeTest, RegistryNumbers)
{
    EXPECT_EQ(static_cast<int>(Ikev2NotifyType::UNSUPPORTED_CRITICAL_PAYLOAD), 1);
    EXPECT_EQ(static_cast<int>(Ikev2NotifyType::INVALID_KE_PAYLOAD), 17);
    EXPECT_EQ(static_cast<int>(Ikev2NotifyType::AUTHENTICATION_FAILED), 24);
    EXPECT_EQ(static_cast<int>(Ikev2NotifyType::TS_UNACCEPTABLE), 38);
    EXPECT_EQ(static_cast<int>(Ikev2NotifyType::CHILD_SA_NOT_FOUND), 44);
    EXPECT_EQ(static_cast<int>(Ikev2NotifyType::COOKIE), 16390);
    EXPECT_EQ(static_cast<int>(Ikev2NotifyType::IKEV2_FRAGMENTATION_SUPPORTED), 16430);
    EXPECT_EQ(static_cast<int>(Ikev2NotifyType::SIGNATURE_HASH_ALGORITHMS), 16431);
    EXPECT_EQ(Ikev2NotifyTypeName(16393), "REKEY_SA");
    EXPECT_EQ(Ikev2NotifyTypeName(9999), "ERROR(9999)");
    EXPECT_EQ(Ikev2NotifyTypeName(40000), "STATUS(40000)");
    EXPECT_TRUE(Ikev2NotifyIsError(16383));
    EXPECT_FALSE(Ikev2NotifyIsError(16384));
}

TEST(Ikev2DeletePayloadTest, EspAndIkeLayouts)
{
    Ikev2DeletePayload esp(Ikev2ProtocolId::ESP, 4, {Hex("11111111"), Hex("22222222")});
    const Bytes e1 = Hex("00 00 0010 03 04 0002 11111111 22222222");
    EXPECT_EQ(Encode(esp), e1);
    auto b1 = RoundTrip<Ikev2DeletePayload>(42, e1);
    ASSERT_EQ(b1->GetSpis().size(), 2u);
    EXPECT_EQ(b1->GetSpis()[1], Hex("22222222"));

    Ikev2DeletePayload ike(Ikev2ProtocolId::IKE, 0);
    const Bytes e2 = Hex("00 00 0008 01 00 0000");
    EXPECT_EQ(Encode(ike), e2);
    RoundTrip<Ikev2DeletePayload>(42, e2);
}

TEST(Ikev2VendorIdPayloadTest, LayoutAndRoundTrip)
{
    Ikev2VendorIdPayload v(Hex("deadbeef"));
    const Bytes expected = Hex("00 00 0008 deadbeef");
    EXPECT_EQ(Encode(v), expected);
    EXPECT_EQ(RoundTrip<Ikev2VendorIdPayload>(43, expected)->GetVendorId(), Hex("deadbeef"));
}

TEST(Ikev2TsPayloadTest, Ipv4RangeLayout)
{
    Ikev2TsPayload tsi(true);
    tsi.AddSelector(Ikev2TrafficSelector::Ipv4Range(0x0a000000, 0x0a0000ff));
    const Bytes expected = Hex("00 00 0018 01 000000" // 1 TS
                               "07 00 0010"           // TS_IPV4_ADDR_RANGE, any proto, 16
                               "0000 ffff"            // ports 0-65535
                               "0a000000 0a0000ff");  // 10.0.0.0 - 10.0.0.255
    EXPECT_EQ(Encode(tsi), expected);
    auto back = RoundTrip<Ikev2TsPayload>(44, expected);
    ASSERT_EQ(back->GetSelectors().size(), 1u);
    EXPECT_TRUE(back->GetSelectors()[0] == tsi.GetSelectors()[0]);
}

TEST(Ikev2TsPayloadTest, Ipv6AndTwoSelectorsLayout)
{
    Ikev2TsPayload tsr(false);
    Ikev2TrafficSelector v6;
    v6.type = Ikev2TrafficSelector::TS_IPV6_ADDR_RANGE;
    v6.ipProtocol = 6;
    v6.startPort = 443;
    v6.endPort = 443;
    v6.startAddress = Hex("20010db8000000000000000000000001");
    v6.endAddress = Hex("20010db8000000000000000000000001");
    tsr.AddSelector(v6);
    tsr.AddSelector(Ikev2TrafficSelector::Ipv4Range(0xc0a80001, 0xc0a80001, 17, 500, 500));
    const Bytes expected = Hex("00 00 0040 02 000000"
                               "08 06 0028 01bb 01bb"
                               "20010db8000000000000000000000001"
                               "20010db8000000000000000000000001"
                               "07 11 0010 01f4 01f4 c0a80001 c0a80001");
    EXPECT_EQ(Encode(tsr), expected);
    auto back = RoundTrip<Ikev2TsPayload>(45, expected);
    ASSERT_EQ(back->GetSelectors().size(), 2u);
    EXPECT_TRUE(back->GetSelectors()[0] == v6);
    EXPECT_EQ(back->GetSelectors()[1].startPort, 500);
}

TEST(Ikev2EncryptedPayloadTest, LayoutSplitAndPadding)
{
    const Bytes iv = Fill(16, 0x01);
    const Bytes ct = Fill(16, 0x02);
    const Bytes icv = Fill(16, 0x03);
    Bytes body = iv;
    body.insert(body.end(), ct.begin(), ct.end());
    body.insert(body.end(), icv.begin(), icv.end());
    Ikev2EncryptedPayload sk(static_cast<uint8_t>(Ikev2PayloadType::IDI), body);
    Bytes expected = Hex("23 00 0034"); // Next Payload = IDi, the first inner payload; 52
    expected.insert(expected.end(), body.begin(), body.end());
    // The Next Payload of an SK header is the first inner payload, so the chain position
    // argument is what the message passes: GetFirstInnerType().
    EXPECT_EQ(Encode(sk, sk.GetFirstInnerType()), expected);
    auto back = RoundTrip<Ikev2EncryptedPayload>(46, expected, 35);
    Ikev2EncryptedParts parts;
    ASSERT_EQ(back->Split(16, 16, parts), Ikev2ParseStatus::OK);
    EXPECT_EQ(Bytes(parts.iv.data, parts.iv.data + parts.iv.size), iv);
    EXPECT_EQ(Bytes(parts.ciphertext.data, parts.ciphertext.data + parts.ciphertext.size), ct);
    EXPECT_EQ(Bytes(parts.icv.data, parts.icv.data + parts.icv.size), icv);
    EXPECT_EQ(back->Split(40, 16, parts), Ikev2ParseStatus::BAD_LENGTH);

    // RFC 7296 3.14: payloads | padding | Pad Length, a multiple of the block size.
    const Bytes inner = Fill(13, 0x55);
    const Bytes padded = Ikev2EncryptedPayload::AddPadding(inner, 16);
    EXPECT_EQ(padded.size(), 16u);
    EXPECT_EQ(padded.back(), 2);
    const Bytes padded2 = Ikev2EncryptedPayload::AddPadding(Fill(15, 0x55), 16);
    EXPECT_EQ(padded2.size(), 16u);
    EXPECT_EQ(padded2.back(), 0);
    const Bytes padded3 = Ikev2EncryptedPayload::AddPadding(Fill(16, 0x55), 16);
    EXPECT_EQ(padded3.size(), 32u);
    EXPECT_EQ(padded3.back(), 15);
    EXPECT_EQ(Ikev2EncryptedPayload::AddPadding(inner, 1).size(), 14u); // AEAD: Pad Length only
    ByteView unpadded;
    ASSERT_EQ(Ikev2EncryptedPayload::RemovePadding(padded, unpadded), Ikev2ParseStatus::OK);
    EXPECT_EQ(Bytes(unpadded.data, unpadded.data + unpadded.size), inner);
    EXPECT_EQ(Ikev2EncryptedPayload::RemovePadding(Hex("0102 05"), unpadded),
              Ikev2ParseStatus::BAD_LENGTH);
    EXPECT_EQ(Ikev2EncryptedPayload::RemovePadding(Bytes(), unpadded),
              Ikev2ParseStatus::BAD_LENGTH);
}

TEST(Ikev2EncryptedFragmentPayloadTest, LayoutRfc7383)
{
    const Bytes body = Fill(24, 0x7e);
    Ikev2EncryptedFragmentPayload skf(35, 1, 2, body);
    Bytes expected = Hex("23 00 0020 0001 0002"); // first inner IDi, 32, fragment 1 of 2
    expected.insert(expected.end(), body.begin(), body.end());
    EXPECT_EQ(Encode(skf, skf.GetFirstInnerType()), expected);
    auto back = RoundTrip<Ikev2EncryptedFragmentPayload>(53, expected, 35);
    EXPECT_EQ(back->GetFragmentNumber(), 1);
    EXPECT_EQ(back->GetTotalFragments(), 2);
    Ikev2EncryptedParts parts;
    ASSERT_EQ(back->Split(8, 16, parts), Ikev2ParseStatus::OK);
    EXPECT_EQ(parts.ciphertext.size, 0u);
}

TEST(Ikev2ConfigPayloadTest, CfgRequestLayout)
{
    Ikev2ConfigPayload cp(Ikev2ConfigPayload::CFG_REQUEST);
    cp.AddAttribute({Ikev2ConfigAttribute::INTERNAL_IP4_ADDRESS, {}});
    cp.AddAttribute({Ikev2ConfigAttribute::INTERNAL_IP4_DNS, {}});
    const Bytes e1 = Hex("00 00 0010 01 000000 0001 0000 0003 0000");
    EXPECT_EQ(Encode(cp), e1);
    RoundTrip<Ikev2ConfigPayload>(47, e1);

    Ikev2ConfigPayload reply(Ikev2ConfigPayload::CFG_REPLY);
    reply.AddAttribute({Ikev2ConfigAttribute::INTERNAL_IP4_ADDRESS, Hex("0a000002")});
    const Bytes e2 = Hex("00 00 0010 02 000000 0001 0004 0a000002");
    EXPECT_EQ(Encode(reply), e2);
    auto back = RoundTrip<Ikev2ConfigPayload>(47, e2);
    ASSERT_EQ(back->GetAttributes().size(), 1u);
    EXPECT_EQ(back->GetAttributes()[0].value, Hex("0a000002"));
}

TEST(Ikev2EapPayloadTest, IdentityRequestLayout)
{
    Ikev2EapPayload eap(Hex("01 05 0005 01")); // Request, id 5, length 5, Type Identity
    const Bytes expected = Hex("00 00 0009 01050005 01");
    EXPECT_EQ(Encode(eap), expected);
    auto back = RoundTrip<Ikev2EapPayload>(48, expected);
    EXPECT_EQ(back->GetCode(), Ikev2EapPayload::REQUEST);
    RoundTrip<Ikev2EapPayload>(48, Hex("00 00 0008 03050004")); // Success has no Type
}

TEST(Ikev2PayloadTest, CriticalBitAndReservedBits)
{
    Ikev2VendorIdPayload v(Hex("01"));
    v.SetCritical(true);
    EXPECT_EQ(Encode(v), Hex("00 80 0005 01"));
    // RFC 7296 3.2: the 7 RESERVED bits are ignored on receipt.
    Ikev2VendorIdPayload back;
    uint8_t next = 0;
    ASSERT_EQ(back.Deserialize(Hex("00 7f 0005 01"), next), Ikev2ParseStatus::OK);
    EXPECT_FALSE(back.IsCritical());
    ASSERT_EQ(back.Deserialize(Hex("00 ff 0005 01"), next), Ikev2ParseStatus::OK);
    EXPECT_TRUE(back.IsCritical());
}

} // namespace
} // namespace ns3
