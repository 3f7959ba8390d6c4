/* SPDX-License-Identifier: GPL-2.0-only */

// The SPD against RFC 4301 4.4.1's definition: an ordered list searched for the first match.
// Targeted cases, then randomized policy sets checked packet by packet against a linear scan,
// then lookup cost and memory figures (printed, not asserted).

#include "ns3/object-factory.h"
#include "ns3/random-variable-stream.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/security-policy-database.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <functional>
#include <gtest/gtest.h>
#include <malloc.h>
#include <sstream>
#include <string>
#include <vector>

namespace ns3
{
namespace
{

IpAddress
V4(const char* a)
{
    return IpAddress(Ipv4Address(a));
}

IpAddress
V6(const char* a)
{
    return IpAddress(Ipv6Address(a));
}

Ptr<SecurityPolicy>
MakePolicy(PolicyDirection direction,
           uint32_t priority,
           IpsecSelector selector,
           PolicyAction action = PolicyAction::PROTECT)
{
    auto p = Create<SecurityPolicy>();
    p->direction = direction;
    p->priority = priority;
    p->selector = selector;
    p->action = action;
    return p;
}

IpsecSelector
Between(IpAddressRange local, IpAddressRange remote, uint8_t protocol = 0)
{
    IpsecSelector s = IpsecSelector::Between(local, remote);
    s.protocol = protocol;
    return s;
}

IpAddressRange
Net(const char* a, uint8_t len)
{
    return IpAddressRange::Prefix(V4(a), len);
}

IpAddressRange
Net6(const char* a, uint8_t len)
{
    return IpAddressRange::Prefix(V6(a), len);
}

/// Every behaviour test runs twice: with LinearScanLimit 0 (the index always) and with the
/// default (small directions scanned in order), so that both search paths are checked.
class SpdTest : public ::testing::TestWithParam<uint32_t>
{
  protected:
    Ptr<SecurityPolicyDatabase> NewSpd() const
    {
        return CreateObjectWithAttributes<SecurityPolicyDatabase>("LinearScanLimit",
                                                                  UintegerValue(GetParam()));
    }
};

const auto OUT = PolicyDirection::OUTBOUND;
const auto IN = PolicyDirection::INBOUND;
const auto FWD = PolicyDirection::FORWARD;

TEST_P(SpdTest, EmptyFindsNothing)
{
    auto spd = NewSpd();
    EXPECT_EQ(spd->Lookup(OUT, PacketTuple{V4("1.1.1.1"), V4("2.2.2.2"), 6, 1, 2}), nullptr);
    EXPECT_EQ(spd->GetN(), 0U);
}

TEST_P(SpdTest, PriorityThenInsertionOrder)
{
    auto spd = NewSpd();
    auto broad = MakePolicy(OUT, 10, Between(Net("10.0.0.0", 8), Net("0.0.0.0", 0)));
    auto narrowLate = MakePolicy(OUT, 10, Between(Net("10.1.0.0", 16), Net("0.0.0.0", 0)));
    auto narrowBetter = MakePolicy(OUT, 5, Between(Net("10.1.2.0", 24), Net("0.0.0.0", 0)));
    const uint32_t b = spd->Add(broad);
    const uint32_t n = spd->Add(narrowLate);
    EXPECT_NE(b, 0U);
    EXPECT_NE(n, b);
    const PacketTuple t{V4("10.1.2.3"), V4("8.8.8.8"), 17, 5000, 53};
    // Same priority: the one added first wins although the later one is more specific.
    EXPECT_EQ(spd->Lookup(OUT, t), broad);
    spd->Add(narrowBetter);
    EXPECT_EQ(spd->Lookup(OUT, t), narrowBetter);
    EXPECT_EQ(spd->Lookup(OUT, PacketTuple{V4("10.1.3.3"), V4("8.8.8.8"), 17, 1, 2}), broad);
    EXPECT_EQ(spd->Lookup(OUT, PacketTuple{V4("11.1.3.3"), V4("8.8.8.8"), 17, 1, 2}), nullptr);
    EXPECT_TRUE(spd->Remove(b));
    EXPECT_EQ(spd->Lookup(OUT, PacketTuple{V4("10.1.3.3"), V4("8.8.8.8"), 17, 1, 2}), narrowLate);
    EXPECT_FALSE(spd->Remove(b));
    EXPECT_EQ(spd->GetN(), 2U);
}

TEST_P(SpdTest, DirectionsAreSeparateLists)
{
    auto spd = NewSpd();
    auto out = MakePolicy(OUT, 1, Between(Net("10.0.0.0", 24), Net("10.0.1.0", 24)));
    auto in = MakePolicy(IN, 1, Between(Net("10.0.0.0", 24), Net("10.0.1.0", 24)));
    auto fwd = MakePolicy(FWD, 1, Between(Net("10.0.0.0", 24), Net("10.0.1.0", 24)));
    spd->Add(out);
    spd->Add(in);
    spd->Add(fwd);
    const PacketTuple leaving{V4("10.0.0.1"), V4("10.0.1.1"), 6, 1000, 22};
    const PacketTuple arriving{V4("10.0.1.1"), V4("10.0.0.1"), 6, 22, 1000};
    EXPECT_EQ(spd->Lookup(OUT, leaving), out);
    EXPECT_EQ(spd->Lookup(FWD, leaving), fwd);
    EXPECT_EQ(spd->Lookup(IN, arriving), in);
    EXPECT_EQ(spd->Lookup(IN, leaving), nullptr);
    EXPECT_EQ(spd->Lookup(OUT, arriving), nullptr);
    const auto all = spd->GetPolicies();
    ASSERT_EQ(all.size(), 3U);
    EXPECT_EQ(all[0], out);
    EXPECT_EQ(all[1], in);
    EXPECT_EQ(all[2], fwd);
}

TEST_P(SpdTest, Ipv6AndIpv4DoNotMix)
{
    auto spd = NewSpd();
    auto any4 = MakePolicy(OUT, 100, IpsecSelector::Any(false), PolicyAction::BYPASS);
    auto site6 = MakePolicy(OUT, 1, Between(Net6("2001:db8:1::", 48), Net6("2001:db8:2::", 48)));
    auto any6 = MakePolicy(OUT, 100, IpsecSelector::Any(true), PolicyAction::DISCARD);
    spd->Add(any4);
    spd->Add(site6);
    spd->Add(any6);
    EXPECT_EQ(spd->Lookup(OUT, PacketTuple{V6("2001:db8:1::5"), V6("2001:db8:2:7::9"), 6, 1, 2}),
              site6);
    EXPECT_EQ(spd->Lookup(OUT, PacketTuple{V6("2001:db8:1::5"), V6("2001:db8:3::9"), 6, 1, 2}),
              any6);
    EXPECT_EQ(spd->Lookup(OUT, PacketTuple{V4("0.0.0.0"), V4("0.0.0.1"), 6, 1, 2}), any4);
}

TEST_P(SpdTest, PortRangesAndSinglePorts)
{
    auto spd = NewSpd();
    IpsecSelector ike = IpsecSelector::Any(false);
    ike.protocol = 17;
    ike.localPorts = PortRange::Single(500);
    IpsecSelector high = IpsecSelector::Any(false);
    high.protocol = 17;
    high.remotePorts = {1024, 65535};
    auto bypassIke = MakePolicy(OUT, 1, ike, PolicyAction::BYPASS);
    auto protectHigh = MakePolicy(OUT, 2, high);
    auto discard = MakePolicy(OUT, 3, IpsecSelector::Any(false), PolicyAction::DISCARD);
    spd->Add(discard);
    spd->Add(protectHigh);
    spd->Add(bypassIke);
    EXPECT_EQ(spd->Lookup(OUT, PacketTuple{V4("1.0.0.1"), V4("2.0.0.1"), 17, 500, 500}), bypassIke);
    EXPECT_EQ(spd->Lookup(OUT, PacketTuple{V4("1.0.0.1"), V4("2.0.0.1"), 17, 501, 1024}),
              protectHigh);
    EXPECT_EQ(spd->Lookup(OUT, PacketTuple{V4("1.0.0.1"), V4("2.0.0.1"), 17, 501, 1023}), discard);
    EXPECT_EQ(spd->Lookup(OUT, PacketTuple{V4("1.0.0.1"), V4("2.0.0.1"), 6, 500, 2000}), discard);
    // Inbound, the local port is the destination port.
    auto inIke = MakePolicy(IN, 1, ike, PolicyAction::BYPASS);
    spd->Add(inIke);
    EXPECT_EQ(spd->Lookup(IN, PacketTuple{V4("2.0.0.1"), V4("1.0.0.1"), 17, 4500, 500}), inIke);
    EXPECT_EQ(spd->Lookup(IN, PacketTuple{V4("2.0.0.1"), V4("1.0.0.1"), 17, 500, 4500}), nullptr);
}

TEST_P(SpdTest, IcmpTypeAndCode)
{
    auto spd = NewSpd();
    IpsecSelector unreachable = IpsecSelector::Any(false);
    unreachable.protocol = 1;
    unreachable.localPorts = PortRange::Single(3);  // type 3: destination unreachable
    unreachable.remotePorts = PortRange::Single(4); // code 4: fragmentation needed (PMTUD)
    IpsecSelector icmp = IpsecSelector::Any(false);
    icmp.protocol = 1;
    auto pmtud = MakePolicy(IN, 1, unreachable, PolicyAction::BYPASS);
    auto other = MakePolicy(IN, 2, icmp, PolicyAction::DISCARD);
    spd->Add(other);
    spd->Add(pmtud);
    EXPECT_EQ(spd->Lookup(IN, PacketTuple{V4("9.9.9.9"), V4("1.1.1.1"), 1, 3, 4}), pmtud);
    EXPECT_EQ(spd->Lookup(IN, PacketTuple{V4("9.9.9.9"), V4("1.1.1.1"), 1, 3, 1}), other);
    EXPECT_EQ(spd->Lookup(IN, PacketTuple{V4("9.9.9.9"), V4("1.1.1.1"), 1, 4, 3}), other);
}

TEST_P(SpdTest, NonPrefixRanges)
{
    auto spd = NewSpd();
    auto range = MakePolicy(
        OUT,
        5,
        Between(IpAddressRange{V4("10.0.0.10"), V4("10.0.0.20")}, IpAddressRange::Any(false)));
    auto host =
        MakePolicy(OUT,
                   7,
                   Between(IpAddressRange::Host(V4("10.0.0.15")), IpAddressRange::Any(false)));
    auto early =
        MakePolicy(OUT,
                   3,
                   Between(IpAddressRange::Host(V4("10.0.0.12")), IpAddressRange::Any(false)));
    spd->Add(range);
    spd->Add(host);
    spd->Add(early);
    EXPECT_EQ(spd->Lookup(OUT, PacketTuple{V4("10.0.0.15"), V4("1.1.1.1"), 6, 1, 1}), range);
    EXPECT_EQ(spd->Lookup(OUT, PacketTuple{V4("10.0.0.12"), V4("1.1.1.1"), 6, 1, 1}), early);
    EXPECT_EQ(spd->Lookup(OUT, PacketTuple{V4("10.0.0.21"), V4("1.1.1.1"), 6, 1, 1}), nullptr);
    EXPECT_TRUE(spd->Remove(range->id));
    EXPECT_EQ(spd->Lookup(OUT, PacketTuple{V4("10.0.0.15"), V4("1.1.1.1"), 6, 1, 1}), host);
}

TEST_P(SpdTest, RejectsBadPoliciesAndKeepsIds)
{
    auto spd = NewSpd();
    EXPECT_EQ(spd->Add(nullptr), 0U);
    auto mixed = MakePolicy(OUT, 1, Between(IpAddressRange::Any(false), IpAddressRange::Any(true)));
    EXPECT_EQ(spd->Add(mixed), 0U);
    auto p = MakePolicy(OUT, 1, IpsecSelector::Any(false));
    p->id = 42;
    EXPECT_EQ(spd->Add(p), 42U);
    EXPECT_EQ(spd->Add(p), 0U); // already in
    auto q = MakePolicy(OUT, 1, IpsecSelector::Any(false));
    q->id = 42;
    EXPECT_EQ(spd->Add(q), 0U);
    q->id = 0;
    const uint32_t qid = spd->Add(q);
    EXPECT_NE(qid, 0U);
    EXPECT_NE(qid, 42U);
    EXPECT_EQ(spd->Get(42), p);
    EXPECT_EQ(spd->Get(qid), q);
    EXPECT_EQ(spd->GetN(), 2U);
    spd->Clear();
    EXPECT_EQ(spd->GetN(), 0U);
    EXPECT_EQ(spd->Lookup(OUT, PacketTuple{V4("1.1.1.1"), V4("2.2.2.2"), 6, 1, 2}), nullptr);
}

// The stack caches Lookup() results keyed by GetGeneration(): every change must move it, and
// a rejected Add() or a failed Remove() (nothing changed) must not.
TEST_P(SpdTest, GenerationMovesOnEveryChange)
{
    auto spd = NewSpd();
    uint64_t g = spd->GetGeneration();
    const uint32_t id = spd->Add(MakePolicy(OUT, 1, IpsecSelector::Any(false)));
    ASSERT_NE(id, 0U);
    EXPECT_NE(spd->GetGeneration(), g);
    g = spd->GetGeneration();
    EXPECT_EQ(spd->Add(nullptr), 0U);
    EXPECT_FALSE(spd->Remove(id + 1000));
    EXPECT_EQ(spd->GetGeneration(), g);
    EXPECT_TRUE(spd->Remove(id));
    EXPECT_NE(spd->GetGeneration(), g);
    ASSERT_NE(spd->Add(MakePolicy(IN, 1, IpsecSelector::Any(false))), 0U);
    g = spd->GetGeneration();
    spd->Clear();
    EXPECT_NE(spd->GetGeneration(), g);
}

/// The definition: the first policy of the direction, by (priority, addition), that matches.
Ptr<SecurityPolicy>
LinearLookup(const std::vector<Ptr<SecurityPolicy>>& byAddition,
             PolicyDirection direction,
             const PacketTuple& tuple)
{
    Ptr<SecurityPolicy> best;
    for (const auto& p : byAddition)
    {
        if (p->direction == direction && (!best || p->priority < best->priority) &&
            p->selector.Matches(tuple, direction))
        {
            best = p;
        }
    }
    return best;
}

std::string
Describe(const Ptr<SecurityPolicy>& policy)
{
    if (!policy)
    {
        return "none";
    }
    std::ostringstream os;
    os << *policy;
    return os.str();
}

/// The linear scan of an ordered list: the first match in a list sorted by priority.
Ptr<SecurityPolicy>
FirstMatch(const std::vector<Ptr<SecurityPolicy>>& sorted,
           PolicyDirection direction,
           const PacketTuple& tuple)
{
    for (const auto& p : sorted)
    {
        if (p->direction == direction && p->selector.Matches(tuple, direction))
        {
            return p;
        }
    }
    return nullptr;
}

/// Random policies and packets over a small address space, so that most packets match some
/// policies and many policies overlap.
class RandomSpd
{
  public:
    RandomSpd()
    {
        RngSeedManager::SetSeed(7);
        RngSeedManager::SetRun(1);
        m_rng = CreateObject<UniformRandomVariable>();
        m_rng->SetStream(1);
    }

