/* SPDX-License-Identifier: GPL-2.0-only */

// The data plane's value types: IpAddress, IpAddressRange, PortRange and the enum names.

#include "ns3/ipsec-types.h"

#include <cstring>
#include <gtest/gtest.h>
#include <set>
#include <sstream>
#include <string>

namespace ns3
{
namespace
{

TEST(IpAddressTest, Ipv4RoundTripAndLayout)
{
    const IpAddress a(Ipv4Address("192.0.2.33"));
    EXPECT_TRUE(a.IsIpv4());
    EXPECT_FALSE(a.IsIpv6());
    EXPECT_EQ(a.GetIpv4(), Ipv4Address("192.0.2.33"));
    EXPECT_EQ(a.GetBitLength(), 32);
    const uint8_t expected[16] = {192, 0, 2, 33};
    EXPECT_EQ(std::memcmp(a.GetBytes(), expected, 16), 0);
    std::ostringstream os;
    os << a;
    EXPECT_EQ(os.str(), "192.0.2.33");
}

TEST(IpAddressTest, Ipv6RoundTripAndLayout)
{
    const IpAddress a(Ipv6Address("2001:db8::1:2"));
    EXPECT_TRUE(a.IsIpv6());
    EXPECT_EQ(a.GetIpv6(), Ipv6Address("2001:db8::1:2"));
    EXPECT_EQ(a.GetBitLength(), 128);
    const uint8_t expected[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 2};
    EXPECT_EQ(std::memcmp(a.GetBytes(), expected, 16), 0);
    EXPECT_EQ(IpAddress::FromBytes(expected, true), a);
}

TEST(IpAddressTest, FamiliesNeverEqual)
{
    // 0.0.0.0 and :: have the same 16 octets; the family must still tell them apart.
    const IpAddress v4(Ipv4Address("0.0.0.0"));
    const IpAddress v6(Ipv6Address("::"));
    EXPECT_NE(v4, v6);
    EXPECT_TRUE(v4 < v6);
    EXPECT_FALSE(v6 < v4);
    EXPECT_NE(v4.Hash(), v6.Hash());
}

TEST(IpAddressTest, OrderIsNumeric)
{
    EXPECT_TRUE(IpAddress(Ipv4Address("10.0.0.9")) < IpAddress(Ipv4Address("10.0.0.10")));
    EXPECT_TRUE(IpAddress(Ipv4Address("9.255.255.255")) < IpAddress(Ipv4Address("10.0.0.0")));
    EXPECT_TRUE(IpAddress(Ipv6Address("2001:db8::ff")) < IpAddress(Ipv6Address("2001:db8::100")));
    EXPECT_EQ(IpAddress(Ipv4Address("10.1.2.3")).Compare(IpAddress(Ipv4Address("10.1.2.3"))), 0);
}

TEST(IpAddressTest, HashIsConsistentWithEquality)
{
    std::set<size_t> hashes;
    for (uint32_t i = 0; i < 1000; ++i)
    {
        const IpAddress a(Ipv4Address(0x0a000000U + i));
        EXPECT_EQ(a.Hash(), IpAddress(Ipv4Address(0x0a000000U + i)).Hash());
        hashes.insert(a.Hash());
    }
    EXPECT_EQ(hashes.size(), 1000U); // no collisions among consecutive addresses
}

TEST(IpAddressTest, MaskedAndHostBits)
{
    const IpAddress a(Ipv4Address("10.1.130.77"));
    EXPECT_EQ(a.Masked(17), IpAddress(Ipv4Address("10.1.128.0")));
    EXPECT_EQ(a.WithHostBitsSet(17), IpAddress(Ipv4Address("10.1.255.255")));
    EXPECT_EQ(a.Masked(0), IpAddress(Ipv4Address("0.0.0.0")));
    EXPECT_EQ(a.Masked(32), a);
    EXPECT_EQ(a.Masked(200), a); // clamped
    const IpAddress b(Ipv6Address("2001:db8:abcd:1234::9"));
    EXPECT_EQ(b.Masked(36), IpAddress(Ipv6Address("2001:db8:a000::")));
    EXPECT_EQ(b.WithHostBitsSet(120), IpAddress(Ipv6Address("2001:db8:abcd:1234::ff")));
}

TEST(IpAddressRangeTest, PrefixHostAny)
{
    const auto p = IpAddressRange::Prefix(IpAddress(Ipv4Address("192.168.7.200")), 22);
    EXPECT_EQ(p.first, IpAddress(Ipv4Address("192.168.4.0")));
    EXPECT_EQ(p.last, IpAddress(Ipv4Address("192.168.7.255")));
    EXPECT_TRUE(p.Contains(IpAddress(Ipv4Address("192.168.4.0"))));
    EXPECT_TRUE(p.Contains(IpAddress(Ipv4Address("192.168.7.255"))));
    EXPECT_FALSE(p.Contains(IpAddress(Ipv4Address("192.168.8.0"))));
    EXPECT_FALSE(p.Contains(IpAddress(Ipv4Address("192.168.3.255"))));
    EXPECT_FALSE(p.Contains(IpAddress(Ipv6Address("::"))));
    uint8_t len = 0;
    EXPECT_TRUE(p.IsPrefix(&len));
    EXPECT_EQ(len, 22);

    const auto host = IpAddressRange::Host(IpAddress(Ipv6Address("2001:db8::5")));
    EXPECT_TRUE(host.IsPrefix(&len));
    EXPECT_EQ(len, 128);
    EXPECT_TRUE(host.Contains(IpAddress(Ipv6Address("2001:db8::5"))));
    EXPECT_FALSE(host.Contains(IpAddress(Ipv6Address("2001:db8::6"))));

    const auto any4 = IpAddressRange::Any(false);
    EXPECT_TRUE(any4.IsPrefix(&len));
    EXPECT_EQ(len, 0);
    EXPECT_TRUE(any4.Contains(IpAddress(Ipv4Address("255.255.255.255"))));
    EXPECT_FALSE(any4.Contains(IpAddress(Ipv6Address("::1"))));
    const auto any6 = IpAddressRange::Any(true);
    EXPECT_TRUE(any6.Contains(IpAddress(Ipv6Address("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"))));
    EXPECT_FALSE(any6.Contains(IpAddress(Ipv4Address("1.2.3.4"))));
}

TEST(IpAddressRangeTest, ArbitraryRangeIsNotPrefix)
{
    const IpAddressRange r{IpAddress(Ipv4Address("10.0.0.5")), IpAddress(Ipv4Address("10.0.0.20"))};
    uint8_t len = 99;
    EXPECT_FALSE(r.IsPrefix(&len));
    EXPECT_EQ(len, 99); // untouched
    EXPECT_TRUE(r.Contains(IpAddress(Ipv4Address("10.0.0.5"))));
    EXPECT_TRUE(r.Contains(IpAddress(Ipv4Address("10.0.0.20"))));
    EXPECT_FALSE(r.Contains(IpAddress(Ipv4Address("10.0.0.4"))));
    EXPECT_FALSE(r.Contains(IpAddress(Ipv4Address("10.0.0.21"))));
    // Aligned on the left but not a power of two wide.
    const IpAddressRange s{IpAddress(Ipv4Address("10.0.0.0")), IpAddress(Ipv4Address("10.0.0.2"))};
    EXPECT_FALSE(s.IsPrefix(nullptr));
    std::ostringstream os;
    os << r << " " << IpAddressRange::Prefix(IpAddress(Ipv4Address("10.0.0.0")), 8);
    EXPECT_EQ(os.str(), "10.0.0.5-10.0.0.20 10.0.0.0/8");
}

TEST(PortRangeTest, ContainsAndAny)
{
    PortRange any;
    EXPECT_TRUE(any.IsAny());
    EXPECT_TRUE(any.Contains(0));
    EXPECT_TRUE(any.Contains(65535));
    const PortRange r{1000, 2000};
    EXPECT_FALSE(r.IsAny());
    EXPECT_TRUE(r.Contains(1000));
    EXPECT_TRUE(r.Contains(2000));
    EXPECT_FALSE(r.Contains(999));
    EXPECT_FALSE(r.Contains(2001));
    EXPECT_EQ(PortRange::Single(500), (PortRange{500, 500}));
}

TEST(IpsecTypesTest, EnumValuesAndNames)
{
    EXPECT_EQ(static_cast<int>(IpsecProtocol::ESP), 50);
    EXPECT_EQ(static_cast<int>(IpsecProtocol::AH), 51);
    std::set<std::string> names;
    for (int r = 0; r <= static_cast<int>(IpsecDropReason::CRYPTO_ERROR); ++r)
    {
        const std::string name = IpsecDropReasonName(static_cast<IpsecDropReason>(r));
        EXPECT_NE(name, "UNKNOWN") << r;
        names.insert(name);
    }
    EXPECT_EQ(names.size(), static_cast<size_t>(IpsecDropReason::CRYPTO_ERROR) + 1);
    EXPECT_STREQ(IpsecDropReasonName(IpsecDropReason::REPLAY_DUPLICATE), "REPLAY_DUPLICATE");
    EXPECT_STREQ(IpsecDropReasonName(static_cast<IpsecDropReason>(200)), "UNKNOWN");
    EXPECT_STREQ(PolicyDirectionName(PolicyDirection::FORWARD), "FORWARD");
    EXPECT_STREQ(PolicyActionName(PolicyAction::DISCARD), "DISCARD");
}

} // namespace
} // namespace ns3
