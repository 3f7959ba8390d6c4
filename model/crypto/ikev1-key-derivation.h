/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_IKEV1_KEY_DERIVATION_H
#define IPSEC_IKEV1_KEY_DERIVATION_H

#include "crypto-types.h"
#include "transform-ids.h"

#include <cstdint>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief IKEv1 hash algorithms by their Oakley "Hash Algorithm" attribute value (RFC 2409
 * appendix A, RFC 4868 for SHA-2).
 */
enum class Ikev1HashId : uint16_t
{
    MD5 = 1,
    SHA1 = 2,
    TIGER = 3, //!< defined, not implemented
    SHA2_256 = 4,
    SHA2_384 = 5,
    SHA2_512 = 6,
};

/**
 * \ingroup ipsec
 * \brief SKEYID and the three keys derived from it (RFC 2409 section 5).
 */
struct Ikev1Skeyids
{
    Bytes skeyid;  //!< SKEYID
    Bytes skeyidD; //!< keys non-ISAKMP SAs (quick mode KEYMAT)
    Bytes skeyidA; //!< authenticates ISAKMP messages (HASH payloads)
    Bytes skeyidE; //!< encrypts ISAKMP messages (expanded by appendix B)
};

/**
 * \ingroup ipsec
 * \brief What HASH_I or HASH_R of main or aggressive mode covers (RFC 2409 section 5).
 *
 * Fill it the same way for both: HASH_I uses the initiator's ID payload body, HASH_R the
 * responder's; the functions order the fields as the RFC does.
 */
struct Ikev1HashInput
{
    ByteView gxi;     //!< the initiator's public Diffie-Hellman value g^xi
    ByteView gxr;     //!< the responder's public value g^xr
    uint64_t ckyI{0}; //!< initiator cookie
    uint64_t ckyR{0}; //!< responder cookie
    ByteView saiB;    //!< body of the initiator's SA payload (no generic header)
    ByteView idB;     //!< body of the hashing peer's ID payload (IDii_b or IDir_b)
};

/**
 * \ingroup ipsec
 * \brief The keys of one IPsec SA from quick mode KEYMAT.
 */
struct Ikev1QuickModeKeys
{
    Bytes encr;  //!< encryption key, taken first
    Bytes integ; //!< authentication key, taken next
};

/**
 * \ingroup ipsec
 * \brief IKEv1 key derivations (RFC 2409 section 5, 5.5 and appendix B): SKEYID for
 * pre-shared key and signature authentication, SKEYID_d/a/e, the ISAKMP encryption key, HASH_I
 * and HASH_R, quick mode KEYMAT and HASH(1)/(2)/(3), and the CBC IVs of phase 1 and phase 2.
 *
 * The PRF is the HMAC of the negotiated hash unless a PRF was negotiated (GetPrfForHash()).
 * Nonces (Ni_b, Nr_b) are Nonce payload bodies; g^xy is the shared secret padded to the group
 * length; cookies and SPIs are put in the order of the wire (most significant octet first).
 */
class Ikev1KeyDerivation
{
  public:
    /**
     * \brief The PRF of a negotiated hash: its HMAC.
     * \param hash the Oakley hash algorithm
     * \param prf replaced by the PRF
     * \return OK, or UNSUPPORTED for Tiger or an unknown value
     */
    [[nodiscard]] static CryptoStatus GetPrfForHash(Ikev1HashId hash, PrfId* prf);

    /**
     * \brief SKEYID = prf(pre-shared-key, Ni_b | Nr_b) for pre-shared key authentication.
     * \param prf the phase 1 PRF
     * \param preSharedKey the pre-shared key
     * \param niB the initiator's nonce
     * \param nrB the responder's nonce
     * \param skeyid replaced by SKEYID
     * \return OK; BAD_KEY_LENGTH for an empty key; BAD_INPUT_LENGTH for an empty nonce;
     * UNSUPPORTED for an unknown PRF
     */
    [[nodiscard]] static CryptoStatus ComputeSkeyidPreSharedKey(PrfId prf,
                                                                ByteView preSharedKey,
                                                                ByteView niB,
                                                                ByteView nrB,
                                                                Bytes* skeyid);

    /**
     * \brief SKEYID = prf(Ni_b | Nr_b, g^xy) for signature authentication (DSS, RSA).
     * \param prf the phase 1 PRF
     * \param niB the initiator's nonce
     * \param nrB the responder's nonce
     * \param sharedSecret g^xy
     * \param skeyid replaced by SKEYID
     * \return OK; BAD_INPUT_LENGTH for an empty nonce or secret; UNSUPPORTED for an unknown PRF
     */
    [[nodiscard]] static CryptoStatus ComputeSkeyidSignature(PrfId prf,
                                                             ByteView niB,
                                                             ByteView nrB,
                                                             ByteView sharedSecret,
                                                             Bytes* skeyid);

