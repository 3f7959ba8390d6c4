/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_IKEV2_AUTH_DATA_H
#define IPSEC_IKEV2_AUTH_DATA_H

#include "crypto-types.h"
#include "transform-ids.h"

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief What one peer's AUTH payload covers (RFC 7296 2.15).
 *
 * For the initiator: its IKE_SA_INIT request, the responder's nonce, its own ID payload and
 * SK_pi. For the responder: its IKE_SA_INIT response, the initiator's nonce, its own ID payload
 * and SK_pr.
 */
struct Ikev2SignedOctetsInput
{
    ByteView realMessage;     //!< the peer's own first message, from the IKE header on
    ByteView peerNonce;       //!< the other side's Nonce payload body (NonceRData / NonceIData)
    ByteView restOfIdPayload; //!< own ID payload body: ID Type | RESERVED | ID data
    ByteView skP;             //!< SK_pi (initiator) or SK_pr (responder)
};

/**
 * \ingroup ipsec
 * \brief The data an IKEv2 AUTH payload authenticates, and the shared-key AUTH value
 * (RFC 7296 2.15, without EAP).
 *
 * Signature methods sign the octets from ComputeSignedOctets(); shared-key MIC authentication
 * computes AUTH = prf( prf(Shared Secret, "Key Pad for IKEv2"), <SignedOctets>).
 */
class Ikev2AuthData
{
  public:
    /// The 17 ASCII octets of the shared-key pad (RFC 7296 2.15), no terminating NUL.
    static constexpr char KEY_PAD[] = "Key Pad for IKEv2";

    /**
     * \brief SignedOctets = RealMessage | NonceData | prf(SK_p, RestOfIDPayload).
     * \param prf the IKE SA's PRF
     * \param input the message, nonce, ID payload body and SK_p
     * \param octets replaced by the signed octets
     * \return OK; BAD_INPUT_LENGTH for an empty message, nonce or ID; BAD_KEY_LENGTH for an
     * empty SK_p; UNSUPPORTED for an unknown PRF
     */
    [[nodiscard]] static CryptoStatus ComputeSignedOctets(PrfId prf,
                                                          const Ikev2SignedOctetsInput& input,
                                                          Bytes* octets);

    /**
     * \brief AUTH = prf( prf(Shared Secret, "Key Pad for IKEv2"), <SignedOctets>) for
     * authentication method 2 (Shared Key Message Integrity Code).
     * \param prf the IKE SA's PRF
     * \param sharedSecret the pre-shared key
     * \param signedOctets from ComputeSignedOctets()
     * \param auth replaced by the AUTH payload's Authentication Data
     * \return OK; BAD_KEY_LENGTH for an empty shared secret; BAD_INPUT_LENGTH for empty signed
     * octets; UNSUPPORTED for an unknown PRF
     */
    [[nodiscard]] static CryptoStatus ComputeSharedKeyAuth(PrfId prf,
                                                           ByteView sharedSecret,
                                                           ByteView signedOctets,
                                                           Bytes* auth);

    /**
     * \brief Check a peer's shared-key AUTH value, in constant time.
     * \param prf the IKE SA's PRF
     * \param sharedSecret the pre-shared key
     * \param signedOctets the peer's signed octets (from ComputeSignedOctets())
     * \param received the Authentication Data of the peer's AUTH payload
     * \return OK if it matches; AUTH_FAILED if not (including a length mismatch); the errors of
     * ComputeSharedKeyAuth() otherwise
     */
    [[nodiscard]] static CryptoStatus VerifySharedKeyAuth(PrfId prf,
                                                          ByteView sharedSecret,
                                                          ByteView signedOctets,
                                                          ByteView received);
};

} // namespace ns3

#endif // IPSEC_IKEV2_AUTH_DATA_H
