/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_IPSEC_STACK_H
#define IPSEC_IPSEC_STACK_H

#include "kernel-interface.h"

#include "ns3/crypto-types.h"
#include "ns3/event-id.h"
#include "ns3/ip-l4-protocol.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4-route.h"
#include "ns3/ipv4-routing-protocol.h"
#include "ns3/ipv6-header.h"
#include "ns3/ipv6-route.h"
#include "ns3/nstime.h"
#include "ns3/traced-callback.h"

#include <array>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <unordered_map>
#include <vector>

/**
 * \file
 * \ingroup ipsec
 * The node's IPsec "kernel": SPD, SAD, ESP/AH processing and its hooks into IPv4 and IPv6.
 */

namespace ns3
{

class Node;
class Ipv4L3Protocol;
class Ipv6L3Protocol;
class Ipv6Interface;
class IpsecIpv6RoutingHook;
class IpsecIpv6Extension;
class Ipv4Interface;
class NetDevice;
class Packet;
class RandomSource;
class SecurityAssociationDatabase;
class SecurityPolicyDatabase;
class IpsecIpv4RoutingHook;
class IpsecL4Protocol;
class IpsecInboundFilter;

/**
 * \ingroup ipsec
 * \brief A node's IPsec data plane (RFC 4301 section 5 processing), aggregated to the Node.
 *
 * Hooks, all public ns-3 extension points (ns-3 itself is not patched):
 * - outbound: the down target of every IPv4 L4 protocol (UDP, TCP, ICMP, ...) points here;
 *   the SPD decides BYPASS (to Ipv4::Send unchanged), DISCARD, or PROTECT (ESP/AH, transport or
 *   tunnel; the stack builds the outer header and sends it with Ipv4::SendWithHeader, so DF,
 *   identification and the AH-covered fields are its own).
 * - forwarded traffic: an IpsecIpv4RoutingHook at the top priority of Ipv4ListRouting sees
 *   every packet to forward first (protect, or drop plaintext an INBOUND policy forbids).
 * - locally delivered traffic: an IpsecInboundFilter in front of each upper-layer protocol
 *   except ICMP (UDP, TCP) checks plaintext against INBOUND policies after reassembly and takes
 *   RFC 3948 ESP-in-UDP and NAT keepalives out of UDP.
 * - inbound ESP/AH: IpsecL4Protocol for 50 and 51 (after reassembly).
 * - tunnel mode: the decapsulated inner packet is handed back to Ipv4L3Protocol::Receive on the
 *   interface the ESP packet came in on, while the stack remembers which SA it came out of (the
 *   "secpath", as Linux attaches to the skb). The normal IPv4 path then delivers or forwards it.
 *   This needs no extra interface (a VirtualNetDevice would shift interface indices and break
 *   the global router, which expects every interface to have an address). ECN follows
 *   RFC 6040 normal mode (outer copies the inner ECN; CE on the outer reaches ECT inner
 *   packets; a Not-ECT inner packet under a CE outer is delivered unmarked, not dropped).
 *
 * IPv6 (when the node has it): the same hooks through Ipv6L3Protocol's down targets,
 * Ipv6ListRouting (IPv6 forwarding is only hooked when the node routes IPv6 with an
 * Ipv6ListRouting: InternetStackHelper's IPv6 default is Ipv6StaticRouting alone, so give it an
 * Ipv6ListRoutingHelper on gateways), and IpsecIpv6Extensions in place of ns-3's empty
 * Ipv6ExtensionESP and Ipv6ExtensionAH. ESP and AH (RFC 4302 with IPv6: AH is the extension
 * header right after the base header; the ICV covers the base header with traffic class, flow
 * label and hop limit zeroed); tunnels may mix families (4-in-6, 6-in-4). Ipv6L3Protocol has no
 * SendWithHeader: the stack sends AH packets with Ipv6L3Protocol::Send, which builds the base
 * header from exactly what the stack authenticated (source, destination, next header 51,
 * payload length = packet size, flow label 0) plus the hop limit and traffic class the stack
 * passes in socket tags. A node may have IPv4 only, IPv6 only or both.
 *
 * Time: crypto runs for real in wall time; in simulated time an ESP/AH operation takes
 * ProcessingTimePerPacket + ProcessingTimePerKilobyte (zero by default), with the node's
 * operations queued behind each other on one crypto engine.
 *
 * Selection of SPD: locally generated packets use OUTBOUND policies; forwarded packets use
 * FORWARD policies, and OUTBOUND ones when no FORWARD policy matches; arriving packets (local
 * or forwarded) are checked against INBOUND policies.
 *
 * Not covered: IPv4 raw sockets send with Ipv4::Send directly, bypassing the L4 down targets,
 * so their packets are not protected (use UDP/TCP/ICMP applications); locally delivered
 * plaintext ICMP is not checked against INBOUND policies (Ipv4L3Protocol finds its ICMP
 * through the registered protocol object, so ICMP cannot be wrapped); IPsec for multicast and
 * broadcast traffic.
 */
class IpsecStack : public KernelInterface
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    IpsecStack();
    ~IpsecStack() override;