    uint32_t Int(uint32_t max)
    {
        return m_rng->GetInteger(0, max);
    }

    IpAddress Address(bool ipv6)
    {
        // 10.0.0.0/22 or 2001:db8::/118 ... plus a few far away addresses.
        const uint32_t low = Int(1023);
        uint8_t b[16] = {};
        if (ipv6)
        {
            b[0] = 0x20;
            b[1] = 0x01;
            b[2] = 0x0d;
            b[3] = Int(9) == 0 ? 0xb9 : 0xb8;
            b[14] = static_cast<uint8_t>(low >> 8);
            b[15] = static_cast<uint8_t>(low);
        }
        else
        {
            b[0] = Int(9) == 0 ? 11 : 10;
            b[2] = static_cast<uint8_t>(low >> 8);
            b[3] = static_cast<uint8_t>(low);
        }
        return IpAddress::FromBytes(b, ipv6);
    }

    IpAddressRange Range(bool ipv6)
    {
        const IpAddress a = Address(ipv6);
        const uint32_t kind = Int(9);
        if (kind == 0)
        {
            // An arbitrary range: [a, b] with b >= a.
            IpAddress b = Address(ipv6);
            return a < b ? IpAddressRange{a, b} : IpAddressRange{b, a};
        }
        static const uint8_t v4Lengths[] = {0, 8, 22, 24, 26, 30, 32};
        static const uint8_t v6Lengths[] = {0, 32, 118, 120, 122, 126, 128};
        const uint8_t len = (ipv6 ? v6Lengths : v4Lengths)[Int(6)];
        return IpAddressRange::Prefix(a, len);
    }

