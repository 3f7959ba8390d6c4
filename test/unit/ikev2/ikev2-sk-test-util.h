/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_IKEV2_SK_TEST_UTIL_H
#define IPSEC_IKEV2_SK_TEST_UTIL_H

#include "../isakmp/ikev2-test-util.h"

#include "ns3/ikev2-auth-payload.h"
#include "ns3/ikev2-cert-payload.h"
#include "ns3/ikev2-id-payload.h"
#include "ns3/ikev2-key-derivation.h"
#include "ns3/ikev2-message.h"
#include "ns3/ikev2-notify-payload.h"
#include "ns3/ikev2-sa-payload.h"
#include "ns3/ikev2-sk-codec.h"
#include "ns3/ikev2-transform-set.h"
#include "ns3/ikev2-ts-payload.h"
#include "ns3/random-source.h"

#include <gtest/gtest.h>
#include <string>
#include <vector>

namespace ns3
{

/// A named IKE SA suite.
struct SkSuite
{
    const char* name;    //!< gtest-safe name
    IkeTransformSet set; //!< the transforms
};

/// \return an IKE transform set
inline IkeTransformSet
Suite(EncrId encr, uint16_t bits, IntegId integ)
{
    IkeTransformSet t;
    t.encr = encr;
    t.encrKeyBits = bits;
    t.integ = integ;
    return t;
}

/// Every IKE SA encryption this module supports, each plain cipher with several MACs.
inline std::vector<SkSuite>
AllSkSuites()
{
    return {
        {"AesCbc128HmacSha1", Suite(EncrId::AES_CBC, 128, IntegId::HMAC_SHA1_96)},
        {"AesCbc128HmacSha256", Suite(EncrId::AES_CBC, 128, IntegId::HMAC_SHA2_256_128)},
        {"AesCbc128HmacSha384", Suite(EncrId::AES_CBC, 128, IntegId::HMAC_SHA2_384_192)},
        {"AesCbc128HmacSha512", Suite(EncrId::AES_CBC, 128, IntegId::HMAC_SHA2_512_256)},
        {"AesCbc128AesXcbc", Suite(EncrId::AES_CBC, 128, IntegId::AES_XCBC_96)},
        {"AesCbc128AesCmac", Suite(EncrId::AES_CBC, 128, IntegId::AES_CMAC_96)},
        {"AesCbc128HmacMd5", Suite(EncrId::AES_CBC, 128, IntegId::HMAC_MD5_96)},
        {"AesCbc192HmacSha256", Suite(EncrId::AES_CBC, 192, IntegId::HMAC_SHA2_256_128)},
        {"AesCbc256HmacSha1", Suite(EncrId::AES_CBC, 256, IntegId::HMAC_SHA1_96)},
        {"AesCbc256HmacSha256", Suite(EncrId::AES_CBC, 256, IntegId::HMAC_SHA2_256_128)},
        {"AesCbc256HmacSha384", Suite(EncrId::AES_CBC, 256, IntegId::HMAC_SHA2_384_192)},
        {"AesCbc256HmacSha512", Suite(EncrId::AES_CBC, 256, IntegId::HMAC_SHA2_512_256)},
        {"AesCbc256AesXcbc", Suite(EncrId::AES_CBC, 256, IntegId::AES_XCBC_96)},
        {"AesCbc256AesCmac", Suite(EncrId::AES_CBC, 256, IntegId::AES_CMAC_96)},
        {"TripleDesHmacSha1", Suite(EncrId::TRIPLE_DES, 0, IntegId::HMAC_SHA1_96)},
        {"AesCtr128HmacSha256", Suite(EncrId::AES_CTR, 128, IntegId::HMAC_SHA2_256_128)},
        {"AesCtr256HmacSha512", Suite(EncrId::AES_CTR, 256, IntegId::HMAC_SHA2_512_256)},
        {"AesGcm8_128", Suite(EncrId::AES_GCM_8, 128, IntegId::NONE)},
        {"AesGcm12_128", Suite(EncrId::AES_GCM_12, 128, IntegId::NONE)},
        {"AesGcm16_128", Suite(EncrId::AES_GCM_16, 128, IntegId::NONE)},
        {"AesGcm16_256", Suite(EncrId::AES_GCM_16, 256, IntegId::NONE)},
        {"AesCcm8_128", Suite(EncrId::AES_CCM_8, 128, IntegId::NONE)},
        {"AesCcm12_192", Suite(EncrId::AES_CCM_12, 192, IntegId::NONE)},
        {"AesCcm16_256", Suite(EncrId::AES_CCM_16, 256, IntegId::NONE)},
        {"ChaCha20Poly1305", Suite(EncrId::CHACHA20_POLY1305, 0, IntegId::NONE)},
    };
}

/// Keys of the sizes a suite takes, each key a distinct pattern (@p seed varies the SA).
inline Ikev2SaKeys
TestKeys(const IkeTransformSet& t, uint8_t seed = 0)
{
    Ikev2KeySizes sizes;
    EXPECT_EQ(Ikev2KeyDerivation::GetIkeSaKeySizes(PrfId::HMAC_SHA2_256,
                                                   t.encr,
                                                   t.encrKeyBits,
                                                   t.integ,
                                                   &sizes),
              CryptoStatus::OK);
    auto pattern = [seed](size_t n, uint8_t base) {
        Bytes b(n);
        for (size_t i = 0; i < n; ++i)
        {
            b[i] = static_cast<uint8_t>(base + seed + 7 * i);
        }
        return b;
    };
    Ikev2SaKeys k;
    k.skEi = pattern(sizes.encrKey, 0x11);
    k.skEr = pattern(sizes.encrKey, 0x22);
    k.skAi = pattern(sizes.integKey, 0x33);
    k.skAr = pattern(sizes.integKey, 0x44);
    return k;
}

/// A random source on a fixed stream.
inline Ptr<RandomSource>
TestRng(int64_t stream)
{
    auto rng = CreateObject<RandomSource>();
    rng->AssignStreams(stream);
    return rng;
}

/// An IKE_AUTH request as an initiator sends it; @p certOctets adds a CERT payload that size
/// (at least 38).
inline Ikev2Message
AuthRequest(uint32_t messageId = 1, size_t certOctets = 0)
{
    Ikev2Message msg;
    Ikev2Header& h = msg.GetHeader();
    h.initiatorSpi = 0x0123456789abcdefULL;
    h.responderSpi = 0xfedcba9876543210ULL;
    h.exchangeType = static_cast<uint8_t>(Ikev2ExchangeType::IKE_AUTH);
    h.flags = Ikev2Header::FLAG_INITIATOR;
    h.messageId = messageId;
    msg.AddEncryptedPayload(std::make_unique<Ikev2IdPayload>(
        true,
        Ikev2IdType::FQDN,
        Bytes{'m', 'o', 'o', 'n', '.', 'e', 'x', 'a', 'm', 'p', 'l', 'e'}));
    if (certOctets > 0)
    {
        // Hash and URL of a certificate (RFC 7296 3.6): a 20-octet hash and a long URL, so
        // that tshark shows it as text rather than parsing an X.509 body.
        Bytes body(20, 0x5a);
        const std::string url = "http://ca.example/";
        body.insert(body.end(), url.begin(), url.end());
        for (size_t i = 0; body.size() < certOctets; ++i)
        {
            body.push_back(static_cast<uint8_t>('a' + i % 26));
        }
        msg.AddEncryptedPayload(
            std::make_unique<Ikev2CertPayload>(Ikev2CertEncoding::HASH_URL_X509_CERT, body));
    }
    msg.AddEncryptedPayload(std::make_unique<Ikev2NotifyPayload>(Ikev2NotifyType::INITIAL_CONTACT));
    msg.AddEncryptedPayload(
        std::make_unique<Ikev2AuthPayload>(static_cast<uint8_t>(AuthMethod::SHARED_KEY_MIC),
                                           Fill(32, 0xa5)));
    auto sa = std::make_unique<Ikev2SaPayload>();
    Ikev2Proposal p;
    p.protocol = Ikev2ProtocolId::ESP;
    p.spi = Hex("c0ffee01");
    Ikev2Transform tr;
    tr.type = static_cast<uint8_t>(Ikev2TransformType::ENCR);
    tr.id = static_cast<uint16_t>(EncrId::AES_GCM_16);
    tr.SetKeyLength(128);
    p.transforms.push_back(tr);
    sa->AddProposal(p);
    msg.AddEncryptedPayload(std::move(sa));
    auto tsi = std::make_unique<Ikev2TsPayload>(true);
    tsi->AddSelector(Ikev2TrafficSelector::Ipv4Range(0x0a000001, 0x0a000001));
    msg.AddEncryptedPayload(std::move(tsi));
    auto tsr = std::make_unique<Ikev2TsPayload>(false);
    tsr->AddSelector(Ikev2TrafficSelector::Ipv4Range(0x0a000100, 0x0a0001ff));
    msg.AddEncryptedPayload(std::move(tsr));
    return msg;
}

/// The inner payload chain of a message, to compare messages octet for octet.
inline Bytes
InnerChain(const Ikev2Message& msg)
{
    uint8_t first = 0;
    Bytes chain = msg.SerializeEncryptedPayloads(first);
    chain.insert(chain.begin(), first);
    return chain;
}

/// Both ends of an IKE SA.
struct SkPair
{
    std::unique_ptr<Ikev2SkCodec> initiator; //!< the original initiator's codec
    std::unique_ptr<Ikev2SkCodec> responder; //!< the original responder's codec
};

/// Codecs of both ends for a suite (CBC IVs from two streams).
inline SkPair
MakePair(const IkeTransformSet& t, uint8_t seed = 0)
{
    const Ikev2SaKeys keys = TestKeys(t, seed);
    std::string error;
    SkPair pair;
    pair.initiator = Ikev2SkCodec::Create(t, keys, true, TestRng(10 + seed), &error);
    EXPECT_TRUE(pair.initiator) << error;
    pair.responder = Ikev2SkCodec::Create(t, keys, false, TestRng(20 + seed), &error);
    EXPECT_TRUE(pair.responder) << error;
    return pair;
}

} // namespace ns3

#endif // IPSEC_IKEV2_SK_TEST_UTIL_H
