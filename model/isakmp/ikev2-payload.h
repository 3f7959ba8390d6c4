/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_IKEV2_PAYLOAD_H
#define IPSEC_IKEV2_PAYLOAD_H

#include "ikev2-types.h"

#include "ns3/crypto-types.h"

#include <cstdint>
#include <memory>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief The generic payload header that starts every IKEv2 payload (RFC 7296 3.2).
 *
 * \verbatim
                        1                   2                   3
    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   | Next Payload  |C|  RESERVED   |         Payload Length        |
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   \endverbatim
 */
struct Ikev2GenericPayloadHeader
{
    static constexpr size_t SIZE = 4;         //!< octets on the wire
    static constexpr uint8_t CRITICAL = 0x80; //!< the C bit

    uint8_t nextPayload{0}; //!< type of the payload that follows
    bool critical{false};   //!< C: reject the message if this payload's type is unknown
    uint16_t length{0};     //!< payload length including this header

    /**
     * \brief Decode the 4 header octets. The 7 RESERVED bits are ignored, as RFC 7296 3.2
     * requires of a receiver.
     * \param in the octets (at least 4)
     * \return TRUNCATED if fewer than 4 octets, PAYLOAD_TOO_SHORT if Payload Length < 4,
     * TRUNCATED if Payload Length exceeds @p in, else OK
     */
    [[nodiscard]] Ikev2ParseStatus Deserialize(ByteView in);
};

/**
 * \ingroup ipsec
 * \brief Base of every IKEv2 payload: the generic header is handled here, each payload class
 * encodes only its body (strongSwan's split of encoding per payload).
 */
class Ikev2Payload
{
  public:
    virtual ~Ikev2Payload() = default;

    /// \return the payload type octet this payload is sent as
    virtual uint8_t GetType() const = 0;

    /**
     * \brief Append the body (the octets after the generic header).
     * \param out destination
     */
    virtual void SerializeBody(Bytes& out) const = 0;

    /**
     * \brief Decode the body (the octets after the generic header, exactly Payload Length - 4).
     * \param body the body octets
     * \return OK or the reason it is malformed
     */
    [[nodiscard]] virtual Ikev2ParseStatus DeserializeBody(ByteView body) = 0;

    /// \return a deep copy
    virtual std::unique_ptr<Ikev2Payload> Clone() const = 0;

    /// \return the C bit to send (RFC 7296 3.2: zero for the payloads it defines)
    bool IsCritical() const
    {
        return m_critical;
    }

    /// \brief Set the C bit. \param critical value
    void SetCritical(bool critical)
    {
        m_critical = critical;
    }

    /**
     * \brief Append the generic header and the body.
     * \param out destination
     * \param nextPayload type octet of the payload that follows (0 for the last)
     */
    void Serialize(Bytes& out, uint8_t nextPayload) const;

    /**
     * \brief Decode one whole payload (generic header + body) that fills @p in exactly.
     * \param in the octets of the payload
     * \param[out] nextPayload the Next Payload field
     * \return OK, a header error, BAD_LENGTH if Payload Length differs from @p in, or the body's
     * error
     */
    [[nodiscard]] Ikev2ParseStatus Deserialize(ByteView in, uint8_t& nextPayload);

  private:
    bool m_critical{false}; //!< C bit
};

/**
 * \ingroup ipsec
 * \brief A payload whose type this implementation does not know, kept as raw octets so that a
 * non-critical one can be skipped (RFC 7296 3.2) and a message still re-encodes identically.
 */
class Ikev2UnknownPayload : public Ikev2Payload
{
  public:
    /// \brief Unknown payload of type @p type. \param type the payload type octet
    explicit Ikev2UnknownPayload(uint8_t type)
        : m_type(type)
    {
    }

    uint8_t GetType() const override
    {
        return m_type;
    }

    void SerializeBody(Bytes& out) const override;
    [[nodiscard]] Ikev2ParseStatus DeserializeBody(ByteView body) override;
    std::unique_ptr<Ikev2Payload> Clone() const override;

    /// \return the raw body
    const Bytes& GetBody() const
    {
        return m_body;
    }

  private:
    uint8_t m_type; //!< payload type octet
    Bytes m_body;   //!< raw body
};

} // namespace ns3

#endif // IPSEC_IKEV2_PAYLOAD_H
