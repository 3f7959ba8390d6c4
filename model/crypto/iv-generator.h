/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_IV_GENERATOR_H
#define IPSEC_IV_GENERATOR_H

#include "crypto-types.h"

#include <memory>

struct evp_cipher_ctx_st;

namespace ns3
{

class RandomSource;

/**
 * \ingroup ipsec
 * \brief Per-SA generator of unpredictable CBC IVs (RFC 3602 2.1 requires IVs the attacker
 * cannot predict; a counter alone is not enough).
 *
 * Keyed once from the node's RandomSource with an AES-128 key and a 128-bit start counter; each
 * IV is AES-ECB of the next counter value, through one reused context. That costs one AES block
 * per packet instead of a RAND_bytes call, and stays deterministic per seed.
 */
class IvGenerator
{
  public:
    /**
     * \brief Create a generator keyed from @p rng (32 octets drawn).
     * \param rng the node's random source
     * \param status where to store the outcome, may be null
     * \return the generator, or null on BACKEND_ERROR
     */
    static std::unique_ptr<IvGenerator> Create(RandomSource& rng, CryptoStatus* status = nullptr);

    ~IvGenerator();
    IvGenerator(const IvGenerator&) = delete;
    IvGenerator& operator=(const IvGenerator&) = delete;

    /**
     * \brief Write the next IV.
     * \param iv receives @p n octets
     * \param n IV size (any; 8 or 16 for the CBC ciphers)
     */
    void Next(uint8_t* iv, size_t n);

  private:
    IvGenerator();

    evp_cipher_ctx_st* m_ecb{nullptr}; //!< AES-128-ECB keyed once
    uint8_t m_counter[16];             //!< big-endian 128-bit counter
};

} // namespace ns3

#endif // IPSEC_IV_GENERATOR_H
