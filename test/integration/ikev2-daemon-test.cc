/* SPDX-License-Identifier: GPL-2.0-only */

// Two IKEv2 daemons negotiating over a simulated link, as strongSwan's exchange tests do:
// assertions on the trace sources of each side after the run.

#include "ikev2-test-util.h"
#include "simulation-test.h"

#include "ns3/certificate-authority.h"
#include "ns3/certificate-validator.h"
#include "ns3/double.h"
#include "ns3/error-model.h"
#include "ns3/ikev2-ke-payload.h"
#include "ns3/ikev2-nonce-payload.h"
#include "ns3/ikev2-notify-payload.h"
#include "ns3/ikev2-sa-payload.h"
#include "ns3/ikev2-sk-codec.h"
#include "ns3/inet6-socket-address.h"
#include "ns3/ipv6-address-helper.h"
#include "ns3/key-exchange.h"
#include "ns3/pointer.h"
#include "ns3/random-source.h"
#include "ns3/sa-pair.h"

#include <gtest/gtest.h>
#include <sstream>

namespace ns3
{
namespace
{

using namespace ipsectest;

/// Drops the first @p count IKE messages of one exchange and direction crossing a device (an
/// ns-3 error model looking at the IKE header behind PPP, IPv4 and UDP).
class IkeMessageDropper : public ErrorModel
{
  public:
    IkeMessageDropper(Ikev2ExchangeType exchange, bool response, uint32_t count)
        : m_exchange(exchange),
          m_response(response),
          m_left(count)
    {
    }

    uint32_t dropped{0}; //!< messages dropped so far

  private:
    bool DoCorrupt(Ptr<Packet> p) override
    {
        constexpr size_t ike = 2 + 20 + 8; // PPP, IPv4, UDP
        uint8_t octets[ike + 28 + 4];
        const uint32_t n = p->CopyData(octets, sizeof(octets));
        if (m_left == 0 || n < ike + 28 || octets[2 + 9] != 17)
        {
            return false;
        }
        size_t h = ike;
        if (octets[2 + 20 + 1] == 0x94 && octets[2 + 20] == 0x11) // port 4500: non-ESP marker
        {
            h += 4;
        }
        const bool match = octets[h + 18] == static_cast<uint8_t>(m_exchange) &&
                           ((octets[h + 19] & Ikev2Header::FLAG_RESPONSE) != 0) == m_response;
        if (match)
        {
            --m_left;
            ++dropped;
        }
        return match;
    }

    void DoReset() override
    {
    }

    Ikev2ExchangeType m_exchange;
    bool m_response;
    uint32_t m_left;
};

/// A PSK connection config for a daemon.
Ikev2PeerConfig
PskPeer(IpAddress local,
        IpAddress remote,
        const std::string& psk,
        const std::string& ike,
        const std::string& esp,
        Ikev2StartAction start)
{
    Ikev2PeerConfig peer;
    peer.localAddress = local;
    peer.remoteAddress = remote;
    peer.localId = IkeIdentity::FromIpv4(local.GetIpv4());
    peer.remoteId = IkeIdentity::FromIpv4(remote.GetIpv4());
    std::string error;
    std::stringstream ikeList(ike);
    std::string text;
    while (std::getline(ikeList, text, ','))
    {
        IkeProposalConfig config;
        NS_ABORT_MSG_UNLESS(IkeProposalConfig::Parse(text, &config, &error), error);
        peer.ikeProposals.push_back(config);
    }
    peer.localAuth.psk = Bytes(psk.begin(), psk.end());
    Ikev2ChildConfig child = IkeHelper::TransportChild();
    child.start = start;
    std::stringstream espList(esp);
    while (std::getline(espList, text, ','))
    {
        ChildProposalConfig proposal;
        NS_ABORT_MSG_UNLESS(ChildProposalConfig::Parse(text, &proposal, &error), error);
        child.proposals.push_back(proposal);
    }
    peer.children = {child};
    return peer;
}

class Ikev2DaemonTest : public SimulationTest
{
  protected:
    /// Two hosts, IPsec + daemons, logs attached.
    void SetUpHosts()
    {
        BuildTwoHosts(&net);
        ike.Install(net.nodes);
        ike.AssignStreams(net.nodes, 100);
    }

    /// Connect A (initiator) to B and attach logs.
    void Connect(Ikev2ChildConfig child, Time start = Seconds(1))
    {
        std::string error;
        ASSERT_TRUE(ike.Connect(net.A(), net.AddrA(), net.B(), net.AddrB(), child, start, &error))
            << error;
        logA.Attach(ike.GetDaemon(net.A()));
        logB.Attach(ike.GetDaemon(net.B()));
    }