    /**
     * \brief Protect trace: an outbound packet was protected.
     * \param spi SPI of the (outermost) SA
     * \param bytesBefore size of the IP packet IPsec was given (IP header included)
     * \param bytesAfter size of the IP packet sent (outer header, UDP encapsulation included)
     */
    typedef void (*ProtectTracedCallback)(uint32_t spi, uint32_t bytesBefore, uint32_t bytesAfter);

    /**
     * \brief Unprotect trace: an inbound packet passed ESP/AH processing.
     * \param spi SPI of the SA
     * \param bytesBefore size of the protected IP packet as received (header included)
     * \param bytesAfter size of the recovered IP packet (header included)
     */
    typedef void (*UnprotectTracedCallback)(uint32_t spi,
                                            uint32_t bytesBefore,
                                            uint32_t bytesAfter);

    /**
     * \brief Drop trace.
     * \param packet the packet dropped (as IPsec saw it)
     * \param reason why
     */
    typedef void (*DropTracedCallback)(Ptr<const Packet> packet, IpsecDropReason reason);

    /**
     * \brief Acquire trace (also passed to the acquire callback).
     * \param event the acquire
     */
    typedef void (*AcquireTracedCallback)(const AcquireEvent& event);

    /**
     * \brief Expire trace (also passed to the expire callback).
     * \param event the expire
     */
    typedef void (*ExpireTracedCallback)(const ExpireEvent& event);

    /**
     * \brief Installs the hooks into the node's IPv4 and IPv6 stacks. Called by
     * IpsecHelper::Install, or when the stack is aggregated to a node that has an Internet stack.
     * \param node the node (must have Ipv4L3Protocol with Ipv4ListRouting, Ipv6L3Protocol, or
     * both)
     * \param error set to a message naming the fix on failure (may be null)
     * \return true on success
     */
    [[nodiscard]] bool Attach(Ptr<Node> node, std::string* error);

    /// \return true when the hooks are installed
    bool IsAttached() const;

    /// \return the node's SAD
    Ptr<SecurityAssociationDatabase> GetSad() const;

    /// \return the node's SPD
    Ptr<SecurityPolicyDatabase> GetSpd() const;

    /// \return the node's random source (IVs, SPIs)
    Ptr<RandomSource> GetRandomSource() const;

    /**
     * \brief Fixes the random streams used (SPI allocation, CBC IV generators).
     * \param stream first stream index
     * \return the number of streams used
     */
    int64_t AssignStreams(int64_t stream);

    /**
     * \brief Number of packets dropped for a reason since the start.
     * \param reason the reason
     * \return the count
     */
    uint64_t GetDropCount(IpsecDropReason reason) const;

    /// \return packets protected since the start
    uint64_t GetProtectedCount() const;

    /// \return packets unprotected (accepted) since the start
    uint64_t GetUnprotectedCount() const;

    /// \return RFC 3948 NAT keepalives received and discarded
    uint64_t GetNatKeepaliveCount() const;

    /// \return the highest reqid of the SAs and policies installed so far (0: none)
    uint32_t GetMaxReqid() const;

    /// \return packets waiting for an acquire to be answered
    uint32_t GetAcquireQueueLength() const;

