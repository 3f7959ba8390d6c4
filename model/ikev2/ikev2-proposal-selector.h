/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_IKEV2_PROPOSAL_SELECTOR_H
#define IPSEC_IKEV2_PROPOSAL_SELECTOR_H

#include "ikev2-proposal-config.h"
#include "ikev2-transform-set.h"

#include "ns3/crypto-types.h"
#include "ns3/ikev2-proposal.h"
#include "ns3/transform-ids.h"

#include <vector>

/**
 * \file
 * \ingroup ipsec
 * SA negotiation (RFC 7296 2.7, 3.3.6): the responder picks one proposal, the initiator checks
 * the answer.
 */

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief What a negotiation step decided.
 */
enum class Ikev2ProposalOutcome
{
    CHOSEN,             //!< a proposal was chosen (responder) or the reply accepted (initiator)
    NO_PROPOSAL_CHOSEN, //!< nothing offered is acceptable: answer NO_PROPOSAL_CHOSEN
    MALFORMED,          //!< the offer breaks RFC 7296 3.3.1 (numbering, SPI size): INVALID_SYNTAX
    INVALID_KE_PAYLOAD, //!< chosen, but the KE payload is of another group (RFC 7296 1.2, 2.7)
    REPLY_REJECTED,     //!< initiator: the reply is not one of its offers; end the exchange
};

/**
 * \ingroup ipsec
 * \brief The exchange a Child SA is negotiated in, which decides what Transform Type 4 means.
 */
enum class Ikev2ChildExchange
{
    IKE_AUTH,        //!< no KE payloads: DH transforms other than NONE are omitted/ignored (1.2)
    CREATE_CHILD_SA, //!< DH transforms choose the PFS group (1.3.1, 1.3.2)
};

/**
 * \ingroup ipsec
 * \brief Builds SA payload offers and negotiates them, for both roles (RFC 7296 2.7, 3.3.6).
 *
 * The responder picks by its own preference, as strongSwan does by default: its proposals in
 * order, for each the offered proposals in order, and within a pair the first of its own
 * algorithms of each type that the offer contains. A proposal with an unknown Transform Type,
 * a transform type the protocol does not use, or a missing mandatory type is skipped; an
 * unknown or unsupported transform (ID, Key Length, other attribute) is skipped alone
 * (RFC 7296 3.3.6). Attributes of chosen transforms are returned unmodified and the reply keeps
 * the offered Proposal Num.
 *
 * All methods are stateless.
 */
class Ikev2ProposalSelector
{
  public:
    /**
     * \brief The proposals of an IKE SA payload, numbered from 1.
     * \param mine the node's proposals, in preference order
     * \param spi empty in IKE_SA_INIT, the new SPI when rekeying the IKE SA
     * \return one Proposal substructure per configuration
     */
    static std::vector<Ikev2Proposal> MakeIkeOffer(const std::vector<IkeProposalConfig>& mine,
                                                   const Bytes& spi = {});

    /**
     * \brief The proposals of a Child SA payload, numbered from 1.
     * \param mine the node's proposals, in preference order
     * \param spi the 4-octet SPI the initiator will receive with
     * \param exchange IKE_AUTH leaves the PFS groups out (RFC 7296 1.2 says SHOULD omit)
     * \return one Proposal substructure per configuration
     */
    static std::vector<Ikev2Proposal> MakeChildOffer(const std::vector<ChildProposalConfig>& mine,
                                                     const Bytes& spi,
                                                     Ikev2ChildExchange exchange);

    /**
     * \brief Responder: choose an IKE SA proposal.
     * \param offered the proposals of the initiator's SA payload
     * \param mine the node's proposals, in preference order
     * \param[out] chosen the negotiated transforms (on CHOSEN)
     * \param[out] reply the Proposal substructure to answer with (on CHOSEN)
     * \param spi the responder's new SPI when rekeying the IKE SA, empty in IKE_SA_INIT
     * \return CHOSEN, NO_PROPOSAL_CHOSEN or MALFORMED
     */
    [[nodiscard]] static Ikev2ProposalOutcome SelectIke(const std::vector<Ikev2Proposal>& offered,
                                                        const std::vector<IkeProposalConfig>& mine,
                                                        IkeTransformSet* chosen,
                                                        Ikev2Proposal* reply,
                                                        const Bytes& spi = {});

    /**
     * \brief Responder: choose an IKE SA proposal for an initiator that sent a KE payload of
     * group @p keGroup. Within the chosen pair of proposals that group is taken when both sides
     * accept it (strongSwan does the same, it saves a round trip); otherwise the answer is
     * INVALID_KE_PAYLOAD and chosen->dh is the group to name in it (RFC 7296 1.2, 2.7).
     * \param offered the proposals of the initiator's SA payload
     * \param mine the node's proposals, in preference order
     * \param keGroup the Diffie-Hellman Group Num of the initiator's KE payload
     * \param[out] chosen the negotiated transforms (CHOSEN, INVALID_KE_PAYLOAD)
     * \param[out] reply the Proposal substructure to answer with (CHOSEN)
     * \param spi the responder's new SPI when rekeying the IKE SA, empty in IKE_SA_INIT
     * \return CHOSEN, INVALID_KE_PAYLOAD, NO_PROPOSAL_CHOSEN or MALFORMED
     */
    [[nodiscard]] static Ikev2ProposalOutcome SelectIkeForKe(
        const std::vector<Ikev2Proposal>& offered,
        const std::vector<IkeProposalConfig>& mine,
        DhGroupId keGroup,
        IkeTransformSet* chosen,
        Ikev2Proposal* reply,
        const Bytes& spi = {});

