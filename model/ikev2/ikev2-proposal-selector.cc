/* SPDX-License-Identifier: GPL-2.0-only */

#include "ikev2-proposal-selector.h"

#include "ns3/cipher.h"
#include "ns3/ikev2-transform.h"
#include "ns3/integrity.h"
#include "ns3/key-exchange.h"
#include "ns3/log.h"
#include "ns3/prf.h"

#include <algorithm>
#include <array>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Ikev2ProposalSelector");

namespace
{

constexpr uint8_t ENCR = static_cast<uint8_t>(Ikev2TransformType::ENCR);
constexpr uint8_t PRF = static_cast<uint8_t>(Ikev2TransformType::PRF);
constexpr uint8_t INTEG = static_cast<uint8_t>(Ikev2TransformType::INTEG);
constexpr uint8_t DH = static_cast<uint8_t>(Ikev2TransformType::DH);
constexpr uint8_t ESN = static_cast<uint8_t>(Ikev2TransformType::ESN);
constexpr size_t TYPES = 6; //!< index 1..5 by Transform Type

/// Transforms of one proposal by Transform Type, in their order.
using ByType = std::array<std::vector<const Ikev2Transform*>, TYPES>;

/// One transform per type (nullptr where the type is absent).
using Pick = std::array<const Ikev2Transform*, TYPES>;

/// Which Transform Types a protocol uses and which it cannot do without (RFC 7296 3.3.3).
struct TypeRules
{
    std::array<bool, TYPES> allowed{};   //!< may appear
    std::array<bool, TYPES> mandatory{}; //!< must appear (INTEG for non-AEAD is checked apart)
};

/// \return the rules of @p protocol
TypeRules
RulesOf(Ikev2ProtocolId protocol)
{
    TypeRules r;
    switch (protocol)
    {
    case Ikev2ProtocolId::IKE:
        r.allowed[ENCR] = r.allowed[PRF] = r.allowed[INTEG] = r.allowed[DH] = true;
        r.mandatory[ENCR] = r.mandatory[PRF] = r.mandatory[DH] = true;
        break;
    case Ikev2ProtocolId::ESP:
        r.allowed[ENCR] = r.allowed[INTEG] = r.allowed[DH] = r.allowed[ESN] = true;
        r.mandatory[ENCR] = r.mandatory[ESN] = true;
        break;
    case Ikev2ProtocolId::AH:
        r.allowed[INTEG] = r.allowed[DH] = r.allowed[ESN] = true;
        r.mandatory[INTEG] = r.mandatory[ESN] = true;
        break;
    default:
        break;
    }
    return r;
}

/**
 * Sorts a proposal's transforms by type.
 * \param p the proposal \param[out] out the transforms
 * \return false when a Transform Type is unknown or not used by the protocol, or a mandatory
 * type is missing: the whole proposal is unacceptable (RFC 7296 3.3.6)
 */
bool
SortByType(const Ikev2Proposal& p, ByType* out)
{
    const TypeRules rules = RulesOf(p.protocol);
    for (const auto& t : p.transforms)
    {
        if (t.type >= TYPES || !rules.allowed[t.type])
        {
            return false;
        }
        (*out)[t.type].push_back(&t);
    }
    for (size_t type = 1; type < TYPES; ++type)
    {
        if (rules.mandatory[type] && (*out)[type].empty())
        {
            return false;
        }
    }
    return true;
}

/// \return whether this module implements a transform of one of the node's own proposals
bool
IsSupported(const Ikev2Transform& t)
{
    switch (t.type)
    {
    case ENCR: {
        const auto id = static_cast<EncrId>(t.id);
        const uint16_t bits = t.GetKeyLength().value_or(0);
        return id == EncrId::NULL_ENCR || Cipher::GetKeyMaterialSize(id, bits) > 0;
    }
    case PRF:
        return Prf::GetOutputSizeOf(static_cast<PrfId>(t.id)) > 0;
    case INTEG:
        return Integrity::GetKeySize(static_cast<IntegId>(t.id)) > 0;
    case DH:
        return t.id == 0 || KeyExchange::IsSupported(static_cast<DhGroupId>(t.id));
    case ESN:
        return t.id <= 1;
    default:
        return false;
    }
}

/// The node's own transforms of a proposal by type, unsupported ones left out.
ByType
Own(const Ikev2Proposal& mine, std::vector<Ikev2Transform>* storage)
{
    *storage = mine.transforms;
    ByType out;
    for (const auto& t : *storage)
    {
        if (t.type < TYPES && IsSupported(t))
        {
            out[t.type].push_back(&t);
        }
    }
    return out;
}

/**
 * \return the offered transform equal to @p wanted (type, ID and every attribute: a Key Length
 * that differs, or an attribute the node does not know, makes a transform unacceptable), or
 * nullptr
 */
const Ikev2Transform*
Find(const std::vector<const Ikev2Transform*>& offered, const Ikev2Transform& wanted)
{
    for (const Ikev2Transform* t : offered)
    {
        if (*t == wanted)
        {
            return t;
        }
    }
    return nullptr;
}

/// \return the first of the node's transforms (its preference) that is offered, or nullptr
const Ikev2Transform*
PickFirst(const std::vector<const Ikev2Transform*>& mine,
          const std::vector<const Ikev2Transform*>& offered)
{
    for (const Ikev2Transform* m : mine)
    {
        if (const Ikev2Transform* o = Find(offered, *m))
        {
            return o;
        }
    }
    return nullptr;
}

/// \return the offered transform of @p type and @p id (no attributes), or nullptr
const Ikev2Transform*
FindId(const std::vector<const Ikev2Transform*>& offered, uint8_t type, uint16_t id)
{
    Ikev2Transform wanted;
    wanted.type = type;
    wanted.id = id;
    return Find(offered, wanted);
}

/**
 * Chooses the cipher and the integrity algorithm together: an AEAD cipher takes no integrity
 * (an offered INTEG must then include NONE, RFC 7296 3.3.3), any other needs one.
 * \return false when no cipher of the node's can be completed from the offer
 */
bool
PickEncrInteg(const ByType& mine, const ByType& offered, Pick* pick)
{
    for (const Ikev2Transform* m : mine[ENCR])
    {
        const Ikev2Transform* encr = Find(offered[ENCR], *m);
        if (encr == nullptr)
        {
            continue;
        }
        if (Cipher::IsAeadId(static_cast<EncrId>(encr->id)))
        {
            const Ikev2Transform* none = FindId(offered[INTEG], INTEG, 0);
            if (!offered[INTEG].empty() && none == nullptr)
            {
                continue;
            }
            (*pick)[ENCR] = encr;
            (*pick)[INTEG] = none;
            return true;
        }
        std::vector<const Ikev2Transform*> integ;
        for (const Ikev2Transform* i : mine[INTEG])
        {
            if (i->id != 0)
            {
                integ.push_back(i);
            }
        }
        if (const Ikev2Transform* i = PickFirst(integ, offered[INTEG]))
        {
            (*pick)[ENCR] = encr;
            (*pick)[INTEG] = i;
            return true;
        }
    }
    return false;
}

/**
 * Picks the group: @p promote when both sides accept it, else the node's first offered one.
 * \return the offered transform, or nullptr
 */
const Ikev2Transform*
PickGroup(const std::vector<const Ikev2Transform*>& mine,
          const std::vector<const Ikev2Transform*>& offered,
          DhGroupId promote)
{
    if (promote != DhGroupId::NONE)
    {
        const uint16_t id = static_cast<uint16_t>(promote);
        const bool mineToo = std::any_of(mine.begin(), mine.end(), [id](const Ikev2Transform* t) {
            return t->id == id;
        });
        if (const Ikev2Transform* o = FindId(offered, DH, id); o != nullptr && mineToo)
        {
            return o;
        }
    }
    return PickFirst(mine, offered);
}

/// The reply: the offered number and protocol, the chosen transforms in type order.
Ikev2Proposal
MakeReply(const Ikev2Proposal& offer, const Pick& pick, const Bytes& spi)
{
    Ikev2Proposal reply;
    reply.number = offer.number;
    reply.protocol = offer.protocol;
    reply.spi = spi;
    for (size_t type = 1; type < TYPES; ++type)
    {
        if (pick[type] != nullptr)
        {
            reply.transforms.push_back(*pick[type]);
        }
    }
    return reply;
}

/// \return the key length of a chosen ENCR transform, 0 without the attribute
uint16_t
KeyBitsOf(const Ikev2Transform* encr)
{
    return encr->GetKeyLength().value_or(0);
}

/**
 * RFC 7296 3.3.1: proposals numbered 1, 2, ... and SPIs of the size the exchange uses.
 * \return whether the offer is well formed
 */
bool
WellFormed(const std::vector<Ikev2Proposal>& offered, size_t spiSize)
{
    if (offered.empty())
    {
        return false;
    }
    for (size_t i = 0; i < offered.size(); ++i)
    {
        if (offered[i].number != i + 1 || offered[i].spi.size() != spiSize)
        {
            return false;
        }
    }
    return true;
}

/// \return whether an SPI is all zero (reserved for ESP and AH, RFC 4303 2.1)
bool
IsZero(const Bytes& spi)
{
    return std::all_of(spi.begin(), spi.end(), [](uint8_t b) { return b == 0; });
}

/**
 * Initiator side of RFC 7296 2.7 / 3.3.6: one proposal, of a number offered, with one
 * transform of each type that proposal had, each one of those offered.
 * \return the offered proposal the reply answers, or nullptr
 */
const Ikev2Proposal*
MatchReply(const std::vector<Ikev2Proposal>& reply,
           const std::vector<Ikev2Proposal>& offered,
           Pick* pick)
{
    if (reply.size() != 1)
    {
        return nullptr;
    }
    const Ikev2Proposal& r = reply.front();
    const Ikev2Proposal* offer = nullptr;
    for (const auto& o : offered)
    {
        if (o.number == r.number)
        {
            offer = &o;
            break;
        }
    }
    if (offer == nullptr || offer->protocol != r.protocol)
    {
        return nullptr;
    }
    ByType offeredByType;
    for (const auto& t : offer->transforms)
    {
        if (t.type < TYPES)
        {
            offeredByType[t.type].push_back(&t);
        }
    }
    pick->fill(nullptr);
    for (const auto& t : r.transforms)
    {
        if (t.type >= TYPES || (*pick)[t.type] != nullptr ||
            Find(offeredByType[t.type], t) == nullptr)
        {
            return nullptr; // a type twice, or a transform that was not offered
        }
        (*pick)[t.type] = &t;
    }
    for (size_t type = 1; type < TYPES; ++type)
    {
        if (!offeredByType[type].empty() && (*pick)[type] == nullptr)
        {
            return nullptr; // a type of the proposal left unchosen
        }
    }
    return offer;
}

/// \return whether the cipher and integrity picked agree: NONE/absent exactly with AEAD
bool
AeadConsistent(const Pick& pick)
{
    const bool aead = Cipher::IsAeadId(static_cast<EncrId>(pick[ENCR]->id));
    const bool integ = pick[INTEG] != nullptr && pick[INTEG]->id != 0;
    return aead != integ;
}

/**
 * One pair of the responder's loop for IKE: the node's proposal @p mine against one offered.
 * \return whether every type could be chosen
 */
bool
MatchIke(const Ikev2Proposal& mine, const Ikev2Proposal& offer, DhGroupId promote, Pick* pick)
{
    ByType offered;
    if (offer.protocol != Ikev2ProtocolId::IKE || !SortByType(offer, &offered))
    {
        return false;
    }
    std::vector<Ikev2Transform> storage;
    const ByType own = Own(mine, &storage);
    pick->fill(nullptr);
    if (!PickEncrInteg(own, offered, pick))
    {
        return false;
    }
    (*pick)[PRF] = PickFirst(own[PRF], offered[PRF]);
    std::vector<const Ikev2Transform*> groups;
    for (const Ikev2Transform* g : own[DH])
    {
        if (g->id != 0) // NONE cannot key an IKE SA
        {
            groups.push_back(g);
        }
    }
    (*pick)[DH] = PickGroup(groups, offered[DH], promote);
    return (*pick)[PRF] != nullptr && (*pick)[DH] != nullptr;
}

/// The IKE SA transforms of a complete pick.
IkeTransformSet
IkeSetOf(const Pick& pick)
{
    IkeTransformSet s;
    s.encr = static_cast<EncrId>(pick[ENCR]->id);
    s.encrKeyBits = KeyBitsOf(pick[ENCR]);
    s.prf = static_cast<PrfId>(pick[PRF]->id);
    s.integ = pick[INTEG] != nullptr ? static_cast<IntegId>(pick[INTEG]->id) : IntegId::NONE;
    s.dh = static_cast<DhGroupId>(pick[DH]->id);
    return s;
}

/**
 * One pair of the responder's loop for a Child SA.
 * \return whether every type could be chosen
 */
bool
MatchChild(const ChildProposalConfig& config,
           const Ikev2Proposal& offer,
           Ikev2ChildExchange exchange,
           DhGroupId promote,
           Pick* pick)
{
    const Ikev2Proposal mine = config.ToWire(0, {});
    ByType offered;
    if (offer.protocol != mine.protocol || !SortByType(offer, &offered))
    {
        return false;
    }
    std::vector<Ikev2Transform> storage;
    const ByType own = Own(mine, &storage);
    pick->fill(nullptr);
    if (offer.protocol == Ikev2ProtocolId::ESP)
    {
        if (!PickEncrInteg(own, offered, pick))
        {
            return false;
        }
    }
    else if (((*pick)[INTEG] = PickFirst(own[INTEG], offered[INTEG])) == nullptr)
    {
        return false;
    }
    (*pick)[ESN] = PickFirst(own[ESN], offered[ESN]);
    if ((*pick)[ESN] == nullptr)
    {
        return false;
    }

    const Ikev2Transform* none = FindId(offered[DH], DH, 0);
    if (exchange == Ikev2ChildExchange::IKE_AUTH)
    {
        // RFC 7296 1.2: no KE payloads in IKE_AUTH, so no PFS group can apply. NONE is echoed
        // when offered; other groups, which the initiator should not have sent, are ignored
        // as strongSwan ignores them.
        (*pick)[DH] = none;
        return true;
    }
    // An empty PFS list accepts only NONE (or no DH transform at all).
    const bool noneOk = own[DH].empty() || FindId(own[DH], DH, 0) != nullptr;
    if (offered[DH].empty())
    {
        return noneOk;
    }
    (*pick)[DH] = own[DH].empty() ? none : PickGroup(own[DH], offered[DH], promote);
    return (*pick)[DH] != nullptr;
}

/// The Child SA transforms of a complete pick.
ChildTransformSet
ChildSetOf(const Pick& pick, Ikev2ProtocolId protocol)
{
    ChildTransformSet s;
    s.protocol = protocol == Ikev2ProtocolId::AH ? IpsecProtocol::AH : IpsecProtocol::ESP;
    if (pick[ENCR] != nullptr)
    {
        s.encr = static_cast<EncrId>(pick[ENCR]->id);
        s.encrKeyBits = KeyBitsOf(pick[ENCR]);
    }
    else
    {
        s.encr = EncrId::NULL_ENCR;
        s.encrKeyBits = 0;
    }
    s.integ = pick[INTEG] != nullptr ? static_cast<IntegId>(pick[INTEG]->id) : IntegId::NONE;
    s.dh = pick[DH] != nullptr ? static_cast<DhGroupId>(pick[DH]->id) : DhGroupId::NONE;
    s.esn = pick[ESN]->id == 1;
    return s;
}

/// The shared responder loop for IKE: the node's proposals in order, then the offered ones.
Ikev2ProposalOutcome
SelectIkeImpl(const std::vector<Ikev2Proposal>& offered,
              const std::vector<IkeProposalConfig>& mine,
              DhGroupId promote,
              const Bytes& spi,
              IkeTransformSet* chosen,
              Ikev2Proposal* reply)
{
    if (!WellFormed(offered, spi.size()))
    {
        return Ikev2ProposalOutcome::MALFORMED;
    }
    for (const auto& config : mine)
    {
        const Ikev2Proposal own = config.ToWire(0, {});
        for (const auto& offer : offered)
        {
            Pick pick;
            if (MatchIke(own, offer, promote, &pick))
            {
                *chosen = IkeSetOf(pick);
                *reply = MakeReply(offer, pick, spi);
                NS_LOG_DEBUG("chose offered proposal " << unsigned(offer.number) << " for "
                                                       << config.ToString());
                return Ikev2ProposalOutcome::CHOSEN;
            }
        }
    }
    return Ikev2ProposalOutcome::NO_PROPOSAL_CHOSEN;
}

} // namespace

