/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_SIGNATURE_ALGORITHM_H
#define IPSEC_SIGNATURE_ALGORITHM_H

#include "crypto-types.h"
#include "public-key.h"

#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Signature schemes, as named by their ASN.1 AlgorithmIdentifier in the RFC 7427
 * Digital Signature authentication method (and as used for certificate signatures).
 */
enum class SignatureScheme : uint8_t
{
    RSA_PKCS1_SHA1,   //!< sha1WithRSAEncryption (also IKEv2 auth method 1)
    RSA_PKCS1_SHA256, //!< sha256WithRSAEncryption
    RSA_PKCS1_SHA384, //!< sha384WithRSAEncryption
    RSA_PKCS1_SHA512, //!< sha512WithRSAEncryption
    RSA_PSS_SHA256,   //!< RSASSA-PSS, SHA-256, MGF1-SHA-256, salt 32 (RFC 7427 A.4.3)
    RSA_PSS_SHA384,   //!< RSASSA-PSS, SHA-384, MGF1-SHA-384, salt 48
    RSA_PSS_SHA512,   //!< RSASSA-PSS, SHA-512, MGF1-SHA-512, salt 64
    ECDSA_SHA256,     //!< ecdsa-with-SHA256
    ECDSA_SHA384,     //!< ecdsa-with-SHA384
    ECDSA_SHA512,     //!< ecdsa-with-SHA512
    ED25519,          //!< id-Ed25519, pure EdDSA (RFC 8420)
};

/**
 * \ingroup ipsec
 * \brief Hash algorithm identifiers of the SIGNATURE_HASH_ALGORITHMS notification
 * (RFC 7427 section 4; IANA "IKEv2 Hash Algorithms", RFC 8420 for Identity).
 */
enum class SignatureHashId : uint16_t
{
    SHA1 = 1,
    SHA2_256 = 2,
    SHA2_384 = 3,
    SHA2_512 = 4,
    IDENTITY = 5, //!< no pre-hash: the scheme signs the message itself (Ed25519)
};

/**
 * \ingroup ipsec
 * \brief Outcome of signing or verifying AUTH data.
 */
enum class SignatureStatus
{
    OK,                 //!< signature made / verified
    UNSUPPORTED_METHOD, //!< authentication method not a signature method we implement
    KEY_MISMATCH,       //!< the key cannot be used with this method or scheme
    UNKNOWN_ALGORITHM,  //!< RFC 7427 AlgorithmIdentifier not recognised
    MALFORMED,          //!< AUTH data or signature encoding malformed
    BAD_SIGNATURE,      //!< the signature does not verify
    BACKEND_ERROR,      //!< OpenSSL failed
};

/**
 * \brief Name of a signature status.
 * \param status the status
 * \return e.g. "BAD_SIGNATURE"
 */
const char* SignatureStatusName(SignatureStatus status);

/**
 * \ingroup ipsec
 * \brief The RFC 7427 vocabulary of signature schemes: their DER AlgorithmIdentifier, their
 * hash, the keys they fit.
 */
class SignatureAlgorithm
{
  public:
    /**
     * \brief DER AlgorithmIdentifier of a scheme (RFC 7427 Appendix A, RFC 8420 section 2).
     * \param scheme the scheme
     * \return the DER octets
     */
    static Bytes EncodeAlgorithmIdentifier(SignatureScheme scheme);

    /**
     * \brief Parse a DER AlgorithmIdentifier.
     *
     * Accepts the PKCS#1 v1.5 OIDs with NULL or absent parameters, ECDSA and Ed25519 OIDs with
     * absent parameters, and RSASSA-PSS with SHA-256/384/512, MGF1 with the same hash, a salt
     * as long as the hash and trailer field 1 (explicit or default).
     * \param der the encoding (exactly one AlgorithmIdentifier)
     * \param scheme the scheme found
     * \return OK, MALFORMED (not valid DER) or UNKNOWN_ALGORITHM (valid, not supported)
     */
    [[nodiscard]] static SignatureStatus ParseAlgorithmIdentifier(ByteView der,
                                                                  SignatureScheme& scheme);

    /**
     * \brief Hash of a scheme.
     * \param scheme the scheme
     * \return its SIGNATURE_HASH_ALGORITHMS identifier (IDENTITY for Ed25519)
     */
    static SignatureHashId GetHash(SignatureScheme scheme);

    /**
     * \brief OpenSSL digest name of a scheme's hash.
     * \param scheme the scheme
     * \return e.g. "SHA256", or nullptr for Ed25519
     */
    static const char* GetDigestName(SignatureScheme scheme);

    /**
     * \brief Whether a key of @p type can make signatures of @p scheme.
     * \param scheme the scheme
     * \param type the key type
     * \return true if it can
     */
    static bool IsCompatible(SignatureScheme scheme, KeyType type);

    /**
     * \brief Schemes a key can sign with under RFC 7427, preferred first.
     * \param type the key type
     * \return the schemes
     */
    static std::vector<SignatureScheme> GetSchemesFor(KeyType type);

    /**
     * \brief Hash identifiers to announce in SIGNATURE_HASH_ALGORITHMS for a key (RFC 7427 4).
     * \param type the key type
     * \return the identifiers, ascending
     */
    static std::vector<SignatureHashId> GetHashesFor(KeyType type);

    /**
     * \brief Choose the scheme to sign with under RFC 7427: the key's most preferred scheme
     * whose hash the peer announced in its SIGNATURE_HASH_ALGORITHMS notification (section 4).
     * \param type the signer's key type
     * \param peerHashes the hash identifiers the peer announced
     * \param scheme the chosen scheme
     * \return true if one fits, false if the peer supports none of the key's hashes
     */
    [[nodiscard]] static bool SelectScheme(KeyType type,
                                           const std::vector<SignatureHashId>& peerHashes,
                                           SignatureScheme& scheme);

    /**
     * \brief Name of a scheme.
     * \param scheme the scheme
     * \return e.g. "RSA_PSS_SHA256"
     */
    static const char* GetName(SignatureScheme scheme);

    /// \return every scheme, in enum order
    static std::vector<SignatureScheme> GetAll();
};

} // namespace ns3

#endif // IPSEC_SIGNATURE_ALGORITHM_H
