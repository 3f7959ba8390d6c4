/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_IP_ADDRESS_RANGE_H
#define IPSEC_IP_ADDRESS_RANGE_H

#include "ip-address.h"

#include <ostream>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief An inclusive range of addresses of one family, as RFC 4301 4.4.1.1 writes selectors.
 *
 * A prefix (10.0.0.0/8), a single host and ANY are special cases of a range.
 */
struct IpAddressRange
{
    IpAddress first; //!< lowest address in the range
    IpAddress last;  //!< highest address in the range (same family as \c first)

    /**
     * \brief Every address of a family.
     * \param ipv6 the family
     * \return 0.0.0.0-255.255.255.255 or ::-ffff:...:ffff
     */
    static IpAddressRange Any(bool ipv6);

    /**
     * \brief The addresses that share the first \p length bits with \p address.
     * \param address any address in the prefix (host bits are ignored)
     * \param length prefix length, clamped to the family's bit length
     * \return the range
     */
    static IpAddressRange Prefix(IpAddress address, uint8_t length);

    /**
     * \brief A single address.
     * \param address the address
     * \return the range [address, address]
     */
    static IpAddressRange Host(IpAddress address);

    /**
     * \param address an address
     * \return true when \p address has the range's family and lies between first and last
     */
    bool Contains(const IpAddress& address) const;

    /**
     * \brief Whether the range is exactly one prefix, and which.
     * \param[out] length the prefix length when the result is true (may be nullptr)
     * \return true when first is a network address and last its broadcast for one length
     */
    bool IsPrefix(uint8_t* length) const;

    /// \return true for an IPv6 range
    bool IsIpv6() const;

    /**
     * \param other the other range
     * \return true when both bounds are equal
     */
    bool operator==(const IpAddressRange& other) const;
};

/**
 * \brief Prints "first-last", or "addr/len" for a prefix.
 * \param os the stream
 * \param range the range
 * \return the stream
 */
std::ostream& operator<<(std::ostream& os, const IpAddressRange& range);

} // namespace ns3

#endif // IPSEC_IP_ADDRESS_RANGE_H
