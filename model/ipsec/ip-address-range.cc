/* SPDX-License-Identifier: GPL-2.0-only */

#include "ip-address-range.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpAddressRange");

IpAddressRange
IpAddressRange::Any(bool ipv6)
{
    const IpAddress zero =
        ipv6 ? IpAddress(Ipv6Address::GetAny()) : IpAddress(Ipv4Address::GetAny());
    return {zero, zero.WithHostBitsSet(0)};
}

IpAddressRange
IpAddressRange::Prefix(IpAddress address, uint8_t length)
{
    return {address.Masked(length), address.WithHostBitsSet(length)};
}

IpAddressRange
IpAddressRange::Host(IpAddress address)
{
    return {address, address};
}

bool
IpAddressRange::Contains(const IpAddress& address) const
{
    return address.IsIpv6() == first.IsIpv6() && first.Compare(address) <= 0 &&
           address.Compare(last) <= 0;
}

bool
IpAddressRange::IsPrefix(uint8_t* length) const
{
    if (first.IsIpv6() != last.IsIpv6())
    {
        return false;
    }
    // The prefix length is the number of leading bits first and last share.
    const uint8_t* a = first.GetBytes();
    const uint8_t* b = last.GetBytes();
    uint8_t len = 0;
    while (len < first.GetBitLength())
    {
        const uint8_t mask = static_cast<uint8_t>(0x80U >> (len % 8));
        if ((a[len / 8] & mask) != (b[len / 8] & mask))
        {
            break;
        }
        ++len;
    }
    if (first.Masked(len) != first || first.WithHostBitsSet(len) != last)
    {
        return false;
    }
    if (length != nullptr)
    {
        *length = len;
    }
    return true;
}

bool
IpAddressRange::IsIpv6() const
{
    return first.IsIpv6();
}

bool
IpAddressRange::operator==(const IpAddressRange& other) const
{
    return first == other.first && last == other.last;
}

std::ostream&
operator<<(std::ostream& os, const IpAddressRange& range)
{
    uint8_t length = 0;
    if (range.IsPrefix(&length))
    {
        return os << range.first << "/" << unsigned(length);
    }
    return os << range.first << "-" << range.last;
}

} // namespace ns3