    /**
     * \brief Sends one RFC 3948 2.3 NAT-keepalive (a UDP datagram with the single octet 0xFF).
     * \param local local address
     * \param localPort local port (4500)
     * \param remote remote address
     * \param remotePort remote port
     */
    void SendNatKeepalive(Ipv4Address local,
                          uint16_t localPort,
                          Ipv4Address remote,
                          uint16_t remotePort);

    // KernelInterface
    [[nodiscard]] KernelStatus AllocateSpi(IpsecProtocol protocol,
                                           const IpAddress& dst,
                                           uint32_t* spi) override;
    [[nodiscard]] KernelStatus AddSa(const SaParams& params, std::string* error) override;
    [[nodiscard]] KernelStatus UpdateSa(const SaParams& params, std::string* error) override;
    [[nodiscard]] KernelStatus DeleteSa(uint32_t spi,
                                        const IpAddress& dst,
                                        IpsecProtocol protocol) override;
    [[nodiscard]] KernelStatus AddPolicy(Ptr<SecurityPolicy> policy, uint32_t* id) override;
    [[nodiscard]] KernelStatus DeletePolicy(uint32_t id) override;
    [[nodiscard]] KernelStatus GetSaCounters(uint32_t spi,
                                             const IpAddress& dst,
                                             IpsecProtocol protocol,
                                             SaCounters* counters) const override;
    void SetAcquireCallback(AcquireCallback cb) override;
    void SetExpireCallback(ExpireCallback cb) override;

  protected:
    void DoDispose() override;
    void NotifyNewAggregate() override;

  private:
    /**
     * \brief A default-constructed IPv6 header, built once.
     *
     * Ipv6Header() parses "::" twice; the per-packet contexts copy this one instead.
     * \return the header
     */
    static const Ipv6Header& BlankIpv6Header();

    /// How an outbound packet is to be sent once protected.
    struct OutboundContext
    {
        IpAddress src;            //!< source (transport) / inner source (tunnel), v4 or v6
        IpAddress dst;            //!< destination / inner destination
        uint8_t protocol{0};      //!< L4 protocol of the packet
        uint8_t ttl{64};          //!< TTL / hop limit of the packet
        uint8_t tos{0};           //!< TOS / traffic class of the packet
        bool dontFragment{false}; //!< DF of the packet (IPv4)
        bool forwarded{false};    //!< forwarded (true) or locally generated
        /// forwarded IPv4: the header as received (TTL decremented); empty for local packets,
        /// so that they do not construct and destroy a header they never use
        std::optional<Ipv4Header> original;
        /// forwarded IPv6: the header as received (hop limit - 1)
        std::optional<Ipv6Header> original6;
        Ptr<Ipv4Route> route;  //!< route the L4 protocol chose (IPv4 transport mode)
        Ptr<Ipv6Route> route6; //!< route the L4 protocol chose (IPv6 transport mode)
    };

    /**
     * Where an ESP/AH packet arrived. It points at the header of the caller, so it is valid only
     * during the call that received the packet (DeferredDelivery keeps copies for later).
     */
    struct InboundContext
    {
        IpAddress src;                      //!< outer source
        IpAddress dst;                      //!< outer destination
        const Ipv4Header* header4{nullptr}; //!< IPv4 header as received (IPv4 only)
        const Ipv6Header* header6{nullptr}; //!< IPv6 header as received (IPv6 only)
        Ptr<Ipv4Interface> iface4;          //!< IPv4 interface (IPv4 only)
        Ptr<Ipv6Interface> iface6;          //!< IPv6 interface (IPv6 only)
        uint32_t wireSize{0};               //!< size of the IP packet as received
        Ptr<SecurityAssociation> outerAh;   //!< AH SA already verified (ESP+AH bundle)
        Bytes extensions6; //!< IPv6 extension headers between the base header and AH, as received
        /// The packet as received: delivery puts the decrypted octets in it (null: a new packet)
        Ptr<Packet> packet;
    };

    /// A decrypted payload waiting for its simulated processing time, with what \p in refers to.
    struct DeferredDelivery
    {
        Bytes payload;               //!< the decrypted payload
        uint8_t nextHeader{0};       //!< its protocol
        Ptr<SecurityAssociation> sa; //!< the SA it came through
        InboundContext in;           //!< where it arrived (headers point into this object)
        Ipv4Header header4;          //!< copy of the IPv4 header as received
        /// copy of the IPv6 header as received
        Ipv6Header header6{BlankIpv6Header()};
    };

