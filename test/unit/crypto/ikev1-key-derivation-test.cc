/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * IKEv1 key derivation (RFC 2409 section 5, 5.5, appendix B) against NIST SP 800-135 sample
 * vectors (test/vectors/ikev1_kdf_nist_sp800-135.txt) and against compositions written out
 * from the RFC with OpenSSL's one-shot HMAC and digest.
 */

#include "kdf-test-util.h"

#include "ns3/ikev1-key-derivation.h"

#include <gtest/gtest.h>

namespace ns3
{
namespace
{

using kdftest::Cat;
using kdftest::Hex;
using kdftest::Prefix;
using kdftest::RefDigest;
using kdftest::RefHmac;
using kdftest::ToHex;

uint64_t
Cookie(const Bytes& octets)
{
    uint64_t v = 0;
    for (uint8_t o : octets)
    {
        v = (v << 8) | o;
    }
    return v;
}

Ikev1HashId
HashOfSection(const std::string& name)
{
    if (name == "SHA-1")
    {
        return Ikev1HashId::SHA1;
    }
    if (name == "SHA-256")
    {
        return Ikev1HashId::SHA2_256;
    }
    EXPECT_EQ(name, "SHA-384");
    return Ikev1HashId::SHA2_384;
}

const Bytes kNi = Hex("0f0e0d0c0b0a09080706050403020100f0f1f2f3f4f5f6f7");
const Bytes kNr = Hex("a1a2a3a4a5a6a7a8a9aaabacadaeafb0");
const Bytes kGxi = Hex("1234567890abcdef1234567890abcdef1234567890abcdef1234567890abcdef");
const Bytes kGxr = Hex("fedcba0987654321fedcba0987654321fedcba0987654321fedcba0987654321");
const Bytes kGxy = Hex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
const uint64_t kCkyI = 0x1122334455667788ULL;
const uint64_t kCkyR = 0x99aabbccddeeff00ULL;
const Bytes kCkyIOctets = Hex("1122334455667788");
const Bytes kCkyROctets = Hex("99aabbccddeeff00");

TEST(Ikev1KeyDerivation, NistSp800135Vectors)
{
    const auto records = kdftest::ReadVectorFile("ikev1_kdf_nist_sp800-135.txt");
    ASSERT_EQ(records.size(), 6u);
    size_t psk = 0;
    size_t signature = 0;
    for (const auto& r : records)
    {
        SCOPED_TRACE(r.hash + " SKEYID " + ToHex(r.Get("SKEYID")));
        PrfId prf;
        ASSERT_EQ(Ikev1KeyDerivation::GetPrfForHash(HashOfSection(r.hash), &prf), CryptoStatus::OK);
        Bytes skeyid;
        if (r.Has("pre-shared-key"))
        {
            ASSERT_EQ(Ikev1KeyDerivation::ComputeSkeyidPreSharedKey(prf,
                                                                    r.Get("pre-shared-key"),
                                                                    r.Get("Ni"),
                                                                    r.Get("Nr"),
                                                                    &skeyid),
                      CryptoStatus::OK);
            EXPECT_EQ(ToHex(skeyid), ToHex(r.Get("SKEYID")));
            ++psk;
            continue;
        }
        ASSERT_EQ(Ikev1KeyDerivation::ComputeSkeyidSignature(prf,
                                                             r.Get("Ni"),
                                                             r.Get("Nr"),
                                                             r.Get("g^xy"),
                                                             &skeyid),
                  CryptoStatus::OK);
        EXPECT_EQ(ToHex(skeyid), ToHex(r.Get("SKEYID")));
        Ikev1Skeyids keys;
        ASSERT_EQ(Ikev1KeyDerivation::DeriveSkeyids(prf,
                                                    skeyid,
                                                    r.Get("g^xy"),
                                                    Cookie(r.Get("CKY_I")),
                                                    Cookie(r.Get("CKY_R")),
                                                    &keys),
                  CryptoStatus::OK);
        EXPECT_EQ(keys.skeyid, skeyid);
        EXPECT_EQ(ToHex(keys.skeyidD), ToHex(r.Get("SKEYID_d")));
        EXPECT_EQ(ToHex(keys.skeyidA), ToHex(r.Get("SKEYID_a")));
        EXPECT_EQ(ToHex(keys.skeyidE), ToHex(r.Get("SKEYID_e")));
        ++signature;
    }
    EXPECT_EQ(psk, 3u);
    EXPECT_EQ(signature, 3u);
}

TEST(Ikev1KeyDerivation, PrfIsTheHmacOfTheNegotiatedHash)
{
    const struct
    {
        Ikev1HashId hash;
        PrfId prf;
    } cases[] = {
        {Ikev1HashId::MD5, PrfId::HMAC_MD5},
        {Ikev1HashId::SHA1, PrfId::HMAC_SHA1},
        {Ikev1HashId::SHA2_256, PrfId::HMAC_SHA2_256},
        {Ikev1HashId::SHA2_384, PrfId::HMAC_SHA2_384},
        {Ikev1HashId::SHA2_512, PrfId::HMAC_SHA2_512},
    };

    for (const auto& c : cases)
    {
        PrfId prf;
        ASSERT_EQ(Ikev1KeyDerivation::GetPrfForHash(c.hash, &prf), CryptoStatus::OK);
        EXPECT_EQ(prf, c.prf);
    }
    PrfId prf;
    EXPECT_EQ(Ikev1KeyDerivation::GetPrfForHash(Ikev1HashId::TIGER, &prf),
              CryptoStatus::UNSUPPORTED);
}

TEST(Ikev1KeyDerivation, SkeyidsWrittenOutFromTheRfc)
{
    const Bytes psk = Hex("70726573686172656420736563726574");
    Bytes skeyid;
    ASSERT_EQ(
        Ikev1KeyDerivation::ComputeSkeyidPreSharedKey(PrfId::HMAC_MD5, psk, kNi, kNr, &skeyid),
        CryptoStatus::OK);
    EXPECT_EQ(ToHex(skeyid), ToHex(RefHmac("MD5", psk, {kNi, kNr})));

    Ikev1Skeyids keys;
    ASSERT_EQ(Ikev1KeyDerivation::DeriveSkeyids(PrfId::HMAC_MD5, skeyid, kGxy, kCkyI, kCkyR, &keys),
              CryptoStatus::OK);
    const Bytes zero = Hex("00");
    const Bytes one = Hex("01");
    const Bytes two = Hex("02");
    const Bytes d = RefHmac("MD5", skeyid, {kGxy, kCkyIOctets, kCkyROctets, zero});
    const Bytes a = RefHmac("MD5", skeyid, {d, kGxy, kCkyIOctets, kCkyROctets, one});
    const Bytes e = RefHmac("MD5", skeyid, {a, kGxy, kCkyIOctets, kCkyROctets, two});
    EXPECT_EQ(ToHex(keys.skeyidD), ToHex(d));
    EXPECT_EQ(ToHex(keys.skeyidA), ToHex(a));
    EXPECT_EQ(ToHex(keys.skeyidE), ToHex(e));
}

TEST(Ikev1KeyDerivation, EncryptionKeyExpansionOfAppendixB)
{
    // SHA-1's 20-octet SKEYID_e is too short for AES-256: Ka = K1 | K2 with K1 = prf(e, 0x00).
    const Bytes e = Hex("63e81194946ebd05df7df5ebf5d8750056bf1f1d");
    Bytes key;
    ASSERT_EQ(Ikev1KeyDerivation::ExpandEncryptionKey(PrfId::HMAC_SHA1, e, 32, &key),
              CryptoStatus::OK);
    const Bytes k1 = RefHmac("SHA1", e, {Hex("00")});
    const Bytes k2 = RefHmac("SHA1", e, {k1});
    EXPECT_EQ(ToHex(key), ToHex(Prefix(Cat({k1, k2}), 32)));

    // The same expansion in another implementation: NSS's ikeV1AppB vectors (NSS
    // gtests/common/testvectors/ike-sha1-vectors.h and ike-sha256-vectors.h, records 11).
    ASSERT_EQ(Ikev1KeyDerivation::ExpandEncryptionKey(PrfId::HMAC_SHA1, e, 132, &key),
              CryptoStatus::OK);
    EXPECT_EQ(ToHex(key),
              "933347a07de5782247dd36d1562ffe0eecade1eb4134165257e3af1000af8ae3f165063828cbb60d"
              "910b7db38fa3c7f62c4afaaf3203da065c841729853edb23e9e7ac8286ae65c8cb6c667d79268c0b"
              "d6705abb9131698eb822b1c1f9dd142fc7be2c1010ee0152e10195add98999c6b6d42c8fe9c1b134"
              "d56ad5f2c6f20e815bd25c52");
    const Bytes e256 = Hex("5f00d1bd2c58ec224b1e6b71fa0f19a1faa7a193952c444411b47c1a9d8ba6fe");
    ASSERT_EQ(Ikev1KeyDerivation::ExpandEncryptionKey(PrfId::HMAC_SHA2_256, e256, 132, &key),
              CryptoStatus::OK);
    EXPECT_EQ(ToHex(key),
              "b10fff32cbeaa1e7afe6ab0b191e0bd63cd524849a4b56019146d232a24cf9af6b89494d2a360b06"
              "825db8bb0324c15cecf47fc0bc99e39bf1171a7f4bf1733dc49ef64c642e73b054b2e82456e34fa3"
              "c822da475e27e403b3da3929da50e6aa9e7f9252c68fa069b4b0edd374e80d35378c4f5e8ec285a1"
              "b169c92bbb5353d05ba94165");

    // Long enough: the first octets of SKEYID_e, no expansion (NSS records 12 and 13).
    ASSERT_EQ(Ikev1KeyDerivation::ExpandEncryptionKey(PrfId::HMAC_SHA2_256, e256, 16, &key),
              CryptoStatus::OK);
    EXPECT_EQ(key, Prefix(e256, 16));
    ASSERT_EQ(Ikev1KeyDerivation::ExpandEncryptionKey(PrfId::HMAC_SHA2_256, e256, 32, &key),
              CryptoStatus::OK);
    EXPECT_EQ(key, e256);
    EXPECT_EQ(Ikev1KeyDerivation::ExpandEncryptionKey(PrfId::HMAC_SHA1, {}, 16, &key),
              CryptoStatus::BAD_KEY_LENGTH);
}

TEST(Ikev1KeyDerivation, MainModeHashes)
{
    const Bytes skeyid = RefHmac("SHA256", Cat({kNi, kNr}), {kGxy});
    const Bytes sai = Hex("00000001000000010000002c010100010300002401010000800b0001800c0e10"
                          "800100078002000480040002800e0080800300010000");
    const Bytes idii = Hex("01000000c0a80001");
    const Bytes idir = Hex("01000000c0a80002");
    Ikev1HashInput in;
    in.gxi = kGxi;
    in.gxr = kGxr;
    in.ckyI = kCkyI;
    in.ckyR = kCkyR;
    in.saiB = sai;
    in.idB = idii;
    Bytes hashI;
    ASSERT_EQ(Ikev1KeyDerivation::ComputeHashI(PrfId::HMAC_SHA2_256, skeyid, in, &hashI),
              CryptoStatus::OK);
    EXPECT_EQ(ToHex(hashI),
              ToHex(RefHmac("SHA256", skeyid, {kGxi, kGxr, kCkyIOctets, kCkyROctets, sai, idii})));

    in.idB = idir;
    Bytes hashR;
    ASSERT_EQ(Ikev1KeyDerivation::ComputeHashR(PrfId::HMAC_SHA2_256, skeyid, in, &hashR),
              CryptoStatus::OK);
    EXPECT_EQ(ToHex(hashR),
              ToHex(RefHmac("SHA256", skeyid, {kGxr, kGxi, kCkyROctets, kCkyIOctets, sai, idir})));
    EXPECT_NE(hashI, hashR);

    in.saiB = ByteView();
    EXPECT_EQ(Ikev1KeyDerivation::ComputeHashI(PrfId::HMAC_SHA2_256, skeyid, in, &hashI),
              CryptoStatus::BAD_INPUT_LENGTH);
    in.saiB = sai;
    EXPECT_EQ(Ikev1KeyDerivation::ComputeHashR(PrfId::HMAC_SHA2_256, {}, in, &hashI),
              CryptoStatus::BAD_KEY_LENGTH);
}

TEST(Ikev1KeyDerivation, QuickModeKeymatWithAndWithoutPfs)
{
    const Bytes skeyidD = Hex("d0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3");
    const uint8_t esp = 3;
    const uint32_t spi = 0xc0ffee01;
    const Bytes protocolSpi = Hex("03c0ffee01");
    for (const bool pfs : {false, true})
    {
        SCOPED_TRACE(pfs ? "PFS" : "no PFS");
        const Bytes gqm = pfs ? kGxy : Bytes();
        // AES-256 + HMAC-SHA1: 52 octets = K1 | K2 | 12 octets of K3.
        Bytes keymat;
        ASSERT_EQ(Ikev1KeyDerivation::ComputeQuickModeKeymat(PrfId::HMAC_SHA1,
                                                             skeyidD,
                                                             gqm,
                                                             esp,
                                                             spi,
                                                             kNi,
                                                             kNr,
                                                             52,
                                                             &keymat),
                  CryptoStatus::OK);
        const Bytes k1 = RefHmac("SHA1", skeyidD, {gqm, protocolSpi, kNi, kNr});
        const Bytes k2 = RefHmac("SHA1", skeyidD, {k1, gqm, protocolSpi, kNi, kNr});
        const Bytes k3 = RefHmac("SHA1", skeyidD, {k2, gqm, protocolSpi, kNi, kNr});
        EXPECT_EQ(ToHex(keymat), ToHex(Prefix(Cat({k1, k2, k3}), 52)));

        Ikev1QuickModeKeys keys;
        ASSERT_EQ(Ikev1KeyDerivation::DeriveQuickModeKeys(PrfId::HMAC_SHA1,
                                                          skeyidD,
                                                          gqm,
                                                          esp,
                                                          spi,
                                                          kNi,
                                                          kNr,
                                                          32,
                                                          20,
                                                          &keys),
                  CryptoStatus::OK);
        EXPECT_EQ(keys.encr, Prefix(keymat, 32));
        EXPECT_EQ(keys.integ, Bytes(keymat.begin() + 32, keymat.end()));
    }
    // Each direction has its own SPI, hence its own keys.
    Bytes in;
    Bytes out;
    ASSERT_EQ(Ikev1KeyDerivation::ComputeQuickModeKeymat(PrfId::HMAC_SHA1,
                                                         skeyidD,
                                                         {},
                                                         esp,
                                                         spi,
                                                         kNi,
                                                         kNr,
                                                         20,
                                                         &in),
              CryptoStatus::OK);
    ASSERT_EQ(Ikev1KeyDerivation::ComputeQuickModeKeymat(PrfId::HMAC_SHA1,
                                                         skeyidD,
                                                         {},
                                                         esp,
                                                         spi + 1,
                                                         kNi,
                                                         kNr,
                                                         20,
                                                         &out),
              CryptoStatus::OK);
    EXPECT_NE(in, out);
    EXPECT_EQ(Ikev1KeyDerivation::ComputeQuickModeKeymat(PrfId::HMAC_SHA1,
                                                         {},
                                                         {},
                                                         esp,
                                                         spi,
                                                         kNi,
                                                         kNr,
                                                         20,
                                                         &out),
              CryptoStatus::BAD_KEY_LENGTH);
    EXPECT_EQ(Ikev1KeyDerivation::ComputeQuickModeKeymat(PrfId::HMAC_SHA1,
                                                         skeyidD,
                                                         {},
                                                         esp,
                                                         spi,
                                                         kNi,
                                                         {},
                                                         20,
                                                         &out),
              CryptoStatus::BAD_INPUT_LENGTH);
}

TEST(Ikev1KeyDerivation, Phase1AndPhase2Ivs)
{
    Bytes iv;
    ASSERT_EQ(Ikev1KeyDerivation::ComputePhase1Iv(Ikev1HashId::SHA1, kGxi, kGxr, 16, &iv),
              CryptoStatus::OK);
    EXPECT_EQ(ToHex(iv), ToHex(Prefix(RefDigest("SHA1", Cat({kGxi, kGxr})), 16)));
    ASSERT_EQ(Ikev1KeyDerivation::ComputePhase1Iv(Ikev1HashId::MD5, kGxi, kGxr, 8, &iv),
              CryptoStatus::OK);
    EXPECT_EQ(ToHex(iv), ToHex(Prefix(RefDigest("MD5", Cat({kGxi, kGxr})), 8)));

    const Bytes lastBlock = Hex("8899aabbccddeeff0011223344556677");
    ASSERT_EQ(
        Ikev1KeyDerivation::ComputePhase2Iv(Ikev1HashId::SHA2_256, lastBlock, 0x01020304, 16, &iv),
        CryptoStatus::OK);
    EXPECT_EQ(ToHex(iv), ToHex(Prefix(RefDigest("SHA256", Cat({lastBlock, Hex("01020304")})), 16)));
    ASSERT_EQ(
        Ikev1KeyDerivation::ComputePhase2Iv(Ikev1HashId::SHA2_512, lastBlock, 0xfffffffe, 16, &iv),
        CryptoStatus::OK);
    EXPECT_EQ(ToHex(iv), ToHex(Prefix(RefDigest("SHA512", Cat({lastBlock, Hex("fffffffe")})), 16)));

    // The block cannot be longer than the hash; Tiger is not implemented.
    EXPECT_EQ(Ikev1KeyDerivation::ComputePhase1Iv(Ikev1HashId::MD5, kGxi, kGxr, 32, &iv),
              CryptoStatus::BAD_INPUT_LENGTH);
    EXPECT_EQ(Ikev1KeyDerivation::ComputePhase1Iv(Ikev1HashId::SHA1, kGxi, kGxr, 0, &iv),
              CryptoStatus::BAD_INPUT_LENGTH);
    EXPECT_EQ(Ikev1KeyDerivation::ComputePhase1Iv(Ikev1HashId::SHA1, {}, kGxr, 16, &iv),
              CryptoStatus::BAD_INPUT_LENGTH);
    EXPECT_EQ(Ikev1KeyDerivation::ComputePhase1Iv(Ikev1HashId::TIGER, kGxi, kGxr, 8, &iv),
              CryptoStatus::UNSUPPORTED);
    EXPECT_EQ(Ikev1KeyDerivation::ComputePhase2Iv(Ikev1HashId::SHA1, {}, 1, 16, &iv),
              CryptoStatus::BAD_INPUT_LENGTH);
}

TEST(Ikev1KeyDerivation, QuickModeHashes)
{
    const Bytes skeyidA = Hex("a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3");
    const uint32_t mid = 0xdeadbeef;
    const Bytes midOctets = Hex("deadbeef");
    const Bytes rest = Hex("0a000034000000010000000100000028010304010102030400000020010c0000");
    Bytes h;
    ASSERT_EQ(Ikev1KeyDerivation::ComputeQuickModeHash1(PrfId::HMAC_SHA1, skeyidA, mid, rest, &h),
              CryptoStatus::OK);
    EXPECT_EQ(ToHex(h), ToHex(RefHmac("SHA1", skeyidA, {midOctets, rest})));
    ASSERT_EQ(
        Ikev1KeyDerivation::ComputeQuickModeHash2(PrfId::HMAC_SHA1, skeyidA, mid, kNi, rest, &h),
        CryptoStatus::OK);
    EXPECT_EQ(ToHex(h), ToHex(RefHmac("SHA1", skeyidA, {midOctets, kNi, rest})));
    ASSERT_EQ(
        Ikev1KeyDerivation::ComputeQuickModeHash3(PrfId::HMAC_SHA1, skeyidA, mid, kNi, kNr, &h),
        CryptoStatus::OK);
    EXPECT_EQ(ToHex(h), ToHex(RefHmac("SHA1", skeyidA, {Hex("00"), midOctets, kNi, kNr})));

    EXPECT_EQ(Ikev1KeyDerivation::ComputeQuickModeHash1(PrfId::HMAC_SHA1, {}, mid, rest, &h),
              CryptoStatus::BAD_KEY_LENGTH);
    EXPECT_EQ(Ikev1KeyDerivation::ComputeQuickModeHash1(PrfId::HMAC_SHA1, skeyidA, mid, {}, &h),
              CryptoStatus::BAD_INPUT_LENGTH);
    EXPECT_EQ(
        Ikev1KeyDerivation::ComputeQuickModeHash2(PrfId::HMAC_SHA1, skeyidA, mid, {}, rest, &h),
        CryptoStatus::BAD_INPUT_LENGTH);
    EXPECT_EQ(
        Ikev1KeyDerivation::ComputeQuickModeHash3(PrfId::HMAC_SHA1, skeyidA, mid, kNi, {}, &h),
        CryptoStatus::BAD_INPUT_LENGTH);
}

TEST(Ikev1KeyDerivation, BadInputsAreRejected)
{
    Bytes out;
    EXPECT_EQ(Ikev1KeyDerivation::ComputeSkeyidPreSharedKey(PrfId::HMAC_SHA1, {}, kNi, kNr, &out),
              CryptoStatus::BAD_KEY_LENGTH);
    EXPECT_EQ(Ikev1KeyDerivation::ComputeSkeyidPreSharedKey(PrfId::HMAC_SHA1, kGxy, {}, kNr, &out),
              CryptoStatus::BAD_INPUT_LENGTH);
    EXPECT_EQ(Ikev1KeyDerivation::ComputeSkeyidSignature(PrfId::HMAC_SHA1, kNi, kNr, {}, &out),
              CryptoStatus::BAD_INPUT_LENGTH);
    EXPECT_EQ(
        Ikev1KeyDerivation::ComputeSkeyidSignature(static_cast<PrfId>(77), kNi, kNr, kGxy, &out),
        CryptoStatus::UNSUPPORTED);
    Ikev1Skeyids keys;
    EXPECT_EQ(Ikev1KeyDerivation::DeriveSkeyids(PrfId::HMAC_SHA1, {}, kGxy, 1, 2, &keys),
              CryptoStatus::BAD_KEY_LENGTH);
    EXPECT_EQ(Ikev1KeyDerivation::DeriveSkeyids(PrfId::HMAC_SHA1, kNi, {}, 1, 2, &keys),
              CryptoStatus::BAD_INPUT_LENGTH);
}

} // namespace
} // namespace ns3
