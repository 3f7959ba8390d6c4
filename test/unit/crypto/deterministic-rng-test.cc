/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The deterministic library context: its generator is exactly the AES-256-CTR keystream of
 * the seed (checked against plain OpenSSL), reseeding restarts it, and it never runs dry.
 */

#include "signature-test-util.h"

#include "ns3/deterministic-rng.h"
#include "ns3/simulator.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>

namespace ns3
{
namespace
{

using sigtest::Hex;
using sigtest::ToHex;

/// The reference: AES-256-CTR of zeros with key @p key and initial counter block @p iv.
Bytes
Keystream(const Bytes& key, uint8_t label, size_t n)
{
    uint8_t iv[16] = {label};
    Bytes out(n, 0);
    EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
    int len = 0;
    EXPECT_EQ(EVP_EncryptInit_ex(ctx, EVP_aes_256_ctr(), nullptr, key.data(), iv), 1);
    EXPECT_EQ(EVP_EncryptUpdate(ctx, out.data(), &len, out.data(), static_cast<int>(n)), 1);
    EVP_CIPHER_CTX_free(ctx);
    return out;
}

TEST(DeterministicRngTest, PrivateGeneratorIsTheSeedsKeystream)
{
    DeterministicRng& drng = DeterministicRng::Get();
    const Bytes seed = Hex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    ASSERT_EQ(drng.Reseed(seed), CryptoStatus::OK);
    const Bytes first = drng.Draw(48);
    const Bytes next = drng.Draw(100);
    Bytes both = first;
    both.insert(both.end(), next.begin(), next.end());
    EXPECT_EQ(ToHex(both), ToHex(Keystream(seed, 0, 148))) << "draws continue the keystream";

    // Reseeding with the same seed restarts it; another seed gives other octets.
    ASSERT_EQ(drng.Reseed(seed), CryptoStatus::OK);
    EXPECT_EQ(drng.Draw(48), first);
    Bytes other = seed;
    other[31] ^= 1;
    ASSERT_EQ(drng.Reseed(other), CryptoStatus::OK);
    EXPECT_NE(drng.Draw(48), first);

    EXPECT_EQ(drng.Reseed(Hex("0102")), CryptoStatus::BAD_KEY_LENGTH);
}

TEST(DeterministicRngTest, NeverRunsDry)
{
    DeterministicRng& drng = DeterministicRng::Get();
    ASSERT_EQ(drng.Reseed(Bytes(DeterministicRng::SEED_SIZE, 7)), CryptoStatus::OK);
    // More than any single OpenSSL operation draws, split by OpenSSL into several requests.
    const Bytes big = drng.Draw(300000);
    ASSERT_EQ(big.size(), 300000u);
    EXPECT_EQ(big, Keystream(Bytes(DeterministicRng::SEED_SIZE, 7), 0, 300000));
}

TEST(DeterministicRngTest, SeedComesFromTheRandomSource)
{
    RngSeedManager::SetSeed(5);
    RngSeedManager::SetRun(1);
    Ptr<RandomSource> a = sigtest::MakeRandomSource(4);
    ASSERT_EQ(DeterministicRng::Get().Reseed(*a), CryptoStatus::OK);
    const Bytes fromA = DeterministicRng::Get().Draw(32);
    Ptr<RandomSource> b = sigtest::MakeRandomSource(4);
    const Bytes seed = b->Generate(DeterministicRng::SEED_SIZE);
    EXPECT_EQ(fromA, Keystream(seed, 0, 32));
    Simulator::Destroy();
}

} // namespace
} // namespace ns3
