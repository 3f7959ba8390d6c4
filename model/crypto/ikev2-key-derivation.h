/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_IKEV2_KEY_DERIVATION_H
#define IPSEC_IKEV2_KEY_DERIVATION_H

#include "crypto-types.h"
#include "transform-ids.h"

#include <cstdint>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Key sizes, in octets, that a negotiated suite takes from prf+.
 *
 * The caller fills it (or lets Ikev2KeyDerivation::GetIkeSaKeySizes() /
 * GetChildSaKeySizes() fill it from transform IDs). Encryption keys include the salt or nonce
 * that the transform takes from the key material (AES-CTR, AES-GCM, AES-CCM, ChaCha20-Poly1305);
 * with an AEAD the integrity key size is 0.
 */
struct Ikev2KeySizes
{
    size_t prfKey{0};   //!< SK_d, SK_pi, SK_pr: the PRF's preferred key size (IKE SA only)
    size_t integKey{0}; //!< SK_ai, SK_ar, or a Child SA's integrity keys
    size_t encrKey{0};  //!< SK_ei, SK_er, or a Child SA's encryption keys (salt included)
};

/**
 * \ingroup ipsec
 * \brief The seven secrets of an IKE SA (RFC 7296 2.14), in prf+ order.
 */
struct Ikev2SaKeys
{
    Bytes skD;  //!< derives Child SA keys and the next SKEYSEED
    Bytes skAi; //!< integrity, initiator to responder (empty with an AEAD)
    Bytes skAr; //!< integrity, responder to initiator (empty with an AEAD)
    Bytes skEi; //!< encryption, initiator to responder
    Bytes skEr; //!< encryption, responder to initiator
    Bytes skPi; //!< the initiator's AUTH payload key
    Bytes skPr; //!< the responder's AUTH payload key
};

/**
 * \ingroup ipsec
 * \brief The keys of one direction of a Child SA (one ESP or AH SA).
 */
struct Ikev2ChildDirectionKeys
{
    Bytes encr;  //!< encryption key, salt included (empty for AH or ENCR_NULL)
    Bytes integ; //!< integrity key (empty with an AEAD)
};

/**
 * \ingroup ipsec
 * \brief The keys of a Child SA pair, split from KEYMAT as RFC 7296 2.17 orders them.
 */
struct Ikev2ChildKeys
{
    Ikev2ChildDirectionKeys initiatorToResponder; //!< taken first from KEYMAT
    Ikev2ChildDirectionKeys responderToInitiator; //!< taken next
};

/**
 * \ingroup ipsec
 * \brief IKEv2 key derivations: SKEYSEED, the IKE SA keys, Child SA KEYMAT and the SKEYSEED of
 * a rekeyed IKE SA (RFC 7296 2.13, 2.14, 2.17, 2.18).
 *
 * Inputs are octet strings as they appear on the wire: nonces are Nonce payload bodies, g^ir is
 * the shared secret padded to the group's length, SPIs are the 8-octet IKE SPIs (big endian on
 * the wire). Nonce sizes are not checked against RFC 7296 2.10 (16 to 256 octets); the Nonce
 * payload decoder does that, and NIST's published vectors use shorter nonces.
 */
class Ikev2KeyDerivation
{
  public:
    /**
     * \brief SKEYSEED = prf(Ni | Nr, g^ir) (RFC 7296 2.14).
     *
     * With AES128-XCBC or AES128-CMAC as the PRF, only the first 64 bits of Ni and of Nr form
     * the key, as 2.14 requires for those fixed-key-size PRFs.
     * \param prf the negotiated PRF
     * \param ni the initiator's nonce
     * \param nr the responder's nonce
     * \param sharedSecret g^ir
     * \param skeyseed replaced by SKEYSEED (the PRF's output size)
     * \return OK; BAD_INPUT_LENGTH for an empty nonce or secret, or a nonce shorter than 8
     * octets with an AES PRF; UNSUPPORTED for an unknown PRF
     */
    [[nodiscard]] static CryptoStatus ComputeSkeyseed(PrfId prf,
                                                      ByteView ni,
                                                      ByteView nr,
                                                      ByteView sharedSecret,
                                                      Bytes* skeyseed);

