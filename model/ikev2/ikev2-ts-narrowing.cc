/* SPDX-License-Identifier: GPL-2.0-only */

#include "ikev2-ts-narrowing.h"

#include "ns3/log.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Ikev2TsNarrowing");

namespace
{

/// A decoded IPv4/IPv6 address-range TS.
struct Range
{
    IpAddressRange addresses; //!< Starting and Ending Address
    uint8_t protocol;         //!< IP Protocol ID, 0 = any
    uint16_t firstPort;       //!< Start Port (ICMP: type << 8 | code)
    uint16_t lastPort;        //!< End Port
};

/// \return whether @p protocol has ports a TS can select on (TCP, UDP, DCCP, SCTP, UDP-Lite)
bool
HasPorts(uint8_t protocol)
{
    return protocol == 6 || protocol == 17 || protocol == 33 || protocol == 132 || protocol == 136;
}

/**
 * Decodes a TS. Refused: other TS types, address lengths that do not fit the type, ranges
 * with start after end (this includes the OPAQUE ports 65535-0, which no packet of the data
 * plane has), and protocol 0 with ports other than 0-65535 (RFC 7296 3.13.1 says MUST).
 * \return whether @p ts is a usable IPv4/IPv6 range
 */
bool
Decode(const Ikev2TrafficSelector& ts, Range* out)
{
    bool ipv6 = false;
    if (ts.type == Ikev2TrafficSelector::TS_IPV6_ADDR_RANGE)
    {
        ipv6 = true;
    }
    else if (ts.type != Ikev2TrafficSelector::TS_IPV4_ADDR_RANGE)
    {
        return false;
    }
    const size_t size = ipv6 ? 16 : 4;
    if (ts.startAddress.size() != size || ts.endAddress.size() != size ||
        ts.startPort > ts.endPort ||
        (ts.ipProtocol == 0 && (ts.startPort != 0 || ts.endPort != 65535)))
    {
        return false;
    }
    out->addresses.first = IpAddress::FromBytes(ts.startAddress.data(), ipv6);
    out->addresses.last = IpAddress::FromBytes(ts.endAddress.data(), ipv6);
    out->protocol = ts.ipProtocol;
    out->firstPort = ts.startPort;
    out->lastPort = ts.endPort;
    return !(out->addresses.last < out->addresses.first);
}

/// \return the TS of a decoded range
Ikev2TrafficSelector
Encode(const Range& r)
{
    Ikev2TrafficSelector ts;
    const bool ipv6 = r.addresses.IsIpv6();
    const size_t size = ipv6 ? 16 : 4;
    ts.type =
        ipv6 ? Ikev2TrafficSelector::TS_IPV6_ADDR_RANGE : Ikev2TrafficSelector::TS_IPV4_ADDR_RANGE;
    ts.ipProtocol = r.protocol;
    ts.startPort = r.firstPort;
    ts.endPort = r.lastPort;
    ts.startAddress.assign(r.addresses.first.GetBytes(), r.addresses.first.GetBytes() + size);
    ts.endAddress.assign(r.addresses.last.GetBytes(), r.addresses.last.GetBytes() + size);
    return ts;
}

/**
 * The protocol two selectors both admit: 0 is ANY.
 * \return false when they name different protocols
 */
bool
MeetProtocol(uint8_t a, uint8_t b, uint8_t* out)
{
    if (a != 0 && b != 0 && a != b)
    {
        return false;
    }
    *out = a != 0 ? a : b;
    return true;
}

/// \return whether two decoded ranges overlap; *out is the overlap
bool
IntersectRanges(const Range& a, const Range& b, Range* out)
{
    if (a.addresses.IsIpv6() != b.addresses.IsIpv6() ||
        !MeetProtocol(a.protocol, b.protocol, &out->protocol))
    {
        return false;
    }
    out->addresses.first = std::max(a.addresses.first, b.addresses.first);
    out->addresses.last = std::min(a.addresses.last, b.addresses.last);
    out->firstPort = std::max(a.firstPort, b.firstPort);
    out->lastPort = std::min(a.lastPort, b.lastPort);
    return !(out->addresses.last < out->addresses.first) && out->firstPort <= out->lastPort;
}

/**
 * ICMP type and code ranges as one 16-bit range, type in the high octet (RFC 7296 3.13.1).
 * The data plane's ANY (0-65535) stands for every type or code.
 * \return false when the pair is no single 16-bit range
 */
bool
IcmpToPorts(const PortRange& types, const PortRange& codes, uint16_t* first, uint16_t* last)
{
    const uint16_t t1 = types.first;
    const uint16_t t2 = std::min<uint16_t>(types.last, 255);
    const uint16_t c1 = codes.first;
    const uint16_t c2 = std::min<uint16_t>(codes.last, 255);
    if (t1 > t2 || c1 > c2 || (t1 != t2 && (c1 != 0 || c2 != 255)))
    {
        return false;
    }
    *first = static_cast<uint16_t>(t1 << 8 | c1);
    *last = static_cast<uint16_t>(t2 << 8 | c2);
    return true;
}

/// The data plane's form of a type or code range: all 256 values are ANY.
PortRange
IcmpRange(uint16_t first, uint16_t last)
{
    return first == 0 && last == 255 ? PortRange{} : PortRange{first, last};
}

/**
 * A 16-bit ICMP range as type and code ranges: the leading box of it when it is not a box
 * itself (a subset of what was agreed, see the class notes).
 */
void
PortsToIcmp(uint16_t first, uint16_t last, PortRange* types, PortRange* codes)
{
    const uint16_t t1 = first >> 8;
    const uint16_t t2 = last >> 8;
    if (t1 == t2)
    {
        *types = IcmpRange(t1, t1);
        *codes = IcmpRange(first & 0xff, last & 0xff);
    }
    else if ((first & 0xff) == 0)
    {
        *types = IcmpRange(t1, (last & 0xff) == 0xff ? t2 : t2 - 1);
        *codes = PortRange{};
    }
    else
    {
        *types = IcmpRange(t1, t1);
        *codes = IcmpRange(first & 0xff, 0xff);
    }
}

/// Cuts an ICMP 16-bit range to its leading type x code box.
void
CutToBox(Range* r)
{
    PortRange types;
    PortRange codes;
    PortsToIcmp(r->firstPort, r->lastPort, &types, &codes);
    const bool ok = IcmpToPorts(types, codes, &r->firstPort, &r->lastPort);
    NS_ASSERT(ok);
    (void)ok;
}

/**
 * Narrows one offered TSi/TSr pair with one configured pair, jointly: both results get the
 * protocol the four admit together, and for ICMP the type/code range all four admit.
 * \return false when the pair admits no packet
 */
bool
NarrowPair(const Ikev2TrafficSelector& offeredTsi,
           const Ikev2TrafficSelector& offeredTsr,
           const Ikev2TrafficSelector& configTsi,
           const Ikev2TrafficSelector& configTsr,
           Range* tsi,
           Range* tsr)
{
    Range oi;
    Range orr;
    Range ci;
    Range cr;
    if (!Decode(offeredTsi, &oi) || !Decode(offeredTsr, &orr) || !Decode(configTsi, &ci) ||
        !Decode(configTsr, &cr) || !IntersectRanges(oi, ci, tsi) || !IntersectRanges(orr, cr, tsr))
    {
        return false;
    }
    uint8_t protocol = 0;
    if (tsi->addresses.IsIpv6() != tsr->addresses.IsIpv6() ||
        !MeetProtocol(tsi->protocol, tsr->protocol, &protocol))
    {
        return false;
    }
    tsi->protocol = tsr->protocol = protocol;
    if (IpsecSelector::IsIcmp(protocol))
    {
        const uint16_t first = std::max(tsi->firstPort, tsr->firstPort);
        const uint16_t last = std::min(tsi->lastPort, tsr->lastPort);
        if (first > last)
        {
            return false;
        }
        tsi->firstPort = tsr->firstPort = first;
        tsi->lastPort = tsr->lastPort = last;
        CutToBox(tsi);
        CutToBox(tsr);
    }
    return true;
}

/**
 * RFC 7296 2.9: an initiator SHOULD put the triggering packet first. Taken as such: a first TS
 * of a single address that a later TS of the same list contains.
 */
bool
LooksLikeTrigger(const std::vector<Ikev2TrafficSelector>& list)
{
    Range first;
    if (list.size() < 2 || !Decode(list.front(), &first) ||
        first.addresses.first != first.addresses.last)
    {
        return false;
    }
    return std::any_of(list.begin() + 1, list.end(), [&list](const Ikev2TrafficSelector& ts) {
        return Ikev2TsNarrowing::IsSubset(list.front(), ts);
    });
}

/// The trigger TSs of an offer, when both lists start with one.
bool
FindTrigger(const std::vector<Ikev2TrafficSelector>& tsi,
            const std::vector<Ikev2TrafficSelector>& tsr,
            const Ikev2TrafficSelector** triggerTsi,
            const Ikev2TrafficSelector** triggerTsr)
{
    if (!LooksLikeTrigger(tsi) || !LooksLikeTrigger(tsr))
    {
        return false;
    }
    *triggerTsi = &tsi.front();
    *triggerTsr = &tsr.front();
    return true;
}

} // namespace