std::vector<Ikev2Proposal>
Ikev2ProposalSelector::MakeIkeOffer(const std::vector<IkeProposalConfig>& mine, const Bytes& spi)
{
    std::vector<Ikev2Proposal> out;
    for (size_t i = 0; i < mine.size(); ++i)
    {
        out.push_back(mine[i].ToWire(static_cast<uint8_t>(i + 1), spi));
    }
    return out;
}

std::vector<Ikev2Proposal>
Ikev2ProposalSelector::MakeChildOffer(const std::vector<ChildProposalConfig>& mine,
                                      const Bytes& spi,
                                      Ikev2ChildExchange exchange)
{
    std::vector<Ikev2Proposal> out;
    for (size_t i = 0; i < mine.size(); ++i)
    {
        ChildProposalConfig c = mine[i];
        if (exchange == Ikev2ChildExchange::IKE_AUTH)
        {
            c.dh.clear();
        }
        out.push_back(c.ToWire(static_cast<uint8_t>(i + 1), spi));
    }
    return out;
}

Ikev2ProposalOutcome
Ikev2ProposalSelector::SelectIke(const std::vector<Ikev2Proposal>& offered,
                                 const std::vector<IkeProposalConfig>& mine,
                                 IkeTransformSet* chosen,
                                 Ikev2Proposal* reply,
                                 const Bytes& spi)
{
    return SelectIkeImpl(offered, mine, DhGroupId::NONE, spi, chosen, reply);
}

