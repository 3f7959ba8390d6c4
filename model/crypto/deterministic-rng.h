/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_DETERMINISTIC_RNG_H
#define IPSEC_DETERMINISTIC_RNG_H

#include "crypto-types.h"

struct ossl_lib_ctx_st;
struct ossl_provider_st;

namespace ns3
{

class RandomSource;

/**
 * \ingroup ipsec
 * \brief The OpenSSL library context in which every key generation, signature and certificate
 * of the module runs, with a random generator whose output is a function of ns-3 random
 * streams only.
 *
 * OpenSSL draws its own randomness for RSA primes, EC private scalars, the ECDSA nonce k, the
 * RSA-PSS salt and RSA blinding. To keep a simulation byte-identical per seed, this context's
 * public and private DRBGs are replaced by a generator from a small built-in provider
 * ("NS3-STREAM-RAND"): an AES-256-CTR keystream whose key is set by Reseed(). Before each
 * operation the caller reseeds it with octets drawn from the node's RandomSource, so the
 * operation's output depends on the seed, run and stream, not on the host. The keystream
 * never runs out, so no OpenSSL operation can fail half-way for lack of random octets (which
 * would, for instance, leave RSA blinding state inconsistent).
 *
 * One context serves the whole process: an OSSL_LIB_CTX with its provider caches is far too
 * heavy to have per node, and the simulator is single-threaded (the generator takes no locks).
 */
class DeterministicRng
{
  public:
    /// Octets drawn from the RandomSource per operation.
    static constexpr size_t SEED_SIZE = 32;

    /**
     * \brief The process-wide instance.
     * \return the instance, created on first use
     */
    static DeterministicRng& Get();

    DeterministicRng(const DeterministicRng&) = delete;
    DeterministicRng& operator=(const DeterministicRng&) = delete;

    /**
     * \brief The OpenSSL library context (an OSSL_LIB_CTX*) to pass to *_ex functions.
     * \return the context
     */
    ossl_lib_ctx_st* GetLibCtx() const;

    /**
     * \brief Make the next random draws of the context a function of @p seed: the private
     * generator restarts the keystream of key @p seed and nonce 0, the public one of nonce 1.
     * \param seed SEED_SIZE octets
     * \return OK, BAD_KEY_LENGTH for another seed size, BACKEND_ERROR
     */
    [[nodiscard]] CryptoStatus Reseed(ByteView seed);

    /**
     * \brief Draw SEED_SIZE octets from @p rng and reseed with them.
     * \param rng the node's random source
     * \return as Reseed(ByteView)
     */
    [[nodiscard]] CryptoStatus Reseed(RandomSource& rng);

    /**
     * \brief Draw octets from the context's private generator (as OpenSSL does for keys).
     * \param n number of octets
     * \return the octets, empty on error
     */
    Bytes Draw(size_t n);

  private:
    DeterministicRng();
    ~DeterministicRng();

    ossl_lib_ctx_st* m_libCtx;                    //!< the context, owned
    ossl_provider_st* m_streamProvider{nullptr};  //!< the generator's provider, loaded
    ossl_provider_st* m_defaultProvider{nullptr}; //!< OpenSSL's default provider, loaded
};

} // namespace ns3

#endif // IPSEC_DETERMINISTIC_RNG_H
