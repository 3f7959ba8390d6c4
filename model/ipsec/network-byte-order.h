/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_NETWORK_BYTE_ORDER_H
#define IPSEC_NETWORK_BYTE_ORDER_H

#include <cstdint>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Writes a 32-bit value in network (big-endian) order, as ESP and AH fields are sent.
 * \param p the first of 4 octets
 * \param v the value
 */
inline void
PutBigEndian32(uint8_t* p, uint32_t v)
{
    p[0] = static_cast<uint8_t>(v >> 24);
    p[1] = static_cast<uint8_t>(v >> 16);
    p[2] = static_cast<uint8_t>(v >> 8);
    p[3] = static_cast<uint8_t>(v);
}

/**
 * \ingroup ipsec
 * \brief Reads a 32-bit value in network (big-endian) order.
 * \param p the first of 4 octets
 * \return the value
 */
inline uint32_t
GetBigEndian32(const uint8_t* p)
{
    return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
}

/**
 * \ingroup ipsec
 * \brief Reads a 16-bit value in network (big-endian) order.
 * \param p the first of 2 octets
 * \return the value
 */
inline uint16_t
GetBigEndian16(const uint8_t* p)
{
    return static_cast<uint16_t>((p[0] << 8) | p[1]);
}

} // namespace ns3

#endif // IPSEC_NETWORK_BYTE_ORDER_H
