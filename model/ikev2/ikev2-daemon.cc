/* SPDX-License-Identifier: GPL-2.0-only */

#include "ikev2-daemon.h"

#include "ikev2-child-create-task.h"
#include "ikev2-ike-auth-task.h"
#include "ikev2-ike-init-task.h"
#include "ikev2-ike-rekey-task.h"
#include "ikev2-informational-task.h"
#include "ikev2-sk-codec.h"
#include "ikev2-spi.h"

#include "ns3/double.h"
#include "ns3/ikev2-nonce-payload.h"
#include "ns3/ikev2-notify-payload.h"
#include "ns3/ikev2-sa-payload.h"
#include "ns3/inet-socket-address.h"
#include "ns3/inet6-socket-address.h"
#include "ns3/ipv4-packet-info-tag.h"
#include "ns3/ipv4.h"
#include "ns3/ipv6-packet-info-tag.h"
#include "ns3/ipv6.h"
#include "ns3/log.h"
#include "ns3/nstime.h"
#include "ns3/packet.h"
#include "ns3/random-source.h"
#include "ns3/sa-pair.h"
#include "ns3/security-policy.h"
#include "ns3/signer.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Ikev2Daemon");
NS_OBJECT_ENSURE_REGISTERED(Ikev2Daemon);

namespace
{

constexpr uint16_t IKE_PORT = 500;
constexpr uint16_t NAT_T_PORT = 4500;
constexpr size_t NON_ESP_MARKER = 4; // RFC 3948 2.2
constexpr size_t IPV4_UDP_HEADERS = 28;
constexpr size_t IPV6_UDP_HEADERS = 48;

} // namespace

