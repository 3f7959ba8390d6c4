/* SPDX-License-Identifier: GPL-2.0-only */

// AhCodec (RFC 4302): the ICV is checked against an HMAC the test composes itself with raw
// OpenSSL (EVP_Q_mac) over the header with its mutable fields zeroed by hand.

#include "dataplane-test-util.h"

#include "ns3/ah-codec.h"
#include "ns3/integrity.h"
#include "ns3/security-association.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>

using namespace ns3;
using namespace ns3::test;

namespace
{

Bytes
Hmac(const char* digest, const Bytes& key, const Bytes& data, size_t icvLen)
{
    uint8_t out[EVP_MAX_MD_SIZE];
    size_t outLen = 0;
    if (!EVP_Q_mac(nullptr,
                   "HMAC",
                   nullptr,
                   digest,
                   nullptr,
                   key.data(),
                   key.size(),
                   data.data(),
                   data.size(),
                   out,
                   sizeof(out),
                   &outLen) ||
        outLen < icvLen)
    {
        return {};
    }
    return Bytes(out, out + icvLen);
}

Bytes
Cat(std::initializer_list<Bytes> parts)
{
    Bytes all;
    for (const Bytes& p : parts)
    {
        all.insert(all.end(), p.begin(), p.end());
    }
    return all;
}

SaParams
AhParams(IntegId integ, bool esn = false, IpsecMode mode = IpsecMode::TRANSPORT)
{
    SaParams p;
    p.spi = 0x00c0ffee;
    p.protocol = IpsecProtocol::AH;
    p.mode = mode;
    p.encr = EncrId::NULL_ENCR;
    p.integ = integ;
    p.integKey = TestKey(Integrity::GetKeySize(integ), 0x31);
    p.esn = esn;
    return p;
}

// IPv4 header with options, as sent: IHL 7, TOS 0x28, DF, TTL 64, protocol 51, a checksum,
// options NOP | Record Route (mutable) | Router Alert (immutable).
Bytes
Ipv4Header(size_t totalLength)
{
    Bytes h = FromHex("4728"
                      "0000"
                      "1234"
                      "4000"
                      "40"
                      "33"
                      "abcd"
                      "0a000001"
                      "0a000002"
                      "01"
                      "070304"
                      "94040000");
    h[2] = static_cast<uint8_t>(totalLength >> 8);
    h[3] = static_cast<uint8_t>(totalLength);
    return h;
}

// IPv6 header as sent: traffic class 0xb8, flow label 0x12345, next header 51, hop limit 64.
Bytes
Ipv6Header(size_t payloadLength)
{
    Bytes h = FromHex("6b812345"
                      "0000"
                      "33"
                      "40"
                      "20010db8000000000000000000000001"
                      "20010db8000000000000000000000002");
    h[4] = static_cast<uint8_t>(payloadLength >> 8);
    h[5] = static_cast<uint8_t>(payloadLength);
    return h;
}

} // namespace

TEST(AhCodecTest, HeaderSizesFollowAlignmentRules)
{
    // RFC 4302 2.6 / 3.3.3.2.1: ICV padded to 32 bits (IPv4) or 64 bits (IPv6).
    const struct
    {
        IntegId integ;
        size_t v4;
        size_t v6;
    } cases[] = {
        {IntegId::HMAC_MD5_96, 24, 24},
        {IntegId::HMAC_SHA1_96, 24, 24},
        {IntegId::AES_XCBC_96, 24, 24},
        {IntegId::AES_CMAC_96, 24, 24},
        {IntegId::HMAC_SHA2_256_128, 28, 32},
        {IntegId::HMAC_SHA2_384_192, 36, 40},
        {IntegId::HMAC_SHA2_512_256, 44, 48},
    };

    for (const auto& c : cases)
    {
        auto sa = MustCreate(AhParams(c.integ));
        EXPECT_EQ(AhCodec::GetHeaderSize(*sa, false), c.v4) << static_cast<int>(c.integ);
        EXPECT_EQ(AhCodec::GetHeaderSize(*sa, true), c.v6) << static_cast<int>(c.integ);
    }
}

