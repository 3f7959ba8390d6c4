/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_PORT_RANGE_H
#define IPSEC_PORT_RANGE_H

#include <cstdint>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief An inclusive range of transport ports (RFC 4301 4.4.1.1 "Local/Remote Port").
 *
 * For ICMP and ICMPv6 the SPD carries the message type (RFC 4301 4.4.1.1 "ICMP message
 * type/code") in the local port field and the code in the remote port field: a range [t, t]
 * then selects one type. (IKEv2 traffic selectors encode the pair differently, as one 16-bit
 * "port" type * 256 + code, RFC 7296 3.13.1; the key manager converts.)
 */
struct PortRange
{
    uint16_t first = 0;    //!< lowest port
    uint16_t last = 65535; //!< highest port

    /**
     * \brief One port.
     * \param port the port
     * \return the range [port, port]
     */
    static PortRange Single(uint16_t port)
    {
        return {port, port};
    }

    /**
     * \param port a port
     * \return true when first <= port <= last
     */
    bool Contains(uint16_t port) const
    {
        return first <= port && port <= last;
    }

    /// \return true when the range is 0-65535 (ANY)
    bool IsAny() const
    {
        return first == 0 && last == 65535;
    }

    /**
     * \param other the other range
     * \return true when both bounds are equal
     */
    bool operator==(const PortRange& other) const
    {
        return first == other.first && last == other.last;
    }
};

} // namespace ns3

#endif // IPSEC_PORT_RANGE_H
