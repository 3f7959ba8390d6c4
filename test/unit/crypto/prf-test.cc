/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Prf against published vectors: HMAC-MD5 / HMAC-SHA1 (RFC 2202), HMAC-SHA2 (RFC 4231, which
 * RFC 4868 2.7.1 reuses as its PRF test cases), AES-XCBC-PRF-128 (RFC 4434, including the 10- and
 * 18-octet keys) and AES-CMAC-PRF-128 (RFC 4615, whose key adaptation differs: a short key is
 * MACed, not padded).
 */

#include "crypto-test-vectors.h"

#include "ns3/prf.h"

#include <gtest/gtest.h>

namespace ns3
{
namespace
{

using test::FromHex;
using test::LoadVectors;
using test::ToHex;

std::string
RunPrf(PrfId id, const Bytes& key, const Bytes& msg)
{
    CryptoStatus st = CryptoStatus::BACKEND_ERROR;
    auto prf = Prf::Create(id, key, &st);
    EXPECT_EQ(st, CryptoStatus::OK) << CryptoStatusName(st);
    if (!prf)
    {
        return "";
    }
    Bytes out;
    EXPECT_EQ(prf->Compute({msg}, &out), CryptoStatus::OK);
    EXPECT_EQ(out.size(), prf->GetOutputSize());
    // The keyed object is reused: a second computation gives the same answer.
    Bytes again;
    EXPECT_EQ(prf->Compute({msg}, &again), CryptoStatus::OK);
    EXPECT_EQ(again, out);
    EXPECT_EQ(Prf::Compute(id, key, {msg}), out);
    return ToHex(out);
}

TEST(PrfTest, HmacRfc2202AndRfc4231)
{
    struct File
    {
        const char* name;
        PrfId id;
    };

    int cases = 0;
    for (const File& f : {File{"crypto-hmac-rfc-2202-md5.txt", PrfId::HMAC_MD5},
                          File{"crypto-hmac-rfc-2202-sha1.txt", PrfId::HMAC_SHA1},
                          File{"crypto-hmac-rfc-4231-sha256.txt", PrfId::HMAC_SHA2_256},
                          File{"crypto-hmac-rfc-4231-sha384.txt", PrfId::HMAC_SHA2_384},
                          File{"crypto-hmac-rfc-4231-sha512.txt", PrfId::HMAC_SHA2_512}})
    {
        for (const auto& r : LoadVectors(f.name))
        {
            const std::string md = r.Get("MD");
            // RFC 4231 4.6 publishes only the first 128 bits of its test case 5.
            EXPECT_EQ(RunPrf(f.id, r.Hex("Key"), r.Hex("Msg")).substr(0, md.size()), md)
                << f.name << ":" << r.line;
            ++cases;
        }
    }
    EXPECT_EQ(cases, 7 + 7 + 3 * 6);
}

// HMAC engines are copies of one unkeyed context per digest: engines alive at the same time
// keep their own keys, whatever order they are made, used and destroyed in.
TEST(PrfTest, HmacEnginesMadeFromOneTemplateKeepTheirOwnKeys)
{
    std::vector<test::VectorRecord> records = LoadVectors("crypto-hmac-rfc-4231-sha256.txt");
    ASSERT_EQ(records.size(), 6u);
    std::vector<std::unique_ptr<Prf>> prfs;
    for (const auto& r : records)
    {
        prfs.push_back(Prf::Create(PrfId::HMAC_SHA2_256, r.Hex("Key")));
        ASSERT_TRUE(prfs.back());
    }
    prfs[2].reset(); // a destroyed copy leaves the others intact
    for (size_t i = records.size(); i-- > 0;)
    {
        if (!prfs[i])
        {
            continue;
        }
        Bytes out;
        ASSERT_EQ(prfs[i]->Compute({records[i].Hex("Msg")}, &out), CryptoStatus::OK);
        const std::string md = records[i].Get("MD");
        EXPECT_EQ(ToHex(out).substr(0, md.size()), md) << "line " << records[i].line;
    }
}

TEST(PrfTest, AesXcbcPrfRfc4434)
{
    int cases = 0;
    for (const auto& r : LoadVectors("crypto-aes-xcbc-rfc3566-rfc4434.txt"))
    {
        // The RFC 3566 MACs are PRF outputs too (16-octet key, RFC 4434 2).
        EXPECT_EQ(RunPrf(PrfId::AES128_XCBC, r.Hex("Key"), r.Hex("Msg")), r.Get("MAC"));
        ++cases;
    }
    EXPECT_EQ(cases, 10);
}

TEST(PrfTest, AesCmacPrfRfc4615)
{
    int cases = 0;
    for (const auto& r : LoadVectors("crypto-aes-cmac-rfc4493-rfc4494-rfc4615.txt"))
    {
        EXPECT_EQ(RunPrf(PrfId::AES128_CMAC, r.Hex("Key"), r.Hex("Msg")), r.Get("MAC"));
        ++cases;
    }
    EXPECT_EQ(cases, 7);
}

TEST(PrfTest, Sizes)
{
    struct Case
    {
        PrfId id;
        size_t out;
    };

    for (const Case& c : {Case{PrfId::HMAC_MD5, 16},
                          Case{PrfId::HMAC_SHA1, 20},
                          Case{PrfId::AES128_XCBC, 16},
                          Case{PrfId::HMAC_SHA2_256, 32},
                          Case{PrfId::HMAC_SHA2_384, 48},
                          Case{PrfId::HMAC_SHA2_512, 64},
                          Case{PrfId::AES128_CMAC, 16}})
    {
        EXPECT_EQ(Prf::GetOutputSizeOf(c.id), c.out);
        EXPECT_EQ(Prf::GetPreferredKeySizeOf(c.id), c.out);
        auto prf = Prf::Create(c.id, Bytes(3, 1));
        ASSERT_TRUE(prf);
        EXPECT_EQ(prf->GetId(), c.id);
        EXPECT_EQ(prf->GetOutputSize(), c.out);
    }
    EXPECT_EQ(Prf::GetOutputSizeOf(static_cast<PrfId>(3)), 0u);
}

// IKE feeds the PRF Ni || Nr || SPIi || SPIr as separate pieces; so do empty keys and messages.
TEST(PrfTest, PartsEmptyKeysAndUnknownIds)
{
    const Bytes msg = FromHex("000102030405060708090a0b0c0d0e0f10111213");
    for (PrfId id : {PrfId::HMAC_SHA2_256, PrfId::AES128_XCBC, PrfId::AES128_CMAC})
    {
        auto prf = Prf::Create(id, FromHex("0011"));
        ASSERT_TRUE(prf);
        Bytes whole;
        Bytes split;
        ASSERT_EQ(prf->Compute({msg}, &whole), CryptoStatus::OK);
        ASSERT_EQ(prf->Compute({ByteView(msg.data(), 3), ByteView(), ByteView(msg.data() + 3, 17)},
                               &split),
                  CryptoStatus::OK);
        EXPECT_EQ(split, whole);
        EXPECT_EQ(Prf::Compute(id, Bytes(), {msg}).size(), Prf::GetOutputSizeOf(id));
        EXPECT_EQ(Prf::Compute(id, Bytes(), {}).size(), Prf::GetOutputSizeOf(id));
    }
    CryptoStatus st = CryptoStatus::OK;
    EXPECT_FALSE(Prf::Create(static_cast<PrfId>(3), Bytes(16, 0), &st));
    EXPECT_EQ(st, CryptoStatus::UNSUPPORTED);
    EXPECT_TRUE(Prf::Compute(static_cast<PrfId>(99), Bytes(16, 0), {msg}).empty());
}

} // namespace
} // namespace ns3