TEST(AhCodecTest, Ipv4TransportIcvMatchesIndependentHmac)
{
    SaParams p = AhParams(IntegId::HMAC_SHA2_256_128);
    auto out = MustCreate(p);
    out->SetOutboundSequence(41);
    const Bytes payload = FromHex("d43104d2001c0000"
                                  "68656c6c6f2c20414820776f726c6421"); // UDP
    const size_t ahLen = AhCodec::GetHeaderSize(*out, false);
    ASSERT_EQ(ahLen, 28u);
    const Bytes ip = Ipv4Header(28 + ahLen + payload.size());
    Bytes ah;
    CodecResult r = AhCodec::Protect(*out, ip, payload, 17, &ah);
    ASSERT_TRUE(r.IsOk()) << IpsecDropReasonName(r.reason);
    ASSERT_EQ(ah.size(), 28u);
    // RFC 4302 2: next header, length in words - 2, reserved, SPI, sequence.
    EXPECT_EQ(ToHex(ah.data(), 12),
              "11050000"
              "00c0ffee"
              "0000002a");

    // The header with TOS, flags/offset, TTL, checksum and the Record Route option zeroed
    // (RFC 4302 3.3.3.1.1); NOP and Router Alert kept.
    const Bytes zeroedIp = FromHex("4700"
                                   "0000"
                                   "1234"
                                   "0000"
                                   "00"
                                   "33"
                                   "0000"
                                   "0a000001"
                                   "0a000002"
                                   "01"
                                   "000000"
                                   "94040000");
    Bytes zeroedCheck = zeroedIp;
    zeroedCheck[2] = ip[2];
    zeroedCheck[3] = ip[3];
    Bytes viaApi;
    ASSERT_TRUE(AhCodec::ZeroMutableFields(ip, &viaApi));
    EXPECT_EQ(ToHex(viaApi), ToHex(zeroedCheck));
    Bytes ahZero(ah.begin(), ah.begin() + 12);
    ahZero.resize(28, 0);
    const Bytes icv = Hmac("SHA256", p.integKey, Cat({zeroedCheck, ahZero, payload}), 16);
    EXPECT_EQ(ToHex(ah.data() + 12, 16), ToHex(icv));

    // A router changes TTL, checksum, TOS, DF and the Record Route data: still authentic.
    auto in = MustCreate(Inbound(p));
    Bytes routed = ip;
    routed[1] = 0x00;
    routed[6] = 0x00;
    routed[8] = 63;
    routed[10] = 0x12;
    routed[11] = 0x34;
    routed[23] = 0x08;
    const Bytes rest = Cat({ah, payload});
    ByteView body;
    uint8_t nh = 0;
    r = AhCodec::Unprotect(*in, routed, rest, &body, &nh);
    ASSERT_TRUE(r.IsOk()) << IpsecDropReasonName(r.reason);
    EXPECT_EQ(nh, 17);
    EXPECT_EQ(ToHex(body.data, body.size), ToHex(payload));
    EXPECT_EQ(in->GetReplayWindow().GetHighest(), 42u);
    EXPECT_EQ(AhCodec::Unprotect(*in, routed, rest, &body, &nh).reason,
              IpsecDropReason::REPLAY_DUPLICATE);
}

TEST(AhCodecTest, ImmutableFieldsAreProtected)
{
    SaParams p = AhParams(IntegId::HMAC_SHA1_96);
    auto out = MustCreate(p);
    auto in = MustCreate(Inbound(p));
    const Bytes payload = Bytes(40, 0x5a);
    std::vector<Bytes> packets;
    for (int i = 0; i < 6; ++i)
    {
        const Bytes ip = Ipv4Header(28 + 24 + payload.size());
        Bytes ah;
        ASSERT_TRUE(AhCodec::Protect(*out, ip, payload, 6, &ah).IsOk());
        packets.push_back(Cat({ip, ah, payload}));
    }
    ByteView body;
    uint8_t nh = 0;
    // Source address, protocol, Router Alert option, the AH SPI-side field, payload.
    const size_t positions[] = {12, 9, 25, 28 + 1, 28 + 24 + 3};
    for (size_t i = 0; i < 5; ++i)
    {
        Bytes pkt = packets[i];
        pkt[positions[i]] ^= 0x01;
        CodecResult r = AhCodec::Unprotect(*in,
                                           ByteView(pkt.data(), 28),
                                           ByteView(pkt.data() + 28, pkt.size() - 28),
                                           &body,
                                           &nh);
        ASSERT_TRUE(r.IsDrop()) << "offset " << positions[i];
        EXPECT_TRUE(r.reason == IpsecDropReason::ICV_FAILURE ||
                    r.reason == IpsecDropReason::MALFORMED)
            << "offset " << positions[i] << ": " << IpsecDropReasonName(r.reason);
    }
    EXPECT_GE(in->GetCounters().integrityDrops, 3u); // a changed protocol is MALFORMED
    const Bytes& good = packets[5];
    EXPECT_TRUE(AhCodec::Unprotect(*in,
                                   ByteView(good.data(), 28),
                                   ByteView(good.data() + 28, good.size() - 28),
                                   &body,
                                   &nh)
                    .IsOk());
}

