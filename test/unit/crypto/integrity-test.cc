/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Integrity against published vectors: HMAC-MD5-96 / HMAC-SHA1-96 (RFC 2202 cases with keys of
 * the transform's length), HMAC-SHA2-*-* (RFC 4868 2.7.2), AES-XCBC-96 (RFC 3566 4.6) and
 * AES-CMAC-96 (RFC 4494 4); then Verify, multi-part input and the error paths.
 */

#include "crypto-test-vectors.h"

#include "ns3/integrity.h"

#include <gtest/gtest.h>

namespace ns3
{
namespace
{

using test::FromHex;
using test::LoadVectors;
using test::ToHex;

/// Compute and verify one vector; returns the ICV.
std::string
Check(IntegId id, const Bytes& key, const Bytes& msg)
{
    CryptoStatus st = CryptoStatus::BACKEND_ERROR;
    auto integ = Integrity::Create(id, key, &st);
    EXPECT_EQ(st, CryptoStatus::OK) << CryptoStatusName(st);
    if (!integ)
    {
        return "";
    }
    Bytes icv(integ->GetIcvSize());
    EXPECT_EQ(integ->Compute({msg}, icv.data()), CryptoStatus::OK);
    EXPECT_EQ(integ->Verify({msg}, icv.data()), CryptoStatus::OK);
    icv.back() ^= 1;
    EXPECT_EQ(integ->Verify({msg}, icv.data()), CryptoStatus::AUTH_FAILED);
    icv.back() ^= 1;
    return ToHex(icv);
}

// RFC 2202: only the cases whose key has the transform's key length (RFC 2403/2404: 128/160
// bits) are integrity vectors; the ICV is the first 96 bits.
TEST(IntegrityTest, HmacMd5AndSha1Rfc2202)
{
    int cases = 0;
    for (auto [file, id] : {std::make_pair("crypto-hmac-rfc-2202-md5.txt", IntegId::HMAC_MD5_96),
                            std::make_pair("crypto-hmac-rfc-2202-sha1.txt", IntegId::HMAC_SHA1_96)})
    {
        for (const auto& r : LoadVectors(file))
        {
            const Bytes key = r.Hex("Key");
            if (key.size() != Integrity::GetKeySize(id))
            {
                continue;
            }
            EXPECT_EQ(Check(id, key, r.Hex("Msg")), r.Get("MD").substr(0, 24)) << file << r.line;
            ++cases;
        }
    }
    EXPECT_GE(cases, 4);
}

TEST(IntegrityTest, HmacSha2Rfc4868AuthenticatorVectors)
{
    int cases = 0;
    for (const auto& r : LoadVectors("crypto-hmac-rfc4868-auth.txt"))
    {
        const std::string name = r.Get("case");
        const IntegId id = name.find("256") != std::string::npos   ? IntegId::HMAC_SHA2_256_128
                           : name.find("384") != std::string::npos ? IntegId::HMAC_SHA2_384_192
                                                                   : IntegId::HMAC_SHA2_512_256;
        EXPECT_EQ(Check(id, r.Hex("Key"), r.Hex("Msg")), r.Get("ICV")) << name;
        ++cases;
    }
    EXPECT_EQ(cases, 12);
}

TEST(IntegrityTest, AesXcbc96Rfc3566)
{
    int cases = 0;
    for (const auto& r : LoadVectors("crypto-aes-xcbc-rfc3566-rfc4434.txt"))
    {
        if (r.Get("type") != "xcbc-mac-96")
        {
            continue;
        }
        EXPECT_EQ(Check(IntegId::AES_XCBC_96, r.Hex("Key"), r.Hex("Msg")), r.Get("MAC96"));
        ++cases;
    }
    EXPECT_EQ(cases, 7);
}

TEST(IntegrityTest, AesCmac96Rfc4494)
{
    int cases = 0;
    for (const auto& r : LoadVectors("crypto-aes-cmac-rfc4493-rfc4494-rfc4615.txt"))
    {
        if (r.Get("type") != "cmac-96")
        {
            continue;
        }
        EXPECT_EQ(Check(IntegId::AES_CMAC_96, r.Hex("Key"), r.Hex("Msg")), r.Get("MAC96"));
        ++cases;
    }
    EXPECT_EQ(cases, 4);
}

TEST(IntegrityTest, SizesPerTransform)
{
    struct Case
    {
        IntegId id;
        size_t key;
        size_t icv;
    };

    for (const Case& c : {Case{IntegId::HMAC_MD5_96, 16, 12},
                          Case{IntegId::HMAC_SHA1_96, 20, 12},
                          Case{IntegId::AES_XCBC_96, 16, 12},
                          Case{IntegId::AES_CMAC_96, 16, 12},
                          Case{IntegId::HMAC_SHA2_256_128, 32, 16},
                          Case{IntegId::HMAC_SHA2_384_192, 48, 24},
                          Case{IntegId::HMAC_SHA2_512_256, 64, 32}})
    {
        EXPECT_EQ(Integrity::GetKeySize(c.id), c.key);
        EXPECT_EQ(Integrity::GetIcvSizeOf(c.id), c.icv);
        auto integ = Integrity::Create(c.id, Bytes(c.key, 7));
        ASSERT_TRUE(integ);
        EXPECT_EQ(integ->GetId(), c.id);
        EXPECT_EQ(integ->GetKeySize(), c.key);
        EXPECT_EQ(integ->GetIcvSize(), c.icv);
    }
    EXPECT_EQ(Integrity::GetKeySize(IntegId::NONE), 0u);
    EXPECT_EQ(Integrity::GetIcvSizeOf(IntegId::NONE), 0u);
}

// ESP computes the ICV over header || IV || ciphertext without copying them together.
TEST(IntegrityTest, PartsEqualTheirConcatenation)
{
    for (IntegId id : {IntegId::HMAC_SHA1_96,
                       IntegId::HMAC_SHA2_256_128,
                       IntegId::AES_XCBC_96,
                       IntegId::AES_CMAC_96})
    {
        auto integ = Integrity::Create(id, Bytes(Integrity::GetKeySize(id), 0x42));
        ASSERT_TRUE(integ);
        Bytes whole(1000);
        for (size_t i = 0; i < whole.size(); ++i)
        {
            whole[i] = static_cast<uint8_t>(i * 31);
        }
        Bytes one(integ->GetIcvSize());
        ASSERT_EQ(integ->Compute({whole}, one.data()), CryptoStatus::OK);
        for (size_t a : {0u, 1u, 8u, 15u, 16u, 17u, 500u})
        {
            for (size_t b : {0u, 3u, 16u, 33u})
            {
                Bytes split(integ->GetIcvSize());
                ASSERT_EQ(integ->Compute({ByteView(whole.data(), a),
                                          ByteView(whole.data() + a, b),
                                          ByteView(whole.data() + a + b, whole.size() - a - b)},
                                         split.data()),
                          CryptoStatus::OK);
                EXPECT_EQ(split, one) << static_cast<int>(id) << " " << a << "+" << b;
            }
        }
        EXPECT_EQ(integ->Verify({ByteView(whole.data(), 10), ByteView(whole.data() + 10, 990)},
                                one.data()),
                  CryptoStatus::OK);
    }
}

TEST(IntegrityTest, BadKeysAndUnknownTransforms)
{
    CryptoStatus st = CryptoStatus::OK;
    EXPECT_FALSE(Integrity::Create(IntegId::HMAC_SHA2_256_128, Bytes(31, 1), &st));
    EXPECT_EQ(st, CryptoStatus::BAD_KEY_LENGTH);
    EXPECT_FALSE(Integrity::Create(IntegId::AES_XCBC_96, Bytes(24, 1), &st));
    EXPECT_EQ(st, CryptoStatus::BAD_KEY_LENGTH);
    EXPECT_FALSE(Integrity::Create(IntegId::AES_CMAC_96, Bytes(), &st));
    EXPECT_EQ(st, CryptoStatus::BAD_KEY_LENGTH);
    EXPECT_FALSE(Integrity::Create(IntegId::NONE, Bytes(), &st));
    EXPECT_EQ(st, CryptoStatus::UNSUPPORTED);
    EXPECT_FALSE(Integrity::Create(static_cast<IntegId>(3), Bytes(16, 1), &st));
    EXPECT_EQ(st, CryptoStatus::UNSUPPORTED);
}

} // namespace
} // namespace ns3
