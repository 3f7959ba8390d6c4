/* SPDX-License-Identifier: GPL-2.0-only */

// SecurityAssociationDatabase (RFC 4301 4.4.2): inbound lookup by (SPI, destination,
// protocol), outbound lookup by reqid with make-before-break, and SaPair (manual keying).

#include "dataplane-test-util.h"

#include "ns3/cipher.h"
#include "ns3/esp-codec.h"
#include "ns3/sa-pair.h"
#include "ns3/security-association-database.h"

#include <algorithm>
#include <chrono>
#include <gtest/gtest.h>
#include <random>

using namespace ns3;
using namespace ns3::test;

namespace
{

SaParams
Gcm(uint32_t spi, IpAddress dst, SaDirection dir, uint32_t reqid)
{
    SaParams p;
    p.spi = spi;
    p.protocol = IpsecProtocol::ESP;
    p.direction = dir;
    p.src =
        dst.IsIpv6() ? IpAddress(Ipv6Address("2001:db8::99")) : IpAddress(Ipv4Address("10.9.9.9"));
    p.dst = dst;
    p.encr = EncrId::AES_GCM_16;
    p.encrKeyBits = 128;
    p.encrKey = TestKey(20, static_cast<uint8_t>(spi));
    p.reqid = reqid;
    return p;
}

const IpAddress kA = Ipv4Address("10.0.0.1");
const IpAddress kB = Ipv4Address("10.0.0.2");

} // namespace

TEST(SecurityAssociationDatabaseTest, InboundLookupBySpiDestinationProtocol)
{
    auto sad = CreateObject<SecurityAssociationDatabase>();
    auto sa1 = MustCreate(Gcm(0x100, kA, SaDirection::INBOUND, 1));
    auto sa2 = MustCreate(Gcm(0x100, kB, SaDirection::INBOUND, 1)); // same SPI, other dst
    auto sa3 =
        MustCreate(Gcm(0x101, IpAddress(Ipv6Address("2001:db8::1")), SaDirection::INBOUND, 2));
    EXPECT_EQ(sad->Add(sa1), SadStatus::OK);
    EXPECT_EQ(sad->Add(sa2), SadStatus::OK);
    EXPECT_EQ(sad->Add(sa3), SadStatus::OK);
    EXPECT_EQ(sad->Add(MustCreate(Gcm(0x100, kA, SaDirection::INBOUND, 1))), SadStatus::DUPLICATE);
    EXPECT_EQ(sad->Add(nullptr), SadStatus::INVALID);
    EXPECT_EQ(sad->GetN(), 3u);

    EXPECT_EQ(sad->Lookup(0x100, kA, IpsecProtocol::ESP), sa1);
    EXPECT_EQ(sad->Lookup(0x100, kB, IpsecProtocol::ESP), sa2);
    EXPECT_EQ(sad->Lookup(0x101, IpAddress(Ipv6Address("2001:db8::1")), IpsecProtocol::ESP), sa3);
    EXPECT_EQ(sad->Lookup(0x100, kA, IpsecProtocol::AH), nullptr);
    EXPECT_EQ(sad->Lookup(0x102, kA, IpsecProtocol::ESP), nullptr);
    // Inbound SAs never serve outbound traffic, even with a matching reqid.
    EXPECT_EQ(sad->LookupOutbound(1, IpsecProtocol::ESP), nullptr);

    const auto all = sad->GetAll();
    ASSERT_EQ(all.size(), 3u);
    EXPECT_EQ(all[0], sa1);
    EXPECT_EQ(all[1], sa2);
    EXPECT_EQ(all[2], sa3);

    EXPECT_TRUE(sad->Remove(0x100, kA, IpsecProtocol::ESP));
    EXPECT_FALSE(sad->Remove(0x100, kA, IpsecProtocol::ESP));
    EXPECT_EQ(sa1->GetState(), SaState::DEAD); // holders of a pointer stop using it
    EXPECT_EQ(sad->Lookup(0x100, kA, IpsecProtocol::ESP), nullptr);
    EXPECT_EQ(sad->GetN(), 2u);
    sad->Clear();
    EXPECT_EQ(sad->GetN(), 0u);
}

