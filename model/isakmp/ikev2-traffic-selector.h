/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_IKEV2_TRAFFIC_SELECTOR_H
#define IPSEC_IKEV2_TRAFFIC_SELECTOR_H

#include "ikev2-types.h"

#include "ns3/crypto-types.h"

#include <cstdint>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief One traffic selector (RFC 7296 3.13.1). IPv4 (type 7, 16 octets) and IPv6 (type 8,
 * 40 octets) address ranges are decoded; other types are kept as opaque octets.
 *
 * \verbatim
                        1                   2                   3
    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   |   TS Type     |IP Protocol ID*|       Selector Length         |
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   |           Start Port*         |           End Port*           |
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   |                                                               |
   ~                         Starting Address*                     ~
   |                                                               |
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   |                                                               |
   ~                         Ending Address*                       ~
   |                                                               |
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   \endverbatim
 */
struct Ikev2TrafficSelector
{
    static constexpr uint8_t TS_IPV4_ADDR_RANGE = 7; //!< 4-octet addresses
    static constexpr uint8_t TS_IPV6_ADDR_RANGE = 8; //!< 16-octet addresses
    static constexpr size_t HEADER_SIZE = 4;         //!< TS Type, protocol, length

    uint8_t type{TS_IPV4_ADDR_RANGE}; //!< TS Type
    uint8_t ipProtocol{0};            //!< IP Protocol ID, 0 = any
    uint16_t startPort{0};            //!< Start Port
    uint16_t endPort{65535};          //!< End Port
    Bytes startAddress;               //!< Starting Address (4 or 16 octets)
    Bytes endAddress;                 //!< Ending Address (4 or 16 octets)
    Bytes opaque;                     //!< body of a TS type this code does not decode

    /**
     * \brief An IPv4 address range selector.
     * \param start first address (host order) \param end last address (host order)
     * \param protocol IP protocol (0 any) \param startPort first port \param endPort last port
     * \return the selector
     */
    static Ikev2TrafficSelector Ipv4Range(uint32_t start,
                                          uint32_t end,
                                          uint8_t protocol = 0,
                                          uint16_t startPort = 0,
                                          uint16_t endPort = 65535);

    /**
     * \brief Append the selector.
     * \param out destination
     */
    void Serialize(Bytes& out) const;

    /**
     * \brief Decode one selector that fills @p in exactly.
     * \param in the octets (Selector Length of them)
     * \return OK, TRUNCATED, or BAD_LENGTH (Selector Length not 16 for IPv4 or 40 for IPv6)
     */
    [[nodiscard]] Ikev2ParseStatus Deserialize(ByteView in);

    /// \brief Field-wise equality. \param o other \return true when equal
    bool operator==(const Ikev2TrafficSelector& o) const
    {
        return type == o.type && ipProtocol == o.ipProtocol && startPort == o.startPort &&
               endPort == o.endPort && startAddress == o.startAddress &&
               endAddress == o.endAddress && opaque == o.opaque;
    }
};

} // namespace ns3

#endif // IPSEC_IKEV2_TRAFFIC_SELECTOR_H
