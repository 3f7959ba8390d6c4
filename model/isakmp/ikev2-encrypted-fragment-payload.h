/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_IKEV2_ENCRYPTED_FRAGMENT_PAYLOAD_H
#define IPSEC_IKEV2_ENCRYPTED_FRAGMENT_PAYLOAD_H

#include "ikev2-encrypted-payload.h"

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Encrypted and Authenticated Fragment payload, SKF (RFC 7383 2.5). Next Payload names
 * the first inner payload in fragment 1 and is 0 in the others.
 *
 * \verbatim
                        1                   2                   3
    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   | Next Payload  |C|  RESERVED   |         Payload Length        |
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   |        Fragment Number        |        Total Fragments        |
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   |                     Initialization Vector                     |
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   ~                      Encrypted content                        ~
   +               +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   |               |             Padding (0-255 octets)            |
   +-+-+-+-+-+-+-+-+                               +-+-+-+-+-+-+-+-+
   |                                               |  Pad Length   |
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   ~                    Integrity Checksum Data                    ~
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   \endverbatim
 */
class Ikev2EncryptedFragmentPayload : public Ikev2Payload
{
  public:
    static constexpr size_t FIELDS_SIZE = 4; //!< Fragment Number + Total Fragments

    Ikev2EncryptedFragmentPayload() = default;

    /**
     * \brief SKF payload.
     * \param firstInner first inner payload type (fragment 1) or 0
     * \param number Fragment Number (from 1) \param total Total Fragments
     * \param body IV | ciphertext | ICV
     */
    Ikev2EncryptedFragmentPayload(uint8_t firstInner, uint16_t number, uint16_t total, Bytes body)
        : m_firstInner(firstInner),
          m_number(number),
          m_total(total),
          m_body(std::move(body))
    {
    }

    uint8_t GetType() const override
    {
        return static_cast<uint8_t>(Ikev2PayloadType::SKF);
    }

    void SerializeBody(Bytes& out) const override;

    /**
     * \copydoc Ikev2Payload::DeserializeBody
     * Fragment Number 0, Total Fragments 0 or a number above the total is INVALID_VALUE
     * (RFC 7383 2.5).
     */
    [[nodiscard]] Ikev2ParseStatus DeserializeBody(ByteView body) override;
    std::unique_ptr<Ikev2Payload> Clone() const override;

    /// \return the Next Payload of this header
    uint8_t GetFirstInnerType() const
    {
        return m_firstInner;
    }

    /// \brief Set the Next Payload of this header. \param type payload type
    void SetFirstInnerType(uint8_t type)
    {
        m_firstInner = type;
    }

    /// \return Fragment Number
    uint16_t GetFragmentNumber() const
    {
        return m_number;
    }

    /// \return Total Fragments
    uint16_t GetTotalFragments() const
    {
        return m_total;
    }

    /// \return IV | ciphertext | ICV
    const Bytes& GetBody() const
    {
        return m_body;
    }

    /**
     * \brief Split the body (after the fragment fields) for the negotiated transform.
     * \param ivSize IV octets \param icvSize ICV octets \param[out] parts views into the body
     * \return BAD_LENGTH if the body is shorter than IV + ICV, else OK
     */
    [[nodiscard]] Ikev2ParseStatus Split(size_t ivSize,
                                         size_t icvSize,
                                         Ikev2EncryptedParts& parts) const;

  private:
    uint8_t m_firstInner{0}; //!< Next Payload of this header
    uint16_t m_number{1};    //!< Fragment Number
    uint16_t m_total{1};     //!< Total Fragments
    Bytes m_body;            //!< IV | ciphertext | ICV
};

} // namespace ns3

#endif // IPSEC_IKEV2_ENCRYPTED_FRAGMENT_PAYLOAD_H
