/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_IKEV2_MESSAGE_RULES_H
#define IPSEC_IKEV2_MESSAGE_RULES_H

#include "ikev2-types.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

class Ikev2Message;

/**
 * \ingroup ipsec
 * \brief How often a payload type may appear in one kind of message, and whether inside SK.
 */
struct Ikev2PayloadRule
{
    static constexpr uint8_t MANY = 255; //!< no practical upper bound

    Ikev2PayloadType type; //!< the payload type
    uint8_t min;           //!< fewest occurrences
    uint8_t max;           //!< most occurrences
    bool encrypted;        //!< must be inside SK (true) or outside it (false)
};

/**
 * \ingroup ipsec
 * \brief The payload rules of one exchange and direction (RFC 7296 1.2-1.5, 1.7).
 */
struct Ikev2MessageRuleSet
{
    Ikev2ExchangeType exchange;          //!< exchange type
    bool response;                       //!< false for the request, true for the response
    bool errorNotifySuffices;            //!< an error Notify (or COOKIE) alone is a valid message
    std::vector<Ikev2PayloadRule> rules; //!< one entry per allowed payload type
};

/**
 * \ingroup ipsec
 * \brief Outcome of checking a message against its rule set.
 */
enum class Ikev2ValidationStatus
{
    OK,                    //!< the message follows its rules
    UNKNOWN_EXCHANGE,      //!< no rules for this exchange type
    MISSING_PAYLOAD,       //!< a required payload is absent
    UNEXPECTED_PAYLOAD,    //!< a payload type this message may not carry
    TOO_MANY_PAYLOADS,     //!< a payload type appears more often than allowed
    MUST_BE_ENCRYPTED,     //!< a payload outside SK that belongs inside it
    MUST_NOT_BE_ENCRYPTED, //!< a payload inside SK that belongs outside it
    NOT_DECRYPTED,         //!< the SK content has not been decrypted and parsed yet
};

/**
 * \ingroup ipsec
 * \brief Validation verdict naming the payload at fault.
 */
struct Ikev2ValidationResult
{
    Ikev2ValidationStatus status{Ikev2ValidationStatus::OK}; //!< verdict
    uint8_t payloadType{0}; //!< the missing or offending payload type
    std::string message;    //!< e.g. "IKE_SA_INIT request: missing KE payload"

    /// \return whether the message is valid
    bool IsOk() const
    {
        return status == Ikev2ValidationStatus::OK;
    }
};

/**
 * \ingroup ipsec
 * \brief The declarative table of which payloads each IKEv2 message carries (as strongSwan's
 * message.c rules), and the check of a message against it.
 *
 * Deliberate choices: IDi and AUTH are optional in IKE_AUTH requests because EAP (RFC 7296
 * 2.16) continues IKE_AUTH with requests that carry only EAP or only AUTH; the tasks check
 * what each round needs. Unknown non-critical payloads are ignored (RFC 7296 3.2).
 */
class Ikev2MessageRules
{
  public:
    /**
     * \brief The rule set for an exchange and direction.
     * \param exchange the raw exchange type \param response the R flag
     * \return the rules, or nullptr for an unknown exchange type
     */
    static const Ikev2MessageRuleSet* GetRules(uint8_t exchange, bool response);

    /**
     * \brief Check a message (for encrypted exchanges, after ParseDecrypted or when built
     * locally) against its rule set.
     * \param msg the message
     * \return the verdict naming the payload at fault
     */
    [[nodiscard]] static Ikev2ValidationResult Validate(const Ikev2Message& msg);
};

/**
 * \brief Name of a validation status.
 * \param status the status \return e.g. "MISSING_PAYLOAD"
 */
const char* Ikev2ValidationStatusName(Ikev2ValidationStatus status);

} // namespace ns3

#endif // IPSEC_IKEV2_MESSAGE_RULES_H