TEST(SecurityAssociationDatabaseTest, MakeBeforeBreakRekeying)
{
    auto sad = CreateObject<SecurityAssociationDatabase>();
    auto old = MustCreate(Gcm(0x200, kB, SaDirection::OUTBOUND, 7));
    ASSERT_EQ(sad->Add(old), SadStatus::OK);
    ASSERT_EQ(sad->Add(MustCreate(Gcm(0x900, kB, SaDirection::OUTBOUND, 8))), SadStatus::OK);
    EXPECT_EQ(sad->LookupOutbound(7, IpsecProtocol::ESP), old);
    EXPECT_EQ(sad->LookupOutbound(7, IpsecProtocol::AH), nullptr);

    // Soft expiry: the old SA is DYING but still the only one.
    old->ExpireSoft();
    EXPECT_EQ(sad->LookupOutbound(7, IpsecProtocol::ESP), old);

    // The rekeyed SA is installed: it takes over at once, the old one stays in the SAD.
    auto fresh = MustCreate(Gcm(0x201, kB, SaDirection::OUTBOUND, 7));
    ASSERT_EQ(sad->Add(fresh), SadStatus::OK);
    EXPECT_EQ(sad->LookupOutbound(7, IpsecProtocol::ESP), fresh);
    EXPECT_EQ(sad->Lookup(0x200, kB, IpsecProtocol::ESP), old);

    // Even without soft expiry, a newer MATURE SA with the same reqid wins.
    auto newest = MustCreate(Gcm(0x202, kB, SaDirection::OUTBOUND, 7));
    ASSERT_EQ(sad->Add(newest), SadStatus::OK);
    EXPECT_EQ(sad->LookupOutbound(7, IpsecProtocol::ESP), newest);

    // Removing the newest falls back to the previous MATURE one; a dead one is never chosen.
    EXPECT_TRUE(sad->Remove(0x202, kB, IpsecProtocol::ESP));
    EXPECT_EQ(sad->LookupOutbound(7, IpsecProtocol::ESP), fresh);
    fresh->ExpireHard();
    EXPECT_EQ(sad->LookupOutbound(7, IpsecProtocol::ESP), old); // DYING but usable
    old->ExpireHard();
    EXPECT_EQ(sad->LookupOutbound(7, IpsecProtocol::ESP), nullptr);
    EXPECT_NE(sad->LookupOutbound(8, IpsecProtocol::ESP), nullptr);
}

TEST(SecurityAssociationDatabaseTest, UpdateReplacesInPlace)
{
    auto sad = CreateObject<SecurityAssociationDatabase>();
    auto a = MustCreate(Gcm(0x300, kB, SaDirection::OUTBOUND, 3));
    auto b = MustCreate(Gcm(0x301, kB, SaDirection::OUTBOUND, 3));
    ASSERT_EQ(sad->Add(a), SadStatus::OK);
    ASSERT_EQ(sad->Add(b), SadStatus::OK);
    // update_sa of the older SA keeps the newer one preferred.
    auto a2 = MustCreate(Gcm(0x300, kB, SaDirection::OUTBOUND, 3));
    EXPECT_EQ(sad->Update(a2), SadStatus::OK);
    EXPECT_EQ(a->GetState(), SaState::DEAD);
    EXPECT_EQ(sad->Lookup(0x300, kB, IpsecProtocol::ESP), a2);
    EXPECT_EQ(sad->LookupOutbound(3, IpsecProtocol::ESP), b);
    b->ExpireHard();
    EXPECT_EQ(sad->LookupOutbound(3, IpsecProtocol::ESP), a2);
    EXPECT_EQ(sad->Update(MustCreate(Gcm(0x399, kB, SaDirection::OUTBOUND, 3))),
              SadStatus::NOT_FOUND);
    EXPECT_EQ(sad->Update(nullptr), SadStatus::INVALID);
    EXPECT_EQ(sad->GetN(), 2u);
}

