/* SPDX-License-Identifier: GPL-2.0-only */

#include "replay-window.h"

#include "ns3/log.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("ReplayWindow");

namespace
{
constexpr unsigned kBlockBits = 64;
constexpr unsigned kBlockShift = 6;
} // namespace

ReplayWindow::ReplayWindow(uint32_t sizeBits, bool esn)
    : m_size(std::clamp(sizeBits, MIN_SIZE, MAX_SIZE)),
      m_esn(esn),
      m_highest(0)
{
    NS_LOG_FUNCTION(this << sizeBits << esn);
    // RFC 6479: one block more than the window spans, rounded up to a power of two so that
    // the block index is a mask.
    uint64_t blocks = 1;
    while (blocks < (m_size + kBlockBits - 1) / kBlockBits + 1)
    {
        blocks <<= 1;
    }
    m_blockMask = blocks - 1;
    m_bitmap.assign(blocks, 0);
}

bool
ReplayWindow::IsValidSize(uint32_t sizeBits)
{
    return sizeBits >= MIN_SIZE && sizeBits <= MAX_SIZE;
}

ReplayWindow::Verdict
ReplayWindow::Check(uint32_t seqLow, uint64_t* fullSeq) const
{
    uint64_t seq = seqLow;
    if (m_esn)
    {
        // RFC 4303 A2.2: T = Th:Tl is the highest number seen, W the window size.
        const uint32_t tl = static_cast<uint32_t>(m_highest);
        const uint64_t th = m_highest >> 32;
        const uint32_t bottom = tl - m_size + 1; // Tl - W + 1, modulo 2^32
        uint64_t sh = th;
        if (tl >= m_size - 1)
        {
            // Case A: the window does not span a 2^32 boundary.
            if (seqLow < bottom)
            {
                sh = th + 1; // right of the window, in the next 2^32 subspace
            }
        }
        else if (seqLow >= bottom)
        {
            // Case B: the window spans a 2^32 boundary and seqLow lies in its part below the
            // boundary, in subspace Th - 1.
            if (th == 0)
            {
                // Below sequence number 0: nothing was ever sent there.
                if (fullSeq != nullptr)
                {
                    *fullSeq = seqLow;
                }
                return Verdict::TOO_OLD;
            }
            sh = th - 1;
        }
        seq = (sh << 32) | seqLow;
    }
    if (fullSeq != nullptr)
    {
        *fullSeq = seq;
    }
    if (seq == 0)
    {
        return Verdict::TOO_OLD; // the first packet of an SA carries 1 (RFC 4303 3.3.3)
    }
    if (seq > m_highest)
    {
        return Verdict::OK;
    }
    if (m_highest - seq >= m_size)
    {
        NS_LOG_LOGIC("sequence " << seq << " left of the window, highest " << m_highest);
        return Verdict::TOO_OLD;
    }
    if (IsMarked(seq))
    {
        NS_LOG_LOGIC("sequence " << seq << " already received");
        return Verdict::DUPLICATE;
    }
    return Verdict::OK;
}

void
ReplayWindow::Accept(uint64_t fullSeq)
{
    if (fullSeq > m_highest)
    {
        // RFC 6479: clear the blocks the window slides over (at most the whole ring).
        const uint64_t oldBlock = m_highest >> kBlockShift;
        const uint64_t newBlock = fullSeq >> kBlockShift;
        const uint64_t clear = std::min<uint64_t>(newBlock - oldBlock, m_bitmap.size());
        for (uint64_t i = 1; i <= clear; ++i)
        {
            m_bitmap[(oldBlock + i) & m_blockMask] = 0;
        }
        m_highest = fullSeq;
    }
    else if (m_highest - fullSeq >= m_size)
    {
        return;
    }
    m_bitmap[(fullSeq >> kBlockShift) & m_blockMask] |= uint64_t(1) << (fullSeq & (kBlockBits - 1));
}

bool
ReplayWindow::IsMarked(uint64_t seq) const
{
    return (m_bitmap[(seq >> kBlockShift) & m_blockMask] >> (seq & (kBlockBits - 1))) & 1U;
}

uint64_t
ReplayWindow::GetHighest() const
{
    return m_highest;
}

uint32_t
ReplayWindow::GetSize() const
{
    return m_size;
}

bool
ReplayWindow::IsEsn() const
{
    return m_esn;
}

} // namespace ns3
