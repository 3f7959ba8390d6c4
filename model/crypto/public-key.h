/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_PUBLIC_KEY_H
#define IPSEC_PUBLIC_KEY_H

#include "crypto-types.h"

#include "ns3/ptr.h"
#include "ns3/simple-ref-count.h"

struct evp_pkey_st;

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Kinds of signature keys the module generates and accepts.
 */
enum class KeyType : uint8_t
{
    RSA,        //!< RSA (any modulus size; 2048 bits by default)
    ECDSA_P256, //!< ECDSA on NIST P-256 (secp256r1)
    ECDSA_P384, //!< ECDSA on NIST P-384 (secp384r1)
    ECDSA_P521, //!< ECDSA on NIST P-521 (secp521r1)
    ED25519,    //!< EdDSA on edwards25519 (RFC 8032, RFC 8420)
};

/**
 * \brief Name of a key type, for logs.
 * \param type the key type
 * \return e.g. "ECDSA_P256"
 */
const char* KeyTypeName(KeyType type);

/**
 * \ingroup ipsec
 * \brief A public signature key (RSA, ECDSA or Ed25519), immutable once made.
 */
class PublicKey : public SimpleRefCount<PublicKey>
{
  public:
    /**
     * \brief Take ownership of an OpenSSL key (module-internal).
     * \param pkey an EVP_PKEY holding at least the public part, or null
     * \return the key, or null if @p pkey is null or of an unsupported kind
     */
    static Ptr<PublicKey> Adopt(evp_pkey_st* pkey);

    /**
     * \brief Decode a DER SubjectPublicKeyInfo (RFC 5280 4.1.2.7).
     * \param der the encoding
     * \param out the key
     * \return OK, BAD_INPUT_LENGTH if the DER is malformed, UNSUPPORTED for another key kind
     */
    [[nodiscard]] static CryptoStatus FromSubjectPublicKeyInfo(ByteView der, Ptr<PublicKey>& out);

    /**
     * \brief Build an RSA public key from its modulus and exponent.
     * \param modulus n, big-endian
     * \param exponent e, big-endian
     * \param out the key
     * \return OK or BACKEND_ERROR
     */
    [[nodiscard]] static CryptoStatus FromRsa(ByteView modulus,
                                              ByteView exponent,
                                              Ptr<PublicKey>& out);

    /**
     * \brief Build an ECDSA public key from an uncompressed point 04 || x || y (SEC 1 2.3.3).
     * \param type ECDSA_P256, ECDSA_P384 or ECDSA_P521
     * \param point the point
     * \param out the key
     * \return OK, UNSUPPORTED for another type, INVALID_PUBLIC_VALUE if not on the curve
     */
    [[nodiscard]] static CryptoStatus FromEcPoint(KeyType type,
                                                  ByteView point,
                                                  Ptr<PublicKey>& out);

    /**
     * \brief Build an Ed25519 public key from its 32 octets (RFC 8032 5.1.5).
     * \param raw the key octets
     * \param out the key
     * \return OK or BAD_KEY_LENGTH
     */
    [[nodiscard]] static CryptoStatus FromEd25519(ByteView raw, Ptr<PublicKey>& out);

    ~PublicKey();
    PublicKey(const PublicKey&) = delete;
    PublicKey& operator=(const PublicKey&) = delete;

    /// \return the key type
    KeyType GetType() const;

    /// \return the key size in bits (modulus size for RSA, field size for EC)
    uint32_t GetBits() const;

    /**
     * \brief The DER SubjectPublicKeyInfo (RFC 5280 4.1.2.7).
     *
     * Encoded on the first call and kept: OpenSSL 3.0 encodes a provider key through an
     * OSSL_ENCODER context it sets up anew each time (tens of microseconds), and IKE asks for
     * the same trust anchor's encoding in every CERTREQ (RFC 7296 3.7).
     * \return the encoding (empty if OpenSSL cannot encode the key)
     */
    const Bytes& GetSubjectPublicKeyInfo() const;

    /**
     * \brief Whether two keys are the same public key.
     * \param other the other key
     * \return true if equal
     */
    bool Equals(const PublicKey& other) const;

    /// \return the OpenSSL key (module-internal), owned by this object
    evp_pkey_st* GetEvpPkey() const;

  private:
    /**
     * \brief Wrap a key.
     * \param pkey the key, owned
     * \param type its type
     */
    PublicKey(evp_pkey_st* pkey, KeyType type);

    evp_pkey_st* m_pkey;  //!< the OpenSSL key, owned
    KeyType m_type;       //!< its type
    mutable Bytes m_spki; //!< SubjectPublicKeyInfo, encoded on first use (the key is immutable)
    mutable bool m_spkiSet{false}; //!< whether m_spki was encoded
};

/**
 * \brief Find the key type of an OpenSSL key (module-internal).
 * \param pkey the key
 * \param type where to store the type
 * \return true if the key is of a supported kind
 */
bool GetKeyTypeOf(const evp_pkey_st* pkey, KeyType& type);

} // namespace ns3

#endif // IPSEC_PUBLIC_KEY_H
