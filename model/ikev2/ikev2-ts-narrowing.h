/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_IKEV2_TS_NARROWING_H
#define IPSEC_IKEV2_TS_NARROWING_H

#include "ns3/ikev2-traffic-selector.h"
#include "ns3/packet-tuple.h"
#include "ns3/traffic-selector.h"

#include <vector>

/**
 * \file
 * \ingroup ipsec
 * Traffic selector negotiation (RFC 7296 2.9) and its mapping onto the data plane's selectors.
 */

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief What a traffic-selector step decided.
 */
enum class Ikev2TsOutcome
{
    OK,              //!< done
    TS_UNACCEPTABLE, //!< no overlap with the configured selectors: answer TS_UNACCEPTABLE
    REPLY_REJECTED,  //!< initiator: the reply is not within the offer; delete the Child SA
    UNREPRESENTABLE, //!< the selector cannot be written in the other form (see the class notes)
};

/**
 * \ingroup ipsec
 * \brief Converts between IpsecSelector and TSi/TSr lists and narrows them (RFC 7296 2.9).
 *
 * TSi and TSr are always from the initiator's point of view: for the initiator TSi describes
 * its local side, for the responder TSi describes the remote side.
 *
 * ICMP and ICMPv6: a TS carries type and code as one 16-bit "port", type in the high octet
 * (RFC 7296 3.13.1, RFC 4301 4.4.1.3); the data plane stores the type range in localPorts and
 * the code range in remotePorts and applies them to both directions. A selector is therefore
 * written with the same type/code range in both TSi and TSr, and read back from the
 * intersection of the two (so a peer that restricts only one side, as strongSwan configurations
 * may, is read correctly). A 16-bit range is a type x code box only when it spans one type or
 * whole types; a range that is not is cut to its leading box, a subset of what was agreed.
 *
 * The data plane holds one selector per SA, so narrowing yields one TSi and one TSr: the first
 * non-empty intersection in the responder's configuration order, then the offered order,
 * preferring one that contains the packet that triggered the request. As RFC 7296 2.9 asks,
 * an initiator puts that packet first in TSi and TSr; a responder takes a first TS as such a
 * packet when it is a single address contained in a later TS of the same list.
 *
 * All methods are stateless.
 */
class Ikev2TsNarrowing
{
  public:
    /// \brief The outcome of the responder's narrowing.
    struct Narrowed
    {
        std::vector<Ikev2TrafficSelector> tsi; //!< TSi of the reply (one selector)
        std::vector<Ikev2TrafficSelector> tsr; //!< TSr of the reply (one selector)
        IpsecSelector local;                   //!< the same, for the responder's data plane
    };

    /**
     * \brief Write a selector as one TSi and one TSr.
     * \param selector the selector, from the local node's point of view
     * \param initiator whether the local node is the initiator (TSi local) or not (TSi remote)
     * \param[out] tsi the TSi selector
     * \param[out] tsr the TSr selector
     * \return OK, or UNREPRESENTABLE: invalid selector, ports with protocol ANY (RFC 7296 3.13.1
     * has no such TS), or ICMP type and code ranges that are no 16-bit range
     */
    [[nodiscard]] static Ikev2TsOutcome FromSelector(const IpsecSelector& selector,
                                                     bool initiator,
                                                     Ikev2TrafficSelector* tsi,
                                                     Ikev2TrafficSelector* tsr);

    /**
     * \brief Read one TSi and one TSr as a selector for the local node's data plane.
     * \param tsi a TSi selector
     * \param tsr a TSr selector
     * \param initiator whether the local node is the initiator (TSi local) or not (TSi remote)
     * \param[out] selector the selector (on OK)
     * \return OK; TS_UNACCEPTABLE when the two describe no packet together (families or
     * protocols differ, empty ranges); UNREPRESENTABLE for a TS type other than IPv4/IPv6 ranges
     */
    [[nodiscard]] static Ikev2TsOutcome ToSelector(const Ikev2TrafficSelector& tsi,
                                                   const Ikev2TrafficSelector& tsr,
                                                   bool initiator,
                                                   IpsecSelector* selector);

    /**
     * \brief Initiator: the TSi and TSr lists of a request (RFC 7296 2.9): the packet that
     * triggered it first when there is one, then the policy's selector.
     * \param local the policy's selector, local node's point of view
     * \param trigger the outbound packet that raised the acquire, or nullptr
     * \param[out] tsi TSi list
     * \param[out] tsr TSr list
     * \return OK or UNREPRESENTABLE (see FromSelector())
     */
    [[nodiscard]] static Ikev2TsOutcome MakeOffer(const IpsecSelector& local,
                                                  const PacketTuple* trigger,
                                                  std::vector<Ikev2TrafficSelector>* tsi,
                                                  std::vector<Ikev2TrafficSelector>* tsr);

    /**
     * \brief Responder: narrow the initiator's TSi/TSr to the configured selectors.
     * \param tsi the offered TSi list
     * \param tsr the offered TSr list
     * \param configured the responder's selectors in preference order, its own point of view
     * \param[out] out one TSi, one TSr and the responder's selector (on OK)
     * \return OK or TS_UNACCEPTABLE
     */
    [[nodiscard]] static Ikev2TsOutcome Narrow(const std::vector<Ikev2TrafficSelector>& tsi,
                                               const std::vector<Ikev2TrafficSelector>& tsr,
                                               const std::vector<IpsecSelector>& configured,
                                               Narrowed* out);

    /**
     * \brief Initiator: check that the responder's TSi/TSr lie within what was offered (RFC
     * 7296 2.9: the responder may only narrow) and read the selector to install: the first
     * TSi/TSr pair that describes traffic, preferring one that holds the trigger packet.
     * \param offeredTsi the TSi list sent
     * \param offeredTsr the TSr list sent
     * \param replyTsi the TSi list received
     * \param replyTsr the TSr list received
     * \param[out] local the initiator's selector (on OK)
     * \return OK; REPLY_REJECTED when a reply TS is not within an offered one, a list is empty,
     * or no pair describes traffic
     */
    [[nodiscard]] static Ikev2TsOutcome CheckReply(
        const std::vector<Ikev2TrafficSelector>& offeredTsi,
        const std::vector<Ikev2TrafficSelector>& offeredTsr,
        const std::vector<Ikev2TrafficSelector>& replyTsi,
        const std::vector<Ikev2TrafficSelector>& replyTsr,
        IpsecSelector* local);

    /**
     * \brief Whether every packet one TS admits is admitted by another.
     * \param inner the smaller TS
     * \param outer the larger TS
     * \return true when @p inner is within @p outer (both IPv4 or IPv6 address ranges)
     */
    static bool IsSubset(const Ikev2TrafficSelector& inner, const Ikev2TrafficSelector& outer);

    /**
     * \brief The packets two TSs both admit.
     * \param a one TS
     * \param b the other
     * \param[out] out the intersection (on true)
     * \return false when it is empty or a TS is not an IPv4/IPv6 address range
     */
    static bool Intersect(const Ikev2TrafficSelector& a,
                          const Ikev2TrafficSelector& b,
                          Ikev2TrafficSelector* out);
};

} // namespace ns3

#endif // IPSEC_IKEV2_TS_NARROWING_H
