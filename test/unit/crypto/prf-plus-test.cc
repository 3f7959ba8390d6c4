/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * prf+ (RFC 7296 2.13) against a composition written out from the RFC with OpenSSL's one-shot
 * HMAC, and its edge cases: empty output, exact block multiples, the 255-block limit.
 */

#include "kdf-test-util.h"

#include "ns3/prf-plus.h"
#include "ns3/prf.h"

#include <gtest/gtest.h>

namespace ns3
{
namespace
{

using kdftest::Hex;
using kdftest::Prefix;
using kdftest::RefHmac;
using kdftest::RefPrfPlusHmac;
using kdftest::ToHex;

const Bytes kKey = Hex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");
const Bytes kSeed = Hex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

TEST(PrfPlus, FirstBlocksAreWrittenOutFromTheRfc)
{
    // T1 = prf(K, S | 0x01), T2 = prf(K, T1 | S | 0x02), T3 = prf(K, T2 | S | 0x03)
    const uint8_t one = 1;
    const uint8_t two = 2;
    const uint8_t three = 3;
    const Bytes t1 = RefHmac("SHA256", kKey, {kSeed, ByteView(&one, 1)});
    const Bytes t2 = RefHmac("SHA256", kKey, {t1, kSeed, ByteView(&two, 1)});
    const Bytes t3 = RefHmac("SHA256", kKey, {t2, kSeed, ByteView(&three, 1)});
    Bytes expected = kdftest::Cat({t1, t2, t3});
    expected.resize(70);

    Bytes out;
    ASSERT_EQ(PrfPlus::Compute(PrfId::HMAC_SHA2_256, kKey, {kSeed}, 70, &out), CryptoStatus::OK);
    EXPECT_EQ(ToHex(out), ToHex(expected));
}

TEST(PrfPlus, SeedPartsAreConcatenated)
{
    const Bytes a(kSeed.begin(), kSeed.begin() + 5);
    const Bytes b(kSeed.begin() + 5, kSeed.end());
    Bytes whole;
    Bytes split;
    ASSERT_EQ(PrfPlus::Compute(PrfId::HMAC_SHA1, kKey, {kSeed}, 50, &whole), CryptoStatus::OK);
    ASSERT_EQ(PrfPlus::Compute(PrfId::HMAC_SHA1, kKey, {a, b}, 50, &split), CryptoStatus::OK);
    EXPECT_EQ(whole, split);
    EXPECT_EQ(ToHex(whole), ToHex(RefPrfPlusHmac("SHA1", kKey, kSeed, 50)));
}

TEST(PrfPlus, EveryHmacPrfMatchesTheReference)
{
    const struct
    {
        PrfId id;
        const char* digest;
    } cases[] = {
        {PrfId::HMAC_MD5, "MD5"},
        {PrfId::HMAC_SHA1, "SHA1"},
        {PrfId::HMAC_SHA2_256, "SHA256"},
        {PrfId::HMAC_SHA2_384, "SHA384"},
        {PrfId::HMAC_SHA2_512, "SHA512"},
    };

    for (const auto& c : cases)
    {
        Bytes out;
        ASSERT_EQ(PrfPlus::Compute(c.id, kKey, {kSeed}, 200, &out), CryptoStatus::OK) << c.digest;
        EXPECT_EQ(ToHex(out), ToHex(RefPrfPlusHmac(c.digest, kKey, kSeed, 200))) << c.digest;
    }
}

TEST(PrfPlus, ZeroLengthGivesAnEmptyResult)
{
    Bytes out = Hex("aabb");
    ASSERT_EQ(PrfPlus::Compute(PrfId::HMAC_SHA2_256, kKey, {kSeed}, 0, &out), CryptoStatus::OK);
    EXPECT_TRUE(out.empty());
}

TEST(PrfPlus, ExactBlockMultipleAndPrefixProperty)
{
    Bytes two;
    Bytes partial;
    ASSERT_EQ(PrfPlus::Compute(PrfId::HMAC_SHA2_256, kKey, {kSeed}, 64, &two), CryptoStatus::OK);
    ASSERT_EQ(PrfPlus::Compute(PrfId::HMAC_SHA2_256, kKey, {kSeed}, 33, &partial),
              CryptoStatus::OK);
    EXPECT_EQ(two.size(), 64u);
    EXPECT_EQ(ToHex(two), ToHex(RefPrfPlusHmac("SHA256", kKey, kSeed, 64)));
    EXPECT_EQ(partial, Prefix(two, 33));
}

TEST(PrfPlus, TwoHundredFiftyFiveBlocksIsTheLimit)
{
    const size_t max = 255 * 20;
    EXPECT_EQ(PrfPlus::GetMaxLength(PrfId::HMAC_SHA1), max);
    Bytes out;
    ASSERT_EQ(PrfPlus::Compute(PrfId::HMAC_SHA1, kKey, {kSeed}, max, &out), CryptoStatus::OK);
    ASSERT_EQ(out.size(), max);
    // The last block is made with counter 0xff.
    EXPECT_EQ(ToHex(out), ToHex(RefPrfPlusHmac("SHA1", kKey, kSeed, max)));

    Bytes untouched = Hex("01");
    EXPECT_EQ(PrfPlus::Compute(PrfId::HMAC_SHA1, kKey, {kSeed}, max + 1, &untouched),
              CryptoStatus::BAD_INPUT_LENGTH);
    EXPECT_EQ(untouched, Hex("01"));

    std::unique_ptr<Prf> prf = Prf::Create(PrfId::HMAC_SHA2_512, kKey);
    ASSERT_TRUE(prf);
    EXPECT_EQ(PrfPlus::Compute(*prf, {kSeed}, 255 * 64 + 1, &untouched),
              CryptoStatus::BAD_INPUT_LENGTH);
}

TEST(PrfPlus, KeyedPrfOverloadMatchesTheOneShot)
{
    std::unique_ptr<Prf> prf = Prf::Create(PrfId::HMAC_SHA2_384, kKey);
    ASSERT_TRUE(prf);
    Bytes a;
    Bytes b;
    ASSERT_EQ(PrfPlus::Compute(*prf, {kSeed}, 100, &a), CryptoStatus::OK);
    ASSERT_EQ(PrfPlus::Compute(PrfId::HMAC_SHA2_384, kKey, {kSeed}, 100, &b), CryptoStatus::OK);
    EXPECT_EQ(a, b);
    // The PRF object is reusable: a second run gives the same stream.
    ASSERT_EQ(PrfPlus::Compute(*prf, {kSeed}, 100, &b), CryptoStatus::OK);
    EXPECT_EQ(a, b);
}

TEST(PrfPlus, AesCmacPrfMatchesTheReference)
{
    // AES-CMAC-PRF-128 with a 16-octet key is plain AES-CMAC (RFC 4615 3).
    const Bytes key(kKey.begin(), kKey.begin() + 16);
    const uint8_t one = 1;
    const uint8_t two = 2;
    const Bytes t1 = kdftest::RefAesCmac(key, kdftest::Cat({kSeed, ByteView(&one, 1)}));
    const Bytes t2 = kdftest::RefAesCmac(key, kdftest::Cat({t1, kSeed, ByteView(&two, 1)}));
    Bytes out;
    ASSERT_EQ(PrfPlus::Compute(PrfId::AES128_CMAC, key, {kSeed}, 20, &out), CryptoStatus::OK);
    EXPECT_EQ(ToHex(out), ToHex(Prefix(kdftest::Cat({t1, t2}), 20)));
}

TEST(PrfPlus, UnknownPrfIsUnsupported)
{
    Bytes out;
    EXPECT_EQ(PrfPlus::Compute(static_cast<PrfId>(99), kKey, {kSeed}, 16, &out),
              CryptoStatus::UNSUPPORTED);
    EXPECT_EQ(PrfPlus::GetMaxLength(static_cast<PrfId>(99)), 0u);
}

} // namespace
} // namespace ns3