bool
Ikev2TsNarrowing::IsSubset(const Ikev2TrafficSelector& inner, const Ikev2TrafficSelector& outer)
{
    Range in;
    Range out;
    if (!Decode(inner, &in) || !Decode(outer, &out) ||
        in.addresses.IsIpv6() != out.addresses.IsIpv6() ||
        in.addresses.first < out.addresses.first || out.addresses.last < in.addresses.last)
    {
        return false;
    }
    if (out.protocol == 0)
    {
        return true; // ANY protocol with all ports
    }
    return in.protocol == out.protocol && out.firstPort <= in.firstPort &&
           in.lastPort <= out.lastPort;
}

bool
Ikev2TsNarrowing::Intersect(const Ikev2TrafficSelector& a,
                            const Ikev2TrafficSelector& b,
                            Ikev2TrafficSelector* out)
{
    Range ra;
    Range rb;
    Range r;
    if (!Decode(a, &ra) || !Decode(b, &rb) || !IntersectRanges(ra, rb, &r))
    {
        return false;
    }
    *out = Encode(r);
    return true;
}

Ikev2TsOutcome
Ikev2TsNarrowing::FromSelector(const IpsecSelector& selector,
                               bool initiator,
                               Ikev2TrafficSelector* tsi,
                               Ikev2TrafficSelector* tsr)
{
    if (!selector.IsValid())
    {
        return Ikev2TsOutcome::UNREPRESENTABLE;
    }
    Range local{selector.local,
                selector.protocol,
                selector.localPorts.first,
                selector.localPorts.last};
    Range remote{selector.remote,
                 selector.protocol,
                 selector.remotePorts.first,
                 selector.remotePorts.last};
    if (selector.protocol == 0 && (!selector.localPorts.IsAny() || !selector.remotePorts.IsAny()))
    {
        return Ikev2TsOutcome::UNREPRESENTABLE;
    }
    if (IpsecSelector::IsIcmp(selector.protocol))
    {
        uint16_t first = 0;
        uint16_t last = 0;
        if (!IcmpToPorts(selector.localPorts, selector.remotePorts, &first, &last))
        {
            return Ikev2TsOutcome::UNREPRESENTABLE;
        }
        local.firstPort = remote.firstPort = first;
        local.lastPort = remote.lastPort = last;
    }
    *tsi = Encode(initiator ? local : remote);
    *tsr = Encode(initiator ? remote : local);
    return Ikev2TsOutcome::OK;
}

