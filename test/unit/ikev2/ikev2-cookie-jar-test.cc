/* SPDX-License-Identifier: GPL-2.0-only */

// RFC 7296 2.6 cookies and the 2.23 NAT detection hash, against digests computed here with
// OpenSSL's EVP directly (an independent path from the module's crypto layer).

#include "ns3/ikev2-cookie-jar.h"
#include "ns3/ikev2-ike-init-task.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>

namespace ns3
{
namespace
{

Bytes
Digest(const char* name, const Bytes& input)
{
    Bytes out(EVP_MAX_MD_SIZE);
    unsigned int size = 0;
    EXPECT_EQ(EVP_Digest(input.data(),
                         input.size(),
                         out.data(),
                         &size,
                         EVP_get_digestbyname(name),
                         nullptr),
              1);
    out.resize(size);
    return out;
}

const Bytes NI(32, 0x5a);
const uint64_t SPI_I = 0x0123456789abcdefULL;

TEST(Ikev2CookieJarTest, LayoutIsVersionThenSha256OfNiIpSpiSecret)
{
    Ikev2CookieJar jar;
    const Bytes secret(32, 0x11);
    jar.Rotate(secret);
    const Bytes cookie = jar.Make(NI, Ipv4Address("10.0.0.1"), SPI_I);
    ASSERT_EQ(cookie.size(), Ikev2CookieJar::SIZE);
    EXPECT_EQ(Bytes(cookie.begin(), cookie.begin() + 4), (Bytes{0, 0, 0, 1}));
    Bytes input = NI;
    input.insert(input.end(), {10, 0, 0, 1});
    input.insert(input.end(), {0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef});
    input.insert(input.end(), secret.begin(), secret.end());
    EXPECT_EQ(Bytes(cookie.begin() + 4, cookie.end()), Digest("SHA256", input));
}

TEST(Ikev2CookieJarTest, ChecksBindTheCookieToTheRequest)
{
    Ikev2CookieJar jar;
    EXPECT_FALSE(jar.Check(Bytes(36, 0), NI, Ipv4Address("10.0.0.1"), SPI_I)); // no secret
    jar.Rotate(Bytes(32, 0x22));
    const Bytes cookie = jar.Make(NI, Ipv4Address("10.0.0.1"), SPI_I);
    EXPECT_TRUE(jar.Check(cookie, NI, Ipv4Address("10.0.0.1"), SPI_I));
    EXPECT_FALSE(jar.Check(cookie, Bytes(32, 0x5b), Ipv4Address("10.0.0.1"), SPI_I));
    EXPECT_FALSE(jar.Check(cookie, NI, Ipv4Address("10.0.0.2"), SPI_I));
    EXPECT_FALSE(jar.Check(cookie, NI, Ipv4Address("10.0.0.1"), SPI_I + 1));
    ASSERT_EQ(cookie.size(), Ikev2CookieJar::SIZE);
    Bytes tampered = cookie;
    tampered.at(Ikev2CookieJar::SIZE - 1) ^= 1;
    EXPECT_FALSE(jar.Check(tampered, NI, Ipv4Address("10.0.0.1"), SPI_I));
    EXPECT_FALSE(
        jar.Check(Bytes(cookie.begin(), cookie.end() - 1), NI, Ipv4Address("10.0.0.1"), SPI_I));
}

TEST(Ikev2CookieJarTest, ACookieSurvivesOneSecretRotationOnly)
{
    Ikev2CookieJar jar;
    jar.Rotate(Bytes(32, 0x33));
    const Bytes cookie = jar.Make(NI, Ipv6Address("2001:db8::1"), SPI_I);
    jar.Rotate(Bytes(32, 0x44));
    EXPECT_TRUE(jar.Check(cookie, NI, Ipv6Address("2001:db8::1"), SPI_I));
    jar.Rotate(Bytes(32, 0x55));
    EXPECT_FALSE(jar.Check(cookie, NI, Ipv6Address("2001:db8::1"), SPI_I));
}

TEST(Ikev2NatDetectionTest, HashIsSha1OfSpisAddressAndPort)
{
    // RFC 7296 2.23: SHA-1(SPIi | SPIr | IP address | port)
    const Bytes hash =
        Ikev2IkeInitTask::NatHash(SPI_I, 0xfedcba9876543210ULL, Ipv4Address("192.0.2.7"), 4500);
    const Bytes input{0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef, 0xfe, 0xdc, 0xba,
                      0x98, 0x76, 0x54, 0x32, 0x10, 192,  0,    2,    7,    0x11, 0x94};
    EXPECT_EQ(hash, Digest("SHA1", input));
    EXPECT_EQ(hash.size(), 20u);
}

} // namespace
} // namespace ns3
