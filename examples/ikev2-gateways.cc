/* SPDX-License-Identifier: GPL-2.0-only */

/*
 * Two security gateways negotiate an ESP tunnel with IKEv2 (RFC 7296), as two strongSwan
 * routers would, and carry a UDP flow each way through it:
 *
 *   hostA ---- gwA ======== IKEv2 + ESP tunnel ======== gwB ---- hostB
 *   10.1.1.0/24     192.168.100.0/24 (pcap here)          10.2.2.0/24
 *
 * gwA initiates at 1 s: IKE_SA_INIT, IKE_AUTH with a tunnel-mode Child SA for
 * 10.1.1.0/24 <-> 10.2.2.0/24; the Child SA is rekeyed with CREATE_CHILD_SA every --rekey
 * seconds (minus up to 10 % jitter), the old pair deleted with INFORMATIONAL. The program
 * prints the ladder of IKE messages as the daemons trace them, the IKE and Child SA events, and
 * a summary.
 *
 * Files: the WAN link seen from gwA, ikev2-gateways-gwA-1.pcap, and the keys of every IKE and ESP
 * SA, ikev2-gateways.tshark (one `tshark -o` argument a line: ikev2_decryption_table and
 * esp_sa records). To read the capture decrypted:
 *
 *   args=(); while read -r o; do args+=(-o "$o"); done < ikev2-gateways.tshark
 *   tshark -r ikev2-gateways-gwA-1.pcap -o esp.enable_encryption_decode:TRUE "${args[@]}" -V
 *
 * or let test/tools/tshark-ipsec-oracle.py check that every SK/SKF payload decrypts with a
 * correct ICD and every ESP packet with a correct ICV. Wireshark 4.0 decrypts IKE with AES-CBC,
 * AES-CTR or AES-GCM/CCM and HMAC-SHA1/SHA2 integrity, not ChaCha20-Poly1305 or XCBC/CMAC; an SA
 * it cannot decrypt gets no record.
 *
 * Options (ns-3 CommandLine; --RngRun=N draws other SPIs, nonces and keys):
 *   --auth=psk|cert   pre-shared key, or certificates from a simulated CA (RFC 7427 signatures)
 *   --key=ecdsa|rsa   the CA's and the gateways' key type with --auth=cert (ECDSA P-256, RSA-2048)
 *   --ike=PROPOSALS   IKE proposals in strongSwan syntax, e.g. aes128-sha256-modp2048
 *   --esp=PROPOSALS   ESP proposals in strongSwan syntax, e.g. aes128gcm16 or aes128-sha256
 *   --rekey=S         Child SA rekey time (hard lifetime 1.1 times that), 0 for never
 *   --ikeRekey=S      IKE SA rekey time, 0 for never
 *   --dpd=S           dead-peer detection after S seconds without a message from the peer
 *   --encap           force UDP encapsulation (fake NAT detection: IKE and ESP on UDP 4500)
 *   --mtu=N           WAN MTU; IKE messages larger than min(N, 1280) are fragmented (RFC 7383)
 *   --time=S          simulated seconds; --size, --interval: the UDP flows
 */

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/ike-helper.h"
#include "ns3/internet-module.h"
#include "ns3/ipsec-stack.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/random-source.h"

#include <algorithm>
#include <cstdio>
#include <iomanip>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("Ikev2GatewaysExample");