// The SAD remembers its last answers (a flow asks for the same SA packet after packet). Whatever
// happens in between (SAs added, updated with the same or another reqid, removed, cleared, soft
// or hard expired without the SAD knowing), every answer must be the rule's, computed here from a
// plain list: inbound by (SPI, destination, protocol); outbound the newest MATURE SA of the
// reqid, else the newest DYING one (RFC 4301 4.4.2, make-before-break).
TEST(SecurityAssociationDatabaseTest, RememberedAnswersFollowEveryChange)
{
    struct Installed
    {
        Ptr<SecurityAssociation> sa;
        uint64_t order; // outbound position: newest last (an update with the same reqid keeps it)
    };

    auto sad = CreateObject<SecurityAssociationDatabase>();
    std::vector<Installed> model;
    uint64_t order = 0;
    std::mt19937 rng(42);
    const IpAddress dsts[] = {kA, kB};
    auto find = [&model](uint32_t spi, const IpAddress& dst) {
        return std::find_if(model.begin(), model.end(), [&](const Installed& i) {
            return i.sa->GetSpi() == spi && i.sa->GetDestination() == dst;
        });
    };
    auto expectedOutbound = [&model](uint32_t reqid) {
        Ptr<SecurityAssociation> mature;
        Ptr<SecurityAssociation> dying;
        uint64_t matureOrder = 0;
        uint64_t dyingOrder = 0;
        for (const auto& i : model)
        {
            if (i.sa->GetDirection() != SaDirection::OUTBOUND || i.sa->GetReqid() != reqid)
            {
                continue;
            }
            if (i.sa->GetState() == SaState::MATURE && (!mature || i.order > matureOrder))
            {
                mature = i.sa;
                matureOrder = i.order;
            }
            if (i.sa->GetState() == SaState::DYING && (!dying || i.order > dyingOrder))
            {
                dying = i.sa;
                dyingOrder = i.order;
            }
        }
        return mature ? mature : dying;
    };

    for (int step = 0; step < 600; ++step)
    {
        SCOPED_TRACE("step " + std::to_string(step));
        const uint32_t spi = 0x400 + rng() % 6;
        const IpAddress& dst = dsts[rng() % 2];
        const uint32_t reqid = 1 + rng() % 2;
        const SaDirection dir = rng() % 3 == 0 ? SaDirection::INBOUND : SaDirection::OUTBOUND;
        auto it = find(spi, dst);
        // Make the SA this step changes the one remembered.
        (void)sad->Lookup(spi, dst, IpsecProtocol::ESP);
        if (it != model.end() && it->sa->GetDirection() == SaDirection::OUTBOUND)
        {
            (void)sad->LookupOutbound(it->sa->GetReqid(), IpsecProtocol::ESP);
        }
        switch (rng() % 8)
        {
        case 0:
        case 1:
        case 2: {
            auto sa = MustCreate(Gcm(spi, dst, dir, reqid));
            EXPECT_EQ(sad->Add(sa), it == model.end() ? SadStatus::OK : SadStatus::DUPLICATE);
            if (it == model.end())
            {
                model.push_back({sa, ++order});
            }
            break;
        }
        case 3: {
            auto sa = MustCreate(Gcm(spi, dst, dir, reqid));
            EXPECT_EQ(sad->Update(sa), it == model.end() ? SadStatus::NOT_FOUND : SadStatus::OK);
            if (it != model.end())
            {
                const bool samePlace = it->sa->GetDirection() == SaDirection::OUTBOUND &&
                                       dir == SaDirection::OUTBOUND && it->sa->GetReqid() == reqid;
                it->sa = sa;
                if (!samePlace)
                {
                    it->order = ++order;
                }
            }
            break;
        }
        case 4:
            EXPECT_EQ(sad->Remove(spi, dst, IpsecProtocol::ESP), it != model.end());
            if (it != model.end())
            {
                model.erase(it);
            }
            break;
        case 5:
            if (it != model.end())
            {
                it->sa->ExpireSoft();
            }
            break;
        case 6:
            if (it != model.end() && rng() % 4 == 0)
            {
                it->sa->ExpireHard();
            }
            break;
        default:
            if (rng() % 16 == 0)
            {
                sad->Clear();
                model.clear();
            }
            break;
        }
        // Ask twice: the second answer is the remembered one.
        for (int again = 0; again < 2; ++again)
        {
            for (uint32_t r : {1u, 2u})
            {
                EXPECT_EQ(sad->LookupOutbound(r, IpsecProtocol::ESP), expectedOutbound(r));
            }
            for (uint32_t s = 0x400; s < 0x406; ++s)
            {
                for (const IpAddress& d : dsts)
                {
                    auto m = find(s, d);
                    EXPECT_EQ(sad->Lookup(s, d, IpsecProtocol::ESP),
                              m == model.end() ? nullptr : m->sa);
                }
            }
        }
        EXPECT_EQ(sad->GetN(), model.size());
    }
}

