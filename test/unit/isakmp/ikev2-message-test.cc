/* SPDX-License-Identifier: GPL-2.0-only */

// Whole IKEv2 messages: published captures (AOSP IKE library test data, see
// test/vectors/isakmp-ikev2-aosp-messages.txt) parsed and rebuilt byte for byte, the SK/SKF
// layout and associated data, and locally built encrypted messages.

#include "ikev2-test-util.h"

#include "ns3/ikev2-encrypted-fragment-payload.h"
#include "ns3/ikev2-id-payload.h"
#include "ns3/ikev2-ke-payload.h"
#include "ns3/ikev2-message-rules.h"
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

std::vector<uint8_t>
Types(const std::vector<std::unique_ptr<Ikev2Payload>>& list)
{
    std::vector<uint8_t> types;
    for (const auto& p : list)
    {
        types.push_back(p->GetType());
    }
    return types;
}

Bytes
Slice(ByteView v)
{
    return Bytes(v.data, v.data + v.size);
}

Bytes
Slice(const Bytes& b, size_t from, size_t n)
{
    return Bytes(b.begin() + from, b.begin() + from + n);
}

TEST(Ikev2MessageTest, PublishedIkeSaInitParses)
{
    const Bytes wire = AospVector("IKE_SA_INIT_RAW_PACKET");
    Ikev2Message msg;
    Ikev2ParseError error;
    ASSERT_EQ(Ikev2Message::Parse(wire, msg, &error), Ikev2ParseStatus::OK);
    EXPECT_EQ(msg.GetHeader().initiatorSpi, 0x8f54bf6d8b48e6e1ULL);
    EXPECT_EQ(msg.GetHeader().responderSpi, 0u);
    EXPECT_EQ(msg.GetExchangeType(), Ikev2ExchangeType::IKE_SA_INIT);
    EXPECT_TRUE(msg.GetHeader().IsInitiator());
    EXPECT_EQ(msg.GetHeader().length, 336u);
    EXPECT_EQ(Types(msg.GetPayloads()), (std::vector<uint8_t>{33, 34, 40, 41, 41, 43}));

    const auto* sa = msg.Find<Ikev2SaPayload>(Ikev2PayloadType::SA);
    ASSERT_NE(sa, nullptr);
    ASSERT_EQ(sa->GetProposals().size(), 1u);
    const Ikev2Proposal& p = sa->GetProposals()[0];
    EXPECT_EQ(p.protocol, Ikev2ProtocolId::IKE);
    EXPECT_TRUE(p.spi.empty());
    ASSERT_EQ(p.transforms.size(), 4u);
    EXPECT_EQ(p.transforms[0].id, static_cast<uint16_t>(EncrId::AES_CBC));
    EXPECT_EQ(p.transforms[0].GetKeyLength(), std::optional<uint16_t>(128));
    // This initiator lists them as ENCR, INTEG, DH, PRF: order within a proposal is free.
    EXPECT_EQ(p.transforms[1].type, static_cast<uint8_t>(Ikev2TransformType::INTEG));
    EXPECT_EQ(p.transforms[1].id, static_cast<uint16_t>(IntegId::HMAC_SHA1_96));
    EXPECT_EQ(p.transforms[2].type, static_cast<uint8_t>(Ikev2TransformType::DH));
    EXPECT_EQ(p.transforms[2].id, static_cast<uint16_t>(DhGroupId::MODP_1024));
    EXPECT_EQ(p.transforms[3].type, static_cast<uint8_t>(Ikev2TransformType::PRF));
    EXPECT_EQ(p.transforms[3].id, static_cast<uint16_t>(PrfId::HMAC_SHA1));
    const auto* ke = msg.Find<Ikev2KePayload>(Ikev2PayloadType::KE);
    ASSERT_NE(ke, nullptr);
    EXPECT_EQ(ke->GetGroup(), 2);
    EXPECT_EQ(ke->GetData().size(), 128u); // MODP-1024 public value
    EXPECT_EQ(msg.Find<Ikev2NoncePayload>(Ikev2PayloadType::NONCE)->GetNonce().size(), 32u);
    const auto notifies = msg.FindAll<Ikev2NotifyPayload>(Ikev2PayloadType::NOTIFY);
    ASSERT_EQ(notifies.size(), 2u);
    EXPECT_EQ(notifies[0]->GetNotifyType(), 16388);
    EXPECT_EQ(notifies[1]->GetNotifyType(), 16389);
    EXPECT_EQ(notifies[1]->GetData().size(), 20u); // SHA-1 NAT detection hash
    EXPECT_TRUE(Ikev2MessageRules::Validate(msg).IsOk());
    EXPECT_EQ(msg.ToString(),
              "IKE_SA_INIT request 0 [ SA KE Nonce N(NAT_DETECTION_SOURCE_IP) "
              "N(NAT_DETECTION_DESTINATION_IP) V ]");
    EXPECT_EQ(msg.Serialize(), wire);
}