Ikev2ProposalOutcome
Ikev2ProposalSelector::SelectIkeForKe(const std::vector<Ikev2Proposal>& offered,
                                      const std::vector<IkeProposalConfig>& mine,
                                      DhGroupId keGroup,
                                      IkeTransformSet* chosen,
                                      Ikev2Proposal* reply,
                                      const Bytes& spi)
{
    IkeTransformSet set;
    Ikev2Proposal answer;
    const Ikev2ProposalOutcome outcome = SelectIkeImpl(offered, mine, keGroup, spi, &set, &answer);
    if (outcome != Ikev2ProposalOutcome::CHOSEN)
    {
        return outcome;
    }
    *chosen = set;
    if (set.dh != keGroup)
    {
        return Ikev2ProposalOutcome::INVALID_KE_PAYLOAD;
    }
    *reply = answer;
    return outcome;
}

Ikev2ProposalOutcome
Ikev2ProposalSelector::SelectChild(const std::vector<Ikev2Proposal>& offered,
                                   const std::vector<ChildProposalConfig>& mine,
                                   Ikev2ChildExchange exchange,
                                   DhGroupId keGroup,
                                   const Bytes& spi,
                                   ChildTransformSet* chosen,
                                   Ikev2Proposal* reply)
{
    if (!WellFormed(offered, 4) ||
        std::any_of(offered.begin(), offered.end(), [](const Ikev2Proposal& p) {
            return IsZero(p.spi);
        }))
    {
        return Ikev2ProposalOutcome::MALFORMED;
    }
    for (const auto& config : mine)
    {
        for (const auto& offer : offered)
        {
            Pick pick;
            if (!MatchChild(config, offer, exchange, keGroup, &pick))
            {
                continue;
            }
            *chosen = ChildSetOf(pick, offer.protocol);
            NS_LOG_DEBUG("chose offered proposal " << unsigned(offer.number) << " for "
                                                   << config.ToString());
            if (exchange == Ikev2ChildExchange::CREATE_CHILD_SA && chosen->dh != DhGroupId::NONE &&
                chosen->dh != keGroup)
            {
                return Ikev2ProposalOutcome::INVALID_KE_PAYLOAD;
            }
            *reply = MakeReply(offer, pick, spi);
            return Ikev2ProposalOutcome::CHOSEN;
        }
    }
    return Ikev2ProposalOutcome::NO_PROPOSAL_CHOSEN;
}

