/* SPDX-License-Identifier: GPL-2.0-only */

// Ikev2SkCodec, the SK payload (RFC 7296 3.14, RFC 5282): known answers from messages published
// with their keys in AOSP's IKE library tests (test/vectors/isakmp-ikev2-aosp-messages.txt), the
// RFC byte layout rebuilt by hand with the crypto layer for every supported suite, round trips
// in both directions, and the failures: tampering, truncation, bad padding, a bad inner chain.

#include "ikev2-sk-test-util.h"
#include "simulation-test.h"

#include "ns3/cipher.h"
#include "ns3/ikev2-encrypted-payload.h"
#include "ns3/integrity.h"

#include <gtest/gtest.h>
#include <random>
#include <set>

namespace ns3
{
namespace
{

constexpr size_t kHeader = 28;   // RFC 7296 3.1
constexpr size_t kSkHeader = 4;  // RFC 7296 3.2
constexpr uint8_t kSk = 46;      // RFC 7296 3.14
constexpr uint8_t kFirstIv = 32; // IV offset in a message whose only payload is SK

/// IV and ICV octets by RFC, independent of the crypto layer's own accessors.
struct Sizes
{
    size_t iv;
    size_t icv;
    size_t block;
};

Sizes
RfcSizes(const IkeTransformSet& t)
{
    size_t icv = 0;
    switch (t.integ)
    {
    case IntegId::HMAC_SHA2_256_128: // RFC 4868 2.3
        icv = 16;
        break;
    case IntegId::HMAC_SHA2_384_192:
        icv = 24;
        break;
    case IntegId::HMAC_SHA2_512_256:
        icv = 32;
        break;
    default: // HMAC-SHA1-96, HMAC-MD5-96, AES-XCBC-96, AES-CMAC-96: 96 bits
        icv = 12;
    }
    switch (t.encr)
    {
    case EncrId::AES_CBC: // RFC 3602 3: IV = block = 16
        return {16, icv, 16};
    case EncrId::TRIPLE_DES: // RFC 2451: 8-octet blocks
        return {8, icv, 8};
    case EncrId::AES_CTR: // RFC 5930 / 3686: 8-octet IV, no padding needed
        return {8, icv, 1};
    case EncrId::AES_GCM_8:
    case EncrId::AES_CCM_8: // RFC 5282: 8-octet IV, ICV in the name
        return {8, 8, 1};
    case EncrId::AES_GCM_12:
    case EncrId::AES_CCM_12:
        return {8, 12, 1};
    default: // GCM-16, CCM-16, ChaCha20-Poly1305 (RFC 7634: 16-octet tag)
        return {8, 16, 1};
    }
}

/// RFC 7296 3.14 / RFC 5282 5.1 built by hand: header, SK header, IV, encrypted content with
/// minimal zero padding and Pad Length, ICV over the message (or AEAD tag with AAD = all before
/// the IV).
Bytes
RfcSk(const IkeTransformSet& t,
      const Bytes& encrKey,
      const Bytes& integKey,
      const Ikev2Message& msg,
      const Bytes& iv)
{
    const Sizes s = RfcSizes(t);
    uint8_t first = 0;
    Bytes plain = msg.SerializeEncryptedPayloads(first);
    const size_t pad = (s.block - (plain.size() + 1) % s.block) % s.block;
    plain.insert(plain.end(), pad, 0);
    plain.push_back(static_cast<uint8_t>(pad));
    Ikev2Header h = msg.GetHeader();
    h.nextPayload = kSk;
    h.length = static_cast<uint32_t>(kHeader + kSkHeader + s.iv + plain.size() + s.icv);
    Bytes out;
    h.Serialize(out);
    const size_t skLength = kSkHeader + s.iv + plain.size() + s.icv;
    out.push_back(first);
    out.push_back(0);
    out.push_back(static_cast<uint8_t>(skLength >> 8));
    out.push_back(static_cast<uint8_t>(skLength));
    const Bytes aad = out; // RFC 5282 5.1: everything before the IV
    out.insert(out.end(), iv.begin(), iv.end());
    auto cipher = Cipher::Create(t.encr, encrKey);
    EXPECT_TRUE(cipher);
    Bytes ct(plain.size());
    Bytes icv(s.icv);
    if (Cipher::IsAeadId(t.encr))
    {
        EXPECT_EQ(cipher->Encrypt(iv.data(), aad, plain, ct.data(), icv.data()), CryptoStatus::OK);
        out.insert(out.end(), ct.begin(), ct.end());
    }
    else
    {
        EXPECT_EQ(cipher->Encrypt(iv.data(), ByteView(), plain, ct.data(), nullptr),
                  CryptoStatus::OK);
        out.insert(out.end(), ct.begin(), ct.end());
        auto integ = Integrity::Create(t.integ, integKey);
        EXPECT_TRUE(integ);
        EXPECT_EQ(integ->Compute({ByteView(out)}, icv.data()), CryptoStatus::OK);
    }
    out.insert(out.end(), icv.begin(), icv.end());
    return out;
}

/// Keys for a vector: the published direction, the other one filled with a pattern.
Ikev2SaKeys
VectorKeys(const IkeTransformSet& t, bool fromInitiator, const Bytes& encr, const Bytes& integ)
{
    Ikev2SaKeys k = TestKeys(t);
    (fromInitiator ? k.skEi : k.skEr) = encr;
    (fromInitiator ? k.skAi : k.skAr) = integ;
    return k;
}

/// The codec that receives what @p fromInitiator's end sent (and sends as the other end).
std::unique_ptr<Ikev2SkCodec>
Receiver(const IkeTransformSet& t, const Ikev2SaKeys& k, bool fromInitiator)
{
    std::string error;
    auto codec = Ikev2SkCodec::Create(t, k, !fromInitiator, TestRng(1), &error);
    EXPECT_TRUE(codec) << error;
    return codec;
}

/// The codec of the end that sent it.
std::unique_ptr<Ikev2SkCodec>
Sender(const IkeTransformSet& t, const Ikev2SaKeys& k, bool fromInitiator)
{
    std::string error;
    auto codec = Ikev2SkCodec::Create(t, k, fromInitiator, TestRng(2), &error);
    EXPECT_TRUE(codec) << error;
    return codec;
}

/// The published plaintext without its padding (RFC 7296 3.14: the last octet is Pad Length).
Bytes
Unpadded(const Bytes& padded)
{
    return Bytes(padded.begin(), padded.end() - 1 - padded.back());
}

class SkKnownAnswerTest : public SimulationTest
{
};

const IkeTransformSet kAosp = Suite(EncrId::AES_CBC, 128, IntegId::HMAC_SHA1_96);

TEST_F(SkKnownAnswerTest, AospIkeAuthRequestDecryptsToThePublishedPlaintext)
{
    const Ikev2SaKeys k = VectorKeys(kAosp,
                                     true,
                                     AospVector("ENCR_KEY_FROM_INIT_TO_RESP"),
                                     AospVector("INTE_KEY_FROM_INIT_TO_RESP"));
    auto responder = Receiver(kAosp, k, true);
    const Bytes datagram = AospVector("IKE_AUTH_HEX_STRING");
    Ikev2Message header;
    Bytes content;
    ASSERT_EQ(responder->Open(datagram, &header, &content), Ikev2SkStatus::OK);
    EXPECT_EQ(content, Unpadded(AospVector("IKE_AUTH_UNENCRYPTED_PADDED_DATA_HEX_STRING")));

    Ikev2Message msg;
    ASSERT_EQ(responder->Unprotect(datagram, &msg), Ikev2SkStatus::OK);
    EXPECT_EQ(msg.ToString(),
              "IKE_AUTH request 1 [ SK{ IDi IDr AUTH SA TSi TSr N(INITIAL_CONTACT) "
              "N(SET_WINDOW_SIZE) } ]");
    const Bytes chain = InnerChain(msg); // first inner type, then the chain
    EXPECT_EQ(Bytes(chain.begin() + 1, chain.end()), content);
}

TEST_F(SkKnownAnswerTest, AospIkeAuthRequestIsReproducedOctetForOctet)
{
    const Ikev2SaKeys k = VectorKeys(kAosp,
                                     true,
                                     AospVector("ENCR_KEY_FROM_INIT_TO_RESP"),
                                     AospVector("INTE_KEY_FROM_INIT_TO_RESP"));
    const Bytes published = AospVector("IKE_AUTH_HEX_STRING");
    Ikev2Message msg;
    ASSERT_EQ(Receiver(kAosp, k, true)->Unprotect(published, &msg), Ikev2SkStatus::OK);

    auto initiator = Sender(kAosp, k, true);
    initiator->SetNextIv(AospVector("IKE_AUTH_INIT_REQUEST_IV"));
    Bytes datagram;
    ASSERT_EQ(initiator->Protect(msg, &datagram), Ikev2SkStatus::OK);
    EXPECT_EQ(datagram, published);
    const Bytes checksum = AospVector("IKE_AUTH_EXPECTED_CHECKSUM_HEX_STRING");
    ASSERT_GE(datagram.size(), checksum.size());
    EXPECT_EQ(Bytes(datagram.end() - checksum.size(), datagram.end()), checksum);
    // The message now carries the SK body it was sent with.
    const auto* sk = dynamic_cast<const Ikev2EncryptedPayload*>(msg.GetEncryptedPayload());
    ASSERT_TRUE(sk);
    EXPECT_EQ(sk->GetBody(), Bytes(published.begin() + kFirstIv, published.end()));
}

TEST_F(SkKnownAnswerTest, AospEmptyInformationalResponse)
{
    // Sent by the original initiator (flags I|R) of the same IKE SA, so under SK_ei/SK_ai.
    const Ikev2SaKeys k = VectorKeys(kAosp,
                                     true,
                                     AospVector("ENCR_KEY_FROM_INIT_TO_RESP"),
                                     AospVector("INTE_KEY_FROM_INIT_TO_RESP"));
    const Bytes published = AospVector("IKE_EMPTY_INFO_MSG_HEX_STRING");
    Ikev2Message msg;
    ASSERT_EQ(Receiver(kAosp, k, true)->Unprotect(published, &msg), Ikev2SkStatus::OK);
    EXPECT_EQ(msg.ToString(), "INFORMATIONAL response 0 [ SK{ } ]");
    EXPECT_TRUE(msg.GetEncryptedPayloads().empty());

    // Empty content: one block of zero padding and Pad Length 15, as AOSP sent it.
    auto initiator = Sender(kAosp, k, true);
    initiator->SetNextIv(Bytes(published.begin() + kFirstIv, published.begin() + kFirstIv + 16));
    Bytes datagram;
    ASSERT_EQ(initiator->Protect(msg, &datagram), Ikev2SkStatus::OK);
    EXPECT_EQ(datagram, published);
}

TEST_F(SkKnownAnswerTest, AospTripleDesResponse)
{
    const IkeTransformSet t = Suite(EncrId::TRIPLE_DES, 0, IntegId::HMAC_SHA1_96);
    const Ikev2SaKeys k = VectorKeys(t,
                                     false,
                                     AospVector("HMAC_SHA1_3DES_MSG_ENCR_KEY"),
                                     AospVector("HMAC_SHA1_3DES_MSG_INTE_KEY"));
    auto initiator = Receiver(t, k, false);
    const Bytes datagram = AospVector("HMAC_SHA1_3DES_MSG_HEX_STRING");
    Ikev2Message outer;
    Bytes content;
    ASSERT_EQ(initiator->Open(datagram, &outer, &content), Ikev2SkStatus::OK);
    EXPECT_EQ(content, AospVector("HMAC_SHA1_3DES_DECRYPTED_BODY_HEX_STRING"));
    Ikev2Message msg;
    ASSERT_EQ(initiator->Unprotect(datagram, &msg), Ikev2SkStatus::OK);
    EXPECT_EQ(msg.ToString(), "IKE_AUTH response 2 [ SK{ EAP } ]");
}

TEST_F(SkKnownAnswerTest, AospTripleDesFragmentAndItsEditedCopy)
{
    const IkeTransformSet t = Suite(EncrId::TRIPLE_DES, 0, IntegId::HMAC_SHA1_96);
    const Ikev2SaKeys k = VectorKeys(t,
                                     false,
                                     AospVector("HMAC_SHA1_3DES_FRAG_ENCR_KEY"),
                                     AospVector("HMAC_SHA1_3DES_FRAG_INTE_KEY"));
    auto initiator = Receiver(t, k, false);
    const Bytes datagram = AospVector("HMAC_SHA1_3DES_FRAG_HEX_STRING");
    Ikev2Message outer;
    Bytes content;
    ASSERT_EQ(initiator->Open(datagram, &outer, &content), Ikev2SkStatus::OK);
    EXPECT_EQ(content, AospVector("HMAC_SHA1_3DES_FRAG_DECRYPTED_BODY_HEX_STRING"));

    // Fragment 5 of 5 alone: verified and kept, the message is not complete.
    Ikev2Message msg;
    EXPECT_EQ(initiator->Unprotect(datagram, &msg), Ikev2SkStatus::FRAGMENT_PENDING);
    EXPECT_EQ(initiator->GetPendingFragments(), 1u);
    EXPECT_EQ(msg.GetHeader().messageId, 1u);

    // RFC 7383 2.5: the ICV covers Fragment Number and Total Fragments, so the copy whose
    // fields were rewritten to 2/2 fails.
    auto fresh = Receiver(t, k, false);
    EXPECT_EQ(fresh->Unprotect(AospVector("IKE_FRAG_HEX_STRING"), &msg),
              Ikev2SkStatus::INTEGRITY_FAILED);
    EXPECT_EQ(fresh->GetPendingFragments(), 0u);
}

TEST_F(SkKnownAnswerTest, AospAesGcmRequestBothWays)
{
    const IkeTransformSet t = Suite(EncrId::AES_GCM_16, 256, IntegId::NONE);
    const Ikev2SaKeys k = VectorKeys(t, true, AospVector("AES_GCM_MSG_ENCR_KEY"), Bytes());
    const Bytes published = AospVector("AES_GCM_MSG_HEX_STRING");
    auto responder = Receiver(t, k, true);
    Ikev2Message outer;
    Bytes content;
    ASSERT_EQ(responder->Open(published, &outer, &content), Ikev2SkStatus::OK);
    EXPECT_EQ(content, AospVector("AES_GCM_MSG_DECRYPTED_BODY_HEX_STRING"));
    Ikev2Message msg;
    ASSERT_EQ(responder->Unprotect(published, &msg), Ikev2SkStatus::OK);
    EXPECT_EQ(msg.ToString(), "IKE_AUTH request 5 [ SK{ AUTH } ]");

    auto initiator = Sender(t, k, true);
    initiator->SetNextIv(AospVector("AES_GCM_MSG_IV"));
    Bytes datagram;
    ASSERT_EQ(initiator->Protect(msg, &datagram), Ikev2SkStatus::OK);
    EXPECT_EQ(datagram, published);
}

TEST_F(SkKnownAnswerTest, AospAesGcmFragment)
{
    // RFC 7383 2.5 with an AEAD: the AAD runs through Fragment Number and Total Fragments.
    const IkeTransformSet t = Suite(EncrId::AES_GCM_16, 256, IntegId::NONE);
    const Ikev2SaKeys k = VectorKeys(t, false, AospVector("AES_GCM_FRAG_ENCR_KEY"), Bytes());
    auto initiator = Receiver(t, k, false);
    const Bytes datagram = AospVector("AES_GCM_FRAG_HEX_STRING");
    Ikev2Message outer;
    Bytes content;
    ASSERT_EQ(initiator->Open(datagram, &outer, &content), Ikev2SkStatus::OK);
    EXPECT_EQ(content, AospVector("AES_GCM_FRAG_DECRYPTED_BODY_HEX_STRING"));
    Ikev2Message msg;
    EXPECT_EQ(initiator->Unprotect(datagram, &msg), Ikev2SkStatus::FRAGMENT_PENDING);
}

TEST_F(SkKnownAnswerTest, PlainMessageHasNoEncryptedPayload)
{
    const Ikev2SaKeys k = TestKeys(kAosp);
    Ikev2Message msg;
    EXPECT_EQ(Receiver(kAosp, k, true)->Unprotect(AospVector("IKE_SA_INIT_RAW_PACKET"), &msg),
              Ikev2SkStatus::NO_ENCRYPTED_PAYLOAD);
    EXPECT_EQ(msg.GetExchangeType(), Ikev2ExchangeType::IKE_SA_INIT);
}

class SkSuiteTest : public SimulationTest, public ::testing::WithParamInterface<SkSuite>
{
};

TEST_P(SkSuiteTest, MatchesTheRfcLayoutBuiltByHand)
{
    const IkeTransformSet& t = GetParam().set;
    const Ikev2SaKeys k = TestKeys(t);
    const Sizes s = RfcSizes(t);
    SkPair pair = MakePair(t);
    EXPECT_EQ(pair.initiator->GetIvSize(), s.iv);
    EXPECT_EQ(pair.initiator->GetIcvSize(), s.icv);
    EXPECT_EQ(pair.initiator->GetBlockSize(), s.block);

    Bytes iv(s.iv);
    for (size_t i = 0; i < iv.size(); ++i)
    {
        iv[i] = static_cast<uint8_t>(0xa0 + i);
    }
    Ikev2Message request = AuthRequest();
    pair.initiator->SetNextIv(iv);
    Bytes datagram;
    ASSERT_EQ(pair.initiator->Protect(request, &datagram), Ikev2SkStatus::OK);
    EXPECT_EQ(datagram, RfcSk(t, k.skEi, k.skAi, request, iv));
    EXPECT_EQ(datagram.size(), pair.initiator->GetProtectedSize(InnerChain(request).size() - 1));

    Ikev2Message response = AuthRequest();
    response.GetHeader().flags = Ikev2Header::FLAG_RESPONSE;
    pair.responder->SetNextIv(iv);
    ASSERT_EQ(pair.responder->Protect(response, &datagram), Ikev2SkStatus::OK);
    EXPECT_EQ(datagram, RfcSk(t, k.skEr, k.skAr, response, iv));
}

TEST_P(SkSuiteTest, RoundTripsInBothDirections)
{
    SkPair pair = MakePair(GetParam().set);
    for (int i = 0; i < 3; ++i)
    {
        Ikev2Message request = AuthRequest(i + 1);
        Bytes datagram;
        ASSERT_EQ(pair.initiator->Protect(request, &datagram), Ikev2SkStatus::OK);
        Ikev2Message received;
        ASSERT_EQ(pair.responder->Unprotect(datagram, &received), Ikev2SkStatus::OK);
        EXPECT_EQ(received.ToString(), request.ToString());
        EXPECT_EQ(InnerChain(received), InnerChain(request));
        EXPECT_EQ(received.GetHeader().messageId, static_cast<uint32_t>(i + 1));

        Ikev2Message response = AuthRequest(i + 1);
        response.GetHeader().flags = Ikev2Header::FLAG_RESPONSE;
        ASSERT_EQ(pair.responder->Protect(response, &datagram), Ikev2SkStatus::OK);
        ASSERT_EQ(pair.initiator->Unprotect(datagram, &received), Ikev2SkStatus::OK);
        EXPECT_EQ(InnerChain(received), InnerChain(response));
        EXPECT_TRUE(received.GetHeader().IsResponse());
    }
}

TEST_P(SkSuiteTest, EachDirectionHasItsOwnKeys)
{
    // RFC 7296 2.14: what the initiator sends is under SK_ei/SK_ai; it reads SK_er/SK_ar.
    SkPair pair = MakePair(GetParam().set);
    Ikev2Message request = AuthRequest();
    Bytes datagram;
    ASSERT_EQ(pair.initiator->Protect(request, &datagram), Ikev2SkStatus::OK);
    Ikev2Message received;
    EXPECT_EQ(pair.initiator->Unprotect(datagram, &received), Ikev2SkStatus::INTEGRITY_FAILED);
    // Another IKE SA's keys fail too.
    SkPair other = MakePair(GetParam().set, 1);
    EXPECT_EQ(other.responder->Unprotect(datagram, &received), Ikev2SkStatus::INTEGRITY_FAILED);
}

TEST_P(SkSuiteTest, IvsDoNotRepeat)
{
    SkPair pair = MakePair(GetParam().set);
    const size_t ivSize = pair.initiator->GetIvSize();
    std::set<Bytes> seen;
    for (int i = 0; i < 64; ++i)
    {
        Ikev2Message request = AuthRequest();
        Bytes datagram;
        ASSERT_EQ(pair.initiator->Protect(request, &datagram), Ikev2SkStatus::OK);
        seen.insert(Bytes(datagram.begin() + kFirstIv, datagram.begin() + kFirstIv + ivSize));
    }
    EXPECT_EQ(seen.size(), 64u);
}

TEST_P(SkSuiteTest, AnyTamperedOctetIsRejected)
{
    SkPair pair = MakePair(GetParam().set);
    Ikev2Message request = AuthRequest();
    Bytes datagram;
    ASSERT_EQ(pair.initiator->Protect(request, &datagram), Ikev2SkStatus::OK);
    // Octets that frame the message (header Next Payload and Length, SK Payload Length):
    // changing them may break the parse before any key is used. Every other octet (SPIs,
    // version, exchange type, flags, Message ID, SK header, IV, ciphertext, ICV) is covered by
    // the ICV or the AEAD tag.
    const std::set<size_t> framing = {16, 24, 25, 26, 27, 30, 31};
    for (size_t i = 0; i < datagram.size(); ++i)
    {
        for (uint8_t mask : {0x01, 0x80})
        {
            if (i == 17 && mask == 0x80)
            {
                continue; // a major version other than 2 is a parse error (RFC 7296 3.1)
            }
            Bytes tampered = datagram;
            tampered[i] ^= mask;
            Ikev2Message received;
            const Ikev2SkStatus status = pair.responder->Unprotect(tampered, &received);
            if (framing.count(i))
            {
                EXPECT_NE(status, Ikev2SkStatus::OK) << "octet " << i;
            }
            else
            {
                EXPECT_EQ(status, Ikev2SkStatus::INTEGRITY_FAILED)
                    << "octet " << i << " mask " << int(mask) << ": " << Ikev2SkStatusName(status);
            }
        }
    }
    // The genuine datagram still opens: failures leave no state behind.
    Ikev2Message received;
    EXPECT_EQ(pair.responder->Unprotect(datagram, &received), Ikev2SkStatus::OK);
}

TEST_P(SkSuiteTest, TruncatedDatagramsAreMalformed)
{
    SkPair pair = MakePair(GetParam().set);
    Ikev2Message request = AuthRequest();
    Bytes datagram;
    ASSERT_EQ(pair.initiator->Protect(request, &datagram), Ikev2SkStatus::OK);
    for (size_t n = 0; n < datagram.size(); ++n)
    {
        Ikev2Message received;
        EXPECT_EQ(pair.responder->Unprotect(ByteView(datagram.data(), n), &received),
                  Ikev2SkStatus::MALFORMED)
            << n << " octets";
    }
    // Consistently shortened (lengths rewritten) below IV + ICV, or to a ciphertext that is
    // empty or not whole blocks: the SK framing is broken.
    const size_t ivIcv = pair.initiator->GetIvSize() + pair.initiator->GetIcvSize();
    for (size_t body : {size_t{0}, ivIcv - 1, ivIcv})
    {
        Bytes cut(datagram.begin(), datagram.begin() + kFirstIv + body);
        cut[26] = static_cast<uint8_t>(cut.size() >> 8);
        cut[27] = static_cast<uint8_t>(cut.size());
        cut[30] = static_cast<uint8_t>((kSkHeader + body) >> 8);
        cut[31] = static_cast<uint8_t>(kSkHeader + body);
        Ikev2Message received;
        EXPECT_EQ(pair.responder->Unprotect(cut, &received), Ikev2SkStatus::MALFORMED) << body;
    }
}

INSTANTIATE_TEST_SUITE_P(AllSuites,
                         SkSuiteTest,
                         ::testing::ValuesIn(AllSkSuites()),
                         [](const ::testing::TestParamInfo<SkSuite>& info) {
                             return std::string(info.param.name);
                         });

/// A datagram from the initiator's end with chosen plaintext (padding included), built by hand.
Bytes
HandSealed(const IkeTransformSet& t, const Ikev2SaKeys& k, uint8_t firstInner, Bytes plain)
{
    const Sizes s = RfcSizes(t);
    Ikev2Message msg = AuthRequest();
    Bytes out;
    Ikev2Header h = msg.GetHeader();
    h.nextPayload = kSk;
    h.length = static_cast<uint32_t>(kHeader + kSkHeader + s.iv + plain.size() + s.icv);
    h.Serialize(out);
    const size_t skLength = kSkHeader + s.iv + plain.size() + s.icv;
    out.insert(
        out.end(),
        {firstInner, 0, static_cast<uint8_t>(skLength >> 8), static_cast<uint8_t>(skLength)});
    const Bytes iv(s.iv, 0x5c);
    const Bytes aad = out;
    out.insert(out.end(), iv.begin(), iv.end());
    auto cipher = Cipher::Create(t.encr, k.skEi);
    Bytes ct(plain.size());
    Bytes icv(s.icv);
    if (Cipher::IsAeadId(t.encr))
    {
        EXPECT_EQ(cipher->Encrypt(iv.data(), aad, plain, ct.data(), icv.data()), CryptoStatus::OK);
        out.insert(out.end(), ct.begin(), ct.end());
    }
    else
    {
        EXPECT_EQ(cipher->Encrypt(iv.data(), ByteView(), plain, ct.data(), nullptr),
                  CryptoStatus::OK);
        out.insert(out.end(), ct.begin(), ct.end());
        EXPECT_EQ(Integrity::Create(t.integ, k.skAi)->Compute({ByteView(out)}, icv.data()),
                  CryptoStatus::OK);
    }
    out.insert(out.end(), icv.begin(), icv.end());
    return out;
}

class SkFailureTest : public SimulationTest
{
};

TEST_F(SkFailureTest, PadLengthBeyondTheContentIsBadPadding)
{
    for (const IkeTransformSet& t : {Suite(EncrId::AES_CBC, 128, IntegId::HMAC_SHA2_256_128),
                                     Suite(EncrId::AES_GCM_16, 128, IntegId::NONE)})
    {
        const Ikev2SaKeys k = TestKeys(t);
        Bytes plain(16, 0);
        plain.back() = 16; // 16 octets of padding + Pad Length do not fit in 16 octets
        Ikev2Message msg;
        EXPECT_EQ(Receiver(t, k, true)->Unprotect(HandSealed(t, k, 0, plain), &msg),
                  Ikev2SkStatus::BAD_PADDING);
        plain.back() = 15; // all padding: an empty SK{}, fine
        EXPECT_EQ(Receiver(t, k, true)->Unprotect(HandSealed(t, k, 0, plain), &msg),
                  Ikev2SkStatus::OK);
        EXPECT_TRUE(msg.GetEncryptedPayloads().empty());
    }
}

TEST_F(SkFailureTest, BadInnerChainIsReportedWithItsParseError)
{
    const IkeTransformSet t = Suite(EncrId::AES_CBC, 256, IntegId::HMAC_SHA2_512_256);
    const Ikev2SaKeys k = TestKeys(t);
    // A Notify payload (41) whose Payload Length (3) is below the generic header's 4.
    Bytes plain = Hex("00 00 00 03");
    plain.insert(plain.end(), 11, 0);
    plain.push_back(11);
    auto responder = Receiver(t, k, true);
    Ikev2Message msg;
    EXPECT_EQ(responder->Unprotect(HandSealed(t, k, 41, plain), &msg),
              Ikev2SkStatus::INNER_PARSE_ERROR);
    EXPECT_NE(responder->GetLastParseError().status, Ikev2ParseStatus::OK);
    // The header is still there for the error response.
    EXPECT_EQ(msg.GetHeader().messageId, 1u);
    EXPECT_FALSE(msg.HasDecryptedPayloads());

    // An unknown critical payload inside SK (RFC 7296 3.2).
    plain = Hex("00 80 00 08 01 02 03 04");
    plain.insert(plain.end(), 7, 0);
    plain.push_back(7);
    EXPECT_EQ(responder->Unprotect(HandSealed(t, k, 200, plain), &msg),
              Ikev2SkStatus::INNER_PARSE_ERROR);
    EXPECT_EQ(responder->GetLastParseError().status,
              Ikev2ParseStatus::UNSUPPORTED_CRITICAL_PAYLOAD);
    EXPECT_EQ(responder->GetLastParseError().payloadType, 200);
}

TEST_F(SkFailureTest, CreateRejectsWhatCannotProtectAnIkeSa)
{
    std::string error;
    const IkeTransformSet cbc = Suite(EncrId::AES_CBC, 128, IntegId::HMAC_SHA2_256_128);
    Ikev2SaKeys k = TestKeys(cbc);
    EXPECT_TRUE(Ikev2SkCodec::Create(cbc, k, true, TestRng(1), &error));
    // CBC IVs must come from the random source.
    EXPECT_FALSE(Ikev2SkCodec::Create(cbc, k, true, nullptr, &error));
    EXPECT_FALSE(error.empty());
    // Keys of the wrong size.
    k.skEr.pop_back();
    error.clear();
    EXPECT_FALSE(Ikev2SkCodec::Create(cbc, k, true, TestRng(1), &error));
    EXPECT_FALSE(error.empty());
    // A plain cipher without integrity, an AEAD with one, ESP-only transforms.
    EXPECT_FALSE(Ikev2SkCodec::Create(Suite(EncrId::AES_CBC, 128, IntegId::NONE),
                                      TestKeys(cbc),
                                      true,
                                      TestRng(1),
                                      &error));
    EXPECT_FALSE(Ikev2SkCodec::Create(Suite(EncrId::AES_GCM_16, 128, IntegId::HMAC_SHA1_96),
                                      TestKeys(Suite(EncrId::AES_GCM_16, 128, IntegId::NONE)),
                                      true,
                                      TestRng(1),
                                      &error));
    EXPECT_FALSE(Ikev2SkCodec::Create(Suite(EncrId::NULL_ENCR, 0, IntegId::HMAC_SHA1_96),
                                      TestKeys(cbc),
                                      true,
                                      TestRng(1),
                                      &error));
    // AEADs and CTR take their IVs from a counter: no random source needed.
    const IkeTransformSet gcm = Suite(EncrId::AES_GCM_16, 128, IntegId::NONE);
    EXPECT_TRUE(Ikev2SkCodec::Create(gcm, TestKeys(gcm), true, nullptr, &error)) << error;
}

TEST_F(SkFailureTest, RandomAndMutatedInputIsRejectedWithoutHarm)
{
    // Random octets, and genuine SK and SKF datagrams with one to three octets changed: never
    // OK, never a crash (the sanitizer build runs this too), and the fragment queues stay
    // within their caps.
    std::mt19937 random(7);
    for (const IkeTransformSet& t : {Suite(EncrId::AES_CBC, 128, IntegId::HMAC_SHA2_256_128),
                                     Suite(EncrId::AES_GCM_16, 128, IntegId::NONE)})
    {
        SkPair pair = MakePair(t);
        pair.responder->SetReassemblyLimits(8, 4096);
        std::vector<Bytes> genuine;
        Ikev2Message request = AuthRequest(2, 2000);
        ASSERT_EQ(pair.initiator->ProtectFragmented(request, 548, &genuine), Ikev2SkStatus::OK);
        Bytes whole;
        ASSERT_EQ(pair.initiator->Protect(request, &whole), Ikev2SkStatus::OK);
        genuine.push_back(whole);
        Ikev2Message msg;
        for (int i = 0; i < 3000; ++i)
        {
            Bytes input;
            if (i % 3 == 0)
            {
                input.resize(random() % 400);
                for (auto& b : input)
                {
                    b = static_cast<uint8_t>(random());
                }
                if (input.size() >= 28 && i % 2 == 0)
                {
                    // Make it look like IKEv2 with SK or SKF first, to get past the header.
                    input[16] = i % 4 == 0 ? 46 : 53;
                    input[17] = 0x20;
                    input[24] = 0;
                    input[25] = 0;
                    input[26] = static_cast<uint8_t>(input.size() >> 8);
                    input[27] = static_cast<uint8_t>(input.size());
                }
            }
            else
            {
                input = genuine[random() % genuine.size()];
                const int changes = 1 + random() % 3;
                for (int c = 0; c < changes; ++c)
                {
                    input[random() % input.size()] ^= static_cast<uint8_t>(1 + random() % 255);
                }
            }
            EXPECT_NE(pair.responder->Unprotect(input, &msg), Ikev2SkStatus::OK) << i;
            EXPECT_LE(pair.responder->GetPendingFragments(), 16u);
        }
    }
}

TEST_F(SkFailureTest, StatusNamesAreDistinct)
{
    std::set<std::string> names;
    for (auto s : {Ikev2SkStatus::OK,
                   Ikev2SkStatus::FRAGMENT_PENDING,
                   Ikev2SkStatus::FRAGMENT_DISCARDED,
                   Ikev2SkStatus::MALFORMED,
                   Ikev2SkStatus::NO_ENCRYPTED_PAYLOAD,
                   Ikev2SkStatus::INTEGRITY_FAILED,
                   Ikev2SkStatus::BAD_PADDING,
                   Ikev2SkStatus::INNER_PARSE_ERROR,
                   Ikev2SkStatus::TOO_LARGE,
                   Ikev2SkStatus::CRYPTO_ERROR})
    {
        names.insert(Ikev2SkStatusName(s));
    }
    EXPECT_EQ(names.size(), 10u);
    EXPECT_EQ(names.count("UNKNOWN"), 0u);
}

} // namespace
} // namespace ns3