Ikev2TsOutcome
Ikev2TsNarrowing::ToSelector(const Ikev2TrafficSelector& tsi,
                             const Ikev2TrafficSelector& tsr,
                             bool initiator,
                             IpsecSelector* selector)
{
    Range ri;
    Range rr;
    if (!Decode(tsi, &ri) || !Decode(tsr, &rr))
    {
        return Ikev2TsOutcome::UNREPRESENTABLE;
    }
    uint8_t protocol = 0;
    if (ri.addresses.IsIpv6() != rr.addresses.IsIpv6() ||
        !MeetProtocol(ri.protocol, rr.protocol, &protocol))
    {
        return Ikev2TsOutcome::TS_UNACCEPTABLE;
    }
    const Range& local = initiator ? ri : rr;
    const Range& remote = initiator ? rr : ri;
    IpsecSelector s;
    s.local = local.addresses;
    s.remote = remote.addresses;
    s.protocol = protocol;
    if (IpsecSelector::IsIcmp(protocol))
    {
        const uint16_t first = std::max(ri.firstPort, rr.firstPort);
        const uint16_t last = std::min(ri.lastPort, rr.lastPort);
        if (first > last)
        {
            return Ikev2TsOutcome::TS_UNACCEPTABLE;
        }
        PortsToIcmp(first, last, &s.localPorts, &s.remotePorts);
    }
    else if (protocol != 0)
    {
        s.localPorts = PortRange{local.firstPort, local.lastPort};
        s.remotePorts = PortRange{remote.firstPort, remote.lastPort};
    }
    *selector = s;
    return Ikev2TsOutcome::OK;
}