    /**
     * \brief SKEYID_d = prf(SKEYID, g^xy | CKY-I | CKY-R | 0),
     * SKEYID_a = prf(SKEYID, SKEYID_d | g^xy | CKY-I | CKY-R | 1),
     * SKEYID_e = prf(SKEYID, SKEYID_a | g^xy | CKY-I | CKY-R | 2).
     * \param prf the phase 1 PRF
     * \param skeyid SKEYID
     * \param sharedSecret g^xy
     * \param ckyI the initiator cookie
     * \param ckyR the responder cookie
     * \param keys replaced by SKEYID (a copy) and the three derived keys
     * \return OK; BAD_KEY_LENGTH for an empty SKEYID; BAD_INPUT_LENGTH for an empty secret
     */
    [[nodiscard]] static CryptoStatus DeriveSkeyids(PrfId prf,
                                                    ByteView skeyid,
                                                    ByteView sharedSecret,
                                                    uint64_t ckyI,
                                                    uint64_t ckyR,
                                                    Ikev1Skeyids* keys);

    /**
     * \brief The ISAKMP SA encryption key from SKEYID_e (RFC 2409 appendix B): its first octets
     * when it is long enough, else the first octets of Ka = K1 | K2 | ... with
     * K1 = prf(SKEYID_e, 0) (one zero octet) and Kn = prf(SKEYID_e, K(n-1)).
     * \param prf the phase 1 PRF
     * \param skeyidE SKEYID_e
     * \param keySize octets the cipher needs
     * \param key replaced by the key
     * \return OK; BAD_KEY_LENGTH for an empty SKEYID_e
     */
    [[nodiscard]] static CryptoStatus ExpandEncryptionKey(PrfId prf,
                                                          ByteView skeyidE,
                                                          size_t keySize,
                                                          Bytes* key);

    /**
     * \brief HASH_I = prf(SKEYID, g^xi | g^xr | CKY-I | CKY-R | SAi_b | IDii_b).
     * \param prf the phase 1 PRF
     * \param skeyid SKEYID
     * \param input the exchanged values, idB being IDii_b
     * \param hash replaced by HASH_I
     * \return OK; BAD_KEY_LENGTH for an empty SKEYID; BAD_INPUT_LENGTH for an empty public
     * value, SA or ID body
     */
    [[nodiscard]] static CryptoStatus ComputeHashI(PrfId prf,
                                                   ByteView skeyid,
                                                   const Ikev1HashInput& input,
                                                   Bytes* hash);

    /**
     * \brief HASH_R = prf(SKEYID, g^xr | g^xi | CKY-R | CKY-I | SAi_b | IDir_b).
     * \param prf the phase 1 PRF
     * \param skeyid SKEYID
     * \param input the exchanged values, idB being IDir_b
     * \param hash replaced by HASH_R
     * \return as ComputeHashI()
     */
    [[nodiscard]] static CryptoStatus ComputeHashR(PrfId prf,
                                                   ByteView skeyid,
                                                   const Ikev1HashInput& input,
                                                   Bytes* hash);

    /**
     * \brief Quick mode KEYMAT = K1 | K2 | ... (RFC 2409 5.5) with
     * K1 = prf(SKEYID_d, [g(qm)^xy |] protocol | SPI | Ni_b | Nr_b) and
     * Kn = prf(SKEYID_d, K(n-1) | [g(qm)^xy |] protocol | SPI | Ni_b | Nr_b).
     * \param prf the phase 1 PRF
     * \param skeyidD SKEYID_d
     * \param pfsSharedSecret g(qm)^xy of quick mode with PFS; empty without PFS
     * \param protocol the protocol ID of the SA (3 ESP, 2 AH)
     * \param spi the SPI of the SA being keyed (the one its receiver chose)
     * \param niB the quick mode initiator's nonce
     * \param nrB the quick mode responder's nonce
     * \param length octets wanted
     * \param keymat replaced by KEYMAT
     * \return OK; BAD_KEY_LENGTH for an empty SKEYID_d; BAD_INPUT_LENGTH for an empty nonce
     */
    [[nodiscard]] static CryptoStatus ComputeQuickModeKeymat(PrfId prf,
                                                             ByteView skeyidD,
                                                             ByteView pfsSharedSecret,
                                                             uint8_t protocol,
                                                             uint32_t spi,
                                                             ByteView niB,
                                                             ByteView nrB,
                                                             size_t length,
                                                             Bytes* keymat);