TEST(Ikev2MessageTest, PublishedIkeSaInitRebuiltFromTypedPayloads)
{
    const Bytes wire = AospVector("IKE_SA_INIT_RAW_PACKET");
    Ikev2Message parsed;
    ASSERT_EQ(Ikev2Message::Parse(wire, parsed), Ikev2ParseStatus::OK);

    // Build the same request from scratch, as an initiator task would, taking only the random
    // values (KE, nonce, NAT hashes, SPI, vendor ID) from the capture.
    Ikev2Message msg;
    msg.GetHeader().initiatorSpi = 0x8f54bf6d8b48e6e1ULL;
    msg.GetHeader().exchangeType = static_cast<uint8_t>(Ikev2ExchangeType::IKE_SA_INIT);
    msg.GetHeader().flags = Ikev2Header::FLAG_INITIATOR;
    auto sa = std::make_unique<Ikev2SaPayload>();
    Ikev2Proposal p;
    p.protocol = Ikev2ProtocolId::IKE;
    Ikev2Transform t;
    t.type = static_cast<uint8_t>(Ikev2TransformType::ENCR);
    t.id = static_cast<uint16_t>(EncrId::AES_CBC);
    t.SetKeyLength(128);
    p.transforms.push_back(t);
    for (auto [type, id] : {std::pair{Ikev2TransformType::INTEG, 2},
                            std::pair{Ikev2TransformType::DH, 2},
                            std::pair{Ikev2TransformType::PRF, 2}})
    {
        Ikev2Transform x;
        x.type = static_cast<uint8_t>(type);
        x.id = static_cast<uint16_t>(id);
        p.transforms.push_back(x);
    }
    sa->AddProposal(p);
    msg.AddPayload(std::move(sa));
    const auto* ke = parsed.Find<Ikev2KePayload>(Ikev2PayloadType::KE);
    msg.AddPayload(std::make_unique<Ikev2KePayload>(2, ke->GetData()));
    msg.AddPayload(std::make_unique<Ikev2NoncePayload>(
        parsed.Find<Ikev2NoncePayload>(Ikev2PayloadType::NONCE)->GetNonce()));
    const auto notifies = parsed.FindAll<Ikev2NotifyPayload>(Ikev2PayloadType::NOTIFY);
    msg.AddPayload(std::make_unique<Ikev2NotifyPayload>(Ikev2NotifyType::NAT_DETECTION_SOURCE_IP,
                                                        notifies[0]->GetData()));
    msg.AddPayload(
        std::make_unique<Ikev2NotifyPayload>(Ikev2NotifyType::NAT_DETECTION_DESTINATION_IP,
                                             notifies[1]->GetData()));
    msg.AddPayload(std::make_unique<Ikev2VendorIdPayload>(
        parsed.Find<Ikev2VendorIdPayload>(Ikev2PayloadType::VENDOR_ID)->GetVendorId()));
    EXPECT_EQ(msg.Serialize(), wire);
}

