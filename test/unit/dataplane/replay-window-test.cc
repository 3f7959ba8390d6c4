/* SPDX-License-Identifier: GPL-2.0-only */

// The anti-replay window: RFC 4303 3.4.3 rules, RFC 4303 appendix A2 ESN inference, and a
// randomized comparison with a set-based reference that states the rules directly.

#include "ns3/random-variable-stream.h"
#include "ns3/replay-window.h"
#include "ns3/rng-seed-manager.h"

#include <algorithm>
#include <cstdint>
#include <gtest/gtest.h>
#include <set>
#include <vector>

namespace ns3
{
namespace
{

using Verdict = ReplayWindow::Verdict;

/// Check, and Accept when the verdict is OK (as the data plane does after a valid ICV).
Verdict
Receive(ReplayWindow& w, uint32_t seqLow, uint64_t* full = nullptr)
{
    uint64_t seq = 0;
    const Verdict v = w.Check(seqLow, &seq);
    if (v == Verdict::OK)
    {
        w.Accept(seq);
    }
    if (full != nullptr)
    {
        *full = seq;
    }
    return v;
}

class ReplayWindowSizeTest : public ::testing::TestWithParam<uint32_t>
{
};

TEST_P(ReplayWindowSizeTest, InOrderDuplicatesAndTooOld)
{
    const uint32_t size = GetParam();
    ReplayWindow w(size);
    EXPECT_EQ(w.GetSize(), size);
    EXPECT_EQ(Receive(w, 0), Verdict::TOO_OLD); // sequence numbers start at 1
    for (uint32_t s = 1; s <= 3 * size; ++s)
    {
        ASSERT_EQ(Receive(w, s), Verdict::OK) << s;
    }
    EXPECT_EQ(w.GetHighest(), 3U * size);
    // Everything inside the window was received.
    for (uint32_t s = 2 * size + 1; s <= 3 * size; ++s)
    {
        ASSERT_EQ(Receive(w, s), Verdict::DUPLICATE) << s;
    }
    // The window is [T - W + 1, T]: T - W is one too old.
    EXPECT_EQ(Receive(w, 2 * size), Verdict::TOO_OLD);
    EXPECT_EQ(Receive(w, 1), Verdict::TOO_OLD);
}

TEST_P(ReplayWindowSizeTest, ReorderedWithinWindowAccepted)
{
    const uint32_t size = GetParam();
    ReplayWindow w(size);
    // Receive only the even numbers up to 2W, then the odd ones late.
    for (uint32_t s = 2; s <= 2 * size; s += 2)
    {
        ASSERT_EQ(Receive(w, s), Verdict::OK);
    }
    const uint32_t top = 2 * size;
    for (uint32_t s = top - size + 1; s < top; s += 2)
    {
        EXPECT_EQ(Receive(w, s), Verdict::OK) << s;        // late but inside: new
        EXPECT_EQ(Receive(w, s), Verdict::DUPLICATE) << s; // and now a replay
    }
    EXPECT_EQ(Receive(w, top - size - 1), Verdict::TOO_OLD);
    EXPECT_EQ(w.GetHighest(), top); // late packets do not move the window
}

TEST_P(ReplayWindowSizeTest, LargeJumpsSlideTheWindow)
{
    const uint32_t size = GetParam();
    ReplayWindow w(size);
    for (uint32_t s = 1; s <= size; ++s)
    {
        ASSERT_EQ(Receive(w, s), Verdict::OK);
    }
    // Jump by less than the window: the overlap keeps its marks, the rest is fresh.
    const uint32_t jump1 = size + size / 2;
    ASSERT_EQ(Receive(w, jump1), Verdict::OK);
    EXPECT_EQ(Receive(w, size), Verdict::DUPLICATE);
    EXPECT_EQ(Receive(w, size + 1), Verdict::OK);
    EXPECT_EQ(Receive(w, jump1 - size), Verdict::TOO_OLD);
    EXPECT_EQ(Receive(w, jump1 - size + 1), Verdict::DUPLICATE);
    // Jump far beyond the ring: every number below the new top but inside the window is new,
    // although the ring slots they map to were used before.
    const uint32_t jump2 = 1000003;
    ASSERT_EQ(Receive(w, jump2), Verdict::OK);
    for (uint32_t s = jump2 - size + 1; s < jump2; ++s)
    {
        ASSERT_EQ(Receive(w, s), Verdict::OK) << s;
    }
    EXPECT_EQ(Receive(w, jump2 - size), Verdict::TOO_OLD);
    EXPECT_EQ(Receive(w, jump1), Verdict::TOO_OLD);
    // Jumps of exactly one ring's worth of blocks must clear the slot they land in.
    const uint32_t jump3 = jump2 + 64 * 128;
    ASSERT_EQ(Receive(w, jump3), Verdict::OK);
    EXPECT_EQ(Receive(w, jump3 - 1), Verdict::OK);
}

INSTANTIATE_TEST_SUITE_P(Sizes,
                         ReplayWindowSizeTest,
                         ::testing::Values(32U, 64U, 100U, 1024U, 4096U));

TEST(ReplayWindowTest, CheckDoesNotChangeTheWindow)
{
    // RFC 4303 3.4.3: the window moves only after the ICV is verified.
    ReplayWindow w(64);
    uint64_t seq = 0;
    EXPECT_EQ(w.Check(1000, &seq), Verdict::OK);
    EXPECT_EQ(seq, 1000U);
    EXPECT_EQ(w.GetHighest(), 0U);
    EXPECT_EQ(w.Check(1000, &seq), Verdict::OK); // still new: never accepted
    EXPECT_EQ(w.Check(5, nullptr), Verdict::OK);
}

TEST(ReplayWindowTest, SizeLimits)
{
    EXPECT_FALSE(ReplayWindow::IsValidSize(0));
    EXPECT_FALSE(ReplayWindow::IsValidSize(31));
    EXPECT_TRUE(ReplayWindow::IsValidSize(32));
    EXPECT_TRUE(ReplayWindow::IsValidSize(4096));
    EXPECT_EQ(ReplayWindow(8).GetSize(), ReplayWindow::MIN_SIZE);
    EXPECT_EQ(ReplayWindow(1U << 30).GetSize(), ReplayWindow::MAX_SIZE);
}

TEST(ReplayWindowTest, WithoutEsnTheTopIs32Bits)
{
    ReplayWindow w(64, false);
    uint64_t full = 0;
    EXPECT_EQ(Receive(w, 0xffffffffU, &full), Verdict::OK);
    EXPECT_EQ(full, 0xffffffffULL);
    // Without ESN a small number after the top is simply old (the sender must rekey, 3.3.3).
    EXPECT_EQ(Receive(w, 5, &full), Verdict::TOO_OLD);
    EXPECT_EQ(full, 5U);
}

// RFC 4303 A2.2, case A: Tl >= W - 1, the window lies inside one 2^32 subspace.
TEST(ReplayWindowEsnTest, CaseAWindowInsideSubspace)
{
    const uint32_t size = 64;
    ReplayWindow w(size, true);
    const uint64_t t = (uint64_t(7) << 32) | 1000; // Th = 7, Tl = 1000
    w.Accept(t);
    uint64_t full = 0;
    // Seq >= Tl - W + 1: same subspace.
    EXPECT_EQ(w.Check(1000 - size + 1, &full), Verdict::OK);
    EXPECT_EQ(full, (uint64_t(7) << 32) | (1000 - size + 1));
    EXPECT_EQ(w.Check(5000, &full), Verdict::OK);
    EXPECT_EQ(full, (uint64_t(7) << 32) | 5000);
    EXPECT_EQ(w.Check(1000, &full), Verdict::DUPLICATE);
    EXPECT_EQ(full, t);
    // Seq < Tl - W + 1: the sender has wrapped into subspace Th + 1.
    EXPECT_EQ(w.Check(1000 - size, &full), Verdict::OK);
    EXPECT_EQ(full, (uint64_t(8) << 32) | (1000 - size));
    EXPECT_EQ(w.Check(0, &full), Verdict::OK);
    EXPECT_EQ(full, uint64_t(8) << 32);
}

// RFC 4303 A2.2, case B: Tl < W - 1, the window spans the boundary into subspace Th - 1.
TEST(ReplayWindowEsnTest, CaseBWindowSpansBoundary)
{
    const uint32_t size = 64;
    ReplayWindow w(size, true);
    const uint64_t t = (uint64_t(3) << 32) | 10; // Th = 3, Tl = 10
    w.Accept(t);
    uint64_t full = 0;
    // Seq >= Tl - W + 1 (mod 2^32), i.e. high in the 32-bit space: subspace Th - 1.
    EXPECT_EQ(w.Check(0xffffffffU, &full), Verdict::OK);
    EXPECT_EQ(full, (uint64_t(2) << 32) | 0xffffffffU);
    EXPECT_EQ(w.Check(10U - size + 1, &full), Verdict::OK); // the window's bottom
    EXPECT_EQ(full, (uint64_t(2) << 32) | uint32_t(10U - size + 1));
    // Seq < Tl - W + 1 (mod 2^32): subspace Th, left of T or new.
    EXPECT_EQ(w.Check(10, &full), Verdict::DUPLICATE);
    EXPECT_EQ(full, t);
    EXPECT_EQ(w.Check(3, &full), Verdict::OK);
    EXPECT_EQ(full, (uint64_t(3) << 32) | 3);
    EXPECT_EQ(w.Check(0x80000000U, &full), Verdict::OK);
    EXPECT_EQ(full, (uint64_t(3) << 32) | 0x80000000U);
}

TEST(ReplayWindowEsnTest, WrapAcross2To32)
{
    ReplayWindow w(64, true);
    uint64_t full = 0;
    // Reach the end of the first subspace in order.
    for (uint32_t s = 0xffffffffU - 100; s != 0; ++s)
    {
        ASSERT_EQ(Receive(w, s, &full), Verdict::OK);
        ASSERT_EQ(full, s);
    }
    EXPECT_EQ(w.GetHighest(), 0xffffffffULL);
    // The low 32 bits start again at 0: that is 2^32, the next packet, and it is new.
    EXPECT_EQ(Receive(w, 0, &full), Verdict::OK);
    EXPECT_EQ(full, uint64_t(1) << 32);
    EXPECT_EQ(Receive(w, 2, &full), Verdict::OK);
    EXPECT_EQ(full, (uint64_t(1) << 32) + 2);
    // A late packet from before the wrap is placed in the old subspace: case B.
    EXPECT_EQ(Receive(w, 0xfffffffeU, &full), Verdict::DUPLICATE);
    EXPECT_EQ(full, 0xfffffffeULL);
    // Seq 2^32 + 1 was lost and arrives late.
    EXPECT_EQ(Receive(w, 1, &full), Verdict::OK);
    EXPECT_EQ(full, (uint64_t(1) << 32) + 1);
    EXPECT_EQ(Receive(w, 1, &full), Verdict::DUPLICATE);
    // Far enough on, the old subspace is too old.
    ASSERT_EQ(Receive(w, 200, &full), Verdict::OK);
    EXPECT_EQ(Receive(w, 0xfffffff0U, &full), Verdict::OK); // now read as 2^33 - 16: future
    EXPECT_EQ(full, (uint64_t(1) << 32) + 0xfffffff0U);
}

TEST(ReplayWindowEsnTest, NothingBelowZero)
{
    // Th = 0 and case B: a high low-order number would be in subspace -1.
    ReplayWindow w(64, true);
    ASSERT_EQ(Receive(w, 5), Verdict::OK);
    EXPECT_EQ(w.Check(0xfffffff0U, nullptr), Verdict::TOO_OLD);
    EXPECT_EQ(w.Check(0, nullptr), Verdict::TOO_OLD);
}

/// The rules stated directly: the set of accepted numbers and the highest; ESN numbers are
/// the unique value in [T - W + 1, T - W + 1 + 2^32) with the given low 32 bits (A2.2).
class ReferenceWindow
{
  public:
    ReferenceWindow(uint32_t size, bool esn)
        : m_size(size),
          m_esn(esn)
    {
    }

