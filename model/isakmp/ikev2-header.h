/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_IKEV2_HEADER_H
#define IPSEC_IKEV2_HEADER_H

#include "ikev2-types.h"

#include "ns3/crypto-types.h"

#include <cstdint>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief The IKEv2 header (RFC 7296 3.1), 28 octets.
 *
 * \verbatim
                        1                   2                   3
    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   |                       IKE SA Initiator's SPI                  |
   |                                                               |
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   |                       IKE SA Responder's SPI                  |
   |                                                               |
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   |  Next Payload | MjVer | MnVer | Exchange Type |     Flags     |
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   |                          Message ID                           |
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   |                            Length                             |
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   Flags: |X|X|R|V|I|X|X|X|  (R = Response 0x20, V = Version 0x10, I = Initiator 0x08)
   \endverbatim
 */
class Ikev2Header
{
  public:
    static constexpr size_t SIZE = 28;              //!< octets on the wire
    static constexpr uint8_t FLAG_INITIATOR = 0x08; //!< I: sent by the original initiator
    static constexpr uint8_t FLAG_VERSION = 0x10;   //!< V: sender can speak a higher major version
    static constexpr uint8_t FLAG_RESPONSE = 0x20;  //!< R: this message is a response

    uint64_t initiatorSpi{0}; //!< IKE SA Initiator's SPI
    uint64_t responderSpi{0}; //!< IKE SA Responder's SPI (zero in the first message)
    uint8_t nextPayload{0};   //!< type of the first payload
    uint8_t majorVersion{2};  //!< MjVer, 2 for IKEv2
    uint8_t minorVersion{0};  //!< MnVer, sent as 0 and ignored on receipt
    uint8_t exchangeType{0};  //!< Ikev2ExchangeType
    uint8_t flags{0};         //!< FLAG_* bits; the X bits are sent as zero and ignored
    uint32_t messageId{0};    //!< Message ID (RFC 7296 2.2)
    uint32_t length{0};       //!< whole message incl. header, in octets

    /// \return whether the I flag is set
    bool IsInitiator() const
    {
        return flags & FLAG_INITIATOR;
    }

    /// \return whether the R flag is set
    bool IsResponse() const
    {
        return flags & FLAG_RESPONSE;
    }

    /**
     * \brief Append the 28 header octets.
     * \param out destination
     */
    void Serialize(Bytes& out) const;

    /**
     * \brief Decode the first 28 octets of @p in (the rest is not looked at).
     * \param in the octets
     * \return TRUNCATED if fewer than 28, INVALID_MAJOR_VERSION unless MjVer is 2 (RFC 7296 3.1:
     * the minor version is ignored), BAD_LENGTH if Length is below 28, else OK
     */
    [[nodiscard]] Ikev2ParseStatus Deserialize(ByteView in);

    /// \brief Field-wise equality. \param o other header \return true when equal
    bool operator==(const Ikev2Header& o) const;
};

} // namespace ns3

#endif // IPSEC_IKEV2_HEADER_H
