/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_ESP_CODEC_H
#define IPSEC_ESP_CODEC_H

#include "ipsec-codec-result.h"
#include "security-association.h"

#include "ns3/crypto-types.h"

#include <cstdint>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief The ESP packet transform of RFC 4303, on octets.
 *
 * Layout (RFC 4303 2):
 * \verbatim
   | SPI (4) | Sequence Number (4) | IV (0..16) |
   | ciphertext( payload | padding 1,2,3.. | pad length | next header ) | ICV |
   \endverbatim
 * With ESN only the low 32 sequence bits are sent; the high 32 are appended to the ICV input
 * (RFC 4303 2.2.1, 3.3.2) or put in the AEAD AAD (RFC 4106 5, RFC 4543 3.3.2, RFC 7634 2.1).
 *
 * Stateless: all state lives in the SecurityAssociation. Output buffers are resized (their
 * capacity is reused when the caller keeps them); the crypto step itself allocates nothing.
 */
class EspCodec
{
  public:
    /// \brief ESP next header value of a dummy packet (RFC 4303 2.6, IANA "No Next Header").
    static constexpr uint8_t NEXT_HEADER_NONE = 59;

    /**
     * \brief The ESP overhead (header, IV, maximum padding and trailer, ICV) for a payload.
     * \param sa the SA
     * \param payloadSize octets of payload
     * \return the size of the ESP packet Protect() would produce, TFC padding included
     */
    static size_t GetProtectedSize(const SecurityAssociation& sa, size_t payloadSize);

    /**
     * \brief Where the payload starts in the ESP packet: after SPI, sequence number and IV.
     *
     * A caller that builds the payload at this offset of a buffer of GetProtectedSize() octets
     * and passes that buffer as Protect()'s output has it encrypted in place (no copy).
     * \param sa the SA
     * \return 8 + the IV size
     */
    static size_t GetPayloadOffset(const SecurityAssociation& sa);

    /**
     * \brief Protects a payload (RFC 4303 3.3): the inner IP packet in tunnel mode, the
     * transport-layer segment in transport mode.
     *
     * Allocates the next sequence number, pads (to the cipher block size and 4-octet
     * alignment, TFC padding in tunnel mode when the SA asks for it), encrypts and appends
     * the ICV; counts the packet against the lifetimes.
     * \param sa an outbound ESP SA
     * \param payload the payload octets; may lie in @p out only as GetPayloadOffset() describes
     * \param nextHeader the protocol of the payload (4 or 41 for tunnel mode; 59 = dummy)
     * \param out set to the ESP octets, SPI through ICV
     * \return OK, or DROP with SEQUENCE_OVERFLOW, LIFETIME_EXPIRED or CRYPTO_ERROR
     */
    static CodecResult Protect(SecurityAssociation& sa,
                               ByteView payload,
                               uint8_t nextHeader,
                               Bytes* out);

    /**
     * \brief Protect() with a given IV instead of the SA's (published test vectors only).
     * \param sa an outbound ESP SA
     * \param payload the payload octets
     * \param nextHeader the protocol of the payload
     * \param iv the IV to send, GetIvSize() octets of the SA's cipher
     * \param out set to the ESP octets, SPI through ICV
     * \return as Protect()
     */
    static CodecResult ProtectWithIv(SecurityAssociation& sa,
                                     ByteView payload,
                                     uint8_t nextHeader,
                                     const uint8_t* iv,
                                     Bytes* out);

    /**
     * \brief Verifies and decrypts an ESP packet (RFC 4303 3.4).
     *
     * Order: length checks, anti-replay check (3.4.3), ICV verification (3.4.4, constant
     * time), decryption, padding checks, then the replay window is updated. In tunnel mode,
     * TFC padding after the inner IP packet is removed using the inner header's length.
     * \param sa the inbound ESP SA found by SPI
     * \param esp the ESP octets, SPI through ICV
     * \param payload set to the payload (may be the same buffer on repeated calls)
     * \param nextHeader set to the payload protocol
     * \return OK, DUMMY (next header 59) or DROP with NO_SA, MALFORMED, REPLAY_DUPLICATE,
     *         REPLAY_TOO_OLD, ICV_FAILURE, BAD_PADDING, LIFETIME_EXPIRED or CRYPTO_ERROR
     */
    static CodecResult Unprotect(SecurityAssociation& sa,
                                 ByteView esp,
                                 Bytes* payload,
                                 uint8_t* nextHeader);
};

} // namespace ns3

#endif // IPSEC_ESP_CODEC_H
