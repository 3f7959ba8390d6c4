/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_PACKET_TUPLE_H
#define IPSEC_PACKET_TUPLE_H

#include "ip-address.h"

#include <cstdint>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief The fields of a packet the SPD looks it up by (RFC 4301 4.4.1.1).
 *
 * Addresses and ports are the packet's own source and destination; the direction given to the
 * lookup says which of them is local. For ICMP (protocol 1) and ICMPv6 (58), srcPort holds the
 * message type and dstPort the code; for protocols without ports both are 0.
 */
struct PacketTuple
{
    IpAddress src;        //!< source address
    IpAddress dst;        //!< destination address
    uint8_t protocol = 0; //!< next layer protocol (IP protocol number)
    uint16_t srcPort = 0; //!< source port, or ICMP type
    uint16_t dstPort = 0; //!< destination port, or ICMP code
};

} // namespace ns3

#endif // IPSEC_PACKET_TUPLE_H