    PortRange Ports()
    {
        switch (Int(3))
        {
        case 0:
            return PortRange::Single(static_cast<uint16_t>(Int(7)));
        case 1: {
            const uint16_t a = static_cast<uint16_t>(Int(7));
            return {a, static_cast<uint16_t>(a + Int(4))};
        }
        default:
            return PortRange();
        }
    }

    uint8_t Protocol()
    {
        static const uint8_t protocols[] = {0, 0, 6, 17, 1, 58};
        return protocols[Int(5)];
    }

    PolicyDirection Direction()
    {
        return static_cast<PolicyDirection>(Int(2));
    }

    Ptr<SecurityPolicy> Policy()
    {
        const bool ipv6 = Int(4) == 0;
        IpsecSelector s = IpsecSelector::Between(Range(ipv6), Range(ipv6));
        s.protocol = Protocol();
        s.localPorts = Ports();
        s.remotePorts = Ports();
        return MakePolicy(Direction(), Int(20), s, static_cast<PolicyAction>(Int(2)));
    }

    PacketTuple Packet()
    {
        const bool ipv6 = Int(4) == 0;
        static const uint8_t protocols[] = {6, 17, 1, 58, 50};
        return PacketTuple{Address(ipv6),
                           Address(ipv6),
                           protocols[Int(4)],
                           static_cast<uint16_t>(Int(12)),
                           static_cast<uint16_t>(Int(12))};
    }