Ikev2ProposalOutcome
Ikev2ProposalSelector::AcceptIkeReply(const std::vector<Ikev2Proposal>& reply,
                                      const std::vector<Ikev2Proposal>& offered,
                                      IkeTransformSet* chosen)
{
    Pick pick;
    const Ikev2Proposal* offer = MatchReply(reply, offered, &pick);
    if (offer == nullptr || offer->protocol != Ikev2ProtocolId::IKE ||
        reply.front().spi.size() != offer->spi.size() || pick[ENCR] == nullptr ||
        pick[PRF] == nullptr || pick[DH] == nullptr || pick[DH]->id == 0 || !AeadConsistent(pick))
    {
        return Ikev2ProposalOutcome::REPLY_REJECTED;
    }
    *chosen = IkeSetOf(pick);
    return Ikev2ProposalOutcome::CHOSEN;
}

Ikev2ProposalOutcome
Ikev2ProposalSelector::AcceptChildReply(const std::vector<Ikev2Proposal>& reply,
                                        const std::vector<Ikev2Proposal>& offered,
                                        ChildTransformSet* chosen)
{
    Pick pick;
    const Ikev2Proposal* offer = MatchReply(reply, offered, &pick);
    if (offer == nullptr ||
        (offer->protocol != Ikev2ProtocolId::ESP && offer->protocol != Ikev2ProtocolId::AH) ||
        reply.front().spi.size() != 4 || IsZero(reply.front().spi) || pick[ESN] == nullptr)
    {
        return Ikev2ProposalOutcome::REPLY_REJECTED;
    }
    if (offer->protocol == Ikev2ProtocolId::ESP ? (pick[ENCR] == nullptr || !AeadConsistent(pick))
                                                : (pick[INTEG] == nullptr || pick[INTEG]->id == 0))
    {
        return Ikev2ProposalOutcome::REPLY_REJECTED;
    }
    *chosen = ChildSetOf(pick, offer->protocol);
    return Ikev2ProposalOutcome::CHOSEN;
}