TEST(AhCodecTest, Ipv6TunnelWithEsnMatchesIndependentHmac)
{
    SaParams p = AhParams(IntegId::HMAC_SHA2_512_256, true, IpsecMode::TUNNEL);
    auto out = MustCreate(p);
    out->SetOutboundSequence(0x00000005ffffffffULL);
    const Bytes inner = FromHex("45000020000100004011f9c80a0001010a000202"
                                "04d2162e000c0000"
                                "cafe0001");
    const size_t ahLen = AhCodec::GetHeaderSize(*out, true);
    ASSERT_EQ(ahLen, 48u); // 12 + 32, padded to 64 bits
    const Bytes ip = Ipv6Header(ahLen + inner.size());
    Bytes ah;
    ASSERT_TRUE(AhCodec::Protect(*out, ip, inner, 4, &ah).IsOk());
    EXPECT_EQ(ToHex(ah.data(), 12),
              "040a0000"
              "00c0ffee"
              "00000000");
    // Traffic class, flow label and hop limit zeroed (RFC 4302 3.3.3.1.2).
    Bytes zeroedIp = ip;
    zeroedIp[0] = 0x60;
    zeroedIp[1] = zeroedIp[2] = zeroedIp[3] = 0;
    zeroedIp[7] = 0;
    Bytes ahZero(ah.begin(), ah.begin() + 12);
    ahZero.resize(48, 0);
    const Bytes seqHigh = FromHex("00000006"); // RFC 4302 3.3.3.3.1: ESN high bits appended
    const Bytes icv = Hmac("SHA512", p.integKey, Cat({zeroedIp, ahZero, inner, seqHigh}), 32);
    EXPECT_EQ(ToHex(ah.data() + 12, 32), ToHex(icv));
    EXPECT_EQ(ToHex(ah.data() + 44, 4), "00000000"); // padding

    auto in = MustCreate(Inbound(p));
    in->GetReplayWindow().Accept(0x00000005fffffff0ULL);
    Bytes routed = ip;
    routed[7] = 1;     // hop limit
    routed[1] ^= 0x0f; // flow label
    const Bytes rest = Cat({ah, inner});
    ByteView body;
    uint8_t nh = 0;
    CodecResult r = AhCodec::Unprotect(*in, routed, rest, &body, &nh);
    ASSERT_TRUE(r.IsOk()) << IpsecDropReasonName(r.reason);
    EXPECT_EQ(nh, 4);
    EXPECT_EQ(ToHex(body.data, body.size), ToHex(inner));
    EXPECT_EQ(in->GetReplayWindow().GetHighest(), 0x0000000600000000ULL);

    // A receiver in the wrong 2^32 epoch computes a different ICV.
    auto stale = MustCreate(Inbound(p));
    stale->GetReplayWindow().Accept(0x100); // epoch 0: infers high bits 1, not 6
    EXPECT_EQ(AhCodec::Unprotect(*stale, routed, rest, &body, &nh).reason,
              IpsecDropReason::ICV_FAILURE);
}