TEST(Ikev2MessageTest, PublishedIkeAuthSkLayoutAndInnerChain)
{
    const Bytes wire = AospVector("IKE_AUTH_HEX_STRING");
    Ikev2Message msg;
    ASSERT_EQ(Ikev2Message::Parse(wire, msg), Ikev2ParseStatus::OK);
    EXPECT_TRUE(msg.GetPayloads().empty());
    const auto* sk = dynamic_cast<const Ikev2EncryptedPayload*>(msg.GetEncryptedPayload());
    ASSERT_NE(sk, nullptr);
    EXPECT_EQ(sk->GetFirstInnerType(), static_cast<uint8_t>(Ikev2PayloadType::IDI));
    EXPECT_FALSE(msg.HasDecryptedPayloads());
    EXPECT_EQ(Ikev2MessageRules::Validate(msg).status, Ikev2ValidationStatus::NOT_DECRYPTED);

    // AES-CBC: 16-octet IV; HMAC-SHA1-96: 12-octet ICV.
    Ikev2EncryptedLayout layout;
    ASSERT_EQ(Ikev2Message::LocateEncrypted(wire, 16, 12, layout), Ikev2ParseStatus::OK);
    EXPECT_EQ(layout.payloadOffset, 28u);
    EXPECT_EQ(layout.ivOffset, 32u);
    EXPECT_EQ(layout.ciphertextOffset, 48u);
    EXPECT_EQ(layout.icvOffset, 224u);
    EXPECT_EQ(layout.end, wire.size());
    EXPECT_EQ(Slice(wire, layout.icvOffset, 12),
              AospVector("IKE_AUTH_EXPECTED_CHECKSUM_HEX_STRING"));
    // RFC 5282 5.1: AAD = IKE header + SK generic header; RFC 7296 3.14: ICV over all but the ICV.
    EXPECT_EQ(Slice(layout.AssociatedData(wire)), Slice(wire, 0, 32));
    EXPECT_EQ(layout.IntegrityInput(wire).size, 224u);
    Ikev2EncryptedParts parts;
    ASSERT_EQ(sk->Split(16, 12, parts), Ikev2ParseStatus::OK);
    EXPECT_EQ(Slice(parts.icv), AospVector("IKE_AUTH_EXPECTED_CHECKSUM_HEX_STRING"));
    EXPECT_EQ(parts.ciphertext.size, 176u);
    EXPECT_EQ(Slice(parts.iv), Slice(wire, 32, 16));

    // The decrypted plaintext as published: remove padding, parse the chain.
    const Bytes padded = AospVector("IKE_AUTH_UNENCRYPTED_PADDED_DATA_HEX_STRING");
    ASSERT_EQ(padded.size(), parts.ciphertext.size);
    ByteView chain;
    ASSERT_EQ(Ikev2EncryptedPayload::RemovePadding(padded, chain), Ikev2ParseStatus::OK);
    ASSERT_EQ(msg.ParseDecrypted(chain), Ikev2ParseStatus::OK);
    EXPECT_EQ(Types(msg.GetEncryptedPayloads()),
              (std::vector<uint8_t>{35, 36, 39, 33, 44, 45, 41, 41}));
    const auto* idi = msg.Find<Ikev2IdPayload>(Ikev2PayloadType::IDI);
    EXPECT_EQ(idi->GetData(), Hex("0a50500d")); // 10.80.80.13
    const auto* tsi = msg.Find<Ikev2TsPayload>(Ikev2PayloadType::TSI);
    ASSERT_EQ(tsi->GetSelectors().size(), 1u);
    EXPECT_EQ(tsi->GetSelectors()[0].endAddress, Hex("ffffffff"));
    const auto* sa = msg.Find<Ikev2SaPayload>(Ikev2PayloadType::SA);
    EXPECT_EQ(sa->GetProposals()[0].protocol, Ikev2ProtocolId::ESP);
    EXPECT_EQ(sa->GetProposals()[0].spi, Hex("2ad4c0a2"));
    EXPECT_TRUE(Ikev2MessageRules::Validate(msg).IsOk());
    EXPECT_EQ(msg.ToString(),
              "IKE_AUTH request 1 [ SK{ IDi IDr AUTH SA TSi TSr N(INITIAL_CONTACT) "
              "N(SET_WINDOW_SIZE) } ]");

    // Re-encoding the inner chain and padding it the RFC's minimal way gives the published
    // plaintext exactly; re-encoding the message gives the published datagram.
    uint8_t first = 0;
    const Bytes inner = msg.SerializeEncryptedPayloads(first);
    EXPECT_EQ(first, 35);
    EXPECT_EQ(inner, Slice(chain));
    EXPECT_EQ(Ikev2EncryptedPayload::AddPadding(inner, 16), padded);
    EXPECT_EQ(msg.Serialize(), wire);
}

TEST(Ikev2MessageTest, PublishedSkfFragmentLayout)
{
    const Bytes wire = AospVector("IKE_FRAG_HEX_STRING");
    Ikev2Message msg;
    ASSERT_EQ(Ikev2Message::Parse(wire, msg), Ikev2ParseStatus::OK);
    EXPECT_TRUE(msg.GetHeader().IsResponse());
    const auto* skf = dynamic_cast<const Ikev2EncryptedFragmentPayload*>(msg.GetEncryptedPayload());
    ASSERT_NE(skf, nullptr);
    EXPECT_EQ(skf->GetFragmentNumber(), 2);
    EXPECT_EQ(skf->GetTotalFragments(), 2);
    EXPECT_EQ(skf->GetFirstInnerType(), 0); // RFC 7383 2.5: only fragment 1 names it
    Ikev2EncryptedLayout layout;
    ASSERT_EQ(Ikev2Message::LocateEncrypted(wire, 16, 12, layout), Ikev2ParseStatus::OK);
    // RFC 7383 2.5: Fragment Number and Total Fragments are part of the associated data.
    EXPECT_EQ(layout.ivOffset, 28u + 4u + 4u);
    EXPECT_EQ(layout.icvOffset, wire.size() - 12);
    EXPECT_EQ(msg.Serialize(), wire);
}