TypeId
Ikev2Daemon::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::Ikev2Daemon")
            .SetParent<Application>()
            .SetGroupName("Ipsec")
            .AddConstructor<Ikev2Daemon>()
            .AddAttribute("RetransmitTimeout",
                          "Wait before the first retransmission of a request (strongSwan: 4 s).",
                          TimeValue(Seconds(4)),
                          MakeTimeAccessor(&Ikev2Daemon::m_retransmitTimeout),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("RetransmitBase",
                          "Growth of the wait per retransmission (strongSwan: 1.8).",
                          DoubleValue(1.8),
                          MakeDoubleAccessor(&Ikev2Daemon::m_retransmitBase),
                          MakeDoubleChecker<double>(1.0))
            .AddAttribute("RetransmitTries",
                          "Retransmissions before the IKE SA is given up (strongSwan: 5).",
                          UintegerValue(5),
                          MakeUintegerAccessor(&Ikev2Daemon::m_retransmitTries),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("CookieThreshold",
                          "Half-open IKE SAs from which IKE_SA_INIT must carry a COOKIE "
                          "(RFC 7296 2.6; strongSwan: 10).",
                          UintegerValue(10),
                          MakeUintegerAccessor(&Ikev2Daemon::m_cookieThreshold),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("MaxHalfOpen",
                          "Half-open IKE SAs beyond which IKE_SA_INIT requests are dropped.",
                          UintegerValue(1000),
                          MakeUintegerAccessor(&Ikev2Daemon::m_maxHalfOpen),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("CookieSecretLifetime",
                          "How long one COOKIE secret is used before a new one is drawn (the "
                          "previous one stays valid for one more period; 0: never change).",
                          TimeValue(Seconds(60)),
                          MakeTimeAccessor(&Ikev2Daemon::m_cookieLifetime),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("HalfOpenTimeout",
                          "A responder gives up an IKE SA not authenticated within this time.",
                          TimeValue(Seconds(30)),
                          MakeTimeAccessor(&Ikev2Daemon::m_halfOpenTimeout),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("RekeyJitter",
                          "Fraction of a rekey time subtracted at random, so that peers rarely "
                          "rekey at once (strongSwan's rand_time as a fraction).",
                          DoubleValue(0.1),
                          MakeDoubleAccessor(&Ikev2Daemon::m_rekeyJitter),
                          MakeDoubleChecker<double>(0.0, 0.9))
            .AddAttribute("KeyExchangeTime",
                          "Simulated processing time of one key exchange (key pair and secret).",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&Ikev2Daemon::m_dhTime),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("SignTime",
                          "Simulated processing time of one signature.",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&Ikev2Daemon::m_signTime),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("VerifyTime",
                          "Simulated processing time of one signature verification.",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&Ikev2Daemon::m_verifyTime),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("MessageTime",
                          "Simulated processing time of any message sent.",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&Ikev2Daemon::m_messageTime),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("FragmentMtu",
                          "Path MTU assumed for RFC 7383 fragmentation (strongSwan's "
                          "fragment_size: 1280).",
                          UintegerValue(1280),
                          MakeUintegerAccessor(&Ikev2Daemon::m_ikeMtu),
                          MakeUintegerChecker<uint32_t>(576, 65535))
            .AddAttribute("NatKeepaliveInterval",
                          "Period of RFC 3948 NAT keepalives sent when this node is behind a NAT "
                          "(strongSwan: 20 s; 0 turns them off).",
                          TimeValue(Seconds(20)),
                          MakeTimeAccessor(&Ikev2Daemon::m_keepaliveInterval),
                          MakeTimeChecker(Seconds(0)))
            .AddTraceSource("MessageSent",
                            "An IKE message was sent (once, however many fragments).",
                            MakeTraceSourceAccessor(&Ikev2Daemon::m_sentTrace),
                            "ns3::Ikev2Daemon::MessageTracedCallback")
            .AddTraceSource("MessageReceived",
                            "An IKE message was received and authenticated.",
                            MakeTraceSourceAccessor(&Ikev2Daemon::m_receivedTrace),
                            "ns3::Ikev2Daemon::MessageTracedCallback")
            .AddTraceSource("Retransmit",
                            "A request, or a cached response, was sent again.",
                            MakeTraceSourceAccessor(&Ikev2Daemon::m_retransmitTrace),
                            "ns3::Ikev2Daemon::MessageTracedCallback")
            .AddTraceSource("IkeSaState",
                            "An IKE SA changed state (DEAD carries the reason).",
                            MakeTraceSourceAccessor(&Ikev2Daemon::m_ikeSaTrace),
                            "ns3::Ikev2Daemon::IkeSaTracedCallback")
            .AddTraceSource("ChildSa",
                            "A Child SA pair was installed, rekeyed or deleted.",
                            MakeTraceSourceAccessor(&Ikev2Daemon::m_childSaTrace),
                            "ns3::Ikev2Daemon::ChildSaTracedCallback")
            .AddTraceSource("Drop",
                            "A datagram was dropped, with the reason.",
                            MakeTraceSourceAccessor(&Ikev2Daemon::m_dropTrace),
                            "ns3::Ikev2Daemon::DropTracedCallback");
    return tid;
}

Ikev2Daemon::Ikev2Daemon()
    : m_rng(CreateObject<RandomSource>())
{
}

Ikev2Daemon::~Ikev2Daemon() = default;

void
Ikev2Daemon::DoDispose()
{
    HaltSas();
    m_sas.clear();
    m_cookieEvent.Cancel();
    m_kernel = nullptr;
    m_socket500 = m_socket4500 = m_socket500v6 = m_socket4500v6 = nullptr;
    Application::DoDispose();
}

int32_t
Ikev2Daemon::AddPeer(const Ikev2PeerConfig& config, std::string* error)
{
    if (!config.Validate(error))
    {
        return -1;
    }
    m_peers.push_back(config);
    return static_cast<int32_t>(m_peers.size() - 1);
}

uint32_t
Ikev2Daemon::GetNPeers() const
{
    return static_cast<uint32_t>(m_peers.size());
}

const Ikev2PeerConfig&
Ikev2Daemon::GetPeer(uint32_t index) const
{
    return m_peers.at(index);
}

int64_t
Ikev2Daemon::AssignStreams(int64_t stream)
{
    return m_rng->AssignStreams(stream);
}

Ptr<KernelInterface>
Ikev2Daemon::GetKernel() const
{
    return m_kernel;
}

RandomSource&
Ikev2Daemon::GetRandom() const
{
    return *m_rng;
}

Ikev2RetransmitPolicy
Ikev2Daemon::GetRetransmitPolicy() const
{
    return Ikev2RetransmitPolicy{m_retransmitTimeout, m_retransmitBase, m_retransmitTries};
}

Time
Ikev2Daemon::GetProcessingDelay(uint32_t dhOps, uint32_t signatures, uint32_t verifications) const
{
    return m_messageTime + m_dhTime * dhOps + m_signTime * signatures +
           m_verifyTime * verifications;
}

size_t
Ikev2Daemon::GetFragmentSize(const Ikev2IkeSa& sa) const
{
    const size_t headers = sa.remoteAddress.IsIpv6() ? IPV6_UDP_HEADERS : IPV4_UDP_HEADERS;
    const size_t marker = sa.localPort == NAT_T_PORT ? NON_ESP_MARKER : 0;
    return m_ikeMtu - headers - marker;
}

uint64_t
Ikev2Daemon::NewIkeSpi()
{
    uint64_t spi = 0;
    while (spi == 0 || m_sas.count(spi) != 0)
    {
        spi = Ikev2IkeSpiValue(m_rng->Generate(8));
    }
    return spi;
}

Time
Ikev2Daemon::Jittered(Time t) const
{
    if (t.IsZero() || m_rekeyJitter <= 0)
    {
        return t;
    }
    const double fraction = m_rekeyJitter * (m_rng->GetUint32() / 4294967296.0);
    return Seconds(t.GetSeconds() * (1.0 - fraction));
}

// ------------------------------------------------------------------------------------------
// Start and stop

void
Ikev2Daemon::StartApplication()
{
    Ptr<Node> node = GetNode();
    m_kernel = node->GetObject<KernelInterface>();
    NS_ABORT_MSG_IF(!m_kernel,
                    "Ikev2Daemon on node " << node->GetId()
                                           << " needs the IPsec data plane: install IpsecHelper "
                                              "(or IkeHelper::Install, which does) first");
    m_kernel->SetAcquireCallback(MakeCallback(&Ikev2Daemon::HandleAcquire, this));
    m_kernel->SetExpireCallback(MakeCallback(&Ikev2Daemon::HandleExpire, this));
    RotateCookieSecret();

    const TypeId udp = UdpSocketFactory::GetTypeId();
    auto open = [&](Address local) {
        Ptr<Socket> socket = Socket::CreateSocket(node, udp);
        NS_ABORT_MSG_IF(socket->Bind(local) != 0,
                        "Ikev2Daemon: UDP port of " << local << " is taken on node "
                                                    << node->GetId());
        socket->SetRecvPktInfo(true);
        socket->SetRecvCallback(MakeCallback(&Ikev2Daemon::HandleRead, this));
        return socket;
    };
    if (node->GetObject<Ipv4>())
    {
        m_socket500 = open(InetSocketAddress(Ipv4Address::GetAny(), IKE_PORT));
        m_socket4500 = open(InetSocketAddress(Ipv4Address::GetAny(), NAT_T_PORT));
    }
    if (node->GetObject<Ipv6>())
    {
        m_socket500v6 = open(Inet6SocketAddress(Ipv6Address::GetAny(), IKE_PORT));
        m_socket4500v6 = open(Inet6SocketAddress(Ipv6Address::GetAny(), NAT_T_PORT));
    }

    for (uint32_t p = 0; p < m_peers.size(); ++p)
    {
        const Ikev2PeerConfig& peer = m_peers[p];
        bool start = false;
        for (uint32_t c = 0; c < peer.children.size(); ++c)
        {
            const Ikev2ChildConfig& child = peer.children[c];
            if (child.start == Ikev2StartAction::NONE || peer.anyRemote)
            {
                continue;
            }
            IpsecSelector selector = child.selector;
            if (child.hostSelectors)
            {
                selector = IpsecSelector::Between(IpAddressRange::Host(peer.localAddress),
                                                  IpAddressRange::Host(peer.remoteAddress));
            }
            EnsurePolicies(p, c, peer.localAddress, peer.remoteAddress, selector);
            start |= child.start == Ikev2StartAction::START;
        }
        if (start)
        {
            const Time delay = std::max(Seconds(0), peer.startTime - Simulator::Now());
            Simulator::Schedule(delay, &Ikev2Daemon::Initiate, this, p);
        }
    }
}

void
Ikev2Daemon::RotateCookieSecret()
{
    m_cookies.Rotate(m_rng->Generate(32));
    if (m_cookieLifetime.IsStrictlyPositive())
    {
        m_cookieEvent =
            Simulator::Schedule(m_cookieLifetime, &Ikev2Daemon::RotateCookieSecret, this);
    }
}

void
Ikev2Daemon::HaltSas()
{
    for (auto& entry : m_sas)
    {
        entry.second->tasks->Clear();
        entry.second->CancelTimers();
    }
}

void
Ikev2Daemon::StopApplication()
{
    m_cookieEvent.Cancel();
    for (Ptr<Socket> socket : {m_socket500, m_socket4500, m_socket500v6, m_socket4500v6})
    {
        if (socket)
        {
            socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
            socket->Close();
        }
    }
    HaltSas();
}

// ------------------------------------------------------------------------------------------
// Initiating

void
Ikev2Daemon::Initiate(uint32_t peerIndex)
{
    const Ikev2PeerConfig& peer = m_peers.at(peerIndex);
    if (FindIkeSaFor(peerIndex, peer.remoteAddress))
    {
        return; // already up or coming up
    }
    std::vector<uint32_t> children;
    for (uint32_t c = 0; c < peer.children.size(); ++c)
    {
        if (peer.children[c].start != Ikev2StartAction::NONE)
        {
            children.push_back(c);
        }
    }
    StartIkeSa(peerIndex, children);
}

Ptr<Ikev2IkeSa>
Ikev2Daemon::StartIkeSa(uint32_t peerIndex, const std::vector<uint32_t>& children)
{
    const Ikev2PeerConfig& peer = m_peers.at(peerIndex);
    Ptr<Ikev2IkeSa> sa = Create<Ikev2IkeSa>(peerIndex, true);
    sa->spiI = NewIkeSpi();
    sa->localAddress = peer.localAddress;
    sa->remoteAddress = peer.remoteAddress;
    sa->createdAt = Simulator::Now();
    sa->tasks = std::make_unique<Ikev2TaskManager>(*this, *sa);
    m_sas[sa->spiI] = sa;
    SetState(*sa, Ikev2IkeSaState::CONNECTING);
    sa->tasks->Queue(std::make_unique<Ikev2IkeInitTask>(*this, sa, children));
    return sa;
}

Ptr<Ikev2IkeSa>
Ikev2Daemon::FindIkeSaFor(uint32_t peerIndex, const IpAddress& remote) const
{
    for (const auto& entry : m_sas)
    {
        const Ikev2IkeSa& sa = *entry.second;
        if (sa.peerIndex == peerIndex && sa.remoteAddress == remote &&
            (sa.state == Ikev2IkeSaState::CONNECTING || sa.state == Ikev2IkeSaState::ESTABLISHED))
        {
            return entry.second;
        }
    }
    return nullptr;
}

Ptr<Ikev2IkeSa>
Ikev2Daemon::GetEstablishedIkeSa(uint32_t peerIndex) const
{
    for (const auto& entry : m_sas)
    {
        if (entry.second->peerIndex == peerIndex &&
            entry.second->state == Ikev2IkeSaState::ESTABLISHED)
        {
            return entry.second;
        }
    }
    return nullptr;
}

std::vector<Ptr<Ikev2IkeSa>>
Ikev2Daemon::GetIkeSas() const
{
    std::vector<Ptr<Ikev2IkeSa>> sas;
    for (const auto& entry : m_sas)
    {
        sas.push_back(entry.second);
    }
    std::sort(sas.begin(), sas.end(), [](const Ptr<Ikev2IkeSa>& a, const Ptr<Ikev2IkeSa>& b) {
        return a->GetLocalSpi() < b->GetLocalSpi();
    });
    return sas;
}

Ptr<Ikev2IkeSa>
Ikev2Daemon::FindIkeSa(uint64_t localSpi) const
{
    auto it = m_sas.find(localSpi);
    return it == m_sas.end() ? nullptr : it->second;
}

uint32_t
Ikev2Daemon::GetHalfOpenCount() const
{
    return m_halfOpen;
}

bool
Ikev2Daemon::RekeyChild(uint32_t inboundSpi)
{
    for (const auto& entry : m_sas)
    {
        Ptr<Ikev2IkeSa> sa = entry.second;
        Ikev2ChildSa* child = sa->FindChild(inboundSpi);
        if (child != nullptr && child->inboundSpi == inboundSpi &&
            child->state == Ikev2ChildSaState::INSTALLED &&
            sa->state == Ikev2IkeSaState::ESTABLISHED)
        {
            child->state = Ikev2ChildSaState::REKEYING;
            sa->tasks->Queue(
                std::make_unique<Ikev2ChildCreateTask>(*this, sa, child->configIndex, child));
            return true;
        }
    }
    return false;
}

bool
Ikev2Daemon::RekeyIkeSa(uint32_t peerIndex)
{
    Ptr<Ikev2IkeSa> sa = GetEstablishedIkeSa(peerIndex);
    if (!sa)
    {
        return false;
    }
    StartIkeRekey(sa);
    return true;
}

bool
Ikev2Daemon::Terminate(uint32_t peerIndex)
{
    Ptr<Ikev2IkeSa> sa = GetEstablishedIkeSa(peerIndex);
    if (!sa)
    {
        return false;
    }
    sa->tasks->Queue(
        std::make_unique<Ikev2InformationalTask>(*this,
                                                 sa,
                                                 Ikev2InformationalTask::Kind::DELETE_IKE));
    return true;
}

// ------------------------------------------------------------------------------------------
// Sending

bool
Ikev2Daemon::Transmit(Ikev2IkeSa& sa, Ikev2Message& msg, std::vector<Bytes>* datagrams)
{
    Ikev2Header& header = msg.GetHeader();
    header.initiatorSpi = sa.spiI;
    header.responderSpi = sa.spiR;
    if (sa.originalInitiator)
    {
        header.flags |= Ikev2Header::FLAG_INITIATOR;
    }
    datagrams->clear();
    if (msg.GetExchangeType() == Ikev2ExchangeType::IKE_SA_INIT)
    {
        datagrams->push_back(msg.Serialize());
    }
    else
    {
        if (!sa.codec)
        {
            return false;
        }
        const Ikev2SkStatus status =
            sa.peerFragmentation ? sa.codec->ProtectFragmented(msg, GetFragmentSize(sa), datagrams)
                                 : sa.codec->Protect(msg, &datagrams->emplace_back());
        if (status != Ikev2SkStatus::OK)
        {
            NS_LOG_WARN("cannot protect " << msg.ToString() << ": " << Ikev2SkStatusName(status));
            EndIkeSa(sa, Ikev2EndReason::PROTOCOL_ERROR);
            return false;
        }
    }
    // the processing-delay model: the crypto this message needed before it could leave
    const bool signature = msg.GetExchangeType() == Ikev2ExchangeType::IKE_AUTH &&
                           Signer::IsSignatureMethod(m_peers.at(sa.peerIndex).localAuth.method);
    const bool verify = msg.GetExchangeType() == Ikev2ExchangeType::IKE_AUTH &&
                        header.IsResponse() &&
                        Signer::IsSignatureMethod(m_peers.at(sa.peerIndex).remoteAuth);
    const bool ke = msg.Find<Ikev2Payload>(Ikev2PayloadType::KE) != nullptr;
    const Time delay = GetProcessingDelay(ke ? 1 : 0, signature ? 1 : 0, verify ? 1 : 0);
    // RFC 7296 2.11: a response goes to the port the request came from
    const uint16_t port =
        header.IsResponse() && sa.requestPort != 0 ? sa.requestPort : sa.remotePort;
    for (const Bytes& datagram : *datagrams)
    {
        Simulator::Schedule(delay,
                            &Ikev2Daemon::SendDatagram,
                            this,
                            datagram,
                            sa.remoteAddress,
                            port,
                            sa.localPort);
    }
    if (!m_sentTrace.IsEmpty()) // the summary string is the costly part: only when watched
    {
        m_sentTrace(MakeEvent(msg, *datagrams));
    }
    NS_LOG_INFO("node " << GetNode()->GetId() << " sends " << msg.ToString());
    return true;
}

void
Ikev2Daemon::Retransmit(Ikev2IkeSa& sa,
                        const std::vector<Bytes>& datagrams,
                        Ikev2MessageEvent event)
{
    event.size = 0;
    const uint16_t port = event.response && sa.requestPort != 0 ? sa.requestPort : sa.remotePort;
    for (const Bytes& datagram : datagrams)
    {
        event.size += datagram.size();
        SendDatagram(datagram, sa.remoteAddress, port, sa.localPort);
    }
    event.fragments = static_cast<uint16_t>(datagrams.size());
    m_retransmitTrace(event);
}

Ikev2MessageEvent
Ikev2Daemon::MakeEvent(const Ikev2Message& msg, const std::vector<Bytes>& datagrams) const
{
    Ikev2MessageEvent event;
    const Ikev2Header& header = msg.GetHeader();
    event.spiI = header.initiatorSpi;
    event.spiR = header.responderSpi;
    event.exchange = msg.GetExchangeType();
    event.messageId = header.messageId;
    event.response = header.IsResponse();
    event.initiatorFlag = header.IsInitiator();
    event.fragments = static_cast<uint16_t>(std::max<size_t>(datagrams.size(), 1));
    for (const Bytes& datagram : datagrams)
    {
        event.size += datagram.size();
    }
    event.summary = msg.ToString();
    return event;
}

void
Ikev2Daemon::SendDatagram(const Bytes& data,
                          const IpAddress& to,
                          uint16_t remotePort,
                          uint16_t localPort)
{
    const bool natT = localPort == NAT_T_PORT;
    Bytes buffer;
    buffer.reserve(data.size() + NON_ESP_MARKER);
    if (natT)
    {
        buffer.assign(NON_ESP_MARKER, 0); // RFC 3948 2.2: IKE on 4500 starts with 4 zeros
    }
    buffer.insert(buffer.end(), data.begin(), data.end());
    Ptr<Packet> packet = Create<Packet>(buffer.data(), buffer.size());
    if (to.IsIpv4())
    {
        Ptr<Socket> socket = natT ? m_socket4500 : m_socket500;
        if (socket)
        {
            socket->SendTo(packet, 0, InetSocketAddress(to.GetIpv4(), remotePort));
        }
    }
    else
    {
        Ptr<Socket> socket = natT ? m_socket4500v6 : m_socket500v6;
        if (socket)
        {
            socket->SendTo(packet, 0, Inet6SocketAddress(to.GetIpv6(), remotePort));
        }
    }
}

void
Ikev2Daemon::SendStatelessNotify(const Ikev2Message& request,
                                 Ikev2NotifyType type,
                                 Bytes data,
                                 const IpAddress& to,
                                 uint16_t remotePort,
                                 uint16_t localPort)
{
    Ikev2Message response;
    Ikev2Header& header = response.GetHeader();
    header.initiatorSpi = request.GetHeader().initiatorSpi;
    header.responderSpi = 0; // RFC 7296 2.6: no state, so no responder SPI
    header.exchangeType = static_cast<uint8_t>(Ikev2ExchangeType::IKE_SA_INIT);
    header.flags = Ikev2Header::FLAG_RESPONSE;
    header.messageId = 0;
    response.AddPayload(std::make_unique<Ikev2NotifyPayload>(type, std::move(data)));
    const Bytes octets = response.Serialize();
    SendDatagram(octets, to, remotePort, localPort);
    if (!m_sentTrace.IsEmpty())
    {
        m_sentTrace(MakeEvent(response, {octets}));
    }
}

// ------------------------------------------------------------------------------------------
// Receiving

void
Ikev2Daemon::HandleRead(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> packet = socket->RecvFrom(from))
    {
        IpAddress remote;
        IpAddress local;
        uint16_t remotePort = 0;
        if (InetSocketAddress::IsMatchingType(from))
        {
            const InetSocketAddress address = InetSocketAddress::ConvertFrom(from);
            remote = address.GetIpv4();
            remotePort = address.GetPort();
            Ipv4PacketInfoTag info;
            if (packet->RemovePacketTag(info))
            {
                local = info.GetAddress();
            }
        }
        else if (Inet6SocketAddress::IsMatchingType(from))
        {
            const Inet6SocketAddress address = Inet6SocketAddress::ConvertFrom(from);
            remote = address.GetIpv6();
            remotePort = address.GetPort();
            Ipv6PacketInfoTag info;
            if (packet->RemovePacketTag(info))
            {
                local = info.GetAddress();
            }
        }
        const uint16_t localPort =
            (socket == m_socket4500 || socket == m_socket4500v6) ? NAT_T_PORT : IKE_PORT;
        Bytes data(packet->GetSize());
        packet->CopyData(data.data(), data.size());
        if (localPort == NAT_T_PORT)
        {
            if (data.size() < NON_ESP_MARKER || !std::all_of(data.begin(),
                                                             data.begin() + NON_ESP_MARKER,
                                                             [](uint8_t b) { return b == 0; }))
            {
                m_dropTrace("no non-ESP marker on port 4500");
                continue;
            }
            data.erase(data.begin(), data.begin() + NON_ESP_MARKER);
        }
        HandleDatagram(data, remote, remotePort, local, localPort);
    }
}

void
Ikev2Daemon::HandleDatagram(const Bytes& data,
                            const IpAddress& from,
                            uint16_t remotePort,
                            const IpAddress& to,
                            uint16_t localPort)
{
    Ikev2Message msg;
    Ikev2ParseError parseError;
    if (Ikev2Message::Parse(data, msg, &parseError) != Ikev2ParseStatus::OK)
    {
        m_dropTrace(std::string("unparsable IKE message: ") +
                    Ikev2ParseStatusName(parseError.status));
        return;
    }
    const Ikev2Header& header = msg.GetHeader();
    if (msg.GetExchangeType() == Ikev2ExchangeType::IKE_SA_INIT && !header.IsResponse() &&
        header.responderSpi == 0)
    {
        HandleInitRequest(msg, data, from, remotePort, to, localPort);
        return;
    }
    // the I flag says who sent it: our SPI is the other one
    const uint64_t ourSpi = header.IsInitiator() ? header.responderSpi : header.initiatorSpi;
    auto it = m_sas.find(ourSpi);
    if (it == m_sas.end() || it->second->state == Ikev2IkeSaState::DEAD)
    {
        m_dropTrace("no IKE SA for the message's SPIs");
        return;
    }
    Ptr<Ikev2IkeSa> sa = it->second;
    if (msg.GetExchangeType() == Ikev2ExchangeType::IKE_SA_INIT)
    {
        if (!sa->originalInitiator || sa->state != Ikev2IkeSaState::CONNECTING ||
            (sa->spiR != 0 && sa->spiR != header.responderSpi && header.responderSpi != 0))
        {
            m_dropTrace("unexpected IKE_SA_INIT response");
            return;
        }
        sa->initResponse = data; // RFC 7296 2.15: the responder's AUTH signs these octets
    }
    else
    {
        if (!sa->codec)
        {
            m_dropTrace("encrypted message before the keys exist");
            return;
        }
        const Ikev2SkStatus status = sa->codec->Unprotect(data, &msg);
        if (status == Ikev2SkStatus::FRAGMENT_PENDING)
        {
            sa->fragmentOctets += data.size();
            ++sa->fragmentCount;
            return;
        }
        if (status != Ikev2SkStatus::OK)
        {
            m_dropTrace(std::string("SK payload: ") + Ikev2SkStatusName(status));
            return;
        }
        sa->lastInbound = Simulator::Now();
        if (!header.IsResponse())
        {
            sa->requestPort = remotePort;
        }
        if (!header.IsResponse() && !sa->originalInitiator)
        {
            // RFC 7296 2.23: follow the initiator to port 4500 (and its NAT mapping)
            sa->remotePort = remotePort;
            sa->localPort = localPort;
        }
    }
    if (!m_receivedTrace.IsEmpty())
    {
        Ikev2MessageEvent event = MakeEvent(msg, {data});
        event.size += sa->fragmentOctets; // a reassembled message counts all its fragments
        event.fragments += sa->fragmentCount;
        m_receivedTrace(event);
    }
    sa->fragmentOctets = 0;
    sa->fragmentCount = 0;
    NS_LOG_INFO("node " << GetNode()->GetId() << " received " << msg.ToString());
    if (msg.GetHeader().IsResponse())
    {
        sa->tasks->OnResponse(msg);
    }
    else
    {
        sa->tasks->OnRequest(msg);
    }
}

void
Ikev2Daemon::HandleInitRequest(const Ikev2Message& msg,
                               const Bytes& data,
                               const IpAddress& from,
                               uint16_t remotePort,
                               const IpAddress& to,
                               uint16_t localPort)
{
    const uint64_t spiI = msg.GetHeader().initiatorSpi;
    for (const auto& entry : m_sas)
    {
        const Ikev2IkeSa& sa = *entry.second;
        if (!sa.originalInitiator && sa.spiI == spiI && sa.remoteAddress == from &&
            sa.state != Ikev2IkeSaState::DEAD)
        {
            if (!m_receivedTrace.IsEmpty())
            {
                m_receivedTrace(MakeEvent(msg, {data}));
            }
            entry.second->tasks->OnRequest(msg); // a retransmission: the cached response
            return;
        }
    }
    const int32_t peerIndex = FindPeer(to, from);
    if (peerIndex < 0)
    {
        m_dropTrace("IKE_SA_INIT from an address no connection accepts");
        return;
    }
    if (m_halfOpen >= m_maxHalfOpen)
    {
        m_dropTrace("half-open IKE SA limit reached");
        return;
    }
    const auto* nonce = msg.Find<Ikev2NoncePayload>(Ikev2PayloadType::NONCE);
    if (nonce == nullptr)
    {
        m_dropTrace("IKE_SA_INIT without a nonce");
        return;
    }
    if (m_halfOpen >= m_cookieThreshold)
    {
        // RFC 7296 2.6: under load, only requests that prove a return path create state
        const Ikev2NotifyPayload* cookie = nullptr;
        if (!msg.GetPayloads().empty())
        {
            cookie = dynamic_cast<const Ikev2NotifyPayload*>(msg.GetPayloads().front().get());
        }
        if (cookie == nullptr ||
            cookie->GetNotifyType() != static_cast<uint16_t>(Ikev2NotifyType::COOKIE) ||
            !m_cookies.Check(cookie->GetData(), nonce->GetNonce(), from, spiI))
        {
            if (!m_receivedTrace.IsEmpty())
            {
                m_receivedTrace(MakeEvent(msg, {data}));
            }
            SendStatelessNotify(msg,
                                Ikev2NotifyType::COOKIE,
                                m_cookies.Make(nonce->GetNonce(), from, spiI),
                                from,
                                remotePort,
                                localPort);
            return;
        }
    }
    Ptr<Ikev2IkeSa> sa = Create<Ikev2IkeSa>(static_cast<uint32_t>(peerIndex), false);
    sa->spiI = spiI;
    sa->spiR = NewIkeSpi();
    sa->localAddress = to;
    sa->remoteAddress = from;
    sa->localPort = localPort;
    sa->remotePort = remotePort;
    sa->createdAt = Simulator::Now();
    sa->initRequest = data;
    sa->tasks = std::make_unique<Ikev2TaskManager>(*this, *sa);
    m_sas[sa->spiR] = sa;
    ++m_halfOpen;
    sa->halfOpenEvent =
        Simulator::Schedule(m_halfOpenTimeout, &Ikev2Daemon::ExpireHalfOpen, this, sa);
    SetState(*sa, Ikev2IkeSaState::CONNECTING);
    if (!m_receivedTrace.IsEmpty())
    {
        m_receivedTrace(MakeEvent(msg, {data}));
    }
    sa->tasks->OnRequest(msg);
}

int32_t
Ikev2Daemon::FindPeer(const IpAddress& local, const IpAddress& remote) const
{
    int32_t wildcard = -1;
    for (uint32_t p = 0; p < m_peers.size(); ++p)
    {
        const Ikev2PeerConfig& peer = m_peers[p];
        if (!(peer.localAddress == local) && local != IpAddress())
        {
            continue;
        }
        if (peer.anyRemote)
        {
            wildcard = wildcard < 0 ? static_cast<int32_t>(p) : wildcard;
        }
        else if (peer.remoteAddress == remote)
        {
            return static_cast<int32_t>(p);
        }
    }
    return wildcard;
}

std::unique_ptr<Ikev2Task>
Ikev2Daemon::CreateResponderTask(Ptr<Ikev2IkeSa> sa, const Ikev2Message& request)
{
    switch (request.GetExchangeType())
    {
    case Ikev2ExchangeType::IKE_SA_INIT:
        return std::make_unique<Ikev2IkeInitTask>(*this, sa, std::vector<uint32_t>{});
    case Ikev2ExchangeType::IKE_AUTH:
        if (sa->state != Ikev2IkeSaState::CONNECTING || sa->originalInitiator)
        {
            return nullptr;
        }
        return std::make_unique<Ikev2IkeAuthTask>(*this, sa, std::vector<uint32_t>{});
    case Ikev2ExchangeType::CREATE_CHILD_SA:
        if (Ikev2IkeRekeyTask::IsIkeRekey(request))
        {
            return std::make_unique<Ikev2IkeRekeyTask>(*this, sa);
        }
        if (sa->state != Ikev2IkeSaState::ESTABLISHED && sa->state != Ikev2IkeSaState::REKEYED)
        {
            return nullptr;
        }
        return std::make_unique<Ikev2ChildCreateTask>(*this, sa, 0, nullptr);
    case Ikev2ExchangeType::INFORMATIONAL:
        return std::make_unique<Ikev2InformationalTask>(*this,
                                                        sa,
                                                        Ikev2InformationalTask::Kind::LIVENESS);
    default:
        return nullptr;
    }
}

// ------------------------------------------------------------------------------------------
// IKE SA life

void
Ikev2Daemon::SetState(Ikev2IkeSa& sa, Ikev2IkeSaState state)
{
    if (!sa.originalInitiator && sa.state == Ikev2IkeSaState::CONNECTING &&
        state != Ikev2IkeSaState::CONNECTING && m_halfOpen > 0)
    {
        --m_halfOpen;
        sa.halfOpenEvent.Cancel();
    }
    sa.state = state;
    Ikev2IkeSaEvent event;
    event.peer = m_peers.at(sa.peerIndex).name;
    event.spiI = sa.spiI;
    event.spiR = sa.spiR;
    event.originalInitiator = sa.originalInitiator;
    event.state = state;
    event.reason = sa.endReason;
    m_ikeSaTrace(event);
}

void
Ikev2Daemon::OnIkeSaEstablished(Ikev2IkeSa& sa)
{
    sa.establishedAt = Simulator::Now();
    sa.lastInbound = Simulator::Now();
    SetState(sa, Ikev2IkeSaState::ESTABLISHED);
    ScheduleIkeTimers(Ptr<Ikev2IkeSa>(&sa));
}

void
Ikev2Daemon::EndIkeSa(Ikev2IkeSa& sa, Ikev2EndReason reason)
{
    if (sa.state == Ikev2IkeSaState::DEAD)
    {
        return;
    }
    Ptr<Ikev2IkeSa> keep(&sa);
    NS_LOG_INFO("node " << GetNode()->GetId() << " IKE SA " << sa.GetName()
                        << " ends: " << Ikev2EndReasonName(reason));
    while (!sa.children.empty())
    {
        DeleteChild(sa, sa.children.back().inboundSpi);
    }
    sa.tasks->Clear();
    sa.CancelTimers();
    sa.endReason = reason;
    SetState(sa, Ikev2IkeSaState::DEAD);
    Forget(sa);
}

void
Ikev2Daemon::Forget(Ikev2IkeSa& sa)
{
    auto it = m_sas.find(sa.GetLocalSpi());
    if (it != m_sas.end() && PeekPointer(it->second) == &sa)
    {
        m_sas.erase(it);
    }
}

void
Ikev2Daemon::ExpireHalfOpen(Ptr<Ikev2IkeSa> sa)
{
    if (sa->state == Ikev2IkeSaState::CONNECTING)
    {
        EndIkeSa(*sa, Ikev2EndReason::HALF_OPEN_TIMEOUT);
    }
}

void
Ikev2Daemon::ScheduleIkeTimers(Ptr<Ikev2IkeSa> sa)
{
    const Ikev2PeerConfig& peer = m_peers.at(sa->peerIndex);
    if (peer.dpdDelay.IsStrictlyPositive())
    {
        sa->dpdEvent = Simulator::Schedule(peer.dpdDelay, &Ikev2Daemon::CheckLiveness, this, sa);
    }
    if (sa->natLocal && m_keepaliveInterval.IsStrictlyPositive())
    {
        sa->keepaliveEvent.Cancel();
        sa->keepaliveEvent =
            Simulator::Schedule(m_keepaliveInterval, &Ikev2Daemon::SendKeepalive, this, sa);
    }
    if (peer.ikeRekeyTime.IsStrictlyPositive() && sa->originalInitiator)
    {
        sa->rekeyEvent =
            Simulator::Schedule(Jittered(peer.ikeRekeyTime), &Ikev2Daemon::StartIkeRekey, this, sa);
    }
}

void
Ikev2Daemon::CheckLiveness(Ptr<Ikev2IkeSa> sa)
{
    if (sa->state != Ikev2IkeSaState::ESTABLISHED)
    {
        return;
    }
    const Time delay = m_peers.at(sa->peerIndex).dpdDelay;
    const Time idle = Simulator::Now() - sa->lastInbound;
    if (idle >= delay && !sa->tasks->IsBusy())
    {
        // RFC 7296 2.4: an empty INFORMATIONAL request; no answer ends the IKE SA
        sa->tasks->Queue(
            std::make_unique<Ikev2InformationalTask>(*this,
                                                     sa,
                                                     Ikev2InformationalTask::Kind::LIVENESS));
    }
    const Time next = idle >= delay ? delay : delay - idle;
    sa->dpdEvent = Simulator::Schedule(next, &Ikev2Daemon::CheckLiveness, this, sa);
}

void
Ikev2Daemon::SendKeepalive(Ptr<Ikev2IkeSa> sa)
{
    if (sa->state != Ikev2IkeSaState::ESTABLISHED)
    {
        return;
    }
    // RFC 3948 2.3: one octet 0xFF to the peer's NAT-T port keeps the NAT mapping alive
    const uint8_t keepalive = 0xFF;
    Ptr<Packet> packet = Create<Packet>(&keepalive, 1);
    if (sa->remoteAddress.IsIpv4() && m_socket4500)
    {
        m_socket4500->SendTo(packet,
                             0,
                             InetSocketAddress(sa->remoteAddress.GetIpv4(), sa->remotePort));
    }
    else if (sa->remoteAddress.IsIpv6() && m_socket4500v6)
    {
        m_socket4500v6->SendTo(packet,
                               0,
                               Inet6SocketAddress(sa->remoteAddress.GetIpv6(), sa->remotePort));
    }
    sa->keepaliveEvent =
        Simulator::Schedule(m_keepaliveInterval, &Ikev2Daemon::SendKeepalive, this, sa);
}

void
Ikev2Daemon::StartIkeRekey(Ptr<Ikev2IkeSa> sa)
{
    if (sa->state != Ikev2IkeSaState::ESTABLISHED)
    {
        return;
    }
    if (!m_peers.at(sa->peerIndex).reauthenticate)
    {
        if (!sa->tasks->HasTask(Ikev2ExchangeType::CREATE_CHILD_SA) ||
            sa->tasks->GetQueuedCount() == 0)
        {
            sa->tasks->Queue(std::make_unique<Ikev2IkeRekeyTask>(*this, sa));
        }
        return;
    }
    // Reauthentication (RFC 7296 2.8.3), make-before-break: a new IKE SA with its children
    // comes up, then the old one is deleted.
    std::vector<uint32_t> children;
    for (const auto& child : sa->children)
    {
        if (std::find(children.begin(), children.end(), child.configIndex) == children.end())
        {
            children.push_back(child.configIndex);
        }
    }
    // from now on the old SA carries traffic but rekeys nothing (HandleExpire skips it), so
    // that every newer pair belongs to the new IKE SA
    sa->CancelTimers();
    SetState(*sa, Ikev2IkeSaState::REKEYED);
    StartIkeSa(sa->peerIndex, children);
    sa->rekeyEvent = Simulator::Schedule(m_retransmitTimeout * 2, [this, sa]() {
        if (sa->state == Ikev2IkeSaState::REKEYED)
        {
            sa->tasks->Queue(
                std::make_unique<Ikev2InformationalTask>(*this,
                                                         sa,
                                                         Ikev2InformationalTask::Kind::DELETE_IKE));
        }
    });
}

void
Ikev2Daemon::ScheduleIkeRekeyRetry(Ptr<Ikev2IkeSa> sa)
{
    // strongSwan retries a refused rekey after a random 1..5 s (RFC 7296 2.25)
    const Time delay = Seconds(1 + 4 * (m_rng->GetUint32() / 4294967296.0));
    sa->rekeyEvent.Cancel();
    sa->rekeyEvent = Simulator::Schedule(delay, &Ikev2Daemon::StartIkeRekey, this, sa);
}

void
Ikev2Daemon::AdoptRekeyedIkeSa(Ikev2IkeSa& oldSa, Ptr<Ikev2IkeSa> fresh)
{
    fresh->localAddress = oldSa.localAddress;
    fresh->remoteAddress = oldSa.remoteAddress;
    fresh->localPort = oldSa.localPort;
    fresh->remotePort = oldSa.remotePort;
    fresh->natLocal = oldSa.natLocal;
    fresh->natRemote = oldSa.natRemote;
    fresh->peerFragmentation = oldSa.peerFragmentation;
    fresh->peerHashes = oldSa.peerHashes;
    fresh->peerId = oldSa.peerId;
    fresh->createdAt = Simulator::Now();
    fresh->children = std::move(oldSa.children);
    oldSa.children.clear();
    fresh->tasks = std::make_unique<Ikev2TaskManager>(*this, *fresh);
    fresh->state = Ikev2IkeSaState::ESTABLISHED; // never half-open
    m_sas[fresh->GetLocalSpi()] = fresh;
    oldSa.CancelTimers();
    SetState(oldSa, Ikev2IkeSaState::REKEYED);
    OnIkeSaEstablished(*fresh);
}

// ------------------------------------------------------------------------------------------
// Child SAs and the kernel

uint32_t
Ikev2Daemon::GetReqid(uint32_t peerIndex, uint32_t childIndex, const IpAddress& remote)
{
    const auto key = std::make_tuple(peerIndex, childIndex, remote);
    auto it = m_reqids.find(key);
    if (it != m_reqids.end())
    {
        return it->second;
    }
    const uint32_t reqid = m_nextReqid++;
    m_reqids.emplace(key, reqid);
    return reqid;
}

IpsecSelector
Ikev2Daemon::GetChildSelector(const Ikev2IkeSa& sa, uint32_t childIndex) const
{
    const Ikev2ChildConfig& child = m_peers.at(sa.peerIndex).children.at(childIndex);
    if (child.hostSelectors)
    {
        return IpsecSelector::Between(IpAddressRange::Host(sa.localAddress),
                                      IpAddressRange::Host(sa.remoteAddress));
    }
    return child.selector;
}

void
Ikev2Daemon::EnsurePolicies(uint32_t peerIndex,
                            uint32_t childIndex,
                            const IpAddress& local,
                            const IpAddress& remote,
                            const IpsecSelector& selector)
{
    const uint32_t reqid = GetReqid(peerIndex, childIndex, remote);
    if (m_policies.count(reqid) != 0)
    {
        return;
    }
    const Ikev2ChildConfig& child = m_peers.at(peerIndex).children.at(childIndex);
    std::vector<uint32_t>& ids = m_policies[reqid];
    for (PolicyDirection direction : {PolicyDirection::OUTBOUND, PolicyDirection::INBOUND})
    {
        Ptr<SecurityPolicy> policy = Create<SecurityPolicy>();
        policy->priority = 100;
        policy->direction = direction;
        policy->selector = selector;
        policy->action = PolicyAction::PROTECT;
        policy->sa.protocol =
            child.proposals.empty() ? IpsecProtocol::ESP : child.proposals.front().protocol;
        policy->sa.mode = child.mode;
        if (child.mode == IpsecMode::TUNNEL)
        {
            policy->sa.tunnelLocal = local;
            policy->sa.tunnelRemote = remote;
        }
        policy->sa.reqid = reqid;
        uint32_t id = 0;
        if (m_kernel->AddPolicy(policy, &id) == KernelStatus::OK)
        {
            ids.push_back(id);
        }
        else
        {
            NS_LOG_WARN("policy for child " << child.name << " refused by the kernel");
        }
    }
}

bool
Ikev2Daemon::InstallChild(Ikev2IkeSa& sa,
                          Ikev2ChildSa& child,
                          const Ikev2ChildKeys& keys,
                          bool weInitiated,
                          bool installOutbound,
                          uint32_t rekeyedFrom)
{
    const Ikev2ChildConfig& config = m_peers.at(sa.peerIndex).children.at(child.configIndex);
    SaPairSpec spec;
    spec.protocol = child.protocol;
    spec.mode = child.mode;
    spec.addressA = sa.localAddress;
    spec.addressB = sa.remoteAddress;
    spec.spiAToB = child.outboundSpi;
    spec.spiBToA = child.inboundSpi;
    spec.encr = child.protocol == IpsecProtocol::ESP ? child.transforms.encr : EncrId::NULL_ENCR;
    spec.encrKeyBits = child.transforms.encrKeyBits;
    spec.integ = child.transforms.integ;
    const Ikev2ChildDirectionKeys& out =
        weInitiated ? keys.initiatorToResponder : keys.responderToInitiator;
    const Ikev2ChildDirectionKeys& in =
        weInitiated ? keys.responderToInitiator : keys.initiatorToResponder;
    spec.encrKeyAToB = out.encr;
    spec.encrKeyBToA = in.encr;
    spec.integKeyAToB = out.integ;
    spec.integKeyBToA = in.integ;
    spec.esn = child.transforms.esn;
    spec.replayWindow = config.replayWindow;
    spec.lifetime.softTime = Jittered(config.rekeyTime);
    spec.lifetime.hardTime = config.lifeTime;
    spec.selectorA = child.selector;
    spec.reqid = child.reqid;
    spec.udpEncap = child.protocol == IpsecProtocol::ESP && (sa.natLocal || sa.natRemote);
    spec.udpPortA = sa.localPort;
    spec.udpPortB = sa.remotePort;
    SaPair pair;
    std::string error;
    if (!SaPair::Build(spec, &pair, &error))
    {
        NS_LOG_WARN("Child SA not buildable: " << error);
        return false;
    }
    if (m_kernel->AddSa(pair.aInbound, &error) != KernelStatus::OK)
    {
        NS_LOG_WARN("kernel refused the inbound SA: " << error);
        return false;
    }
    child.outboundDeferred = !installOutbound;
    if (installOutbound && m_kernel->AddSa(pair.aOutbound, &error) != KernelStatus::OK)
    {
        NS_LOG_WARN("kernel refused the outbound SA: " << error);
        (void)m_kernel->DeleteSa(child.inboundSpi, sa.localAddress, child.protocol);
        return false;
    }
    if (!installOutbound)
    {
        m_deferred[child.inboundSpi] = pair.aOutbound;
    }
    EnsurePolicies(sa.peerIndex,
                   child.configIndex,
                   sa.localAddress,
                   sa.remoteAddress,
                   child.selector);
    child.rekeyedFrom = rekeyedFrom;
    child.state = Ikev2ChildSaState::INSTALLED;
    sa.children.push_back(child);
    NotifyChild(sa,
                child,
                rekeyedFrom != 0 ? Ikev2ChildEventType::REKEYED : Ikev2ChildEventType::INSTALLED,
                rekeyedFrom);
    return true;
}

void
Ikev2Daemon::InstallDeferredOutbound(Ikev2IkeSa& /* sa */, Ikev2ChildSa& child)
{
    auto it = m_deferred.find(child.inboundSpi);
    if (it == m_deferred.end())
    {
        return;
    }
    std::string error;
    if (m_kernel->AddSa(it->second, &error) != KernelStatus::OK)
    {
        NS_LOG_WARN("kernel refused the deferred outbound SA: " << error);
    }
    m_deferred.erase(it);
    child.outboundDeferred = false;
}

void
Ikev2Daemon::DeleteChild(Ikev2IkeSa& sa, uint32_t inboundSpi)
{
    Ikev2ChildSa* child = sa.FindChild(inboundSpi);
    if (child == nullptr || child->inboundSpi != inboundSpi)
    {
        return;
    }
    // NOT_FOUND is fine: a hard expire has already removed it
    (void)m_kernel->DeleteSa(child->inboundSpi, sa.localAddress, child->protocol);
    if (!child->outboundDeferred)
    {
        (void)m_kernel->DeleteSa(child->outboundSpi, sa.remoteAddress, child->protocol);
    }
    m_deferred.erase(child->inboundSpi);
    const Ikev2ChildSa copy = *child;
    sa.RemoveChild(inboundSpi);
    NotifyChild(sa, copy, Ikev2ChildEventType::DELETED, 0);
}

void
Ikev2Daemon::NotifyChild(const Ikev2IkeSa& sa,
                         const Ikev2ChildSa& child,
                         Ikev2ChildEventType type,
                         uint32_t rekeyedFrom)
{
    const Ikev2PeerConfig& peer = m_peers.at(sa.peerIndex);
    Ikev2ChildSaEvent event;
    event.peer = peer.name;
    event.child = peer.children.at(child.configIndex).name;
    event.spiI = sa.spiI;
    event.spiR = sa.spiR;
    event.type = type;
    event.inboundSpi = child.inboundSpi;
    event.outboundSpi = child.outboundSpi;
    event.reqid = child.reqid;
    event.rekeyedFrom = rekeyedFrom;
    m_childSaTrace(event);
}

void
Ikev2Daemon::HandleAcquire(const AcquireEvent& event)
{
    for (const auto& entry : m_reqids)
    {
        if (entry.second != event.sa.reqid)
        {
            continue;
        }
        const uint32_t peerIndex = std::get<0>(entry.first);
        const uint32_t childIndex = std::get<1>(entry.first);
        const Ikev2PeerConfig& peer = m_peers.at(peerIndex);
        if (peer.anyRemote)
        {
            return; // a wildcard connection cannot initiate
        }
        Ptr<Ikev2IkeSa> sa = FindIkeSaFor(peerIndex, peer.remoteAddress);
        if (!sa)
        {
            StartIkeSa(peerIndex, {childIndex});
            return;
        }
        if (sa->state != Ikev2IkeSaState::ESTABLISHED ||
            sa->tasks->HasTask(Ikev2ExchangeType::CREATE_CHILD_SA))
        {
            return; // coming up already
        }
        for (const auto& child : sa->children)
        {
            if (child.reqid == event.sa.reqid)
            {
                return;
            }
        }
        sa->tasks->Queue(std::make_unique<Ikev2ChildCreateTask>(*this, sa, childIndex, nullptr));
        return;
    }
}

void
Ikev2Daemon::HandleExpire(const ExpireEvent& event)
{
    for (const auto& entry : m_sas)
    {
        Ptr<Ikev2IkeSa> sa = entry.second;
        Ikev2ChildSa* child = sa->FindChild(event.spi);
        if (child == nullptr)
        {
            continue;
        }
        if (event.hard)
        {
            // the kernel has removed the SA: forget the pair and tell the peer
            const uint32_t inbound = child->inboundSpi;
            if (sa->state == Ikev2IkeSaState::ESTABLISHED)
            {
                child->state = Ikev2ChildSaState::DELETING;
                sa->tasks->Queue(std::make_unique<Ikev2InformationalTask>(
                    *this,
                    sa,
                    Ikev2InformationalTask::Kind::DELETE_CHILD,
                    inbound));
            }
            else
            {
                DeleteChild(*sa, inbound);
            }
            return;
        }
        if (child->state == Ikev2ChildSaState::INSTALLED &&
            sa->state == Ikev2IkeSaState::ESTABLISHED)
        {
            child->state = Ikev2ChildSaState::REKEYING;
            sa->tasks->Queue(
                std::make_unique<Ikev2ChildCreateTask>(*this, sa, child->configIndex, child));
        }
        return;
    }
}

} // namespace ns3
