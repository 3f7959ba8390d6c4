/* SPDX-License-Identifier: GPL-2.0-only */

#include "ikev2-message-rules.h"

#include "ikev2-message.h"
#include "ikev2-notify-payload.h"

#include "ns3/log.h"

#include <array>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Ikev2MessageRules");

namespace
{

using T = Ikev2PayloadType;
using E = Ikev2ExchangeType;
constexpr uint8_t MANY = Ikev2PayloadRule::MANY;
constexpr bool CLEAR = false;
constexpr bool SK = true;

// RFC 7296 1.2, 1.3, 1.4, 1.5, 1.7; one line per payload type a message may carry.
const std::vector<Ikev2MessageRuleSet>&
RuleTable()
{
    static const std::vector<Ikev2MessageRuleSet> table = {
        {E::IKE_SA_INIT,
         false,
         false,
         {
             {T::SA, 1, 1, CLEAR},
             {T::KE, 1, 1, CLEAR},
             {T::NONCE, 1, 1, CLEAR},
             {T::NOTIFY, 0, MANY, CLEAR},
             {T::VENDOR_ID, 0, MANY, CLEAR},
         }},
        {E::IKE_SA_INIT,
         true,
         true, // HDR, N(COOKIE) / N(INVALID_KE_PAYLOAD) / N(NO_PROPOSAL_CHOSEN)
         {
             {T::SA, 1, 1, CLEAR},
             {T::KE, 1, 1, CLEAR},
             {T::NONCE, 1, 1, CLEAR},
             {T::CERTREQ, 0, MANY, CLEAR},
             {T::NOTIFY, 0, MANY, CLEAR},
             {T::VENDOR_ID, 0, MANY, CLEAR},
         }},
        {E::IKE_AUTH,
         false,
         false,
         {
             {T::IDI, 0, 1, SK},
             {T::CERT, 0, MANY, SK},
             {T::CERTREQ, 0, MANY, SK},
             {T::IDR, 0, 1, SK},
             {T::AUTH, 0, 1, SK},
             {T::EAP, 0, 1, SK},
             {T::CP, 0, 1, SK},
             {T::SA, 0, 1, SK},
             {T::TSI, 0, 1, SK},
             {T::TSR, 0, 1, SK},
             {T::NOTIFY, 0, MANY, SK},
             {T::VENDOR_ID, 0, MANY, SK},
         }},
        {E::IKE_AUTH,
         true,
         true,
         {
             {T::IDR, 0, 1, SK},
             {T::CERT, 0, MANY, SK},
             {T::AUTH, 0, 1, SK},
             {T::EAP, 0, 1, SK},
             {T::CP, 0, 1, SK},
             {T::SA, 0, 1, SK},
             {T::TSI, 0, 1, SK},
             {T::TSR, 0, 1, SK},
             {T::NOTIFY, 0, MANY, SK},
             {T::VENDOR_ID, 0, MANY, SK},
         }},
        {E::CREATE_CHILD_SA,
         false,
         false,
         {
             {T::SA, 1, 1, SK},
             {T::NONCE, 1, 1, SK},
             {T::KE, 0, 1, SK},
             {T::TSI, 0, 1, SK},
             {T::TSR, 0, 1, SK},
             {T::NOTIFY, 0, MANY, SK},
             {T::VENDOR_ID, 0, MANY, SK},
         }},
        {E::CREATE_CHILD_SA,
         true,
         true, // HDR, SK {N(NO_ADDITIONAL_SAS)} and the like
         {
             {T::SA, 1, 1, SK},
             {T::NONCE, 1, 1, SK},
             {T::KE, 0, 1, SK},
             {T::TSI, 0, 1, SK},
             {T::TSR, 0, 1, SK},
             {T::NOTIFY, 0, MANY, SK},
             {T::VENDOR_ID, 0, MANY, SK},
         }},
        {E::INFORMATIONAL,
         false,
         false,
         {
             {T::NOTIFY, 0, MANY, SK},
             {T::DELETE, 0, MANY, SK},
             {T::CP, 0, 1, SK},
             {T::VENDOR_ID, 0, MANY, SK},
         }},
        {E::INFORMATIONAL,
         true,
         false,
         {
             {T::NOTIFY, 0, MANY, SK},
             {T::DELETE, 0, MANY, SK},
             {T::CP, 0, 1, SK},
             {T::VENDOR_ID, 0, MANY, SK},
         }},
    };
    return table;
}

const Ikev2PayloadRule*
FindRule(const Ikev2MessageRuleSet& set, uint8_t type)
{
    for (const auto& r : set.rules)
    {
        if (static_cast<uint8_t>(r.type) == type)
        {
            return &r;
        }
    }
    return nullptr;
}

Ikev2ValidationResult
Verdict(const Ikev2MessageRuleSet& set,
        Ikev2ValidationStatus status,
        uint8_t type,
        const std::string& what)
{
    Ikev2ValidationResult r;
    r.status = status;
    r.payloadType = type;
    r.message = Ikev2ExchangeTypeName(static_cast<uint8_t>(set.exchange)) +
                (set.response ? " response: " : " request: ") + what + " " +
                Ikev2PayloadTypeName(type) + " payload";
    return r;
}

} // namespace

