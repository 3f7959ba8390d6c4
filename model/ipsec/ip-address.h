/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_IP_ADDRESS_H
#define IPSEC_IP_ADDRESS_H

#include "ns3/ipv4-address.h"
#include "ns3/ipv6-address.h"

#include <cstddef>
#include <cstdint>
#include <ostream>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief An IPv4 or IPv6 address in one value type.
 *
 * Selectors, SAs and SPD lookups must hold either family (RFC 4301 4.4.1.1); ns-3's Address is
 * too general (any link-layer type) and too slow to compare, so the data plane uses this small
 * value: 16 octets in network order (an IPv4 address in the first 4, the rest zero) and a flag.
 */
class IpAddress
{
  public:
    /// \brief The IPv4 address 0.0.0.0.
    IpAddress();

    /**
     * \brief An IPv4 address.
     * \param address the address
     */
    IpAddress(Ipv4Address address);

    /**
     * \brief An IPv6 address.
     * \param address the address
     */
    IpAddress(Ipv6Address address);

    /**
     * \brief Builds an address from its octets in network order.
     * \param bytes 4 octets when \p ipv6 is false, 16 otherwise
     * \param ipv6 the family
     * \return the address
     */
    static IpAddress FromBytes(const uint8_t* bytes, bool ipv6);

    /// \return true for an IPv4 address
    bool IsIpv4() const;
    /// \return true for an IPv6 address
    bool IsIpv6() const;
    /// \return the IPv4 address (0.0.0.0 if this is IPv6)
    Ipv4Address GetIpv4() const;
    /// \return the IPv6 address (:: if this is IPv4)
    Ipv6Address GetIpv6() const;
    /// \return 16 octets in network order, an IPv4 address in the first 4 and zeros after
    const uint8_t* GetBytes() const;
    /// \return the number of address bits: 32 or 128
    uint8_t GetBitLength() const;

    /**
     * \brief The address with all bits after the first \p prefixLength set to zero.
     * \param prefixLength number of leading bits kept (clamped to GetBitLength())
     * \return the masked address, same family
     */
    IpAddress Masked(uint8_t prefixLength) const;

    /**
     * \brief The address with all bits after the first \p prefixLength set to one.
     * \param prefixLength number of leading bits kept (clamped to GetBitLength())
     * \return the last address of the prefix, same family
     */
    IpAddress WithHostBitsSet(uint8_t prefixLength) const;

    /**
     * \brief Compares the numeric values of two addresses of the same family.
     * \param other the other address
     * \return negative, zero or positive as this is below, equal to or above \p other;
     *         an IPv4 address is below every IPv6 address
     */
    int Compare(const IpAddress& other) const;

    /// \return a hash of family and octets, for unordered containers
    size_t Hash() const;

    /**
     * \param other the other address
     * \return true when family and octets are equal
     */
    bool operator==(const IpAddress& other) const;
    /**
     * \param other the other address
     * \return true when family or octets differ
     */
    bool operator!=(const IpAddress& other) const;
    /**
     * \param other the other address
     * \return true when this orders before \p other (IPv4 before IPv6, then numerically)
     */
    bool operator<(const IpAddress& other) const;

    /// \brief Hash functor for std::unordered_map and friends.
    struct Hasher
    {
        /**
         * \param address the address
         * \return its hash
         */
        size_t operator()(const IpAddress& address) const
        {
            return address.Hash();
        }
    };

  private:
    uint8_t m_bytes[16]; //!< octets in network order, zero after an IPv4 address's fourth
    bool m_ipv6;         //!< family
};

/**
 * \brief Prints the address in its family's usual notation.
 * \param os the stream
 * \param address the address
 * \return the stream
 */
std::ostream& operator<<(std::ostream& os, const IpAddress& address);

} // namespace ns3

#endif // IPSEC_IP_ADDRESS_H
