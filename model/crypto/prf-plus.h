/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_PRF_PLUS_H
#define IPSEC_PRF_PLUS_H

#include "crypto-types.h"
#include "transform-ids.h"

#include <initializer_list>

namespace ns3
{

class Prf;

/**
 * \ingroup ipsec
 * \brief The IKEv2 key expansion function prf+ (RFC 7296 2.13).
 *
 * prf+ (K,S) = T1 | T2 | T3 | ... with T1 = prf (K, S | 0x01), Tn = prf (K, T(n-1) | S | n).
 * The counter is one octet, so at most 255 blocks can be produced: asking for more is an error,
 * as the RFC requires, rather than a silent wrap of the counter.
 */
class PrfPlus
{
  public:
    /// The largest number of PRF blocks prf+ may produce (RFC 7296 2.13).
    static constexpr size_t MAX_BLOCKS = 255;

    /**
     * \brief prf+ (K, S) with a PRF made for this call.
     * \param id the PRF transform
     * \param key K
     * \param seed S, as the concatenation of these views
     * \param length octets wanted (0 gives an empty result)
     * \param out replaced by the first @p length octets of prf+
     * \return OK; BAD_INPUT_LENGTH if @p length needs more than 255 blocks; UNSUPPORTED for an
     * unknown PRF; the PRF's error otherwise
     */
    [[nodiscard]] static CryptoStatus Compute(PrfId id,
                                              ByteView key,
                                              std::initializer_list<ByteView> seed,
                                              size_t length,
                                              Bytes* out);

    /**
     * \brief prf+ (K, S) with an already keyed PRF (K is its key).
     * \param prf the keyed PRF
     * \param seed S, as the concatenation of these views
     * \param length octets wanted (0 gives an empty result)
     * \param out replaced by the first @p length octets of prf+
     * \return OK; BAD_INPUT_LENGTH if @p length needs more than 255 blocks; the PRF's error
     * otherwise
     */
    [[nodiscard]] static CryptoStatus Compute(Prf& prf,
                                              std::initializer_list<ByteView> seed,
                                              size_t length,
                                              Bytes* out);

    /**
     * \brief The most octets prf+ can produce with a PRF.
     * \param id the PRF transform
     * \return 255 times the PRF output size, 0 for an unknown PRF
     */
    static size_t GetMaxLength(PrfId id);
};

} // namespace ns3

#endif // IPSEC_PRF_PLUS_H
