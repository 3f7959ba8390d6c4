/* SPDX-License-Identifier: GPL-2.0-only */

// Gateway-to-gateway tunnel mode with hosts behind, checked on the wire by Wireshark.

#include "ipsec-test-network.h"
#include "simulation-test.h"

#include "ns3/error-model.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/pointer.h"
#include "ns3/rng-seed-manager.h"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <gtest/gtest.h>
#include <iterator>
#include <sstream>
#include <unistd.h>

namespace ns3
{
namespace
{

using namespace ipsectest;

/// Sets up the chain with an ESP tunnel between the gateways.
void
ProtectChain(Chain* net, IpsecHelper* ipsec)
{
    NodeContainer gateways(net->GwA(), net->GwB());
    ipsec->Install(gateways);
    ipsec->AssignStreams(gateways, 50);
    std::string error;
    ASSERT_TRUE(ipsec->ProtectTunnel(net->GwA(),
                                     net->wanIf.GetAddress(0),
                                     IpAddressRange::Prefix(Ipv4Address("10.1.1.0"), 24),
                                     net->GwB(),
                                     net->wanIf.GetAddress(1),
                                     IpAddressRange::Prefix(Ipv4Address("10.2.2.0"), 24),
                                     &error))
        << error;
}

class IpsecTunnelTest : public SimulationTest
{
};

TEST_F(IpsecTunnelTest, HostsBehindGatewaysBothDirections)
{
    Chain net;
    BuildChain(&net);
    IpsecHelper ipsec;
    ProtectChain(&net, &ipsec);
    UdpSink sinkA;
    UdpSink sinkB;
    OpenSink(&sinkA, net.HostA(), 5000);
    OpenSink(&sinkB, net.HostB(), 5000);
    Ipv4TxLog txGwA;
    LogTx(&txGwA, net.GwA());
    Ipv4TxLog rxHostB;
    LogTx(&rxHostB, net.GwB()); // what gwB sends on, decapsulated, to hostB
    IpsecEvents evA;
    WatchIpsec(&evA, net.GwA());
    for (int i = 0; i < 4; ++i)
    {
        SendUdpAt(net.HostA(), net.lanBIf.GetAddress(1), 5000, 500 + i, Seconds(1 + 0.1 * i));
        SendUdpAt(net.HostB(), net.lanAIf.GetAddress(0), 5000, 600 + i, Seconds(1 + 0.1 * i));
    }
    Simulator::Run();
    EXPECT_EQ(sinkB.sizes, (std::vector<uint32_t>{500, 501, 502, 503}));
    EXPECT_EQ(sinkA.sizes, (std::vector<uint32_t>{600, 601, 602, 603}));
    // Everything gwA sends on the WAN is ESP between the gateways' WAN addresses.
    uint32_t wanPackets = 0;
    for (const auto& e : txGwA.entries)
    {
        if (e.header.GetDestination() == net.wanIf.GetAddress(1))
        {
            ++wanPackets;
            EXPECT_EQ(e.header.GetProtocol(), 50);
            EXPECT_EQ(e.header.GetSource(), net.wanIf.GetAddress(0));
        }
    }
    EXPECT_EQ(wanPackets, 4u);
    // The forwarded inner packet left gwB with its TTL decremented twice (gwA, gwB).
    uint32_t inner = 0;
    for (const auto& e : rxHostB.entries)
    {
        if (e.header.GetDestination() == net.lanBIf.GetAddress(1))
        {
            ++inner;
            EXPECT_EQ(e.header.GetProtocol(), 17);
            EXPECT_EQ(e.header.GetTtl(), 62);
        }
    }
    EXPECT_EQ(inner, 4u);
    ASSERT_EQ(evA.protects.size(), 4u);
    // Tunnel: inner packet 20 + 8 + 500 = 528, + 2 = 530 -> 532; outer 20 + 8 + 8 + 532 + 16.
    EXPECT_EQ(evA.protects[0].first, 528u);
    EXPECT_EQ(evA.protects[0].second, 20u + 8u + 8u + 532u + 16u);
    EXPECT_TRUE(evA.drops.empty());
}

// Plaintext from the remote network arriving on the WAN (spoofed, not through the tunnel) is
// dropped by gwA's inbound check.
// The decapsulated packet goes back into IP in the Packet that arrived: the host behind the
// gateway sees one tag per header field, with the inner header's values: the TTL the sender's
// socket set, less one per forwarding gateway (RFC 4301 5.1.2.1), and its TOS.
TEST_F(IpsecTunnelTest, HostBehindGatewayGetsEachHeaderFieldOnce)
{
    Chain net;
    BuildChain(&net);
    IpsecHelper ipsec;
    ProtectChain(&net, &ipsec);
    HeaderFieldSink sink;
    sink.Open(net.HostB(), 5000, false);
    for (int i = 0; i < 3; ++i)
    {
        SendMarkedUdpAt(net.HostA(),
                        InetSocketAddress(net.lanBIf.GetAddress(1), 5000),
                        300,
                        33,
                        0x28,
                        Seconds(1 + 0.1 * i));
    }
    Simulator::Run();
    ASSERT_EQ(sink.tags.size(), 3u);
    for (size_t i = 0; i < sink.tags.size(); ++i)
    {
        EXPECT_EQ(sink.ttl[i], 31);
        EXPECT_EQ(sink.tos[i], 0x28);
        EXPECT_EQ(sink.tags[i].count("ns3::SocketIpTtlTag"), 1u);
        EXPECT_EQ(sink.tags[i].count("ns3::SocketIpTosTag"), 1u);
        EXPECT_EQ(sink.tags[i].count("ns3::Ipv4PacketInfoTag"), 1u);
        for (const auto& [name, count] : sink.tags[i])
        {
            EXPECT_EQ(count, 1u) << name;
        }
    }
    EXPECT_EQ(net.GwB()->GetObject<IpsecStack>()->GetUnprotectedCount(), 3u);
}

TEST_F(IpsecTunnelTest, SpoofedPlaintextFromRemoteNetworkDropped)
{
    Chain net;
    BuildChain(&net);
    IpsecHelper ipsec;
    ProtectChain(&net, &ipsec);
    // gwB sends from its LAN-B address to hostA, in plaintext: gwB's own traffic from
    // 10.2.2.1 matches its tunnel policy, so lift IPsec there with a BYPASS for this flow.
    Ptr<SecurityPolicy> bypass = Create<SecurityPolicy>();
    bypass->priority = 1;
    bypass->direction = PolicyDirection::OUTBOUND;
    bypass->selector = IpsecSelector::Between(IpAddressRange::Host(net.lanBIf.GetAddress(0)),
                                              IpAddressRange::Host(net.lanAIf.GetAddress(0)));
    bypass->action = PolicyAction::BYPASS;
    std::string error;
    ASSERT_TRUE(ipsec.AddPolicy(net.GwB(), bypass, nullptr, &error)) << error;
    UdpSink sinkA;
    OpenSink(&sinkA, net.HostA(), 5000);
    IpsecEvents evA;
    WatchIpsec(&evA, net.GwA());
    Simulator::Schedule(Seconds(1), [&]() {
        Ptr<Socket> s = Socket::CreateSocket(net.GwB(), UdpSocketFactory::GetTypeId());
        s->Bind(InetSocketAddress(net.lanBIf.GetAddress(0), 0));
        s->SendTo(Create<Packet>(10), 0, InetSocketAddress(net.lanAIf.GetAddress(0), 5000));
    });
    Simulator::Run();
    EXPECT_TRUE(sinkA.sizes.empty());
    EXPECT_EQ(evA.CountDrops(IpsecDropReason::POLICY_VIOLATION), 1u);
}

// RFC 4301 5.2 step 4: what comes out of a tunnel SA must match the SA's selectors. gwA is
// misconfigured to send 10.1.1.0/24 -> 10.9.9.0/24 into the 10.1.1.0/24 <-> 10.2.2.0/24 SA;
// gwB decrypts it and drops it.
TEST_F(IpsecTunnelTest, InnerPacketOutsideSaSelectorsDropped)
{
    Chain net;
    BuildChain(&net);
    IpsecHelper ipsec;
    ProtectChain(&net, &ipsec);
    Ptr<IpsecStack> gwA = net.GwA()->GetObject<IpsecStack>();
    Ptr<SecurityPolicy> wrong = Create<SecurityPolicy>();
    wrong->priority = 1;
    wrong->direction = PolicyDirection::OUTBOUND;
    wrong->selector = IpsecSelector::Between(IpAddressRange::Prefix(Ipv4Address("10.1.1.0"), 24),
                                             IpAddressRange::Prefix(Ipv4Address("10.9.9.0"), 24));
    wrong->action = PolicyAction::PROTECT;
    wrong->sa.mode = IpsecMode::TUNNEL;
    wrong->sa.reqid = gwA->GetMaxReqid(); // the tunnel's SAs
    std::string error;
    ASSERT_TRUE(ipsec.AddPolicy(net.GwA(), wrong, nullptr, &error)) << error;
    Ipv4StaticRoutingHelper routing;
    routing.GetStaticRouting(net.GwA()->GetObject<Ipv4>())
        ->AddNetworkRouteTo(Ipv4Address("10.9.9.0"),
                            Ipv4Mask("255.255.255.0"),
                            net.wanIf.GetAddress(1),
                            2);
    IpsecEvents evB;
    WatchIpsec(&evB, net.GwB());
    Simulator::Schedule(Seconds(1), [&]() {
        Ptr<Socket> s = Socket::CreateSocket(net.GwA(), UdpSocketFactory::GetTypeId());
        s->Bind(InetSocketAddress(net.lanAIf.GetAddress(1), 0));
        s->SendTo(Create<Packet>(10), 0, InetSocketAddress(Ipv4Address("10.9.9.9"), 5000));
    });
    Simulator::Run();
    EXPECT_EQ(gwA->GetProtectedCount(), 1u);
    EXPECT_EQ(net.GwB()->GetObject<IpsecStack>()->GetUnprotectedCount(), 1u);
    EXPECT_EQ(evB.CountDrops(IpsecDropReason::SELECTOR_MISMATCH), 1u);
}

// RFC 6040: CE set on the outer header on the way reaches the ECN-capable inner packet. The
// WAN is made to lose the original; the test re-sends it with CE on the outer header, as a
// congested router between the gateways would have marked it.
TEST_F(IpsecTunnelTest, CongestionExperiencedCopiedToInnerHeader)
{
    Chain net;
    BuildChain(&net);
    IpsecHelper ipsec;
    ProtectChain(&net, &ipsec);
    Ptr<RateErrorModel> loss = CreateObject<RateErrorModel>();
    loss->SetUnit(RateErrorModel::ERROR_UNIT_PACKET);
    loss->SetRate(1.0);
    net.wan.Get(1)->SetAttribute("ReceiveErrorModel", PointerValue(loss));
    std::vector<uint8_t> tos;
    Ptr<Socket> sink = Socket::CreateSocket(net.HostB(), UdpSocketFactory::GetTypeId());
    sink->Bind(InetSocketAddress(Ipv4Address::GetAny(), 5000));
    sink->SetIpRecvTos(true);
    sink->SetRecvCallback(Callback<void, Ptr<Socket>>([&tos](Ptr<Socket> s) {
        Ptr<Packet> p;
        while ((p = s->Recv()))
        {
            SocketIpTosTag tag;
            tos.push_back(p->PeekPacketTag(tag) ? tag.GetTos() : 0xff);
        }
    }));
    Ipv4TxLog txGwA;
    LogTx(&txGwA, net.GwA());
    Simulator::Schedule(Seconds(1), [&]() {
        Ptr<Socket> s = Socket::CreateSocket(net.HostA(), UdpSocketFactory::GetTypeId());
        InetSocketAddress to(net.lanBIf.GetAddress(1), 5000);
        to.SetTos(0x02); // ECT(0)
        s->SendTo(Create<Packet>(50), 0, to);
    });
    Simulator::Schedule(Seconds(2), [&]() {
        ASSERT_EQ(txGwA.entries.size(), 1u);
        EXPECT_EQ(txGwA.entries[0].header.GetTos() & 0x03, 0x02); // outer copies ECT(0)
        loss->Disable();
        Ptr<Packet> marked = txGwA.entries[0].packet->Copy();
        Ipv4Header outer;
        marked->RemoveHeader(outer);
        outer.SetEcn(Ipv4Header::ECN_CE);
        marked->AddHeader(outer);
        net.wan.Get(0)->Send(marked, net.wan.Get(1)->GetAddress(), Ipv4L3Protocol::PROT_NUMBER);
    });
    Simulator::Run();
    ASSERT_EQ(tos.size(), 1u);
    EXPECT_EQ(tos[0] & 0x03, 0x03);
}

/// Arrival times at hostB of two back-to-back packets through the tunnel.
std::vector<Time>
RunTimedTunnel(Time perPacket)
{
    Chain net;
    BuildChain(&net);
    IpsecHelper ipsec;
    ipsec.SetStackAttribute("ProcessingTimePerPacket", TimeValue(perPacket));
    ProtectChain(&net, &ipsec);
    std::vector<Time> arrivals;
    Ptr<Socket> sink = Socket::CreateSocket(net.HostB(), UdpSocketFactory::GetTypeId());
    sink->Bind(InetSocketAddress(Ipv4Address::GetAny(), 5000));
    sink->SetRecvCallback(Callback<void, Ptr<Socket>>([&arrivals](Ptr<Socket> s) {
        while (s->Recv())
        {
            arrivals.push_back(Now());
        }
    }));
    SendUdpAt(net.HostA(), net.lanBIf.GetAddress(1), 5000, 100, Seconds(1));
    SendUdpAt(net.HostA(), net.lanBIf.GetAddress(1), 5000, 100, Seconds(1));
    Simulator::Run();
    Simulator::Destroy();
    return arrivals;
}

// The processing-delay model: each protect/unprotect costs simulated time, and a node's
// operations queue behind each other.
TEST_F(IpsecTunnelTest, ProcessingTimeDelaysAndQueues)
{
    const std::vector<Time> base = RunTimedTunnel(Time(0));
    const std::vector<Time> slow = RunTimedTunnel(MilliSeconds(1));
    ASSERT_EQ(base.size(), 2u);
    ASSERT_EQ(slow.size(), 2u);
    // First packet: 1 ms at gwA, 1 ms at gwB.
    EXPECT_EQ(slow[0] - base[0], MilliSeconds(2));
    // The second packet waits for the first at gwA, so they leave and arrive 1 ms apart (gwB
    // is free again exactly when the second arrives).
    EXPECT_EQ(slow[1] - slow[0], MilliSeconds(1));
    EXPECT_LT(base[1] - base[0], MicroSeconds(100));
}

/// Runs the tunnel with a pcap of the WAN link; returns the pcap path and writes the keys.
std::string
RunCapturedTunnel(const std::string& dir,
                  const std::string& name,
                  EncrId encr,
                  uint16_t bits,
                  IntegId integ,
                  std::string* uatFile)
{
    Chain net;
    BuildChain(&net);
    IpsecHelper ipsec;
    ipsec.SetEspTransform(encr, bits, integ);
    ProtectChain(&net, &ipsec);
    UdpSink sinkB;
    OpenSink(&sinkB, net.HostB(), 5000);
    UdpSink sinkA;
    OpenSink(&sinkA, net.HostA(), 5000);
    for (int i = 0; i < 10; ++i)
    {
        SendUdpAt(net.HostA(), net.lanBIf.GetAddress(1), 5000, 100 + 37 * i, Seconds(1 + 0.01 * i));
        SendUdpAt(net.HostB(), net.lanAIf.GetAddress(0), 5000, 90 + 13 * i, Seconds(1 + 0.01 * i));
    }
    const std::string prefix = dir + "/" + name;
    net.wanLink.EnablePcap(prefix + ".pcap", net.wan.Get(0), false, true);
    *uatFile = prefix + ".tshark";
    EXPECT_TRUE(ipsec.WriteEspSaUat(*uatFile, true));
    Simulator::Run();
    EXPECT_EQ(sinkB.sizes.size(), 10u);
    EXPECT_EQ(sinkA.sizes.size(), 10u);
    Simulator::Destroy();
    return prefix + ".pcap";
}

std::string
TempDir()
{
    char tmpl[] = "/tmp/ipsec-tunnel-test-XXXXXX";
    const char* dir = mkdtemp(tmpl);
    return dir ? dir : "/tmp";
}

/// Path of the Wireshark oracle (IPSEC_TSHARK_ORACLE overrides).
std::string
OraclePath()
{
    const char* env = std::getenv("IPSEC_TSHARK_ORACLE");
    return env ? env : IPSEC_SOURCE_DIR "/test/tools/tshark-ipsec-oracle.py";
}

bool
HaveTool(const std::string& tool)
{
    return std::system(("command -v " + tool + " > /dev/null 2>&1").c_str()) == 0;
}

/// Runs the oracle; returns its exit status and output.
int
RunOracle(const std::string& pcap, const std::string& uat, std::string* output)
{
    const std::string cmd = "python3 " + OraclePath() + " " + pcap + " " + uat + " 2>&1";
    FILE* pipe = popen(cmd.c_str(), "r");
    if (!pipe)
    {
        return -1;
    }
    std::array<char, 512> buf{};
    while (fgets(buf.data(), buf.size(), pipe))
    {
        *output += buf.data();
    }
    return pclose(pipe);
}

class IpsecWiresharkTest : public SimulationTest, public ::testing::WithParamInterface<int>
{
};

// Wireshark decrypts every ESP packet on the WAN and verifies every ICV with the key table
// the helper writes: an independent check of the wire format and the keys.
TEST_P(IpsecWiresharkTest, TsharkDecryptsAndVerifiesEveryPacket)
{
    if (!HaveTool("tshark") || !HaveTool("python3"))
    {
        GTEST_SKIP() << "tshark or python3 not installed";
    }
    ASSERT_TRUE(std::ifstream(OraclePath()).good()) << "oracle not found: " << OraclePath();
    const bool gcm = GetParam() == 0;
    const std::string dir = TempDir();
    std::string uat;
    const std::string pcap =
        gcm ? RunCapturedTunnel(dir, "gcm", EncrId::AES_GCM_16, 128, IntegId::NONE, &uat)
            : RunCapturedTunnel(dir, "cbc", EncrId::AES_CBC, 128, IntegId::HMAC_SHA2_256_128, &uat);
    std::string output;
    const int status = RunOracle(pcap, uat, &output);
    EXPECT_EQ(status, 0) << output;
    EXPECT_NE(output.find("20 passed, 0 failed"), std::string::npos) << output;
}

INSTANTIATE_TEST_SUITE_P(Ciphers, IpsecWiresharkTest, ::testing::Values(0, 1));

std::string
ReadFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// The same seed and run give byte-identical captures; another run gives other SPIs and keys.
TEST_F(IpsecTunnelTest, SameSeedSamePcapBytes)
{
    const std::string dir = TempDir();
    std::string uat;
    const std::string a =
        RunCapturedTunnel(dir, "run1a", EncrId::AES_CBC, 128, IntegId::HMAC_SHA2_256_128, &uat);
    const std::string b =
        RunCapturedTunnel(dir, "run1b", EncrId::AES_CBC, 128, IntegId::HMAC_SHA2_256_128, &uat);
    RngSeedManager::SetRun(2);
    const std::string c =
        RunCapturedTunnel(dir, "run2", EncrId::AES_CBC, 128, IntegId::HMAC_SHA2_256_128, &uat);
    const std::string bytesA = ReadFile(a);
    ASSERT_GT(bytesA.size(), 2000u);
    EXPECT_EQ(bytesA, ReadFile(b));
    EXPECT_NE(bytesA, ReadFile(c));
    EXPECT_EQ(bytesA.size(), ReadFile(c).size());
}

} // namespace
} // namespace ns3