    /**
     * \brief {SK_d | SK_ai | SK_ar | SK_ei | SK_er | SK_pi | SK_pr} =
     * prf+(SKEYSEED, Ni | Nr | SPIi | SPIr) (RFC 7296 2.14).
     * \param prf the negotiated PRF (of the new IKE SA when rekeying, RFC 7296 2.18)
     * \param skeyseed SKEYSEED
     * \param ni the initiator's nonce
     * \param nr the responder's nonce
     * \param spiI the initiator's IKE SPI
     * \param spiR the responder's IKE SPI
     * \param sizes key sizes; sizes.prfKey must be the PRF's preferred key size
     * \param keys replaced by the seven keys
     * \return OK; BAD_KEY_LENGTH if sizes.prfKey is not the PRF's preferred key size or
     * SKEYSEED is empty; BAD_INPUT_LENGTH if the keys need more than 255 prf+ blocks
     */
    [[nodiscard]] static CryptoStatus DeriveSaKeys(PrfId prf,
                                                   ByteView skeyseed,
                                                   ByteView ni,
                                                   ByteView nr,
                                                   uint64_t spiI,
                                                   uint64_t spiR,
                                                   const Ikev2KeySizes& sizes,
                                                   Ikev2SaKeys* keys);

    /**
     * \brief SKEYSEED of an IKE SA made by rekeying: prf(SK_d (old), g^ir (new) | Ni | Nr)
     * (RFC 7296 2.18).
     * \param oldPrf the PRF of the IKE SA being rekeyed (2.18: the exchange belongs to it)
     * \param oldSkD SK_d of the IKE SA being rekeyed
     * \param newSharedSecret g^ir of the CREATE_CHILD_SA exchange
     * \param ni the initiator's nonce of the CREATE_CHILD_SA exchange
     * \param nr the responder's nonce of the CREATE_CHILD_SA exchange
     * \param skeyseed replaced by the new SKEYSEED
     * \return OK; BAD_KEY_LENGTH for an empty SK_d; BAD_INPUT_LENGTH for an empty nonce or
     * secret (2.18: a Diffie-Hellman exchange is mandatory)
     */
    [[nodiscard]] static CryptoStatus ComputeRekeySkeyseed(PrfId oldPrf,
                                                           ByteView oldSkD,
                                                           ByteView newSharedSecret,
                                                           ByteView ni,
                                                           ByteView nr,
                                                           Bytes* skeyseed);

    /**
     * \brief Child SA KEYMAT = prf+(SK_d, Ni | Nr), or with PFS prf+(SK_d, g^ir (new) | Ni | Nr)
     * (RFC 7296 2.17).
     * \param prf the IKE SA's PRF
     * \param skD SK_d of the IKE SA
     * \param newSharedSecret g^ir of the CREATE_CHILD_SA exchange; empty without PFS
     * \param ni the initiator's nonce (of IKE_SA_INIT for the first Child SA, else of
     * CREATE_CHILD_SA)
     * \param nr the responder's nonce, likewise
     * \param length octets of KEYMAT wanted
     * \param keymat replaced by KEYMAT
     * \return OK; BAD_KEY_LENGTH for an empty SK_d; BAD_INPUT_LENGTH for an empty nonce or a
     * length beyond 255 prf+ blocks
     */
    [[nodiscard]] static CryptoStatus ComputeChildKeymat(PrfId prf,
                                                         ByteView skD,
                                                         ByteView newSharedSecret,
                                                         ByteView ni,
                                                         ByteView nr,
                                                         size_t length,
                                                         Bytes* keymat);

