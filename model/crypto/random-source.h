/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_RANDOM_SOURCE_H
#define IPSEC_RANDOM_SOURCE_H

#include "crypto-types.h"

#include "ns3/object.h"
#include "ns3/ptr.h"

#include <cstdint>

namespace ns3
{

class UniformRandomVariable;

/**
 * \ingroup ipsec
 * \brief The node's one source of random octets (nonces, SPIs, IVs, cookies, DH private keys).
 *
 * Fed by an ns-3 UniformRandomVariable, 32 bits per draw, so that a simulation's seed, run and
 * stream number reproduce every octet. This is a simulation model, not a CSPRNG: the point is
 * reproducible protocol runs, and the octets are as unpredictable as ns-3's MRG32k3a.
 */
class RandomSource : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    RandomSource();
    ~RandomSource() override;

    /**
     * \brief Fill a buffer with random octets.
     * \param out the buffer
     * \param n number of octets to write
     */
    void Fill(uint8_t* out, size_t n);

    /**
     * \brief Draw random octets.
     * \param n number of octets
     * \return @p n random octets
     */
    Bytes Generate(size_t n);

    /**
     * \brief Draw 32 random bits.
     * \return a uniformly distributed 32-bit value
     */
    uint32_t GetUint32();

    /**
     * \brief Assign a fixed random variable stream number.
     * \param stream first stream index to use
     * \return the number of streams used (1)
     */
    int64_t AssignStreams(int64_t stream);

  protected:
    void DoDispose() override;

  private:
    Ptr<UniformRandomVariable> m_rng; //!< the ns-3 stream every octet comes from
};

} // namespace ns3

#endif // IPSEC_RANDOM_SOURCE_H