    Verdict Check(uint32_t low, uint64_t* full) const
    {
        int64_t seq = low;
        if (m_esn)
        {
            const int64_t bottom = static_cast<int64_t>(m_top) - m_size + 1;
            seq = bottom + static_cast<uint32_t>(low - static_cast<uint32_t>(bottom));
        }
        *full = static_cast<uint64_t>(seq);
        if (seq <= 0)
        {
            return Verdict::TOO_OLD;
        }
        if (static_cast<uint64_t>(seq) > m_top)
        {
            return Verdict::OK;
        }
        if (m_top - static_cast<uint64_t>(seq) >= m_size)
        {
            return Verdict::TOO_OLD;
        }
        return m_seen.count(seq) ? Verdict::DUPLICATE : Verdict::OK;
    }

    uint64_t GetHighest() const
    {
        return m_top;
    }

    void Accept(uint64_t seq)
    {
        m_seen.insert(seq);
        m_top = std::max(m_top, seq);
    }

  private:
    uint32_t m_size;
    bool m_esn;
    uint64_t m_top = 0;
    std::set<uint64_t> m_seen;
};

TEST(ReplayWindowTest, AgreesWithReferenceOnRandomTraffic)
{
    RngSeedManager::SetSeed(3);
    RngSeedManager::SetRun(1);
    auto rng = CreateObject<UniformRandomVariable>();
    rng->SetStream(2);
    for (bool esn : {false, true})
    {
        for (uint32_t size : {32U, 64U, 96U, 1024U})
        {
            ReplayWindow w(size, esn);
            ReferenceWindow ref(size, esn);
            // ESN runs start just below 2^32 so that traffic crosses the boundary.
            uint64_t next = esn ? 0xffffffffULL - 20000 : 1;
            std::vector<uint64_t> sent;
            uint32_t ok = 0;
            for (uint32_t i = 0; i < 60000; ++i)
            {
                // Mostly the next number; sometimes a replay of a recent one, a late one from
                // well back, or a burst of loss.
                uint64_t seq = next;
                const uint32_t dice = rng->GetInteger(0, 99);
                if (dice < 10 && !sent.empty())
                {
                    seq = sent[sent.size() - 1 -
                               rng->GetInteger(0, std::min<uint32_t>(sent.size() - 1, 2000))];
                }
                else if (dice < 12)
                {
                    next += rng->GetInteger(1, 3 * size);
                    seq = next++;
                }
                else
                {
                    ++next;
                }
                sent.push_back(seq);
                const uint32_t low = static_cast<uint32_t>(seq);
                uint64_t got = 0;
                uint64_t expected = 0;
                const Verdict v = w.Check(low, &got);
                const Verdict r = ref.Check(low, &expected);
                ASSERT_EQ(v, r) << "seq " << seq << " size " << size << " esn " << esn;
                if (r != Verdict::TOO_OLD)
                {
                    ASSERT_EQ(got, expected) << "seq " << seq;
                }
                if (v == Verdict::OK)
                {
                    w.Accept(got);
                    ref.Accept(expected);
                    ++ok;
                }
                ASSERT_EQ(w.GetHighest(), ref.GetHighest());
            }
            EXPECT_GT(ok, 40000U);
            if (esn)
            {
                EXPECT_GT(w.GetHighest(), uint64_t(1) << 32);
            }
        }
    }
}

} // namespace
} // namespace ns3
