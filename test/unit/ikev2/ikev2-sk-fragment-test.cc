/* SPDX-License-Identifier: GPL-2.0-only */

// Ikev2SkCodec, IKE message fragmentation (RFC 7383): the SKF layout of each fragment as the
// isakmp parser reads it, sizes against the limit, reassembly in order, reversed and with
// duplicates, and the receiver rules of RFC 7383 2.6 (invalid numbers, Total Fragments
// changes, newest Message ID, replays), plus the caps that bound a peer's memory.

#include "ikev2-sk-test-util.h"
#include "simulation-test.h"

#include "ns3/ikev2-encrypted-fragment-payload.h"
#include "ns3/ikev2-vendor-id-payload.h"

#include <algorithm>
#include <gtest/gtest.h>

namespace ns3
{
namespace
{

constexpr uint8_t kSk = 46;  // RFC 7296 3.14
constexpr uint8_t kSkf = 53; // RFC 7383 2.5
constexpr uint8_t kIdi = 35; // RFC 7296 3.5

/// Fragment fields as the isakmp layer parses them.
struct Fragment
{
    Ikev2Header header;
    uint8_t firstInner{0};
    uint16_t number{0};
    uint16_t total{0};
    size_t clearPayloads{0};
};

Fragment
ParseFragment(const Bytes& datagram)
{
    Ikev2Message msg;
    EXPECT_EQ(Ikev2Message::Parse(datagram, msg), Ikev2ParseStatus::OK);
    Fragment f;
    f.header = msg.GetHeader();
    f.clearPayloads = msg.GetPayloads().size();
    const auto* skf = dynamic_cast<const Ikev2EncryptedFragmentPayload*>(msg.GetEncryptedPayload());
    EXPECT_TRUE(skf);
    if (skf)
    {
        f.firstInner = skf->GetFirstInnerType();
        f.number = skf->GetFragmentNumber();
        f.total = skf->GetTotalFragments();
    }
    return f;
}

/// Rewrite the Fragment Number and Total Fragments of a fragment with no unencrypted payloads.
Bytes
WithFragmentFields(Bytes datagram, uint16_t number, uint16_t total)
{
    datagram[32] = static_cast<uint8_t>(number >> 8);
    datagram[33] = static_cast<uint8_t>(number);
    datagram[34] = static_cast<uint8_t>(total >> 8);
    datagram[35] = static_cast<uint8_t>(total);
    return datagram;
}

class SkFragmentTest : public SimulationTest, public ::testing::WithParamInterface<SkSuite>
{
  protected:
    /// Fragment @p msg at @p max octets with the initiator's codec.
    std::vector<Bytes> Fragments(Ikev2Message msg, size_t max)
    {
        std::vector<Bytes> out;
        EXPECT_EQ(m_pair.initiator->ProtectFragmented(msg, max, &out), Ikev2SkStatus::OK);
        return out;
    }

    /// Feed datagrams to the responder, expecting @p statuses; return the last message.
    Ikev2Message Feed(const std::vector<Bytes>& datagrams,
                      const std::vector<Ikev2SkStatus>& statuses)
    {
        EXPECT_EQ(datagrams.size(), statuses.size());
        Ikev2Message msg;
        for (size_t i = 0; i < datagrams.size() && i < statuses.size(); ++i)
        {
            const Ikev2SkStatus status = m_pair.responder->Unprotect(datagrams[i], &msg);
            EXPECT_EQ(status, statuses[i]) << "datagram " << i << ": " << Ikev2SkStatusName(status);
        }
        return msg;
    }

    void SetUp() override
    {
        SimulationTest::SetUp();
        m_pair = MakePair(GetParam().set);
    }