    /// A packet held until an acquire is answered.
    struct QueuedPacket
    {
        Ptr<Packet> packet;      //!< L4 segment, or the forwarded payload
        OutboundContext context; //!< how to send it
        uint32_t reqid;          //!< SA it waits for
        Time queuedAt;           //!< when it was queued
    };

    /// Lifetime timers of one SA.
    struct SaTimers
    {
        EventId soft; //!< soft time expiry
        EventId hard; //!< hard time expiry
    };

    bool AttachIpv4(Ptr<Node> node, std::string* error);
    void AttachIpv6(Ptr<Node> node);

    // Hooks.
    void SendFromL4(Ptr<Packet> packet,
                    Ipv4Address src,
                    Ipv4Address dst,
                    uint8_t protocol,
                    Ptr<Ipv4Route> route);
    bool RouteInput(Ptr<const Packet> packet, const Ipv4Header& header, Ptr<const NetDevice> idev);
    void SendFromL4v6(Ptr<Packet> packet,
                      Ipv6Address src,
                      Ipv6Address dst,
                      uint8_t protocol,
                      Ptr<Ipv6Route> route);
    bool RouteInput6(Ptr<const Packet> packet, const Ipv6Header& header, Ptr<const NetDevice> idev);
    void ReceiveEspIpv6(Ptr<Packet> packet, uint8_t offset, const Ipv6Header& header);
    void ReceiveAhIpv6(Ptr<Packet> packet, uint8_t offset, const Ipv6Header& header);
    void ReceiveIpv6(Ptr<Packet> packet,
                     uint8_t offset,
                     const Ipv6Header& header,
                     IpsecProtocol protocol);
    void SerializeAhHeader6(const InboundContext& in, size_t ahAndPayloadSize);
    bool FilterInbound6(Ptr<Packet> packet, const Ipv6Header& header, Ptr<Ipv6Interface> iface);
    bool ForwardOutput(Ptr<const Packet> packet,
                       const PacketTuple& tuple,
                       bool secPath,
                       OutboundContext* ctx);
    IpL4Protocol::RxStatus ReceiveEspIpv4(const Ptr<Packet>& packet,
                                          const Ipv4Header& header,
                                          const Ptr<Ipv4Interface>& iface);
    IpL4Protocol::RxStatus ReceiveAhIpv4(const Ptr<Packet>& packet,
                                         const Ipv4Header& header,
                                         const Ptr<Ipv4Interface>& iface);
    bool FilterInbound(Ptr<Packet> packet, const Ipv4Header& header, Ptr<Ipv4Interface> iface);
    bool IsNattDatagram(Ptr<const Packet> packet) const;
    bool FilterUdpEncap(Ptr<Packet> packet, const InboundContext& in);
    bool CheckPlaintext(Ptr<const Packet> packet, const PacketTuple& tuple);

    // Outbound.
    void Output(const Ptr<Packet>& packet,
                const OutboundContext& ctx,
                const Ptr<SecurityPolicy>& policy,
                const PacketTuple& tuple);
    void Acquire(const Ptr<Packet>& packet,
                 const OutboundContext& ctx,
                 const Ptr<SecurityPolicy>& policy,
                 const PacketTuple& tuple);
    void FlushAcquireQueue(uint32_t reqid);
    void SendProtected(const Ptr<Packet>& original,
                       const OutboundContext& ctx,
                       const Ptr<SecurityAssociation>& esp,
                       const Ptr<SecurityAssociation>& ah);

