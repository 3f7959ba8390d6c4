/* SPDX-License-Identifier: GPL-2.0-only */

#include "ip-address.h"

#include "network-byte-order.h"

#include "ns3/log.h"

#include <algorithm>
#include <cstring>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpAddress");

IpAddress::IpAddress()
    : m_bytes{},
      m_ipv6(false)
{
}

IpAddress::IpAddress(Ipv4Address address)
    : m_bytes{},
      m_ipv6(false)
{
    address.Serialize(m_bytes);
}

IpAddress::IpAddress(Ipv6Address address)
    : m_bytes{},
      m_ipv6(true)
{
    address.Serialize(m_bytes);
}

IpAddress
IpAddress::FromBytes(const uint8_t* bytes, bool ipv6)
{
    IpAddress a;
    a.m_ipv6 = ipv6;
    std::memcpy(a.m_bytes, bytes, ipv6 ? 16 : 4);
    return a;
}

bool
IpAddress::IsIpv4() const
{
    return !m_ipv6;
}

bool
IpAddress::IsIpv6() const
{
    return m_ipv6;
}

Ipv4Address
IpAddress::GetIpv4() const
{
    // One constructor call (Ipv4Address::Deserialize makes two, each with its log check).
    return m_ipv6 ? Ipv4Address::GetAny() : Ipv4Address(GetBigEndian32(m_bytes));
}

Ipv6Address
IpAddress::GetIpv6() const
{
    return m_ipv6 ? Ipv6Address::Deserialize(m_bytes) : Ipv6Address::GetAny();
}

const uint8_t*
IpAddress::GetBytes() const
{
    return m_bytes;
}

uint8_t
IpAddress::GetBitLength() const
{
    return m_ipv6 ? 128 : 32;
}

IpAddress
IpAddress::Masked(uint8_t prefixLength) const
{
    IpAddress a = *this;
    const unsigned bits = std::min<unsigned>(prefixLength, GetBitLength());
    for (unsigned i = 0; i < GetBitLength() / 8U; ++i)
    {
        const unsigned kept = bits > 8 * i ? std::min(bits - 8 * i, 8U) : 0U;
        a.m_bytes[i] &= static_cast<uint8_t>(0xff00U >> kept);
    }
    return a;
}

IpAddress
IpAddress::WithHostBitsSet(uint8_t prefixLength) const
{
    IpAddress a = *this;
    const unsigned bits = std::min<unsigned>(prefixLength, GetBitLength());
    for (unsigned i = 0; i < GetBitLength() / 8U; ++i)
    {
        const unsigned kept = bits > 8 * i ? std::min(bits - 8 * i, 8U) : 0U;
        a.m_bytes[i] |= static_cast<uint8_t>(0xffU >> kept);
    }
    return a;
}

int
IpAddress::Compare(const IpAddress& other) const
{
    if (m_ipv6 != other.m_ipv6)
    {
        return m_ipv6 ? 1 : -1;
    }
    return std::memcmp(m_bytes, other.m_bytes, 16);
}

size_t
IpAddress::Hash() const
{
    // Two 64-bit words mixed with splitmix64's finaliser: cheap and spreads prefixes well.
    uint64_t w[2];
    std::memcpy(w, m_bytes, 16);
    uint64_t h = w[0] ^ (w[1] * 0x9e3779b97f4a7c15ULL) ^ (m_ipv6 ? 0x5851f42d4c957f2dULL : 0);
    h ^= h >> 30;
    h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 27;
    h *= 0x94d049bb133111ebULL;
    h ^= h >> 31;
    return static_cast<size_t>(h);
}

bool
IpAddress::operator==(const IpAddress& other) const
{
    return m_ipv6 == other.m_ipv6 && std::memcmp(m_bytes, other.m_bytes, 16) == 0;
}

bool
IpAddress::operator!=(const IpAddress& other) const
{
    return !(*this == other);
}

bool
IpAddress::operator<(const IpAddress& other) const
{
    return Compare(other) < 0;
}

std::ostream&
operator<<(std::ostream& os, const IpAddress& address)
{
    if (address.IsIpv6())
    {
        os << address.GetIpv6();
    }
    else
    {
        os << address.GetIpv4();
    }
    return os;
}

} // namespace ns3