Ikev2TsOutcome
Ikev2TsNarrowing::MakeOffer(const IpsecSelector& local,
                            const PacketTuple* trigger,
                            std::vector<Ikev2TrafficSelector>* tsi,
                            std::vector<Ikev2TrafficSelector>* tsr)
{
    Ikev2TrafficSelector policyTsi;
    Ikev2TrafficSelector policyTsr;
    const Ikev2TsOutcome outcome = FromSelector(local, true, &policyTsi, &policyTsr);
    if (outcome != Ikev2TsOutcome::OK)
    {
        return outcome;
    }
    tsi->clear();
    tsr->clear();
    if (trigger != nullptr && trigger->src.IsIpv6() == trigger->dst.IsIpv6())
    {
        // RFC 7296 2.9: the packet's own addresses, protocol and ports, first in each list.
        Range src{IpAddressRange::Host(trigger->src), trigger->protocol, 0, 65535};
        Range dst{IpAddressRange::Host(trigger->dst), trigger->protocol, 0, 65535};
        if (IpsecSelector::IsIcmp(trigger->protocol))
        {
            const uint16_t port =
                static_cast<uint16_t>((trigger->srcPort & 0xff) << 8 | (trigger->dstPort & 0xff));
            src.firstPort = src.lastPort = dst.firstPort = dst.lastPort = port;
        }
        else if (HasPorts(trigger->protocol))
        {
            src.firstPort = src.lastPort = trigger->srcPort;
            dst.firstPort = dst.lastPort = trigger->dstPort;
        }
        tsi->push_back(Encode(src));
        tsr->push_back(Encode(dst));
    }
    tsi->push_back(policyTsi);
    tsr->push_back(policyTsr);
    return Ikev2TsOutcome::OK;
}