    // Inbound.
    void ProcessInbound(const uint8_t* data,
                        size_t size,
                        IpsecProtocol protocol,
                        const InboundContext& in);
    void Deliver(const uint8_t* payload,
                 size_t payloadSize,
                 uint8_t nextHeader,
                 Ptr<SecurityAssociation> sa,
                 const InboundContext& in);
    void DeliverLater(std::shared_ptr<DeferredDelivery> deferred);
    Time ProcessingDelay(uint32_t bytes);
    void DeliverTunnel(const uint8_t* payload,
                       size_t payloadSize,
                       uint8_t nextHeader,
                       Ptr<SecurityAssociation> sa,
                       const InboundContext& in);
    InboundContext MakeInboundContext(const Ipv4Header& header,
                                      const Ptr<Ipv4Interface>& iface,
                                      uint32_t size) const;
    static Ptr<NetDevice> InboundDevice(const InboundContext& in);
    Ptr<IpL4Protocol> BehindFilter(const Ptr<IpL4Protocol>& l4,
                                   uint8_t protocol,
                                   const uint8_t* segment,
                                   size_t size) const;
    bool InboundPolicyAllows(const Ptr<SecurityPolicy>& policy,
                             const SecurityAssociation& sa,
                             const InboundContext& in) const;
    bool AcceptInbound(const PacketTuple& tuple,
                       SecurityAssociation& sa,
                       const InboundContext& in,
                       Ptr<const Packet> packet);
    Ptr<SecurityPolicy> LookupOutbound(const PacketTuple& tuple);

    // Helpers.
    PacketTuple MakeTuple(const IpAddress& src,
                          const IpAddress& dst,
                          uint8_t protocol,
                          Ptr<const Packet> l4,
                          bool firstFragment) const;
    PacketTuple MakeTuple(const IpAddress& src,
                          const IpAddress& dst,
                          uint8_t protocol,
                          const uint8_t* l4,
                          size_t size,
                          bool firstFragment) const;
    bool IsIkePort(uint8_t protocol, uint16_t srcPort, uint16_t dstPort) const;
    Ptr<Ipv4Route> LookupRoute(const Ipv4Header& header, Ptr<Packet> packet) const;
    void Drop(Ptr<const Packet> packet, IpsecDropReason reason);
    /**
     * \brief Applies AH to m_work under the outer header serialised in m_ipHeaderBytes.
     * \param original the packet being protected (traced if dropped)
     * \param ah the AH SA
     * \param nextHeader the protocol AH carries
     * \return true with the AH header followed by m_work in m_out; false when AH failed (the
     * packet is dropped and traced)
     */
    bool ApplyAh(const Ptr<const Packet>& original,
                 const Ptr<SecurityAssociation>& ah,
                 uint8_t nextHeader);
    /**
     * \brief The packet that carries decrypted octets up: the one received, when the context has
     * it, else a new one.
     * \param in where the ESP/AH packet arrived
     * \param octets the decrypted octets
     * \param size their number
     * \return the packet
     */
    static Ptr<Packet> InboundPacket(const InboundContext& in, const uint8_t* octets, size_t size);
    void DropBytes(const uint8_t* data, size_t size, IpsecDropReason reason);
    void HandleLimit(const Ptr<SecurityAssociation>& sa, SaLimit limit);
    void ScheduleLifetime(Ptr<SecurityAssociation> sa);
    void CancelLifetime(const SecurityAssociation* sa);
    void SoftTimeExpired(Ptr<SecurityAssociation> sa);
    void HardTimeExpired(Ptr<SecurityAssociation> sa);
    void RaiseExpire(const SecurityAssociation& sa, bool hard, ExpireCause cause);
    void RemoveSa(Ptr<SecurityAssociation> sa);
    [[nodiscard]] KernelStatus CreateSa(const SaParams& params,
                                        Ptr<SecurityAssociation>* sa,
                                        std::string* error);

    // Attributes.
    bool m_queueOnAcquire;       //!< queue (true) or drop (false) packets waiting for an SA
    uint32_t m_acquireQueueSize; //!< queue bound
    Time m_acquireTimeout;       //!< how long an acquire stays pending before it is re-raised
    bool m_bypassIke;            //!< UDP 500/4500 bypasses the SPD
    uint16_t m_nattPort;         //!< RFC 3948 port
    bool m_checkInbound;         //!< drop plaintext matching an INBOUND PROTECT policy
    Time m_delayPerPacket;       //!< simulated cost of one ESP/AH operation
    Time m_delayPerKilobyte;     //!< simulated cost per 1024 octets