    /**
     * \brief The keys of a Child SA pair: KEYMAT split as RFC 7296 2.17 and RFC 4301 order it
     * (initiator-to-responder encryption key, its integrity key, then the same for
     * responder-to-initiator).
     * \param prf the IKE SA's PRF
     * \param skD SK_d of the IKE SA
     * \param newSharedSecret g^ir of the CREATE_CHILD_SA exchange; empty without PFS
     * \param ni the initiator's nonce
     * \param nr the responder's nonce
     * \param sizes encryption and integrity key sizes (prfKey is ignored)
     * \param keys replaced by the keys of both directions
     * \return as ComputeChildKeymat()
     */
    [[nodiscard]] static CryptoStatus DeriveChildKeys(PrfId prf,
                                                      ByteView skD,
                                                      ByteView newSharedSecret,
                                                      ByteView ni,
                                                      ByteView nr,
                                                      const Ikev2KeySizes& sizes,
                                                      Ikev2ChildKeys* keys);

    /**
     * \brief Key sizes of an IKE SA suite.
     * \param prf the PRF
     * \param encr the encryption transform
     * \param keyBits its Key Length attribute (0 when absent)
     * \param integ the integrity transform (IntegId::NONE with an AEAD)
     * \param sizes replaced by the sizes
     * \return OK; BAD_KEY_LENGTH for a key length the cipher does not have; UNSUPPORTED for an
     * unknown transform, an AEAD with an integrity transform, a non-AEAD cipher without one, or
     * an ESP-only cipher
     */
    [[nodiscard]] static CryptoStatus GetIkeSaKeySizes(PrfId prf,
                                                       EncrId encr,
                                                       uint16_t keyBits,
                                                       IntegId integ,
                                                       Ikev2KeySizes* sizes);

    /**
     * \brief Key sizes of an ESP or AH Child SA suite (prfKey is set to 0).
     * \param encr the encryption transform (EncrId::NULL_ENCR for AH)
     * \param keyBits its Key Length attribute (0 when absent)
     * \param integ the integrity transform (IntegId::NONE with an AEAD)
     * \param sizes replaced by the sizes
     * \return OK; BAD_KEY_LENGTH for a key length the cipher does not have; UNSUPPORTED for an
     * unknown transform, an AEAD with an integrity transform, or neither encryption nor
     * integrity
     */
    [[nodiscard]] static CryptoStatus GetChildSaKeySizes(EncrId encr,
                                                         uint16_t keyBits,
                                                         IntegId integ,
                                                         Ikev2KeySizes* sizes);

    /**
     * \brief Octets of key material an encryption transform takes, salt or nonce included
     * (RFC 3686 / RFC 5930 AES-CTR +4, RFC 4106 / RFC 5282 GCM +4, RFC 4309 / RFC 5282 CCM +3,
     * RFC 4543 GMAC +4, RFC 7634 ChaCha20-Poly1305 +4).
     * \param encr the encryption transform
     * \param keyBits its Key Length attribute (0 when absent; required for the AES modes)
     * \param size replaced by the size
     * \return OK, BAD_KEY_LENGTH or UNSUPPORTED
     */
    [[nodiscard]] static CryptoStatus GetEncrKeySize(EncrId encr, uint16_t keyBits, size_t* size);

    /**
     * \brief Key size of an integrity transform (RFC 2404, RFC 3566, RFC 4494, RFC 4868).
     * \param integ the integrity transform
     * \param size replaced by the size (0 for IntegId::NONE)
     * \return OK or UNSUPPORTED
     */
    [[nodiscard]] static CryptoStatus GetIntegKeySize(IntegId integ, size_t* size);

    /**
     * \brief Whether an encryption transform is a combined mode (AEAD) with no separate
     * integrity key.
     * \param encr the encryption transform
     * \return true for AES-GCM, AES-CCM, AES-GMAC and ChaCha20-Poly1305
     */
    static bool IsAead(EncrId encr);
};

} // namespace ns3

#endif // IPSEC_IKEV2_KEY_DERIVATION_H
