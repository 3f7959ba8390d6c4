/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_REPLAY_WINDOW_H
#define IPSEC_REPLAY_WINDOW_H

#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief The receiver's anti-replay window of an SA (RFC 4303 3.4.3, RFC 4302 3.4.3), with
 *        Extended Sequence Numbers (RFC 4303 appendix A2).
 *
 * The window remembers which of the last \c size sequence numbers up to the highest one
 * authenticated so far have been received. The bitmap is the one of RFC 6479: a ring of
 * 64-bit blocks with one block more than the window needs, so that sliding the window clears
 * whole blocks instead of shifting bits.
 *
 * Use it in two steps, as RFC 4303 3.4.3 asks: Check() before verifying the ICV (cheap
 * rejection of replays, and the full 64-bit number the ICV covers with ESN), and Accept()
 * only once the ICV is valid, so that forged packets cannot move the window.
 */
class ReplayWindow
{
  public:
    /// The outcome of Check().
    enum class Verdict : uint8_t
    {
        OK,        //!< new: verify the ICV, then Accept()
        DUPLICATE, //!< inside the window and already received
        TOO_OLD,   //!< left of the window (or sequence number 0)
    };

    /// Smallest window size (RFC 4303 3.4.3: "a minimum window size of 32 packets").
    static constexpr uint32_t MIN_SIZE = 32;
    /// Largest window size.
    static constexpr uint32_t MAX_SIZE = 65536;

    /**
     * \brief A window that has received nothing yet.
     * \param sizeBits the window size in packets, clamped to [MIN_SIZE, MAX_SIZE]
     *        (IsValidSize() lets configuration code reject bad values instead)
     * \param esn whether the SA uses 64-bit Extended Sequence Numbers
     */
    explicit ReplayWindow(uint32_t sizeBits = 64, bool esn = false);

    /**
     * \param sizeBits a window size
     * \return true when it is within [MIN_SIZE, MAX_SIZE]
     */
    static bool IsValidSize(uint32_t sizeBits);

    /**
     * \brief Checks a received sequence number against the window (RFC 4303 3.4.3).
     *
     * With ESN the high-order 32 bits are not on the wire; they are inferred from the window
     * as in RFC 4303 appendix A2.2: the one of (high-1, high, high+1) that places the packet
     * in or right of the window.
     * \param seqLow the Sequence Number field of the packet (low 32 bits with ESN)
     * \param[out] fullSeq the full sequence number (also set when the verdict is not OK;
     *        may be nullptr)
     * \return the verdict
     */
    [[nodiscard]] Verdict Check(uint32_t seqLow, uint64_t* fullSeq) const;

    /**
     * \brief Records an authenticated packet: marks it received and slides the window right
     *        when it is the new highest (RFC 4303 3.4.3). Does nothing for a number left of
     *        the window.
     * \param fullSeq the full sequence number Check() returned
     */
    void Accept(uint64_t fullSeq);

    /// \return the highest sequence number accepted so far (0 before the first)
    uint64_t GetHighest() const;

    /// \return the window size in packets
    uint32_t GetSize() const;

    /// \return true with Extended Sequence Numbers
    bool IsEsn() const;

  private:
    /**
     * \param seq a sequence number inside the window
     * \return whether its bit is set
     */
    bool IsMarked(uint64_t seq) const;

    uint32_t m_size;                //!< window size W in packets
    bool m_esn;                     //!< 64-bit sequence numbers
    uint64_t m_highest;             //!< highest accepted sequence number (T)
    uint64_t m_blockMask;           //!< number of blocks - 1 (a power of two minus one)
    std::vector<uint64_t> m_bitmap; //!< RFC 6479 ring of blocks; bit (seq mod 64) of block
                                    //!< (seq / 64) mod blocks
};

} // namespace ns3

#endif // IPSEC_REPLAY_WINDOW_H