TEST(Ikev2MessageTest, PublishedEmptyInformationalResponse)
{
    const Bytes wire = AospVector("IKE_EMPTY_INFO_MSG_HEX_STRING");
    Ikev2Message msg;
    ASSERT_EQ(Ikev2Message::Parse(wire, msg), Ikev2ParseStatus::OK);
    EXPECT_EQ(msg.GetExchangeType(), Ikev2ExchangeType::INFORMATIONAL);
    EXPECT_TRUE(msg.GetHeader().IsResponse());
    Ikev2EncryptedParts parts;
    const auto* sk = dynamic_cast<const Ikev2EncryptedPayload*>(msg.GetEncryptedPayload());
    ASSERT_NE(sk, nullptr);
    ASSERT_EQ(sk->Split(16, 12, parts), Ikev2ParseStatus::OK);
    EXPECT_EQ(Slice(parts.iv), Hex("e376871750fdba9f7012446c5dc3f97a"));
    EXPECT_EQ(Slice(parts.ciphertext), Hex("f83b48ba0dbc68bcc4a78136832100aa"));
    EXPECT_EQ(Slice(parts.icv), Hex("4192f251cd4d1b97d298e550"));
    ASSERT_EQ(msg.ParseDecrypted(ByteView()), Ikev2ParseStatus::OK);
    EXPECT_TRUE(msg.GetEncryptedPayloads().empty());
    EXPECT_TRUE(Ikev2MessageRules::Validate(msg).IsOk());
    EXPECT_EQ(msg.Serialize(), wire);
}

TEST(Ikev2MessageTest, LocallyBuiltEncryptedMessageLayout)
{
    Ikev2Message msg;
    msg.GetHeader().initiatorSpi = 1;
    msg.GetHeader().responderSpi = 2;
    msg.GetHeader().exchangeType = static_cast<uint8_t>(Ikev2ExchangeType::INFORMATIONAL);
    msg.GetHeader().messageId = 7;
    msg.AddEncryptedPayload(std::make_unique<Ikev2NotifyPayload>(Ikev2NotifyType::INITIAL_CONTACT));
    uint8_t first = 0;
    const Bytes inner = msg.SerializeEncryptedPayloads(first);
    EXPECT_EQ(inner, Hex("00 00 0008 00 00 4000"));
    EXPECT_EQ(first, 41);
    // AES-GCM-16: 8-octet IV, 16-octet tag, no block padding (RFC 5282 3).
    const Bytes plaintext = Ikev2EncryptedPayload::AddPadding(inner, 1);
    Bytes body(8 + plaintext.size() + 16, 0);
    msg.SetEncryptedBody(body);
    const Bytes wire = msg.Serialize();
    EXPECT_EQ(wire.size(), 28u + 4u + body.size());
    EXPECT_EQ(wire[16], 46);          // header Next Payload: SK
    EXPECT_EQ(wire[28], 41);          // SK Next Payload: the first inner payload, N
    EXPECT_EQ(wire[27], wire.size()); // header Length
    Ikev2EncryptedLayout layout;
    ASSERT_EQ(Ikev2Message::LocateEncrypted(wire, 8, 16, layout), Ikev2ParseStatus::OK);
    EXPECT_EQ(layout.ivOffset, 32u);
    EXPECT_EQ(layout.icvOffset - layout.ciphertextOffset, plaintext.size());
    EXPECT_EQ(Ikev2Message::LocateEncrypted(wire, 8, 40, layout), Ikev2ParseStatus::BAD_LENGTH);

    Ikev2Message copy = msg;
    EXPECT_EQ(copy.Serialize(), wire);
    EXPECT_EQ(copy.ToString(), "INFORMATIONAL request 7 [ SK{ N(INITIAL_CONTACT) } ]");
}

TEST(Ikev2MessageTest, UnknownNonCriticalPayloadIsKeptAndSkipped)
{
    // HDR, V, unknown(200, not critical), N — RFC 7296 3.2 says skip it.
    Ikev2Message msg;
    msg.GetHeader().exchangeType = static_cast<uint8_t>(Ikev2ExchangeType::INFORMATIONAL);
    msg.AddPayload(std::make_unique<Ikev2VendorIdPayload>(Hex("01")));
    Bytes wire = msg.Serialize();
    wire[28] = 200; // V's Next Payload: 200
    const Bytes unknown = Hex("29 00 0006 abcd");
    wire.insert(wire.end(), unknown.begin(), unknown.end());
    const Bytes notify = Hex("00 00 0008 00 00 4000");
    wire.insert(wire.end(), notify.begin(), notify.end());
    wire[27] = static_cast<uint8_t>(wire.size());
    Ikev2Message parsed;
    ASSERT_EQ(Ikev2Message::Parse(wire, parsed), Ikev2ParseStatus::OK);
    EXPECT_EQ(Types(parsed.GetPayloads()), (std::vector<uint8_t>{43, 200, 41}));
    EXPECT_EQ(parsed.Serialize(), wire);
}

} // namespace
} // namespace ns3
