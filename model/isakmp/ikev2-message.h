/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_IKEV2_MESSAGE_H
#define IPSEC_IKEV2_MESSAGE_H

#include "ikev2-encrypted-payload.h"
#include "ikev2-header.h"
#include "ikev2-notify-type.h"
#include "ikev2-payload.h"

#include <memory>
#include <string>
#include <vector>

namespace ns3
{

class Ikev2NotifyPayload;

/**
 * \ingroup ipsec
 * \brief Where and why a message failed to parse.
 */
struct Ikev2ParseError
{
    Ikev2ParseStatus status{Ikev2ParseStatus::OK}; //!< the reason
    uint8_t payloadType{0}; //!< type of the offending payload (for UNSUPPORTED_CRITICAL_PAYLOAD
                            //!< the Notification Data of the error to send)
    size_t offset{0};       //!< octet offset of the offending payload in the parsed buffer
};

/**
 * \ingroup ipsec
 * \brief An IKEv2 message: the header, the ordered list of unencrypted payloads and, when
 * present, the SK or SKF payload with the payloads it carries (RFC 7296 3).
 *
 * Payloads are chained by their Next Payload fields, which Serialize() fills in from the list
 * order; the header's Length and Next Payload are filled in too. Parse() stops at SK/SKF (which
 * must be the last payload, RFC 7296 3.14) and leaves its body to the caller, who holds the
 * keys; after decrypting, ParseDecrypted() decodes the inner chain.
 *
 * Sending an encrypted message (RFC 7296 3.14, RFC 5282 5.1):
 * 1. AddEncryptedPayload() for each inner payload; SerializeEncryptedPayloads() gives the chain;
 *    Ikev2EncryptedPayload::AddPadding() adds padding and Pad Length for the cipher's block.
 * 2. SetEncryptedBody() with IV | space for the ciphertext | space for the ICV, then Serialize().
 * 3. LocateEncrypted() on those octets gives the offsets: encrypt into the ciphertext range
 *    (AEAD: with AssociatedData() as AAD, tag into the ICV range), or encrypt and then MAC
 *    IntegrityInput() into the ICV range.
 *
 * Receiving: Parse(); LocateEncrypted() on the received octets; verify and decrypt;
 * Ikev2EncryptedPayload::RemovePadding(); ParseDecrypted(); Ikev2MessageRules::Validate().
 */
class Ikev2Message
{
  public:
    /// Upper bound on payloads in one chain: far above any legitimate message, it bounds the
    /// work an attacker can cause with a datagram of 4-octet payloads.
    static constexpr size_t MAX_PAYLOADS = 256;

    Ikev2Message() = default;
    /// \brief Deep copy. \param o the message to copy
    Ikev2Message(const Ikev2Message& o);
    /// \brief Deep copy. \param o the message to copy \return this
    Ikev2Message& operator=(const Ikev2Message& o);
    Ikev2Message(Ikev2Message&&) = default;            //!< move
    Ikev2Message& operator=(Ikev2Message&&) = default; //!< move \return this

    /// \return the header (Length and Next Payload are set by Serialize)
    Ikev2Header& GetHeader()
    {
        return m_header;
    }

    /// \return the header
    const Ikev2Header& GetHeader() const
    {
        return m_header;
    }

    /// \return the exchange type as the enum
    Ikev2ExchangeType GetExchangeType() const
    {
        return static_cast<Ikev2ExchangeType>(m_header.exchangeType);
    }

    /// \brief Append an unencrypted payload. \param p the payload (not SK/SKF)
    void AddPayload(std::unique_ptr<Ikev2Payload> p);

    /// \brief Append a payload to be carried inside SK. \param p the payload
    void AddEncryptedPayload(std::unique_ptr<Ikev2Payload> p);

    /// \brief Set the SK or SKF payload sent after the unencrypted ones. \param p SK or SKF
    void SetEncryptedPayload(std::unique_ptr<Ikev2Payload> p);

    /// \return the unencrypted payloads in order
    const std::vector<std::unique_ptr<Ikev2Payload>>& GetPayloads() const
    {
        return m_payloads;
    }

    /// \return the payloads carried inside SK (after AddEncryptedPayload or ParseDecrypted)
    const std::vector<std::unique_ptr<Ikev2Payload>>& GetEncryptedPayloads() const
    {
        return m_inner;
    }

    /// \return the SK or SKF payload, or nullptr
    const Ikev2Payload* GetEncryptedPayload() const
    {
        return m_encrypted.get();
    }

    /// \return whether the inner payloads are known (built locally or decrypted)
    bool HasDecryptedPayloads() const
    {
        return m_innerKnown;
    }

    /**
     * \brief First payload of a type, searching unencrypted then inner payloads.
     * \tparam T the payload class \param type the payload type
     * \return the payload or nullptr
     */
    template <class T>
    const T* Find(Ikev2PayloadType type) const
    {
        for (const auto* list : {&m_payloads, &m_inner})
        {
            for (const auto& p : *list)
            {
                if (p->GetType() == static_cast<uint8_t>(type))
                {
                    return dynamic_cast<const T*>(p.get());
                }
            }
        }
        return nullptr;
    }

