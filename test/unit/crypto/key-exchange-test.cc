/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * KeyExchange: ECP groups against RFC 5903 section 8, X25519/X448 against RFC 7748 sections 5.2
 * and 6.1, MODP groups by exact small-exponent answers (2^x for small x is a power of two, so the
 * padded public value and g^xy are known without big-number code) and by agreement between two
 * sides; then the RFC 6989 / RFC 8031 rejections and determinism per seed.
 */

#include "crypto-test-vectors.h"
#include "simulation-test.h"

#include "ns3/key-exchange.h"
#include "ns3/random-source.h"

#include <gtest/gtest.h>

namespace ns3
{
namespace
{

using test::FromHex;
using test::LoadVectors;
using test::ToHex;

std::unique_ptr<KeyExchange>
FromPrivate(DhGroupId group, const Bytes& priv)
{
    CryptoStatus st = CryptoStatus::BACKEND_ERROR;
    auto kex = KeyExchange::CreateWithPrivateKey(group, priv, &st);
    EXPECT_EQ(st, CryptoStatus::OK) << CryptoStatusName(st);
    return kex;
}

const DhGroupId kModpGroups[] = {DhGroupId::MODP_768,
                                 DhGroupId::MODP_1024,
                                 DhGroupId::MODP_1536,
                                 DhGroupId::MODP_2048,
                                 DhGroupId::MODP_3072,
                                 DhGroupId::MODP_4096,
                                 DhGroupId::MODP_6144,
                                 DhGroupId::MODP_8192};

TEST(KeyExchangeTest, EcpRfc5903Vectors)
{
    int cases = 0;
    for (const auto& r : LoadVectors("crypto-ecp-rfc5903.txt"))
    {
        const auto group = static_cast<DhGroupId>(std::stoi(r.Get("group")));
        auto initiator = FromPrivate(group, r.Hex("i"));
        auto responder = FromPrivate(group, r.Hex("r"));
        ASSERT_TRUE(initiator && responder);
        EXPECT_EQ(initiator->GetGroup(), group);
        // RFC 5903 7: the KE payload is x || y.
        EXPECT_EQ(ToHex(initiator->GetPublicValue()), r.Get("gix") + r.Get("giy"));
        EXPECT_EQ(ToHex(responder->GetPublicValue()), r.Get("grx") + r.Get("gry"));
        EXPECT_EQ(initiator->GetPublicValue().size(), KeyExchange::GetPublicValueSizeOf(group));
        Bytes si;
        Bytes sr;
        ASSERT_EQ(initiator->ComputeSharedSecret(responder->GetPublicValue(), &si),
                  CryptoStatus::OK);
        ASSERT_EQ(responder->ComputeSharedSecret(initiator->GetPublicValue(), &sr),
                  CryptoStatus::OK);
        // RFC 5903 9 (errata 9.1): the shared secret is the x coordinate only.
        EXPECT_EQ(ToHex(si), r.Get("girx"));
        EXPECT_EQ(si, sr);
        ++cases;
    }
    EXPECT_EQ(cases, 3);
}

TEST(KeyExchangeTest, EcpRejectsOffCurveAndWrongLengths)
{
    for (auto group : {DhGroupId::ECP_256, DhGroupId::ECP_384, DhGroupId::ECP_521})
    {
        RandomSource rng;
        rng.AssignStreams(7);
        auto a = KeyExchange::Create(group, rng);
        auto b = KeyExchange::Create(group, rng);
        ASSERT_TRUE(a && b);
        Bytes secret;
        Bytes offCurve = b->GetPublicValue();
        offCurve.back() ^= 1; // y + 1 (or - 1): not on the curve
        EXPECT_EQ(a->ComputeSharedSecret(offCurve, &secret), CryptoStatus::INVALID_PUBLIC_VALUE);
        Bytes zeros(offCurve.size(), 0);
        EXPECT_EQ(a->ComputeSharedSecret(zeros, &secret), CryptoStatus::INVALID_PUBLIC_VALUE);
        const Bytes& good = b->GetPublicValue();
        EXPECT_EQ(a->ComputeSharedSecret(ByteView(good.data(), good.size() - 1), &secret),
                  CryptoStatus::INVALID_PUBLIC_VALUE);
        Bytes prefixed(1, 0x04);
        prefixed.insert(prefixed.end(), good.begin(), good.end()); // SEC1 form is not IKE's
        EXPECT_EQ(a->ComputeSharedSecret(prefixed, &secret), CryptoStatus::INVALID_PUBLIC_VALUE);
        ASSERT_EQ(a->ComputeSharedSecret(good, &secret), CryptoStatus::OK);
        EXPECT_EQ(secret.size(), good.size() / 2);
    }
}

TEST(KeyExchangeTest, X25519AndX448Rfc7748Section52)
{
    struct File
    {
        const char* name;
        DhGroupId group;
    };

    int cases = 0;
    for (const File& f : {File{"crypto-x25519-rfc7748.txt", DhGroupId::CURVE25519},
                          File{"crypto-x448-rfc7748.txt", DhGroupId::CURVE448}})
    {
        for (const auto& r : LoadVectors(f.name))
        {
            auto kex = FromPrivate(f.group, r.Hex("INPUT_SCALAR"));
            ASSERT_TRUE(kex);
            Bytes secret;
            ASSERT_EQ(kex->ComputeSharedSecret(r.Hex("INPUT_U"), &secret), CryptoStatus::OK);
            EXPECT_EQ(ToHex(secret), r.Get("OUTPUT_U")) << f.name << ":" << r.line;
            ++cases;
        }
    }
    EXPECT_EQ(cases, 6);
}

TEST(KeyExchangeTest, X25519Rfc7748Section61)
{
    const auto r = LoadVectors("crypto-x25519-rfc7748-dh.txt").at(0);
    auto alice = FromPrivate(DhGroupId::CURVE25519, r.Hex("AlicePrivate"));
    auto bob = FromPrivate(DhGroupId::CURVE25519, r.Hex("BobPrivate"));
    ASSERT_TRUE(alice && bob);
    EXPECT_EQ(ToHex(alice->GetPublicValue()), r.Get("AlicePublic"));
    EXPECT_EQ(ToHex(bob->GetPublicValue()), r.Get("BobPublic"));
    Bytes ka;
    Bytes kb;
    ASSERT_EQ(alice->ComputeSharedSecret(bob->GetPublicValue(), &ka), CryptoStatus::OK);
    ASSERT_EQ(bob->ComputeSharedSecret(alice->GetPublicValue(), &kb), CryptoStatus::OK);
    EXPECT_EQ(ToHex(ka), r.Get("Shared"));
    EXPECT_EQ(ka, kb);
}

// RFC 8031 2.3 / RFC 7748 6: low-order points give an all-zero secret, which is rejected.
TEST(KeyExchangeTest, MontgomeryLowOrderPointsAndLengths)
{
    const auto r = LoadVectors("crypto-x25519-rfc7748-dh.txt").at(0);
    auto alice = FromPrivate(DhGroupId::CURVE25519, r.Hex("AlicePrivate"));
    ASSERT_TRUE(alice);
    Bytes secret;
    for (const char* lowOrder :
         {"0000000000000000000000000000000000000000000000000000000000000000",
          "0100000000000000000000000000000000000000000000000000000000000000",
          "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
          "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"})
    {
        EXPECT_EQ(alice->ComputeSharedSecret(FromHex(lowOrder), &secret),
                  CryptoStatus::INVALID_PUBLIC_VALUE)
            << lowOrder;
        EXPECT_TRUE(secret.empty());
    }
    EXPECT_EQ(alice->ComputeSharedSecret(Bytes(31, 9), &secret),
              CryptoStatus::INVALID_PUBLIC_VALUE);
    EXPECT_EQ(alice->ComputeSharedSecret(Bytes(33, 9), &secret),
              CryptoStatus::INVALID_PUBLIC_VALUE);

    RandomSource rng;
    auto x448 = KeyExchange::Create(DhGroupId::CURVE448, rng);
    ASSERT_TRUE(x448);
    EXPECT_EQ(x448->GetPublicValue().size(), 56u);
    EXPECT_EQ(x448->ComputeSharedSecret(Bytes(56, 0), &secret), CryptoStatus::INVALID_PUBLIC_VALUE);
    Bytes one(56, 0);
    one[0] = 1;
    EXPECT_EQ(x448->ComputeSharedSecret(one, &secret), CryptoStatus::INVALID_PUBLIC_VALUE);

    CryptoStatus st = CryptoStatus::OK;
    EXPECT_FALSE(KeyExchange::CreateWithPrivateKey(DhGroupId::CURVE25519, Bytes(31, 1), &st));
    EXPECT_EQ(st, CryptoStatus::BAD_KEY_LENGTH);
}

/// 2^e as a big-endian number of @p size octets.
Bytes
PowerOfTwo(size_t e, size_t size)
{
    Bytes out(size, 0);
    out[size - 1 - e / 8] = static_cast<uint8_t>(1u << (e % 8));
    return out;
}

// g = 2, so for x with 2^x < p the public value is exactly 2^x, left-padded to the prime length
// (RFC 7296 3.4), and with a peer value y = 2^z the secret is 2^(xz).
TEST(KeyExchangeTest, ModpSmallExponentKnownAnswers)
{
    for (auto group : kModpGroups)
    {
        const size_t size = KeyExchange::GetPublicValueSizeOf(group);
        auto a = FromPrivate(group, FromHex("05"));
        auto b = FromPrivate(group, FromHex("8f")); // 2^(5 * 143) < 2^767
        ASSERT_TRUE(a && b);
        EXPECT_EQ(a->GetPublicValue(), PowerOfTwo(5, size));
        EXPECT_EQ(b->GetPublicValue(), PowerOfTwo(143, size));
        Bytes secret;
        ASSERT_EQ(a->ComputeSharedSecret(b->GetPublicValue(), &secret), CryptoStatus::OK);
        EXPECT_EQ(secret, PowerOfTwo(5 * 143, size)) << static_cast<int>(group);
        Bytes other;
        ASSERT_EQ(b->ComputeSharedSecret(a->GetPublicValue(), &other), CryptoStatus::OK);
        EXPECT_EQ(other, secret);
    }
}

TEST(KeyExchangeTest, ModpRandomKeysAgree)
{
    RandomSource rng;
    rng.AssignStreams(3);
    for (auto group : kModpGroups)
    {
        auto a = KeyExchange::Create(group, rng);
        auto b = KeyExchange::Create(group, rng);
        ASSERT_TRUE(a && b);
        EXPECT_EQ(a->GetPublicValue().size(), KeyExchange::GetPublicValueSizeOf(group));
        EXPECT_NE(a->GetPublicValue(), b->GetPublicValue());
        Bytes sa;
        Bytes sb;
        ASSERT_EQ(a->ComputeSharedSecret(b->GetPublicValue(), &sa), CryptoStatus::OK);
        ASSERT_EQ(b->ComputeSharedSecret(a->GetPublicValue(), &sb), CryptoStatus::OK);
        EXPECT_EQ(sa, sb);
        EXPECT_EQ(sa.size(), KeyExchange::GetPublicValueSizeOf(group));
    }
}

/// Big-endian p + delta (delta in -2..1) for the odd primes of the files.
Bytes
Around(Bytes p, int delta)
{
    if (delta >= 0)
    {
        for (size_t i = p.size(); i-- > 0 && delta > 0;)
        {
            delta = ++p[i] == 0 ? 1 : 0;
        }
        return p;
    }
    p.back() = static_cast<uint8_t>(p.back() + delta); // primes end in 0xff: no borrow
    return p;
}

// RFC 6989 2.1: 1 < y < p - 1, checked against the primes published in RFC 2409 / RFC 3526.
TEST(KeyExchangeTest, ModpRejectsOutOfRangeValues)
{
    std::vector<std::pair<DhGroupId, Bytes>> primes;
    const auto rfc2409 = LoadVectors("crypto-modp-rfc2409.txt");
    primes.emplace_back(DhGroupId::MODP_768, rfc2409.at(0).Hex("P"));
    primes.emplace_back(DhGroupId::MODP_1024, rfc2409.at(1).Hex("P"));
    const DhGroupId rfc3526[] = {DhGroupId::MODP_1536,
                                 DhGroupId::MODP_2048,
                                 DhGroupId::MODP_3072,
                                 DhGroupId::MODP_4096,
                                 DhGroupId::MODP_6144,
                                 DhGroupId::MODP_8192};
    const auto records = LoadVectors("crypto-modp-rfc3526.txt");
    ASSERT_EQ(records.size(), 6u);
    for (size_t i = 0; i < 6; ++i)
    {
        primes.emplace_back(rfc3526[i], records[i].Hex("P"));
    }
    for (const auto& [group, p] : primes)
    {
        ASSERT_EQ(p.size(), KeyExchange::GetPublicValueSizeOf(group));
        auto kex = FromPrivate(group, FromHex("1234567890abcdef"));
        ASSERT_TRUE(kex);
        Bytes secret;
        const size_t n = p.size();
        Bytes one(n - 1, 0);
        one.push_back(1);
        for (const Bytes& bad : {Bytes(n, 0), one, Around(p, -1), p, Around(p, 1), Bytes(n, 0xff)})
        {
            EXPECT_EQ(kex->ComputeSharedSecret(bad, &secret), CryptoStatus::INVALID_PUBLIC_VALUE)
                << static_cast<int>(group);
        }
        Bytes two(n - 1, 0);
        two.push_back(2);
        EXPECT_EQ(kex->ComputeSharedSecret(two, &secret), CryptoStatus::OK);
        EXPECT_EQ(kex->ComputeSharedSecret(Around(p, -2), &secret), CryptoStatus::OK);
        // The KE payload keeps leading zeros: one octet short is malformed.
        EXPECT_EQ(kex->ComputeSharedSecret(ByteView(two.data() + 1, n - 1), &secret),
                  CryptoStatus::INVALID_PUBLIC_VALUE);
    }
}

TEST(KeyExchangeTest, SupportAndSizes)
{
    EXPECT_EQ(KeyExchange::GetPublicValueSizeOf(DhGroupId::MODP_768), 96u);
    EXPECT_EQ(KeyExchange::GetPublicValueSizeOf(DhGroupId::MODP_2048), 256u);
    EXPECT_EQ(KeyExchange::GetPublicValueSizeOf(DhGroupId::MODP_8192), 1024u);
    EXPECT_EQ(KeyExchange::GetPublicValueSizeOf(DhGroupId::ECP_256), 64u);
    EXPECT_EQ(KeyExchange::GetPublicValueSizeOf(DhGroupId::ECP_384), 96u);
    EXPECT_EQ(KeyExchange::GetPublicValueSizeOf(DhGroupId::ECP_521), 132u);
    EXPECT_EQ(KeyExchange::GetPublicValueSizeOf(DhGroupId::CURVE25519), 32u);
    EXPECT_EQ(KeyExchange::GetPublicValueSizeOf(DhGroupId::CURVE448), 56u);
    EXPECT_EQ(KeyExchange::GetPublicValueSizeOf(DhGroupId::NONE), 0u);
    EXPECT_FALSE(KeyExchange::IsSupported(DhGroupId::NONE));
    EXPECT_FALSE(KeyExchange::IsSupported(static_cast<DhGroupId>(22)));
    RandomSource rng;
    CryptoStatus st = CryptoStatus::OK;
    EXPECT_FALSE(KeyExchange::Create(static_cast<DhGroupId>(24), rng, &st));
    EXPECT_EQ(st, CryptoStatus::UNSUPPORTED);
    EXPECT_FALSE(KeyExchange::CreateWithPrivateKey(DhGroupId::ECP_256, Bytes(31, 1), &st));
    EXPECT_EQ(st, CryptoStatus::BAD_KEY_LENGTH);
    EXPECT_FALSE(KeyExchange::CreateWithPrivateKey(DhGroupId::MODP_2048, FromHex("01"), &st));
    EXPECT_EQ(st, CryptoStatus::BAD_KEY_LENGTH);
}

class KeyExchangeDeterminismTest : public SimulationTest
{
};

// Same seed, run and stream: the same public values (so byte-identical pcaps); another stream:
// different ones.
TEST_F(KeyExchangeDeterminismTest, PublicValuesFollowTheStream)
{
    for (auto group : {DhGroupId::MODP_2048,
                       DhGroupId::ECP_256,
                       DhGroupId::ECP_521,
                       DhGroupId::CURVE25519,
                       DhGroupId::CURVE448})
    {
        auto make = [group](int64_t stream) {
            auto rng = CreateObject<RandomSource>();
            rng->AssignStreams(stream);
            auto kex = KeyExchange::Create(group, *rng);
            EXPECT_TRUE(kex);
            return kex ? kex->GetPublicValue() : Bytes();
        };
        EXPECT_EQ(make(11), make(11));
        EXPECT_NE(make(11), make(12));
    }
}

} // namespace
} // namespace ns3