TEST(SecurityAssociationDatabaseTest, LookupStaysConstantTimeAtScale)
{
    auto sad = CreateObject<SecurityAssociationDatabase>();
    auto rng = MakeRandomSource();
    std::vector<uint32_t> spis;
    auto fill = [&](uint32_t n) {
        while (spis.size() < n)
        {
            const uint32_t spi = 0x1000 + static_cast<uint32_t>(spis.size()) * 7919;
            spis.push_back(spi);
            SaParams p = Gcm(spi, kA, SaDirection::INBOUND, static_cast<uint32_t>(spis.size()));
            std::string err;
            auto sa = SecurityAssociation::Create(p, rng, &err);
            ASSERT_TRUE(sa) << err;
            ASSERT_EQ(sad->Add(sa), SadStatus::OK);
        }
    };
    // Minimum of several runs: the machine is shared, the minimum is the undisturbed cost.
    auto timeLookups = [&]() {
        double best = 1e9;
        for (int run = 0; run < 7; ++run)
        {
            const auto t0 = std::chrono::steady_clock::now();
            size_t found = 0;
            for (size_t i = 0; i < 20000; ++i)
            {
                found += sad->Lookup(spis[(i * 7) % 1000], kA, IpsecProtocol::ESP) ? 1 : 0;
            }
            const double ns =
                std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - t0)
                    .count() /
                20000.0;
            EXPECT_EQ(found, 20000u);
            best = std::min(best, ns);
        }
        return best;
    };
    fill(1000);
    const double small = timeLookups();
    fill(20000);
    const double large = timeLookups();
    std::cout << "SAD lookup: " << small << " ns with 10^3 SAs, " << large
              << " ns with 2*10^4 SAs\n";
    // The same 1000 SAs are looked up both times (same cache footprint): a linear scan or a
    // tree would slow down 20 or 1.4 times; a hash table does not.
    EXPECT_LT(large, small * 3 + 50);
    EXPECT_EQ(sad->GetN(), 20000u);
}

