/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_PRIVATE_KEY_H
#define IPSEC_PRIVATE_KEY_H

#include "crypto-types.h"
#include "public-key.h"

#include "ns3/ptr.h"
#include "ns3/simple-ref-count.h"

struct evp_pkey_st;

namespace ns3
{

class RandomSource;

/**
 * \ingroup ipsec
 * \brief A private signature key (RSA, ECDSA P-256/384/521 or Ed25519).
 *
 * Generate() makes the key inside the DeterministicRng context from octets of the node's
 * RandomSource, so a seed and run reproduce the key bit for bit (RSA primes included).
 */
class PrivateKey : public SimpleRefCount<PrivateKey>
{
  public:
    /// Default RSA modulus size in bits.
    static constexpr uint32_t DEFAULT_RSA_BITS = 2048;

    /**
     * \brief Generate a key deterministically from the random source.
     * \param type key type
     * \param rng the node's random source (consumes DeterministicRng::SEED_SIZE octets)
     * \param out the key
     * \param rsaBits RSA modulus size (ignored for other types), 1024 to 8192
     * \return OK, BAD_KEY_LENGTH for an RSA size out of range, BACKEND_ERROR
     */
    [[nodiscard]] static CryptoStatus Generate(KeyType type,
                                               RandomSource& rng,
                                               Ptr<PrivateKey>& out,
                                               uint32_t rsaBits = DEFAULT_RSA_BITS);

    /**
     * \brief Decode a DER private key (PKCS#8 PrivateKeyInfo, or the traditional RSA/EC forms).
     * \param der the encoding
     * \param out the key
     * \return OK, BAD_INPUT_LENGTH if malformed, UNSUPPORTED for another key kind
     */
    [[nodiscard]] static CryptoStatus FromDer(ByteView der, Ptr<PrivateKey>& out);

    /**
     * \brief Build an Ed25519 key from its 32-octet secret (RFC 8032 5.1.5).
     * \param secret the secret key octets
     * \param out the key
     * \return OK or BAD_KEY_LENGTH
     */
    [[nodiscard]] static CryptoStatus FromEd25519(ByteView secret, Ptr<PrivateKey>& out);

    ~PrivateKey();
    PrivateKey(const PrivateKey&) = delete;
    PrivateKey& operator=(const PrivateKey&) = delete;

    /// \return the key type
    KeyType GetType() const;

    /// \return the key size in bits
    uint32_t GetBits() const;

    /// \return the key as DER PKCS#8 PrivateKeyInfo (RFC 5208), empty on error
    Bytes ToDer() const;

    /// \return the matching public key
    Ptr<PublicKey> GetPublicKey() const;

    /// \return the OpenSSL key (module-internal), owned by this object
    evp_pkey_st* GetEvpPkey() const;

  private:
    /**
     * \brief Wrap a key.
     * \param pkey the key, owned
     * \param type its type
     */
    PrivateKey(evp_pkey_st* pkey, KeyType type);

    /**
     * \brief Wrap a key if it is of a supported kind, else free it.
     * \param pkey the key
     * \return the wrapper or null
     */
    static Ptr<PrivateKey> Adopt(evp_pkey_st* pkey);

    evp_pkey_st* m_pkey;                //!< the OpenSSL key, owned
    KeyType m_type;                     //!< its type
    mutable Ptr<PublicKey> m_publicKey; //!< public half, made on first request
};

} // namespace ns3

#endif // IPSEC_PRIVATE_KEY_H
