/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * IKEv2 key derivation (RFC 7296 2.14, 2.17, 2.18) against NIST SP 800-135 sample vectors
 * (test/vectors/ikev2_kdf_nist_sp800-135.txt) and against compositions written out from the
 * RFC with OpenSSL's one-shot HMAC/CMAC.
 */

#include "kdf-test-util.h"

#include "ns3/ikev2-key-derivation.h"
#include "ns3/prf.h"

#include <gtest/gtest.h>

namespace ns3
{
namespace
{

using kdftest::Cat;
using kdftest::Hex;
using kdftest::Prefix;
using kdftest::RefHmac;
using kdftest::RefPrfPlusHmac;
using kdftest::ToHex;

PrfId
PrfOfSection(const std::string& hash)
{
    if (hash == "SHA-1")
    {
        return PrfId::HMAC_SHA1;
    }
    if (hash == "SHA-256")
    {
        return PrfId::HMAC_SHA2_256;
    }
    if (hash == "SHA-384")
    {
        return PrfId::HMAC_SHA2_384;
    }
    EXPECT_EQ(hash, "SHA-512");
    return PrfId::HMAC_SHA2_512;
}

uint64_t
Spi(const Bytes& octets)
{
    uint64_t v = 0;
    for (uint8_t o : octets)
    {
        v = (v << 8) | o;
    }
    return v;
}

Bytes
Join(const Ikev2SaKeys& k)
{
    return Cat({k.skD, k.skAi, k.skAr, k.skEi, k.skEr, k.skPi, k.skPr});
}

// Deterministic inputs for the hand-composed tests.
const Bytes kNi = Hex("a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf");
const Bytes kNr = Hex("c0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedf");
const Bytes kGir = Hex("1111111111111111222222222222222233333333333333334444444444444444"
                       "5555555555555555666666666666666677777777777777778888888888888888");
const uint64_t kSpiI = 0x0102030405060708ULL;
const uint64_t kSpiR = 0xf1f2f3f4f5f6f7f8ULL;

TEST(Ikev2KeyDerivation, NistSp800135Vectors)
{
    const auto records = kdftest::ReadVectorFile("ikev2_kdf_nist_sp800-135.txt");
    ASSERT_EQ(records.size(), 4u);
    size_t childChecks = 0;
    for (const auto& r : records)
    {
        SCOPED_TRACE(r.hash + " SKEYSEED " + ToHex(r.Get("SKEYSEED")));
        const PrfId prf = PrfOfSection(r.hash);
        const size_t h = Prf::GetOutputSizeOf(prf);
        const Bytes& ni = r.Get("Ni");
        const Bytes& nr = r.Get("Nr");

        Bytes skeyseed;
        ASSERT_EQ(Ikev2KeyDerivation::ComputeSkeyseed(prf, ni, nr, r.Get("g^ir"), &skeyseed),
                  CryptoStatus::OK);
        EXPECT_EQ(ToHex(skeyseed), ToHex(r.Get("SKEYSEED")));

        // DKM is the first 132 octets of prf+(SKEYSEED, Ni | Nr | SPIi | SPIr): take keys whose
        // sizes add up to more than that and compare the concatenation's prefix.
        const Bytes& dkm = r.Get("DKM");
        const Ikev2KeySizes sizes{h, 20, 36};
        Ikev2SaKeys keys;
        ASSERT_EQ(Ikev2KeyDerivation::DeriveSaKeys(prf,
                                                   skeyseed,
                                                   ni,
                                                   nr,
                                                   Spi(r.Get("SPIi")),
                                                   Spi(r.Get("SPIr")),
                                                   sizes,
                                                   &keys),
                  CryptoStatus::OK);
        ASSERT_GE(Join(keys).size(), dkm.size());
        EXPECT_EQ(ToHex(Prefix(Join(keys), dkm.size())), ToHex(dkm));
        EXPECT_EQ(keys.skD, Prefix(dkm, h));

        Bytes rekey;
        ASSERT_EQ(Ikev2KeyDerivation::ComputeRekeySkeyseed(prf,
                                                           keys.skD,
                                                           r.Get("g^ir (new)"),
                                                           ni,
                                                           nr,
                                                           &rekey),
                  CryptoStatus::OK);
        EXPECT_EQ(ToHex(rekey), ToHex(r.Get("SKEYSEED(Rekey)")));

        if (r.Has("DKM(Child SA)"))
        {
            const Bytes& child = r.Get("DKM(Child SA)");
            Bytes keymat;
            ASSERT_EQ(Ikev2KeyDerivation::ComputeChildKeymat(prf,
                                                             keys.skD,
                                                             {},
                                                             ni,
                                                             nr,
                                                             child.size(),
                                                             &keymat),
                      CryptoStatus::OK);
            EXPECT_EQ(ToHex(keymat), ToHex(child));
            const Bytes& childDh = r.Get("DKM(Child SA D-H)");
            ASSERT_EQ(Ikev2KeyDerivation::ComputeChildKeymat(prf,
                                                             keys.skD,
                                                             r.Get("g^ir (new)"),
                                                             ni,
                                                             nr,
                                                             childDh.size(),
                                                             &keymat),
                      CryptoStatus::OK);
            EXPECT_EQ(ToHex(keymat), ToHex(childDh));
            ++childChecks;
        }
    }
    EXPECT_EQ(childChecks, 2u);
}

TEST(Ikev2KeyDerivation, SaKeysAreTakenInRfcOrder)
{
    // aes256-sha256-prfsha256: SK_d 32, SK_a 32, SK_e 32, SK_p 32.
    Ikev2KeySizes sizes;
    ASSERT_EQ(Ikev2KeyDerivation::GetIkeSaKeySizes(PrfId::HMAC_SHA2_256,
                                                   EncrId::AES_CBC,
                                                   256,
                                                   IntegId::HMAC_SHA2_256_128,
                                                   &sizes),
              CryptoStatus::OK);
    EXPECT_EQ(sizes.prfKey, 32u);
    EXPECT_EQ(sizes.integKey, 32u);
    EXPECT_EQ(sizes.encrKey, 32u);

    Bytes skeyseed;
    ASSERT_EQ(Ikev2KeyDerivation::ComputeSkeyseed(PrfId::HMAC_SHA2_256, kNi, kNr, kGir, &skeyseed),
              CryptoStatus::OK);
    const Bytes refSkeyseed = RefHmac("SHA256", Cat({kNi, kNr}), {kGir});
    EXPECT_EQ(ToHex(skeyseed), ToHex(refSkeyseed));

    Ikev2SaKeys keys;
    ASSERT_EQ(Ikev2KeyDerivation::DeriveSaKeys(PrfId::HMAC_SHA2_256,
                                               skeyseed,
                                               kNi,
                                               kNr,
                                               kSpiI,
                                               kSpiR,
                                               sizes,
                                               &keys),
              CryptoStatus::OK);
    const Bytes spis = Hex("0102030405060708f1f2f3f4f5f6f7f8");
    const Bytes stream = RefPrfPlusHmac("SHA256", refSkeyseed, Cat({kNi, kNr, spis}), 7 * 32);
    const Bytes* ordered[] =
        {&keys.skD, &keys.skAi, &keys.skAr, &keys.skEi, &keys.skEr, &keys.skPi, &keys.skPr};
    for (size_t i = 0; i < 7; ++i)
    {
        const Bytes slice(stream.begin() + 32 * i, stream.begin() + 32 * (i + 1));
        EXPECT_EQ(ToHex(*ordered[i]), ToHex(slice)) << "key " << i;
    }
}

TEST(Ikev2KeyDerivation, AeadSuiteHasNoIntegrityKeysAndSaltedEncryptionKeys)
{
    // aes256gcm16-prfsha384: SK_a empty, SK_e = 32-octet key + 4-octet salt (RFC 5282 7.1).
    Ikev2KeySizes sizes;
    ASSERT_EQ(Ikev2KeyDerivation::GetIkeSaKeySizes(PrfId::HMAC_SHA2_384,
                                                   EncrId::AES_GCM_16,
                                                   256,
                                                   IntegId::NONE,
                                                   &sizes),
              CryptoStatus::OK);
    EXPECT_EQ(sizes.prfKey, 48u);
    EXPECT_EQ(sizes.integKey, 0u);
    EXPECT_EQ(sizes.encrKey, 36u);

    Bytes skeyseed;
    ASSERT_EQ(Ikev2KeyDerivation::ComputeSkeyseed(PrfId::HMAC_SHA2_384, kNi, kNr, kGir, &skeyseed),
              CryptoStatus::OK);
    Ikev2SaKeys keys;
    ASSERT_EQ(Ikev2KeyDerivation::DeriveSaKeys(PrfId::HMAC_SHA2_384,
                                               skeyseed,
                                               kNi,
                                               kNr,
                                               kSpiI,
                                               kSpiR,
                                               sizes,
                                               &keys),
              CryptoStatus::OK);
    EXPECT_TRUE(keys.skAi.empty());
    EXPECT_TRUE(keys.skAr.empty());
    EXPECT_EQ(keys.skEi.size(), 36u);
    EXPECT_EQ(keys.skEr.size(), 36u);
    const Bytes spis = Hex("0102030405060708f1f2f3f4f5f6f7f8");
    const Bytes stream =
        RefPrfPlusHmac("SHA384", skeyseed, Cat({kNi, kNr, spis}), 48 + 36 + 36 + 48 + 48);
    EXPECT_EQ(ToHex(Join(keys)), ToHex(stream));
    // SK_ei starts right after SK_d when there is no SK_a.
    EXPECT_EQ(keys.skEi, Bytes(stream.begin() + 48, stream.begin() + 84));
}

TEST(Ikev2KeyDerivation, KeySizesFromTransformIds)
{
    struct Case
    {
        EncrId encr;
        uint16_t bits;
        IntegId integ;
        size_t encrKey;
        size_t integKey;
    };

    const Case ok[] = {
        {EncrId::AES_CBC, 128, IntegId::HMAC_SHA1_96, 16, 20},
        {EncrId::AES_CBC, 192, IntegId::AES_XCBC_96, 24, 16},
        {EncrId::AES_CTR, 256, IntegId::HMAC_SHA2_512_256, 36, 64},
        {EncrId::AES_GCM_8, 128, IntegId::NONE, 20, 0},
        {EncrId::AES_CCM_16, 256, IntegId::NONE, 35, 0},
        {EncrId::CHACHA20_POLY1305, 0, IntegId::NONE, 36, 0},
        {EncrId::TRIPLE_DES, 0, IntegId::HMAC_MD5_96, 24, 16},
        {EncrId::TRIPLE_DES, 192, IntegId::HMAC_SHA2_384_192, 24, 48},
    };
    for (const Case& c : ok)
    {
        Ikev2KeySizes sizes;
        ASSERT_EQ(
            Ikev2KeyDerivation::GetIkeSaKeySizes(PrfId::HMAC_SHA1, c.encr, c.bits, c.integ, &sizes),
            CryptoStatus::OK)
            << static_cast<int>(c.encr);
        EXPECT_EQ(sizes.prfKey, 20u);
        EXPECT_EQ(sizes.encrKey, c.encrKey) << static_cast<int>(c.encr);
        EXPECT_EQ(sizes.integKey, c.integKey) << static_cast<int>(c.encr);
    }

    Ikev2KeySizes sizes;
    // AES needs a Key Length attribute of 128, 192 or 256 bits.
    EXPECT_EQ(Ikev2KeyDerivation::GetIkeSaKeySizes(PrfId::HMAC_SHA1,
                                                   EncrId::AES_CBC,
                                                   0,
                                                   IntegId::HMAC_SHA1_96,
                                                   &sizes),
              CryptoStatus::BAD_KEY_LENGTH);
    EXPECT_EQ(Ikev2KeyDerivation::GetIkeSaKeySizes(PrfId::HMAC_SHA1,
                                                   EncrId::AES_CBC,
                                                   100,
                                                   IntegId::HMAC_SHA1_96,
                                                   &sizes),
              CryptoStatus::BAD_KEY_LENGTH);
    EXPECT_EQ(Ikev2KeyDerivation::GetIkeSaKeySizes(PrfId::HMAC_SHA1,
                                                   EncrId::TRIPLE_DES,
                                                   128,
                                                   IntegId::HMAC_SHA1_96,
                                                   &sizes),
              CryptoStatus::BAD_KEY_LENGTH);
    // An AEAD takes no integrity transform; a plain cipher needs one in an IKE SA.
    EXPECT_EQ(Ikev2KeyDerivation::GetIkeSaKeySizes(PrfId::HMAC_SHA1,
                                                   EncrId::AES_GCM_16,
                                                   128,
                                                   IntegId::HMAC_SHA1_96,
                                                   &sizes),
              CryptoStatus::UNSUPPORTED);
    EXPECT_EQ(Ikev2KeyDerivation::GetIkeSaKeySizes(PrfId::HMAC_SHA1,
                                                   EncrId::AES_CBC,
                                                   128,
                                                   IntegId::NONE,
                                                   &sizes),
              CryptoStatus::UNSUPPORTED);
    // ESP-only transforms are not IKE SA ciphers.
    EXPECT_EQ(Ikev2KeyDerivation::GetIkeSaKeySizes(PrfId::HMAC_SHA1,
                                                   EncrId::NULL_ENCR,
                                                   0,
                                                   IntegId::HMAC_SHA1_96,
                                                   &sizes),
              CryptoStatus::UNSUPPORTED);
    EXPECT_EQ(Ikev2KeyDerivation::GetIkeSaKeySizes(static_cast<PrfId>(99),
                                                   EncrId::AES_CBC,
                                                   128,
                                                   IntegId::HMAC_SHA1_96,
                                                   &sizes),
              CryptoStatus::UNSUPPORTED);

    // Child SAs: ESP with integrity only, AH (NULL encryption), GMAC; never neither.
    ASSERT_EQ(Ikev2KeyDerivation::GetChildSaKeySizes(EncrId::AES_CBC, 128, IntegId::NONE, &sizes),
              CryptoStatus::OK);
    EXPECT_EQ(sizes.encrKey, 16u);
    EXPECT_EQ(sizes.integKey, 0u);
    EXPECT_EQ(sizes.prfKey, 0u);
    ASSERT_EQ(Ikev2KeyDerivation::GetChildSaKeySizes(EncrId::NULL_ENCR,
                                                     0,
                                                     IntegId::HMAC_SHA2_256_128,
                                                     &sizes),
              CryptoStatus::OK);
    EXPECT_EQ(sizes.encrKey, 0u);
    EXPECT_EQ(sizes.integKey, 32u);
    ASSERT_EQ(Ikev2KeyDerivation::GetChildSaKeySizes(EncrId::NULL_AUTH_AES_GMAC,
                                                     256,
                                                     IntegId::NONE,
                                                     &sizes),
              CryptoStatus::OK);
    EXPECT_EQ(sizes.encrKey, 36u);
    EXPECT_EQ(Ikev2KeyDerivation::GetChildSaKeySizes(EncrId::NULL_ENCR, 0, IntegId::NONE, &sizes),
              CryptoStatus::UNSUPPORTED);
    EXPECT_EQ(
        Ikev2KeyDerivation::GetChildSaKeySizes(static_cast<EncrId>(250), 0, IntegId::NONE, &sizes),
        CryptoStatus::UNSUPPORTED);
    EXPECT_TRUE(Ikev2KeyDerivation::IsAead(EncrId::CHACHA20_POLY1305));
    EXPECT_FALSE(Ikev2KeyDerivation::IsAead(EncrId::AES_CTR));
}

TEST(Ikev2KeyDerivation, FixedKeyPrfsUseFirst64BitsOfEachNonce)
{
    // RFC 7296 2.14: with AES128-XCBC or AES128-CMAC, SKEYSEED = prf(Ni[0..7] | Nr[0..7], g^ir).
    const Bytes key = Cat({Prefix(kNi, 8), Prefix(kNr, 8)});
    Bytes skeyseed;
    ASSERT_EQ(Ikev2KeyDerivation::ComputeSkeyseed(PrfId::AES128_CMAC, kNi, kNr, kGir, &skeyseed),
              CryptoStatus::OK);
    EXPECT_EQ(ToHex(skeyseed), ToHex(kdftest::RefAesCmac(key, kGir)));

    ASSERT_EQ(Ikev2KeyDerivation::ComputeSkeyseed(PrfId::AES128_XCBC, kNi, kNr, kGir, &skeyseed),
              CryptoStatus::OK);
    EXPECT_EQ(ToHex(skeyseed), ToHex(Prf::Compute(PrfId::AES128_XCBC, key, {kGir})));
    EXPECT_NE(ToHex(skeyseed), ToHex(Prf::Compute(PrfId::AES128_XCBC, Cat({kNi, kNr}), {kGir})));

    // All nonce octets still go into prf+: nonces differing after octet 8 give the same
    // SKEYSEED but different SK_d.
    Bytes otherNi = kNi;
    otherNi.back() ^= 0x01;
    Bytes otherSkeyseed;
    ASSERT_EQ(
        Ikev2KeyDerivation::ComputeSkeyseed(PrfId::AES128_XCBC, otherNi, kNr, kGir, &otherSkeyseed),
        CryptoStatus::OK);
    EXPECT_EQ(skeyseed, otherSkeyseed);
    Ikev2KeySizes sizes;
    ASSERT_EQ(Ikev2KeyDerivation::GetIkeSaKeySizes(PrfId::AES128_XCBC,
                                                   EncrId::AES_CBC,
                                                   128,
                                                   IntegId::AES_XCBC_96,
                                                   &sizes),
              CryptoStatus::OK);
    EXPECT_EQ(sizes.prfKey, 16u);
    Ikev2SaKeys a;
    Ikev2SaKeys b;
    ASSERT_EQ(
        Ikev2KeyDerivation::DeriveSaKeys(PrfId::AES128_XCBC, skeyseed, kNi, kNr, 1, 2, sizes, &a),
        CryptoStatus::OK);
    ASSERT_EQ(Ikev2KeyDerivation::DeriveSaKeys(PrfId::AES128_XCBC,
                                               skeyseed,
                                               otherNi,
                                               kNr,
                                               1,
                                               2,
                                               sizes,
                                               &b),
              CryptoStatus::OK);
    EXPECT_NE(a.skD, b.skD);

    // A nonce shorter than 64 bits cannot key these PRFs; HMAC PRFs take any length.
    const Bytes shortNonce = Hex("01020304050607");
    EXPECT_EQ(
        Ikev2KeyDerivation::ComputeSkeyseed(PrfId::AES128_CMAC, shortNonce, kNr, kGir, &skeyseed),
        CryptoStatus::BAD_INPUT_LENGTH);
    EXPECT_EQ(
        Ikev2KeyDerivation::ComputeSkeyseed(PrfId::HMAC_SHA1, shortNonce, kNr, kGir, &skeyseed),
        CryptoStatus::OK);
}

TEST(Ikev2KeyDerivation, ChildKeysSplitInitiatorToResponderFirst)
{
    // aes128-sha256 ESP: per direction a 16-octet encryption key, then a 32-octet integrity key.
    Ikev2KeySizes sizes;
    ASSERT_EQ(Ikev2KeyDerivation::GetChildSaKeySizes(EncrId::AES_CBC,
                                                     128,
                                                     IntegId::HMAC_SHA2_256_128,
                                                     &sizes),
              CryptoStatus::OK);
    const Bytes skD = RefHmac("SHA256", kNi, {kNr});
    for (const bool pfs : {false, true})
    {
        SCOPED_TRACE(pfs ? "PFS" : "no PFS");
        const Bytes gir = pfs ? kGir : Bytes();
        Ikev2ChildKeys keys;
        ASSERT_EQ(Ikev2KeyDerivation::DeriveChildKeys(PrfId::HMAC_SHA2_256,
                                                      skD,
                                                      gir,
                                                      kNi,
                                                      kNr,
                                                      sizes,
                                                      &keys),
                  CryptoStatus::OK);
        const Bytes keymat = RefPrfPlusHmac("SHA256", skD, Cat({gir, kNi, kNr}), 96);
        EXPECT_EQ(keys.initiatorToResponder.encr, Bytes(keymat.begin(), keymat.begin() + 16));
        EXPECT_EQ(keys.initiatorToResponder.integ, Bytes(keymat.begin() + 16, keymat.begin() + 48));
        EXPECT_EQ(keys.responderToInitiator.encr, Bytes(keymat.begin() + 48, keymat.begin() + 64));
        EXPECT_EQ(keys.responderToInitiator.integ, Bytes(keymat.begin() + 64, keymat.end()));
    }

    // AEAD child SA: salted key, no integrity key.
    ASSERT_EQ(
        Ikev2KeyDerivation::GetChildSaKeySizes(EncrId::AES_GCM_16, 128, IntegId::NONE, &sizes),
        CryptoStatus::OK);
    Ikev2ChildKeys keys;
    ASSERT_EQ(
        Ikev2KeyDerivation::DeriveChildKeys(PrfId::HMAC_SHA2_256, skD, {}, kNi, kNr, sizes, &keys),
        CryptoStatus::OK);
    const Bytes keymat = RefPrfPlusHmac("SHA256", skD, Cat({kNi, kNr}), 40);
    EXPECT_EQ(keys.initiatorToResponder.encr, Prefix(keymat, 20));
    EXPECT_EQ(keys.responderToInitiator.encr, Bytes(keymat.begin() + 20, keymat.end()));
    EXPECT_TRUE(keys.initiatorToResponder.integ.empty());
    EXPECT_TRUE(keys.responderToInitiator.integ.empty());
}

TEST(Ikev2KeyDerivation, RekeySkeyseedUsesOldSkDAndNewSecret)
{
    const Bytes oldSkD = Hex("000102030405060708090a0b0c0d0e0f10111213");
    Bytes skeyseed;
    ASSERT_EQ(Ikev2KeyDerivation::ComputeRekeySkeyseed(PrfId::HMAC_SHA1,
                                                       oldSkD,
                                                       kGir,
                                                       kNi,
                                                       kNr,
                                                       &skeyseed),
              CryptoStatus::OK);
    EXPECT_EQ(ToHex(skeyseed), ToHex(RefHmac("SHA1", oldSkD, {kGir, kNi, kNr})));
    // RFC 7296 2.18 makes a new Diffie-Hellman exchange mandatory.
    EXPECT_EQ(
        Ikev2KeyDerivation::ComputeRekeySkeyseed(PrfId::HMAC_SHA1, oldSkD, {}, kNi, kNr, &skeyseed),
        CryptoStatus::BAD_INPUT_LENGTH);
    EXPECT_EQ(
        Ikev2KeyDerivation::ComputeRekeySkeyseed(PrfId::HMAC_SHA1, {}, kGir, kNi, kNr, &skeyseed),
        CryptoStatus::BAD_KEY_LENGTH);
}

TEST(Ikev2KeyDerivation, BadInputsAreRejected)
{
    Bytes out;
    EXPECT_EQ(Ikev2KeyDerivation::ComputeSkeyseed(PrfId::HMAC_SHA1, {}, kNr, kGir, &out),
              CryptoStatus::BAD_INPUT_LENGTH);
    EXPECT_EQ(Ikev2KeyDerivation::ComputeSkeyseed(PrfId::HMAC_SHA1, kNi, kNr, {}, &out),
              CryptoStatus::BAD_INPUT_LENGTH);
    EXPECT_EQ(Ikev2KeyDerivation::ComputeSkeyseed(static_cast<PrfId>(3), kNi, kNr, kGir, &out),
              CryptoStatus::UNSUPPORTED);

    const Bytes skeyseed(20, 0x5a);
    Ikev2SaKeys keys;
    // SK_d and SK_p must have the PRF's preferred key size.
    EXPECT_EQ(Ikev2KeyDerivation::DeriveSaKeys(PrfId::HMAC_SHA1,
                                               skeyseed,
                                               kNi,
                                               kNr,
                                               1,
                                               2,
                                               Ikev2KeySizes{32, 20, 16},
                                               &keys),
              CryptoStatus::BAD_KEY_LENGTH);
    EXPECT_EQ(Ikev2KeyDerivation::DeriveSaKeys(PrfId::HMAC_SHA1,
                                               {},
                                               kNi,
                                               kNr,
                                               1,
                                               2,
                                               Ikev2KeySizes{20, 20, 16},
                                               &keys),
              CryptoStatus::BAD_KEY_LENGTH);
    EXPECT_EQ(Ikev2KeyDerivation::DeriveSaKeys(PrfId::HMAC_SHA1,
                                               skeyseed,
                                               kNi,
                                               {},
                                               1,
                                               2,
                                               Ikev2KeySizes{20, 20, 16},
                                               &keys),
              CryptoStatus::BAD_INPUT_LENGTH);
    // More than 255 prf+ blocks.
    EXPECT_EQ(Ikev2KeyDerivation::DeriveSaKeys(PrfId::HMAC_SHA1,
                                               skeyseed,
                                               kNi,
                                               kNr,
                                               1,
                                               2,
                                               Ikev2KeySizes{20, 20, 3000},
                                               &keys),
              CryptoStatus::BAD_INPUT_LENGTH);
    EXPECT_EQ(Ikev2KeyDerivation::ComputeChildKeymat(PrfId::HMAC_SHA1,
                                                     skeyseed,
                                                     {},
                                                     kNi,
                                                     kNr,
                                                     255 * 20 + 1,
                                                     &out),
              CryptoStatus::BAD_INPUT_LENGTH);
    EXPECT_EQ(Ikev2KeyDerivation::ComputeChildKeymat(PrfId::HMAC_SHA1, {}, {}, kNi, kNr, 16, &out),
              CryptoStatus::BAD_KEY_LENGTH);
}

TEST(Ikev2KeyDerivation, Deterministic)
{
    Ikev2KeySizes sizes;
    ASSERT_EQ(Ikev2KeyDerivation::GetIkeSaKeySizes(PrfId::HMAC_SHA2_512,
                                                   EncrId::CHACHA20_POLY1305,
                                                   0,
                                                   IntegId::NONE,
                                                   &sizes),
              CryptoStatus::OK);
    Ikev2SaKeys first;
    Ikev2SaKeys second;
    for (Ikev2SaKeys* keys : {&first, &second})
    {
        Bytes skeyseed;
        ASSERT_EQ(
            Ikev2KeyDerivation::ComputeSkeyseed(PrfId::HMAC_SHA2_512, kNi, kNr, kGir, &skeyseed),
            CryptoStatus::OK);
        ASSERT_EQ(Ikev2KeyDerivation::DeriveSaKeys(PrfId::HMAC_SHA2_512,
                                                   skeyseed,
                                                   kNi,
                                                   kNr,
                                                   kSpiI,
                                                   kSpiR,
                                                   sizes,
                                                   keys),
                  CryptoStatus::OK);
    }
    EXPECT_EQ(Join(first), Join(second));
    // Swapping the SPIs changes every key.
    Ikev2SaKeys swapped;
    Bytes skeyseed;
    ASSERT_EQ(Ikev2KeyDerivation::ComputeSkeyseed(PrfId::HMAC_SHA2_512, kNi, kNr, kGir, &skeyseed),
              CryptoStatus::OK);
    ASSERT_EQ(Ikev2KeyDerivation::DeriveSaKeys(PrfId::HMAC_SHA2_512,
                                               skeyseed,
                                               kNi,
                                               kNr,
                                               kSpiR,
                                               kSpiI,
                                               sizes,
                                               &swapped),
              CryptoStatus::OK);
    EXPECT_NE(first.skD, swapped.skD);
}

} // namespace
} // namespace ns3