    SkPair m_pair; //!< both ends
};

TEST_P(SkFragmentTest, FragmentsFitTheLimitAndFollowTheRfcLayout)
{
    const Ikev2Message request = AuthRequest(7, 4000);
    const size_t block = m_pair.initiator->GetBlockSize();
    // IPv6 minimum MTU and IPv4's 576, less IP and UDP headers; a tight limit; port 4500.
    for (size_t max : {size_t{1280 - 40 - 8}, size_t{576 - 20 - 8}, size_t{300}, size_t{1252 - 4}})
    {
        const std::vector<Bytes> fragments = Fragments(request, max);
        ASSERT_GE(fragments.size(), 2u) << max;
        for (size_t i = 0; i < fragments.size(); ++i)
        {
            const Bytes& d = fragments[i];
            EXPECT_LE(d.size(), max);
            if (i + 1 < fragments.size())
            {
                // Filled to the limit: one more block would not fit.
                EXPECT_GT(d.size() + block, max) << "fragment " << i + 1;
            }
            const Fragment f = ParseFragment(d);
            EXPECT_EQ(f.header.nextPayload, kSkf);
            EXPECT_EQ(f.header.initiatorSpi, request.GetHeader().initiatorSpi);
            EXPECT_EQ(f.header.responderSpi, request.GetHeader().responderSpi);
            EXPECT_EQ(f.header.messageId, 7u);
            EXPECT_EQ(f.header.exchangeType, request.GetHeader().exchangeType);
            EXPECT_EQ(f.header.flags, request.GetHeader().flags);
            EXPECT_EQ(f.number, i + 1);
            EXPECT_EQ(f.total, fragments.size());
            // RFC 7383 2.5: Next Payload names the first inner payload in fragment 1 only.
            EXPECT_EQ(f.firstInner, i == 0 ? kIdi : 0);
        }
    }
}

TEST_P(SkFragmentTest, ReassemblesInOrderReversedAndWithDuplicates)
{
    const Ikev2Message request = AuthRequest(3, 3000);
    for (size_t max : {size_t{548}, size_t{1000}, size_t{200}})
    {
        std::vector<Bytes> fragments = Fragments(request, max);
        const size_t n = fragments.size();
        ASSERT_GE(n, 3u);
        std::vector<Ikev2SkStatus> pending(n - 1, Ikev2SkStatus::FRAGMENT_PENDING);
        pending.push_back(Ikev2SkStatus::OK);

        Ikev2Message whole = Feed(fragments, pending);
        EXPECT_EQ(whole.ToString(), request.ToString());
        EXPECT_EQ(InnerChain(whole), InnerChain(request));
        EXPECT_EQ(whole.GetHeader().messageId, 3u);
        EXPECT_EQ(m_pair.responder->GetPendingFragments(), 0u);

        std::reverse(fragments.begin(), fragments.end());
        whole = Feed(fragments, pending);
        EXPECT_EQ(InnerChain(whole), InnerChain(request));

        // Each fragment twice, the copy right after it, then the first one again at the end:
        // RFC 7383 2.6 discards replays of queued fragments; once the message is complete a
        // late copy starts a new queue.
        std::vector<Bytes> doubled;
        std::vector<Ikev2SkStatus> statuses;
        for (size_t i = 0; i < n; ++i)
        {
            doubled.push_back(fragments[i]);
            statuses.push_back(i + 1 < n ? Ikev2SkStatus::FRAGMENT_PENDING : Ikev2SkStatus::OK);
            if (i + 1 < n)
            {
                doubled.push_back(fragments[i]);
                statuses.push_back(Ikev2SkStatus::FRAGMENT_DISCARDED);
            }
        }
        doubled.push_back(fragments[0]);
        statuses.push_back(Ikev2SkStatus::FRAGMENT_PENDING);
        Feed(doubled, statuses);
        EXPECT_EQ(m_pair.responder->GetPendingFragments(), 1u);
        m_pair.responder->DiscardFragments();
        EXPECT_EQ(m_pair.responder->GetPendingFragments(), 0u);
    }
}

TEST_P(SkFragmentTest, SmallMessagesAreNotFragmented)
{
    Ikev2Message request = AuthRequest();
    std::vector<Bytes> datagrams;
    ASSERT_EQ(m_pair.initiator->ProtectFragmented(request, 1252, &datagrams), Ikev2SkStatus::OK);
    ASSERT_EQ(datagrams.size(), 1u);
    EXPECT_EQ(datagrams[0][16], kSk);
    Ikev2Message whole;
    EXPECT_EQ(m_pair.responder->Unprotect(datagrams[0], &whole), Ikev2SkStatus::OK);
    EXPECT_EQ(InnerChain(whole), InnerChain(request));
    // Exactly at the limit: still one datagram.
    ASSERT_EQ(m_pair.initiator->ProtectFragmented(request, datagrams[0].size(), &datagrams),
              Ikev2SkStatus::OK);
    EXPECT_EQ(datagrams.size(), 1u);
}

TEST_P(SkFragmentTest, LimitTooSmallForAnyContentIsTooLarge)
{
    Ikev2Message request = AuthRequest(1, 2000);
    // Header, SKF header and fields, IV and ICV leave no room for one octet of content.
    const size_t fixed = 28 + 8 + m_pair.initiator->GetIvSize() + m_pair.initiator->GetIcvSize();
    std::vector<Bytes> datagrams;
    EXPECT_EQ(m_pair.initiator->ProtectFragmented(request, fixed, &datagrams),
              Ikev2SkStatus::TOO_LARGE);
    EXPECT_TRUE(datagrams.empty());
    EXPECT_EQ(m_pair.initiator->GetMaxFragmentContent(fixed), 0u);
    // Two blocks more carry two blocks of plaintext, one octet of which is Pad Length.
    const size_t block = m_pair.initiator->GetBlockSize();
    EXPECT_EQ(m_pair.initiator->GetMaxFragmentContent(fixed + 2 * block), 2 * block - 1);
}

TEST_P(SkFragmentTest, MoreTotalFragmentsRestartFewerAreDiscarded)
{
    const Ikev2Message request = AuthRequest(4, 3000);
    const std::vector<Bytes> coarse = Fragments(request, 1000);
    const std::vector<Bytes> fine = Fragments(request, 400);
    ASSERT_GT(fine.size(), coarse.size());

    // RFC 7383 2.6: the sender re-fragmented for a smaller path MTU; the receiver starts over
    // with the fragments of the larger total.
    Ikev2Message msg;
    EXPECT_EQ(m_pair.responder->Unprotect(coarse[0], &msg), Ikev2SkStatus::FRAGMENT_PENDING);
    EXPECT_EQ(m_pair.responder->Unprotect(coarse[1], &msg), Ikev2SkStatus::FRAGMENT_PENDING);
    EXPECT_EQ(m_pair.responder->Unprotect(fine[0], &msg), Ikev2SkStatus::FRAGMENT_PENDING);
    EXPECT_EQ(m_pair.responder->GetPendingFragments(), 1u);
    // Fragments with fewer Total Fragments than those queued are discarded.
    EXPECT_EQ(m_pair.responder->Unprotect(coarse[2], &msg), Ikev2SkStatus::FRAGMENT_DISCARDED);
    for (size_t i = 1; i < fine.size(); ++i)
    {
        EXPECT_EQ(m_pair.responder->Unprotect(fine[i], &msg),
                  i + 1 < fine.size() ? Ikev2SkStatus::FRAGMENT_PENDING : Ikev2SkStatus::OK);
    }
    EXPECT_EQ(InnerChain(msg), InnerChain(request));
}

TEST_P(SkFragmentTest, NewestMessageIdWins)
{
    const std::vector<Bytes> five = Fragments(AuthRequest(5, 2000), 548);
    const std::vector<Bytes> six = Fragments(AuthRequest(6, 2000), 548);
    ASSERT_GE(five.size(), 3u);
    Ikev2Message msg;
    EXPECT_EQ(m_pair.responder->Unprotect(five[0], &msg), Ikev2SkStatus::FRAGMENT_PENDING);
    EXPECT_EQ(m_pair.responder->Unprotect(five[1], &msg), Ikev2SkStatus::FRAGMENT_PENDING);
    EXPECT_EQ(m_pair.responder->GetPendingFragments(), 2u);
    // A verified fragment of a newer request replaces the older message's fragments.
    EXPECT_EQ(m_pair.responder->Unprotect(six[1], &msg), Ikev2SkStatus::FRAGMENT_PENDING);
    EXPECT_EQ(m_pair.responder->GetPendingFragments(), 1u);
    EXPECT_EQ(m_pair.responder->Unprotect(five[2], &msg), Ikev2SkStatus::FRAGMENT_DISCARDED);
    // The daemon still sees which fragment of which message it was (RFC 7383 2.6.1).
    EXPECT_EQ(msg.GetHeader().messageId, 5u);
    Ikev2SkStatus last = Ikev2SkStatus::MALFORMED;
    for (size_t i = 0; i < six.size(); ++i)
    {
        if (i != 1)
        {
            last = m_pair.responder->Unprotect(six[i], &msg);
        }
    }
    EXPECT_EQ(last, Ikev2SkStatus::OK);
    EXPECT_EQ(msg.GetHeader().messageId, 6u);
}

TEST_P(SkFragmentTest, RequestsAndResponsesAreReassembledApart)
{
    // The responder receives fragmented requests from the initiator and fragmented responses
    // to its own requests: their Message IDs are independent.
    const std::vector<Bytes> request = Fragments(AuthRequest(9, 1500), 548);
    Ikev2Message ownRequest = AuthRequest(2, 1500);
    ownRequest.GetHeader().flags = Ikev2Header::FLAG_RESPONSE | Ikev2Header::FLAG_INITIATOR;
    const std::vector<Bytes> response = Fragments(ownRequest, 548);
    ASSERT_EQ(request.size(), response.size());
    Ikev2Message msg;
    for (size_t i = 0; i < request.size(); ++i)
    {
        const Ikev2SkStatus expected =
            i + 1 < request.size() ? Ikev2SkStatus::FRAGMENT_PENDING : Ikev2SkStatus::OK;
        EXPECT_EQ(m_pair.responder->Unprotect(request[i], &msg), expected);
        EXPECT_EQ(m_pair.responder->Unprotect(response[i], &msg), expected);
    }
    EXPECT_EQ(msg.GetHeader().messageId, 2u);
    EXPECT_TRUE(msg.GetHeader().IsResponse());
}

TEST_P(SkFragmentTest, InvalidFragmentNumbersAreDiscarded)
{
    const std::vector<Bytes> fragments = Fragments(AuthRequest(1, 2000), 548);
    const uint16_t n = static_cast<uint16_t>(fragments.size());
    Ikev2Message msg;
    // RFC 7383 2.6: zero fields, or a number above the total, are silently discarded.
    for (const Bytes& bad : {WithFragmentFields(fragments[0], 0, n),
                             WithFragmentFields(fragments[0], 1, 0),
                             WithFragmentFields(fragments[1], n + 1, n)})
    {
        EXPECT_EQ(m_pair.responder->Unprotect(bad, &msg), Ikev2SkStatus::FRAGMENT_DISCARDED);
    }
    // Valid numbers that were not the ones sent fail the ICV: it covers the fields.
    EXPECT_EQ(m_pair.responder->Unprotect(WithFragmentFields(fragments[1], 2, n + 1), &msg),
              Ikev2SkStatus::INTEGRITY_FAILED);
    EXPECT_EQ(m_pair.responder->GetPendingFragments(), 0u);
}

TEST_P(SkFragmentTest, TamperedFragmentsAreNotKept)
{
    const std::vector<Bytes> fragments = Fragments(AuthRequest(1, 2000), 548);
    Ikev2Message msg;
    for (size_t i = 0; i < fragments.size(); ++i)
    {
        Bytes tampered = fragments[i];
        tampered.back() ^= 0x04; // in the ICV or AEAD tag
        EXPECT_EQ(m_pair.responder->Unprotect(tampered, &msg), Ikev2SkStatus::INTEGRITY_FAILED);
        EXPECT_EQ(m_pair.responder->GetPendingFragments(), i);
        // A forged copy does not block the genuine fragment (no duplicate is recorded).
        EXPECT_EQ(m_pair.responder->Unprotect(fragments[i], &msg),
                  i + 1 < fragments.size() ? Ikev2SkStatus::FRAGMENT_PENDING : Ikev2SkStatus::OK);
    }
}

TEST_P(SkFragmentTest, ReassemblyIsCapped)
{
    const Ikev2Message request = AuthRequest(1, 3000);
    const std::vector<Bytes> fragments = Fragments(request, 548);
    const size_t n = fragments.size();
    ASSERT_GE(n, 6u);
    Ikev2Message msg;

    // Total Fragments above the cap: discarded before any crypto.
    m_pair.responder->SetReassemblyLimits(static_cast<uint16_t>(n - 1), 65535);
    for (const Bytes& f : fragments)
    {
        EXPECT_EQ(m_pair.responder->Unprotect(f, &msg), Ikev2SkStatus::FRAGMENT_DISCARDED);
    }
    EXPECT_EQ(m_pair.responder->GetPendingFragments(), 0u);

    // Decrypted octets above the cap: the message is abandoned when the cap is crossed.
    const size_t content = InnerChain(request).size() - 1;
    m_pair.responder->SetReassemblyLimits(static_cast<uint16_t>(n), content / 2);
    size_t discarded = 0;
    for (const Bytes& f : fragments)
    {
        const Ikev2SkStatus status = m_pair.responder->Unprotect(f, &msg);
        EXPECT_NE(status, Ikev2SkStatus::OK);
        discarded += status == Ikev2SkStatus::FRAGMENT_DISCARDED;
        EXPECT_LE(m_pair.responder->GetPendingFragments(), n / 2 + 1);
    }
    EXPECT_GE(discarded, 1u);

    // With room enough the same fragments reassemble.
    m_pair.responder->SetReassemblyLimits(static_cast<uint16_t>(n), content);
    m_pair.responder->DiscardFragments();
    std::vector<Ikev2SkStatus> statuses(n - 1, Ikev2SkStatus::FRAGMENT_PENDING);
    statuses.push_back(Ikev2SkStatus::OK);
    EXPECT_EQ(InnerChain(Feed(fragments, statuses)), InnerChain(request));
}

TEST_P(SkFragmentTest, UnencryptedPayloadsTravelInFragmentOne)
{
    Ikev2Message request = AuthRequest(1, 2000);
    request.AddPayload(std::make_unique<Ikev2VendorIdPayload>(Hex("6e732d33")));
    const std::vector<Bytes> fragments = Fragments(request, 548);
    ASSERT_GE(fragments.size(), 2u);
    for (size_t i = 0; i < fragments.size(); ++i)
    {
        const Fragment f = ParseFragment(fragments[i]);
        EXPECT_EQ(f.clearPayloads, i == 0 ? 1u : 0u);
        EXPECT_EQ(f.header.nextPayload, i == 0 ? 43 : kSkf);
        EXPECT_LE(fragments[i].size(), 548u);
    }
    std::vector<Ikev2SkStatus> statuses(fragments.size() - 1, Ikev2SkStatus::FRAGMENT_PENDING);
    statuses.push_back(Ikev2SkStatus::OK);
    const Ikev2Message whole = Feed(fragments, statuses);
    ASSERT_EQ(whole.GetPayloads().size(), 1u);
    EXPECT_EQ(whole.ToString(), request.ToString());
    EXPECT_EQ(InnerChain(whole), InnerChain(request));
}

INSTANTIATE_TEST_SUITE_P(
    Suites,
    SkFragmentTest,
    ::testing::Values(
        SkSuite{"AesCbc128HmacSha256", Suite(EncrId::AES_CBC, 128, IntegId::HMAC_SHA2_256_128)},
        SkSuite{"TripleDesHmacSha1", Suite(EncrId::TRIPLE_DES, 0, IntegId::HMAC_SHA1_96)},
        SkSuite{"AesCtr128AesXcbc", Suite(EncrId::AES_CTR, 128, IntegId::AES_XCBC_96)},
        SkSuite{"AesGcm16_256", Suite(EncrId::AES_GCM_16, 256, IntegId::NONE)},
        SkSuite{"AesCcm8_128", Suite(EncrId::AES_CCM_8, 128, IntegId::NONE)},
        SkSuite{"ChaCha20Poly1305", Suite(EncrId::CHACHA20_POLY1305, 0, IntegId::NONE)}),
    [](const ::testing::TestParamInfo<SkSuite>& info) { return std::string(info.param.name); });

} // namespace
} // namespace ns3
