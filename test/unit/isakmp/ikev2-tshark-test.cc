/* SPDX-License-Identifier: GPL-2.0-only */

// An independent reference: IKEv2 messages this module encodes are written into a pcap (raw
// IPv4 / UDP 500) and dissected by Wireshark's tshark, which must find every payload where we
// put it and report no malformed packet. Skipped when tshark is not installed.

#include "ikev2-test-util.h"
#include "tshark-test-util.h"

#include "ns3/ikev2-auth-payload.h"
#include "ns3/ikev2-cert-payload.h"
#include "ns3/ikev2-cert-request-payload.h"
#include "ns3/ikev2-config-payload.h"
#include "ns3/ikev2-delete-payload.h"
#include "ns3/ikev2-eap-payload.h"
#include "ns3/ikev2-id-payload.h"
#include "ns3/ikev2-ke-payload.h"
#include "ns3/ikev2-message.h"
#include "ns3/ikev2-nonce-payload.h"
#include "ns3/ikev2-notify-payload.h"
#include "ns3/ikev2-sa-payload.h"
#include "ns3/ikev2-ts-payload.h"
#include "ns3/ikev2-vendor-id-payload.h"
#include "ns3/pcap-file.h"
#include "ns3/transform-ids.h"

#include <gtest/gtest.h>
#include <sstream>