TEST(AhCodecTest, AllIntegrityTransformsRoundTrip)
{
    for (IntegId integ : {IntegId::HMAC_MD5_96,
                          IntegId::HMAC_SHA1_96,
                          IntegId::AES_XCBC_96,
                          IntegId::AES_CMAC_96,
                          IntegId::HMAC_SHA2_256_128,
                          IntegId::HMAC_SHA2_384_192,
                          IntegId::HMAC_SHA2_512_256})
    {
        for (bool v6 : {false, true})
        {
            SaParams p = AhParams(integ, v6);
            auto out = MustCreate(p);
            auto in = MustCreate(Inbound(p));
            const Bytes payload = TestKey(77, 3);
            const size_t ahLen = AhCodec::GetHeaderSize(*out, v6);
            const Bytes ip =
                v6 ? Ipv6Header(ahLen + payload.size()) : Ipv4Header(28 + ahLen + payload.size());
            Bytes ah;
            ASSERT_TRUE(AhCodec::Protect(*out, ip, payload, 17, &ah).IsOk());
            EXPECT_EQ(ah.size() % (v6 ? 8 : 4), 0u);
            EXPECT_EQ((ah[1] + 2u) * 4u, ah.size());
            const Bytes rest = Cat({ah, payload});
            ByteView body;
            uint8_t nh = 0;
            EXPECT_TRUE(AhCodec::Unprotect(*in, ip, rest, &body, &nh).IsOk())
                << static_cast<int>(integ) << (v6 ? " v6" : " v4");
            Bytes bad = rest;
            bad[12] ^= 0x80; // ICV
            auto in2 = MustCreate(Inbound(p));
            EXPECT_EQ(AhCodec::Unprotect(*in2, ip, bad, &body, &nh).reason,
                      IpsecDropReason::ICV_FAILURE);
        }
    }
}

TEST(AhCodecTest, MalformedInputIsRejected)
{
    SaParams p = AhParams(IntegId::HMAC_SHA2_256_128);
    auto out = MustCreate(p);
    auto in = MustCreate(Inbound(p));
    const Bytes payload(20, 1);
    const Bytes ip = Ipv4Header(28 + 28 + payload.size());
    Bytes ah;
    ASSERT_TRUE(AhCodec::Protect(*out, ip, payload, 17, &ah).IsOk());
    const Bytes rest = Cat({ah, payload});
    ByteView body;
    uint8_t nh = 0;
    // Truncated AH.
    for (size_t n : {0, 5, 11, 20, 27})
    {
        EXPECT_EQ(AhCodec::Unprotect(*in, ip, ByteView(rest.data(), n), &body, &nh).reason,
                  IpsecDropReason::MALFORMED)
            << n;
    }
    // Length field that does not fit the SA's ICV.
    Bytes badLen = rest;
    badLen[1] = 3;
    EXPECT_EQ(AhCodec::Unprotect(*in, ip, badLen, &body, &nh).reason, IpsecDropReason::MALFORMED);
    // IPv4 option running past the header, zero-length option, bad IHL.
    Bytes badOpt = ip;
    badOpt[22] = 9; // Record Route length
    EXPECT_EQ(AhCodec::Unprotect(*in, badOpt, rest, &body, &nh).reason, IpsecDropReason::MALFORMED);
    badOpt[22] = 0;
    EXPECT_EQ(AhCodec::Protect(*out, badOpt, payload, 17, &ah).reason, IpsecDropReason::MALFORMED);
    Bytes badIhl = ip;
    badIhl[0] = 0x44;
    Bytes z;
    EXPECT_FALSE(AhCodec::ZeroMutableFields(badIhl, &z));
    EXPECT_FALSE(AhCodec::ZeroMutableFields(Bytes{0x60, 0, 0}, &z));
    // Still fine afterwards.
    EXPECT_TRUE(AhCodec::Unprotect(*in, ip, rest, &body, &nh).IsOk());
}

TEST(AhCodecTest, SequenceOverflowWithoutEsn)
{
    auto out = MustCreate(AhParams(IntegId::HMAC_SHA1_96));
    out->SetOutboundSequence(0xffffffffULL);
    const Bytes ip = Ipv4Header(28 + 24 + 4);
    Bytes ah;
    EXPECT_EQ(AhCodec::Protect(*out, ip, Bytes(4, 0), 17, &ah).reason,
              IpsecDropReason::SEQUENCE_OVERFLOW);
    EXPECT_EQ(out->GetState(), SaState::DEAD);
}