namespace
{

/// What the trace sinks saw, for the summary.
struct Tally
{
    std::set<std::pair<uint64_t, uint64_t>> established; //!< IKE SAs (SPIi, SPIr) that came up
    uint32_t messages{0};                                //!< IKE messages sent
    uint32_t fragmented{0};                              //!< of which in SKF fragments
    uint32_t retransmits{0};                             //!< retransmitted messages
    std::map<Ikev2ChildEventType, uint32_t> childA;      //!< Child SA events at gwA
    std::map<std::string, uint64_t> drops;               //!< data plane and daemon drops
};

Tally g_tally;

/// "12.345 gwA " at the start of a ladder line.
std::string
Stamp(const std::string& node)
{
    std::ostringstream os;
    os << std::fixed << std::setprecision(3) << std::setw(8) << Simulator::Now().GetSeconds() << " "
       << node;
    return os.str();
}

/// "0123456789abcdef_fedcba9876543210": an IKE SA by its SPIs, as strongSwan logs it.
std::string
SpiPair(uint64_t spiI, uint64_t spiR)
{
    char text[40];
    std::snprintf(text,
                  sizeof(text),
                  "%016llx_%016llx",
                  static_cast<unsigned long long>(spiI),
                  static_cast<unsigned long long>(spiR));
    return text;
}

std::string
Spi(uint32_t spi)
{
    char text[12];
    std::snprintf(text, sizeof(text), "0x%08x", spi);
    return text;
}

void
OnMessageSent(std::string node, const Ikev2MessageEvent& e)
{
    ++g_tally.messages;
    std::cout << Stamp(node) << " -> " << e.summary << "  (" << e.size << " octets";
    if (e.fragments > 1)
    {
        ++g_tally.fragmented;
        std::cout << " in " << e.fragments << " fragments";
    }
    std::cout << ")\n";
}

void
OnRetransmit(std::string node, const Ikev2MessageEvent& e)
{
    ++g_tally.retransmits;
    std::cout << Stamp(node) << " => " << e.summary << "  (retransmission)\n";
}

void
OnIkeSa(std::string node, const Ikev2IkeSaEvent& e)
{
    std::cout << Stamp(node) << "    IKE SA " << SpiPair(e.spiI, e.spiR) << " "
              << Ikev2IkeSaStateName(e.state);
    if (e.state == Ikev2IkeSaState::DEAD)
    {
        std::cout << " (" << Ikev2EndReasonName(e.reason) << ")";
    }
    std::cout << "\n";
    if (e.state == Ikev2IkeSaState::ESTABLISHED)
    {
        g_tally.established.insert({e.spiI, e.spiR});
    }
}

void
OnChildSa(std::string node, const Ikev2ChildSaEvent& e)
{
    std::cout << Stamp(node) << "    Child SA " << e.child << " " << Ikev2ChildEventTypeName(e.type)
              << " in " << Spi(e.inboundSpi) << " out " << Spi(e.outboundSpi);
    if (e.type == Ikev2ChildEventType::REKEYED)
    {
        std::cout << " (replaces in " << Spi(e.rekeyedFrom) << ")";
    }
    std::cout << "\n";
    if (node == "gwA")
    {
        ++g_tally.childA[e.type];
    }
}

void
OnDaemonDrop(std::string node, const std::string& reason)
{
    std::cout << Stamp(node) << "    IKE datagram dropped: " << reason << "\n";
    ++g_tally.drops["IKE " + reason];
}

void
OnIpsecDrop(std::string node, Ptr<const Packet> /* packet */, IpsecDropReason reason)
{
    const uint64_t n = ++g_tally.drops[IpsecDropReasonName(reason)];
    // the first few of each kind in the ladder, to see when they happen; all in the summary
    if (n <= 5)
    {
        std::cout << Stamp(node) << "    packet dropped by IPsec: " << IpsecDropReasonName(reason)
                  << (n == 5 ? " (further ones only counted)" : "") << "\n";
    }
}

/// A UDP flow from one host to the other, counted at both ends.
struct Flow
{
    Ptr<UdpClient> client; //!< sender
    Ptr<UdpServer> server; //!< receiver
};

Flow
InstallFlow(Ptr<Node> from,
            Ptr<Node> to,
            Ipv4Address toAddress,
            uint16_t port,
            uint32_t size,
            Time interval,
            Time start,
            Time stop)
{
    UdpServerHelper server(port);
    ApplicationContainer serverApp = server.Install(to);
    serverApp.Start(Seconds(0));
    UdpClientHelper client(toAddress, port);
    client.SetAttribute(
        "MaxPackets",
        UintegerValue((stop - start).GetNanoSeconds() / interval.GetNanoSeconds() + 1));
    client.SetAttribute("Interval", TimeValue(interval));
    client.SetAttribute("PacketSize", UintegerValue(size));
    ApplicationContainer clientApp = client.Install(from);
    clientApp.Start(start);
    clientApp.Stop(stop);
    return {DynamicCast<UdpClient>(clientApp.Get(0)), DynamicCast<UdpServer>(serverApp.Get(0))};
}

} // namespace