namespace ns3
{
namespace
{

/// One message carrying every payload type that travels in clear, so that tshark checks
/// each layout; not a valid exchange (the rule table would reject it), only valid encodings.
Bytes
EveryClearPayload()
{
    Ikev2Message msg;
    msg.GetHeader().initiatorSpi = 0x1122334455667788ULL;
    msg.GetHeader().responderSpi = 0x99aabbccddeeff00ULL;
    msg.GetHeader().exchangeType = static_cast<uint8_t>(Ikev2ExchangeType::INFORMATIONAL);
    msg.GetHeader().flags = Ikev2Header::FLAG_INITIATOR;
    msg.GetHeader().messageId = 3;
    auto sa = std::make_unique<Ikev2SaPayload>();
    Ikev2Proposal p;
    p.protocol = Ikev2ProtocolId::ESP;
    p.spi = Hex("c0ffee01");
    Ikev2Transform t;
    t.type = static_cast<uint8_t>(Ikev2TransformType::ENCR);
    t.id = static_cast<uint16_t>(EncrId::AES_GCM_16);
    t.SetKeyLength(256);
    p.transforms.push_back(t);
    t = Ikev2Transform();
    t.type = static_cast<uint8_t>(Ikev2TransformType::ESN);
    t.id = 1;
    p.transforms.push_back(t);
    sa->AddProposal(p);
    msg.AddPayload(std::move(sa));
    msg.AddPayload(std::make_unique<Ikev2KePayload>(static_cast<uint16_t>(DhGroupId::CURVE25519),
                                                    Fill(32, 0x25)));
    msg.AddPayload(std::make_unique<Ikev2IdPayload>(true, Ikev2IdType::FQDN, Bytes{'a', '.', 'b'}));
    msg.AddPayload(
        std::make_unique<Ikev2IdPayload>(false, Ikev2IdType::IPV4_ADDR, Hex("0a000002")));
    // Hash and URL (RFC 7296 3.6): tshark would parse an X.509 body as DER, and this test is
    // about the framing, not about certificates.
    Bytes hashAndUrl = Fill(20, 0x5a);
    const std::string url = "http://ca.example/c.der";
    hashAndUrl.insert(hashAndUrl.end(), url.begin(), url.end());
    msg.AddPayload(
        std::make_unique<Ikev2CertPayload>(Ikev2CertEncoding::HASH_URL_X509_CERT, hashAndUrl));
    msg.AddPayload(std::make_unique<Ikev2CertRequestPayload>(Ikev2CertEncoding::X509_CERT_SIGNATURE,
                                                             Fill(20, 0x11)));
    msg.AddPayload(
        std::make_unique<Ikev2AuthPayload>(static_cast<uint8_t>(AuthMethod::SHARED_KEY_MIC),
                                           Fill(32, 0xa5)));
    msg.AddPayload(std::make_unique<Ikev2NoncePayload>(Fill(32, 0x4e)));
    msg.AddPayload(std::make_unique<Ikev2NotifyPayload>(Ikev2NotifyType::REKEY_SA,
                                                        Bytes(),
                                                        Ikev2ProtocolId::ESP,
                                                        Hex("c0ffee02")));
    msg.AddPayload(std::make_unique<Ikev2DeletePayload>(Ikev2ProtocolId::ESP,
                                                        4,
                                                        std::vector<Bytes>{Hex("c0ffee03")}));
    msg.AddPayload(std::make_unique<Ikev2VendorIdPayload>(Hex("6e732d3320697073656300")));
    auto tsi = std::make_unique<Ikev2TsPayload>(true);
    tsi->AddSelector(Ikev2TrafficSelector::Ipv4Range(0x0a000000, 0x0a0000ff));
    msg.AddPayload(std::move(tsi));
    auto tsr = std::make_unique<Ikev2TsPayload>(false);
    Ikev2TrafficSelector v6;
    v6.type = Ikev2TrafficSelector::TS_IPV6_ADDR_RANGE;
    v6.ipProtocol = 6;
    v6.startPort = 443;
    v6.endPort = 443;
    v6.startAddress = Hex("20010db8000000000000000000000001");
    v6.endAddress = Hex("20010db80000000000000000000000ff");
    tsr->AddSelector(v6);
    msg.AddPayload(std::move(tsr));
    auto cp = std::make_unique<Ikev2ConfigPayload>(Ikev2ConfigPayload::CFG_REPLY);
    cp->AddAttribute({Ikev2ConfigAttribute::INTERNAL_IP4_ADDRESS, Hex("0a000063")});
    msg.AddPayload(std::move(cp));
    msg.AddPayload(std::make_unique<Ikev2EapPayload>(Hex("01 05 0005 01")));
    return msg.Serialize();
}

TEST(Ikev2TsharkTest, WiresharkDissectsOurEncodingsWithoutComplaint)
{
    if (ipsectest::Shell("command -v tshark").empty())
    {
        GTEST_SKIP() << "tshark not installed";
    }
    const std::string path = ::testing::TempDir() + "ikev2-tshark-test.pcap";
    const std::vector<Bytes> messages = {
        EveryClearPayload(),
        AospVector("IKE_SA_INIT_RAW_PACKET"),
        AospVector("IKE_AUTH_HEX_STRING"),
        AospVector("IKE_FRAG_HEX_STRING"),
    };
    {
        PcapFile pcap;
        pcap.Open(path, std::ios::out);
        pcap.Init(ipsectest::LINKTYPE_RAW);
        uint32_t second = 0;
        for (const Bytes& ike : messages)
        {
            // Round-trip through our parser first: what tshark sees is our re-encoding.
            Ikev2Message msg;
            ASSERT_EQ(Ikev2Message::Parse(ike, msg), Ikev2ParseStatus::OK);
            const Bytes packet = ipsectest::Ipv4Udp500(msg.Serialize());
            pcap.Write(++second, 0, packet.data(), static_cast<uint32_t>(packet.size()));
        }
        pcap.Close();
    }
    const std::string fields = ipsectest::Shell(
        "tshark -n -r " + path +
        " -T fields -E separator='|' -E occurrence=a -e frame.number -e isakmp.exchangetype"
        " -e isakmp.nextpayload -e _ws.malformed -e _ws.expert.severity 2>/dev/null");
    std::istringstream lines(fields);
    std::string line;
    std::vector<std::string> rows;
    while (std::getline(lines, line))
    {
        rows.push_back(line);
    }
    ASSERT_EQ(rows.size(), messages.size()) << fields;
    // The Next Payload of the header and of every payload in order, as tshark reads them
    // (tshark lists the proposal and transform Last Substruc octets under the same field:
    // 0 = last, 3 = transform follows); no malformed mark, no expert note.
    EXPECT_EQ(rows[0], "1|37|33,34,0,3,0,35,36,37,38,39,40,41,42,43,44,45,47,48,0||");
    EXPECT_EQ(rows[1], "2|34|33,34,0,3,3,3,0,40,41,41,43,0||");
    EXPECT_EQ(rows[2], "3|35|46,35||");
    EXPECT_EQ(rows[3], "4|35|53,0||");

    // Field-level checks on frame 1 from the full dissection.
    const std::string verbose =
        ipsectest::Shell("tshark -n -r " + path + " -Y frame.number==1 -V 2>/dev/null");
    for (const char* expected : {"Key Length: 256",
                                 "Transform ID (ENCR): AES-GCM with a 16 octet ICV (20)",
                                 "Extended Sequence Numbers",
                                 "Notify Message Type: REKEY_SA (16393)",
                                 "Starting Addr: 10.0.0.0",
                                 "Ending Addr: 10.0.0.255",
                                 "Starting Addr: 2001:db8::1",
                                 "Ending Addr: 2001:db8::ff",
                                 "INTERNAL_IP4_ADDRESS",
                                 "Identification Data:a.b",
                                 "Code: Request (1)"})
    {
        EXPECT_NE(verbose.find(expected), std::string::npos) << "tshark did not show: " << expected;
    }
    if (!HasFailure())
    {
        std::remove(path.c_str());
    }
}

} // namespace
} // namespace ns3
