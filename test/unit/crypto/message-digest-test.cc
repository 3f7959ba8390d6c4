/* SPDX-License-Identifier: GPL-2.0-only */

// SHA-1 and SHA-256 against the FIPS 180-2 appendix examples.

#include "ns3/message-digest.h"

#include <gtest/gtest.h>
#include <string>

namespace ns3
{
namespace
{

Bytes
Octets(const std::string& text)
{
    return Bytes(text.begin(), text.end());
}

Bytes
FromHex(const std::string& hex)
{
    Bytes out;
    for (size_t i = 0; i + 1 < hex.size(); i += 2)
    {
        out.push_back(static_cast<uint8_t>(std::stoul(hex.substr(i, 2), nullptr, 16)));
    }
    return out;
}

TEST(MessageDigestTest, Sha1MatchesFips180Examples)
{
    EXPECT_EQ(MessageDigest::Sha1({Octets("abc")}),
              FromHex("a9993e364706816aba3e25717850c26c9cd0d89d"));
    EXPECT_EQ(
        MessageDigest::Sha1({Octets("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")}),
        FromHex("84983e441c3bd26ebaae4aa1f95129e5e54670f1"));
}

TEST(MessageDigestTest, Sha256MatchesFips180Examples)
{
    EXPECT_EQ(MessageDigest::Sha256({Octets("abc")}),
              FromHex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
}

TEST(MessageDigestTest, PartsAreConcatenated)
{
    const Bytes a = Octets("abcdbcdecdefdefg");
    const Bytes b = Octets("efghfghighijhijkijkljklmklmnlmnomnopnopq");
    EXPECT_EQ(MessageDigest::Sha1({a, ByteView(), b}),
              FromHex("84983e441c3bd26ebaae4aa1f95129e5e54670f1"));
}

} // namespace
} // namespace ns3
