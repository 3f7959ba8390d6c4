/* SPDX-License-Identifier: GPL-2.0-only */

/*
 * Two LANs joined by two security gateways over a point-to-point WAN link, with a manually
 * keyed ESP tunnel between the gateways (like `ip xfrm` on two Linux routers):
 *
 *   hostA ---- gwA ======== ESP tunnel ======== gwB ---- hostB
 *   10.1.1.0/24    192.168.100.0/24 (pcap here)    10.2.2.0/24
 *
 * A UDP flow runs from hostA to hostB. The WAN link is captured to <prefix>-<node>-<dev>.pcap;
 * <prefix>.esp_sa is the Wireshark profile `esp_sa` table and <prefix>.tshark the same entries
 * as `tshark -o` options, so the capture opens decrypted: copy <prefix>.esp_sa to
 * ~/.config/wireshark/esp_sa and enable ESP decryption (esp.enable_encryption_decode), or check
 * every packet with test/tools/tshark-ipsec-oracle.py ipsec-esp-tunnel-1-1.pcap
 * ipsec-esp-tunnel.tshark
 *
 * Options: --cipher=gcm (AES-GCM-128, default) or --cipher=cbc (AES-CBC-128 + HMAC-SHA2-256),
 * --packets, --size, --interval, --prefix, --pcap.
 */

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/ipsec-helper.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

#include <iostream>
#include <map>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("IpsecEspTunnelExample");

namespace
{

uint64_t g_protected = 0;
uint64_t g_bytesBefore = 0;
uint64_t g_bytesAfter = 0;
std::map<IpsecDropReason, uint64_t> g_drops;

void
OnProtect(uint32_t /* spi */, uint32_t before, uint32_t after)
{
    ++g_protected;
    g_bytesBefore += before;
    g_bytesAfter += after;
}

void
OnDrop(Ptr<const Packet> /* packet */, IpsecDropReason reason)
{
    ++g_drops[reason];
}

} // namespace

int
main(int argc, char* argv[])
{
    std::string cipher = "gcm";
    uint32_t packets = 100;
    uint32_t size = 1000;
    double interval = 0.01;
    std::string prefix = "ipsec-esp-tunnel";
    bool pcap = true;

    CommandLine cmd(__FILE__);
    cmd.AddValue("cipher", "gcm (AES-GCM-128) or cbc (AES-CBC-128 + HMAC-SHA2-256-128)", cipher);
    cmd.AddValue("packets", "UDP packets sent from hostA to hostB", packets);
    cmd.AddValue("size", "UDP payload octets", size);
    cmd.AddValue("interval", "seconds between packets", interval);
    cmd.AddValue("prefix", "prefix of the pcap and key table files", prefix);
    cmd.AddValue("pcap", "capture the WAN link", pcap);
    cmd.Parse(argc, argv);

    NodeContainer nodes;
    nodes.Create(4);
    Ptr<Node> hostA = nodes.Get(0);
    Ptr<Node> gwA = nodes.Get(1);
    Ptr<Node> gwB = nodes.Get(2);
    Ptr<Node> hostB = nodes.Get(3);

    PointToPointHelper lan;
    lan.SetDeviceAttribute("DataRate", StringValue("1Gbps"));
    lan.SetChannelAttribute("Delay", StringValue("100us"));
    PointToPointHelper wan;
    wan.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
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

    IpsecHelper ipsec;
    NodeContainer gateways(gwA, gwB);
    ipsec.Install(gateways);
    ipsec.AssignStreams(gateways, 100);
    if (cipher == "cbc")
    {
        ipsec.SetEspTransform(EncrId::AES_CBC, 128, IntegId::HMAC_SHA2_256_128);
    }
    else if (cipher == "gcm")
    {
        ipsec.SetEspTransform(EncrId::AES_GCM_16, 128, IntegId::NONE);
    }
    else
    {
        std::cerr << "unknown --cipher=" << cipher << " (known: gcm, cbc)\n";
        return 1;
    }
    std::string error;
    if (!ipsec.ProtectTunnel(gwA,
                             wanIf.GetAddress(0),
                             IpAddressRange::Prefix(Ipv4Address("10.1.1.0"), 24),
                             gwB,
                             wanIf.GetAddress(1),
                             IpAddressRange::Prefix(Ipv4Address("10.2.2.0"), 24),
                             &error))
    {
        std::cerr << "ProtectTunnel: " << error << "\n";
        return 1;
    }
    for (Ptr<Node> gw : {gwA, gwB})
    {
        Ptr<IpsecStack> stack = gw->GetObject<IpsecStack>();
        stack->TraceConnectWithoutContext("Protect", MakeCallback(&OnProtect));
        stack->TraceConnectWithoutContext("Drop", MakeCallback(&OnDrop));
    }

    const uint16_t port = 9;
    UdpServerHelper server(port);
    ApplicationContainer serverApp = server.Install(hostB);
    serverApp.Start(Seconds(0.0));
    UdpClientHelper client(lanBIf.GetAddress(1), port);
    client.SetAttribute("MaxPackets", UintegerValue(packets));
    client.SetAttribute("Interval", TimeValue(Seconds(interval)));
    client.SetAttribute("PacketSize", UintegerValue(size));
    ApplicationContainer clientApp = client.Install(hostA);
    clientApp.Start(Seconds(1.0));

    if (pcap)
    {
        wan.EnablePcap(prefix, wanLink, false);
        if (!ipsec.WriteEspSaUat(prefix + ".esp_sa", false) ||
            !ipsec.WriteEspSaUat(prefix + ".tshark", true))
        {
            std::cerr << "cannot write the key tables next to " << prefix << "\n";
            return 1;
        }
    }

    Simulator::Stop(Seconds(2.0 + packets * interval));
    Simulator::Run();

    Ptr<UdpClient> udpClient = DynamicCast<UdpClient>(clientApp.Get(0));
    Ptr<UdpServer> udpServer = DynamicCast<UdpServer>(serverApp.Get(0));
    const uint64_t sent = udpClient->GetTotalTx() / size;
    std::cout << "ESP tunnel, "
              << (cipher == "cbc" ? "AES-CBC-128 + HMAC-SHA2-256-128" : "AES-GCM-128") << "\n";
    std::cout << "  packets sent:      " << sent << "\n";
    std::cout << "  packets received:  " << udpServer->GetReceived() << "\n";
    std::cout << "  packets protected: " << g_protected << "\n";
    if (g_protected > 0)
    {
        std::cout << "  ESP overhead:      " << (g_bytesAfter - g_bytesBefore) / g_protected
                  << " octets per packet (" << g_bytesBefore / g_protected << " -> "
                  << g_bytesAfter / g_protected << ")\n";
    }
    std::cout << "  drops:";
    if (g_drops.empty())
    {
        std::cout << " none";
    }
    for (const auto& drop : g_drops)
    {
        std::cout << " " << IpsecDropReasonName(drop.first) << "=" << drop.second;
    }
    std::cout << "\n";
    if (pcap)
    {
        std::cout << "  capture: " << prefix << "-" << gwA->GetId() << "-"
                  << wanLink.Get(0)->GetIfIndex() << ".pcap, keys: " << prefix << ".esp_sa\n";
    }
    Simulator::Destroy();
    return 0;
}
