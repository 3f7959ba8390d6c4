/* SPDX-License-Identifier: GPL-2.0-only */

// Host-to-host IPsec over a simulated link: transport mode, policies, replay, MTU, RFC 3948.

#include "ipsec-test-network.h"
#include "simulation-test.h"

#include "ns3/bulk-send-helper.h"
#include "ns3/packet-sink-helper.h"
#include "ns3/packet-sink.h"
#include "ns3/point-to-point-net-device.h"
#include "ns3/security-association-database.h"
#include "ns3/security-policy.h"

#include <gtest/gtest.h>

namespace ns3
{
namespace
{

using namespace ipsectest;

class IpsecTransportTest : public SimulationTest
{
  protected:
    void SetUp() override
    {
        SimulationTest::SetUp();
        BuildTwoHosts(&net);
    }

    void Protect(IpsecHelper* ipsec)
    {
        ipsec->Install(net.nodes);
        ipsec->AssignStreams(net.nodes, 10);
        std::string error;
        ASSERT_TRUE(ipsec->ProtectTransport(net.A(), net.AddrA(), net.B(), net.AddrB(), 0, &error))
            << error;
    }

    TwoHosts net;
};

// Both directions arrive, nothing leaves either host in plaintext, and the ESP layout adds
// exactly what RFC 4303 2 + RFC 4106 say: SPI 4, sequence 4, IV 8, pad to 4 with pad length
// and next header, ICV 16.
TEST_F(IpsecTransportTest, BothDirectionsEspGcm)
{
    IpsecHelper ipsec;
    Protect(&ipsec);
    UdpSink sinkA;
    UdpSink sinkB;
    OpenSink(&sinkA, net.A(), 7000);
    OpenSink(&sinkB, net.B(), 7000);
    Ipv4TxLog txA;
    Ipv4TxLog txB;
    LogTx(&txA, net.A());
    LogTx(&txB, net.B());
    IpsecEvents evA;
    WatchIpsec(&evA, net.A());
    for (int i = 0; i < 5; ++i)
    {
        SendUdpAt(net.A(), net.AddrB(), 7000, 100, Seconds(1 + 0.1 * i));
        SendUdpAt(net.B(), net.AddrA(), 7000, 200, Seconds(1.05 + 0.1 * i));
    }
    Simulator::Run();
    EXPECT_EQ(sinkB.sizes, std::vector<uint32_t>(5, 100));
    EXPECT_EQ(sinkA.sizes, std::vector<uint32_t>(5, 200));
    EXPECT_EQ(txA.entries.size(), 5u);
    EXPECT_EQ(txA.Count(50), 5u);
    EXPECT_EQ(txB.Count(50), 5u);
    EXPECT_EQ(txB.entries.size(), 5u);
    ASSERT_EQ(evA.protects.size(), 5u);
    // UDP 8 + 100 = 108, + 2 trailer = 110, padded to 112; ESP = 8 + 8 + 112 + 16 = 144.
    EXPECT_EQ(evA.protects[0].first, 20u + 108u);
    EXPECT_EQ(evA.protects[0].second, 20u + 144u);
    // The ESP header carries the SPI the receiver allocated and sequence numbers 1, 2, ...
    uint8_t esp[8];
    Ipv4Header h;
    Ptr<Packet> first = txA.entries[0].packet->Copy();
    first->RemoveHeader(h);
    first->CopyData(esp, 8);
    const uint32_t spi = (uint32_t(esp[0]) << 24) | (esp[1] << 16) | (esp[2] << 8) | esp[3];
    EXPECT_TRUE(net.B()->GetObject<IpsecStack>()->GetSad()->Lookup(spi,
                                                                   IpAddress(net.AddrB()),
                                                                   IpsecProtocol::ESP));
    Ptr<Packet> second = txA.entries[1].packet->Copy();
    second->RemoveHeader(h);
    second->CopyData(esp, 8);
    EXPECT_EQ(esp[7], 2);
    EXPECT_EQ(net.A()->GetObject<IpsecStack>()->GetUnprotectedCount(), 5u);
    EXPECT_TRUE(evA.drops.empty());
}

TEST_F(IpsecTransportTest, BothDirectionsAhHmacSha256)
{
    IpsecHelper ipsec;
    ipsec.SetAhTransform(IntegId::HMAC_SHA2_256_128);
    Protect(&ipsec);
    UdpSink sinkA;
    UdpSink sinkB;
    OpenSink(&sinkA, net.A(), 7000);
    OpenSink(&sinkB, net.B(), 7000);
    Ipv4TxLog txA;
    LogTx(&txA, net.A());
    SendUdpAt(net.A(), net.AddrB(), 7000, 300, Seconds(1));
    SendUdpAt(net.B(), net.AddrA(), 7000, 301, Seconds(1.1));
    Simulator::Run();
    EXPECT_EQ(sinkB.sizes, std::vector<uint32_t>{300});
    EXPECT_EQ(sinkA.sizes, std::vector<uint32_t>{301});
    ASSERT_EQ(txA.entries.size(), 1u);
    EXPECT_EQ(txA.entries[0].header.GetProtocol(), 51);
    // RFC 4302 2: 12 octets + 16-octet ICV before the UDP header.
    EXPECT_EQ(txA.entries[0].header.GetPayloadSize(), 12u + 16u + 8u + 300u);
}

// A decrypted datagram goes up in the Packet that arrived, with the packet tags that came with
// it: a socket that asks for the IP header's fields must still get each exactly once (ns-3 adds
// them to every datagram), with the values the sender's socket set (RFC 4301 5.1.2: in transport
// mode the one header carries the socket's TTL and TOS).
void
ExpectEachHeaderFieldOnce(const TwoHosts& net)
{
    HeaderFieldSink sink;
    sink.Open(net.B(), 7000, false);
    for (int i = 0; i < 3; ++i)
    {
        SendMarkedUdpAt(net.A(),
                        InetSocketAddress(net.AddrB(), 7000),
                        100,
                        33,
                        0x28,
                        Seconds(1 + 0.1 * i));
    }
    Simulator::Run();
    ASSERT_EQ(sink.tags.size(), 3u);
    for (size_t i = 0; i < sink.tags.size(); ++i)
    {
        EXPECT_EQ(sink.ttl[i], 33);
        EXPECT_EQ(sink.tos[i], 0x28);
        EXPECT_EQ(sink.tags[i].count("ns3::SocketIpTtlTag"), 1u);
        EXPECT_EQ(sink.tags[i].count("ns3::SocketIpTosTag"), 1u);
        EXPECT_EQ(sink.tags[i].count("ns3::Ipv4PacketInfoTag"), 1u);
        for (const auto& [name, count] : sink.tags[i])
        {
            EXPECT_EQ(count, 1u) << name;
        }
    }
    EXPECT_EQ(net.B()->GetObject<IpsecStack>()->GetUnprotectedCount(), 3u);
}

TEST_F(IpsecTransportTest, EspSocketGetsEachHeaderFieldOnce)
{
    IpsecHelper ipsec;
    Protect(&ipsec);
    ExpectEachHeaderFieldOnce(net);
}

TEST_F(IpsecTransportTest, AhSocketGetsEachHeaderFieldOnce)
{
    IpsecHelper ipsec;
    ipsec.SetAhTransform(IntegId::HMAC_SHA2_256_128);
    Protect(&ipsec);
    ExpectEachHeaderFieldOnce(net);
}

// RFC 4301 5.2: plaintext that the inbound SPD says must arrive protected is dropped.
TEST_F(IpsecTransportTest, PlaintextWhereEspRequiredIsDropped)
{
    IpsecHelper ipsec;
    ipsec.Install(net.B());
    Ptr<SecurityPolicy> in = Create<SecurityPolicy>();
    in->direction = PolicyDirection::INBOUND;
    in->selector = IpsecSelector::Between(IpAddressRange::Host(net.AddrB()),
                                          IpAddressRange::Host(net.AddrA()));
    in->action = PolicyAction::PROTECT;
    in->sa.reqid = 7;
    std::string error;
    ASSERT_TRUE(ipsec.AddPolicy(net.B(), in, nullptr, &error)) << error;
    UdpSink sinkB;
    OpenSink(&sinkB, net.B(), 7000);
    IpsecEvents evB;
    WatchIpsec(&evB, net.B());
    SendUdpAt(net.A(), net.AddrB(), 7000, 100, Seconds(1));
    SendUdpAt(net.A(), net.AddrB(), 7000, 100, Seconds(2));
    Simulator::Run();
    EXPECT_TRUE(sinkB.sizes.empty());
    EXPECT_EQ(evB.CountDrops(IpsecDropReason::POLICY_VIOLATION), 2u);
    EXPECT_EQ(net.B()->GetObject<IpsecStack>()->GetDropCount(IpsecDropReason::POLICY_VIOLATION),
              2u);
}

// RFC 4301 4.3 bundle: AH outside ESP on every packet, peeled off in order at the receiver.
TEST_F(IpsecTransportTest, EspInsideAhBundle)
{
    IpsecHelper ipsec;
    ipsec.SetAhBundle(IntegId::HMAC_SHA2_256_128);
    Protect(&ipsec);
    UdpSink sinkB;
    OpenSink(&sinkB, net.B(), 7000);
    Ipv4TxLog txA;
    LogTx(&txA, net.A());
    SendUdpAt(net.A(), net.AddrB(), 7000, 100, Seconds(1));
    SendUdpAt(net.A(), net.AddrB(), 7000, 101, Seconds(1.1));
    Simulator::Run();
    EXPECT_EQ(sinkB.sizes, (std::vector<uint32_t>{100, 101}));
    ASSERT_EQ(txA.entries.size(), 2u);
    EXPECT_EQ(txA.entries[0].header.GetProtocol(), 51);
    Ptr<Packet> p = txA.entries[0].packet->Copy();
    Ipv4Header h;
    p->RemoveHeader(h);
    uint8_t ah[1];
    p->CopyData(ah, 1);
    EXPECT_EQ(ah[0], 50); // AH's next header: ESP
    // ESP for 100 octets is 144 (see BothDirectionsEspGcm); AH adds 12 + 16.
    EXPECT_EQ(h.GetPayloadSize(), 144u + 28u);
    EXPECT_EQ(net.B()->GetObject<IpsecStack>()->GetUnprotectedCount(), 4u); // AH + ESP, twice
}

// Policies ranked by priority: DISCARD port 9, BYPASS port 10, PROTECT everything else.
TEST_F(IpsecTransportTest, DiscardAndBypassPolicies)
{
    IpsecHelper ipsec;
    Protect(&ipsec); // PROTECT all A<->B at priority 100
    auto addPolicy = [&](Ptr<Node> node,
                         IpAddress local,
                         IpAddress remote,
                         PolicyDirection dir,
                         PolicyAction action,
                         uint16_t remotePort,
                         uint16_t localPort) {
        Ptr<SecurityPolicy> p = Create<SecurityPolicy>();
        p->priority = 10;
        p->direction = dir;
        p->selector =
            IpsecSelector::Between(IpAddressRange::Host(local), IpAddressRange::Host(remote));
        p->selector.protocol = 17;
        if (remotePort)
        {
            p->selector.remotePorts = PortRange::Single(remotePort);
        }
        if (localPort)
        {
            p->selector.localPorts = PortRange::Single(localPort);
        }
        p->action = action;
        std::string error;
        EXPECT_TRUE(ipsec.AddPolicy(node, p, nullptr, &error)) << error;
    };
    addPolicy(net.A(),
              net.AddrA(),
              net.AddrB(),
              PolicyDirection::OUTBOUND,
              PolicyAction::DISCARD,
              9,
              0);
    addPolicy(net.A(),
              net.AddrA(),
              net.AddrB(),
              PolicyDirection::OUTBOUND,
              PolicyAction::BYPASS,
              10,
              0);
    addPolicy(net.B(),
              net.AddrB(),
              net.AddrA(),
              PolicyDirection::INBOUND,
              PolicyAction::BYPASS,
              0,
              10);
    UdpSink sink9;
    UdpSink sink10;
    UdpSink sink11;
    OpenSink(&sink9, net.B(), 9);
    OpenSink(&sink10, net.B(), 10);
    OpenSink(&sink11, net.B(), 11);
    IpsecEvents evA;
    WatchIpsec(&evA, net.A());
    Ipv4TxLog txA;
    LogTx(&txA, net.A());
    SendUdpAt(net.A(), net.AddrB(), 9, 50, Seconds(1));
    SendUdpAt(net.A(), net.AddrB(), 10, 60, Seconds(1.1));
    SendUdpAt(net.A(), net.AddrB(), 11, 70, Seconds(1.2));
    Simulator::Run();
    EXPECT_TRUE(sink9.sizes.empty());
    EXPECT_EQ(sink10.sizes, std::vector<uint32_t>{60});
    EXPECT_EQ(sink11.sizes, std::vector<uint32_t>{70});
    EXPECT_EQ(evA.CountDrops(IpsecDropReason::DISCARD_POLICY), 1u);
    ASSERT_EQ(txA.entries.size(), 2u);
    EXPECT_EQ(txA.entries[0].header.GetProtocol(), 17); // bypassed in plaintext
    EXPECT_EQ(txA.entries[1].header.GetProtocol(), 50);
}

// The stack remembers the policy decisions of a flow (outbound per stack, inbound per SA);
// policies added mid-flow must still take effect from the next packet on.
TEST_F(IpsecTransportTest, PolicyChangesApplyMidFlow)
{
    IpsecHelper ipsec;
    Protect(&ipsec); // PROTECT all A<->B at priority 100
    auto policy = [&](Ptr<Node> node,
                      IpAddress local,
                      IpAddress remote,
                      PolicyDirection dir,
                      PolicyAction action) {
        Ptr<SecurityPolicy> p = Create<SecurityPolicy>();
        p->priority = 10;
        p->direction = dir;
        p->selector =
            IpsecSelector::Between(IpAddressRange::Host(local), IpAddressRange::Host(remote));
        p->action = action;
        std::string error;
        EXPECT_TRUE(ipsec.AddPolicy(node, p, nullptr, &error)) << error;
    };
    UdpSink sinkB;
    OpenSink(&sinkB, net.B(), 7000);
    Ipv4TxLog txA;
    LogTx(&txA, net.A());
    IpsecEvents evB;
    WatchIpsec(&evB, net.B());
    for (double t : {1.0, 1.1, 2.0, 3.0})
    {
        SendUdpAt(net.A(), net.AddrB(), 7000, 100, Seconds(t));
    }
    // B stops accepting the flow: the ESP packet at 2 s decrypts but its policy says DISCARD.
    Simulator::Schedule(Seconds(1.5), [&]() {
        policy(net.B(), net.AddrB(), net.AddrA(), PolicyDirection::INBOUND, PolicyAction::DISCARD);
    });
    // A stops protecting it: the packet at 3 s leaves in plaintext and B discards it.
    Simulator::Schedule(Seconds(2.5), [&]() {
        policy(net.A(), net.AddrA(), net.AddrB(), PolicyDirection::OUTBOUND, PolicyAction::BYPASS);
    });
    Simulator::Run();
    EXPECT_EQ(sinkB.sizes, std::vector<uint32_t>(2, 100));
    EXPECT_EQ(txA.Count(50), 3u);
    EXPECT_EQ(txA.Count(17), 1u);
    EXPECT_EQ(evB.CountDrops(IpsecDropReason::NO_POLICY_SA_MISMATCH), 1u);
    EXPECT_EQ(evB.CountDrops(IpsecDropReason::DISCARD_POLICY), 1u);
}

void
Resend(Ptr<NetDevice> from, Ptr<NetDevice> to, Ptr<Packet> ipPacket)
{
    from->Send(ipPacket->Copy(), to->GetAddress(), Ipv4L3Protocol::PROT_NUMBER);
}

// RFC 4303 3.4.3: a captured ESP packet sent again is dropped by the anti-replay window.
TEST_F(IpsecTransportTest, ReplayedPacketIsDropped)
{
    IpsecHelper ipsec;
    Protect(&ipsec);
    UdpSink sinkB;
    OpenSink(&sinkB, net.B(), 7000);
    Ipv4TxLog txA;
    LogTx(&txA, net.A());
    IpsecEvents evB;
    WatchIpsec(&evB, net.B());
    SendUdpAt(net.A(), net.AddrB(), 7000, 100, Seconds(1));
    SendUdpAt(net.A(), net.AddrB(), 7000, 100, Seconds(1.1));
    Simulator::Schedule(Seconds(2), [&]() {
        ASSERT_EQ(txA.entries.size(), 2u);
        Resend(net.devices.Get(0), net.devices.Get(1), txA.entries[0].packet);
        Resend(net.devices.Get(0), net.devices.Get(1), txA.entries[1].packet);
    });
    Simulator::Run();
    EXPECT_EQ(sinkB.sizes.size(), 2u);
    EXPECT_EQ(evB.CountDrops(IpsecDropReason::REPLAY_DUPLICATE), 2u);
}

// No PMTU ICMP for local packets in ns-3: DF + too big after ESP is dropped and traced;
// without DF, IPv4 fragments the ESP packet after encapsulation and B reassembles it.
TEST_F(IpsecTransportTest, DontFragmentTooBigDroppedOtherwiseFragmented)
{
    IpsecHelper ipsec;
    Protect(&ipsec);
    UdpSink sinkB;
    OpenSink(&sinkB, net.B(), 7000);
    Ipv4TxLog txA;
    LogTx(&txA, net.A());
    IpsecEvents evA;
    WatchIpsec(&evA, net.A());
    // 1460 + 8 + 20 = 1488 fits 1500 in plaintext, not with ESP (+36..39 and more).
    SendUdpAt(net.A(), net.AddrB(), 7000, 1460, Seconds(1), true);
    SendUdpAt(net.A(), net.AddrB(), 7000, 1460, Seconds(2), false);
    Simulator::Run();
    EXPECT_EQ(evA.CountDrops(IpsecDropReason::MTU_EXCEEDED_DF), 1u);
    EXPECT_EQ(sinkB.sizes, std::vector<uint32_t>{1460});
    ASSERT_EQ(txA.entries.size(), 2u); // two fragments of one ESP packet
    EXPECT_EQ(txA.entries[0].header.GetProtocol(), 50);
    EXPECT_FALSE(txA.entries[0].header.IsLastFragment());
    EXPECT_TRUE(txA.entries[1].header.IsLastFragment());
    EXPECT_EQ(txA.entries[1].header.GetFragmentOffset() > 0, true);
    EXPECT_EQ(txA.entries[0].header.GetIdentification(), txA.entries[1].header.GetIdentification());
}

// RFC 3948: ESP in UDP 4500, IKE with the non-ESP marker reaches its socket, keepalives are
// absorbed.
TEST_F(IpsecTransportTest, UdpEncapsulatedEsp)
{
    IpsecHelper ipsec;
    ipsec.SetUdpEncapsulation(true);
    Protect(&ipsec);
    UdpSink sinkB;
    OpenSink(&sinkB, net.B(), 7000);
    UdpSink ikeB;
    OpenSink(&ikeB, net.B(), 4500);
    Ipv4TxLog txA;
    LogTx(&txA, net.A());
    SendUdpAt(net.A(), net.AddrB(), 7000, 100, Seconds(1));
    SendUdpAt(net.A(), net.AddrB(), 7000, 101, Seconds(1.1));
    SendUdpBytesAt(net.A(), net.AddrB(), 4500, {0, 0, 0, 0, 0x11, 0x22}, Seconds(1.2), 4500);
    Simulator::Schedule(Seconds(1.3), [&]() {
        net.A()->GetObject<IpsecStack>()->SendNatKeepalive(net.AddrA(), 4500, net.AddrB(), 4500);
    });
    Simulator::Run();
    EXPECT_EQ(sinkB.sizes, (std::vector<uint32_t>{100, 101}));
    EXPECT_EQ(ikeB.sizes, std::vector<uint32_t>{6});
    EXPECT_EQ(net.B()->GetObject<IpsecStack>()->GetNatKeepaliveCount(), 1u);
    ASSERT_EQ(txA.entries.size(), 4u);
    for (const auto& e : txA.entries)
    {
        EXPECT_EQ(e.header.GetProtocol(), 17);
    }
    // UDP header then the SPI (not the zero marker).
    Ptr<Packet> p = txA.entries[0].packet->Copy();
    Ipv4Header h;
    p->RemoveHeader(h);
    uint8_t udp[12];
    p->CopyData(udp, sizeof(udp));
    EXPECT_EQ((udp[0] << 8) | udp[1], 4500);
    EXPECT_EQ((udp[2] << 8) | udp[3], 4500);
    EXPECT_EQ((udp[6] << 8) | udp[7], 0); // RFC 3948 2.1: checksum zero
    EXPECT_NE((udp[8] | udp[9] | udp[10] | udp[11]), 0);
}

// TCP (handshake, data, ACKs, FIN) runs over ESP in both directions.
TEST_F(IpsecTransportTest, TcpBulkTransfer)
{
    IpsecHelper ipsec;
    ipsec.SetEspTransform(EncrId::AES_CBC, 256, IntegId::HMAC_SHA2_256_128);
    Protect(&ipsec);
    PacketSinkHelper sinkHelper("ns3::TcpSocketFactory",
                                InetSocketAddress(Ipv4Address::GetAny(), 8080));
    ApplicationContainer sinkApp = sinkHelper.Install(net.B());
    BulkSendHelper bulk("ns3::TcpSocketFactory", InetSocketAddress(net.AddrB(), 8080));
    bulk.SetAttribute("MaxBytes", UintegerValue(100000));
    ApplicationContainer sender = bulk.Install(net.A());
    sender.Start(Seconds(1));
    Ipv4TxLog txA;
    Ipv4TxLog txB;
    LogTx(&txA, net.A());
    LogTx(&txB, net.B());
    Simulator::Stop(Seconds(10));
    Simulator::Run();
    EXPECT_EQ(DynamicCast<PacketSink>(sinkApp.Get(0))->GetTotalRx(), 100000u);
    EXPECT_GT(txA.entries.size(), 50u);
    EXPECT_EQ(txA.Count(50), txA.entries.size()); // data segments
    EXPECT_EQ(txB.Count(50), txB.entries.size()); // ACKs
    EXPECT_GT(txB.entries.size(), 10u);
}

TEST_F(IpsecTransportTest, InstallWithoutInternetStackNamesTheFix)
{
    Ptr<Node> bare = CreateObject<Node>();
    IpsecHelper ipsec;
    std::string error;
    EXPECT_FALSE(ipsec.TryInstall(bare, &error));
    EXPECT_NE(error.find("InternetStackHelper"), std::string::npos) << error;
    ASSERT_TRUE(ipsec.TryInstall(net.A(), &error)) << error;
    EXPECT_FALSE(ipsec.TryInstall(net.A(), &error));
    EXPECT_NE(error.find("already"), std::string::npos) << error;
}

} // namespace
} // namespace ns3
