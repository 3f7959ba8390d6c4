/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RandomSource: octets follow the ns-3 seed, run and stream; 32 bits per draw, little-endian.
 */

#include "simulation-test.h"

#include "ns3/random-source.h"
#include "ns3/rng-seed-manager.h"

#include <gtest/gtest.h>
#include <set>

namespace ns3
{
namespace
{

class RandomSourceTest : public SimulationTest
{
  protected:
    static Ptr<RandomSource> Make(int64_t stream)
    {
        auto rng = CreateObject<RandomSource>();
        EXPECT_EQ(rng->AssignStreams(stream), 1);
        return rng;
    }
};

TEST_F(RandomSourceTest, SameStreamSameOctets)
{
    EXPECT_EQ(Make(5)->Generate(1000), Make(5)->Generate(1000));
    EXPECT_NE(Make(5)->Generate(64), Make(6)->Generate(64));
}

TEST_F(RandomSourceTest, RunChangesOctets)
{
    const Bytes first = Make(5)->Generate(64);
    RngSeedManager::SetRun(2);
    EXPECT_NE(Make(5)->Generate(64), first);
    RngSeedManager::SetRun(1);
    EXPECT_EQ(Make(5)->Generate(64), first);
}

// Each draw gives 32 bits, written little-endian; a partial tail uses a whole draw.
TEST_F(RandomSourceTest, OctetsComeFromThirtyTwoBitDraws)
{
    auto words = Make(9);
    auto octets = Make(9);
    uint8_t buffer[11];
    octets->Fill(buffer, sizeof(buffer));
    for (size_t w = 0; w < 3; ++w)
    {
        const uint32_t v = words->GetUint32();
        for (size_t i = 0; i < 4 && 4 * w + i < sizeof(buffer); ++i)
        {
            EXPECT_EQ(buffer[4 * w + i], static_cast<uint8_t>(v >> (8 * i)));
        }
    }
    EXPECT_EQ(words->GetUint32(), octets->GetUint32());
}

TEST_F(RandomSourceTest, OctetsLookUniform)
{
    const Bytes b = Make(1)->Generate(4096);
    std::vector<int> counts(256, 0);
    for (uint8_t x : b)
    {
        ++counts[x];
    }
    // Each value is expected 16 times; all 256 appear and none dominates.
    for (int c : counts)
    {
        EXPECT_GT(c, 0);
        EXPECT_LT(c, 48);
    }
    std::set<uint32_t> words;
    auto rng = Make(2);
    for (int i = 0; i < 1000; ++i)
    {
        words.insert(rng->GetUint32());
    }
    EXPECT_EQ(words.size(), 1000u);
    EXPECT_TRUE(Make(3)->Generate(0).empty());
}

} // namespace
} // namespace ns3