  private:
    Ptr<UniformRandomVariable> m_rng;
};

/// Compares every direction's lookup with the linear scan; returns how many packets matched.
uint32_t
ExpectAgreement(const SecurityPolicyDatabase& spd,
                const std::vector<Ptr<SecurityPolicy>>& byAddition,
                RandomSpd& gen,
                uint32_t packets)
{
    uint32_t matched = 0;
    for (uint32_t i = 0; i < packets; ++i)
    {
        const PacketTuple t = gen.Packet();
        for (auto d : {OUT, IN, FWD})
        {
            const Ptr<SecurityPolicy> expected = LinearLookup(byAddition, d, t);
            const Ptr<SecurityPolicy> got = spd.Lookup(d, t);
            EXPECT_EQ(got, expected)
                << "packet " << t.src << " -> " << t.dst << " proto " << unsigned(t.protocol) << " "
                << t.srcPort << "/" << t.dstPort << " direction " << PolicyDirectionName(d)
                << "\n expected " << Describe(expected) << "\n got " << Describe(got);
            matched += expected ? 1 : 0;
            if (got != expected)
            {
                return matched; // one detailed failure is enough
            }
        }
    }
    return matched;
}

TEST_P(SpdTest, AgreesWithLinearScanOnRandomPolicies)
{
    RandomSpd gen;
    for (uint32_t n : {30U, 60U, 2000U, 2000U})
    {
        auto spd = NewSpd();
        std::vector<Ptr<SecurityPolicy>> byAddition;
        for (uint32_t i = 0; i < n; ++i)
        {
            auto p = gen.Policy();
            ASSERT_NE(spd->Add(p), 0U);
            byAddition.push_back(p);
        }
        const uint32_t matched = ExpectAgreement(*spd, byAddition, gen, 3000);
        std::printf("  %u policies: %u of 9000 lookups matched\n", n, matched);
        EXPECT_GT(matched, n < 100 ? 900U : 6000U) << "the packets should exercise the policies";

        // Remove a third, add more, compare again: removal keeps order, additions go last.
        std::vector<Ptr<SecurityPolicy>> kept;
        for (const auto& p : byAddition)
        {
            if (gen.Int(2) == 0)
            {
                ASSERT_TRUE(spd->Remove(p->id));
            }
            else
            {
                kept.push_back(p);
            }
        }
        for (uint32_t i = 0; i < n / 4; ++i)
        {
            auto p = gen.Policy();
            ASSERT_NE(spd->Add(p), 0U);
            kept.push_back(p);
        }
        EXPECT_EQ(spd->GetN(), kept.size());
        ExpectAgreement(*spd, kept, gen, 3000);

        // GetPolicies lists each direction in lookup order.
        const auto listed = spd->GetPolicies();
        ASSERT_EQ(listed.size(), kept.size());
        for (size_t i = 1; i < listed.size(); ++i)
        {
            const auto& a = listed[i - 1];
            const auto& b = listed[i];
            EXPECT_TRUE(a->direction < b->direction ||
                        (a->direction == b->direction && a->priority <= b->priority));
        }
    }
}

INSTANTIATE_TEST_SUITE_P(SecurityPolicyDatabase,
                         SpdTest,
                         ::testing::Values(0U, 16U),
                         [](const ::testing::TestParamInfo<uint32_t>& info) {
                             return info.param == 0 ? std::string("IndexOnly")
                                                    : std::string("SmallScan");
                         });

// ---------------------------------------------------------------------------------------------
// Figures: lookup cost against the linear scan, memory per policy. Printed, never asserted.
// ---------------------------------------------------------------------------------------------

/// A security gateway's outbound SPD: IKE bypass, one PROTECT policy per pair of sites
/// (local /24 to remote /24), a few host exceptions, a final DISCARD.
std::vector<Ptr<SecurityPolicy>>
GatewayPolicies(uint32_t n)
{
    std::vector<Ptr<SecurityPolicy>> policies;
    IpsecSelector ike = IpsecSelector::Any(false);
    ike.protocol = 17;
    ike.localPorts = PortRange::Single(500);
    policies.push_back(MakePolicy(OUT, 0, ike, PolicyAction::BYPASS));
    for (uint32_t i = 0; policies.size() + 1 < n; ++i)
    {
        const Ipv4Address local(0x0a000000U | ((i % 64) << 8));  // 10.0.x.0/24
        const Ipv4Address remote(0xac100000U | ((i / 64) << 8)); // 172.16+.y.0/24
        IpsecSelector s = Between(IpAddressRange::Prefix(IpAddress(local), 24),
                                  IpAddressRange::Prefix(IpAddress(remote), 24));
        if (i % 50 == 7)
        {
            s.local = IpAddressRange::Host(IpAddress(Ipv4Address(local.Get() | 9)));
            s.protocol = 6;
            s.remotePorts = PortRange::Single(443);
        }
        auto p = MakePolicy(OUT, 10, s);
        p->sa.reqid = i + 1;
        policies.push_back(p);
    }
    policies.push_back(MakePolicy(OUT, 100, IpsecSelector::Any(false), PolicyAction::DISCARD));
    return policies;
}

/// CPU time of this process in ns: unlike wall time, not inflated when other processes run.
double
CpuNanoseconds()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

double
NanosecondsPerLookup(const std::vector<PacketTuple>& packets,
                     uint32_t repeat,
                     const std::function<Ptr<SecurityPolicy>(const PacketTuple&)>& lookup,
                     uint64_t* hits)
{
    const double start = CpuNanoseconds();
    uint64_t found = 0;
    for (uint32_t r = 0; r < repeat; ++r)
    {
        for (const PacketTuple& t : packets)
        {
            found += lookup(t)->sa.reqid;
        }
    }
    *hits = found;
    return (CpuNanoseconds() - start) / (double(packets.size()) * repeat);
}

TEST(SecurityPolicyDatabaseTest, LookupCostAndMemoryFigures)
{
    RandomSpd gen;
    std::printf(
        "\n  SPD lookup (OUTBOUND, gateway policy set), ns per packet; memory per policy\n");
    std::printf("  %8s %10s %10s %9s %16s %16s\n",
                "policies",
                "SPD ns",
                "linear ns",
                "speed-up",
                "bytes/policy est",
                "bytes/policy heap");
    for (uint32_t n : {10U, 1000U, 10000U})
    {
        auto policies = GatewayPolicies(n);
        std::stable_sort(policies.begin(),
                         policies.end(),
                         [](const Ptr<SecurityPolicy>& a, const Ptr<SecurityPolicy>& b) {
                             return a->priority < b->priority;
                         });
        // Heap growth while adding (the policies themselves were allocated before).
        const size_t heapBefore = mallinfo2().uordblks;
        auto spd = CreateObject<SecurityPolicyDatabase>();
        for (const auto& p : policies)
        {
            ASSERT_NE(spd->Add(p), 0U);
        }
        const double heapPerPolicy =
            (double(mallinfo2().uordblks - heapBefore) + n * sizeof(SecurityPolicy)) / n;
        // Packets between the sites the policies name, in random order.
        std::vector<PacketTuple> packets;
        for (uint32_t i = 0; i < 4096; ++i)
        {
            const uint32_t site = gen.Int(static_cast<uint32_t>(policies.size()) - 3);
            const uint32_t src = 0x0a000000U | ((site % 64) << 8) | gen.Int(255);
            const uint32_t dst = 0xac100000U | ((site / 64) << 8) | gen.Int(255);
            packets.push_back(PacketTuple{IpAddress(Ipv4Address(src)),
                                          IpAddress(Ipv4Address(dst)),
                                          6,
                                          static_cast<uint16_t>(1024 + gen.Int(60000)),
                                          443});
        }
        uint64_t spdHits = 0;
        uint64_t linearHits = 0;
        const uint32_t spdRepeat = 50;
        const uint32_t linearRepeat = n >= 10000 ? 1 : (n >= 1000 ? 5 : 50);
        const double spdNs = NanosecondsPerLookup(
            packets,
            spdRepeat,
            [&spd](const PacketTuple& t) { return spd->Lookup(OUT, t); },
            &spdHits);
        const double linearNs = NanosecondsPerLookup(
            packets,
            linearRepeat,
            [&policies](const PacketTuple& t) { return FirstMatch(policies, OUT, t); },
            &linearHits);
        // Both found the same policies (reqids summed over the same packets).
        EXPECT_EQ(spdHits / spdRepeat, linearHits / linearRepeat);
        std::printf("  %8u %10.1f %10.1f %8.0fx %16.0f %16.0f\n",
                    n,
                    spdNs,
                    linearNs,
                    linearNs / spdNs,
                    double(spd->GetMemoryUsage()) / n,
                    heapPerPolicy);
    }
}

} // namespace
} // namespace ns3
