/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_TRAFFIC_SELECTOR_H
#define IPSEC_TRAFFIC_SELECTOR_H

#include "ipsec-types.h"

#include <ostream>
#include <string>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief The selectors of an SPD entry (RFC 4301 4.4.1.1): which packets a policy applies to.
 *
 * Addresses and ports are written from the node's point of view ("local" and "remote"), as
 * RFC 4301 does, so that one selector serves both directions: for OUTBOUND and FORWARD lookups
 * the packet's source is local, for INBOUND its destination is. For ICMP and ICMPv6 the port
 * fields carry the message type (localPorts) and code (remotePorts), and these do not swap
 * with the direction: RFC 4301 4.4.1.2 applies "local" and "remote" to addresses and ports
 * only, not to the ICMP type/code selector (RFC 4301 4.4.1.1).
 */
struct IpsecSelector
{
    IpAddressRange local = IpAddressRange::Any(false);  //!< local addresses
    IpAddressRange remote = IpAddressRange::Any(false); //!< remote addresses
    uint8_t protocol = 0;                               //!< next layer protocol, 0 = ANY
    PortRange localPorts;                               //!< local ports, or ICMP type
    PortRange remotePorts;                              //!< remote ports, or ICMP code

    /**
     * \brief A packet's fields seen from the node: which address and port are local.
     */
    struct Oriented
    {
        const IpAddress* local;  //!< the packet's local address
        const IpAddress* remote; //!< the packet's remote address
        uint16_t localPort;      //!< the local port, or the ICMP type
        uint16_t remotePort;     //!< the remote port, or the ICMP code
    };

    /**
     * \brief Says which of a packet's addresses and ports are local for a lookup direction.
     * \param tuple the packet (must outlive the result)
     * \param direction INBOUND makes the destination local; OUTBOUND and FORWARD the source
     * \return the oriented view
     */
    static Oriented Orient(const PacketTuple& tuple, PolicyDirection direction);

    /**
     * \brief Whether an IP protocol number carries ICMP type/code in the port selectors.
     * \param protocol an IP protocol number
     * \return true for ICMP (1) and ICMPv6 (58)
     */
    static bool IsIcmp(uint8_t protocol);

    /**
     * \brief Every packet of a family.
     * \param ipv6 the family
     * \return a selector with ANY addresses, protocol and ports
     */
    static IpsecSelector Any(bool ipv6);

    /**
     * \brief All traffic between two address ranges (any protocol and port).
     * \param local local addresses
     * \param remote remote addresses
     * \return the selector
     */
    static IpsecSelector Between(const IpAddressRange& local, const IpAddressRange& remote);

    /**
     * \brief Whether a packet matches every selector field (RFC 4301 4.4.1.1).
     * \param tuple the packet
     * \param direction the lookup direction (see Orient())
     * \return true on a match
     */
    bool Matches(const PacketTuple& tuple, PolicyDirection direction) const;

    /**
     * \brief Checks the selector is well formed: one address family, first <= last everywhere.
     * \param[out] error why it is not (may be nullptr)
     * \return true when valid
     */
    bool IsValid(std::string* error = nullptr) const;

    /// \return true for an IPv6 selector
    bool IsIpv6() const;

    /**
     * \param other the other selector
     * \return true when every field is equal
     */
    bool operator==(const IpsecSelector& other) const;
};

/**
 * \brief Prints "local[ports] -> remote[ports] proto N".
 * \param os the stream
 * \param selector the selector
 * \return the stream
 */
std::ostream& operator<<(std::ostream& os, const IpsecSelector& selector);

} // namespace ns3

#endif // IPSEC_TRAFFIC_SELECTOR_H
