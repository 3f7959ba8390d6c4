/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_SIGNER_H
#define IPSEC_SIGNER_H

#include "crypto-types.h"
#include "private-key.h"
#include "public-key.h"
#include "signature-algorithm.h"
#include "transform-ids.h"

namespace ns3
{

class RandomSource;

/**
 * \ingroup ipsec
 * \brief Signatures for IKE authentication: the raw schemes and the Authentication Data of the
 * IKEv2 AUTH payload for the signature methods (RFC 7296 3.8, RFC 4754, RFC 7427, RFC 8420).
 *
 * | method | AUTH data                                                    |
 * |--------|--------------------------------------------------------------|
 * | 1      | RSASSA-PKCS1-v1_5 with SHA-1 (RSA key)                       |
 * | 9      | ECDSA P-256 / SHA-256, r \|\| s, 32 octets each (RFC 4754)   |
 * | 10     | ECDSA P-384 / SHA-384, r \|\| s, 48 octets each               |
 * | 11     | ECDSA P-521 / SHA-512, r \|\| s, 66 octets each               |
 * | 14     | length (1 octet) \|\| DER AlgorithmIdentifier \|\| signature  |
 *
 * Signing draws DeterministicRng::SEED_SIZE octets from the RandomSource (none for Ed25519,
 * which is deterministic by design), so the ECDSA nonce and the PSS salt follow the seed.
 */
class Signer
{
  public:
    /**
     * \brief Sign a message with a scheme (ECDSA signatures DER-encoded, RFC 3279 2.2.3).
     * \param key the private key
     * \param rng the node's random source
     * \param scheme the scheme
     * \param message the message (hashed by the scheme)
     * \param signature the signature
     * \return OK, KEY_MISMATCH if the key does not fit the scheme, BACKEND_ERROR
     */
    [[nodiscard]] static SignatureStatus Sign(const PrivateKey& key,
                                              RandomSource& rng,
                                              SignatureScheme scheme,
                                              ByteView message,
                                              Bytes& signature);

    /**
     * \brief Verify a signature made by Sign().
     * \param key the public key
     * \param scheme the scheme
     * \param message the message
     * \param signature the signature
     * \return OK, KEY_MISMATCH, BAD_SIGNATURE
     */
    [[nodiscard]] static SignatureStatus Verify(const PublicKey& key,
                                                SignatureScheme scheme,
                                                ByteView message,
                                                ByteView signature);

    /**
     * \brief Make the Authentication Data of an AUTH payload.
     * \param key the private key
     * \param rng the node's random source
     * \param method RSA_SIG, ECDSA_SHA256_P256, ECDSA_SHA384_P384, ECDSA_SHA512_P521 or
     *        DIGITAL_SIGNATURE
     * \param scheme the scheme for DIGITAL_SIGNATURE (ignored by the other methods)
     * \param octets the octets to sign (RFC 7296 2.15 InitiatorSignedOctets or
     *        ResponderSignedOctets)
     * \param authData the Authentication Data
     * \return OK, UNSUPPORTED_METHOD, KEY_MISMATCH, BACKEND_ERROR
     */
    [[nodiscard]] static SignatureStatus SignAuth(const PrivateKey& key,
                                                  RandomSource& rng,
                                                  AuthMethod method,
                                                  SignatureScheme scheme,
                                                  ByteView octets,
                                                  Bytes& authData);

    /**
     * \brief Verify the Authentication Data of an AUTH payload.
     * \param key the peer's public key (from its certificate or configuration)
     * \param method the payload's Auth Method
     * \param authData the Authentication Data
     * \param octets the octets the peer signed
     * \param scheme if not null, where to store the scheme used
     * \return OK, UNSUPPORTED_METHOD, KEY_MISMATCH, UNKNOWN_ALGORITHM, MALFORMED, BAD_SIGNATURE
     */
    [[nodiscard]] static SignatureStatus VerifyAuth(const PublicKey& key,
                                                    AuthMethod method,
                                                    ByteView authData,
                                                    ByteView octets,
                                                    SignatureScheme* scheme = nullptr);

    /**
     * \brief Whether an authentication method is one of the signature methods above.
     * \param method the method
     * \return true for methods 1, 9, 10, 11 and 14
     */
    static bool IsSignatureMethod(AuthMethod method);

    /**
     * \brief Convert a DER ECDSA-Sig-Value to r || s of fixed width (RFC 4754 7).
     * \param der the DER signature
     * \param width octets per integer (32, 48 or 66)
     * \param out r || s
     * \return OK or MALFORMED
     */
    [[nodiscard]] static SignatureStatus EcdsaDerToFixed(ByteView der, size_t width, Bytes& out);

    /**
     * \brief Convert r || s to a DER ECDSA-Sig-Value.
     * \param fixed r || s, two integers of equal width
     * \param out the DER signature
     * \return OK or MALFORMED
     */
    [[nodiscard]] static SignatureStatus EcdsaFixedToDer(ByteView fixed, Bytes& out);
};

} // namespace ns3

#endif // IPSEC_SIGNER_H
