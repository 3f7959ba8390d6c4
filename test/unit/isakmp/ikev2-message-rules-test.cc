/* SPDX-License-Identifier: GPL-2.0-only */

// The per-exchange payload rule table (RFC 7296 1.2-1.5, 1.7) and Validate().

#include "ikev2-test-util.h"

#include "ns3/ikev2-delete-payload.h"
#include "ns3/ikev2-id-payload.h"
#include "ns3/ikev2-ke-payload.h"
#include "ns3/ikev2-message-rules.h"
#include "ns3/ikev2-message.h"
#include "ns3/ikev2-nonce-payload.h"
#include "ns3/ikev2-notify-payload.h"
#include "ns3/ikev2-sa-payload.h"
#include "ns3/ikev2-vendor-id-payload.h"

#include <gtest/gtest.h>

namespace ns3
{
namespace
{

Ikev2Message
Empty(Ikev2ExchangeType exchange, bool response)
{
    Ikev2Message msg;
    msg.GetHeader().exchangeType = static_cast<uint8_t>(exchange);
    msg.GetHeader().flags = response ? Ikev2Header::FLAG_RESPONSE : Ikev2Header::FLAG_INITIATOR;
    return msg;
}

std::unique_ptr<Ikev2SaPayload>
Sa()
{
    auto sa = std::make_unique<Ikev2SaPayload>();
    Ikev2Proposal p;
    Ikev2Transform t;
    t.type = static_cast<uint8_t>(Ikev2TransformType::DH);
    t.id = 19;
    p.transforms.push_back(t);
    sa->AddProposal(p);
    return sa;
}

std::unique_ptr<Ikev2NoncePayload>
Nonce()
{
    return std::make_unique<Ikev2NoncePayload>(Fill(32, 0x42));
}

/// Parse a locally built message back, as a receiver sees it.
Ikev2Message
Received(const Ikev2Message& msg)
{
    Ikev2Message back;
    EXPECT_EQ(Ikev2Message::Parse(msg.Serialize(), back), Ikev2ParseStatus::OK);
    return back;
}

TEST(Ikev2MessageRulesTest, IkeSaInitRequestMissingKe)
{
    Ikev2Message msg = Empty(Ikev2ExchangeType::IKE_SA_INIT, false);
    msg.AddPayload(Sa());
    msg.AddPayload(Nonce());
    const Ikev2ValidationResult r = Ikev2MessageRules::Validate(Received(msg));
    EXPECT_EQ(r.status, Ikev2ValidationStatus::MISSING_PAYLOAD);
    EXPECT_EQ(r.payloadType, static_cast<uint8_t>(Ikev2PayloadType::KE));
    EXPECT_EQ(r.message, "IKE_SA_INIT request: missing KE payload");
}

TEST(Ikev2MessageRulesTest, IkeSaInitRequestComplete)
{
    Ikev2Message msg = Empty(Ikev2ExchangeType::IKE_SA_INIT, false);
    msg.AddPayload(Sa());
    msg.AddPayload(std::make_unique<Ikev2KePayload>(19, Fill(64, 1)));
    msg.AddPayload(Nonce());
    msg.AddPayload(
        std::make_unique<Ikev2NotifyPayload>(Ikev2NotifyType::IKEV2_FRAGMENTATION_SUPPORTED));
    msg.AddPayload(std::make_unique<Ikev2VendorIdPayload>(Hex("01")));
    EXPECT_TRUE(Ikev2MessageRules::Validate(Received(msg)).IsOk());

    msg.AddPayload(Sa());
    const auto r = Ikev2MessageRules::Validate(Received(msg));
    EXPECT_EQ(r.status, Ikev2ValidationStatus::TOO_MANY_PAYLOADS);
    EXPECT_EQ(r.payloadType, 33);
}

TEST(Ikev2MessageRulesTest, IkeSaInitRejectsIdAndSk)
{
    Ikev2Message msg = Empty(Ikev2ExchangeType::IKE_SA_INIT, false);
    msg.AddPayload(std::make_unique<Ikev2IdPayload>(true, Ikev2IdType::FQDN, Hex("61")));
    auto r = Ikev2MessageRules::Validate(Received(msg));
    EXPECT_EQ(r.status, Ikev2ValidationStatus::UNEXPECTED_PAYLOAD);
    EXPECT_EQ(r.payloadType, 35);

    Ikev2Message sk = Empty(Ikev2ExchangeType::IKE_SA_INIT, false);
    sk.SetEncryptedBody(Fill(32, 0));
    r = Ikev2MessageRules::Validate(Received(sk));
    EXPECT_EQ(r.status, Ikev2ValidationStatus::UNEXPECTED_PAYLOAD);
    EXPECT_EQ(r.payloadType, 46);
}

TEST(Ikev2MessageRulesTest, IkeSaInitResponseMayBeJustAnErrorOrCookie)
{
    for (auto type : {Ikev2NotifyType::COOKIE,
                      Ikev2NotifyType::INVALID_KE_PAYLOAD,
                      Ikev2NotifyType::NO_PROPOSAL_CHOSEN})
    {
        Ikev2Message msg = Empty(Ikev2ExchangeType::IKE_SA_INIT, true);
        msg.AddPayload(std::make_unique<Ikev2NotifyPayload>(type, Hex("000e")));
        EXPECT_TRUE(Ikev2MessageRules::Validate(Received(msg)).IsOk()) << static_cast<int>(type);
    }
    Ikev2Message msg = Empty(Ikev2ExchangeType::IKE_SA_INIT, true);
    msg.AddPayload(std::make_unique<Ikev2NotifyPayload>(Ikev2NotifyType::NAT_DETECTION_SOURCE_IP,
                                                        Fill(20, 0)));
    const auto r = Ikev2MessageRules::Validate(Received(msg));
    EXPECT_EQ(r.status, Ikev2ValidationStatus::MISSING_PAYLOAD);
    EXPECT_EQ(r.payloadType, 33);
    EXPECT_EQ(r.message, "IKE_SA_INIT response: missing SA payload");
}

TEST(Ikev2MessageRulesTest, IkeAuthPayloadsMustBeEncrypted)
{
    Ikev2Message msg = Empty(Ikev2ExchangeType::IKE_AUTH, false);
    msg.AddPayload(std::make_unique<Ikev2IdPayload>(true, Ikev2IdType::FQDN, Hex("61")));
    auto r = Ikev2MessageRules::Validate(Received(msg));
    EXPECT_EQ(r.status, Ikev2ValidationStatus::MUST_BE_ENCRYPTED);
    EXPECT_EQ(r.payloadType, 35);

    Ikev2Message none = Empty(Ikev2ExchangeType::IKE_AUTH, false);
    r = Ikev2MessageRules::Validate(Received(none));
    EXPECT_EQ(r.status, Ikev2ValidationStatus::MISSING_PAYLOAD);
    EXPECT_EQ(r.payloadType, 46);

    Ikev2Message ok = Empty(Ikev2ExchangeType::IKE_AUTH, false);
    ok.AddEncryptedPayload(std::make_unique<Ikev2IdPayload>(true, Ikev2IdType::FQDN, Hex("61")));
    EXPECT_TRUE(Ikev2MessageRules::Validate(ok).IsOk());
    ok.AddEncryptedPayload(std::make_unique<Ikev2KePayload>(19, Fill(64, 1)));
    r = Ikev2MessageRules::Validate(ok);
    EXPECT_EQ(r.status, Ikev2ValidationStatus::UNEXPECTED_PAYLOAD);
    EXPECT_EQ(r.payloadType, 34);
}

TEST(Ikev2MessageRulesTest, CreateChildSaNeedsSaAndNonce)
{
    Ikev2Message msg = Empty(Ikev2ExchangeType::CREATE_CHILD_SA, false);
    msg.AddEncryptedPayload(Sa());
    auto r = Ikev2MessageRules::Validate(msg);
    EXPECT_EQ(r.status, Ikev2ValidationStatus::MISSING_PAYLOAD);
    EXPECT_EQ(r.payloadType, 40);
    msg.AddEncryptedPayload(Nonce());
    EXPECT_TRUE(Ikev2MessageRules::Validate(msg).IsOk());

    Ikev2Message refused = Empty(Ikev2ExchangeType::CREATE_CHILD_SA, true);
    refused.AddEncryptedPayload(
        std::make_unique<Ikev2NotifyPayload>(Ikev2NotifyType::NO_ADDITIONAL_SAS));
    EXPECT_TRUE(Ikev2MessageRules::Validate(refused).IsOk());
}

TEST(Ikev2MessageRulesTest, Informational)
{
    Ikev2Message msg = Empty(Ikev2ExchangeType::INFORMATIONAL, false);
    msg.AddEncryptedPayload(std::make_unique<Ikev2DeletePayload>(Ikev2ProtocolId::IKE, 0));
    EXPECT_TRUE(Ikev2MessageRules::Validate(msg).IsOk());
    msg.AddEncryptedPayload(Nonce());
    const auto r = Ikev2MessageRules::Validate(msg);
    EXPECT_EQ(r.status, Ikev2ValidationStatus::UNEXPECTED_PAYLOAD);
    EXPECT_EQ(r.payloadType, 40);
}

TEST(Ikev2MessageRulesTest, UnknownExchangeAndTableShape)
{
    Ikev2Message msg;
    msg.GetHeader().exchangeType = 99;
    EXPECT_EQ(Ikev2MessageRules::Validate(msg).status, Ikev2ValidationStatus::UNKNOWN_EXCHANGE);
    for (uint8_t exchange = 34; exchange <= 37; ++exchange)
    {
        for (bool response : {false, true})
        {
            const Ikev2MessageRuleSet* set = Ikev2MessageRules::GetRules(exchange, response);
            ASSERT_NE(set, nullptr);
            for (const auto& rule : set->rules)
            {
                EXPECT_LE(rule.min, rule.max);
                // IKE_SA_INIT travels in clear; every later exchange inside SK (RFC 7296 1.2).
                EXPECT_EQ(rule.encrypted, exchange != 34);
            }
        }
    }
}

} // namespace
} // namespace ns3
