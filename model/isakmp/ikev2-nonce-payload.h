/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_IKEV2_NONCE_PAYLOAD_H
#define IPSEC_IKEV2_NONCE_PAYLOAD_H

#include "ikev2-payload.h"

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Nonce payload, Ni or Nr (RFC 7296 3.9).
 *
 * \verbatim
                        1                   2                   3
    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   | Next Payload  |C|  RESERVED   |         Payload Length        |
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   |                                                               |
   ~                            Nonce Data                         ~
   |                                                               |
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   \endverbatim
 */
class Ikev2NoncePayload : public Ikev2Payload
{
  public:
    static constexpr size_t MIN_SIZE = 16;  //!< RFC 7296 3.9: at least 16 octets
    static constexpr size_t MAX_SIZE = 256; //!< RFC 7296 3.9: at most 256 octets

    Ikev2NoncePayload() = default;

    /// \brief Nonce payload. \param nonce Nonce Data
    explicit Ikev2NoncePayload(Bytes nonce)
        : m_nonce(std::move(nonce))
    {
    }

    uint8_t GetType() const override
    {
        return static_cast<uint8_t>(Ikev2PayloadType::NONCE);
    }

    void SerializeBody(Bytes& out) const override;

    /**
     * \copydoc Ikev2Payload::DeserializeBody
     * Nonce Data outside 16..256 octets is BAD_LENGTH (RFC 7296 3.9 MUST).
     */
    [[nodiscard]] Ikev2ParseStatus DeserializeBody(ByteView body) override;
    std::unique_ptr<Ikev2Payload> Clone() const override;

    /// \return the Nonce Data
    const Bytes& GetNonce() const
    {
        return m_nonce;
    }

  private:
    Bytes m_nonce; //!< Nonce Data
};

} // namespace ns3

#endif // IPSEC_IKEV2_NONCE_PAYLOAD_H
