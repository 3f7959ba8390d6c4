/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_IKEV2_EAP_PAYLOAD_H
#define IPSEC_IKEV2_EAP_PAYLOAD_H

#include "ikev2-payload.h"

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief EAP payload (RFC 7296 3.16): frames one EAP message (RFC 3748 4).
 *
 * \verbatim
                        1                   2                   3
    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   | Next Payload  |C|  RESERVED   |         Payload Length        |
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   |                                                               |
   ~                       EAP Message                             ~
   |                                                               |
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+

   EAP Message:
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   |     Code      | Identifier    |           Length              |
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   |     Type      | Type_Data...
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   \endverbatim
 */
class Ikev2EapPayload : public Ikev2Payload
{
  public:
    /// EAP Codes (RFC 3748 4).
    enum Code : uint8_t
    {
        REQUEST = 1,
        RESPONSE = 2,
        SUCCESS = 3,
        FAILURE = 4,
    };

    Ikev2EapPayload() = default;

    /// \brief EAP payload carrying @p message (a whole EAP message). \param message octets
    explicit Ikev2EapPayload(Bytes message)
        : m_message(std::move(message))
    {
    }

    uint8_t GetType() const override
    {
        return static_cast<uint8_t>(Ikev2PayloadType::EAP);
    }

    void SerializeBody(Bytes& out) const override;

    /**
     * \copydoc Ikev2Payload::DeserializeBody
     * The EAP Length must equal the body size (BAD_LENGTH), the Code be 1..4 and Request and
     * Response carry a Type (INVALID_VALUE).
     */
    [[nodiscard]] Ikev2ParseStatus DeserializeBody(ByteView body) override;
    std::unique_ptr<Ikev2Payload> Clone() const override;

    /// \return the whole EAP message
    const Bytes& GetMessage() const
    {
        return m_message;
    }

    /// \return the EAP Code (0 if the message is empty)
    uint8_t GetCode() const
    {
        return m_message.empty() ? 0 : m_message[0];
    }

  private:
    Bytes m_message; //!< EAP message
};

} // namespace ns3

#endif // IPSEC_IKEV2_EAP_PAYLOAD_H
