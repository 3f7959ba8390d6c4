/* SPDX-License-Identifier: GPL-2.0-only */

// SecurityAssociation: parameter validation (each error names its fix), per-SA memory, and the
// hot-path promise: protecting/unprotecting a packet allocates nothing (C++ or OpenSSL heap).

#include "dataplane-test-util.h"

#include "ns3/cipher.h"
#include "ns3/esp-codec.h"
#include "ns3/integrity.h"
#include "ns3/security-association.h"

#include <atomic>
#include <cstdlib>
#include <gtest/gtest.h>
#include <iostream>
#include <malloc.h>
#include <new>
#include <openssl/crypto.h>

using namespace ns3;
using namespace ns3::test;

namespace
{

std::atomic<bool> g_counting{false};
std::atomic<size_t> g_allocations{0};

void*
CountingMalloc(size_t n, const char*, int)
{
    if (g_counting.load(std::memory_order_relaxed))
    {
        g_allocations++;
    }
    return std::malloc(n);
}

void*
CountingRealloc(void* p, size_t n, const char*, int)
{
    if (g_counting.load(std::memory_order_relaxed))
    {
        g_allocations++;
    }
    return std::realloc(p, n);
}

void
PlainFree(void* p, const char*, int)
{
    std::free(p);
}

// Must run before OpenSSL's first allocation (static initialisation of this test program).
const bool g_opensslCounted = CRYPTO_set_mem_functions(CountingMalloc, CountingRealloc, PlainFree);

SaParams
Esp(EncrId encr, uint16_t bits, IntegId integ)
{
    SaParams p;
    p.spi = 0x4242;
    p.protocol = IpsecProtocol::ESP;
    p.src = Ipv4Address("10.0.0.1");
    p.dst = Ipv4Address("10.0.0.2");
    p.encr = encr;
    p.encrKeyBits = bits;
    p.encrKey = TestKey(Cipher::GetKeyMaterialSize(encr, bits), 1);
    p.integ = integ;
    p.integKey = integ == IntegId::NONE ? Bytes() : TestKey(Integrity::GetKeySize(integ), 2);
    return p;
}

/// \brief Expects Create() to fail with a message containing \p hint.
void
ExpectRejected(const SaParams& p, const std::string& hint)
{
    std::string error;
    Ptr<SecurityAssociation> sa = SecurityAssociation::Create(p, MakeRandomSource(), &error);
    EXPECT_FALSE(sa);
    EXPECT_NE(error.find(hint), std::string::npos) << "error was: " << error;
}

} // namespace

// Replaceable global allocation functions: count C++ heap allocations while g_counting is set.
// They forward to malloc/free, which GCC's inliner would flag as a new/free mismatch.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif
void*
operator new(size_t n)
{
    if (g_counting.load(std::memory_order_relaxed))
    {
        g_allocations++;
    }
    void* p = std::malloc(n == 0 ? 1 : n);
    if (!p)
    {
        throw std::bad_alloc();
    }
    return p;
}

void
operator delete(void* p) noexcept
{
    std::free(p);
}

void
operator delete(void* p, size_t) noexcept
{
    std::free(p);
}

// The array and nothrow forms too: left to the runtime (ASan's, say), new[] would not come from
// malloc while the default delete[] would free() through the operator delete above.
void*
operator new[](size_t n)
{
    return operator new(n);
}

void
operator delete[](void* p) noexcept
{
    std::free(p);
}

void
operator delete[](void* p, size_t) noexcept
{
    std::free(p);
}

void*
operator new(size_t n, const std::nothrow_t&) noexcept
{
    try
    {
        return operator new(n);
    }
    catch (const std::bad_alloc&)
    {
        return nullptr;
    }
}

void*
operator new[](size_t n, const std::nothrow_t& tag) noexcept
{
    return operator new(n, tag);
}

