/* SPDX-License-Identifier: GPL-2.0-only */

// An independent reference: messages protected by Ikev2SkCodec, some fragmented (RFC 7383), are
// written into a pcap (raw IPv4 / UDP 500) with Ikev2DecryptionTable's records beside it, and
// test/tools/tshark-ipsec-oracle.py has Wireshark's tshark decrypt every SK and SKF payload and
// check its ICV. A negative control (one SA listed with wrong keys) shows that the oracle can
// fail. Skipped when tshark is not installed.

#include "ikev2-sk-test-util.h"
#include "simulation-test.h"
#include "tshark-test-util.h"

#include "ns3/ikev2-decryption-table.h"
#include "ns3/pcap-file.h"

#include <fstream>
#include <gtest/gtest.h>
#include <sstream>

namespace ns3
{
namespace
{

class SkTsharkTest : public SimulationTest
{
  protected:
    void SetUp() override
    {
        SimulationTest::SetUp();
        if (ipsectest::Shell("command -v tshark").empty())
        {
            GTEST_SKIP() << "tshark not installed";
        }
    }

    /// One IKE SA of each Wireshark-decryptable kind: a request, a fragmented response, and
    /// for some a fragmented request; their frames in order and the decryption table.
    void Build(bool wrongKeysForOne)
    {
        const IkeTransformSet suites[] = {
            Suite(EncrId::AES_CBC, 128, IntegId::HMAC_SHA1_96),
            Suite(EncrId::AES_CBC, 192, IntegId::HMAC_SHA2_384_192),
            Suite(EncrId::AES_CBC, 256, IntegId::HMAC_SHA2_256_128),
            Suite(EncrId::TRIPLE_DES, 0, IntegId::HMAC_MD5_96),
            Suite(EncrId::AES_CTR, 128, IntegId::HMAC_SHA2_512_256),
            Suite(EncrId::AES_GCM_16, 128, IntegId::NONE),
            Suite(EncrId::AES_GCM_8, 256, IntegId::NONE),
            Suite(EncrId::AES_GCM_12, 192, IntegId::NONE),
            Suite(EncrId::AES_CCM_16, 128, IntegId::NONE),
            Suite(EncrId::AES_CCM_8, 256, IntegId::NONE),
        };
        uint8_t seed = 0;
        for (const IkeTransformSet& t : suites)
        {
            ++seed;
            const uint64_t spiI = 0x1000000000000000ULL + seed;
            const uint64_t spiR = 0x2000000000000000ULL + seed;
            const Ikev2SaKeys keys = TestKeys(t, seed);
            Ikev2SaKeys listed = keys;
            if (wrongKeysForOne && seed == 3)
            {
                listed = TestKeys(t, 99);
            }
            ASSERT_EQ(m_table.Add(spiI, spiR, t, listed), Ikev2DecryptionTableStatus::OK);
            SkPair pair = MakePair(t, seed);

            Ikev2Message request = AuthRequest(1, seed % 2 ? 2500 : 0);
            request.GetHeader().initiatorSpi = spiI;
            request.GetHeader().responderSpi = spiR;
            std::vector<Bytes> out;
            ASSERT_EQ(pair.initiator->ProtectFragmented(request, 548, &out), Ikev2SkStatus::OK);
            if (out.size() > 1)
            {
                m_reassembled.push_back(InnerChain(request).size() - 1);
            }
            for (const Bytes& d : out)
            {
                m_frames.push_back(ipsectest::Ipv4Udp500(d, 1, 2));
            }

            Ikev2Message response = AuthRequest(1, 3000);
            response.GetHeader() = request.GetHeader();
            response.GetHeader().flags = Ikev2Header::FLAG_RESPONSE;
            ASSERT_EQ(pair.responder->ProtectFragmented(response, 548, &out), Ikev2SkStatus::OK);
            ASSERT_GE(out.size(), 5u);
            m_reassembled.push_back(InnerChain(response).size() - 1);
            for (const Bytes& d : out)
            {
                m_frames.push_back(ipsectest::Ipv4Udp500(d, 2, 1));
            }
        }
    }

    /// Write the pcap and the table, run the oracle. \return its output and exit status line
    std::string RunOracle()
    {
        const std::string base = ::testing::TempDir() + "ikev2-sk-tshark-" +
                                 ::testing::UnitTest::GetInstance()->current_test_info()->name();
        m_pcap = base + ".pcap";
        m_uat = base + ".uat";
        PcapFile pcap;
        pcap.Open(m_pcap, std::ios::out);
        pcap.Init(ipsectest::LINKTYPE_RAW);
        uint32_t second = 0;
        for (const Bytes& frame : m_frames)
        {
            pcap.Write(++second, 0, frame.data(), static_cast<uint32_t>(frame.size()));
        }
        pcap.Close();
        std::ofstream uat(m_uat);
        m_table.WriteTsharkOptions(uat);
        uat.close();
        return ipsectest::Shell(std::string("python3 ") + IPSEC_SOURCE_DIR +
                                "/test/tools/tshark-ipsec-oracle.py " + m_pcap + " " + m_uat +
                                " 2>&1; echo \"exit=$?\"");
    }

    void TearDown() override
    {
        if (!HasFailure() && !m_pcap.empty())
        {
            std::remove(m_pcap.c_str());
            std::remove(m_uat.c_str());
        }
        SimulationTest::TearDown();
    }

    /// The -o options of the table, quoted for the shell. \return the options
    std::string TsharkOptions() const
    {
        std::string args;
        for (const auto& r : m_table.GetRecords())
        {
            args += " -o '" + std::string(Ikev2DecryptionTable::TSHARK_PREFIX) + r + "'";
        }
        return args;
    }

    Ikev2DecryptionTable m_table;      //!< the SAs' keys
    std::vector<size_t> m_reassembled; //!< inner chain octets of each fragmented message
    std::vector<Bytes> m_frames;       //!< IPv4 packets
    std::string m_pcap;                //!< capture path
    std::string m_uat;                 //!< table path
};

TEST_F(SkTsharkTest, WiresharkDecryptsEverySkAndSkfPayload)
{
    Build(false);
    const std::string out = RunOracle();
    const std::string expected = std::to_string(m_frames.size()) + " passed, 0 failed";
    EXPECT_NE(out.find(expected), std::string::npos) << out;
    EXPECT_NE(out.find("exit=0"), std::string::npos) << out;
    EXPECT_EQ(out.find("FAIL"), std::string::npos) << out;

    // tshark reassembles each fragmented message from the SKF contents it decrypted
    // (RFC 7383 2.6) to exactly the inner payload chain that was split.
    const std::string verbose =
        ipsectest::Shell("tshark -n -r " + m_pcap + TsharkOptions() + " -V 2>/dev/null");
    std::vector<size_t> lengths;
    const std::string tag = "[Reassembled ISAKMP length: ";
    for (size_t at = verbose.find(tag); at != std::string::npos; at = verbose.find(tag, at + 1))
    {
        lengths.push_back(std::stoul(verbose.substr(at + tag.size())));
    }
    EXPECT_EQ(lengths, m_reassembled);
    EXPECT_NE(verbose.find("Hash and URL of X.509 certificate"), std::string::npos);
}

TEST_F(SkTsharkTest, OracleNoticesWrongKeys)
{
    Build(true);
    const std::string out = RunOracle();
    EXPECT_NE(out.find("FAIL"), std::string::npos) << out;
    EXPECT_NE(out.find("exit=1"), std::string::npos) << out;
    EXPECT_EQ(out.find(" 0 failed"), std::string::npos) << out;
}

} // namespace
} // namespace ns3
