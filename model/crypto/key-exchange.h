/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_KEY_EXCHANGE_H
#define IPSEC_KEY_EXCHANGE_H

#include "crypto-types.h"
#include "transform-ids.h"

#include <memory>

struct evp_pkey_st;

namespace ns3
{

class RandomSource;

/**
 * \ingroup ipsec
 * \brief One side of a Diffie-Hellman exchange (IKEv2 Transform Type 4 / IKEv1 Oakley group):
 * MODP groups 1, 2 (RFC 2409), 5, 14-18 (RFC 3526), ECP groups 19-21 (RFC 5903), Curve25519
 * and Curve448 (RFC 8031).
 *
 * The private key is made from RandomSource octets (deterministic per seed) and imported into
 * OpenSSL. MODP private exponents are 2x the group's security strength long (160 to 400 bits,
 * RFC 3526 section 8 / NIST SP 800-57), as strongSwan does, which keeps a MODP-2048 key pair at
 * a few hundred microseconds. Peer public values are checked as RFC 6989 asks and no more:
 * OpenSSL's full FFC check (a modular exponentiation by q) is skipped.
 */
class KeyExchange
{
  public:
    /**
     * \brief Create a key pair from the node's random source.
     * \param group the DH group
     * \param rng source of the private key octets
     * \param status where to store the outcome, may be null
     * \return the key pair, or null (UNSUPPORTED, BACKEND_ERROR)
     */
    static std::unique_ptr<KeyExchange> Create(DhGroupId group,
                                               RandomSource& rng,
                                               CryptoStatus* status = nullptr);

    /**
     * \brief Create a key pair from a given private key (test vectors).
     * \param group the DH group
     * \param privateKey MODP: big-endian exponent (1 < x, at most the prime length); ECP:
     *        big-endian scalar of the field size (0 < d < n); X25519/X448: the raw 32/56 octets
     * \param status where to store the outcome, may be null
     * \return the key pair, or null (UNSUPPORTED, BAD_KEY_LENGTH, BACKEND_ERROR)
     */
    static std::unique_ptr<KeyExchange> CreateWithPrivateKey(DhGroupId group,
                                                             ByteView privateKey,
                                                             CryptoStatus* status = nullptr);

    /**
     * \brief Size of the public value (KE payload data) of a group.
     * \param group the DH group
     * \return octets (prime length, 2x field size, 32 or 56), 0 if unsupported
     */
    static size_t GetPublicValueSizeOf(DhGroupId group);

    /**
     * \brief Whether a group is implemented.
     * \param group the DH group
     * \return true if Create() can make it
     */
    static bool IsSupported(DhGroupId group);

    ~KeyExchange();
    KeyExchange(const KeyExchange&) = delete;
    KeyExchange& operator=(const KeyExchange&) = delete;

    /// \return the DH group
    DhGroupId GetGroup() const;

    /**
     * \brief The public value as carried in the KE payload: MODP big-endian left-padded to the
     * prime length (RFC 7296 3.4); ECP x || y (RFC 5903 7); X25519/X448 raw (RFC 8031 2).
     * \return the public value
     */
    const Bytes& GetPublicValue() const;

    /**
     * \brief Compute the shared secret with a peer's public value.
     * \param peerPublicValue the peer's KE payload data
     * \param secret replaced by g^ir: MODP padded to the prime length, ECP the x coordinate
     *        (RFC 5903 7), X25519/X448 raw
     * \return OK, INVALID_PUBLIC_VALUE (RFC 6989 checks, wrong length, all-zero X25519/X448
     *         result) or BACKEND_ERROR
     */
    [[nodiscard]] CryptoStatus ComputeSharedSecret(ByteView peerPublicValue, Bytes* secret) const;

  private:
    /**
     * \brief Constructor.
     * \param group the DH group
     */
    explicit KeyExchange(DhGroupId group);

    /**
     * \brief Import the private key and compute the public value.
     * \param privateKey as for CreateWithPrivateKey
     * \return the outcome
     */
    CryptoStatus Init(ByteView privateKey);

    /**
     * \brief Build an EVP_PKEY holding a peer's (or the generator's) public value.
     * \param value the public value as on the wire
     * \return the key, or null if OpenSSL rejects it (e.g. an ECP point off the curve)
     */
    evp_pkey_st* ImportPublic(ByteView value) const;

    /**
     * \brief Derive with an imported peer key.
     * \param peer the peer key
     * \param secret receives the shared secret
     * \return the outcome
     */
    CryptoStatus Derive(evp_pkey_st* peer, Bytes* secret) const;

    DhGroupId m_group;           //!< the group
    evp_pkey_st* m_key{nullptr}; //!< our private key
    Bytes m_public;              //!< our public value, wire format
    Bytes m_prime;               //!< MODP prime, big-endian (for the RFC 6989 checks)
};

} // namespace ns3

#endif // IPSEC_KEY_EXCHANGE_H