TEST(SecurityAssociationTest, ValidParametersCreateKeyedContexts)
{
    auto gcm = MustCreate(Esp(EncrId::AES_GCM_16, 256, IntegId::NONE));
    EXPECT_TRUE(gcm->GetCipher()->IsAead());
    EXPECT_EQ(gcm->GetIntegrity(), nullptr);
    EXPECT_EQ(gcm->GetIvGenerator(), nullptr); // IV = sequence number
    EXPECT_EQ(gcm->GetIcvSize(), 16u);
    EXPECT_EQ(gcm->GetState(), SaState::MATURE);

    auto cbc = MustCreate(Esp(EncrId::AES_CBC, 128, IntegId::HMAC_SHA2_384_192));
    EXPECT_NE(cbc->GetIvGenerator(), nullptr);
    EXPECT_EQ(cbc->GetIcvSize(), 24u);
    EXPECT_EQ(cbc->GetOutboundSequence(), 0u);

    auto nul = MustCreate(Esp(EncrId::NULL_ENCR, 0, IntegId::HMAC_SHA1_96));
    EXPECT_EQ(nul->GetCipher()->GetIvSize(), 0u);
    EXPECT_EQ(nul->GetIcvSize(), 12u);
}

TEST(SecurityAssociationTest, InvalidParametersNameTheFix)
{
    SaParams p = Esp(EncrId::AES_GCM_16, 128, IntegId::NONE);
    p.spi = 0;
    ExpectRejected(p, "SPI 0 is reserved");

    p = Esp(EncrId::AES_GCM_16, 128, IntegId::NONE);
    p.integ = IntegId::HMAC_SHA2_256_128;
    p.integKey = TestKey(32, 1);
    ExpectRejected(p, "set integ = NONE");

    ExpectRejected(Esp(EncrId::NULL_ENCR, 0, IntegId::NONE), "needs an integrity transform");

    p = Esp(EncrId::AES_CBC, 128, IntegId::HMAC_SHA1_96);
    p.encrKey.pop_back();
    ExpectRejected(p, "needs 16");

    p = Esp(EncrId::AES_GCM_16, 128, IntegId::NONE);
    p.encrKey.resize(16); // salt forgotten
    ExpectRejected(p, "followed by salt");

    p = Esp(EncrId::AES_CBC, 128, IntegId::NONE);
    p.encrKeyBits = 100;
    ExpectRejected(p, "not supported");

    p = Esp(EncrId::AES_CBC, 128, IntegId::HMAC_SHA2_256_128);
    p.integKey.resize(20);
    ExpectRejected(p, "needs 32");

    p = Esp(EncrId::AES_CBC, 128, IntegId::NONE);
    p.integKey = TestKey(20, 1);
    ExpectRejected(p, "clear it");

    p = Esp(EncrId::AES_GCM_16, 128, IntegId::NONE);
    p.tfcPadding = true;
    p.tfcPadSize = 500;
    ExpectRejected(p, "tunnel mode only");

    p = Esp(EncrId::AES_GCM_16, 128, IntegId::NONE);
    p.replayWindow = 10;
    ExpectRejected(p, "replayWindow 10");

    p = Esp(EncrId::AES_GCM_16, 128, IntegId::NONE);
    p.direction = SaDirection::INBOUND;
    p.esn = true;
    p.replayWindow = 0;
    ExpectRejected(p, "set replayWindow > 0");

    p = Esp(EncrId::AES_GCM_16, 128, IntegId::NONE);
    p.dst = Ipv6Address("2001:db8::1");
    ExpectRejected(p, "same address family");

    SaParams ah;
    ah.spi = 0x300;
    ah.protocol = IpsecProtocol::AH;
    ExpectRejected(ah, "AH needs an integrity transform");
    ah.integ = IntegId::HMAC_SHA1_96;
    ah.integKey = TestKey(20, 1);
    ah.encr = EncrId::AES_CBC;
    ah.encrKeyBits = 128;
    ah.encrKey = TestKey(16, 1);
    ExpectRejected(ah, "AH provides no confidentiality");
    ah.encr = EncrId::NULL_ENCR;
    ah.encrKeyBits = 0;
    ah.encrKey.clear();
    ah.udpEncap = true;
    ExpectRejected(ah, "ESP only");
}

TEST(SecurityAssociationTest, ErrorPointerMayBeNull)
{
    EXPECT_FALSE(SecurityAssociation::Create(Esp(EncrId::NULL_ENCR, 0, IntegId::NONE),
                                             MakeRandomSource(),
                                             nullptr));
}