    TwoHosts net;
    IkeHelper ike;
    DaemonLog logA;
    DaemonLog logB;
};

TEST_F(Ikev2DaemonTest, PskTransportEstablishesAndCarriesTraffic)
{
    SetUpHosts();
    Connect(IkeHelper::TransportChild());
    UdpSink sink;
    OpenSink(&sink, net.B(), 9000);
    SendUdpFlow(net.A(), net.AddrB(), 9000, 200, Seconds(2), MilliSeconds(10), 50);
    Simulator::Stop(Seconds(5));
    Simulator::Run();

    EXPECT_EQ(logA.CountState(Ikev2IkeSaState::ESTABLISHED), 1u);
    EXPECT_EQ(logB.CountState(Ikev2IkeSaState::ESTABLISHED), 1u);
    ASSERT_GE(logA.sent.size(), 2u);
    EXPECT_EQ(logA.sent[0].exchange, Ikev2ExchangeType::IKE_SA_INIT);
    EXPECT_EQ(logA.sent[0].messageId, 0u);
    EXPECT_EQ(logA.sent[1].exchange, Ikev2ExchangeType::IKE_AUTH);
    EXPECT_EQ(logA.sent[1].messageId, 1u);
    EXPECT_NE(logA.sent[0].summary.find("N(NAT_DETECTION_SOURCE_IP)"), std::string::npos)
        << logA.sent[0].summary;
    ASSERT_EQ(logA.CountChild(Ikev2ChildEventType::INSTALLED), 1u);
    ASSERT_EQ(logB.CountChild(Ikev2ChildEventType::INSTALLED), 1u);
    // RFC 4301 4.1: each side's inbound SPI is the other's outbound one
    EXPECT_EQ(logA.childSa[0].inboundSpi, logB.childSa[0].outboundSpi);
    EXPECT_EQ(logA.childSa[0].outboundSpi, logB.childSa[0].inboundSpi);
    EXPECT_EQ(SadSize(net.A()), 2u);
    EXPECT_EQ(SadSize(net.B()), 2u);
    EXPECT_EQ(sink.sizes.size(), 50u);
    // the flow went through the negotiated outbound SA
    uint64_t protectedPackets = 0;
    for (const auto& sa : net.A()->GetObject<IpsecStack>()->GetSad()->GetAll())
    {
        if (sa->GetParams().spi == logA.childSa[0].outboundSpi)
        {
            protectedPackets = sa->GetCounters().packets;
        }
    }
    EXPECT_EQ(protectedPackets, 50u);
}

/// Both daemons configured by hand (PSK, transport) with the given proposals and keys.
class Ikev2NegotiationTest : public Ikev2DaemonTest
{
  protected:
    void Configure(const std::string& pskA,
                   const std::string& ikeA,
                   const std::string& espA,
                   const std::string& pskB,
                   const std::string& ikeB,
                   const std::string& espB)
    {
        SetUpHosts();
        std::string error;
        ASSERT_GE(ike.GetDaemon(net.A())->AddPeer(
                      PskPeer(net.AddrA(), net.AddrB(), pskA, ikeA, espA, Ikev2StartAction::START),
                      &error),
                  0)
            << error;
        ASSERT_GE(ike.GetDaemon(net.B())->AddPeer(
                      PskPeer(net.AddrB(), net.AddrA(), pskB, ikeB, espB, Ikev2StartAction::NONE),
                      &error),
                  0)
            << error;
        logA.Attach(ike.GetDaemon(net.A()));
        logB.Attach(ike.GetDaemon(net.B()));
        Simulator::Stop(Seconds(10));
        Simulator::Run();
    }
};

TEST_F(Ikev2NegotiationTest, ResponderPicksByItsOwnPreference)
{
    Configure("k",
              "aes128-sha256-modp2048",
              "aes128-sha256,aes128gcm16",
              "k",
              "aes128-sha256-modp2048",
              "aes128gcm16,aes128-sha256");
    ASSERT_EQ(logA.CountChild(Ikev2ChildEventType::INSTALLED), 1u);
    for (const auto& sa : net.A()->GetObject<IpsecStack>()->GetSad()->GetAll())
    {
        EXPECT_EQ(sa->GetParams().encr, EncrId::AES_GCM_16); // B's first choice
    }
}

TEST_F(Ikev2NegotiationTest, InvalidKePayloadRetriesWithTheRequestedGroup)
{
    Configure("k",
              "aes128-sha256-curve25519-modp2048",
              "aes128gcm16",
              "k",
              "aes128-sha256-modp2048",
              "aes128gcm16");
    EXPECT_TRUE(logB.SentContains("N(INVALID_KE_PAYLOAD)"));
    EXPECT_EQ(logA.CountState(Ikev2IkeSaState::ESTABLISHED), 1u);
    EXPECT_EQ(logB.CountState(Ikev2IkeSaState::ESTABLISHED), 1u);
    // the retry is a new IKE_SA_INIT with Message ID 0 and a MODP-2048 KE (256 octets)
    ASSERT_GE(logA.sent.size(), 2u);
    EXPECT_EQ(logA.sent[1].exchange, Ikev2ExchangeType::IKE_SA_INIT);
    EXPECT_EQ(logA.sent[1].messageId, 0u);
    EXPECT_GT(logA.sent[1].size, logA.sent[0].size + 200);
}

TEST_F(Ikev2NegotiationTest, NoProposalChosenEndsBothSides)
{
    Configure("k",
              "aes128-sha256-modp2048",
              "aes128gcm16",
              "k",
              "aes256-sha384-ecp384",
              "aes128gcm16");
    EXPECT_TRUE(logB.SentContains("N(NO_PROPOSAL_CHOSEN)"));
    EXPECT_EQ(logA.LastEndReason(), Ikev2EndReason::NO_PROPOSAL_CHOSEN);
    EXPECT_EQ(logB.LastEndReason(), Ikev2EndReason::NO_PROPOSAL_CHOSEN);
    EXPECT_EQ(logA.CountState(Ikev2IkeSaState::ESTABLISHED), 0u);
    EXPECT_EQ(ike.GetDaemon(net.B())->GetHalfOpenCount(), 0u);
}

TEST_F(Ikev2NegotiationTest, WrongPskIsAuthenticationFailed)
{
    Configure("secret",
              "aes128-sha256-modp2048",
              "aes128gcm16",
              "other secret",
              "aes128-sha256-modp2048",
              "aes128gcm16");
    EXPECT_TRUE(logB.SentContains("N(AUTHENTICATION_FAILED)"));
    EXPECT_EQ(logA.LastEndReason(), Ikev2EndReason::AUTHENTICATION_FAILED);
    EXPECT_EQ(logB.LastEndReason(), Ikev2EndReason::AUTHENTICATION_FAILED);
    EXPECT_EQ(SadSize(net.A()), 0u);
    EXPECT_EQ(SadSize(net.B()), 0u);
}

TEST_F(Ikev2NegotiationTest, ChildWithoutCommonProposalLeavesTheIkeSaUp)
{
    Configure("k",
              "aes128-sha256-modp2048",
              "aes128gcm16",
              "k",
              "aes128-sha256-modp2048",
              "aes256-sha512");
    EXPECT_TRUE(logB.SentContains("N(NO_PROPOSAL_CHOSEN)"));
    // RFC 7296 2.21.1: the IKE SA survives a failed first Child SA
    EXPECT_EQ(logA.CountState(Ikev2IkeSaState::ESTABLISHED), 1u);
    EXPECT_EQ(logA.CountState(Ikev2IkeSaState::DEAD), 0u);
    EXPECT_EQ(SadSize(net.A()), 0u);
}

TEST_F(Ikev2DaemonTest, TrafficSelectorsWithoutOverlapAreTsUnacceptable)
{
    SetUpHosts();
    std::string error;
    Ikev2PeerConfig a = PskPeer(net.AddrA(),
                                net.AddrB(),
                                "k",
                                "aes128-sha256-modp2048",
                                "aes128gcm16",
                                Ikev2StartAction::START);
    Ikev2PeerConfig b = PskPeer(net.AddrB(),
                                net.AddrA(),
                                "k",
                                "aes128-sha256-modp2048",
                                "aes128gcm16",
                                Ikev2StartAction::NONE);
    a.children[0].mode = IpsecMode::TUNNEL;
    a.children[0].hostSelectors = false;
    a.children[0].selector =
        IpsecSelector::Between(IpAddressRange::Prefix(Ipv4Address("10.1.0.0"), 16),
                               IpAddressRange::Prefix(Ipv4Address("10.2.0.0"), 16));
    b.children[0] = a.children[0];
    b.children[0].start = Ikev2StartAction::NONE;
    b.children[0].selector =
        IpsecSelector::Between(IpAddressRange::Prefix(Ipv4Address("10.9.0.0"), 16),
                               IpAddressRange::Prefix(Ipv4Address("10.8.0.0"), 16));
    ASSERT_GE(ike.GetDaemon(net.A())->AddPeer(a, &error), 0) << error;
    ASSERT_GE(ike.GetDaemon(net.B())->AddPeer(b, &error), 0) << error;
    logA.Attach(ike.GetDaemon(net.A()));
    logB.Attach(ike.GetDaemon(net.B()));
    Simulator::Stop(Seconds(5));
    Simulator::Run();
    EXPECT_TRUE(logB.SentContains("N(TS_UNACCEPTABLE)"));
    EXPECT_EQ(logA.CountState(Ikev2IkeSaState::ESTABLISHED), 1u);
    EXPECT_EQ(logA.CountChild(Ikev2ChildEventType::INSTALLED), 0u);
}

TEST_F(Ikev2DaemonTest, CertificatesTunnelGatewayToGateway)
{
    Chain chain;
    BuildChain(&chain);
    NodeContainer gateways(chain.GwA(), chain.GwB());
    ike.Install(gateways);
    ike.AssignStreams(gateways, 100);
    Ptr<CertificateAuthority> ca =
        MakeTestRoot(KeyType::ECDSA_P256, "Test Root", MakeRandomSource(10));
    ike.SetCertificates(ca, KeyType::ECDSA_P256);
    std::string error;
    ASSERT_TRUE(
        ike.Connect(chain.GwA(),
                    chain.wanIf.GetAddress(0),
                    chain.GwB(),
                    chain.wanIf.GetAddress(1),
                    IkeHelper::TunnelChild(IpAddressRange::Prefix(Ipv4Address("10.1.1.0"), 24),
                                           IpAddressRange::Prefix(Ipv4Address("10.2.2.0"), 24)),
                    Seconds(1),
                    &error))
        << error;
    logA.Attach(ike.GetDaemon(chain.GwA()));
    logB.Attach(ike.GetDaemon(chain.GwB()));
    UdpSink sink;
    OpenSink(&sink, chain.HostB(), 9000);
    SendUdpFlow(chain.HostA(),
                chain.lanBIf.GetAddress(1),
                9000,
                500,
                Seconds(2),
                MilliSeconds(5),
                40);
    Simulator::Stop(Seconds(4));
    Simulator::Run();
    EXPECT_EQ(logA.CountState(Ikev2IkeSaState::ESTABLISHED), 1u);
    EXPECT_EQ(logB.CountState(Ikev2IkeSaState::ESTABLISHED), 1u);
    EXPECT_TRUE(logA.SentContains("CERT"));
    EXPECT_TRUE(logA.SentContains("CERTREQ"));
    EXPECT_TRUE(logA.SentContains("N(SIGNATURE_HASH_ALGORITHMS)"));
    EXPECT_EQ(sink.sizes.size(), 40u);
    EXPECT_EQ(SadSize(chain.GwA()), 2u);
}

TEST_F(Ikev2DaemonTest, LostRequestIsRetransmitted)
{
    SetUpHosts();
    auto dropper = CreateObject<IkeMessageDropper>(Ikev2ExchangeType::IKE_SA_INIT, false, 2);
    net.devices.Get(1)->SetAttribute("ReceiveErrorModel", PointerValue(dropper));
    Connect(IkeHelper::TransportChild());
    Simulator::Stop(Seconds(30));
    Simulator::Run();
    EXPECT_EQ(dropper->dropped, 2u);
    ASSERT_EQ(logA.retransmits.size(), 2u);
    // strongSwan's schedule: 4 s, then 4 * 1.8 s later
    EXPECT_EQ(logA.CountState(Ikev2IkeSaState::ESTABLISHED), 1u);
    EXPECT_EQ(logB.CountState(Ikev2IkeSaState::ESTABLISHED), 1u);
}

TEST_F(Ikev2DaemonTest, LostLastResponseIsAnsweredFromTheCache)
{
    SetUpHosts();
    auto dropper = CreateObject<IkeMessageDropper>(Ikev2ExchangeType::IKE_AUTH, true, 1);
    net.devices.Get(0)->SetAttribute("ReceiveErrorModel", PointerValue(dropper));
    Connect(IkeHelper::TransportChild());
    Simulator::Stop(Seconds(30));
    Simulator::Run();
    EXPECT_EQ(dropper->dropped, 1u);
    ASSERT_EQ(logA.retransmits.size(), 1u); // the IKE_AUTH request, again
    ASSERT_EQ(logB.retransmits.size(), 1u); // the cached response, unchanged
    EXPECT_TRUE(logB.retransmits[0].response);
    EXPECT_EQ(logB.CountChild(Ikev2ChildEventType::INSTALLED), 1u); // processed once
    EXPECT_EQ(logA.CountChild(Ikev2ChildEventType::INSTALLED), 1u);
}

TEST_F(Ikev2DaemonTest, LostLastRequestOfTheResponderSideIsRetransmitted)
{
    // the last message the responder receives is IKE_AUTH's request: lose it once
    SetUpHosts();
    auto dropper = CreateObject<IkeMessageDropper>(Ikev2ExchangeType::IKE_AUTH, false, 1);
    net.devices.Get(1)->SetAttribute("ReceiveErrorModel", PointerValue(dropper));
    Connect(IkeHelper::TransportChild());
    Simulator::Stop(Seconds(30));
    Simulator::Run();
    EXPECT_EQ(dropper->dropped, 1u);
    EXPECT_EQ(logA.retransmits.size(), 1u);
    EXPECT_EQ(logB.CountState(Ikev2IkeSaState::ESTABLISHED), 1u);
}

TEST_F(Ikev2DaemonTest, GivesUpAfterTheLastRetransmission)
{
    SetUpHosts();
    auto dropper = CreateObject<IkeMessageDropper>(Ikev2ExchangeType::IKE_SA_INIT, false, 100);
    net.devices.Get(1)->SetAttribute("ReceiveErrorModel", PointerValue(dropper));
    Connect(IkeHelper::TransportChild());
    Simulator::Stop(Seconds(400));
    Simulator::Run();
    EXPECT_EQ(logA.retransmits.size(), 5u);
    EXPECT_EQ(logA.LastEndReason(), Ikev2EndReason::RETRANSMIT_TIMEOUT);
    // strongSwan's schedule: given up 4 s * (1 + 1.8 + 1.8^2 + 1.8^3 + 1.8^4 + 1.8^5) =
    // 165.06112 s after the first send at 1 s
    ASSERT_FALSE(logA.ikeSaTimes.empty());
    EXPECT_NEAR(logA.ikeSaTimes.back().GetSeconds(), 166.06112, 1e-6);
    // retransmission n leaves 4 s * 1.8^(n-1) after the previous send
    ASSERT_EQ(logA.retransmitTimes.size(), 5u);
    double previous = 1.0;
    double wait = 4.0;
    for (const Time& at : logA.retransmitTimes)
    {
        EXPECT_NEAR(at.GetSeconds() - previous, wait, 1e-6);
        previous = at.GetSeconds();
        wait *= 1.8;
    }
}

TEST_F(Ikev2DaemonTest, RetransmissionsOverALossyLinkStillEstablish)
{
    SetUpHosts();
    for (uint32_t i = 0; i < 2; ++i)
    {
        auto loss = CreateObject<RateErrorModel>();
        loss->SetAttribute("ErrorRate", DoubleValue(0.3));
        loss->SetAttribute("ErrorUnit", StringValue("ERROR_UNIT_PACKET"));
        loss->AssignStreams(50 + i);
        net.devices.Get(i)->SetAttribute("ReceiveErrorModel", PointerValue(loss));
    }
    Connect(IkeHelper::TransportChild());
    Simulator::Stop(Seconds(200));
    Simulator::Run();
    EXPECT_EQ(logA.CountState(Ikev2IkeSaState::ESTABLISHED), 1u);
    EXPECT_GE(logA.retransmits.size() + logB.retransmits.size(), 1u);
}

TEST_F(Ikev2DaemonTest, ChildRekeyUnderASteadyFlowLosesNothing)
{
    SetUpHosts();
    ike.SetLifetimes(Seconds(10), Seconds(15), Seconds(0));
    Connect(IkeHelper::TransportChild());
    UdpSink sink;
    OpenSink(&sink, net.B(), 9000);
    UdpSink back;
    OpenSink(&back, net.A(), 9001);
    SendUdpFlow(net.A(), net.AddrB(), 9000, 300, Seconds(2), MilliSeconds(5), 6000);
    SendUdpFlow(net.B(), net.AddrA(), 9001, 300, Seconds(2), MilliSeconds(5), 6000);
    Simulator::Stop(Seconds(33));
    Simulator::Run();
    EXPECT_GE(logA.CountChild(Ikev2ChildEventType::REKEYED) +
                  logB.CountChild(Ikev2ChildEventType::REKEYED),
              3u);
    EXPECT_EQ(sink.sizes.size(), 6000u);
    EXPECT_EQ(back.sizes.size(), 6000u);
    // a responder does not rekey a pair the peer has just rekeyed
    EXPECT_FALSE(logA.SentContains("N(TEMPORARY_FAILURE)"));
    EXPECT_FALSE(logB.SentContains("N(TEMPORARY_FAILURE)"));
    // old pairs are deleted: one pair per side at the end
    EXPECT_EQ(SadSize(net.A()), 2u);
    EXPECT_EQ(SadSize(net.B()), 2u);
    EXPECT_EQ(SadSpis(net.A()), SadSpis(net.B()));
}

TEST_F(Ikev2DaemonTest, IkeSaRekeyMovesTheChildSasOver)
{
    SetUpHosts();
    ike.SetLifetimes(Seconds(3600), Seconds(3960), Seconds(10));
    Connect(IkeHelper::TransportChild());
    UdpSink sink;
    OpenSink(&sink, net.B(), 9000);
    SendUdpFlow(net.A(), net.AddrB(), 9000, 300, Seconds(2), MilliSeconds(10), 2300);
    Simulator::Stop(Seconds(26));
    Simulator::Run();
    // two RFC 7296 2.18 rekeys: each makes a new IKE SA and ends the old one as REKEYED
    EXPECT_EQ(logA.CountState(Ikev2IkeSaState::ESTABLISHED), 3u);
    EXPECT_EQ(logB.CountState(Ikev2IkeSaState::ESTABLISHED), 3u);
    EXPECT_EQ(logA.CountState(Ikev2IkeSaState::REKEYED), 2u);
    size_t endedRekeyed = 0;
    for (const auto& e : logB.ikeSa)
    {
        endedRekeyed += e.state == Ikev2IkeSaState::DEAD && e.reason == Ikev2EndReason::REKEYED;
    }
    EXPECT_EQ(endedRekeyed, 2u);
    EXPECT_TRUE(logA.SentContains("CREATE_CHILD_SA request 2 [ SK{ SA Nonce KE } ]"))
        << logA.sent.size();
    // the Child SA was not renegotiated: same pair, no loss
    EXPECT_EQ(logA.CountChild(Ikev2ChildEventType::INSTALLED), 1u);
    EXPECT_EQ(logA.CountChild(Ikev2ChildEventType::DELETED), 0u);
    EXPECT_EQ(SadSize(net.A()), 2u);
    EXPECT_EQ(sink.sizes.size(), 2300u);
    const auto sas = ike.GetDaemon(net.A())->GetIkeSas();
    ASSERT_EQ(sas.size(), 1u);
    EXPECT_EQ(sas[0]->state, Ikev2IkeSaState::ESTABLISHED);
    EXPECT_EQ(sas[0]->children.size(), 1u);
    EXPECT_NE(sas[0]->spiI, logA.sent[0].spiI);
}

TEST_F(Ikev2DaemonTest, ReauthenticationLosesNothing)
{
    SetUpHosts();
    ike.SetLifetimes(Seconds(7), Seconds(8), Seconds(12));
    ike.SetReauthenticate(true);
    Connect(IkeHelper::TransportChild());
    UdpSink sink;
    OpenSink(&sink, net.B(), 9000);
    SendUdpFlow(net.A(), net.AddrB(), 9000, 300, Seconds(2), MilliSeconds(5), 5600);
    Simulator::Stop(Seconds(31));
    Simulator::Run();
    // RFC 7296 2.8.3: new IKE_SA_INIT + IKE_AUTH, then the old IKE SA is deleted
    EXPECT_GE(logA.CountState(Ikev2IkeSaState::ESTABLISHED), 2u);
    size_t initRequests = 0;
    for (const auto& e : logA.sent)
    {
        initRequests += e.exchange == Ikev2ExchangeType::IKE_SA_INIT && !e.response;
    }
    EXPECT_GE(initRequests, 2u);
    EXPECT_EQ(sink.sizes.size(), 5600u);
    size_t current = 0; // an old IKE SA may still wait for its Delete (REKEYED)
    for (const auto& sa : ike.GetDaemon(net.A())->GetIkeSas())
    {
        current += sa->state == Ikev2IkeSaState::ESTABLISHED;
    }
    EXPECT_EQ(current, 1u);
}

TEST_F(Ikev2DaemonTest, SimultaneousIkeRekeyEndsWithOneIkeSa)
{
    SetUpHosts();
    Connect(IkeHelper::TransportChild());
    Simulator::Schedule(Seconds(3), [this]() {
        EXPECT_TRUE(ike.GetDaemon(net.A())->RekeyIkeSa(0));
        EXPECT_TRUE(ike.GetDaemon(net.B())->RekeyIkeSa(0));
    });
    UdpSink sink;
    OpenSink(&sink, net.B(), 9000);
    SendUdpFlow(net.A(), net.AddrB(), 9000, 300, Seconds(2), MilliSeconds(10), 1000);
    Simulator::Stop(Seconds(15));
    Simulator::Run();
    // the crossing requests both get TEMPORARY_FAILURE (RFC 7296 2.25); the retries, a random
    // 1-5 s later, do not cross again
    EXPECT_TRUE(logA.SentContains("N(TEMPORARY_FAILURE)"));
    EXPECT_TRUE(logB.SentContains("N(TEMPORARY_FAILURE)"));
    EXPECT_EQ(logA.CountState(Ikev2IkeSaState::ESTABLISHED), 2u);
    EXPECT_EQ(logB.CountState(Ikev2IkeSaState::ESTABLISHED), 2u);
    ASSERT_EQ(ike.GetDaemon(net.A())->GetIkeSas().size(), 1u);
    ASSERT_EQ(ike.GetDaemon(net.B())->GetIkeSas().size(), 1u);
    EXPECT_EQ(ike.GetDaemon(net.A())->GetIkeSas()[0]->spiI,
              ike.GetDaemon(net.B())->GetIkeSas()[0]->spiI);
    EXPECT_EQ(ike.GetDaemon(net.A())->GetIkeSas()[0]->children.size(), 1u);
    EXPECT_EQ(sink.sizes.size(), 1000u);
}

TEST_F(Ikev2DaemonTest, SimultaneousRekeyEndsWithExactlyOnePair)
{
    SetUpHosts();
    Connect(IkeHelper::TransportChild());
    Simulator::Schedule(Seconds(3), [this]() {
        ASSERT_EQ(logA.childSa.size(), 1u);
        ASSERT_EQ(logB.childSa.size(), 1u);
        EXPECT_TRUE(ike.GetDaemon(net.A())->RekeyChild(logA.childSa[0].inboundSpi));
        EXPECT_TRUE(ike.GetDaemon(net.B())->RekeyChild(logB.childSa[0].inboundSpi));
    });
    UdpSink sink;
    OpenSink(&sink, net.B(), 9000);
    SendUdpFlow(net.A(), net.AddrB(), 9000, 300, Seconds(2), MilliSeconds(5), 600);
    Simulator::Stop(Seconds(10));
    Simulator::Run();
    // both exchanges complete, so each side installs two new pairs ...
    EXPECT_EQ(logA.CountChild(Ikev2ChildEventType::REKEYED), 2u);
    EXPECT_EQ(logB.CountChild(Ikev2ChildEventType::REKEYED), 2u);
    // ... and RFC 7296 2.8.1 deletes the redundant one and the old one
    EXPECT_EQ(logA.CountChild(Ikev2ChildEventType::DELETED), 2u);
    EXPECT_EQ(logB.CountChild(Ikev2ChildEventType::DELETED), 2u);
    EXPECT_EQ(SadSize(net.A()), 2u);
    EXPECT_EQ(SadSize(net.B()), 2u);
    EXPECT_EQ(SadSpis(net.A()), SadSpis(net.B()));
    EXPECT_EQ(sink.sizes.size(), 600u);
}

TEST_F(Ikev2DaemonTest, DeadPeerDetectionRemovesTheSas)
{
    SetUpHosts();
    ike.SetDpdDelay(Seconds(5));
    Connect(IkeHelper::TransportChild());
    Simulator::Schedule(Seconds(3), [this]() {
        auto gone = CreateObject<RateErrorModel>();
        gone->SetAttribute("ErrorRate", DoubleValue(1.0));
        gone->SetAttribute("ErrorUnit", StringValue("ERROR_UNIT_PACKET"));
        net.devices.Get(1)->SetAttribute("ReceiveErrorModel", PointerValue(gone));
    });
    Simulator::Stop(Seconds(300));
    Simulator::Run();
    EXPECT_TRUE(logA.SentContains("INFORMATIONAL request"));
    EXPECT_EQ(logA.LastEndReason(), Ikev2EndReason::DEAD_PEER);
    EXPECT_EQ(SadSize(net.A()), 0u);
}

TEST_F(Ikev2DaemonTest, CookieChallengeIsAnsweredAndTheSaComesUp)
{
    ike.SetDaemonAttribute("CookieThreshold", UintegerValue(0));
    SetUpHosts();
    Connect(IkeHelper::TransportChild());
    Simulator::Stop(Seconds(5));
    Simulator::Run();
    EXPECT_TRUE(logB.SentContains("N(COOKIE)"));
    ASSERT_GE(logA.sent.size(), 2u);
    EXPECT_NE(logA.sent[1].summary.find("N(COOKIE)"), std::string::npos) << logA.sent[1].summary;
    EXPECT_EQ(logA.CountState(Ikev2IkeSaState::ESTABLISHED), 1u);
}

TEST_F(Ikev2DaemonTest, CookiesKeepHalfOpenSasBoundedUnderAFlood)
{
    ike.SetDaemonAttribute("CookieThreshold", UintegerValue(5));
    SetUpHosts();
    Connect(IkeHelper::TransportChild(), Seconds(8));
    // 50 well-formed IKE_SA_INIT requests with fresh SPIs from a source that never answers a
    // COOKIE (UDP port 5000, where nothing listens)
    Ptr<RandomSource> rng = CreateObject<RandomSource>();
    rng->AssignStreams(77);
    IkeProposalConfig proposal;
    std::string error;
    ASSERT_TRUE(IkeProposalConfig::Parse("aes128gcm16-prfsha256-x25519", &proposal, &error));
    uint32_t maxHalfOpen = 0;
    for (uint32_t i = 0; i < 50; ++i)
    {
        Ikev2Message msg;
        msg.GetHeader().initiatorSpi = 0x1000 + i;
        msg.GetHeader().exchangeType = static_cast<uint8_t>(Ikev2ExchangeType::IKE_SA_INIT);
        msg.GetHeader().flags = Ikev2Header::FLAG_INITIATOR;
        auto sa = std::make_unique<Ikev2SaPayload>();
        sa->AddProposal(proposal.ToWire(1, {}));
        msg.AddPayload(std::move(sa));
        auto dh = KeyExchange::Create(DhGroupId::CURVE25519, *rng);
        msg.AddPayload(std::make_unique<Ikev2KePayload>(31, dh->GetPublicValue()));
        msg.AddPayload(std::make_unique<Ikev2NoncePayload>(rng->Generate(32)));
        const Bytes octets = msg.Serialize();
        SendUdpBytesAt(net.A(), net.AddrB(), 500, octets, Seconds(1) + MilliSeconds(50 * i), 5000);
        Simulator::Schedule(Seconds(1) + MilliSeconds(50 * i + 25), [&]() {
            maxHalfOpen = std::max(maxHalfOpen, ike.GetDaemon(net.B())->GetHalfOpenCount());
        });
    }
    Simulator::Stop(Seconds(12));
    Simulator::Run();
    EXPECT_EQ(maxHalfOpen, 5u);       // RFC 7296 2.6: past the threshold no state is created
    EXPECT_GE(logB.sent.size(), 45u); // COOKIE answers (and the genuine exchange)
    EXPECT_TRUE(logB.SentContains("N(COOKIE)"));
    // the genuine initiator answers the COOKIE and gets through
    EXPECT_EQ(logA.CountState(Ikev2IkeSaState::ESTABLISHED), 1u);
}

TEST_F(Ikev2DaemonTest, ForcedEncapsulationPutsEspInUdp4500BothWays)
{
    SetUpHosts();
    ike.SetForceEncapsulation(true);
    Connect(IkeHelper::TransportChild());
    Ipv4TxLog txA;
    Ipv4TxLog txB;
    net.A()->GetObject<Ipv4L3Protocol>()->TraceConnectWithoutContext(
        "Tx",
        MakeCallback(&Ipv4TxLog::Tx, &txA));
    net.B()->GetObject<Ipv4L3Protocol>()->TraceConnectWithoutContext(
        "Tx",
        MakeCallback(&Ipv4TxLog::Tx, &txB));
    UdpSink sink;
    OpenSink(&sink, net.B(), 9000);
    UdpSink back;
    OpenSink(&back, net.A(), 9001);
    SendUdpFlow(net.A(), net.AddrB(), 9000, 300, Seconds(2), MilliSeconds(10), 20);
    SendUdpFlow(net.B(), net.AddrA(), 9001, 300, Seconds(2), MilliSeconds(10), 20);
    Simulator::Stop(Seconds(4));
    Simulator::Run();
    EXPECT_EQ(sink.sizes.size(), 20u);
    EXPECT_EQ(back.sizes.size(), 20u);
    EXPECT_EQ(txA.Count(50), 0u); // no bare ESP
    EXPECT_EQ(txB.Count(50), 0u);
    EXPECT_TRUE(logA.SentContains("IKE_AUTH request"));
    for (const auto& sa : net.A()->GetObject<IpsecStack>()->GetSad()->GetAll())
    {
        EXPECT_TRUE(sa->GetParams().udpEncap);
        EXPECT_EQ(sa->GetParams().encapDstPort, 4500);
    }
}

TEST_F(Ikev2DaemonTest, NatKeepalivesFollowForcedEncapsulation)
{
    SetUpHosts();
    ike.SetForceEncapsulation(true);
    Connect(IkeHelper::TransportChild());
    Simulator::Stop(Seconds(50));
    Simulator::Run();
    // RFC 3948 2.3 keepalives every 20 s from the side that is (pretends to be) behind a NAT
    EXPECT_EQ(net.B()->GetObject<IpsecStack>()->GetNatKeepaliveCount(), 2u);
    EXPECT_EQ(net.A()->GetObject<IpsecStack>()->GetNatKeepaliveCount(), 0u);
}

TEST_F(Ikev2DaemonTest, CertificatesOverASmallMtuAreFragmented)
{
    ike.SetDaemonAttribute("FragmentMtu", UintegerValue(576));
    SetUpHosts();
    Ptr<CertificateAuthority> ca = MakeTestRoot(KeyType::RSA, "Test Root", MakeRandomSource(10));
    ike.SetCertificates(ca, KeyType::RSA, AuthMethod::RSA_SIG);
    Connect(IkeHelper::TransportChild());
    Simulator::Stop(Seconds(5));
    Simulator::Run();
    EXPECT_EQ(logA.CountState(Ikev2IkeSaState::ESTABLISHED), 1u);
    EXPECT_EQ(logB.CountState(Ikev2IkeSaState::ESTABLISHED), 1u);
    EXPECT_TRUE(logA.SentContains("N(IKEV2_FRAGMENTATION_SUPPORTED)"));
    ASSERT_GE(logA.sent.size(), 2u);
    EXPECT_GE(logA.sent[1].fragments, 2u); // RFC 7383: IKE_AUTH with an RSA certificate
    EXPECT_LE(logA.sent[1].size, logA.sent[1].fragments * (576u - 28u));
    EXPECT_EQ(logA.CountChild(Ikev2ChildEventType::INSTALLED), 1u);
}

/// The AUTH methods of RFC 7296 3.8 and RFC 7427 with certificates from the simulated CA.
struct AuthCase
{
    const char* name;
    KeyType key;
    AuthMethod method;
    SignatureScheme scheme;
};

class Ikev2AuthMethodTest : public Ikev2DaemonTest, public ::testing::WithParamInterface<AuthCase>
{
};

TEST_P(Ikev2AuthMethodTest, EstablishesWithCertificates)
{
    SetUpHosts();
    Ptr<CertificateAuthority> ca =
        MakeTestRoot(KeyType::ECDSA_P256, "Test Root", MakeRandomSource(10));
    ike.SetCertificates(ca, GetParam().key, GetParam().method, GetParam().scheme);
    Connect(IkeHelper::TransportChild());
    Simulator::Stop(Seconds(5));
    Simulator::Run();
    EXPECT_EQ(logA.CountState(Ikev2IkeSaState::ESTABLISHED), 1u);
    EXPECT_EQ(logB.CountState(Ikev2IkeSaState::ESTABLISHED), 1u);
    EXPECT_EQ(logB.CountChild(Ikev2ChildEventType::INSTALLED), 1u);
}

INSTANTIATE_TEST_SUITE_P(
    Methods,
    Ikev2AuthMethodTest,
    ::testing::Values(
        AuthCase{"RsaPkcs1", KeyType::RSA, AuthMethod::RSA_SIG, SignatureScheme::RSA_PKCS1_SHA1},
        AuthCase{"EcdsaP256",
                 KeyType::ECDSA_P256,
                 AuthMethod::ECDSA_SHA256_P256,
                 SignatureScheme::ECDSA_SHA256},
        AuthCase{"EcdsaP384",
                 KeyType::ECDSA_P384,
                 AuthMethod::ECDSA_SHA384_P384,
                 SignatureScheme::ECDSA_SHA384},
        AuthCase{"Rfc7427RsaPss",
                 KeyType::RSA,
                 AuthMethod::DIGITAL_SIGNATURE,
                 SignatureScheme::RSA_PSS_SHA256},
        AuthCase{"Rfc7427Ecdsa",
                 KeyType::ECDSA_P256,
                 AuthMethod::DIGITAL_SIGNATURE,
                 SignatureScheme::ECDSA_SHA256},
        AuthCase{"Rfc7427Ed25519",
                 KeyType::ED25519,
                 AuthMethod::DIGITAL_SIGNATURE,
                 SignatureScheme::ED25519}),
    [](const ::testing::TestParamInfo<AuthCase>& info) { return std::string(info.param.name); });

/// A certificate for @p address from @p ca, as the daemon's local authentication.
Ikev2AuthConfig
IssueCertificate(Ptr<CertificateAuthority> ca, Ipv4Address address, Ptr<RandomSource> rng)
{
    CertificateRequest request;
    request.subject = "C=DE, O=ns-3, CN=host";
    request.subjectAltNames.push_back(SubjectAltName::Ip(address));
    request.notBefore = Seconds(0);
    request.notAfter = Days(30);
    Ikev2AuthConfig auth;
    auth.method = AuthMethod::DIGITAL_SIGNATURE;
    auth.scheme = SignatureScheme::ECDSA_SHA256;
    NS_ABORT_UNLESS(
        ca->IssueWithNewKey(request, KeyType::ECDSA_P256, *rng, auth.key, auth.certificate) ==
        CryptoStatus::OK);
    return auth;
}

TEST_F(Ikev2DaemonTest, UntrustedCertificateIsAuthenticationFailed)
{
    SetUpHosts();
    Ptr<RandomSource> rng = MakeRandomSource(10);
    Ptr<CertificateAuthority> ca = MakeTestRoot(KeyType::ECDSA_P256, "Root", rng);
    Ptr<CertificateAuthority> other = MakeTestRoot(KeyType::ECDSA_P256, "Other Root", rng);
    Ikev2PeerConfig a = PskPeer(net.AddrA(),
                                net.AddrB(),
                                "k",
                                "aes128-sha256-modp2048",
                                "aes128gcm16",
                                Ikev2StartAction::START);
    Ikev2PeerConfig b = PskPeer(net.AddrB(),
                                net.AddrA(),
                                "k",
                                "aes128-sha256-modp2048",
                                "aes128gcm16",
                                Ikev2StartAction::NONE);
    a.localAuth = IssueCertificate(ca, net.AddrA(), rng);
    b.localAuth = IssueCertificate(ca, net.AddrB(), rng);
    a.remoteAuth = b.remoteAuth = AuthMethod::DIGITAL_SIGNATURE;
    a.trust = Create<CertificateValidator>();
    a.trust->AddTrustAnchor(ca->GetCertificate());
    // the responder trusts another root than the one that issued the initiator's certificate
    b.trust = Create<CertificateValidator>();
    b.trust->AddTrustAnchor(other->GetCertificate());
    std::string error;
    ASSERT_GE(ike.GetDaemon(net.A())->AddPeer(a, &error), 0) << error;
    ASSERT_GE(ike.GetDaemon(net.B())->AddPeer(b, &error), 0) << error;
    logA.Attach(ike.GetDaemon(net.A()));
    logB.Attach(ike.GetDaemon(net.B()));
    Simulator::Stop(Seconds(5));
    Simulator::Run();
    EXPECT_TRUE(logB.SentContains("N(AUTHENTICATION_FAILED)"));
    EXPECT_EQ(logA.LastEndReason(), Ikev2EndReason::AUTHENTICATION_FAILED);
    EXPECT_EQ(logB.LastEndReason(), Ikev2EndReason::AUTHENTICATION_FAILED);
}

TEST_F(Ikev2DaemonTest, TrapStartsOnTheFirstPacketAndQueuesIt)
{
    SetUpHosts();
    Ikev2ChildConfig child = IkeHelper::TransportChild();
    child.start = Ikev2StartAction::TRAP;
    Connect(child, Seconds(0));
    UdpSink sink;
    OpenSink(&sink, net.B(), 9000);
    SendUdpFlow(net.A(), net.AddrB(), 9000, 200, Seconds(3), MilliSeconds(1), 5);
    Simulator::Stop(Seconds(6));
    Simulator::Run();
    ASSERT_FALSE(logA.sent.empty());
    EXPECT_GE(logA.sent[0].spiI, 1u);
    EXPECT_EQ(logA.CountState(Ikev2IkeSaState::ESTABLISHED), 1u);
    // nothing was negotiated before the traffic: the IKE SA was started by the first packet
    ASSERT_FALSE(logA.ikeSaTimes.empty());
    EXPECT_EQ(logA.ikeSa.front().state, Ikev2IkeSaState::CONNECTING);
    EXPECT_EQ(logA.ikeSaTimes.front(), Seconds(3));
    EXPECT_EQ(sink.sizes.size(), 5u); // the packets that triggered it were queued, then sent
}

TEST_F(Ikev2DaemonTest, SeveralChildSasShareOneIkeSa)
{
    SetUpHosts();
    Ikev2PeerConfig a = PskPeer(net.AddrA(),
                                net.AddrB(),
                                "k",
                                "aes128-sha256-modp2048",
                                "aes128gcm16",
                                Ikev2StartAction::START);
    // two children: UDP to port 9000, and everything else (lower priority is not needed: the
    // selectors are disjoint by protocol)
    Ikev2ChildConfig udp = a.children[0];
    udp.name = "udp";
    udp.hostSelectors = false;
    udp.selector = IpsecSelector::Between(IpAddressRange::Host(net.AddrA()),
                                          IpAddressRange::Host(net.AddrB()));
    udp.selector.protocol = 17;
    Ikev2ChildConfig tcp = udp;
    tcp.name = "tcp";
    tcp.selector.protocol = 6;
    a.children = {udp, tcp};
    Ikev2PeerConfig b = PskPeer(net.AddrB(),
                                net.AddrA(),
                                "k",
                                "aes128-sha256-modp2048",
                                "aes128gcm16",
                                Ikev2StartAction::NONE);
    Ikev2ChildConfig udpB = udp;
    udpB.start = Ikev2StartAction::NONE;
    udpB.selector = MirrorSelector(udp.selector);
    Ikev2ChildConfig tcpB = tcp;
    tcpB.start = Ikev2StartAction::NONE;
    tcpB.selector = MirrorSelector(tcp.selector);
    b.children = {udpB, tcpB};
    std::string error;
    ASSERT_GE(ike.GetDaemon(net.A())->AddPeer(a, &error), 0) << error;
    ASSERT_GE(ike.GetDaemon(net.B())->AddPeer(b, &error), 0) << error;
    logA.Attach(ike.GetDaemon(net.A()));
    logB.Attach(ike.GetDaemon(net.B()));
    Simulator::Stop(Seconds(5));
    Simulator::Run();
    EXPECT_EQ(logA.CountState(Ikev2IkeSaState::ESTABLISHED), 1u);
    EXPECT_EQ(logA.CountChild(Ikev2ChildEventType::INSTALLED), 2u);
    EXPECT_EQ(logB.CountChild(Ikev2ChildEventType::INSTALLED), 2u);
    EXPECT_TRUE(logA.SentContains("CREATE_CHILD_SA request 2"));
    EXPECT_EQ(SadSize(net.A()), 4u);
    EXPECT_NE(logA.childSa[0].reqid, logA.childSa[1].reqid);
}

TEST_F(Ikev2DaemonTest, TerminateDeletesEverythingOnBothSides)
{
    SetUpHosts();
    Connect(IkeHelper::TransportChild());
    Simulator::Schedule(Seconds(3),
                        [this]() { EXPECT_TRUE(ike.GetDaemon(net.A())->Terminate(0)); });
    Simulator::Stop(Seconds(5));
    Simulator::Run();
    EXPECT_TRUE(logA.SentContains("INFORMATIONAL request 2 [ SK{ D } ]"));
    EXPECT_EQ(logA.LastEndReason(), Ikev2EndReason::DELETED_BY_US);
    EXPECT_EQ(logB.LastEndReason(), Ikev2EndReason::DELETED_BY_PEER);
    EXPECT_EQ(SadSize(net.A()), 0u);
    EXPECT_EQ(SadSize(net.B()), 0u);
    EXPECT_TRUE(ike.GetDaemon(net.A())->GetIkeSas().empty());
}

TEST_F(Ikev2DaemonTest, InvalidSpiNotifyRemovesTheUselessPair)
{
    SetUpHosts();
    Connect(IkeHelper::TransportChild());
    Ipv4TxLog txA;
    net.A()->GetObject<Ipv4L3Protocol>()->TraceConnectWithoutContext(
        "Tx",
        MakeCallback(&Ipv4TxLog::Tx, &txA));
    Simulator::Schedule(Seconds(3), [this]() {
        // the responder reports that A's outbound SPI is unknown to it (RFC 7296 3.10.1)
        auto sas = ike.GetDaemon(net.B())->GetIkeSas();
        ASSERT_EQ(sas.size(), 1u);
        Ptr<Ikev2IkeSa> sa = sas[0];
        Ikev2Message msg;
        msg.GetHeader().initiatorSpi = sa->spiI;
        msg.GetHeader().responderSpi = sa->spiR;
        msg.GetHeader().exchangeType = static_cast<uint8_t>(Ikev2ExchangeType::INFORMATIONAL);
        msg.GetHeader().messageId = 0;
        Bytes spi(4);
        const uint32_t value = sa->children.at(0).inboundSpi;
        spi = {uint8_t(value >> 24), uint8_t(value >> 16), uint8_t(value >> 8), uint8_t(value)};
        msg.AddEncryptedPayload(
            std::make_unique<Ikev2NotifyPayload>(Ikev2NotifyType::INVALID_SPI, spi));
        Bytes octets;
        ASSERT_EQ(sa->codec->Protect(msg, &octets), Ikev2SkStatus::OK);
        SendUdpBytesAt(net.B(), net.AddrA(), 500, octets, Seconds(0), 5000);
    });
    Simulator::Stop(Seconds(5));
    Simulator::Run();
    EXPECT_EQ(logA.CountChild(Ikev2ChildEventType::DELETED), 1u);
    EXPECT_EQ(SadSize(net.A()), 0u);
    EXPECT_EQ(logA.CountState(Ikev2IkeSaState::DEAD), 0u); // the IKE SA stays
    // RFC 7296 2.11: the (empty) response went back to the request's source port
    ASSERT_FALSE(logA.sent.empty());
    EXPECT_TRUE(logA.sent.back().response);
    EXPECT_EQ(logA.sent.back().exchange, Ikev2ExchangeType::INFORMATIONAL);
    ASSERT_FALSE(txA.entries.empty());
    uint8_t udp[28];
    txA.entries.back().packet->CopyData(udp, sizeof(udp));
    EXPECT_EQ(udp[9], 17);                     // UDP
    EXPECT_EQ((udp[22] << 8) | udp[23], 5000); // to the port the request came from
}

TEST_F(Ikev2DaemonTest, RekeyOfAnUnknownChildIsChildSaNotFound)
{
    SetUpHosts();
    Connect(IkeHelper::TransportChild());
    Simulator::Schedule(Seconds(3), [this]() {
        // the responder asks to rekey a Child SA that does not exist (RFC 7296 2.25)
        Ptr<Ikev2IkeSa> sa = ike.GetDaemon(net.B())->GetIkeSas().at(0);
        Ikev2Message msg;
        msg.GetHeader().initiatorSpi = sa->spiI;
        msg.GetHeader().responderSpi = sa->spiR;
        msg.GetHeader().exchangeType = static_cast<uint8_t>(Ikev2ExchangeType::CREATE_CHILD_SA);
        msg.GetHeader().messageId = 0;
        msg.AddEncryptedPayload(
            std::make_unique<Ikev2NotifyPayload>(Ikev2NotifyType::REKEY_SA,
                                                 Bytes{},
                                                 Ikev2ProtocolId::ESP,
                                                 Bytes{0x12, 0x34, 0x56, 0x78}));
        ChildProposalConfig proposal;
        std::string error;
        ASSERT_TRUE(ChildProposalConfig::Parse("aes128gcm16", &proposal, &error));
        auto saPayload = std::make_unique<Ikev2SaPayload>();
        saPayload->AddProposal(proposal.ToWire(1, Bytes{0xca, 0xfe, 0x00, 0x01}));
        msg.AddEncryptedPayload(std::move(saPayload));
        msg.AddEncryptedPayload(std::make_unique<Ikev2NoncePayload>(Bytes(32, 7)));
        Bytes octets;
        ASSERT_EQ(sa->codec->Protect(msg, &octets), Ikev2SkStatus::OK);
        SendUdpBytesAt(net.B(), net.AddrA(), 500, octets, Seconds(0), 5000);
    });
    Simulator::Stop(Seconds(5));
    Simulator::Run();
    EXPECT_TRUE(logA.SentContains("N(CHILD_SA_NOT_FOUND)"));
    EXPECT_EQ(SadSize(net.A()), 2u); // the real pair is untouched
}

TEST_F(Ikev2DaemonTest, GatewayServesManySpokes)
{
    // a star: one gateway daemon with one connection per spoke
    const uint32_t spokes = 20;
    NodeContainer hub;
    hub.Create(1);
    NodeContainer leaves;
    leaves.Create(spokes);
    InternetStackHelper internet;
    internet.Install(hub);
    internet.Install(leaves);
    PointToPointHelper link;
    link.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
    link.SetChannelAttribute("Delay", StringValue("1ms"));
    Ipv4AddressHelper address("10.100.0.0", "255.255.255.252");
    std::vector<std::pair<Ipv4Address, Ipv4Address>> ends;
    for (uint32_t i = 0; i < spokes; ++i)
    {
        const NetDeviceContainer devices = link.Install(hub.Get(0), leaves.Get(i));
        const Ipv4InterfaceContainer ifs = address.Assign(devices);
        address.NewNetwork();
        ends.emplace_back(ifs.GetAddress(0), ifs.GetAddress(1));
    }
    ike.Install(hub);
    ike.Install(leaves);
    ike.AssignStreams(hub, 100);
    ike.AssignStreams(leaves, 200);
    std::string error;
    for (uint32_t i = 0; i < spokes; ++i)
    {
        ASSERT_TRUE(ike.Connect(leaves.Get(i),
                                ends[i].second,
                                hub.Get(0),
                                ends[i].first,
                                IkeHelper::TransportChild(),
                                Seconds(1),
                                &error))
            << error;
    }
    DaemonLog hubLog;
    hubLog.Attach(ike.GetDaemon(hub.Get(0)));
    Simulator::Stop(Seconds(5));
    Simulator::Run();
    EXPECT_EQ(hubLog.CountState(Ikev2IkeSaState::ESTABLISHED), spokes);
    EXPECT_EQ(hubLog.CountChild(Ikev2ChildEventType::INSTALLED), spokes);
    EXPECT_EQ(SadSize(hub.Get(0)), 2 * spokes);
    EXPECT_EQ(ike.GetDaemon(hub.Get(0))->GetHalfOpenCount(), 0u);
}

TEST_F(Ikev2DaemonTest, Ipv6HostsNegotiateOverIpv6)
{
    NodeContainer nodes;
    nodes.Create(2);
    PointToPointHelper link;
    link.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
    link.SetChannelAttribute("Delay", StringValue("1ms"));
    const NetDeviceContainer devices = link.Install(nodes);
    InternetStackHelper internet;
    internet.SetIpv4StackInstall(false);
    internet.Install(nodes);
    Ipv6AddressHelper address;
    address.SetBase(Ipv6Address("2001:db8:1::"), Ipv6Prefix(64));
    const Ipv6InterfaceContainer ifs = address.Assign(devices);
    const Ipv6Address a = ifs.GetAddress(0, 1);
    const Ipv6Address b = ifs.GetAddress(1, 1);
    ike.Install(nodes);
    ike.AssignStreams(nodes, 100);
    std::string error;
    ASSERT_TRUE(ike.Connect(nodes.Get(0),
                            a,
                            nodes.Get(1),
                            b,
                            IkeHelper::TransportChild(),
                            Seconds(3),
                            &error))
        << error;
    logA.Attach(ike.GetDaemon(nodes.Get(0)));
    logB.Attach(ike.GetDaemon(nodes.Get(1)));
    uint32_t received = 0;
    Ptr<Socket> sink = Socket::CreateSocket(nodes.Get(1), UdpSocketFactory::GetTypeId());
    sink->Bind(Inet6SocketAddress(Ipv6Address::GetAny(), 9000));
    sink->SetRecvCallback([&received](Ptr<Socket> s) {
        while (s->Recv())
        {
            ++received;
        }
    });
    Ptr<Socket> source = Socket::CreateSocket(nodes.Get(0), UdpSocketFactory::GetTypeId());
    source->Bind6();
    for (uint32_t i = 0; i < 10; ++i)
    {
        Simulator::Schedule(Seconds(5) + MilliSeconds(10 * i), [source, b]() {
            source->SendTo(Create<Packet>(100), 0, Inet6SocketAddress(b, 9000));
        });
    }
    Simulator::Stop(Seconds(7));
    Simulator::Run();
    EXPECT_EQ(logA.CountState(Ikev2IkeSaState::ESTABLISHED), 1u);
    EXPECT_EQ(logB.CountChild(Ikev2ChildEventType::INSTALLED), 1u);
    EXPECT_EQ(received, 10u);
    for (const auto& sa : nodes.Get(0)->GetObject<IpsecStack>()->GetSad()->GetAll())
    {
        EXPECT_TRUE(sa->GetParams().dst.IsIpv6());
    }
}

/// One run of the PSK scenario: every message the initiator sent, as octet counts and SPIs.
std::string
RunOnce(uint32_t run)
{
    RngSeedManager::SetSeed(1);
    RngSeedManager::SetRun(run);
    TwoHosts net;
    BuildTwoHosts(&net);
    IkeHelper ike;
    ike.Install(net.nodes);
    ike.AssignStreams(net.nodes, 100);
    std::string error;
    NS_ABORT_UNLESS(ike.Connect(net.A(),
                                net.AddrA(),
                                net.B(),
                                net.AddrB(),
                                IkeHelper::TransportChild(),
                                Seconds(1),
                                &error));
    DaemonLog log;
    log.Attach(ike.GetDaemon(net.A()));
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    std::ostringstream out;
    for (const auto& e : log.sent)
    {
        out << std::hex << e.spiI << ' ' << e.spiR << ' ' << e.size << ' ' << e.summary << '\n';
    }
    for (uint32_t spi : SadSpis(net.A()))
    {
        out << spi << '\n';
    }
    Simulator::Destroy();
    return out.str();
}

TEST_F(Ikev2DaemonTest, SameSeedSameMessages)
{
    const std::string first = RunOnce(1);
    EXPECT_EQ(first, RunOnce(1));
    EXPECT_NE(first, RunOnce(2)); // and another run draws other SPIs and nonces
}

} // namespace
} // namespace ns3