TEST(AhCodecTest, Ipv6ExtensionHeadersBeforeAh)
{
    // Base header -> Hop-by-Hop (next 60) -> Destination Options (next 51) -> AH.
    // Hop-by-Hop holds Router Alert (type 0x05, immutable) and PadN; Destination Options
    // holds an option of type 0x3e whose "changes en route" bit (0x20) is set.
    SaParams p = AhParams(IntegId::HMAC_SHA2_256_128);
    auto out = MustCreate(p);
    auto in = MustCreate(Inbound(p));
    const Bytes payload = TestKey(24, 9);
    Bytes ip = Ipv6Header(0);
    ip[6] = 0; // Hop-by-Hop follows
    const Bytes hbh = FromHex("3c00"
                              "05020000"
                              "0100"); // next 60, len 0 (8 octets)
    const Bytes dst = FromHex("3300"
                              "3e04aabbccdd"); // next 51, len 0
    ip.insert(ip.end(), hbh.begin(), hbh.end());
    ip.insert(ip.end(), dst.begin(), dst.end());
    const size_t ahLen = AhCodec::GetHeaderSize(*out, true);
    const size_t plen = ip.size() - 40 + ahLen + payload.size();
    ip[4] = static_cast<uint8_t>(plen >> 8);
    ip[5] = static_cast<uint8_t>(plen);
    Bytes ah;
    ASSERT_TRUE(AhCodec::Protect(*out, ip, payload, 17, &ah).IsOk());

    Bytes zeroed = ip;
    zeroed[0] = 0x60;
    zeroed[1] = zeroed[2] = zeroed[3] = 0;
    zeroed[7] = 0;
    zeroed[40 + 8 + 4] = zeroed[40 + 8 + 5] = zeroed[40 + 8 + 6] = zeroed[40 + 8 + 7] = 0;
    Bytes viaApi;
    ASSERT_TRUE(AhCodec::ZeroMutableFields(ip, &viaApi));
    EXPECT_EQ(ToHex(viaApi), ToHex(zeroed));
    Bytes ahZero(ah.begin(), ah.begin() + 12);
    ahZero.resize(ahLen, 0);
    EXPECT_EQ(ToHex(ah.data() + 12, 16),
              ToHex(Hmac("SHA256", p.integKey, Cat({zeroed, ahZero, payload}), 16)));

    // The mutable option's data changes en route: still authentic. The Router Alert value
    // is immutable: a change there fails.
    Bytes routed = ip;
    routed[40 + 8 + 5] = 0x99;
    const Bytes rest = Cat({ah, payload});
    ByteView body;
    uint8_t nh = 0;
    EXPECT_TRUE(AhCodec::Unprotect(*in, routed, rest, &body, &nh).IsOk());
    routed[40 + 4] = 0x01;
    auto in2 = MustCreate(Inbound(p));
    EXPECT_EQ(AhCodec::Unprotect(*in2, routed, rest, &body, &nh).reason,
              IpsecDropReason::ICV_FAILURE);

    // A chain that does not end in AH, or holds a Fragment header, is not an AH packet.
    Bytes notAh = ip;
    notAh[40 + 8] = 6;
    EXPECT_FALSE(AhCodec::ZeroMutableFields(notAh, &viaApi));
    Bytes frag = ip;
    frag[40] = 44;
    EXPECT_FALSE(AhCodec::ZeroMutableFields(frag, &viaApi));
    Bytes v4 = Ipv4Header(60);
    v4[9] = 50;
    EXPECT_FALSE(AhCodec::ZeroMutableFields(v4, &viaApi));
}

TEST(AhCodecTest, RandomInputIsRejectedCleanly)
{
    // Garbage of every length up to 200 octets after a valid header: never accepted, never a
    // crash (run under ASan/UBSan with IPSEC_SANITIZE).
    SaParams p = AhParams(IntegId::HMAC_SHA1_96);
    auto in = MustCreate(Inbound(p));
    Ptr<RandomSource> rng = MakeRandomSource(3);
    const Bytes ip = Ipv4Header(100);
    ByteView body;
    uint8_t nh = 0;
    for (size_t n = 0; n < 200; ++n)
    {
        Bytes junk = rng->Generate(n);
        if (n >= 8)
        {
            junk[4] = 0x00; // our SPI half of the time, so the deeper checks run
            junk[5] = (n % 2) ? 0xc0 : 0x12;
            junk[6] = 0xff;
            junk[7] = 0xee;
        }
        CodecResult r = AhCodec::Unprotect(*in, ip, junk, &body, &nh);
        EXPECT_TRUE(r.IsDrop()) << n;
    }
}
