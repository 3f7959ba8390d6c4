/* SPDX-License-Identifier: GPL-2.0-only */

// SA negotiation (RFC 7296 2.7, 3.3.6): the responder's choice by its own preference, the rules
// for unknown types, transforms and attributes, the initiator's check of the answer, PFS, ESN,
// and INVALID_KE_PAYLOAD (RFC 7296 1.2, 3.10.1). Offers are written as wire proposals so that
// each case states the octets' meaning independently of the parser.

#include "../isakmp/ikev2-test-util.h"

#include "ns3/ikev2-proposal-config.h"
#include "ns3/ikev2-proposal-selector.h"
#include "ns3/ikev2-sa-payload.h"

#include <gtest/gtest.h>

namespace ns3
{
namespace
{

using Outcome = Ikev2ProposalOutcome;

IkeProposalConfig
Ike(const std::string& text)
{
    IkeProposalConfig c;
    std::string error;
    EXPECT_TRUE(IkeProposalConfig::Parse(text, &c, &error)) << error;
    return c;
}

ChildProposalConfig
Child(const std::string& text, IpsecProtocol protocol = IpsecProtocol::ESP)
{
    ChildProposalConfig c;
    std::string error;
    EXPECT_TRUE(ChildProposalConfig::Parse(text, &c, &error, protocol)) << error;
    return c;
}

/// A transform by its IANA numbers, with a Key Length attribute when keyBits is not 0.
Ikev2Transform
T(uint8_t type, uint16_t id, uint16_t keyBits = 0)
{
    Ikev2Transform t;
    t.type = type;
    t.id = id;
    if (keyBits != 0)
    {
        Ikev2TransformAttribute a;
        a.type = 14;
        a.tv = true;
        a.value = keyBits;
        t.attributes.push_back(a);
    }
    return t;
}

Ikev2Proposal
P(uint8_t number,
  Ikev2ProtocolId protocol,
  std::vector<Ikev2Transform> transforms,
  const Bytes& spi = {})
{
    Ikev2Proposal p;
    p.number = number;
    p.protocol = protocol;
    p.spi = spi;
    p.transforms = std::move(transforms);
    return p;
}

const Bytes kSpiI = Hex("11223344");
const Bytes kSpiR = Hex("aabbccdd");

// IANA numbers used below.
constexpr uint16_t AES_CBC = 12;
constexpr uint16_t AES_GCM_16 = 20;
constexpr uint16_t SHA256_128 = 12;
constexpr uint16_t PRF_SHA256 = 5;
constexpr uint16_t PRF_SHA384 = 6;
constexpr uint16_t MODP_2048 = 14;
constexpr uint16_t MODP_3072 = 15;
constexpr uint16_t ECP_256 = 19;

TEST(Ikev2ProposalSelectorTest, ResponderPrefersItsOwnOrder)
{
    // The initiator prefers GCM (proposal 1), the responder CBC: strongSwan's default picks by
    // the responder's order, and the reply keeps the initiator's Proposal Num.
    const auto offered = Ikev2ProposalSelector::MakeIkeOffer(
        {Ike("aes128gcm16-prfsha256-ecp256"), Ike("aes256-sha256-modp2048")});
    const std::vector<IkeProposalConfig> mine = {Ike("aes256-sha256-modp2048"),
                                                 Ike("aes128gcm16-prfsha256-ecp256")};
    IkeTransformSet chosen;
    Ikev2Proposal reply;
    ASSERT_EQ(Ikev2ProposalSelector::SelectIke(offered, mine, &chosen, &reply), Outcome::CHOSEN);
    IkeTransformSet expected;
    expected.encr = EncrId::AES_CBC;
    expected.encrKeyBits = 256;
    expected.prf = PrfId::HMAC_SHA2_256;
    expected.integ = IntegId::HMAC_SHA2_256_128;
    expected.dh = DhGroupId::MODP_2048;
    EXPECT_EQ(chosen, expected);
    EXPECT_EQ(reply,
              P(2,
                Ikev2ProtocolId::IKE,
                {T(1, AES_CBC, 256), T(2, PRF_SHA256), T(3, SHA256_128), T(4, MODP_2048)}));

    // Swapping the responder's order swaps the choice.
    ASSERT_EQ(Ikev2ProposalSelector::SelectIke(offered, {mine[1], mine[0]}, &chosen, &reply),
              Outcome::CHOSEN);
    EXPECT_EQ(reply.number, 1);
    EXPECT_EQ(chosen.encr, EncrId::AES_GCM_16);
    EXPECT_EQ(chosen.integ, IntegId::NONE);
    EXPECT_EQ(chosen.dh, DhGroupId::ECP_256);
}

TEST(Ikev2ProposalSelectorTest, ResponderPicksOneOfEachTypeByItsPreference)
{
    const auto offered =
        Ikev2ProposalSelector::MakeIkeOffer({Ike("aes128-aes256-sha1-sha256-modp2048-ecp256")});
    IkeTransformSet chosen;
    Ikev2Proposal reply;
    ASSERT_EQ(Ikev2ProposalSelector::SelectIke(offered,
                                               {Ike("aes256-aes128-sha256-sha1-ecp256-modp2048")},
                                               &chosen,
                                               &reply),
              Outcome::CHOSEN);
    EXPECT_EQ(reply,
              P(1,
                Ikev2ProtocolId::IKE,
                {T(1, AES_CBC, 256), T(2, PRF_SHA256), T(3, SHA256_128), T(4, ECP_256)}));
    EXPECT_EQ(chosen.encrKeyBits, 256);
    EXPECT_EQ(chosen.dh, DhGroupId::ECP_256);
}

TEST(Ikev2ProposalSelectorTest, KeyLengthMustMatch)
{
    // AES-CBC-128 offered, AES-CBC-256 configured: same Transform ID, other Key Length.
    const auto offered = Ikev2ProposalSelector::MakeIkeOffer({Ike("aes128-sha256-modp2048")});
    IkeTransformSet chosen;
    Ikev2Proposal reply;
    EXPECT_EQ(
        Ikev2ProposalSelector::SelectIke(offered, {Ike("aes256-sha256-modp2048")}, &chosen, &reply),
        Outcome::NO_PROPOSAL_CHOSEN);

    // AES without its (mandatory) Key Length, or with a second, unknown attribute: the
    // transform is unacceptable; another of the same type still is (RFC 7296 3.3.6).
    Ikev2Transform noLength = T(1, AES_CBC);
    Ikev2Transform extraAttr = T(1, AES_CBC, 256);
    Ikev2TransformAttribute unknown;
    unknown.type = 17;
    unknown.value = 1;
    extraAttr.attributes.push_back(unknown);
    const std::vector<Ikev2Proposal> odd = {P(1,
                                              Ikev2ProtocolId::IKE,
                                              {noLength,
                                               extraAttr,
                                               T(1, AES_CBC, 192),
                                               T(2, PRF_SHA256),
                                               T(3, SHA256_128),
                                               T(4, MODP_2048)})};
    EXPECT_EQ(Ikev2ProposalSelector::SelectIke(odd,
                                               {Ike("aes256-aes128-sha256-modp2048")},
                                               &chosen,
                                               &reply),
              Outcome::NO_PROPOSAL_CHOSEN);
    ASSERT_EQ(Ikev2ProposalSelector::SelectIke(odd,
                                               {Ike("aes256-aes192-sha256-modp2048")},
                                               &chosen,
                                               &reply),
              Outcome::CHOSEN);
    EXPECT_EQ(reply.transforms.front(), T(1, AES_CBC, 192));

    // A Key Length on a fixed-length cipher is not ours either (RFC 7296 3.3.5).
    const std::vector<Ikev2Proposal> fixed = {
        P(1,
          Ikev2ProtocolId::IKE,
          {T(1, 3, 192), T(2, PRF_SHA256), T(3, SHA256_128), T(4, MODP_2048)})};
    EXPECT_EQ(
        Ikev2ProposalSelector::SelectIke(fixed, {Ike("3des-sha256-modp2048")}, &chosen, &reply),
        Outcome::NO_PROPOSAL_CHOSEN);
}

TEST(Ikev2ProposalSelectorTest, UnknownTransformsAndTypesAreIgnored)
{
    const std::vector<IkeProposalConfig> mine = {Ike("aes128-sha256-modp2048")};
    IkeTransformSet chosen;
    Ikev2Proposal reply;
    // An unknown ENCR ID (1024, private use) beside a known one: only the transform is skipped.
    const std::vector<Ikev2Proposal> unknownId = {P(1,
                                                    Ikev2ProtocolId::IKE,
                                                    {T(1, 1024, 128),
                                                     T(1, AES_CBC, 128),
                                                     T(2, PRF_SHA256),
                                                     T(2, 1025),
                                                     T(3, SHA256_128),
                                                     T(4, 1026),
                                                     T(4, MODP_2048)})};
    ASSERT_EQ(Ikev2ProposalSelector::SelectIke(unknownId, mine, &chosen, &reply), Outcome::CHOSEN);
    EXPECT_EQ(reply,
              P(1,
                Ikev2ProtocolId::IKE,
                {T(1, AES_CBC, 128), T(2, PRF_SHA256), T(3, SHA256_128), T(4, MODP_2048)}));

    // Only unknown ciphers: nothing to choose.
    const std::vector<Ikev2Proposal> onlyUnknown = {
        P(1,
          Ikev2ProtocolId::IKE,
          {T(1, 1024, 128), T(2, PRF_SHA256), T(3, SHA256_128), T(4, MODP_2048)})};
    EXPECT_EQ(Ikev2ProposalSelector::SelectIke(onlyUnknown, mine, &chosen, &reply),
              Outcome::NO_PROPOSAL_CHOSEN);

    // An unknown Transform Type (241) makes its whole proposal unacceptable; the next one is
    // still considered. So does a type IKE does not use (ESN) and a missing mandatory one.
    const Ikev2Proposal good =
        P(4,
          Ikev2ProtocolId::IKE,
          {T(1, AES_CBC, 128), T(2, PRF_SHA256), T(3, SHA256_128), T(4, MODP_2048)});
    std::vector<Ikev2Proposal> offered = {good, good, good, good};
    offered[0].number = 1;
    offered[0].transforms.push_back(T(241, 1));
    offered[1].number = 2;
    offered[1].transforms.push_back(T(5, 0));
    offered[2].number = 3;
    offered[2].transforms.pop_back(); // no DH
    ASSERT_EQ(Ikev2ProposalSelector::SelectIke(offered, mine, &chosen, &reply), Outcome::CHOSEN);
    EXPECT_EQ(reply.number, 4);
}

TEST(Ikev2ProposalSelectorTest, NoProposalChosenAndMalformedOffers)
{
    IkeTransformSet chosen;
    Ikev2Proposal reply;
    const auto offered = Ikev2ProposalSelector::MakeIkeOffer({Ike("aes128-sha1-modp1024")});
    EXPECT_EQ(
        Ikev2ProposalSelector::SelectIke(offered, {Ike("aes128-sha256-modp2048")}, &chosen, &reply),
        Outcome::NO_PROPOSAL_CHOSEN);
    EXPECT_EQ(Ikev2ProposalSelector::SelectIke(offered, {}, &chosen, &reply),
              Outcome::NO_PROPOSAL_CHOSEN);
    // AEAD with an integrity transform other than NONE is not a valid combination.
    const std::vector<Ikev2Proposal> aeadInteg = {
        P(1,
          Ikev2ProtocolId::IKE,
          {T(1, AES_GCM_16, 128), T(2, PRF_SHA256), T(3, SHA256_128), T(4, ECP_256)})};
    EXPECT_EQ(Ikev2ProposalSelector::SelectIke(aeadInteg,
                                               {Ike("aes128gcm16-prfsha256-ecp256")},
                                               &chosen,
                                               &reply),
              Outcome::NO_PROPOSAL_CHOSEN);
    // ... but with NONE among the integrity transforms it is, and NONE is echoed (one of each
    // offered type).
    std::vector<Ikev2Proposal> aeadNone = aeadInteg;
    aeadNone[0].transforms.insert(aeadNone[0].transforms.begin() + 3, T(3, 0));
    ASSERT_EQ(Ikev2ProposalSelector::SelectIke(aeadNone,
                                               {Ike("aes128gcm16-prfsha256-ecp256")},
                                               &chosen,
                                               &reply),
              Outcome::CHOSEN);
    EXPECT_EQ(reply,
              P(1,
                Ikev2ProtocolId::IKE,
                {T(1, AES_GCM_16, 128), T(2, PRF_SHA256), T(3, 0), T(4, ECP_256)}));

    // RFC 7296 3.3.1: numbers 1, 2, ...; no SPI in IKE_SA_INIT.
    std::vector<Ikev2Proposal> badNumber = Ikev2ProposalSelector::MakeIkeOffer(
        {Ike("aes128-sha1-modp1024"), Ike("aes128-sha256-modp2048")});
    badNumber[1].number = 3;
    EXPECT_EQ(Ikev2ProposalSelector::SelectIke(badNumber,
                                               {Ike("aes128-sha256-modp2048")},
                                               &chosen,
                                               &reply),
              Outcome::MALFORMED);
    const auto withSpi = Ikev2ProposalSelector::MakeIkeOffer({Ike("aes128-sha1-modp1024")}, kSpiI);
    EXPECT_EQ(
        Ikev2ProposalSelector::SelectIke(withSpi, {Ike("aes128-sha1-modp1024")}, &chosen, &reply),
        Outcome::MALFORMED);
    EXPECT_EQ(Ikev2ProposalSelector::SelectIke({}, {Ike("aes128-sha1-modp1024")}, &chosen, &reply),
              Outcome::MALFORMED);
}

TEST(Ikev2ProposalSelectorTest, IkeRekeyCarriesEightOctetSpis)
{
    const Bytes spiI = Hex("0102030405060708");
    const Bytes spiR = Hex("1112131415161718");
    const std::vector<IkeProposalConfig> configs = {Ike("aes256gcm16-prfsha384-ecp384")};
    const auto offered = Ikev2ProposalSelector::MakeIkeOffer(configs, spiI);
    IkeTransformSet chosen;
    Ikev2Proposal reply;
    ASSERT_EQ(Ikev2ProposalSelector::SelectIke(offered, configs, &chosen, &reply, spiR),
              Outcome::CHOSEN);
    EXPECT_EQ(reply.spi, spiR);
    IkeTransformSet accepted;
    EXPECT_EQ(Ikev2ProposalSelector::AcceptIkeReply({reply}, offered, &accepted), Outcome::CHOSEN);
    EXPECT_EQ(accepted, chosen);
}

TEST(Ikev2ProposalSelectorTest, InitiatorAcceptsOnlyWhatItOffered)
{
    const auto offered = Ikev2ProposalSelector::MakeIkeOffer(
        {Ike("aes128gcm16-aes256gcm16-prfsha256-prfsha384-ecp256-modp2048"),
         Ike("aes256-sha256-modp3072")});
    IkeTransformSet chosen;
    const Ikev2Proposal reply =
        P(1, Ikev2ProtocolId::IKE, {T(1, AES_GCM_16, 256), T(2, PRF_SHA384), T(4, ECP_256)});
    ASSERT_EQ(Ikev2ProposalSelector::AcceptIkeReply({reply}, offered, &chosen), Outcome::CHOSEN);
    EXPECT_EQ(chosen.encr, EncrId::AES_GCM_16);
    EXPECT_EQ(chosen.encrKeyBits, 256);
    EXPECT_EQ(chosen.prf, PrfId::HMAC_SHA2_384);
    EXPECT_EQ(chosen.integ, IntegId::NONE);
    EXPECT_EQ(chosen.dh, DhGroupId::ECP_256);

    auto rejected = [&offered](const std::vector<Ikev2Proposal>& r) {
        IkeTransformSet s;
        return Ikev2ProposalSelector::AcceptIkeReply(r, offered, &s) == Outcome::REPLY_REJECTED;
    };
    Ikev2Proposal twoEncr = reply;
    twoEncr.transforms.insert(twoEncr.transforms.begin(), T(1, AES_GCM_16, 128));
    EXPECT_TRUE(rejected({twoEncr})) << "two transforms of one type";
    Ikev2Proposal notOffered = reply;
    notOffered.transforms[2] = T(4, MODP_3072); // only in proposal 2
    EXPECT_TRUE(rejected({notOffered})) << "a transform of another proposal";
    Ikev2Proposal otherLength = reply;
    otherLength.transforms[0] = T(1, AES_GCM_16, 192);
    EXPECT_TRUE(rejected({otherLength})) << "a Key Length that was not offered";
    Ikev2Proposal missing = reply;
    missing.transforms.pop_back();
    EXPECT_TRUE(rejected({missing})) << "no DH although proposal 1 had DH";
    Ikev2Proposal extraType = reply;
    extraType.transforms.push_back(T(3, SHA256_128));
    EXPECT_TRUE(rejected({extraType})) << "INTEG was not in proposal 1";
    Ikev2Proposal wrongNumber = reply;
    wrongNumber.number = 3;
    EXPECT_TRUE(rejected({wrongNumber})) << "no proposal 3 was offered";
    Ikev2Proposal renumbered = reply;
    renumbered.number = 2;
    EXPECT_TRUE(rejected({renumbered})) << "proposal 2 had other transforms";
    EXPECT_TRUE(rejected({reply, reply})) << "two proposals";
    EXPECT_TRUE(rejected({})) << "no proposal";
    Ikev2Proposal withSpi = reply;
    withSpi.spi = Hex("0102030405060708");
    EXPECT_TRUE(rejected({withSpi})) << "SPI in IKE_SA_INIT";
    Ikev2Proposal esp = reply;
    esp.protocol = Ikev2ProtocolId::ESP;
    EXPECT_TRUE(rejected({esp})) << "protocol changed";
}

TEST(Ikev2ProposalSelectorTest, InvalidKePayloadNamesTheResponderGroup)
{
    const std::vector<IkeProposalConfig> initiator = {Ike("aes128-sha256-modp2048-ecp256")};
    const std::vector<IkeProposalConfig> responder = {Ike("aes128-sha256-ecp256-modp3072")};
    // RFC 7296 1.2: the initiator guesses the first group of its first proposal.
    const DhGroupId guess = Ikev2ProposalSelector::PreferredGroup(initiator);
    EXPECT_EQ(guess, DhGroupId::MODP_2048);
    EXPECT_EQ(Ikev2ProposalSelector::PreferredGroup(std::vector<IkeProposalConfig>{}),
              DhGroupId::NONE);

    const auto offered = Ikev2ProposalSelector::MakeIkeOffer(initiator);
    IkeTransformSet chosen;
    Ikev2Proposal reply;
    ASSERT_EQ(Ikev2ProposalSelector::SelectIkeForKe(offered, responder, guess, &chosen, &reply),
              Outcome::INVALID_KE_PAYLOAD);
    EXPECT_EQ(chosen.dh, DhGroupId::ECP_256);
    const Bytes data = Ikev2ProposalSelector::InvalidKeData(chosen.dh);
    EXPECT_EQ(data, Hex("0013")); // RFC 7296 3.10.1: two octets, group 19

    DhGroupId retry = DhGroupId::NONE;
    ASSERT_EQ(Ikev2ProposalSelector::AcceptInvalidKe(data, offered, guess, &retry),
              Outcome::CHOSEN);
    EXPECT_EQ(retry, DhGroupId::ECP_256);
    ASSERT_EQ(Ikev2ProposalSelector::SelectIkeForKe(offered, responder, retry, &chosen, &reply),
              Outcome::CHOSEN);
    EXPECT_EQ(reply.transforms.back(), T(4, ECP_256));

    // The initiator refuses a group it never offered, its own group again, or bad data.
    EXPECT_EQ(Ikev2ProposalSelector::AcceptInvalidKe(Hex("000f"), offered, guess, &retry),
              Outcome::REPLY_REJECTED);
    EXPECT_EQ(Ikev2ProposalSelector::AcceptInvalidKe(Hex("000e"), offered, guess, &retry),
              Outcome::REPLY_REJECTED);
    EXPECT_EQ(Ikev2ProposalSelector::AcceptInvalidKe(Hex("0013ff"), offered, guess, &retry),
              Outcome::REPLY_REJECTED);
    EXPECT_EQ(Ikev2ProposalSelector::AcceptInvalidKe(Hex("0000"), offered, guess, &retry),
              Outcome::REPLY_REJECTED);
}

TEST(Ikev2ProposalSelectorTest, KeGroupAcceptableToBothSidesSavesTheRoundTrip)
{
    // The responder prefers ECP-256 but also accepts MODP-2048, which the initiator sent.
    const auto offered =
        Ikev2ProposalSelector::MakeIkeOffer({Ike("aes128-sha256-modp2048-ecp256")});
    IkeTransformSet chosen;
    Ikev2Proposal reply;
    ASSERT_EQ(Ikev2ProposalSelector::SelectIkeForKe(offered,
                                                    {Ike("aes128-sha256-ecp256-modp2048")},
                                                    DhGroupId::MODP_2048,
                                                    &chosen,
                                                    &reply),
              Outcome::CHOSEN);
    EXPECT_EQ(chosen.dh, DhGroupId::MODP_2048);
    EXPECT_EQ(reply.transforms.back(), T(4, MODP_2048));
    // Without a KE to honour, the responder's own order holds.
    ASSERT_EQ(Ikev2ProposalSelector::SelectIke(offered,
                                               {Ike("aes128-sha256-ecp256-modp2048")},
                                               &chosen,
                                               &reply),
              Outcome::CHOSEN);
    EXPECT_EQ(chosen.dh, DhGroupId::ECP_256);
}

TEST(Ikev2ProposalSelectorTest, ChildInIkeAuthWithEsnAndTheResponderSpi)
{
    const auto offered = Ikev2ProposalSelector::MakeChildOffer({Child("aes128gcm16-esn-noesn")},
                                                               kSpiI,
                                                               Ikev2ChildExchange::IKE_AUTH);
    ChildTransformSet chosen;
    Ikev2Proposal reply;
    ASSERT_EQ(Ikev2ProposalSelector::SelectChild(offered,
                                                 {Child("aes128gcm16-noesn-esn")},
                                                 Ikev2ChildExchange::IKE_AUTH,
                                                 DhGroupId::NONE,
                                                 kSpiR,
                                                 &chosen,
                                                 &reply),
              Outcome::CHOSEN);
    EXPECT_EQ(reply, P(1, Ikev2ProtocolId::ESP, {T(1, AES_GCM_16, 128), T(5, 0)}, kSpiR));
    ChildTransformSet expected;
    expected.protocol = IpsecProtocol::ESP;
    expected.encr = EncrId::AES_GCM_16;
    expected.encrKeyBits = 128;
    expected.integ = IntegId::NONE;
    expected.dh = DhGroupId::NONE;
    expected.esn = false;
    EXPECT_EQ(chosen, expected);

    ChildTransformSet accepted;
    ASSERT_EQ(Ikev2ProposalSelector::AcceptChildReply({reply}, offered, &accepted),
              Outcome::CHOSEN);
    EXPECT_EQ(accepted, chosen);

    // A responder that insists on ESN picks it; one that refuses it finds nothing.
    ASSERT_EQ(Ikev2ProposalSelector::SelectChild(offered,
                                                 {Child("aes128gcm16-esn")},
                                                 Ikev2ChildExchange::IKE_AUTH,
                                                 DhGroupId::NONE,
                                                 kSpiR,
                                                 &chosen,
                                                 &reply),
              Outcome::CHOSEN);
    EXPECT_TRUE(chosen.esn);
    const auto esnOnly = Ikev2ProposalSelector::MakeChildOffer({Child("aes128gcm16-esn")},
                                                               kSpiI,
                                                               Ikev2ChildExchange::IKE_AUTH);
    EXPECT_EQ(Ikev2ProposalSelector::SelectChild(esnOnly,
                                                 {Child("aes128gcm16-noesn")},
                                                 Ikev2ChildExchange::IKE_AUTH,
                                                 DhGroupId::NONE,
                                                 kSpiR,
                                                 &chosen,
                                                 &reply),
              Outcome::NO_PROPOSAL_CHOSEN);
    // RFC 7296 3.3.3: ESN is mandatory in ESP; an offer without it is unacceptable.
    const std::vector<Ikev2Proposal> noEsn = {
        P(1, Ikev2ProtocolId::ESP, {T(1, AES_GCM_16, 128)}, kSpiI)};
    EXPECT_EQ(Ikev2ProposalSelector::SelectChild(noEsn,
                                                 {Child("aes128gcm16")},
                                                 Ikev2ChildExchange::IKE_AUTH,
                                                 DhGroupId::NONE,
                                                 kSpiR,
                                                 &chosen,
                                                 &reply),
              Outcome::NO_PROPOSAL_CHOSEN);
}

TEST(Ikev2ProposalSelectorTest, IkeAuthOffersLeaveGroupsOutAndResponderIgnoresThem)
{
    // RFC 7296 1.2: no KE in IKE_AUTH, so the initiator SHOULD omit Transform Type 4 there.
    const auto offered = Ikev2ProposalSelector::MakeChildOffer({Child("aes256-sha256-modp3072")},
                                                               kSpiI,
                                                               Ikev2ChildExchange::IKE_AUTH);
    EXPECT_EQ(offered.front(),
              P(1, Ikev2ProtocolId::ESP, {T(1, AES_CBC, 256), T(3, SHA256_128), T(5, 0)}, kSpiI));

    // An initiator that sends groups anyway: the responder ignores them.
    const std::vector<Ikev2Proposal> withGroup = {
        P(1,
          Ikev2ProtocolId::ESP,
          {T(1, AES_CBC, 256), T(3, SHA256_128), T(4, MODP_3072), T(5, 0)},
          kSpiI)};
    ChildTransformSet chosen;
    Ikev2Proposal reply;
    ASSERT_EQ(Ikev2ProposalSelector::SelectChild(withGroup,
                                                 {Child("aes256-sha256-modp3072")},
                                                 Ikev2ChildExchange::IKE_AUTH,
                                                 DhGroupId::NONE,
                                                 kSpiR,
                                                 &chosen,
                                                 &reply),
              Outcome::CHOSEN);
    EXPECT_EQ(chosen.dh, DhGroupId::NONE);
    EXPECT_EQ(reply,
              P(1, Ikev2ProtocolId::ESP, {T(1, AES_CBC, 256), T(3, SHA256_128), T(5, 0)}, kSpiR));
}

TEST(Ikev2ProposalSelectorTest, PfsInCreateChildSa)
{
    const auto cc = Ikev2ChildExchange::CREATE_CHILD_SA;
    ChildTransformSet chosen;
    Ikev2Proposal reply;
    const std::vector<ChildProposalConfig> pfs = {Child("aes256-sha256-modp3072")};
    const std::vector<ChildProposalConfig> noPfs = {Child("aes256-sha256")};
    const std::vector<ChildProposalConfig> optional = {Child("aes256-sha256-modp3072-none")};
    const auto offerPfs = Ikev2ProposalSelector::MakeChildOffer(pfs, kSpiI, cc);
    const auto offerNoPfs = Ikev2ProposalSelector::MakeChildOffer(noPfs, kSpiI, cc);
    EXPECT_EQ(Ikev2ProposalSelector::PreferredGroup(pfs), DhGroupId::MODP_3072);
    EXPECT_EQ(Ikev2ProposalSelector::PreferredGroup(noPfs), DhGroupId::NONE);

    // PFS on both sides, KE of the right group.
    ASSERT_EQ(Ikev2ProposalSelector::SelectChild(offerPfs,
                                                 pfs,
                                                 cc,
                                                 DhGroupId::MODP_3072,
                                                 kSpiR,
                                                 &chosen,
                                                 &reply),
              Outcome::CHOSEN);
    EXPECT_EQ(chosen.dh, DhGroupId::MODP_3072);
    EXPECT_EQ(reply.transforms[2], T(4, MODP_3072));
    ChildTransformSet accepted;
    ASSERT_EQ(Ikev2ProposalSelector::AcceptChildReply({reply}, offerPfs, &accepted),
              Outcome::CHOSEN);
    EXPECT_EQ(accepted, chosen);

    // The same offer without a KE payload: the responder asks for one in its group.
    EXPECT_EQ(Ikev2ProposalSelector::SelectChild(offerPfs,
                                                 pfs,
                                                 cc,
                                                 DhGroupId::NONE,
                                                 kSpiR,
                                                 &chosen,
                                                 &reply),
              Outcome::INVALID_KE_PAYLOAD);
    EXPECT_EQ(chosen.dh, DhGroupId::MODP_3072);

    // The responder requires PFS, the initiator offers none, and the other way round.
    EXPECT_EQ(Ikev2ProposalSelector::SelectChild(offerNoPfs,
                                                 pfs,
                                                 cc,
                                                 DhGroupId::NONE,
                                                 kSpiR,
                                                 &chosen,
                                                 &reply),
              Outcome::NO_PROPOSAL_CHOSEN);
    EXPECT_EQ(Ikev2ProposalSelector::SelectChild(offerPfs,
                                                 noPfs,
                                                 cc,
                                                 DhGroupId::MODP_3072,
                                                 kSpiR,
                                                 &chosen,
                                                 &reply),
              Outcome::NO_PROPOSAL_CHOSEN);

    // Optional PFS (a group and NONE): either offer works.
    ASSERT_EQ(Ikev2ProposalSelector::SelectChild(offerNoPfs,
                                                 optional,
                                                 cc,
                                                 DhGroupId::NONE,
                                                 kSpiR,
                                                 &chosen,
                                                 &reply),
              Outcome::CHOSEN);
    EXPECT_EQ(chosen.dh, DhGroupId::NONE);
    ASSERT_EQ(Ikev2ProposalSelector::SelectChild(offerPfs,
                                                 optional,
                                                 cc,
                                                 DhGroupId::MODP_3072,
                                                 kSpiR,
                                                 &chosen,
                                                 &reply),
              Outcome::CHOSEN);
    EXPECT_EQ(chosen.dh, DhGroupId::MODP_3072);

    // An initiator offering a group or NONE meets a responder without PFS: NONE (0) is a valid
    // Transform Type 4 choice and is echoed.
    const auto offerOptional = Ikev2ProposalSelector::MakeChildOffer(optional, kSpiI, cc);
    ASSERT_EQ(Ikev2ProposalSelector::SelectChild(offerOptional,
                                                 noPfs,
                                                 cc,
                                                 DhGroupId::MODP_3072,
                                                 kSpiR,
                                                 &chosen,
                                                 &reply),
              Outcome::CHOSEN);
    EXPECT_EQ(chosen.dh, DhGroupId::NONE);
    EXPECT_EQ(reply,
              P(1,
                Ikev2ProtocolId::ESP,
                {T(1, AES_CBC, 256), T(3, SHA256_128), T(4, 0), T(5, 0)},
                kSpiR));
    ASSERT_EQ(Ikev2ProposalSelector::AcceptChildReply({reply}, offerOptional, &accepted),
              Outcome::CHOSEN);
    EXPECT_EQ(accepted.dh, DhGroupId::NONE);
}

TEST(Ikev2ProposalSelectorTest, AhAndProtocolMismatch)
{
    const auto ahOffer = Ikev2ProposalSelector::MakeChildOffer({Child("sha256", IpsecProtocol::AH)},
                                                               kSpiI,
                                                               Ikev2ChildExchange::IKE_AUTH);
    EXPECT_EQ(ahOffer.front().protocol, Ikev2ProtocolId::AH);
    ChildTransformSet chosen;
    Ikev2Proposal reply;
    EXPECT_EQ(Ikev2ProposalSelector::SelectChild(ahOffer,
                                                 {Child("null-sha256")},
                                                 Ikev2ChildExchange::IKE_AUTH,
                                                 DhGroupId::NONE,
                                                 kSpiR,
                                                 &chosen,
                                                 &reply),
              Outcome::NO_PROPOSAL_CHOSEN);
    ASSERT_EQ(Ikev2ProposalSelector::SelectChild(
                  ahOffer,
                  {Child("null-sha256"), Child("sha1-sha256", IpsecProtocol::AH)},
                  Ikev2ChildExchange::IKE_AUTH,
                  DhGroupId::NONE,
                  kSpiR,
                  &chosen,
                  &reply),
              Outcome::CHOSEN);
    EXPECT_EQ(chosen.protocol, IpsecProtocol::AH);
    EXPECT_EQ(chosen.encr, EncrId::NULL_ENCR);
    EXPECT_EQ(chosen.encrKeyBits, 0);
    EXPECT_EQ(chosen.integ, IntegId::HMAC_SHA2_256_128);
    EXPECT_EQ(reply, P(1, Ikev2ProtocolId::AH, {T(3, SHA256_128), T(5, 0)}, kSpiR));
    // ENCR has no place in AH: such a proposal is unacceptable.
    std::vector<Ikev2Proposal> ahEncr = ahOffer;
    ahEncr[0].transforms.insert(ahEncr[0].transforms.begin(), T(1, 11));
    EXPECT_EQ(Ikev2ProposalSelector::SelectChild(ahEncr,
                                                 {Child("sha256", IpsecProtocol::AH)},
                                                 Ikev2ChildExchange::IKE_AUTH,
                                                 DhGroupId::NONE,
                                                 kSpiR,
                                                 &chosen,
                                                 &reply),
              Outcome::NO_PROPOSAL_CHOSEN);
}

TEST(Ikev2ProposalSelectorTest, ChildSpisAndRepliesAreChecked)
{
    const auto offered = Ikev2ProposalSelector::MakeChildOffer({Child("aes128-sha1-noesn")},
                                                               kSpiI,
                                                               Ikev2ChildExchange::IKE_AUTH);
    ChildTransformSet chosen;
    Ikev2Proposal reply;
    // RFC 7296 3.3.1: ESP and AH proposals carry a 4-octet SPI; 0 is reserved (RFC 4303 2.1).
    for (const Bytes& spi : {Bytes{}, Hex("000000"), Hex("00000000")})
    {
        std::vector<Ikev2Proposal> bad = offered;
        bad[0].spi = spi;
        EXPECT_EQ(Ikev2ProposalSelector::SelectChild(bad,
                                                     {Child("aes128-sha1-noesn")},
                                                     Ikev2ChildExchange::IKE_AUTH,
                                                     DhGroupId::NONE,
                                                     kSpiR,
                                                     &chosen,
                                                     &reply),
                  Outcome::MALFORMED);
    }
    ASSERT_EQ(Ikev2ProposalSelector::SelectChild(offered,
                                                 {Child("aes128-sha1-noesn")},
                                                 Ikev2ChildExchange::IKE_AUTH,
                                                 DhGroupId::NONE,
                                                 kSpiR,
                                                 &chosen,
                                                 &reply),
              Outcome::CHOSEN);
    auto rejected = [&offered](const Ikev2Proposal& r) {
        ChildTransformSet s;
        return Ikev2ProposalSelector::AcceptChildReply({r}, offered, &s) == Outcome::REPLY_REJECTED;
    };
    EXPECT_FALSE(rejected(reply));
    Ikev2Proposal zeroSpi = reply;
    zeroSpi.spi = Hex("00000000");
    EXPECT_TRUE(rejected(zeroSpi));
    Ikev2Proposal shortSpi = reply;
    shortSpi.spi = Hex("aabbcc");
    EXPECT_TRUE(rejected(shortSpi));
    Ikev2Proposal twoEsn = reply;
    twoEsn.transforms.push_back(T(5, 0));
    EXPECT_TRUE(rejected(twoEsn));
    Ikev2Proposal esnOn = reply;
    esnOn.transforms.back() = T(5, 1);
    EXPECT_TRUE(rejected(esnOn)) << "ESN was not offered";
    Ikev2Proposal group = reply;
    group.transforms.insert(group.transforms.begin() + 2, T(4, MODP_2048));
    EXPECT_TRUE(rejected(group)) << "no group was offered in IKE_AUTH";
}

TEST(Ikev2ProposalSelectorTest, NegotiatesThroughTheWire)
{
    // Both sides see only octets: the offer and the reply go through an SA payload.
    const std::vector<IkeProposalConfig> initiator = {Ike("aes128-sha1-modp1024"),
                                                      Ike("aes256gcm16-prfsha256-curve25519")};
    const std::vector<IkeProposalConfig> responder = {Ike("chacha20poly1305-prfsha256-x25519"),
                                                      Ike("aes256gcm16-prfsha256-x25519")};
    Ikev2SaPayload request;
    for (const auto& p : Ikev2ProposalSelector::MakeIkeOffer(initiator))
    {
        request.AddProposal(p);
    }
    const Bytes wire = Encode(request);
    Ikev2SaPayload received;
    ASSERT_EQ(received.DeserializeBody(ByteView(wire.data() + 4, wire.size() - 4)),
              Ikev2ParseStatus::OK);
    IkeTransformSet responderSet;
    Ikev2Proposal answer;
    ASSERT_EQ(Ikev2ProposalSelector::SelectIke(received.GetProposals(),
                                               responder,
                                               &responderSet,
                                               &answer),
              Outcome::CHOSEN);
    Ikev2SaPayload response;
    response.AddProposal(answer);
    const Bytes replyWire = Encode(response);
    EXPECT_EQ(replyWire,
              Hex("00 00 00 28"                         // SA payload, 40 octets
                  "00 00 00 24 02 01 00 03"             // proposal #2, IKE, 3 transforms
                  "03 00 00 0c 01 00 00 14 80 0e 01 00" // AES-GCM-16, 256
                  "03 00 00 08 02 00 00 05"             // PRF-HMAC-SHA2-256
                  "00 00 00 08 04 00 00 1f"));          // Curve25519
    Ikev2SaPayload back;
    ASSERT_EQ(back.DeserializeBody(ByteView(replyWire.data() + 4, replyWire.size() - 4)),
              Ikev2ParseStatus::OK);
    IkeTransformSet initiatorSet;
    ASSERT_EQ(Ikev2ProposalSelector::AcceptIkeReply(back.GetProposals(),
                                                    Ikev2ProposalSelector::MakeIkeOffer(initiator),
                                                    &initiatorSet),
              Outcome::CHOSEN);
    EXPECT_EQ(initiatorSet, responderSet);
}

} // namespace
} // namespace ns3
