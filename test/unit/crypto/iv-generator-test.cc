/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * IvGenerator: IV i = AES-128-ECB(key, counter + i), key and counter being the first 32 octets of
 * the random source; checked against raw OpenSSL, for determinism and for distinct IVs.
 */

#include "simulation-test.h"

#include "ns3/iv-generator.h"
#include "ns3/random-source.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <set>

namespace ns3
{
namespace
{

class IvGeneratorTest : public SimulationTest
{
  protected:
    static Ptr<RandomSource> Source(int64_t stream)
    {
        auto rng = CreateObject<RandomSource>();
        rng->AssignStreams(stream);
        return rng;
    }
};

TEST_F(IvGeneratorTest, MatchesAesOfACounter)
{
    auto rng = Source(4);
    auto gen = IvGenerator::Create(*rng);
    ASSERT_TRUE(gen);
    const Bytes seed = Source(4)->Generate(32); // the same octets the generator drew
    uint8_t counter[16];
    std::copy(seed.begin() + 16, seed.end(), counter);
    EVP_CIPHER* ecb = EVP_CIPHER_fetch(nullptr, "AES-128-ECB", nullptr);
    EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
    ASSERT_EQ(EVP_EncryptInit_ex2(ctx, ecb, seed.data(), nullptr, nullptr), 1);
    EVP_CIPHER_CTX_set_padding(ctx, 0);
    for (int i = 0; i < 5; ++i)
    {
        uint8_t expected[16];
        int len = 0;
        ASSERT_EQ(EVP_EncryptUpdate(ctx, expected, &len, counter, 16), 1);
        for (int k = 15; k >= 0 && ++counter[k] == 0; --k)
        {
        }
        uint8_t iv[16];
        gen->Next(iv, 16);
        EXPECT_TRUE(std::equal(iv, iv + 16, expected)) << i;
    }
    // An 8-octet IV (3DES) is the first half of the next block.
    uint8_t expected[16];
    int len = 0;
    ASSERT_EQ(EVP_EncryptUpdate(ctx, expected, &len, counter, 16), 1);
    uint8_t iv8[8];
    gen->Next(iv8, 8);
    EXPECT_TRUE(std::equal(iv8, iv8 + 8, expected));
    EVP_CIPHER_CTX_free(ctx);
    EVP_CIPHER_free(ecb);
}

TEST_F(IvGeneratorTest, DeterministicPerStreamAndDistinct)
{
    auto ivs = [](Ptr<RandomSource> rng) {
        auto gen = IvGenerator::Create(*rng);
        EXPECT_TRUE(gen);
        std::vector<Bytes> out;
        for (int i = 0; i < 1000; ++i)
        {
            Bytes iv(16);
            gen->Next(iv.data(), iv.size());
            out.push_back(iv);
        }
        return out;
    };
    const auto a = ivs(Source(1));
    EXPECT_EQ(a, ivs(Source(1)));
    EXPECT_NE(a, ivs(Source(2)));
    EXPECT_EQ(std::set<Bytes>(a.begin(), a.end()).size(), a.size());
}

} // namespace
} // namespace ns3