const char*
Ikev2ValidationStatusName(Ikev2ValidationStatus status)
{
    switch (status)
    {
    case Ikev2ValidationStatus::OK:
        return "OK";
    case Ikev2ValidationStatus::UNKNOWN_EXCHANGE:
        return "UNKNOWN_EXCHANGE";
    case Ikev2ValidationStatus::MISSING_PAYLOAD:
        return "MISSING_PAYLOAD";
    case Ikev2ValidationStatus::UNEXPECTED_PAYLOAD:
        return "UNEXPECTED_PAYLOAD";
    case Ikev2ValidationStatus::TOO_MANY_PAYLOADS:
        return "TOO_MANY_PAYLOADS";
    case Ikev2ValidationStatus::MUST_BE_ENCRYPTED:
        return "MUST_BE_ENCRYPTED";
    case Ikev2ValidationStatus::MUST_NOT_BE_ENCRYPTED:
        return "MUST_NOT_BE_ENCRYPTED";
    case Ikev2ValidationStatus::NOT_DECRYPTED:
        return "NOT_DECRYPTED";
    }
    return "UNKNOWN";
}

const Ikev2MessageRuleSet*
Ikev2MessageRules::GetRules(uint8_t exchange, bool response)
{
    for (const auto& set : RuleTable())
    {
        if (static_cast<uint8_t>(set.exchange) == exchange && set.response == response)
        {
            return &set;
        }
    }
    return nullptr;
}

Ikev2ValidationResult
Ikev2MessageRules::Validate(const Ikev2Message& msg)
{
    const Ikev2Header& h = msg.GetHeader();
    const Ikev2MessageRuleSet* set = GetRules(h.exchangeType, h.IsResponse());
    if (!set)
    {
        Ikev2ValidationResult r;
        r.status = Ikev2ValidationStatus::UNKNOWN_EXCHANGE;
        r.message = "no payload rules for exchange " + Ikev2ExchangeTypeName(h.exchangeType);
        return r;
    }
    bool needsSk = false;
    for (const auto& rule : set->rules)
    {
        needsSk |= rule.encrypted;
    }
    const Ikev2Payload* sk = msg.GetEncryptedPayload();
    if (sk && !needsSk)
    {
        return Verdict(*set,
                       Ikev2ValidationStatus::UNEXPECTED_PAYLOAD,
                       sk->GetType(),
                       "unexpected");
    }
    if (sk && !msg.HasDecryptedPayloads())
    {
        return Verdict(*set, Ikev2ValidationStatus::NOT_DECRYPTED, sk->GetType(), "undecrypted");
    }

    std::array<unsigned, 256> counts{};
    bool errorNotify = false;
    for (bool inside : {false, true})
    {
        const auto& list = inside ? msg.GetEncryptedPayloads() : msg.GetPayloads();
        for (const auto& p : list)
        {
            const uint8_t type = p->GetType();
            if (!Ikev2IsKnownPayloadType(type))
            {
                continue; // RFC 7296 3.2: skipped, not an error
            }
            const Ikev2PayloadRule* rule = FindRule(*set, type);
            if (!rule)
            {
                return Verdict(*set, Ikev2ValidationStatus::UNEXPECTED_PAYLOAD, type, "unexpected");
            }
            if (rule->encrypted != inside)
            {
                return Verdict(*set,
                               inside ? Ikev2ValidationStatus::MUST_NOT_BE_ENCRYPTED
                                      : Ikev2ValidationStatus::MUST_BE_ENCRYPTED,
                               type,
                               inside ? "encrypted" : "unencrypted");
            }
            if (++counts[type] > rule->max)
            {
                return Verdict(*set, Ikev2ValidationStatus::TOO_MANY_PAYLOADS, type, "too many");
            }
            if (type == static_cast<uint8_t>(Ikev2PayloadType::NOTIFY))
            {
                const auto& n = static_cast<const Ikev2NotifyPayload&>(*p);
                errorNotify |= n.IsError() ||
                               n.GetNotifyType() == static_cast<uint16_t>(Ikev2NotifyType::COOKIE);
            }
        }
    }
    if (needsSk && !sk && !msg.HasDecryptedPayloads())
    {
        return Verdict(*set,
                       Ikev2ValidationStatus::MISSING_PAYLOAD,
                       static_cast<uint8_t>(Ikev2PayloadType::SK),
                       "missing");
    }
    if (set->errorNotifySuffices && errorNotify)
    {
        return Ikev2ValidationResult();
    }
    for (const auto& rule : set->rules)
    {
        const uint8_t type = static_cast<uint8_t>(rule.type);
        if (counts[type] < rule.min)
        {
            return Verdict(*set, Ikev2ValidationStatus::MISSING_PAYLOAD, type, "missing");
        }
    }
    return Ikev2ValidationResult();
}

} // namespace ns3
