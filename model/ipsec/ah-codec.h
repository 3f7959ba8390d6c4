/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_AH_CODEC_H
#define IPSEC_AH_CODEC_H

#include "ipsec-codec-result.h"
#include "security-association.h"

#include "ns3/crypto-types.h"

#include <cstdint>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief The AH transform of RFC 4302, on octets.
 *
 * Layout (RFC 4302 2):
 * \verbatim
   | Next Header | Payload Len | RESERVED (2) | SPI (4) | Sequence Number (4) | ICV + pad |
   \endverbatim
 * Payload Len is the AH length in 32-bit words minus 2; the ICV field is padded to a multiple
 * of 32 bits for IPv4 and 64 bits for IPv6 (RFC 4302 2.2, 3.3.3.2.1).
 *
 * The ICV covers the IP header with its mutable fields zeroed (RFC 4302 3.3.3.1: IPv4 TOS,
 * flags, fragment offset, TTL, checksum and the mutable options; IPv6 traffic class, flow
 * label, hop limit), the AH header with a zero ICV field, the payload and, with ESN, the high
 * 32 sequence bits (RFC 4302 3.3.3.3). The same code serves transport mode (the header is the
 * packet's own) and tunnel mode (the outer header, the payload is the inner packet).
 */
class AhCodec
{
  public:
    /**
     * \brief Size of the AH header this SA produces.
     * \param sa the AH SA
     * \param ipv6 true when the header follows an IPv6 header
     * \return 12 + the ICV size padded to 4 (IPv4) or 8 (IPv6) octets
     */
    static size_t GetHeaderSize(const SecurityAssociation& sa, bool ipv6);

    /**
     * \brief Builds the AH header of an outbound packet (RFC 4302 3.3).
     *
     * \p ipHeader must be the header exactly as it will be sent: protocol / next header 51 and
     * total / payload length including the AH header (use GetHeaderSize()). For IPv4 it is the
     * whole header with its options (IHL * 4 octets); for IPv6 the 40-octet base header and the
     * extension headers before AH (Hop-by-Hop, Destination Options, Routing; at most 256
     * octets of them), the last one's next header being 51. A Routing header is covered as
     * given, so the caller passes it with the values the receiver will see.
     * \param sa an outbound AH SA
     * \param ipHeader the IP header octets
     * \param payload what follows AH (L4 segment, or the inner IP packet in tunnel mode)
     * \param nextHeader the protocol of the payload
     * \param ah set to the AH header octets (GetHeaderSize() octets)
     * \return OK, or DROP with MALFORMED, SEQUENCE_OVERFLOW, LIFETIME_EXPIRED, CRYPTO_ERROR
     */
    static CodecResult Protect(SecurityAssociation& sa,
                               ByteView ipHeader,
                               ByteView payload,
                               uint8_t nextHeader,
                               Bytes* ah);

    /**
     * \brief Verifies an inbound AH packet (RFC 4302 3.4).
     *
     * Order: length checks, anti-replay check, ICV verification (constant time), then the
     * replay window is updated.
     * \param sa the inbound AH SA found by SPI
     * \param ipHeader the IP header as received (see Protect())
     * \param ahAndPayload the octets following the IP header: AH header then payload
     * \param payload set to the payload, a view into \p ahAndPayload
     * \param nextHeader set to the payload protocol
     * \return OK or DROP with NO_SA, MALFORMED, REPLAY_DUPLICATE, REPLAY_TOO_OLD, ICV_FAILURE,
     *         LIFETIME_EXPIRED or CRYPTO_ERROR
     */
    static CodecResult Unprotect(SecurityAssociation& sa,
                                 ByteView ipHeader,
                                 ByteView ahAndPayload,
                                 ByteView* payload,
                                 uint8_t* nextHeader);

    /**
     * \brief Copies an IP header with the fields AH treats as mutable set to zero
     * (RFC 4302 3.3.3.1.1 for IPv4 incl. options, 3.3.3.1.2 for the IPv6 base header).
     * \param ipHeader the header (IPv4 or IPv6, told apart by the version nibble)
     * \param out set to the zeroed copy
     * \return false when the header is malformed (too short, bad IHL or option lengths)
     */
    [[nodiscard]] static bool ZeroMutableFields(ByteView ipHeader, Bytes* out);
};

} // namespace ns3

#endif // IPSEC_AH_CODEC_H