int
main(int argc, char* argv[])
{
    std::string auth = "psk";
    std::string key = "ecdsa";
    std::string ikeProposals = "aes128gcm16-prfsha256-x25519";
    std::string espProposals = "aes128gcm16";
    double rekey = 10;
    double ikeRekey = 0;
    double dpd = 0;
    bool encap = false;
    uint32_t mtu = 1500;
    double time = 30;
    uint32_t size = 500;
    double interval = 0.01;
    const std::string prefix = "ikev2-gateways";

    CommandLine cmd(__FILE__);
    cmd.AddValue("auth", "psk (pre-shared key) or cert (certificates from a simulated CA)", auth);
    cmd.AddValue("key", "key type with --auth=cert: ecdsa (P-256) or rsa (2048 bits)", key);
    cmd.AddValue("ike", "IKE proposals, strongSwan syntax, comma-separated", ikeProposals);
    cmd.AddValue("esp", "ESP proposals, strongSwan syntax, comma-separated", espProposals);
    cmd.AddValue("rekey", "Child SA rekey time in seconds (0: never)", rekey);
    cmd.AddValue("ikeRekey", "IKE SA rekey time in seconds (0: never)", ikeRekey);
    cmd.AddValue("dpd", "dead-peer detection delay in seconds (0: off)", dpd);
    cmd.AddValue("encap", "force UDP encapsulation of ESP (UDP 4500)", encap);
    cmd.AddValue("mtu", "WAN link MTU (IKE fragments above min(mtu, 1280))", mtu);
    cmd.AddValue("time", "simulated seconds", time);
    cmd.AddValue("size", "UDP payload octets of the flows", size);
    cmd.AddValue("interval", "seconds between packets of each flow", interval);
    cmd.Parse(argc, argv);

    if (auth != "psk" && auth != "cert")
    {
        std::cerr << "unknown --auth=" << auth << " (known: psk, cert)\n";
        return 1;
    }
    if (key != "ecdsa" && key != "rsa")
    {
        std::cerr << "unknown --key=" << key << " (known: ecdsa, rsa)\n";
        return 1;
    }
    if (mtu < 576 || time < 4 || interval <= 0)
    {
        std::cerr << "need --mtu >= 576, --time >= 4, --interval > 0\n";
        return 1;
    }

    // --- topology: the chain of the integration tests, with the WAN MTU as an option
    NodeContainer nodes;
    nodes.Create(4);
    Ptr<Node> hostA = nodes.Get(0);
    Ptr<Node> gwA = nodes.Get(1);
    Ptr<Node> gwB = nodes.Get(2);
    Ptr<Node> hostB = nodes.Get(3);
    Names::Add("hostA", hostA);
    Names::Add("gwA", gwA);
    Names::Add("gwB", gwB);
    Names::Add("hostB", hostB);

    PointToPointHelper lan;
    lan.SetDeviceAttribute("DataRate", StringValue("1Gbps"));
    lan.SetChannelAttribute("Delay", StringValue("100us"));
    PointToPointHelper wan;
    wan.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
    wan.SetDeviceAttribute("Mtu", UintegerValue(mtu));
    wan.SetChannelAttribute("Delay", StringValue("5ms"));
    NetDeviceContainer lanA = lan.Install(hostA, gwA);
    NetDeviceContainer wanLink = wan.Install(gwA, gwB);
    NetDeviceContainer lanB = lan.Install(gwB, hostB);

    InternetStackHelper internet;
    internet.Install(nodes);
    Ipv4AddressHelper address;
    address.SetBase("10.1.1.0", "255.255.255.0");
    Ipv4InterfaceContainer lanAIf = address.Assign(lanA);
    address.SetBase("192.168.100.0", "255.255.255.0");
    Ipv4InterfaceContainer wanIf = address.Assign(wanLink);
    address.SetBase("10.2.2.0", "255.255.255.0");
    Ipv4InterfaceContainer lanBIf = address.Assign(lanB);
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();

    // --- IKE: one daemon per gateway (IkeHelper installs the data plane too)
    IkeHelper ike;
    ike.SetDaemonAttribute("FragmentMtu", UintegerValue(std::min<uint32_t>(mtu, 1280)));
    NodeContainer gateways(gwA, gwB);
    ike.Install(gateways);
    const int64_t streams = ike.AssignStreams(gateways, 100);
    std::string error;
    if (!ike.SetIkeProposals(ikeProposals, &error) ||
        !ike.SetChildProposals(espProposals, false, &error))
    {
        std::cerr << error << "\n";
        return 1;
    }
    if (auth == "cert")
    {
        const KeyType keyType = key == "rsa" ? KeyType::RSA : KeyType::ECDSA_P256;
        Ptr<RandomSource> caRng = CreateObject<RandomSource>();
        caRng->AssignStreams(100 + streams);
        Ptr<CertificateAuthority> ca;
        if (CertificateAuthority::CreateRoot("C=DE, O=ns-3 ipsec, CN=Example Root CA",
                                             keyType,
                                             caRng,
                                             Seconds(0),
                                             Days(30),
                                             ca) != CryptoStatus::OK)
        {
            std::cerr << "cannot create the CA\n";
            return 1;
        }
        ike.SetCertificates(ca,
                            keyType,
                            AuthMethod::DIGITAL_SIGNATURE,
                            key == "rsa" ? SignatureScheme::RSA_PKCS1_SHA256
                                         : SignatureScheme::ECDSA_SHA256);
    }
    else
    {
        ike.SetPsk("ns-3 ikev2-gateways example");
    }
    // strongSwan's default hard lifetime is 110 % of the rekey time
    ike.SetLifetimes(Seconds(rekey), Seconds(rekey * 1.1), Seconds(ikeRekey));
    ike.SetDpdDelay(Seconds(dpd));
    ike.SetForceEncapsulation(encap);
    const Time ikeStart = Seconds(1);
    if (!ike.Connect(gwA,
                     wanIf.GetAddress(0),
                     gwB,
                     wanIf.GetAddress(1),
                     IkeHelper::TunnelChild(IpAddressRange::Prefix(Ipv4Address("10.1.1.0"), 24),
                                            IpAddressRange::Prefix(Ipv4Address("10.2.2.0"), 24)),
                     ikeStart,
                     &error))
    {
        std::cerr << "Connect: " << error << "\n";
        return 1;
    }
    ike.EnableKeyTables();

    for (const std::string name : {"gwA", "gwB"})
    {
        Ptr<Node> gw = Names::Find<Node>(name);
        Ptr<Ikev2Daemon> daemon = ike.GetDaemon(gw);
        daemon->TraceConnectWithoutContext("MessageSent", MakeBoundCallback(&OnMessageSent, name));
        daemon->TraceConnectWithoutContext("Retransmit", MakeBoundCallback(&OnRetransmit, name));
        daemon->TraceConnectWithoutContext("IkeSaState", MakeBoundCallback(&OnIkeSa, name));
        daemon->TraceConnectWithoutContext("ChildSa", MakeBoundCallback(&OnChildSa, name));
        daemon->TraceConnectWithoutContext("Drop", MakeBoundCallback(&OnDaemonDrop, name));
        gw->GetObject<IpsecStack>()->TraceConnectWithoutContext(
            "Drop",
            MakeBoundCallback(&OnIpsecDrop, name));
    }

    // --- traffic: a steady flow each way, from 1 s after IKE starts to 1 s before the end
    const Time flowStart = ikeStart + Seconds(1);
    const Time flowStop = Seconds(time - 1);
    Flow ab = InstallFlow(hostA,
                          hostB,
                          lanBIf.GetAddress(1),
                          9,
                          size,
                          Seconds(interval),
                          flowStart,
                          flowStop);
    Flow ba = InstallFlow(hostB,
                          hostA,
                          lanAIf.GetAddress(0),
                          10,
                          size,
                          Seconds(interval),
                          flowStart,
                          flowStop);

    wan.EnablePcap(prefix, wanLink.Get(0), false);

    std::cout << "IKEv2 gateways: auth " << auth << (auth == "cert" ? " (" + key + ")" : "")
              << ", IKE " << ikeProposals << ", ESP " << espProposals << ", rekey " << rekey << " s"
              << (encap ? ", UDP encapsulation" : "") << ", WAN MTU " << mtu << "\n";
    std::cout << "    time node    message\n";
    Simulator::Stop(Seconds(time));
    Simulator::Run();

    const std::string keyFile = prefix + ".tshark";
    if (!ike.WriteKeyTables(keyFile))
    {
        std::cerr << "cannot write " << keyFile << "\n";
        return 1;
    }
    const uint64_t sentAB = ab.client->GetTotalTx() / size;
    const uint64_t sentBA = ba.client->GetTotalTx() / size;
    std::cout << "summary\n";
    std::cout << "  IKE SAs established: " << g_tally.established.size() << "\n";
    std::cout << "  IKE messages sent: " << g_tally.messages << " (" << g_tally.fragmented
              << " fragmented, " << g_tally.retransmits << " retransmitted)\n";
    std::cout << "  Child SAs installed: " << g_tally.childA[Ikev2ChildEventType::INSTALLED]
              << "\n";
    std::cout << "  Child SAs rekeyed: " << g_tally.childA[Ikev2ChildEventType::REKEYED] << "\n";
    std::cout << "  Child SAs deleted: " << g_tally.childA[Ikev2ChildEventType::DELETED] << "\n";
    std::cout << "  hostA -> hostB: packets sent " << sentAB << ", received "
              << ab.server->GetReceived() << "\n";
    std::cout << "  hostB -> hostA: packets sent " << sentBA << ", received "
              << ba.server->GetReceived() << "\n";
    std::cout << "  packets lost: "
              << (sentAB - ab.server->GetReceived()) + (sentBA - ba.server->GetReceived()) << "\n";
    std::cout << "  drops:";
    if (g_tally.drops.empty())
    {
        std::cout << " none";
    }
    for (const auto& drop : g_tally.drops)
    {
        std::cout << " " << drop.first << "=" << drop.second;
    }
    std::cout << "\n";
    std::cout << "  capture: " << prefix << "-gwA-" << wanLink.Get(0)->GetIfIndex()
              << ".pcap, keys: " << keyFile << " (" << ike.GetKeyTableOptions().size() << " records"
              << (ike.GetKeyTableOptions().empty() ? "; Wireshark 4.0 decrypts none of these SAs"
                                                   : "")
              << ")\n";
    Simulator::Destroy();
    return 0;
}
