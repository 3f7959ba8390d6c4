/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_IKEV2_ENCRYPTED_PAYLOAD_H
#define IPSEC_IKEV2_ENCRYPTED_PAYLOAD_H

#include "ikev2-payload.h"

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief The three parts of an SK or SKF body, as views into it.
 */
struct Ikev2EncryptedParts
{
    ByteView iv;         //!< Initialization Vector
    ByteView ciphertext; //!< encrypted payloads, padding and Pad Length
    ByteView icv;        //!< Integrity Checksum Data (the AEAD tag for AEAD ciphers)
};

/**
 * \ingroup ipsec
 * \brief Where the parts of the SK/SKF payload lie in a whole serialized message, so that the
 * caller can compute and check the ICV in place.
 *
 * RFC 7296 3.14: the ICV is computed over the message from the first octet of the IKE header
 * through the end of the ciphertext, IntegrityInput(). RFC 5282 5.1 (and RFC 7383 2.5 for
 * SKF): the AEAD associated data is everything before the IV, i.e. the IKE header, any
 * unencrypted payloads and the SK (or SKF, with Fragment Number and Total Fragments) header,
 * AssociatedData().
 */
struct Ikev2EncryptedLayout
{
    size_t payloadOffset{0};    //!< first octet of the SK/SKF generic header
    size_t ivOffset{0};         //!< first octet of the IV, also the AAD length
    size_t ciphertextOffset{0}; //!< first octet of the ciphertext
    size_t icvOffset{0};        //!< first octet of the ICV
    size_t end{0};              //!< one past the ICV, the message length

    /// \brief AEAD associated data. \param message the serialized message \return the view
    ByteView AssociatedData(ByteView message) const
    {
        return ByteView(message.data, ivOffset);
    }

    /// \brief Octets a non-AEAD ICV covers. \param message the message \return the view
    ByteView IntegrityInput(ByteView message) const
    {
        return ByteView(message.data, icvOffset);
    }
};

/**
 * \ingroup ipsec
 * \brief Encrypted and Authenticated payload, SK (RFC 7296 3.14). The body is kept opaque
 * (IV | ciphertext | ICV); the Next Payload field of its header names the first payload inside.
 *
 * \verbatim
                        1                   2                   3
    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   | Next Payload  |C|  RESERVED   |         Payload Length        |
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   |                     Initialization Vector                     |
   |         (length is block size for encryption algorithm)       |
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   ~                    Encrypted IKE Payloads                     ~
   +               +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   |               |             Padding (0-255 octets)            |
   +-+-+-+-+-+-+-+-+                               +-+-+-+-+-+-+-+-+
   |                                               |  Pad Length   |
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   ~                    Integrity Checksum Data                    ~
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   \endverbatim
 */
class Ikev2EncryptedPayload : public Ikev2Payload
{
  public:
    Ikev2EncryptedPayload() = default;

    /// \brief SK payload. \param firstInner type of the first inner payload \param body
    /// IV | ciphertext | ICV
    Ikev2EncryptedPayload(uint8_t firstInner, Bytes body)
        : m_firstInner(firstInner),
          m_body(std::move(body))
    {
    }

    uint8_t GetType() const override
    {
        return static_cast<uint8_t>(Ikev2PayloadType::SK);
    }

    void SerializeBody(Bytes& out) const override;
    [[nodiscard]] Ikev2ParseStatus DeserializeBody(ByteView body) override;
    std::unique_ptr<Ikev2Payload> Clone() const override;

    /// \return type of the first payload inside (the Next Payload field of this header)
    uint8_t GetFirstInnerType() const
    {
        return m_firstInner;
    }

    /// \brief Set the type of the first inner payload. \param type payload type
    void SetFirstInnerType(uint8_t type)
    {
        m_firstInner = type;
    }

    /// \return IV | ciphertext | ICV
    const Bytes& GetBody() const
    {
        return m_body;
    }

    /**
     * \brief Split the body for the negotiated transform.
     * \param ivSize IV octets \param icvSize ICV (or AEAD tag) octets \param[out] parts views
     * into the body
     * \return BAD_LENGTH if the body is shorter than IV + ICV, else OK
     */
    [[nodiscard]] Ikev2ParseStatus Split(size_t ivSize,
                                         size_t icvSize,
                                         Ikev2EncryptedParts& parts) const;

    /**
     * \brief The plaintext to encrypt: the inner payload chain, padding to a multiple of
     * @p blockSize and the Pad Length octet (RFC 7296 3.14). Padding is the minimum, zero-filled.
     * \param payloads the serialized inner payloads
     * \param blockSize cipher block size (1 for stream modes and AEADs such as GCM)
     * \return the plaintext
     */
    static Bytes AddPadding(ByteView payloads, size_t blockSize);

    /**
     * \brief Remove padding and Pad Length from a decrypted plaintext.
     * \param plaintext the decrypted octets
     * \param[out] payloads the inner payload chain (a view into @p plaintext)
     * \return BAD_LENGTH if empty or Pad Length exceeds the plaintext, else OK
     */
    [[nodiscard]] static Ikev2ParseStatus RemovePadding(ByteView plaintext, ByteView& payloads);

  private:
    uint8_t m_firstInner{0}; //!< Next Payload of this header
    Bytes m_body;            //!< IV | ciphertext | ICV
};

} // namespace ns3

#endif // IPSEC_IKEV2_ENCRYPTED_PAYLOAD_H