    // State.
    Ptr<Node> m_node;                                                    //!< the node
    Ptr<Ipv4L3Protocol> m_ipv4;                                          //!< its IPv4
    Ptr<SecurityAssociationDatabase> m_sad;                              //!< SAD
    Ptr<SecurityPolicyDatabase> m_spd;                                   //!< SPD
    Ptr<RandomSource> m_rng;                                             //!< random octets
    Ptr<Ipv6L3Protocol> m_ipv6;                                          //!< its IPv6 (may be null)
    Ptr<IpsecIpv6RoutingHook> m_routingHook6;                            //!< IPv6 input hook
    Ptr<IpsecIpv6Extension> m_espExtension;                              //!< ESP for IPv6
    Ptr<IpsecIpv6Extension> m_ahExtension;                               //!< AH for IPv6
    std::map<uint8_t, IpL4Protocol::DownTargetCallback6> m_downTargets6; //!< original targets
    Ptr<IpsecIpv4RoutingHook> m_routingHook;                             //!< input hook
    Ptr<IpsecL4Protocol> m_espL4;                                        //!< protocol 50
    Ptr<IpsecL4Protocol> m_ahL4;                                         //!< protocol 51
    std::vector<Ptr<IpsecInboundFilter>> m_filters; //!< in front of UDP, TCP, ...
    std::map<uint8_t, IpL4Protocol::DownTargetCallback> m_downTargets; //!< original targets
    bool m_attached{false};                                            //!< hooks installed
    uint8_t m_defaultTtl{64};                                          //!< IPv4 default TTL
    uint8_t m_defaultHopLimit{64};                                     //!< IPv6 default hop limit
    Time m_engineFreeAt;                           //!< the crypto engine is busy until then
    uint32_t m_maxReqid{0};                        //!< highest reqid seen
    uint16_t m_identification{0};                  //!< IPv4 ID of the headers the stack builds
    const SecurityAssociation* m_secPath{nullptr}; //!< SA of the packet being re-injected
    std::deque<QueuedPacket> m_acquireQueue;       //!< packets waiting for SAs
    std::map<uint32_t, std::pair<Time, uint32_t>>
        m_pendingAcquires; //!< policy id -> (raised at, reqid)
    std::unordered_map<const SecurityAssociation*, SaTimers> m_timers; //!< lifetime timers
    std::set<std::pair<uint32_t, IpAddress>> m_reservedSpis;           //!< AllocateSpi reservations
    AcquireCallback m_acquireCb;                                       //!< daemon's acquire handler
    ExpireCallback m_expireCb;                                         //!< daemon's expire handler

    /// The last outbound policy decision, valid while the SPD generation is unchanged.
    struct OutboundCache
    {
        PacketTuple tuple;          //!< the looked-up tuple
        uint64_t generation{0};     //!< SPD generation at the time
        Ptr<SecurityPolicy> policy; //!< the result (may be null)
        bool valid{false};          //!< a result is cached
    };

    OutboundCache m_outboundCache;      //!< SendFromL4's policy cache
    Bytes m_in;                         //!< scratch: packet octets
    Bytes m_work;                       //!< scratch: payload being protected
    Bytes m_out;                        //!< scratch: protected octets
    Bytes m_ecnCopy;                    //!< scratch: inner packet with CE set
    Bytes m_ipHeaderBytes;              //!< scratch: serialized IP header (AH)
    Ipv4Header m_outer4;                //!< scratch: outer IPv4 header (not rebuilt per packet)
    std::array<uint64_t, 16> m_drops{}; //!< drops by reason
    uint64_t m_protected{0};            //!< packets protected
    uint64_t m_unprotected{0};          //!< packets unprotected
    uint64_t m_keepalives{0};           //!< NAT keepalives received

    TracedCallback<uint32_t, uint32_t, uint32_t> m_protectTrace;    //!< Protect
    TracedCallback<uint32_t, uint32_t, uint32_t> m_unprotectTrace;  //!< Unprotect
    TracedCallback<Ptr<const Packet>, IpsecDropReason> m_dropTrace; //!< Drop
    TracedCallback<const AcquireEvent&> m_acquireTrace;             //!< Acquire
    TracedCallback<const ExpireEvent&> m_expireTrace;               //!< Expire
};

} // namespace ns3

#endif // IPSEC_IPSEC_STACK_H