    /**
     * \brief Every payload of a type, unencrypted then inner.
     * \tparam T the payload class \param type the payload type \return the payloads
     */
    template <class T>
    std::vector<const T*> FindAll(Ikev2PayloadType type) const
    {
        std::vector<const T*> found;
        for (const auto* list : {&m_payloads, &m_inner})
        {
            for (const auto& p : *list)
            {
                if (p->GetType() == static_cast<uint8_t>(type))
                {
                    if (const T* t = dynamic_cast<const T*>(p.get()))
                    {
                        found.push_back(t);
                    }
                }
            }
        }
        return found;
    }

    /**
     * \brief First Notify payload of a type, unencrypted then inner.
     * \param type the Notify Message Type
     * \return the payload or nullptr
     */
    const Ikev2NotifyPayload* FindNotify(Ikev2NotifyType type) const;

    /**
     * \brief First Notify payload whose type is an error (RFC 7296 3.10.1: below 16384).
     * \return the payload or nullptr
     */
    const Ikev2NotifyPayload* FindErrorNotify() const;

    /**
     * \brief The inner payload chain to encrypt (before padding).
     * \param[out] firstType type of the first inner payload (0 if none)
     * \return the serialized chain
     */
    Bytes SerializeEncryptedPayloads(uint8_t& firstType) const;

    /**
     * \brief Build the SK payload from an encrypted body, its Next Payload naming the first
     * inner payload. \param body IV | ciphertext | ICV
     */
    void SetEncryptedBody(Bytes body);

    /**
     * \brief The whole message: header, unencrypted payloads, then SK/SKF if set.
     * \return the octets
     */
    Bytes Serialize() const;

    /**
     * \brief Decode a whole message (one UDP datagram, without the non-ESP marker).
     * \param in the octets
     * \param[out] msg the message
     * \param[out] error where and why it failed (may be null)
     * \return OK or the first error: header errors; TRUNCATED / TRAILING_DATA if Length differs
     * from @p in; generic header errors; UNSUPPORTED_CRITICAL_PAYLOAD for an unknown payload
     * with C set (RFC 7296 3.2; unknown non-critical ones are kept as Ikev2UnknownPayload);
     * MISPLACED_ENCRYPTED_PAYLOAD if SK/SKF is not last; TOO_MANY_PAYLOADS; a body's error
     */
    [[nodiscard]] static Ikev2ParseStatus Parse(ByteView in,
                                                Ikev2Message& msg,
                                                Ikev2ParseError* error = nullptr);

    /**
     * \brief Decode the decrypted inner chain (padding already removed), starting with the
     * type in the SK/SKF Next Payload field.
     * \param chain the plaintext payloads
     * \param[out] error where and why it failed, offsets relative to @p chain (may be null)
     * \return OK or the error (SK/SKF inside SK is MISPLACED_ENCRYPTED_PAYLOAD)
     */
    [[nodiscard]] Ikev2ParseStatus ParseDecrypted(ByteView chain, Ikev2ParseError* error = nullptr);

    /**
     * \brief Locate the parts of the SK/SKF payload in a serialized message (to compute or
     * verify the ICV, or to build the AEAD associated data).
     * \param message the whole message
     * \param ivSize IV octets \param icvSize ICV octets
     * \param[out] layout the offsets
     * \return OK; TRUNCATED or PAYLOAD_TOO_SHORT for a broken chain; INVALID_VALUE if there is
     * no SK/SKF; BAD_LENGTH if it is shorter than IV + ICV
     */
    [[nodiscard]] static Ikev2ParseStatus LocateEncrypted(ByteView message,
                                                          size_t ivSize,
                                                          size_t icvSize,
                                                          Ikev2EncryptedLayout& layout);

    /**
     * \brief strongSwan-style summary, e.g. "IKE_SA_INIT request 0 [ SA KE Nonce N(COOKIE) ]",
     * inner payloads inside "SK{ }".
     * \return the summary
     */
    std::string ToString() const;

  private:
    /// Decode a chain of payloads starting with @p first.
    static Ikev2ParseStatus ParseChain(ByteView chain,
                                       uint8_t first,
                                       bool allowEncrypted,
                                       std::vector<std::unique_ptr<Ikev2Payload>>& out,
                                       std::unique_ptr<Ikev2Payload>& encrypted,
                                       Ikev2ParseError* error,
                                       size_t baseOffset);

    Ikev2Header m_header;                                  //!< header
    std::vector<std::unique_ptr<Ikev2Payload>> m_payloads; //!< unencrypted payloads
    std::unique_ptr<Ikev2Payload> m_encrypted;             //!< SK or SKF
    std::vector<std::unique_ptr<Ikev2Payload>> m_inner;    //!< payloads inside SK
    bool m_innerKnown{false};                              //!< m_inner is meaningful
};

/**
 * \brief A new, empty payload object for a type octet.
 * \param type the payload type
 * \return the payload; Ikev2UnknownPayload for unknown types
 */
std::unique_ptr<Ikev2Payload> Ikev2CreatePayload(uint8_t type);

} // namespace ns3

#endif // IPSEC_IKEV2_MESSAGE_H
