/* SPDX-License-Identifier: GPL-2.0-only */

#include "ipsec-stack.h"

#include "ah-codec.h"
#include "esp-codec.h"
#include "ipsec-inbound-filter.h"
#include "ipsec-ipv4-routing-hook.h"
#include "ipsec-ipv6-extension.h"
#include "ipsec-ipv6-routing-hook.h"
#include "ipsec-l4-protocol.h"
#include "network-byte-order.h"
#include "octets-header.h"
#include "security-association-database.h"
#include "security-policy-database.h"
#include "security-policy.h"

#include "ns3/boolean.h"
#include "ns3/buffer.h"
#include "ns3/icmpv4-l4-protocol.h"
#include "ns3/ipv4-interface.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/ipv4-list-routing.h"
#include "ns3/ipv6-extension-demux.h"
#include "ns3/ipv6-interface.h"
#include "ns3/ipv6-l3-protocol.h"
#include "ns3/ipv6-list-routing.h"
#include "ns3/log.h"
#include "ns3/net-device.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/random-source.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <vector>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpsecStack");

NS_OBJECT_ENSURE_REGISTERED(IpsecStack);

namespace
{

constexpr uint8_t PROTO_ICMP = 1;
constexpr uint8_t PROTO_IPIP = 4;
constexpr uint8_t PROTO_TCP = 6;
constexpr uint8_t PROTO_UDP = 17;
constexpr uint8_t PROTO_IPV6 = 41;
constexpr uint8_t PROTO_ESP = 50;
constexpr uint8_t PROTO_AH = 51;
constexpr uint8_t PROTO_ICMPV6 = 58;
constexpr uint8_t PROTO_SCTP = 132;
constexpr uint16_t IKE_PORT = 500;
constexpr uint32_t IPV4_HEADER_SIZE = 20;
constexpr uint32_t IPV6_HEADER_SIZE = 40;
constexpr uint32_t UDP_HEADER_SIZE = 8;
/// Priority of the input hook in Ipv4ListRouting: above every routing protocol.
constexpr int16_t HOOK_PRIORITY = 32767;

constexpr uint8_t ECN_MASK = 0x03;
constexpr uint8_t ECN_NOT_ECT = 0x00;
constexpr uint8_t ECN_CE = 0x03;

/// Recomputes the checksum of the IPv4 header at \p header (RFC 791 3.1), when it has one.
void
SetIpv4Checksum(uint8_t* header)
{
    if (header[10] == 0 && header[11] == 0)
    {
        return; // ns-3 without checksums (Node::ChecksumEnabled false) sends zero
    }
    header[10] = 0;
    header[11] = 0;
    const size_t length = (header[0] & 0x0f) * 4u;
    uint32_t sum = 0;
    for (size_t i = 0; i + 1 < length; i += 2)
    {
        sum += (uint32_t(header[i]) << 8) | header[i + 1];
    }
    while (sum >> 16)
    {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    const uint16_t checksum = static_cast<uint16_t>(~sum);
    header[10] = uint8_t(checksum >> 8);
    header[11] = uint8_t(checksum);
}

/**
 * Replaces the octets of a received \p packet with \p octets, keeping the Packet object (its UID
 * and packet tags go on, as when IP carries a packet further) instead of allocating a new one.
 * The old octets go first: the space in front of a received packet belongs to the copies that
 * still have the headers IP removed, so ns-3 gives the packet a buffer of its own, and with
 * nothing left in the old one it has nothing to copy. Nothing is prepended to a decrypted packet
 * afterwards (on the way out, a new Packet gets the headroom ns-3 has learned headers need, which
 * a reused buffer of exactly the ESP packet's size would not have). ns-3 drops the byte tags of
 * the octets removed.
 */
void
ReplaceReceivedOctets(Packet& packet, ByteView octets)
{
    packet.RemoveAtStart(packet.GetSize());
    packet.AddHeader(OctetsHeader(octets));
}

/// Serializes an IP header as it goes on the wire (IPv4: checksum as configured).
void
SerializeHeader(const Header& header, Bytes* out)
{
    const uint32_t size = header.GetSerializedSize();
    Buffer buffer;
    buffer.AddAtStart(size);
    header.Serialize(buffer.Begin());
    out->resize(size);
    buffer.CopyData(out->data(), size);
}

} // namespace

const Ipv6Header&
IpsecStack::BlankIpv6Header()
{
    static const Ipv6Header blank;
    return blank;
}

TypeId
IpsecStack::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::IpsecStack")
            .SetParent<KernelInterface>()
            .SetGroupName("Ipsec")
            .AddConstructor<IpsecStack>()
            .AddAttribute("QueueOnAcquire",
                          "Hold packets that hit a PROTECT policy without SA until the acquire "
                          "is answered (true) or drop them with NO_SA (false).",
                          BooleanValue(true),
                          MakeBooleanAccessor(&IpsecStack::m_queueOnAcquire),
                          MakeBooleanChecker())
            .AddAttribute("AcquireQueueSize",
                          "Packets held, all policies together, while acquires are pending; "
                          "more are dropped with ACQUIRE_QUEUE_FULL.",
                          UintegerValue(32),
                          MakeUintegerAccessor(&IpsecStack::m_acquireQueueSize),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("AcquireTimeout",
                          "An acquire is raised again for a policy when no SA arrived this "
                          "long after the last one (Linux: xfrm_acq_expires, 30 s).",
                          TimeValue(Seconds(30)),
                          MakeTimeAccessor(&IpsecStack::m_acquireTimeout),
                          MakeTimeChecker())
            .AddAttribute("BypassIke",
                          "UDP traffic from or to ports 500 and NatTraversalPort bypasses the "
                          "SPD (what IKE daemons ask with a socket policy).",
                          BooleanValue(true),
                          MakeBooleanAccessor(&IpsecStack::m_bypassIke),
                          MakeBooleanChecker())
            .AddAttribute("NatTraversalPort",
                          "UDP port of RFC 3948 ESP-in-UDP and NAT keepalives.",
                          UintegerValue(4500),
                          MakeUintegerAccessor(&IpsecStack::m_nattPort),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("InboundPolicyCheck",
                          "Drop (POLICY_VIOLATION) arriving plaintext that an INBOUND PROTECT "
                          "policy says must have been protected (RFC 4301 5.2).",
                          BooleanValue(true),
                          MakeBooleanAccessor(&IpsecStack::m_checkInbound),
                          MakeBooleanChecker())
            .AddAttribute("ProcessingTimePerPacket",
                          "Simulated time one ESP/AH operation (protect or unprotect) takes, "
                          "on top of ProcessingTimePerKilobyte; operations of a node queue "
                          "behind each other. Zero (default): IPsec takes no simulated time.",
                          TimeValue(Time(0)),
                          MakeTimeAccessor(&IpsecStack::m_delayPerPacket),
                          MakeTimeChecker(Time(0)))
            .AddAttribute("ProcessingTimePerKilobyte",
                          "Simulated time per 1024 octets of an ESP/AH operation.",
                          TimeValue(Time(0)),
                          MakeTimeAccessor(&IpsecStack::m_delayPerKilobyte),
                          MakeTimeChecker(Time(0)))
            .AddTraceSource("Protect",
                            "An outbound packet was protected: SPI, size before, size after.",
                            MakeTraceSourceAccessor(&IpsecStack::m_protectTrace),
                            "ns3::IpsecStack::ProtectTracedCallback")
            .AddTraceSource("Unprotect",
                            "An inbound packet passed ESP/AH: SPI, size before, size after.",
                            MakeTraceSourceAccessor(&IpsecStack::m_unprotectTrace),
                            "ns3::IpsecStack::UnprotectTracedCallback")
            .AddTraceSource("Drop",
                            "IPsec dropped a packet, with the reason.",
                            MakeTraceSourceAccessor(&IpsecStack::m_dropTrace),
                            "ns3::IpsecStack::DropTracedCallback")
            .AddTraceSource("Acquire",
                            "An outbound packet needed an SA that does not exist.",
                            MakeTraceSourceAccessor(&IpsecStack::m_acquireTrace),
                            "ns3::IpsecStack::AcquireTracedCallback")
            .AddTraceSource("Expire",
                            "An SA crossed its soft or hard lifetime.",
                            MakeTraceSourceAccessor(&IpsecStack::m_expireTrace),
                            "ns3::IpsecStack::ExpireTracedCallback");
    return tid;
}

IpsecStack::IpsecStack()
    : m_sad(CreateObject<SecurityAssociationDatabase>()),
      m_spd(CreateObject<SecurityPolicyDatabase>()),
      m_rng(CreateObject<RandomSource>())
{
    NS_LOG_FUNCTION(this);
}

IpsecStack::~IpsecStack()
{
    NS_LOG_FUNCTION(this);
}

void
IpsecStack::NotifyNewAggregate()
{
    NS_LOG_FUNCTION(this);
    if (!m_attached)
    {
        Ptr<Node> node = GetObject<Node>();
        if (node && (node->GetObject<Ipv4L3Protocol>() || node->GetObject<Ipv6L3Protocol>()))
        {
            std::string error;
            if (!Attach(node, &error))
            {
                NS_LOG_WARN("IpsecStack not attached: " << error);
            }
        }
    }
    KernelInterface::NotifyNewAggregate();
}

bool
IpsecStack::Attach(Ptr<Node> node, std::string* error)
{
    NS_LOG_FUNCTION(this << node);
    if (m_attached)
    {
        return true;
    }
    if (!node->GetObject<Ipv4L3Protocol>() && !node->GetObject<Ipv6L3Protocol>())
    {
        if (error)
        {
            *error = "node " + std::to_string(node->GetId()) +
                     " has neither an IPv4 nor an IPv6 stack: install InternetStackHelper on it "
                     "before IPsec";
        }
        return false;
    }
    if (node->GetObject<Ipv4L3Protocol>() && !AttachIpv4(node, error))
    {
        return false;
    }
    m_node = node;
    AttachIpv6(node);
    m_attached = true;
    return true;
}

bool
IpsecStack::AttachIpv4(Ptr<Node> node, std::string* error)
{
    Ptr<Ipv4L3Protocol> ipv4 = node->GetObject<Ipv4L3Protocol>();
    Ptr<Ipv4ListRouting> list = DynamicCast<Ipv4ListRouting>(ipv4->GetRoutingProtocol());
    if (!list)
    {
        if (error)
        {
            *error = "node " + std::to_string(node->GetId()) +
                     " does not route with Ipv4ListRouting: give InternetStackHelper an "
                     "Ipv4ListRoutingHelper (its default) so IPsec can see arriving packets first";
        }
        return false;
    }
    m_ipv4 = ipv4;
    UintegerValue ttl;
    m_ipv4->GetAttribute("DefaultTtl", ttl);
    m_defaultTtl = static_cast<uint8_t>(ttl.Get());

    // Outbound: every L4 protocol sends through us.
    for (int number = 0; number < 256; ++number)
    {
        if (number == PROTO_ESP || number == PROTO_AH)
        {
            continue;
        }
        Ptr<IpL4Protocol> l4 = m_ipv4->GetProtocol(number);
        if (l4)
        {
            m_downTargets[uint8_t(number)] = l4->GetDownTarget();
            l4->SetDownTarget(MakeCallback(&IpsecStack::SendFromL4, this));
        }
    }

    // Forwarded traffic and the inbound policy check.
    m_routingHook = CreateObject<IpsecIpv4RoutingHook>();
    m_routingHook->SetInputCallback(MakeCallback(&IpsecStack::RouteInput, this));
    list->AddRoutingProtocol(m_routingHook, HOOK_PRIORITY);

    // Inbound ESP and AH.
    m_espL4 = CreateObject<IpsecL4Protocol>();
    m_espL4->SetProtocolNumber(PROTO_ESP);
    m_espL4->SetReceiveCallback(MakeCallback(&IpsecStack::ReceiveEspIpv4, this));
    m_ipv4->Insert(m_espL4);
    m_ahL4 = CreateObject<IpsecL4Protocol>();
    m_ahL4->SetProtocolNumber(PROTO_AH);
    m_ahL4->SetReceiveCallback(MakeCallback(&IpsecStack::ReceiveAhIpv4, this));
    m_ipv4->Insert(m_ahL4);

    // Locally delivered packets: inbound policy check and RFC 3948 ESP-in-UDP. ICMP stays
    // unwrapped: Ipv4L3Protocol::GetIcmp() needs the registered object to be Icmpv4L4Protocol.
    for (const auto& entry : m_downTargets)
    {
        Ptr<IpL4Protocol> l4 = m_ipv4->GetProtocol(entry.first);
        if (entry.first == PROTO_ICMP || !l4)
        {
            continue;
        }
        Ptr<IpsecInboundFilter> filter = CreateObject<IpsecInboundFilter>();
        filter->SetInner(l4);
        filter->SetFilterCallback(MakeCallback(&IpsecStack::FilterInbound, this));
        m_ipv4->Insert(filter);
        m_filters.push_back(filter);
    }
    return true;
}

void
IpsecStack::AttachIpv6(Ptr<Node> node)
{
    Ptr<Ipv6L3Protocol> ipv6 = node->GetObject<Ipv6L3Protocol>();
    Ptr<Ipv6ExtensionDemux> demux = node->GetObject<Ipv6ExtensionDemux>();
    if (!ipv6 || !demux)
    {
        return;
    }
    m_ipv6 = ipv6;
    UintegerValue hopLimit;
    m_ipv6->GetAttribute("DefaultTtl", hopLimit);
    m_defaultHopLimit = static_cast<uint8_t>(hopLimit.Get());
    for (int number = 0; number < 256; ++number)
    {
        Ptr<IpL4Protocol> l4 = m_ipv6->GetProtocol(number);
        if (l4 && number != PROTO_ICMPV6 && number != PROTO_ESP && number != PROTO_AH)
        {
            m_downTargets6[uint8_t(number)] = l4->GetDownTarget6();
            l4->SetDownTarget6(MakeCallback(&IpsecStack::SendFromL4v6, this));
        }
    }
    // ICMPv6 carries neighbour discovery, which must flow before any SA can; it bypasses.
    Ptr<Ipv6ListRouting> list = DynamicCast<Ipv6ListRouting>(m_ipv6->GetRoutingProtocol());
    if (list)
    {
        m_routingHook6 = CreateObject<IpsecIpv6RoutingHook>();
        m_routingHook6->SetInputCallback(MakeCallback(&IpsecStack::RouteInput6, this));
        list->AddRoutingProtocol(m_routingHook6, HOOK_PRIORITY);
    }
    else
    {
        NS_LOG_WARN("node " << node->GetId()
                            << ": IPv6 does not route with Ipv6ListRouting, so forwarded IPv6 "
                               "bypasses IPsec; give InternetStackHelper an "
                               "Ipv6ListRoutingHelper to protect it");
    }
    // RFC 4303 over IPv6: in place of ns-3's Ipv6ExtensionESP, whose Process does nothing.
    Ptr<Ipv6Extension> nsEsp = demux->GetExtension(PROTO_ESP);
    if (nsEsp)
    {
        demux->Remove(nsEsp);
    }
    m_espExtension = CreateObject<IpsecIpv6Extension>();
    m_espExtension->SetNode(node);
    m_espExtension->SetReceiveCallback(MakeCallback(&IpsecStack::ReceiveEspIpv6, this));
    demux->Insert(m_espExtension);
    // RFC 4302 over IPv6: the same for ns-3's Ipv6ExtensionAH.
    Ptr<Ipv6Extension> nsAh = demux->GetExtension(PROTO_AH);
    if (nsAh)
    {
        demux->Remove(nsAh);
    }
    m_ahExtension = CreateObject<IpsecIpv6Extension>();
    m_ahExtension->SetNode(node);
    m_ahExtension->SetExtensionNumber(PROTO_AH);
    m_ahExtension->SetReceiveCallback(MakeCallback(&IpsecStack::ReceiveAhIpv6, this));
    demux->Insert(m_ahExtension);
    // The IPv4 filters serve IPv6 too (UDP and TCP are one object for both); protocols IPv4
    // does not have (or an IPv6-only node) get filters of their own.
    for (const auto& entry : m_downTargets6)
    {
        auto same = std::find_if(m_filters.begin(), m_filters.end(), [&entry](const auto& f) {
            return f->GetProtocolNumber() == entry.first;
        });
        Ptr<IpsecInboundFilter> filter;
        if (same != m_filters.end())
        {
            filter = *same;
        }
        else
        {
            filter = CreateObject<IpsecInboundFilter>();
            filter->SetInner(m_ipv6->GetProtocol(entry.first));
            m_filters.push_back(filter);
        }
        filter->SetFilterCallback6(MakeCallback(&IpsecStack::FilterInbound6, this));
        m_ipv6->Insert(filter);
    }
}

bool
IpsecStack::IsAttached() const
{
    return m_attached;
}

Ptr<SecurityAssociationDatabase>
IpsecStack::GetSad() const
{
    return m_sad;
}

Ptr<SecurityPolicyDatabase>
IpsecStack::GetSpd() const
{
    return m_spd;
}

Ptr<RandomSource>
IpsecStack::GetRandomSource() const
{
    return m_rng;
}

int64_t
IpsecStack::AssignStreams(int64_t stream)
{
    NS_LOG_FUNCTION(this << stream);
    return m_rng->AssignStreams(stream);
}

uint64_t
IpsecStack::GetDropCount(IpsecDropReason reason) const
{
    const size_t i = static_cast<size_t>(reason);
    return i < m_drops.size() ? m_drops[i] : 0;
}

uint64_t
IpsecStack::GetProtectedCount() const
{
    return m_protected;
}

uint64_t
IpsecStack::GetUnprotectedCount() const
{
    return m_unprotected;
}

uint64_t
IpsecStack::GetNatKeepaliveCount() const
{
    return m_keepalives;
}

uint32_t
IpsecStack::GetMaxReqid() const
{
    return m_maxReqid;
}

uint32_t
IpsecStack::GetAcquireQueueLength() const
{
    return static_cast<uint32_t>(m_acquireQueue.size());
}

void
IpsecStack::DoDispose()
{
    NS_LOG_FUNCTION(this);
    for (auto& entry : m_timers)
    {
        entry.second.soft.Cancel();
        entry.second.hard.Cancel();
    }
    m_timers.clear();
    m_acquireQueue.clear();
    m_acquireCb.Nullify();
    m_expireCb.Nullify();
    m_downTargets.clear();
    if (m_sad)
    {
        m_sad->Dispose();
    }
    if (m_spd)
    {
        m_spd->Dispose();
    }
    if (m_rng)
    {
        m_rng->Dispose();
    }
    m_sad = nullptr;
    m_spd = nullptr;
    m_outboundCache = OutboundCache();
    m_rng = nullptr;
    m_routingHook = nullptr;
    m_espL4 = nullptr;
    m_ahL4 = nullptr;
    m_filters.clear();
    m_ipv4 = nullptr;
    m_ipv6 = nullptr;
    m_routingHook6 = nullptr;
    m_espExtension = nullptr;
    m_ahExtension = nullptr;
    m_downTargets6.clear();
    m_node = nullptr;
    KernelInterface::DoDispose();
}

// ------------------------------------------------------------------------------------------
// Outbound
// ------------------------------------------------------------------------------------------

PacketTuple
IpsecStack::MakeTuple(const IpAddress& src,
                      const IpAddress& dst,
                      uint8_t protocol,
                      Ptr<const Packet> l4,
                      bool firstFragment) const
{
    uint8_t ports[4] = {};
    const uint32_t size = firstFragment ? l4->CopyData(ports, sizeof(ports)) : 0;
    return MakeTuple(src, dst, protocol, ports, size, firstFragment);
}

PacketTuple
IpsecStack::MakeTuple(const IpAddress& src,
                      const IpAddress& dst,
                      uint8_t protocol,
                      const uint8_t* l4,
                      size_t size,
                      bool firstFragment) const
{
    PacketTuple tuple;
    tuple.src = src;
    tuple.dst = dst;
    tuple.protocol = protocol;
    if (!firstFragment)
    {
        return tuple; // RFC 4301 7: non-initial fragments carry no ports (OPAQUE)
    }
    switch (protocol)
    {
    case PROTO_TCP:
    case PROTO_UDP:
    case PROTO_SCTP:
        if (size >= 4)
        {
            tuple.srcPort = GetBigEndian16(l4);
            tuple.dstPort = GetBigEndian16(l4 + 2);
        }
        break;
    case PROTO_ICMP:
    case PROTO_ICMPV6:
        if (size >= 2)
        {
            tuple.srcPort = l4[0];
            tuple.dstPort = l4[1];
        }
        break;
    default:
        break;
    }
    return tuple;
}

bool
IpsecStack::IsIkePort(uint8_t protocol, uint16_t srcPort, uint16_t dstPort) const
{
    return m_bypassIke && protocol == PROTO_UDP &&
           (srcPort == IKE_PORT || dstPort == IKE_PORT || srcPort == m_nattPort ||
            dstPort == m_nattPort);
}

void
IpsecStack::SendFromL4(Ptr<Packet> packet,
                       Ipv4Address src,
                       Ipv4Address dst,
                       uint8_t protocol,
                       Ptr<Ipv4Route> route)
{
    auto target = m_downTargets.find(protocol);
    NS_ASSERT_MSG(target != m_downTargets.end(), "no down target for protocol " << +protocol);
    if (m_spd->GetN() == 0 || dst.IsMulticast() || dst.IsBroadcast())
    {
        target->second(packet, src, dst, protocol, route);
        return;
    }
    const PacketTuple tuple = MakeTuple(IpAddress(src), IpAddress(dst), protocol, packet, true);
    if (IsIkePort(protocol, tuple.srcPort, tuple.dstPort))
    {
        target->second(packet, src, dst, protocol, route);
        return;
    }
    Ptr<SecurityPolicy> policy = LookupOutbound(tuple);
    if (!policy || policy->action == PolicyAction::BYPASS)
    {
        target->second(packet, src, dst, protocol, route);
        return;
    }
    if (policy->action == PolicyAction::DISCARD)
    {
        Drop(packet, IpsecDropReason::DISCARD_POLICY);
        return;
    }
    // The socket's IP options apply to the packet IPsec builds (RFC 4301 5.1.2: TTL, TOS, DF
    // of the inner header in tunnel mode, of the only header in transport mode). The tags stay
    // on this packet: it is never sent on itself, and peeking copies no shared tag list.
    OutboundContext ctx;
    ctx.src = tuple.src;
    ctx.dst = tuple.dst;
    ctx.protocol = protocol;
    ctx.ttl = m_defaultTtl;
    ctx.route = route;
    SocketIpTtlTag ttlTag;
    if (packet->PeekPacketTag(ttlTag))
    {
        ctx.ttl = ttlTag.GetTtl();
    }
    SocketIpTosTag tosTag;
    if (packet->PeekPacketTag(tosTag))
    {
        ctx.tos = tosTag.GetTos();
    }
    SocketSetDontFragmentTag dfTag;
    if (packet->PeekPacketTag(dfTag))
    {
        ctx.dontFragment = dfTag.IsEnabled();
    }
    Output(packet, ctx, policy, tuple);
}

void
IpsecStack::Output(const Ptr<Packet>& packet,
                   const OutboundContext& ctx,
                   const Ptr<SecurityPolicy>& policy,
                   const PacketTuple& tuple)
{
    const SaTemplate& tmpl = policy->sa;
    if (tmpl.mode == IpsecMode::TRANSPORT && ctx.forwarded)
    {
        // RFC 4301 4.1: transport mode only carries the host's own traffic.
        Drop(packet, IpsecDropReason::NO_POLICY_SA_MISMATCH);
        return;
    }
    Ptr<SecurityAssociation> esp;
    Ptr<SecurityAssociation> ah;
    if (tmpl.protocol == IpsecProtocol::ESP)
    {
        esp = m_sad->LookupOutbound(tmpl.reqid, IpsecProtocol::ESP);
    }
    if (tmpl.protocol == IpsecProtocol::AH || tmpl.ahAlso)
    {
        ah = m_sad->LookupOutbound(tmpl.reqid, IpsecProtocol::AH);
    }
    const bool espMissing = tmpl.protocol == IpsecProtocol::ESP && (!esp || !esp->IsUsable());
    const bool ahMissing =
        (tmpl.protocol == IpsecProtocol::AH || tmpl.ahAlso) && (!ah || !ah->IsUsable());
    if (espMissing || ahMissing)
    {
        Acquire(packet, ctx, policy, tuple);
        return;
    }
    const IpsecMode mode = esp ? esp->GetMode() : ah->GetMode();
    if (mode != tmpl.mode || (esp && ah && esp->GetMode() != ah->GetMode()))
    {
        Drop(packet, IpsecDropReason::NO_POLICY_SA_MISMATCH);
        return;
    }
    SendProtected(packet, ctx, esp, ah);
}

Ptr<Ipv4Route>
IpsecStack::LookupRoute(const Ipv4Header& header, Ptr<Packet> packet) const
{
    Socket::SocketErrno err;
    return m_ipv4->GetRoutingProtocol()->RouteOutput(packet, header, nullptr, err);
}

bool
IpsecStack::ApplyAh(const Ptr<const Packet>& original,
                    const Ptr<SecurityAssociation>& ah,
                    uint8_t nextHeader)
{
    // RFC 4302 3.3.3: the ICV covers the outer header as sent (in m_ipHeaderBytes) and m_work.
    CodecResult r =
        AhCodec::Protect(*ah, ByteView(m_ipHeaderBytes), ByteView(m_work), nextHeader, &m_out);
    HandleLimit(ah, r.limit);
    if (!r.IsOk())
    {
        Drop(original, r.reason);
        return false;
    }
    m_out.insert(m_out.end(), m_work.begin(), m_work.end());
    return true;
}

void
IpsecStack::SendProtected(const Ptr<Packet>& original,
                          const OutboundContext& ctx,
                          const Ptr<SecurityAssociation>& esp,
                          const Ptr<SecurityAssociation>& ah)
{
    const SecurityAssociation& inner = esp ? *esp : *ah;
    const bool tunnel = inner.GetMode() == IpsecMode::TUNNEL;
    const bool innerV6 = ctx.src.IsIpv6();
    const bool outerV6 = tunnel ? inner.GetParams().src.IsIpv6() : innerV6;
    if ((outerV6 && !m_ipv6) || (!outerV6 && !m_ipv4))
    {
        // The SA's (outer) family is one the node does not have.
        Drop(original, IpsecDropReason::NO_POLICY_SA_MISMATCH);
        return;
    }
    const uint32_t l4Size = original->GetSize();
    const uint32_t innerHeaderSize = innerV6 ? IPV6_HEADER_SIZE : IPV4_HEADER_SIZE;
    const uint32_t bytesBefore = innerHeaderSize + l4Size;

    uint8_t nextHeader;
    uint8_t tos = ctx.tos;
    bool dontFragment = ctx.dontFragment;
    if (tunnel)
    {
        // RFC 4301 5.1.2.1: the inner header is the packet as the host (or the forwarding
        // gateway, TTL decremented) would have sent it; the outer one copies DSCP/ECN and DF.
        if (innerV6)
        {
            Ipv6Header innerHeader;
            if (ctx.forwarded)
            {
                innerHeader = *ctx.original6;
            }
            else
            {
                innerHeader.SetSource(ctx.src.GetIpv6());
                innerHeader.SetDestination(ctx.dst.GetIpv6());
                innerHeader.SetNextHeader(ctx.protocol);
                innerHeader.SetHopLimit(ctx.ttl);
                innerHeader.SetTrafficClass(ctx.tos);
            }
            innerHeader.SetPayloadLength(static_cast<uint16_t>(l4Size));
            SerializeHeader(innerHeader, &m_ipHeaderBytes);
            nextHeader = PROTO_IPV6;
            tos = innerHeader.GetTrafficClass();
            dontFragment = false;
        }
        else
        {
            Ipv4Header innerHeader;
            if (ctx.forwarded)
            {
                innerHeader = *ctx.original;
            }
            else
            {
                innerHeader.SetSource(ctx.src.GetIpv4());
                innerHeader.SetDestination(ctx.dst.GetIpv4());
                innerHeader.SetProtocol(ctx.protocol);
                innerHeader.SetTtl(ctx.ttl);
                innerHeader.SetTos(ctx.tos);
                innerHeader.SetIdentification(m_identification++);
                if (ctx.dontFragment)
                {
                    innerHeader.SetDontFragment();
                }
                else
                {
                    innerHeader.SetMayFragment();
                }
            }
            innerHeader.SetPayloadSize(static_cast<uint16_t>(l4Size));
            innerHeader.EnableChecksum();
            SerializeHeader(innerHeader, &m_ipHeaderBytes);
            nextHeader = PROTO_IPIP;
            tos = innerHeader.GetTos();
            dontFragment = innerHeader.IsDontFragment();
        }
    }
    else
    {
        nextHeader = ctx.protocol;
    }
    // With ESP the packet is laid out where its ciphertext goes, and encrypted there.
    const uint32_t plainSize = (tunnel ? innerHeaderSize : 0) + l4Size;
    const size_t plainOffset = esp ? EspCodec::GetPayloadOffset(*esp) : 0;
    Bytes& plain = esp ? m_out : m_work;
    plain.resize(esp ? EspCodec::GetProtectedSize(*esp, plainSize) : plainSize);
    if (tunnel)
    {
        std::copy(m_ipHeaderBytes.begin(), m_ipHeaderBytes.end(), plain.begin() + plainOffset);
    }
    original->CopyData(plain.data() + plainOffset + (tunnel ? innerHeaderSize : 0), l4Size);
    const IpAddress outerSrc = tunnel ? inner.GetParams().src : ctx.src;
    const IpAddress outerDst = tunnel ? inner.GetParams().dst : ctx.dst;

    uint32_t outerSpi = inner.GetSpi();
    if (esp)
    {
        CodecResult r = EspCodec::Protect(*esp,
                                          ByteView(m_out.data() + plainOffset, plainSize),
                                          nextHeader,
                                          &m_out);
        HandleLimit(esp, r.limit);
        if (!r.IsOk())
        {
            Drop(original, r.reason);
            return;
        }
        std::swap(m_work, m_out);
        nextHeader = PROTO_ESP;
        if (esp->GetParams().udpEncap && !ah)
        {
            // RFC 3948 2.1: UDP header, checksum zero, then the ESP header.
            const uint16_t length = static_cast<uint16_t>(UDP_HEADER_SIZE + m_work.size());
            const uint16_t sport = esp->GetParams().encapSrcPort;
            const uint16_t dport = esp->GetParams().encapDstPort;
            const uint8_t udp[UDP_HEADER_SIZE] = {uint8_t(sport >> 8),
                                                  uint8_t(sport),
                                                  uint8_t(dport >> 8),
                                                  uint8_t(dport),
                                                  uint8_t(length >> 8),
                                                  uint8_t(length),
                                                  0,
                                                  0};
            m_work.insert(m_work.begin(), udp, udp + UDP_HEADER_SIZE);
            nextHeader = PROTO_UDP;
        }
    }

    if (outerV6)
    {
        // RFC 4301 5.1.2.1: the outer traffic class copies the inner one (tunnel) or is the
        // socket's (transport); the hop limit is the encapsulator's default or the socket's.
        const uint8_t hopLimit = tunnel ? m_defaultHopLimit : ctx.ttl;
        ByteView octets(m_work);
        if (ah)
        {
            // RFC 4302 3.1.1: AH right after the base header. Ipv6L3Protocol::Send builds this
            // very header from the packet (payload length = its size, flow label 0) and the
            // tags below, so the ICV covers what goes on the wire.
            outerSpi = ah->GetSpi();
            const size_t ahSize = AhCodec::GetHeaderSize(*ah, true);
            Ipv6Header outer6;
            outer6.SetSource(outerSrc.GetIpv6());
            outer6.SetDestination(outerDst.GetIpv6());
            outer6.SetNextHeader(PROTO_AH);
            outer6.SetPayloadLength(static_cast<uint16_t>(ahSize + m_work.size()));
            outer6.SetHopLimit(hopLimit);
            outer6.SetTrafficClass(tos);
            SerializeHeader(outer6, &m_ipHeaderBytes);
            if (!ApplyAh(original, ah, nextHeader))
            {
                return;
            }
            octets = ByteView(m_out);
            nextHeader = PROTO_AH;
        }
        Ptr<Packet> packet = Create<Packet>(octets.data, static_cast<uint32_t>(octets.size));
        SocketIpv6HopLimitTag hopTag;
        hopTag.SetHopLimit(hopLimit);
        packet->AddPacketTag(hopTag);
        SocketIpv6TclassTag tclassTag;
        tclassTag.SetTclass(tos);
        packet->AddPacketTag(tclassTag);
        const uint32_t bytesAfter = IPV6_HEADER_SIZE + packet->GetSize();
        Ptr<Ipv6Route> route = tunnel ? nullptr : ctx.route6;
        ++m_protected;
        m_protectTrace(outerSpi, bytesBefore, bytesAfter);
        // IPv6 routers never fragment; Ipv6L3Protocol fragments at this source when needed.
        const Time delay = ProcessingDelay(bytesBefore);
        if (delay.IsStrictlyPositive())
        {
            Simulator::Schedule(delay,
                                &Ipv6L3Protocol::Send,
                                m_ipv6,
                                packet,
                                outerSrc.GetIpv6(),
                                outerDst.GetIpv6(),
                                nextHeader,
                                route);
            return;
        }
        m_ipv6->Send(packet, outerSrc.GetIpv6(), outerDst.GetIpv6(), nextHeader, route);
        return;
    }

    // Every field is set for each packet; the header object itself is reused.
    Ipv4Header& outer = m_outer4;
    outer.SetSource(outerSrc.GetIpv4());
    outer.SetDestination(outerDst.GetIpv4());
    outer.SetTtl(tunnel ? m_defaultTtl : ctx.ttl);
    outer.SetTos(tos);
    if (dontFragment)
    {
        outer.SetDontFragment();
    }
    else
    {
        outer.SetMayFragment();
    }
    outer.SetIdentification(m_identification++);
    ByteView octets(m_work);
    if (ah)
    {
        outerSpi = ah->GetSpi();
        const size_t ahSize = AhCodec::GetHeaderSize(*ah, false);
        outer.SetProtocol(PROTO_AH);
        outer.SetPayloadSize(static_cast<uint16_t>(ahSize + m_work.size()));
        SerializeHeader(outer, &m_ipHeaderBytes);
        if (!ApplyAh(original, ah, nextHeader))
        {
            return;
        }
        octets = ByteView(m_out);
    }
    else
    {
        outer.SetProtocol(nextHeader);
        outer.SetPayloadSize(static_cast<uint16_t>(m_work.size()));
    }
    Ptr<Packet> packet = Create<Packet>(octets.data, static_cast<uint32_t>(octets.size));

    Ptr<Ipv4Route> route;
    if (!tunnel && ctx.route)
    {
        route = ctx.route; // the L4 protocol's route to the same destination
    }
    else
    {
        route = LookupRoute(outer, packet);
    }
    if (!route)
    {
        NS_LOG_WARN("no route to " << outer.GetDestination() << " for the protected packet");
        return;
    }
    const uint32_t bytesAfter = IPV4_HEADER_SIZE + packet->GetSize();
    const uint16_t mtu = route->GetOutputDevice()->GetMtu();
    if (outer.IsDontFragment() && bytesAfter > mtu)
    {
        // No PMTU discovery in ns-3's sockets: locally generated packets are just dropped (as
        // Linux returns EMSGSIZE); a gateway also tells the source (RFC 4301 8.2.1).
        Drop(original, IpsecDropReason::MTU_EXCEEDED_DF);
        if (ctx.forwarded && !innerV6)
        {
            Ptr<Icmpv4L4Protocol> icmp =
                DynamicCast<Icmpv4L4Protocol>(m_ipv4->GetProtocol(PROTO_ICMP));
            if (icmp)
            {
                Ipv4Header asReceived = *ctx.original;
                asReceived.SetTtl(asReceived.GetTtl() + 1);
                const uint32_t overhead = bytesAfter - bytesBefore;
                icmp->SendDestUnreachFragNeeded(asReceived,
                                                original,
                                                static_cast<uint16_t>(mtu - overhead));
            }
        }
        return;
    }
    SocketPriorityTag priority;
    if (original->PeekPacketTag(priority))
    {
        packet->AddPacketTag(priority);
    }
    ++m_protected;
    m_protectTrace(outerSpi, bytesBefore, bytesAfter);
    const Time delay = ProcessingDelay(bytesBefore);
    if (delay.IsStrictlyPositive())
    {
        Simulator::Schedule(delay, &Ipv4L3Protocol::SendWithHeader, m_ipv4, packet, outer, route);
        return;
    }
    m_ipv4->SendWithHeader(packet, outer, route);
}

void
IpsecStack::Acquire(const Ptr<Packet>& packet,
                    const OutboundContext& ctx,
                    const Ptr<SecurityPolicy>& policy,
                    const PacketTuple& tuple)
{
    NS_LOG_FUNCTION(this << packet << policy->id);
    const Time now = Simulator::Now();
    // Packets whose acquire went unanswered for AcquireTimeout are given up (the kernel's
    // larval state expires), oldest first.
    while (!m_acquireQueue.empty() && now - m_acquireQueue.front().queuedAt >= m_acquireTimeout)
    {
        Drop(m_acquireQueue.front().packet, IpsecDropReason::NO_SA);
        m_acquireQueue.pop_front();
    }
    if (!m_queueOnAcquire)
    {
        Drop(packet, IpsecDropReason::NO_SA);
    }
    else if (m_acquireQueue.size() >= m_acquireQueueSize)
    {
        Drop(packet, IpsecDropReason::ACQUIRE_QUEUE_FULL);
    }
    else
    {
        // Queued before the daemon hears of it: it may install the SA from the callback.
        m_acquireQueue.push_back({packet, ctx, policy->sa.reqid, now});
    }
    auto pending = m_pendingAcquires.find(policy->id);
    if (pending == m_pendingAcquires.end() || now - pending->second.first >= m_acquireTimeout)
    {
        m_pendingAcquires[policy->id] = {now, policy->sa.reqid};
        AcquireEvent event;
        event.policyId = policy->id;
        event.selector = policy->selector;
        event.sa = policy->sa;
        event.tuple = tuple;
        m_acquireTrace(event);
        if (!m_acquireCb.IsNull())
        {
            m_acquireCb(event);
        }
    }
}

void
IpsecStack::FlushAcquireQueue(uint32_t reqid)
{
    NS_LOG_FUNCTION(this << reqid);
    std::vector<QueuedPacket> ready;
    for (auto it = m_acquireQueue.begin(); it != m_acquireQueue.end();)
    {
        if (it->reqid == reqid)
        {
            ready.push_back(*it);
            it = m_acquireQueue.erase(it);
        }
        else
        {
            ++it;
        }
    }
    for (auto it = m_pendingAcquires.begin(); it != m_pendingAcquires.end();)
    {
        it = it->second.second == reqid ? m_pendingAcquires.erase(it) : std::next(it);
    }
    for (const auto& entry : ready)
    {
        const OutboundContext& ctx = entry.context;
        const bool first = !ctx.original || ctx.original->GetFragmentOffset() == 0;
        const PacketTuple tuple = MakeTuple(ctx.src, ctx.dst, ctx.protocol, entry.packet, first);
        Ptr<SecurityPolicy> policy;
        if (ctx.forwarded)
        {
            policy = m_spd->Lookup(PolicyDirection::FORWARD, tuple);
        }
        if (!policy)
        {
            policy = m_spd->Lookup(PolicyDirection::OUTBOUND, tuple);
        }
        if (policy && policy->action == PolicyAction::PROTECT)
        {
            Output(entry.packet, ctx, policy, tuple);
        }
        else
        {
            NS_LOG_LOGIC("policy of a queued packet changed; dropped");
            Drop(entry.packet, IpsecDropReason::NO_POLICY_SA_MISMATCH);
        }
    }
}

// ------------------------------------------------------------------------------------------
// Input hook: forwarded traffic
// ------------------------------------------------------------------------------------------

bool
IpsecStack::RouteInput(Ptr<const Packet> packet,
                       const Ipv4Header& header,
                       Ptr<const NetDevice> idev)
{
    const SecurityAssociation* secPath = m_secPath;
    m_secPath = nullptr;
    if (m_spd->GetN() == 0)
    {
        return false;
    }
    const Ipv4Address dst = header.GetDestination();
    if (dst.IsMulticast() || dst.IsBroadcast())
    {
        return false;
    }
    // Ipv4ListRouting delivers local packets before asking us; the IpsecInboundFilter checks
    // them after reassembly.
    const int32_t iif = m_ipv4->GetInterfaceForDevice(idev);
    if (iif < 0 || m_ipv4->IsDestinationAddress(dst, iif) || !m_ipv4->IsForwarding(iif))
    {
        return false;
    }
    const bool first = header.GetFragmentOffset() == 0;
    const PacketTuple tuple =
        MakeTuple(header.GetSource(), dst, header.GetProtocol(), packet, first);
    OutboundContext ctx;
    ctx.original = header;
    ctx.ttl = header.GetTtl() > 0 ? header.GetTtl() - 1 : 0;
    ctx.original->SetTtl(ctx.ttl);
    ctx.tos = header.GetTos();
    ctx.dontFragment = header.IsDontFragment();
    return ForwardOutput(packet, tuple, secPath != nullptr, &ctx);
}

// ------------------------------------------------------------------------------------------
// Inbound ESP / AH
// ------------------------------------------------------------------------------------------

IpL4Protocol::RxStatus
IpsecStack::ReceiveEspIpv4(const Ptr<Packet>& packet,
                           const Ipv4Header& header,
                           const Ptr<Ipv4Interface>& iface)
{
    const uint32_t size = packet->GetSize();
    m_in.resize(size);
    packet->CopyData(m_in.data(), size);
    InboundContext in = MakeInboundContext(header, iface, size);
    in.packet = packet;
    ProcessInbound(m_in.data(), size, IpsecProtocol::ESP, in);
    return IpL4Protocol::RX_OK;
}

IpL4Protocol::RxStatus
IpsecStack::ReceiveAhIpv4(const Ptr<Packet>& packet,
                          const Ipv4Header& header,
                          const Ptr<Ipv4Interface>& iface)
{
    const uint32_t size = packet->GetSize();
    m_in.resize(size);
    packet->CopyData(m_in.data(), size);
    InboundContext in = MakeInboundContext(header, iface, size);
    in.packet = packet;
    ProcessInbound(m_in.data(), size, IpsecProtocol::AH, in);
    return IpL4Protocol::RX_OK;
}

IpsecStack::InboundContext
IpsecStack::MakeInboundContext(const Ipv4Header& header,
                               const Ptr<Ipv4Interface>& iface,
                               uint32_t size) const
{
    InboundContext in;
    in.src = header.GetSource();
    in.dst = header.GetDestination();
    in.header4 = &header;
    in.iface4 = iface;
    in.wireSize = IPV4_HEADER_SIZE + size;
    return in;
}

Ptr<NetDevice>
IpsecStack::InboundDevice(const InboundContext& in)
{
    return in.iface4 ? in.iface4->GetDevice() : in.iface6->GetDevice();
}

Ptr<Packet>
IpsecStack::InboundPacket(const InboundContext& in, const uint8_t* octets, size_t size)
{
    if (!in.packet)
    {
        return Create<Packet>(octets, static_cast<uint32_t>(size));
    }
    ReplaceReceivedOctets(*in.packet, ByteView(octets, size));
    return in.packet;
}

bool
IpsecStack::CheckPlaintext(Ptr<const Packet> packet, const PacketTuple& tuple)
{
    if (!m_checkInbound || IsIkePort(tuple.protocol, tuple.srcPort, tuple.dstPort))
    {
        return false;
    }
    Ptr<SecurityPolicy> policy = m_spd->Lookup(PolicyDirection::INBOUND, tuple);
    if (policy && policy->action == PolicyAction::PROTECT)
    {
        Drop(packet, IpsecDropReason::POLICY_VIOLATION); // RFC 4301 5.2 step 3a
        return true;
    }
    if (policy && policy->action == PolicyAction::DISCARD)
    {
        Drop(packet, IpsecDropReason::DISCARD_POLICY);
        return true;
    }
    return false;
}

bool
IpsecStack::FilterInbound(Ptr<Packet> packet, const Ipv4Header& header, Ptr<Ipv4Interface> iface)
{
    const SecurityAssociation* secPath = m_secPath;
    m_secPath = nullptr;
    if (header.GetProtocol() == PROTO_UDP && IsNattDatagram(packet))
    {
        InboundContext in = MakeInboundContext(header, iface, packet->GetSize());
        in.packet = packet;
        if (FilterUdpEncap(packet, in))
        {
            return true;
        }
    }
    if (secPath || m_spd->GetN() == 0)
    {
        return false;
    }
    const PacketTuple tuple =
        MakeTuple(header.GetSource(), header.GetDestination(), header.GetProtocol(), packet, true);
    return CheckPlaintext(packet, tuple);
}

bool
IpsecStack::IsNattDatagram(Ptr<const Packet> packet) const
{
    uint8_t ports[4];
    return packet->GetSize() > UDP_HEADER_SIZE && packet->CopyData(ports, 4) == 4 &&
           GetBigEndian16(ports + 2) == m_nattPort;
}

bool
IpsecStack::FilterUdpEncap(Ptr<Packet> packet, const InboundContext& in)
{
    const uint32_t size = packet->GetSize();
    if (size < UDP_HEADER_SIZE + 1)
    {
        return false;
    }
    uint8_t head[UDP_HEADER_SIZE + 4] = {};
    packet->CopyData(head, std::min<uint32_t>(size, sizeof(head)));
    if (GetBigEndian16(head + 2) != m_nattPort)
    {
        return false;
    }
    const uint32_t payload = size - UDP_HEADER_SIZE;
    if (payload == 1 && head[UDP_HEADER_SIZE] == 0xff)
    {
        ++m_keepalives; // RFC 3948 2.3: NAT keepalive, discarded
        return true;
    }
    if (payload >= 4 && GetBigEndian32(head + UDP_HEADER_SIZE) == 0)
    {
        return false; // RFC 3948 2.2 non-ESP marker: IKE, for the daemon's socket
    }
    m_in.resize(size);
    packet->CopyData(m_in.data(), size);
    ProcessInbound(m_in.data() + UDP_HEADER_SIZE, payload, IpsecProtocol::ESP, in);
    return true;
}

void
IpsecStack::ProcessInbound(const uint8_t* data,
                           size_t size,
                           IpsecProtocol protocol,
                           const InboundContext& in)
{
    if (size < 8)
    {
        DropBytes(data, size, IpsecDropReason::MALFORMED);
        return;
    }
    const bool v6 = in.dst.IsIpv6();
    const uint32_t spi = GetBigEndian32(data + (protocol == IpsecProtocol::AH ? 4 : 0));
    Ptr<SecurityAssociation> sa = m_sad->Lookup(spi, in.dst, protocol);
    if (!sa || sa->GetDirection() != SaDirection::INBOUND)
    {
        DropBytes(data, size, IpsecDropReason::NO_SA);
        return;
    }
    uint8_t nextHeader = 0;
    const uint8_t* payload = nullptr;
    size_t payloadSize = 0;
    if (protocol == IpsecProtocol::ESP)
    {
        CodecResult r = EspCodec::Unprotect(*sa, ByteView(data, size), &m_work, &nextHeader);
        HandleLimit(sa, r.limit);
        if (r.status == CodecStatus::DUMMY)
        {
            return;
        }
        if (r.IsDrop())
        {
            DropBytes(data, size, r.reason);
            return;
        }
        payload = m_work.data();
        payloadSize = m_work.size();
    }
    else
    {
        if (v6)
        {
            SerializeAhHeader6(in, size);
        }
        else
        {
            Ipv4Header asReceived = *in.header4;
            asReceived.SetProtocol(PROTO_AH);
            asReceived.SetPayloadSize(static_cast<uint16_t>(size));
            SerializeHeader(asReceived, &m_ipHeaderBytes);
        }
        ByteView view;
        CodecResult r = AhCodec::Unprotect(*sa,
                                           ByteView(m_ipHeaderBytes),
                                           ByteView(data, size),
                                           &view,
                                           &nextHeader);
        HandleLimit(sa, r.limit);
        if (r.IsDrop())
        {
            DropBytes(data, size, r.reason);
            return;
        }
        payload = view.data;
        payloadSize = view.size;
    }
    ++m_unprotected;
    const bool tunnel = nextHeader == PROTO_IPIP || nextHeader == PROTO_IPV6;
    const uint32_t outerHeaderSize = v6 ? IPV6_HEADER_SIZE : IPV4_HEADER_SIZE;
    m_unprotectTrace(sa->GetSpi(),
                     in.wireSize,
                     static_cast<uint32_t>(payloadSize + (tunnel ? 0 : outerHeaderSize)));

    if (nextHeader == PROTO_ESP || nextHeader == PROTO_AH)
    {
        // A bundle (AH around ESP): process the next header with the same outer header.
        Bytes next(payload, payload + payloadSize);
        InboundContext again = in;
        if (protocol == IpsecProtocol::AH)
        {
            again.outerAh = sa;
        }
        Ipv4Header header4;
        Ipv6Header header6 = BlankIpv6Header();
        if (v6)
        {
            header6 = *in.header6;
            header6.SetNextHeader(nextHeader);
            header6.SetPayloadLength(static_cast<uint16_t>(next.size()));
            again.header6 = &header6;
        }
        else
        {
            header4 = *in.header4;
            header4.SetProtocol(nextHeader);
            header4.SetPayloadSize(static_cast<uint16_t>(next.size()));
            again.header4 = &header4;
        }
        again.extensions6.clear();
        ProcessInbound(next.data(),
                       next.size(),
                       nextHeader == PROTO_ESP ? IpsecProtocol::ESP : IpsecProtocol::AH,
                       again);
        return;
    }
    const Time delay = ProcessingDelay(size);
    if (delay.IsStrictlyPositive())
    {
        auto deferred = std::make_shared<DeferredDelivery>();
        deferred->payload.assign(payload, payload + payloadSize);
        deferred->nextHeader = nextHeader;
        deferred->sa = sa;
        deferred->in = in;
        if (in.header4)
        {
            deferred->header4 = *in.header4;
            deferred->in.header4 = &deferred->header4;
        }
        if (in.header6)
        {
            deferred->header6 = *in.header6;
            deferred->in.header6 = &deferred->header6;
        }
        Simulator::Schedule(delay, &IpsecStack::DeliverLater, this, deferred);
        return;
    }
    Deliver(payload, payloadSize, nextHeader, sa, in);
}

void
IpsecStack::DeliverLater(std::shared_ptr<DeferredDelivery> deferred)
{
    Deliver(deferred->payload.data(),
            deferred->payload.size(),
            deferred->nextHeader,
            deferred->sa,
            deferred->in);
}

Ptr<IpL4Protocol>
IpsecStack::BehindFilter(const Ptr<IpL4Protocol>& l4,
                         uint8_t protocol,
                         const uint8_t* segment,
                         size_t size) const
{
    // A decrypted segment carries its secpath, so our filter in front of the protocol would only
    // look for RFC 3948 ESP-in-UDP (FilterInbound): unless it is that, skip the filter's hop.
    if (protocol == PROTO_UDP && size > UDP_HEADER_SIZE &&
        GetBigEndian16(segment + 2) == m_nattPort)
    {
        return l4;
    }
    for (const auto& filter : m_filters)
    {
        if (filter == l4)
        {
            return filter->GetInner();
        }
    }
    return l4;
}

void
IpsecStack::Deliver(const uint8_t* payload,
                    size_t payloadSize,
                    uint8_t nextHeader,
                    Ptr<SecurityAssociation> sa,
                    const InboundContext& in)
{
    const bool v6 = in.dst.IsIpv6();
    if (nextHeader == PROTO_IPIP || nextHeader == PROTO_IPV6)
    {
        DeliverTunnel(payload, payloadSize, nextHeader, sa, in);
        return;
    }

    // Transport mode: hand the segment to the inner protocol (RFC 4301 5.2 step 4).
    if (sa->GetMode() != IpsecMode::TRANSPORT)
    {
        DropBytes(payload, payloadSize, IpsecDropReason::NO_POLICY_SA_MISMATCH);
        return;
    }
    Ptr<Packet> segment = InboundPacket(in, payload, payloadSize);
    const PacketTuple tuple = MakeTuple(in.src, in.dst, nextHeader, payload, payloadSize, true);
    if (!AcceptInbound(tuple, *sa, in, segment))
    {
        return;
    }
    Ptr<IpL4Protocol> l4 =
        v6 ? m_ipv6->GetProtocol(nextHeader, m_ipv6->GetInterfaceForDevice(InboundDevice(in)))
           : m_ipv4->GetProtocol(nextHeader, m_ipv4->GetInterfaceForDevice(InboundDevice(in)));
    if (!l4)
    {
        NS_LOG_WARN("no protocol " << +nextHeader << " for a decrypted segment; dropped");
        return;
    }
    Ptr<IpL4Protocol> inner = BehindFilter(l4, nextHeader, payload, payloadSize);
    const SecurityAssociation* saved = m_secPath;
    // The filter, when there is one, takes the secpath; when it is skipped nobody else does.
    m_secPath = inner == l4 ? PeekPointer(sa) : nullptr;
    if (v6)
    {
        Ipv6Header innerHeader = *in.header6;
        innerHeader.SetNextHeader(nextHeader);
        innerHeader.SetPayloadLength(static_cast<uint16_t>(payloadSize));
        inner->Receive(segment, innerHeader, in.iface6);
    }
    else
    {
        Ipv4Header innerHeader = *in.header4;
        innerHeader.SetProtocol(nextHeader);
        innerHeader.SetPayloadSize(static_cast<uint16_t>(payloadSize));
        inner->Receive(segment, innerHeader, in.iface4);
    }
    m_secPath = saved;
}

void
IpsecStack::DeliverTunnel(const uint8_t* payload,
                          size_t payloadSize,
                          uint8_t nextHeader,
                          Ptr<SecurityAssociation> sa,
                          const InboundContext& in)
{
    if (sa->GetMode() != IpsecMode::TUNNEL)
    {
        DropBytes(payload, payloadSize, IpsecDropReason::NO_POLICY_SA_MISMATCH);
        return;
    }
    const bool innerV6 = nextHeader == PROTO_IPV6;
    const uint32_t minimum = innerV6 ? IPV6_HEADER_SIZE : IPV4_HEADER_SIZE;
    const size_t ihl = (payload[0] & 0x0f) * 4u; // RFC 791 3.1: at least 5 words
    if (payloadSize < minimum || (payload[0] >> 4) != (innerV6 ? 6 : 4) ||
        (!innerV6 && (ihl < IPV4_HEADER_SIZE || ihl > payloadSize)))
    {
        DropBytes(payload, payloadSize, IpsecDropReason::MALFORMED);
        return;
    }
    // RFC 6040 4.2: congestion experienced on the outer header reaches ECN-capable inner
    // packets (a Not-ECT inner packet is left as it is).
    const uint8_t outerEcn =
        (in.dst.IsIpv6() ? in.header6->GetTrafficClass() : in.header4->GetTos()) & ECN_MASK;
    const uint8_t innerEcn = (innerV6 ? (payload[1] >> 4) : payload[1]) & ECN_MASK;
    if (outerEcn == ECN_CE && innerEcn != ECN_CE && innerEcn != ECN_NOT_ECT)
    {
        m_ecnCopy.assign(payload, payload + payloadSize);
        if (innerV6)
        {
            m_ecnCopy[1] |= ECN_CE << 4;
        }
        else
        {
            m_ecnCopy[1] |= ECN_CE;
            SetIpv4Checksum(m_ecnCopy.data());
        }
        payload = m_ecnCopy.data();
    }
    Ptr<Packet> innerPacket = InboundPacket(in, payload, payloadSize);
    // The selectors are checked on the inner header's octets (RFC 791 3.1, RFC 8200 3); the
    // length checks above make them all present.
    PacketTuple tuple;
    if (innerV6)
    {
        tuple = MakeTuple(IpAddress::FromBytes(payload + 8, true),
                          IpAddress::FromBytes(payload + 24, true),
                          payload[6],
                          payload + IPV6_HEADER_SIZE,
                          payloadSize - IPV6_HEADER_SIZE,
                          true);
    }
    else
    {
        const bool first = (GetBigEndian16(payload + 6) & 0x1fff) == 0;
        tuple = MakeTuple(IpAddress::FromBytes(payload + 12, false),
                          IpAddress::FromBytes(payload + 16, false),
                          payload[9],
                          payload + ihl,
                          payloadSize - ihl,
                          first);
    }
    if (!AcceptInbound(tuple, *sa, in, innerPacket))
    {
        return;
    }
    // Back into IP on the interface the ESP packet arrived on, with the secpath set so the
    // input hooks and the inbound filters know the packet was protected.
    Ptr<NetDevice> device = InboundDevice(in);
    const bool canV4 = m_ipv4 && m_ipv4->GetInterfaceForDevice(device) >= 0;
    const bool canV6 = m_ipv6 && m_ipv6->GetInterfaceForDevice(device) >= 0;
    if ((innerV6 && !canV6) || (!innerV6 && !canV4))
    {
        Drop(innerPacket, IpsecDropReason::MALFORMED); // no such IP version on this interface
        return;
    }
    const SecurityAssociation* saved = m_secPath;
    m_secPath = PeekPointer(sa);
    if (innerV6)
    {
        m_ipv6->Receive(device,
                        innerPacket,
                        Ipv6L3Protocol::PROT_NUMBER,
                        device->GetAddress(),
                        device->GetAddress(),
                        NetDevice::PACKET_HOST);
    }
    else
    {
        m_ipv4->Receive(device,
                        innerPacket,
                        Ipv4L3Protocol::PROT_NUMBER,
                        device->GetAddress(),
                        device->GetAddress(),
                        NetDevice::PACKET_HOST);
    }
    m_secPath = saved;
}

namespace
{

/// \return whether two tuples are the same flow
bool
SameTuple(const PacketTuple& a, const PacketTuple& b)
{
    return a.protocol == b.protocol && a.srcPort == b.srcPort && a.dstPort == b.dstPort &&
           a.src == b.src && a.dst == b.dst;
}

} // namespace

bool
IpsecStack::AcceptInbound(const PacketTuple& tuple,
                          SecurityAssociation& sa,
                          const InboundContext& in,
                          Ptr<const Packet> packet)
{
    // The selector match depends only on the tuple and the (immutable) SA, the policy found
    // only on the tuple and the SPD: both are remembered per SA until the SPD changes. The
    // policy's verdict is taken afresh, as its action may be changed in place.
    SecurityAssociation::AcceptedFlow& cache = sa.GetAcceptedFlow();
    const uint64_t generation = m_spd->GetGeneration();
    Ptr<SecurityPolicy> policy;
    if (cache.valid && cache.generation == generation && SameTuple(cache.tuple, tuple))
    {
        policy = cache.policy;
    }
    else
    {
        // RFC 4301 5.2 step 4: the inner header must match the SA's selectors.
        if (!sa.GetParams().selector.Matches(tuple, PolicyDirection::INBOUND))
        {
            Drop(packet, IpsecDropReason::SELECTOR_MISMATCH);
            return false;
        }
        policy = m_spd->Lookup(PolicyDirection::INBOUND, tuple);
        cache.tuple = tuple;
        cache.generation = generation;
        cache.policy = policy;
        cache.valid = true;
    }
    if (!InboundPolicyAllows(policy, sa, in))
    {
        Drop(packet, IpsecDropReason::NO_POLICY_SA_MISMATCH);
        return false;
    }
    return true;
}

Ptr<SecurityPolicy>
IpsecStack::LookupOutbound(const PacketTuple& tuple)
{
    const uint64_t generation = m_spd->GetGeneration();
    if (!m_outboundCache.valid || m_outboundCache.generation != generation ||
        !SameTuple(m_outboundCache.tuple, tuple))
    {
        m_outboundCache.policy = m_spd->Lookup(PolicyDirection::OUTBOUND, tuple);
        m_outboundCache.tuple = tuple;
        m_outboundCache.generation = generation;
        m_outboundCache.valid = true;
    }
    return m_outboundCache.policy;
}

bool
IpsecStack::InboundPolicyAllows(const Ptr<SecurityPolicy>& policy,
                                const SecurityAssociation& sa,
                                const InboundContext& in) const
{
    bool ok;
    if (!policy)
    {
        // As Linux: without a policy, only transport-mode results are accepted.
        ok = sa.GetMode() == IpsecMode::TRANSPORT;
    }
    else if (policy->action == PolicyAction::DISCARD)
    {
        ok = false;
    }
    else if (policy->action == PolicyAction::BYPASS)
    {
        ok = true;
    }
    else
    {
        // RFC 4301 5.2 step 4: the SAs the packet came through are the ones the policy asks
        // for, in order (an ESP+AH bundle: AH outside, verified before ESP).
        const SaTemplate& tmpl = policy->sa;
        const bool reqidOk = tmpl.reqid == 0 || tmpl.reqid == sa.GetReqid();
        const bool bundleOk =
            tmpl.ahAlso ? in.outerAh && (tmpl.reqid == 0 || in.outerAh->GetReqid() == tmpl.reqid)
                        : !in.outerAh;
        ok = tmpl.protocol == sa.GetProtocol() && tmpl.mode == sa.GetMode() && reqidOk && bundleOk;
    }
    return ok;
}

// ------------------------------------------------------------------------------------------
// IPv6
// ------------------------------------------------------------------------------------------

void
IpsecStack::SendFromL4v6(Ptr<Packet> packet,
                         Ipv6Address src,
                         Ipv6Address dst,
                         uint8_t protocol,
                         Ptr<Ipv6Route> route)
{
    auto target = m_downTargets6.find(protocol);
    NS_ASSERT_MSG(target != m_downTargets6.end(), "no down target for protocol " << +protocol);
    if (m_spd->GetN() == 0 || dst.IsMulticast() || dst.IsLinkLocal() || src.IsLinkLocal())
    {
        target->second(packet, src, dst, protocol, route);
        return;
    }
    const PacketTuple tuple = MakeTuple(IpAddress(src), IpAddress(dst), protocol, packet, true);
    Ptr<SecurityPolicy> policy;
    if (!IsIkePort(protocol, tuple.srcPort, tuple.dstPort))
    {
        policy = LookupOutbound(tuple);
    }
    if (!policy || policy->action == PolicyAction::BYPASS)
    {
        target->second(packet, src, dst, protocol, route);
        return;
    }
    if (policy->action == PolicyAction::DISCARD)
    {
        Drop(packet, IpsecDropReason::DISCARD_POLICY);
        return;
    }
    OutboundContext ctx;
    ctx.src = tuple.src;
    ctx.dst = tuple.dst;
    ctx.protocol = protocol;
    ctx.ttl = m_defaultHopLimit;
    ctx.route6 = route;
    SocketIpv6HopLimitTag hopTag;
    if (packet->PeekPacketTag(hopTag))
    {
        ctx.ttl = hopTag.GetHopLimit();
    }
    SocketIpv6TclassTag tclassTag;
    if (packet->PeekPacketTag(tclassTag))
    {
        ctx.tos = tclassTag.GetTclass();
    }
    Output(packet, ctx, policy, tuple);
}

bool
IpsecStack::ForwardOutput(Ptr<const Packet> packet,
                          const PacketTuple& tuple,
                          bool secPath,
                          OutboundContext* ctx)
{
    if (IsIkePort(tuple.protocol, tuple.srcPort, tuple.dstPort))
    {
        return false;
    }
    if (!secPath && CheckPlaintext(packet, tuple))
    {
        return true;
    }
    Ptr<SecurityPolicy> policy = m_spd->Lookup(PolicyDirection::FORWARD, tuple);
    if (!policy)
    {
        policy = m_spd->Lookup(PolicyDirection::OUTBOUND, tuple);
    }
    if (!policy || policy->action == PolicyAction::BYPASS)
    {
        return false;
    }
    if (policy->action == PolicyAction::DISCARD)
    {
        Drop(packet, IpsecDropReason::DISCARD_POLICY);
        return true;
    }
    if (ctx->ttl == 0)
    {
        return false; // the normal path sends ICMP time exceeded
    }
    ctx->forwarded = true;
    ctx->src = tuple.src;
    ctx->dst = tuple.dst;
    ctx->protocol = tuple.protocol;
    Output(packet->Copy(), *ctx, policy, tuple);
    return true;
}

bool
IpsecStack::RouteInput6(Ptr<const Packet> packet,
                        const Ipv6Header& header,
                        Ptr<const NetDevice> idev)
{
    const SecurityAssociation* secPath = m_secPath;
    m_secPath = nullptr;
    const Ipv6Address dst = header.GetDestination();
    if (m_spd->GetN() == 0 || dst.IsMulticast() || dst.IsLinkLocal())
    {
        return false;
    }
    const int32_t iif = m_ipv6->GetInterfaceForDevice(idev);
    if (iif < 0 || !m_ipv6->IsForwarding(iif))
    {
        return false;
    }
    const PacketTuple tuple =
        MakeTuple(header.GetSource(), dst, header.GetNextHeader(), packet, true);
    OutboundContext ctx;
    ctx.original6 = header;
    ctx.ttl = header.GetHopLimit() > 0 ? header.GetHopLimit() - 1 : 0;
    ctx.original6->SetHopLimit(ctx.ttl);
    ctx.tos = header.GetTrafficClass();
    return ForwardOutput(packet, tuple, secPath, &ctx);
}

void
IpsecStack::ReceiveEspIpv6(Ptr<Packet> packet, uint8_t offset, const Ipv6Header& header)
{
    ReceiveIpv6(packet, offset, header, IpsecProtocol::ESP);
}

void
IpsecStack::ReceiveAhIpv6(Ptr<Packet> packet, uint8_t offset, const Ipv6Header& header)
{
    ReceiveIpv6(packet, offset, header, IpsecProtocol::AH);
}

void
IpsecStack::ReceiveIpv6(Ptr<Packet> packet,
                        uint8_t offset,
                        const Ipv6Header& header,
                        IpsecProtocol protocol)
{
    const int32_t iif = m_ipv6->GetInterfaceForAddress(header.GetDestination());
    if (iif < 0 || packet->GetSize() < offset)
    {
        NS_LOG_WARN("ESP/AH to " << header.GetDestination() << " not for a unicast address");
        return;
    }
    InboundContext in;
    in.src = header.GetSource();
    in.dst = header.GetDestination();
    in.header6 = &header;
    in.iface6 = m_ipv6->GetInterface(iif);
    in.wireSize = IPV6_HEADER_SIZE + packet->GetSize();
    in.packet = packet;
    const uint32_t size = packet->GetSize() - offset;
    m_in.resize(packet->GetSize());
    packet->CopyData(m_in.data(), packet->GetSize());
    if (protocol == IpsecProtocol::AH)
    {
        // RFC 4302 3.3.3.1.2: the extension headers before AH are covered by the ICV.
        in.extensions6.assign(m_in.data(), m_in.data() + offset);
    }
    ProcessInbound(m_in.data() + offset, size, protocol, in);
}

void
IpsecStack::SerializeAhHeader6(const InboundContext& in, size_t ahAndPayloadSize)
{
    // The header as the sender authenticated it (RFC 4302 3.3.3.1.2): next header and payload
    // length of the packet before fragmentation (ns-3 reassembles before AH sees the packet,
    // leaving the Fragment header's number in the header that preceded it).
    Ipv6Header sent = *in.header6;
    sent.SetNextHeader(in.extensions6.empty() ? PROTO_AH : in.header6->GetNextHeader());
    sent.SetPayloadLength(static_cast<uint16_t>(in.extensions6.size() + ahAndPayloadSize));
    SerializeHeader(sent, &m_ipHeaderBytes);
    if (in.extensions6.empty())
    {
        return;
    }
    const size_t start = m_ipHeaderBytes.size();
    m_ipHeaderBytes.insert(m_ipHeaderBytes.end(), in.extensions6.begin(), in.extensions6.end());
    size_t last = start;
    for (size_t off = start; off + 1 < m_ipHeaderBytes.size();
         off += (size_t{m_ipHeaderBytes[off + 1]} + 1) * 8)
    {
        last = off;
    }
    m_ipHeaderBytes[last] = PROTO_AH; // AhCodec rejects a chain that does not end here
}

bool
IpsecStack::FilterInbound6(Ptr<Packet> packet, const Ipv6Header& header, Ptr<Ipv6Interface> iface)
{
    const SecurityAssociation* secPath = m_secPath;
    m_secPath = nullptr;
    if (header.GetNextHeader() == PROTO_UDP && IsNattDatagram(packet))
    {
        InboundContext in;
        in.src = header.GetSource();
        in.dst = header.GetDestination();
        in.header6 = &header;
        in.iface6 = iface;
        in.wireSize = IPV6_HEADER_SIZE + packet->GetSize();
        in.packet = packet;
        if (FilterUdpEncap(packet, in))
        {
            return true;
        }
    }
    if (secPath || m_spd->GetN() == 0)
    {
        return false;
    }
    const PacketTuple tuple = MakeTuple(header.GetSource(),
                                        header.GetDestination(),
                                        header.GetNextHeader(),
                                        packet,
                                        true);
    return CheckPlaintext(packet, tuple);
}

// ------------------------------------------------------------------------------------------
// Drops, lifetimes, kernel interface
// ------------------------------------------------------------------------------------------

Time
IpsecStack::ProcessingDelay(uint32_t bytes)
{
    if (m_delayPerPacket.IsZero() && m_delayPerKilobyte.IsZero())
    {
        return Time(0);
    }
    const Time cost =
        m_delayPerPacket + NanoSeconds(m_delayPerKilobyte.GetNanoSeconds() * bytes / 1024);
    if (!cost.IsStrictlyPositive())
    {
        return Time(0);
    }
    // One crypto engine per node: operations queue behind each other.
    const Time now = Simulator::Now();
    m_engineFreeAt = std::max(now, m_engineFreeAt) + cost;
    return m_engineFreeAt - now;
}

void
IpsecStack::Drop(Ptr<const Packet> packet, IpsecDropReason reason)
{
    NS_LOG_LOGIC("drop " << IpsecDropReasonName(reason));
    const size_t i = static_cast<size_t>(reason);
    if (i < m_drops.size())
    {
        ++m_drops[i];
    }
    m_dropTrace(packet, reason);
}

void
IpsecStack::DropBytes(const uint8_t* data, size_t size, IpsecDropReason reason)
{
    if (m_dropTrace.IsEmpty())
    {
        NS_LOG_LOGIC("drop " << IpsecDropReasonName(reason));
        const size_t i = static_cast<size_t>(reason);
        if (i < m_drops.size())
        {
            ++m_drops[i];
        }
        return;
    }
    Drop(Create<Packet>(data, static_cast<uint32_t>(size)), reason);
}

void
IpsecStack::HandleLimit(const Ptr<SecurityAssociation>& sa, SaLimit limit)
{
    switch (limit)
    {
    case SaLimit::NONE:
        return;
    case SaLimit::SOFT_BYTES:
        RaiseExpire(*sa, false, ExpireCause::BYTES);
        return;
    case SaLimit::SOFT_PACKETS:
        RaiseExpire(*sa, false, ExpireCause::PACKETS);
        return;
    case SaLimit::HARD_BYTES:
        RaiseExpire(*sa, true, ExpireCause::BYTES);
        RemoveSa(sa);
        return;
    case SaLimit::HARD_PACKETS:
        RaiseExpire(*sa, true, ExpireCause::PACKETS);
        RemoveSa(sa);
        return;
    }
}

void
IpsecStack::RaiseExpire(const SecurityAssociation& sa, bool hard, ExpireCause cause)
{
    NS_LOG_FUNCTION(this << sa.GetSpi() << hard << ExpireCauseName(cause));
    ExpireEvent event;
    event.spi = sa.GetSpi();
    event.protocol = sa.GetProtocol();
    event.dst = sa.GetDestination();
    event.direction = sa.GetDirection();
    event.reqid = sa.GetReqid();
    event.hard = hard;
    event.cause = cause;
    m_expireTrace(event);
    if (!m_expireCb.IsNull())
    {
        m_expireCb(event);
    }
}

void
IpsecStack::ScheduleLifetime(Ptr<SecurityAssociation> sa)
{
    const SaLifetime& lifetime = sa->GetParams().lifetime;
    SaTimers timers;
    if (lifetime.softTime.IsStrictlyPositive())
    {
        timers.soft =
            Simulator::Schedule(lifetime.softTime, &IpsecStack::SoftTimeExpired, this, sa);
    }
    if (lifetime.hardTime.IsStrictlyPositive())
    {
        timers.hard =
            Simulator::Schedule(lifetime.hardTime, &IpsecStack::HardTimeExpired, this, sa);
    }
    if (timers.soft.IsRunning() || timers.hard.IsRunning())
    {
        m_timers[PeekPointer(sa)] = timers;
    }
}

void
IpsecStack::CancelLifetime(const SecurityAssociation* sa)
{
    auto it = m_timers.find(sa);
    if (it != m_timers.end())
    {
        it->second.soft.Cancel();
        it->second.hard.Cancel();
        m_timers.erase(it);
    }
}

void
IpsecStack::SoftTimeExpired(Ptr<SecurityAssociation> sa)
{
    if (sa->GetState() == SaState::MATURE)
    {
        sa->ExpireSoft();
        RaiseExpire(*sa, false, ExpireCause::TIME);
    }
}

void
IpsecStack::HardTimeExpired(Ptr<SecurityAssociation> sa)
{
    sa->ExpireHard();
    RaiseExpire(*sa, true, ExpireCause::TIME);
    RemoveSa(sa);
}

void
IpsecStack::RemoveSa(Ptr<SecurityAssociation> sa)
{
    CancelLifetime(PeekPointer(sa));
    Ptr<SecurityAssociation> installed =
        m_sad->Lookup(sa->GetSpi(), sa->GetDestination(), sa->GetProtocol());
    if (installed == sa)
    {
        m_sad->Remove(sa->GetSpi(), sa->GetDestination(), sa->GetProtocol());
    }
}

KernelStatus
IpsecStack::CreateSa(const SaParams& params, Ptr<SecurityAssociation>* sa, std::string* error)
{
    std::string why;
    *sa = SecurityAssociation::Create(params, m_rng, &why);
    if (!*sa)
    {
        if (error)
        {
            *error = why;
        }
        return KernelStatus::INVALID_SA;
    }
    return KernelStatus::OK;
}

KernelStatus
IpsecStack::AllocateSpi(IpsecProtocol protocol, const IpAddress& dst, uint32_t* spi)
{
    for (int attempt = 0; attempt < 1024; ++attempt)
    {
        const uint32_t candidate = m_rng->GetUint32();
        if (candidate < 256 || m_sad->Lookup(candidate, dst, protocol) ||
            m_reservedSpis.count({candidate, dst}))
        {
            continue; // RFC 4303 2.1: 1..255 are reserved by IANA
        }
        m_reservedSpis.insert({candidate, dst});
        *spi = candidate;
        return KernelStatus::OK;
    }
    return KernelStatus::SPI_EXHAUSTED;
}

KernelStatus
IpsecStack::AddSa(const SaParams& params, std::string* error)
{
    NS_LOG_FUNCTION(this << params.spi);
    if (m_sad->Lookup(params.spi, params.dst, params.protocol))
    {
        if (error)
        {
            *error = "an SA with this SPI, destination and protocol is installed: use UpdateSa "
                     "or another SPI";
        }
        return KernelStatus::SA_EXISTS;
    }
    Ptr<SecurityAssociation> sa;
    const KernelStatus status = CreateSa(params, &sa, error);
    if (status != KernelStatus::OK)
    {
        return status;
    }
    if (m_sad->Add(sa) != SadStatus::OK)
    {
        return KernelStatus::SA_EXISTS;
    }
    m_reservedSpis.erase({params.spi, params.dst});
    m_maxReqid = std::max(m_maxReqid, params.reqid);
    ScheduleLifetime(sa);
    if (params.direction == SaDirection::OUTBOUND)
    {
        FlushAcquireQueue(params.reqid);
    }
    return KernelStatus::OK;
}

KernelStatus
IpsecStack::UpdateSa(const SaParams& params, std::string* error)
{
    NS_LOG_FUNCTION(this << params.spi);
    Ptr<SecurityAssociation> old = m_sad->Lookup(params.spi, params.dst, params.protocol);
    if (!old)
    {
        if (error)
        {
            *error = "no SA with this SPI, destination and protocol: use AddSa";
        }
        return KernelStatus::SA_NOT_FOUND;
    }
    Ptr<SecurityAssociation> sa;
    const KernelStatus status = CreateSa(params, &sa, error);
    if (status != KernelStatus::OK)
    {
        return status;
    }
    if (m_sad->Update(sa) != SadStatus::OK)
    {
        return KernelStatus::SA_NOT_FOUND;
    }
    CancelLifetime(PeekPointer(old));
    ScheduleLifetime(sa);
    if (params.direction == SaDirection::OUTBOUND)
    {
        FlushAcquireQueue(params.reqid);
    }
    return KernelStatus::OK;
}

KernelStatus
IpsecStack::DeleteSa(uint32_t spi, const IpAddress& dst, IpsecProtocol protocol)
{
    NS_LOG_FUNCTION(this << spi);
    Ptr<SecurityAssociation> sa = m_sad->Lookup(spi, dst, protocol);
    m_reservedSpis.erase({spi, dst});
    if (!sa)
    {
        return KernelStatus::SA_NOT_FOUND;
    }
    RemoveSa(sa);
    return KernelStatus::OK;
}

KernelStatus
IpsecStack::AddPolicy(Ptr<SecurityPolicy> policy, uint32_t* id)
{
    NS_LOG_FUNCTION(this << policy);
    if (!policy || !policy->selector.IsValid(nullptr))
    {
        return KernelStatus::INVALID_POLICY;
    }
    const uint32_t assigned = m_spd->Add(policy);
    if (assigned == 0)
    {
        return KernelStatus::INVALID_POLICY;
    }
    m_maxReqid = std::max(m_maxReqid, policy->sa.reqid);
    if (id)
    {
        *id = assigned;
    }
    return KernelStatus::OK;
}

KernelStatus
IpsecStack::DeletePolicy(uint32_t id)
{
    NS_LOG_FUNCTION(this << id);
    m_pendingAcquires.erase(id);
    return m_spd->Remove(id) ? KernelStatus::OK : KernelStatus::POLICY_NOT_FOUND;
}

KernelStatus
IpsecStack::GetSaCounters(uint32_t spi,
                          const IpAddress& dst,
                          IpsecProtocol protocol,
                          SaCounters* counters) const
{
    Ptr<SecurityAssociation> sa = m_sad->Lookup(spi, dst, protocol);
    if (!sa)
    {
        return KernelStatus::SA_NOT_FOUND;
    }
    *counters = sa->GetCounters();
    return KernelStatus::OK;
}

void
IpsecStack::SetAcquireCallback(AcquireCallback cb)
{
    m_acquireCb = cb;
}

void
IpsecStack::SetExpireCallback(ExpireCallback cb)
{
    m_expireCb = cb;
}

void
IpsecStack::SendNatKeepalive(Ipv4Address local,
                             uint16_t localPort,
                             Ipv4Address remote,
                             uint16_t remotePort)
{
    NS_LOG_FUNCTION(this << local << remote);
    if (!m_ipv4)
    {
        NS_LOG_WARN("NAT keepalive not sent: the node has no IPv4 stack");
        return;
    }
    const uint8_t datagram[UDP_HEADER_SIZE + 1] = {uint8_t(localPort >> 8),
                                                   uint8_t(localPort),
                                                   uint8_t(remotePort >> 8),
                                                   uint8_t(remotePort),
                                                   0,
                                                   UDP_HEADER_SIZE + 1,
                                                   0,
                                                   0,
                                                   0xff};
    Ptr<Packet> packet = Create<Packet>(datagram, sizeof(datagram));
    Ipv4Header header;
    header.SetSource(local);
    header.SetDestination(remote);
    header.SetProtocol(PROTO_UDP);
    header.SetTtl(m_defaultTtl);
    header.SetMayFragment();
    header.SetIdentification(m_identification++);
    header.SetPayloadSize(sizeof(datagram));
    Ptr<Ipv4Route> route = LookupRoute(header, packet);
    if (route)
    {
        m_ipv4->SendWithHeader(packet, header, route);
    }
}

} // namespace ns3