Ikev2TsOutcome
Ikev2TsNarrowing::Narrow(const std::vector<Ikev2TrafficSelector>& tsi,
                         const std::vector<Ikev2TrafficSelector>& tsr,
                         const std::vector<IpsecSelector>& configured,
                         Narrowed* out)
{
    const Ikev2TrafficSelector* triggerTsi = nullptr;
    const Ikev2TrafficSelector* triggerTsr = nullptr;
    const bool trigger = FindTrigger(tsi, tsr, &triggerTsi, &triggerTsr);
    // The trigger entries are covered by the later ones; narrowing to them alone would pick a
    // host-to-host SA where the initiator asked for more.
    const size_t start = trigger ? 1 : 0;
    auto finish = [out](const Range& ni, const Range& nr) {
        IpsecSelector local;
        if (ToSelector(Encode(ni), Encode(nr), false, &local) != Ikev2TsOutcome::OK)
        {
            return Ikev2TsOutcome::TS_UNACCEPTABLE; // not reached: NarrowPair made them agree
        }
        out->tsi = {Encode(ni)};
        out->tsr = {Encode(nr)};
        out->local = local;
        return Ikev2TsOutcome::OK;
    };
    bool found = false;
    Range firstTsi{};
    Range firstTsr{};
    for (const auto& config : configured)
    {
        Ikev2TrafficSelector configTsi;
        Ikev2TrafficSelector configTsr;
        if (FromSelector(config, false, &configTsi, &configTsr) != Ikev2TsOutcome::OK)
        {
            NS_LOG_DEBUG("configured selector " << config << " has no TS form, skipped");
            continue;
        }
        for (size_t i = start; i < tsi.size(); ++i)
        {
            for (size_t j = start; j < tsr.size(); ++j)
            {
                Range ni;
                Range nr;
                if (!NarrowPair(tsi[i], tsr[j], configTsi, configTsr, &ni, &nr))
                {
                    continue;
                }
                if (!trigger ||
                    (IsSubset(*triggerTsi, Encode(ni)) && IsSubset(*triggerTsr, Encode(nr))))
                {
                    return finish(ni, nr);
                }
                if (!found)
                {
                    found = true;
                    firstTsi = ni;
                    firstTsr = nr;
                }
            }
        }
    }
    return found ? finish(firstTsi, firstTsr) : Ikev2TsOutcome::TS_UNACCEPTABLE;
}

Ikev2TsOutcome
Ikev2TsNarrowing::CheckReply(const std::vector<Ikev2TrafficSelector>& offeredTsi,
                             const std::vector<Ikev2TrafficSelector>& offeredTsr,
                             const std::vector<Ikev2TrafficSelector>& replyTsi,
                             const std::vector<Ikev2TrafficSelector>& replyTsr,
                             IpsecSelector* local)
{
    auto within = [](const Ikev2TrafficSelector& ts,
                     const std::vector<Ikev2TrafficSelector>& offered) {
        return std::any_of(offered.begin(), offered.end(), [&ts](const Ikev2TrafficSelector& o) {
            return IsSubset(ts, o);
        });
    };
    for (const auto& ts : replyTsi)
    {
        if (!within(ts, offeredTsi))
        {
            return Ikev2TsOutcome::REPLY_REJECTED;
        }
    }
    for (const auto& ts : replyTsr)
    {
        if (!within(ts, offeredTsr))
        {
            return Ikev2TsOutcome::REPLY_REJECTED;
        }
    }
    const Ikev2TrafficSelector* triggerTsi = nullptr;
    const Ikev2TrafficSelector* triggerTsr = nullptr;
    const bool trigger = FindTrigger(offeredTsi, offeredTsr, &triggerTsi, &triggerTsr);
    bool found = false;
    for (const auto& ri : replyTsi)
    {
        for (const auto& rr : replyTsr)
        {
            IpsecSelector s;
            if (ToSelector(ri, rr, true, &s) != Ikev2TsOutcome::OK)
            {
                continue;
            }
            const bool holdsTrigger =
                trigger && IsSubset(*triggerTsi, ri) && IsSubset(*triggerTsr, rr);
            if (!found || holdsTrigger)
            {
                *local = s;
                found = true;
            }
            if (!trigger || holdsTrigger)
            {
                return Ikev2TsOutcome::OK;
            }
        }
    }
    return found ? Ikev2TsOutcome::OK : Ikev2TsOutcome::REPLY_REJECTED;
}

} // namespace ns3