DhGroupId
Ikev2ProposalSelector::PreferredGroup(const std::vector<IkeProposalConfig>& mine)
{
    return mine.empty() || mine.front().dh.empty() ? DhGroupId::NONE : mine.front().dh.front();
}

DhGroupId
Ikev2ProposalSelector::PreferredGroup(const std::vector<ChildProposalConfig>& mine)
{
    return mine.empty() || mine.front().dh.empty() ? DhGroupId::NONE : mine.front().dh.front();
}

Bytes
Ikev2ProposalSelector::InvalidKeData(DhGroupId group)
{
    const auto g = static_cast<uint16_t>(group);
    return Bytes{static_cast<uint8_t>(g >> 8), static_cast<uint8_t>(g & 0xff)};
}

Ikev2ProposalOutcome
Ikev2ProposalSelector::AcceptInvalidKe(const Bytes& data,
                                       const std::vector<Ikev2Proposal>& offered,
                                       DhGroupId sent,
                                       DhGroupId* retry)
{
    if (data.size() != 2)
    {
        return Ikev2ProposalOutcome::REPLY_REJECTED;
    }
    const uint16_t group = static_cast<uint16_t>(data[0] << 8 | data[1]);
    if (group == 0 || group == static_cast<uint16_t>(sent))
    {
        return Ikev2ProposalOutcome::REPLY_REJECTED;
    }
    for (const auto& p : offered)
    {
        for (const auto& t : p.transforms)
        {
            if (t.type == DH && t.id == group)
            {
                *retry = static_cast<DhGroupId>(group);
                return Ikev2ProposalOutcome::CHOSEN;
            }
        }
    }
    return Ikev2ProposalOutcome::REPLY_REJECTED;
}

} // namespace ns3
