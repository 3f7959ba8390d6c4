/* SPDX-License-Identifier: GPL-2.0-only */

// Malformed IKEv2 input: every defect returns its own status, never a crash (run these under
// IPSEC_SANITIZE=ON to have ASan/UBSan check the "never a crash" part too).

#include "ikev2-test-util.h"

#include "ns3/ikev2-delete-payload.h"
#include "ns3/ikev2-eap-payload.h"
#include "ns3/ikev2-encrypted-fragment-payload.h"
#include "ns3/ikev2-id-payload.h"
#include "ns3/ikev2-message.h"
#include "ns3/ikev2-notify-payload.h"
#include "ns3/ikev2-notify-type.h"
#include "ns3/ikev2-sa-payload.h"
#include "ns3/ikev2-ts-payload.h"

#include <gtest/gtest.h>

namespace ns3
{
namespace
{

Ikev2ParseStatus
ParseStatus(const Bytes& wire, Ikev2ParseError* error = nullptr)
{
    Ikev2Message msg;
    return Ikev2Message::Parse(wire, msg, error);
}

void
SetLength(Bytes& wire)
{
    const uint32_t n = static_cast<uint32_t>(wire.size());
    wire[24] = n >> 24;
    wire[25] = n >> 16;
    wire[26] = n >> 8;
    wire[27] = n;
}

/// A minimal message: header + the given payload octets, Length fixed up.
Bytes
Message(uint8_t firstPayload, const Bytes& payloads)
{
    Bytes wire = Hex("0000000000000001 0000000000000000 00 20 25 08 00000000 00000000");
    wire[16] = firstPayload;
    wire.insert(wire.end(), payloads.begin(), payloads.end());
    SetLength(wire);
    return wire;
}

Ikev2ParseStatus
Body(uint8_t type, const Bytes& body)
{
    return Ikev2CreatePayload(type)->DeserializeBody(body);
}

TEST(Ikev2MalformedTest, EveryTruncationIsRejected)
{
    const Bytes wire = AospVector("IKE_SA_INIT_RAW_PACKET");
    for (size_t n = 0; n < wire.size(); ++n)
    {
        Bytes prefix(wire.begin(), wire.begin() + n);
        EXPECT_EQ(ParseStatus(prefix), Ikev2ParseStatus::TRUNCATED) << "prefix " << n;
        if (n >= Ikev2Header::SIZE)
        {
            // Even when the header's Length agrees, the payload chain does not fit.
            SetLength(prefix);
            Ikev2ParseError error;
            EXPECT_NE(ParseStatus(prefix, &error), Ikev2ParseStatus::OK) << "prefix " << n;
            EXPECT_LE(error.offset, n);
        }
    }
}

TEST(Ikev2MalformedTest, HeaderLengthMismatch)
{
    Bytes wire = AospVector("IKE_SA_INIT_RAW_PACKET");
    wire.push_back(0);
    EXPECT_EQ(ParseStatus(wire), Ikev2ParseStatus::TRAILING_DATA);
    SetLength(wire); // Length now covers the extra octet: it trails the last payload instead
    EXPECT_EQ(ParseStatus(wire), Ikev2ParseStatus::TRAILING_DATA);
    wire = AospVector("IKE_SA_INIT_RAW_PACKET");
    wire[27] = 0x10; // Length 0x110 < 336
    EXPECT_EQ(ParseStatus(wire), Ikev2ParseStatus::TRAILING_DATA);
    wire[26] = 0x00;
    wire[27] = 0x1b; // Length 27 < header
    EXPECT_EQ(ParseStatus(wire), Ikev2ParseStatus::BAD_LENGTH);
}

TEST(Ikev2MalformedTest, PayloadLengthBelowFour)
{
    for (uint8_t len : {0, 1, 3})
    {
        Bytes wire = AospVector("IKE_SA_INIT_RAW_PACKET");
        wire[28 + 2] = 0;
        wire[28 + 3] = len;
        Ikev2ParseError error;
        EXPECT_EQ(ParseStatus(wire, &error), Ikev2ParseStatus::PAYLOAD_TOO_SHORT);
        EXPECT_EQ(error.payloadType, 33);
        EXPECT_EQ(error.offset, 28u);
    }
    // A zero-length payload deep in a chain (would loop forever in a naive parser).
    EXPECT_EQ(ParseStatus(Message(43, Hex("2b 00 0005 01 2b 00 0000"))),
              Ikev2ParseStatus::PAYLOAD_TOO_SHORT);
}

TEST(Ikev2MalformedTest, PayloadLengthOverrunsMessage)
{
    Bytes wire = AospVector("IKE_SA_INIT_RAW_PACKET");
    wire[28 + 2] = 0x10; // SA length 0x1030
    EXPECT_EQ(ParseStatus(wire), Ikev2ParseStatus::TRUNCATED);
    wire = AospVector("IKE_SA_INIT_RAW_PACKET");
    wire[28 + 3] = 0x2f; // SA one octet short: its proposal no longer fits
    EXPECT_NE(ParseStatus(wire), Ikev2ParseStatus::OK);
}

TEST(Ikev2MalformedTest, NextPayloadChainsBeyondTheMessage)
{
    // The last payload claims a successor that is not there.
    Bytes wire = AospVector("IKE_SA_INIT_RAW_PACKET");
    const size_t lastVendorId = wire.size() - 32;
    ASSERT_EQ(wire[lastVendorId + 3], 0x20);
    wire[lastVendorId] = 33;
    Ikev2ParseError error;
    EXPECT_EQ(ParseStatus(wire, &error), Ikev2ParseStatus::TRUNCATED);
    EXPECT_EQ(error.payloadType, 33);
    EXPECT_EQ(error.offset, wire.size());
    // A datagram of thousands of 4-octet payloads, each naming the next.
    Bytes many;
    for (int i = 0; i < 1000; ++i)
    {
        const Bytes v = Hex("2b 00 0004");
        many.insert(many.end(), v.begin(), v.end());
    }
    EXPECT_EQ(ParseStatus(Message(43, many)), Ikev2ParseStatus::TOO_MANY_PAYLOADS);
}

TEST(Ikev2MalformedTest, UnknownCriticalPayload)
{
    Bytes wire = AospVector("IKE_SA_INIT_RAW_PACKET");
    wire[16] = 0xff;     // first payload type unknown ...
    wire[28 + 1] = 0x80; // ... and critical
    Ikev2ParseError error;
    const Ikev2ParseStatus status = ParseStatus(wire, &error);
    EXPECT_EQ(status, Ikev2ParseStatus::UNSUPPORTED_CRITICAL_PAYLOAD);
    EXPECT_EQ(error.payloadType, 0xff); // RFC 7296 3.10.1: the Notification Data to send
    EXPECT_EQ(Ikev2ParseStatusToNotify(status),
              static_cast<uint16_t>(Ikev2NotifyType::UNSUPPORTED_CRITICAL_PAYLOAD));
    // Not critical: skipped, the rest parses.
    wire[28 + 1] = 0x00;
    Ikev2Message msg;
    ASSERT_EQ(Ikev2Message::Parse(wire, msg), Ikev2ParseStatus::OK);
    EXPECT_EQ(msg.GetPayloads().size(), 6u);
    EXPECT_EQ(msg.GetPayloads()[0]->GetType(), 0xff);
    // A known payload type with C set is fine.
    wire[16] = 33;
    wire[28 + 1] = 0x80;
    EXPECT_EQ(ParseStatus(wire), Ikev2ParseStatus::OK);
}

TEST(Ikev2MalformedTest, MajorVersion)
{
    Bytes wire = AospVector("IKE_SA_INIT_RAW_PACKET");
    wire[17] = 0x30;
    const Ikev2ParseStatus status = ParseStatus(wire);
    EXPECT_EQ(status, Ikev2ParseStatus::INVALID_MAJOR_VERSION);
    EXPECT_EQ(Ikev2ParseStatusToNotify(status), 5);
    EXPECT_EQ(Ikev2ParseStatusToNotify(Ikev2ParseStatus::BAD_LENGTH), 7); // INVALID_SYNTAX
}

TEST(Ikev2MalformedTest, EncryptedPayloadMustBeLast)
{
    EXPECT_EQ(ParseStatus(Message(46, Hex("00 00 0008 00000000 2b 00 0005 01"))),
              Ikev2ParseStatus::MISPLACED_ENCRYPTED_PAYLOAD);
    EXPECT_EQ(ParseStatus(Message(46, Hex("29 00 0008 00000000"))), Ikev2ParseStatus::OK);
    // SK inside decrypted SK content.
    Ikev2Message msg;
    ASSERT_EQ(Ikev2Message::Parse(Message(46, Hex("2e 00 0008 00000000")), msg),
              Ikev2ParseStatus::OK);
    EXPECT_EQ(msg.ParseDecrypted(Hex("00 00 0004")), Ikev2ParseStatus::MISPLACED_ENCRYPTED_PAYLOAD);
    EXPECT_FALSE(msg.HasDecryptedPayloads());
    // Decrypted content longer than its chain.
    Ikev2Message msg2;
    ASSERT_EQ(Ikev2Message::Parse(Message(46, Hex("29 00 0008 00000000")), msg2),
              Ikev2ParseStatus::OK);
    EXPECT_EQ(msg2.ParseDecrypted(Hex("00 00 0008 00 00 4000 ff")),
              Ikev2ParseStatus::TRAILING_DATA);
    EXPECT_EQ(msg2.ParseDecrypted(Hex("00 00 0008 00 00 4000")), Ikev2ParseStatus::OK);
}

TEST(Ikev2MalformedTest, SaSubstructures)
{
    const uint8_t sa = 33;
    // Proposal: Last Substruc 1 is neither 0 nor 2.
    EXPECT_EQ(Body(sa, Hex("01 00 0010 01 01 00 01 00 00 0008 04 00 000e")),
              Ikev2ParseStatus::INVALID_VALUE);
    // Proposal says more follow but none does.
    EXPECT_EQ(Body(sa, Hex("02 00 0010 01 01 00 01 00 00 0008 04 00 000e")),
              Ikev2ParseStatus::INVALID_VALUE);
    // Num Transforms 2, one present.
    EXPECT_EQ(Body(sa, Hex("00 00 0010 01 01 00 02 00 00 0008 04 00 000e")),
              Ikev2ParseStatus::BAD_LENGTH);
    // Transform Length 4 < 8.
    EXPECT_EQ(Body(sa, Hex("00 00 0010 01 01 00 01 00 00 0004 04 00 000e")),
              Ikev2ParseStatus::PAYLOAD_TOO_SHORT);
    // Transform Last Substruc 2 (a proposal value).
    EXPECT_EQ(Body(sa, Hex("00 00 0010 01 01 00 01 02 00 0008 04 00 000e")),
              Ikev2ParseStatus::INVALID_VALUE);
    // TLV attribute length runs past the transform.
    EXPECT_EQ(Body(sa, Hex("00 00 0014 01 01 00 01 00 00 000c 01 00 000c 0001 0009")),
              Ikev2ParseStatus::BAD_LENGTH);
    // Half an attribute header.
    EXPECT_EQ(Body(sa, Hex("00 00 0012 01 01 00 01 00 00 000a 01 00 000c 800e")),
              Ikev2ParseStatus::TRUNCATED);
    // SPI Size beyond the proposal.
    EXPECT_EQ(Body(sa, Hex("00 00 0008 01 03 04 00")), Ikev2ParseStatus::BAD_LENGTH);
    // Proposal Length beyond the payload; no proposal at all.
    EXPECT_EQ(Body(sa, Hex("00 00 0020 01 01 00 00")), Ikev2ParseStatus::BAD_LENGTH);
    EXPECT_EQ(Body(sa, Bytes()), Ikev2ParseStatus::INVALID_VALUE);
}

TEST(Ikev2MalformedTest, OtherPayloadBodies)
{
    // Fixed parts missing.
    for (uint8_t type : {34, 35, 36, 37, 38, 39, 41, 42, 44, 45, 47, 48, 53})
    {
        EXPECT_EQ(Body(type, Bytes()), Ikev2ParseStatus::PAYLOAD_TOO_SHORT) << +type;
    }
    // Nonce outside 16..256 octets (RFC 7296 3.9).
    EXPECT_EQ(Body(40, Fill(15, 1)), Ikev2ParseStatus::BAD_LENGTH);
    EXPECT_EQ(Body(40, Fill(257, 1)), Ikev2ParseStatus::BAD_LENGTH);
    EXPECT_EQ(Body(40, Fill(256, 1)), Ikev2ParseStatus::OK);
    // IPv4 ID of 5 octets, IPv6 ID of 4.
    EXPECT_EQ(Body(35, Hex("01 000000 0a00000101")), Ikev2ParseStatus::BAD_LENGTH);
    EXPECT_EQ(Body(36, Hex("05 000000 0a000001")), Ikev2ParseStatus::BAD_LENGTH);
    // CERTREQ with a partial CA hash.
    EXPECT_EQ(Body(38, Cat(Bytes(1, 4), Fill(19, 0))), Ikev2ParseStatus::BAD_LENGTH);
    // Notify SPI Size larger than the rest.
    EXPECT_EQ(Body(41, Hex("03 04 4009 0102")), Ikev2ParseStatus::BAD_LENGTH);
    // Delete: 2 SPIs of 4 announced, 1 present.
    EXPECT_EQ(Body(42, Hex("03 04 0002 11111111")), Ikev2ParseStatus::BAD_LENGTH);
    // TS: count 2, one selector; IPv4 range of length 40; selector length 2.
    EXPECT_EQ(Body(44, Hex("02 000000 07 00 0010 0000ffff 0a000000 0a0000ff")),
              Ikev2ParseStatus::BAD_LENGTH);
    EXPECT_EQ(Body(44, Cat(Hex("01 000000 07 00 0028"), Fill(36, 0))),
              Ikev2ParseStatus::BAD_LENGTH);
    EXPECT_EQ(Body(44, Hex("01 000000 07 00 0002")), Ikev2ParseStatus::PAYLOAD_TOO_SHORT);
    // CP attribute longer than the payload.
    EXPECT_EQ(Body(47, Hex("01 000000 0001 0004 0a")), Ikev2ParseStatus::BAD_LENGTH);
    // EAP Length disagreeing, unknown Code, Request without Type.
    EXPECT_EQ(Body(48, Hex("01 05 0009 01")), Ikev2ParseStatus::BAD_LENGTH);
    EXPECT_EQ(Body(48, Hex("07 05 0004")), Ikev2ParseStatus::INVALID_VALUE);
    EXPECT_EQ(Body(48, Hex("01 05 0004")), Ikev2ParseStatus::INVALID_VALUE);
    // SKF fragment 3 of 2, fragment 0.
    EXPECT_EQ(Body(53, Hex("0003 0002")), Ikev2ParseStatus::INVALID_VALUE);
    EXPECT_EQ(Body(53, Hex("0000 0002")), Ikev2ParseStatus::INVALID_VALUE);
}

TEST(Ikev2MalformedTest, EverySingleOctetMutationIsHandled)
{
    // Not a fuzzer, but the same idea: flip each octet of real messages to a few values; the
    // parser must return a status and, on failure, an offset inside the datagram. What parses
    // must re-encode and parse again to the same payload list.
    for (const char* name :
         {"IKE_SA_INIT_RAW_PACKET", "IKE_AUTH_HEX_STRING", "IKE_FRAG_HEX_STRING"})
    {
        const Bytes original = AospVector(name);
        for (size_t i = 0; i < original.size(); ++i)
        {
            for (uint8_t v : {0x00, 0x03, 0x7f, 0x80, 0xff})
            {
                Bytes wire = original;
                wire[i] = v;
                Ikev2Message msg;
                Ikev2ParseError error;
                const Ikev2ParseStatus status = Ikev2Message::Parse(wire, msg, &error);
                if (status != Ikev2ParseStatus::OK)
                {
                    EXPECT_EQ(error.status, status);
                    EXPECT_LE(error.offset, wire.size());
                    continue;
                }
                Ikev2Message again;
                ASSERT_EQ(Ikev2Message::Parse(msg.Serialize(), again), Ikev2ParseStatus::OK)
                    << name << " octet " << i << " = " << +v;
                EXPECT_EQ(again.Serialize(), msg.Serialize());
            }
        }
    }
}

} // namespace
} // namespace ns3