    /**
     * \brief The keys of one IPsec SA: KEYMAT split into the encryption key, then the
     * authentication key.
     * \param prf the phase 1 PRF
     * \param skeyidD SKEYID_d
     * \param pfsSharedSecret g(qm)^xy with PFS; empty without PFS
     * \param protocol the protocol ID (3 ESP, 2 AH)
     * \param spi the SPI of the SA
     * \param niB the initiator's nonce
     * \param nrB the responder's nonce
     * \param encrKeySize encryption key octets (0 for AH)
     * \param integKeySize authentication key octets
     * \param keys replaced by the keys
     * \return as ComputeQuickModeKeymat()
     */
    [[nodiscard]] static CryptoStatus DeriveQuickModeKeys(PrfId prf,
                                                          ByteView skeyidD,
                                                          ByteView pfsSharedSecret,
                                                          uint8_t protocol,
                                                          uint32_t spi,
                                                          ByteView niB,
                                                          ByteView nrB,
                                                          size_t encrKeySize,
                                                          size_t integKeySize,
                                                          Ikev1QuickModeKeys* keys);

    /**
     * \brief Phase 1 IV = hash(g^xi | g^xr), truncated to the cipher block (RFC 2409
     * appendix B).
     * \param hash the negotiated hash
     * \param gxi the initiator's public value
     * \param gxr the responder's public value
     * \param blockSize the cipher block size
     * \param iv replaced by the IV
     * \return OK; BAD_INPUT_LENGTH for an empty value or a block size of 0 or larger than the
     * hash; UNSUPPORTED for an unknown hash
     */
    [[nodiscard]] static CryptoStatus ComputePhase1Iv(Ikev1HashId hash,
                                                      ByteView gxi,
                                                      ByteView gxr,
                                                      size_t blockSize,
                                                      Bytes* iv);

    /**
     * \brief Phase 2 (quick mode and informational) IV = hash(last phase-1 CBC output block |
     * M-ID), truncated to the cipher block (RFC 2409 appendix B).
     * \param hash the negotiated hash
     * \param lastPhase1Block the last ciphertext block of phase 1
     * \param messageId the exchange's Message ID
     * \param blockSize the cipher block size
     * \param iv replaced by the IV
     * \return as ComputePhase1Iv()
     */
    [[nodiscard]] static CryptoStatus ComputePhase2Iv(Ikev1HashId hash,
                                                      ByteView lastPhase1Block,
                                                      uint32_t messageId,
                                                      size_t blockSize,
                                                      Bytes* iv);

    /**
     * \brief Quick mode HASH(1) = prf(SKEYID_a, M-ID | message after HASH(1)); the same form
     * is the HASH(1) of an informational exchange (RFC 2409 5.5, 5.7).
     * \param prf the phase 1 PRF
     * \param skeyidA SKEYID_a
     * \param messageId the Message ID
     * \param rest the message after the HASH payload, generic payload headers included
     * \param hash replaced by HASH(1)
     * \return OK; BAD_KEY_LENGTH for an empty SKEYID_a; BAD_INPUT_LENGTH for an empty message
     */
    [[nodiscard]] static CryptoStatus ComputeQuickModeHash1(PrfId prf,
                                                            ByteView skeyidA,
                                                            uint32_t messageId,
                                                            ByteView rest,
                                                            Bytes* hash);

    /**
     * \brief Quick mode HASH(2) = prf(SKEYID_a, M-ID | Ni_b | message after HASH(2)).
     * \param prf the phase 1 PRF
     * \param skeyidA SKEYID_a
     * \param messageId the Message ID
     * \param niB the initiator's quick mode nonce
     * \param rest the message after the HASH payload
     * \param hash replaced by HASH(2)
     * \return as ComputeQuickModeHash1(), BAD_INPUT_LENGTH also for an empty nonce
     */
    [[nodiscard]] static CryptoStatus ComputeQuickModeHash2(PrfId prf,
                                                            ByteView skeyidA,
                                                            uint32_t messageId,
                                                            ByteView niB,
                                                            ByteView rest,
                                                            Bytes* hash);

    /**
     * \brief Quick mode HASH(3) = prf(SKEYID_a, 0 | M-ID | Ni_b | Nr_b).
     * \param prf the phase 1 PRF
     * \param skeyidA SKEYID_a
     * \param messageId the Message ID
     * \param niB the initiator's quick mode nonce
     * \param nrB the responder's quick mode nonce
     * \param hash replaced by HASH(3)
     * \return OK; BAD_KEY_LENGTH for an empty SKEYID_a; BAD_INPUT_LENGTH for an empty nonce
     */
    [[nodiscard]] static CryptoStatus ComputeQuickModeHash3(PrfId prf,
                                                            ByteView skeyidA,
                                                            uint32_t messageId,
                                                            ByteView niB,
                                                            ByteView nrB,
                                                            Bytes* hash);
};

} // namespace ns3

#endif // IPSEC_IKEV1_KEY_DERIVATION_H