TEST(SaPairTest, BuildsFourConsistentSas)
{
    SaPairSpec spec;
    spec.mode = IpsecMode::TUNNEL;
    spec.addressA = kA;
    spec.addressB = kB;
    spec.spiAToB = 0xb0b0;
    spec.spiBToA = 0xa0a0;
    spec.encr = EncrId::AES_CBC;
    spec.encrKeyBits = 256;
    spec.encrKeyAToB = TestKey(32, 1);
    spec.encrKeyBToA = TestKey(32, 2);
    spec.integ = IntegId::HMAC_SHA2_256_128;
    spec.integKeyAToB = TestKey(32, 3);
    spec.integKeyBToA = TestKey(32, 4);
    spec.reqid = 42;
    spec.esn = true;
    spec.udpEncap = true;
    spec.udpPortA = 4500;
    spec.udpPortB = 14500;
    spec.selectorA = IpsecSelector::Between(IpAddressRange::Prefix(Ipv4Address("192.168.1.0"), 24),
                                            IpAddressRange::Prefix(Ipv4Address("192.168.2.0"), 24));
    spec.selectorA.localPorts = PortRange{80, 80};
    SaPair pair;
    std::string err;
    ASSERT_TRUE(SaPair::Build(spec, &pair, &err)) << err;

    EXPECT_EQ(pair.aOutbound.spi, 0xb0b0u);
    EXPECT_EQ(pair.bInbound.spi, 0xb0b0u);
    EXPECT_EQ(pair.bOutbound.spi, 0xa0a0u);
    EXPECT_EQ(pair.aInbound.spi, 0xa0a0u);
    EXPECT_EQ(pair.aOutbound.direction, SaDirection::OUTBOUND);
    EXPECT_EQ(pair.aInbound.direction, SaDirection::INBOUND);
    EXPECT_EQ(pair.aOutbound.dst, kB);
    EXPECT_EQ(pair.bOutbound.dst, kA);
    EXPECT_EQ(pair.aOutbound.encrKey, spec.encrKeyAToB);
    EXPECT_EQ(pair.aInbound.encrKey, spec.encrKeyBToA);
    EXPECT_EQ(pair.aOutbound.encapSrcPort, 4500);
    EXPECT_EQ(pair.aOutbound.encapDstPort, 14500);
    EXPECT_EQ(pair.bOutbound.encapSrcPort, 14500);
    EXPECT_TRUE(pair.aOutbound.selector == spec.selectorA);
    EXPECT_TRUE(pair.bInbound.selector.local == spec.selectorA.remote);
    EXPECT_EQ(pair.bInbound.selector.remotePorts.first, 80);
    EXPECT_EQ(pair.bInbound.reqid, 42u);

    // Install on two SADs and carry traffic both ways.
    auto sadA = CreateObject<SecurityAssociationDatabase>();
    auto sadB = CreateObject<SecurityAssociationDatabase>();
    ASSERT_EQ(sadA->Add(MustCreate(pair.aOutbound)), SadStatus::OK);
    ASSERT_EQ(sadA->Add(MustCreate(pair.aInbound)), SadStatus::OK);
    ASSERT_EQ(sadB->Add(MustCreate(pair.bOutbound)), SadStatus::OK);
    ASSERT_EQ(sadB->Add(MustCreate(pair.bInbound)), SadStatus::OK);
    const Bytes inner = FromHex("45000018000000004011000000c0a80101c0a80201"
                                "0102030405060708");
    Bytes fixedInner = inner;
    fixedInner[3] = static_cast<uint8_t>(fixedInner.size());
    for (bool aToB : {true, false})
    {
        auto& from = aToB ? sadA : sadB;
        auto& to = aToB ? sadB : sadA;
        auto out = from->LookupOutbound(42, IpsecProtocol::ESP);
        ASSERT_TRUE(out);
        Bytes esp;
        ASSERT_TRUE(EspCodec::Protect(*out, fixedInner, 4, &esp).IsOk());
        const uint32_t spi =
            (uint32_t{esp[0]} << 24) | (uint32_t{esp[1]} << 16) | (uint32_t{esp[2]} << 8) | esp[3];
        auto in = to->Lookup(spi, aToB ? kB : kA, IpsecProtocol::ESP);
        ASSERT_TRUE(in);
        Bytes plain;
        uint8_t nh = 0;
        ASSERT_TRUE(EspCodec::Unprotect(*in, esp, &plain, &nh).IsOk());
        EXPECT_EQ(plain, fixedInner);
    }
}

TEST(SaPairTest, RejectsIncompleteDescriptions)
{
    SaPairSpec spec;
    spec.addressA = kA;
    spec.addressB = kB;
    spec.encr = EncrId::AES_GCM_16;
    spec.encrKeyBits = 128;
    spec.encrKeyAToB = TestKey(20, 1);
    spec.encrKeyBToA = TestKey(20, 2);
    SaPair pair;
    std::string err;
    EXPECT_FALSE(SaPair::Build(spec, &pair, &err));
    EXPECT_NE(err.find("spiAToB"), std::string::npos) << err;
    spec.spiAToB = 0x10;
    spec.spiBToA = 0x11;
    spec.encrKeyBToA.clear();
    EXPECT_FALSE(SaPair::Build(spec, &pair, &err));
    EXPECT_NE(err.find("encrKeyBToA"), std::string::npos) << err;
    spec.encrKeyBToA = TestKey(20, 2);
    spec.addressB = Ipv6Address("2001:db8::2");
    EXPECT_FALSE(SaPair::Build(spec, &pair, &err));
    EXPECT_NE(err.find("family"), std::string::npos) << err;
    spec.addressB = kB;
    EXPECT_TRUE(SaPair::Build(spec, &pair, &err)) << err;
}