    /**
     * \brief Responder: choose a Child SA proposal.
     *
     * In IKE_AUTH the PFS groups play no part: DH transforms are ignored (NONE is echoed when
     * offered) and chosen->dh is NONE. In CREATE_CHILD_SA a configuration without groups accepts
     * only offers without DH transforms or with NONE (no PFS); one with groups needs one of them
     * offered (NONE among them makes PFS optional). A KE payload of another group than the one
     * chosen gives INVALID_KE_PAYLOAD with chosen->dh the group to name.
     *
     * \param offered the proposals of the initiator's SA payload
     * \param mine the node's proposals, in preference order
     * \param exchange IKE_AUTH or CREATE_CHILD_SA
     * \param keGroup the group of the KE payload in CREATE_CHILD_SA, NONE without one
     * \param spi the responder's 4-octet inbound SPI, carried in the reply
     * \param[out] chosen the negotiated transforms (CHOSEN, INVALID_KE_PAYLOAD)
     * \param[out] reply the Proposal substructure to answer with (CHOSEN)
     * \return CHOSEN, INVALID_KE_PAYLOAD, NO_PROPOSAL_CHOSEN or MALFORMED
     */
    [[nodiscard]] static Ikev2ProposalOutcome SelectChild(
        const std::vector<Ikev2Proposal>& offered,
        const std::vector<ChildProposalConfig>& mine,
        Ikev2ChildExchange exchange,
        DhGroupId keGroup,
        const Bytes& spi,
        ChildTransformSet* chosen,
        Ikev2Proposal* reply);

    /**
     * \brief Initiator: check the responder's IKE SA payload (RFC 7296 2.7, 3.3.6): exactly one
     * proposal, of a number offered, with one transform of each type that proposal had, each
     * one of those offered (attributes included).
     * \param reply the proposals of the responder's SA payload
     * \param offered what the initiator sent (MakeIkeOffer())
     * \param[out] chosen the negotiated transforms (on CHOSEN)
     * \return CHOSEN or REPLY_REJECTED
     */
    [[nodiscard]] static Ikev2ProposalOutcome AcceptIkeReply(
        const std::vector<Ikev2Proposal>& reply,
        const std::vector<Ikev2Proposal>& offered,
        IkeTransformSet* chosen);

    /**
     * \brief Initiator: check the responder's Child SA payload, as AcceptIkeReply(); the reply
     * must also carry a 4-octet non-zero SPI (the responder's inbound SPI, in reply[0].spi).
     * \param reply the proposals of the responder's SA payload
     * \param offered what the initiator sent (MakeChildOffer())
     * \param[out] chosen the negotiated transforms (on CHOSEN)
     * \return CHOSEN or REPLY_REJECTED
     */
    [[nodiscard]] static Ikev2ProposalOutcome AcceptChildReply(
        const std::vector<Ikev2Proposal>& reply,
        const std::vector<Ikev2Proposal>& offered,
        ChildTransformSet* chosen);

    /**
     * \brief The group an initiator sends its first KE payload in: the first group of its
     * first proposal (RFC 7296 1.2: it guesses the group the responder will pick).
     * \param mine the node's proposals, in preference order
     * \return the group, NONE when there is none
     */
    static DhGroupId PreferredGroup(const std::vector<IkeProposalConfig>& mine);

    /**
     * \brief The group of the KE payload of a CREATE_CHILD_SA request with PFS.
     * \param mine the node's proposals, in preference order
     * \return the first group of the first proposal, NONE when there is none (no PFS)
     */
    static DhGroupId PreferredGroup(const std::vector<ChildProposalConfig>& mine);

    /**
     * \brief The Notification Data of INVALID_KE_PAYLOAD: the accepted group as two octets in
     * network order (RFC 7296 3.10.1).
     * \param group the group the responder chose
     * \return two octets
     */
    static Bytes InvalidKeData(DhGroupId group);

    /**
     * \brief Initiator: read an INVALID_KE_PAYLOAD notification and decide the group to retry
     * with. The group must be one the initiator offered and not the one it already sent.
     * \param data the Notification Data
     * \param offered what the initiator sent
     * \param sent the group of the KE payload that was refused
     * \param[out] retry the group to send the next KE payload in (on CHOSEN)
     * \return CHOSEN, or REPLY_REJECTED (bad length, group not offered, or the same group)
     */
    [[nodiscard]] static Ikev2ProposalOutcome AcceptInvalidKe(
        const Bytes& data,
        const std::vector<Ikev2Proposal>& offered,
        DhGroupId sent,
        DhGroupId* retry);
};

} // namespace ns3

#endif // IPSEC_IKEV2_PROPOSAL_SELECTOR_H
