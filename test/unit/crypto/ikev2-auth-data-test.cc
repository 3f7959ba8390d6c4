/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * IKEv2 AUTH data (RFC 7296 2.15): the signed octets and the shared-key MIC, against the
 * composition written out from the RFC with OpenSSL's one-shot HMAC.
 */

#include "kdf-test-util.h"

#include "ns3/ikev2-auth-data.h"

#include <cstring>
#include <gtest/gtest.h>

namespace ns3
{
namespace
{

using kdftest::Cat;
using kdftest::Hex;
using kdftest::RefHmac;
using kdftest::ToHex;

// An IKE_SA_INIT request stand-in (IKE header first), the responder's nonce, the initiator's
// ID payload body (ID_FQDN "alice.example", RESERVED), and SK_pi.
const Bytes kMessage = Hex("0102030405060708000000000000000021202208000000000000004c"
                           "2200000c0000000801000003");
const Bytes kNonceR = Hex("b0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecf");
const Bytes kIdBody = Hex("02000000616c6963652e6578616d706c65");
const Bytes kSkPi = Hex("5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a");

Ikev2SignedOctetsInput
Input()
{
    Ikev2SignedOctetsInput in;
    in.realMessage = kMessage;
    in.peerNonce = kNonceR;
    in.restOfIdPayload = kIdBody;
    in.skP = kSkPi;
    return in;
}

TEST(Ikev2AuthData, KeyPadIsSeventeenAsciiOctets)
{
    EXPECT_EQ(std::strlen(Ikev2AuthData::KEY_PAD), 17u);
    EXPECT_STREQ(Ikev2AuthData::KEY_PAD, "Key Pad for IKEv2");
}

TEST(Ikev2AuthData, SignedOctetsAreMessageNonceAndMacedId)
{
    Bytes octets;
    ASSERT_EQ(Ikev2AuthData::ComputeSignedOctets(PrfId::HMAC_SHA2_256, Input(), &octets),
              CryptoStatus::OK);
    const Bytes macedId = RefHmac("SHA256", kSkPi, {kIdBody});
    EXPECT_EQ(ToHex(octets), ToHex(Cat({kMessage, kNonceR, macedId})));
    EXPECT_EQ(octets.size(), kMessage.size() + kNonceR.size() + 32);
}

TEST(Ikev2AuthData, SharedKeyAuthIsPrfOfPaddedSecret)
{
    const std::string secret = "correct horse battery staple";
    const Bytes psk(secret.begin(), secret.end());
    const Bytes pad(Ikev2AuthData::KEY_PAD, Ikev2AuthData::KEY_PAD + 17);

    const struct
    {
        PrfId id;
        const char* digest;
    } cases[] = {
        {PrfId::HMAC_SHA1, "SHA1"},
        {PrfId::HMAC_SHA2_256, "SHA256"},
        {PrfId::HMAC_SHA2_512, "SHA512"},
    };

    for (const auto& c : cases)
    {
        Bytes octets;
        ASSERT_EQ(Ikev2AuthData::ComputeSignedOctets(c.id, Input(), &octets), CryptoStatus::OK);
        const Bytes refOctets = Cat({kMessage, kNonceR, RefHmac(c.digest, kSkPi, {kIdBody})});
        ASSERT_EQ(octets, refOctets) << c.digest;

        Bytes auth;
        ASSERT_EQ(Ikev2AuthData::ComputeSharedKeyAuth(c.id, psk, octets, &auth), CryptoStatus::OK);
        const Bytes expected = RefHmac(c.digest, RefHmac(c.digest, psk, {pad}), {refOctets});
        EXPECT_EQ(ToHex(auth), ToHex(expected)) << c.digest;
        EXPECT_EQ(Ikev2AuthData::VerifySharedKeyAuth(c.id, psk, octets, expected),
                  CryptoStatus::OK);
    }
}

TEST(Ikev2AuthData, VerifyRejectsAnyDifference)
{
    const Bytes psk = Hex("73656372657421");
    Bytes octets;
    ASSERT_EQ(Ikev2AuthData::ComputeSignedOctets(PrfId::HMAC_SHA2_256, Input(), &octets),
              CryptoStatus::OK);
    Bytes auth;
    ASSERT_EQ(Ikev2AuthData::ComputeSharedKeyAuth(PrfId::HMAC_SHA2_256, psk, octets, &auth),
              CryptoStatus::OK);

    Bytes flipped = auth;
    flipped[31] ^= 0x80;
    EXPECT_EQ(Ikev2AuthData::VerifySharedKeyAuth(PrfId::HMAC_SHA2_256, psk, octets, flipped),
              CryptoStatus::AUTH_FAILED);
    const Bytes truncated(auth.begin(), auth.begin() + 16);
    EXPECT_EQ(Ikev2AuthData::VerifySharedKeyAuth(PrfId::HMAC_SHA2_256, psk, octets, truncated),
              CryptoStatus::AUTH_FAILED);
    EXPECT_EQ(Ikev2AuthData::VerifySharedKeyAuth(PrfId::HMAC_SHA2_256,
                                                 Hex("73656372657422"),
                                                 octets,
                                                 auth),
              CryptoStatus::AUTH_FAILED);
    // The responder's octets (other message, other nonce) give another AUTH.
    Ikev2SignedOctetsInput responder = Input();
    const Bytes otherNonce = Hex("000102030405060708090a0b0c0d0e0f");
    responder.peerNonce = otherNonce;
    Bytes responderOctets;
    ASSERT_EQ(Ikev2AuthData::ComputeSignedOctets(PrfId::HMAC_SHA2_256, responder, &responderOctets),
              CryptoStatus::OK);
    EXPECT_EQ(Ikev2AuthData::VerifySharedKeyAuth(PrfId::HMAC_SHA2_256, psk, responderOctets, auth),
              CryptoStatus::AUTH_FAILED);
}

TEST(Ikev2AuthData, BadInputsAreRejected)
{
    Bytes out;
    Ikev2SignedOctetsInput in = Input();
    in.skP = ByteView();
    EXPECT_EQ(Ikev2AuthData::ComputeSignedOctets(PrfId::HMAC_SHA1, in, &out),
              CryptoStatus::BAD_KEY_LENGTH);
    in = Input();
    in.realMessage = ByteView();
    EXPECT_EQ(Ikev2AuthData::ComputeSignedOctets(PrfId::HMAC_SHA1, in, &out),
              CryptoStatus::BAD_INPUT_LENGTH);
    in = Input();
    in.restOfIdPayload = ByteView();
    EXPECT_EQ(Ikev2AuthData::ComputeSignedOctets(PrfId::HMAC_SHA1, in, &out),
              CryptoStatus::BAD_INPUT_LENGTH);
    EXPECT_EQ(Ikev2AuthData::ComputeSignedOctets(static_cast<PrfId>(42), Input(), &out),
              CryptoStatus::UNSUPPORTED);
    EXPECT_EQ(Ikev2AuthData::ComputeSharedKeyAuth(PrfId::HMAC_SHA1, {}, kMessage, &out),
              CryptoStatus::BAD_KEY_LENGTH);
    EXPECT_EQ(Ikev2AuthData::ComputeSharedKeyAuth(PrfId::HMAC_SHA1, kSkPi, {}, &out),
              CryptoStatus::BAD_INPUT_LENGTH);
    EXPECT_EQ(Ikev2AuthData::VerifySharedKeyAuth(PrfId::HMAC_SHA1, {}, kMessage, kSkPi),
              CryptoStatus::BAD_KEY_LENGTH);
}

} // namespace
} // namespace ns3