TEST(SecurityAssociationTest, MemoryPerSa)
{
    // Scaling studies keep 10^4..10^5 SAs: measure what one costs, heap included (glibc's
    // mallinfo2 sees OpenSSL's allocations too).
    const struct
    {
        const char* name;
        SaParams params;
        size_t bound;
    } cases[] = {
        {"aes128gcm16", Esp(EncrId::AES_GCM_16, 128, IntegId::NONE), 4096},
        {"aes128-sha256", Esp(EncrId::AES_CBC, 128, IntegId::HMAC_SHA2_256_128), 8192},
    };

    Ptr<RandomSource> rng = MakeRandomSource();
    std::cout << "sizeof(SecurityAssociation) = " << sizeof(SecurityAssociation)
              << ", sizeof(SaParams) = " << sizeof(SaParams) << "\n";
    for (const auto& c : cases)
    {
        constexpr int N = 2000;
        std::vector<Ptr<SecurityAssociation>> sas;
        sas.reserve(N);
        const size_t before = mallinfo2().uordblks;
        for (int i = 0; i < N; ++i)
        {
            SaParams p = c.params;
            p.spi = 0x1000 + i;
            p.direction = i % 2 ? SaDirection::INBOUND : SaDirection::OUTBOUND;
            std::string err;
            sas.push_back(SecurityAssociation::Create(p, rng, &err));
            ASSERT_TRUE(sas.back()) << err;
        }
        const size_t after = mallinfo2().uordblks;
        if (after <= before)
        {
            GTEST_SKIP() << "glibc heap statistics unavailable (sanitizer allocator?)";
        }
        const size_t perSa = (after - before) / N;
        std::cout << c.name << ": " << perSa << " heap bytes per SA\n";
        ::testing::Test::RecordProperty(std::string("bytes_per_sa_") + c.name,
                                        std::to_string(perSa));
        EXPECT_GT(perSa, sizeof(SecurityAssociation));
        EXPECT_LT(perSa, c.bound);
    }
}

TEST(SecurityAssociationTest, HotPathAllocatesNothing)
{
    // The codec and SA allocate nothing per packet. OpenSSL 3.0's HMAC re-initialisation
    // duplicates its digest contexts internally (a property of the Integrity primitive, not of
    // ESP); it is measured on its own and must be the only allocation left.
    for (const SaParams& base : {Esp(EncrId::AES_GCM_16, 128, IntegId::NONE),
                                 Esp(EncrId::CHACHA20_POLY1305, 256, IntegId::NONE),
                                 Esp(EncrId::AES_CBC, 128, IntegId::NONE),
                                 Esp(EncrId::AES_CBC, 128, IntegId::HMAC_SHA2_256_128),
                                 Esp(EncrId::NULL_ENCR, 0, IntegId::AES_XCBC_96)})
    {
        SCOPED_TRACE("encr " + std::to_string(static_cast<int>(base.encr)) + " integ " +
                     std::to_string(static_cast<int>(base.integ)));
        constexpr int N = 1000;
        SaParams o = base;
        o.esn = true;
        auto out = MustCreate(o);
        auto in = MustCreate(Inbound(o));
        const Bytes payload(1400, 0x77);
        Bytes esp;
        Bytes plain;
        uint8_t nh = 0;
        // Warm-up: output buffers get their capacity once.
        ASSERT_TRUE(EspCodec::Protect(*out, payload, 17, &esp).IsOk());
        ASSERT_TRUE(EspCodec::Unprotect(*in, esp, &plain, &nh).IsOk());
        g_allocations = 0;
        g_counting = true;
        bool ok = true;
        for (int i = 0; i < N; ++i)
        {
            ok = ok && EspCodec::Protect(*out, payload, 17, &esp).IsOk();
            ok = ok && EspCodec::Unprotect(*in, esp, &plain, &nh).IsOk();
        }
        g_counting = false;
        EXPECT_TRUE(ok);
        const size_t codec = g_allocations.load();

        size_t primitive = 0;
        if (base.integ != IntegId::NONE)
        {
            auto integ = Integrity::Create(base.integ, base.integKey);
            uint8_t icv[64];
            g_allocations = 0;
            g_counting = true;
            for (int i = 0; i < 2 * N; ++i)
            {
                ok = ok && integ->Compute({ByteView(esp)}, icv) == CryptoStatus::OK;
            }
            g_counting = false;
            primitive = g_allocations.load();
            std::cout << "integrity " << static_cast<int>(base.integ) << ": "
                      << primitive / (2.0 * N) << " OpenSSL allocations per MAC\n";
        }
        EXPECT_EQ(codec, primitive)
            << (g_opensslCounted ? "(C++ and OpenSSL heap counted)" : "(C++ heap only)");
    }
}
