/* SPDX-License-Identifier: GPL-2.0-only */

/**
 * \file
 * \ingroup ipsec
 * Measures Security Policy Database lookups for a security gateway's policy set, against the
 * linear scan of RFC 4301's ordered list (which it must agree with, packet by packet).
 *
 * The policy set: an IKE bypass, one PROTECT policy per pair of sites (local /24 to remote
 * /24, or /64s with --ipv6), every 50th narrowed to one host and TCP port 443, a final DISCARD.
 *
 *   ./ipsec-spd-bench --policies=10000 --packets=4096 --rounds=20 [--ipv6]
 */

#include "ns3/command-line.h"
#include "ns3/random-variable-stream.h"
#include "ns3/security-policy-database.h"

#include <cstdio>
#include <ctime>
#include <vector>

using namespace ns3;

namespace
{

/// The address of host \p host in site \p site: 10.<site/256>.<site%256>.<host> or
/// 2001:db8:<site>::<host>, local (\p local true) or remote (172.16/12, 2001:db9).
IpAddress
SiteAddress(bool ipv6, bool local, uint32_t site, uint32_t host)
{
    uint8_t b[16] = {};
    if (ipv6)
    {
        b[0] = 0x20;
        b[1] = 0x01;
        b[2] = 0x0d;
        b[3] = local ? 0xb8 : 0xb9;
        b[4] = static_cast<uint8_t>(site >> 8);
        b[5] = static_cast<uint8_t>(site);
        b[15] = static_cast<uint8_t>(host);
    }
    else
    {
        b[0] = local ? 10 : 172;
        b[1] = static_cast<uint8_t>(local ? site >> 8 : 16 + (site >> 8));
        b[2] = static_cast<uint8_t>(site);
        b[3] = static_cast<uint8_t>(host);
    }
    return IpAddress::FromBytes(b, ipv6);
}

Ptr<SecurityPolicy>
MakePolicy(uint32_t priority, const IpsecSelector& selector, PolicyAction action)
{
    auto p = Create<SecurityPolicy>();
    p->direction = PolicyDirection::OUTBOUND;
    p->priority = priority;
    p->selector = selector;
    p->action = action;
    return p;
}

/// The gateway's policies in lookup order. Local site i % 64 talks to remote site i / 64.
std::vector<Ptr<SecurityPolicy>>
GatewayPolicies(uint32_t n, bool ipv6)
{
    const uint8_t siteLen = ipv6 ? 64 : 24;
    std::vector<Ptr<SecurityPolicy>> policies;
    IpsecSelector ike = IpsecSelector::Any(ipv6);
    ike.protocol = 17;
    ike.localPorts = PortRange::Single(500);
    policies.push_back(MakePolicy(0, ike, PolicyAction::BYPASS));
    for (uint32_t i = 0; policies.size() + 1 < n; ++i)
    {
        IpsecSelector s = IpsecSelector::Between(
            IpAddressRange::Prefix(SiteAddress(ipv6, true, i % 64, 0), siteLen),
            IpAddressRange::Prefix(SiteAddress(ipv6, false, i / 64, 0), siteLen));
        if (i % 50 == 7)
        {
            s.local = IpAddressRange::Host(SiteAddress(ipv6, true, i % 64, 9));
            s.protocol = 6;
            s.remotePorts = PortRange::Single(443);
        }
        auto p = MakePolicy(10, s, PolicyAction::PROTECT);
        p->sa.reqid = i + 1;
        policies.push_back(p);
    }
    policies.push_back(MakePolicy(100, IpsecSelector::Any(ipv6), PolicyAction::DISCARD));
    return policies;
}

/// RFC 4301 4.4.1's definition: the first match in the ordered list.
Ptr<SecurityPolicy>
LinearLookup(const std::vector<Ptr<SecurityPolicy>>& ordered, const PacketTuple& tuple)
{
    for (const auto& p : ordered)
    {
        if (p->selector.Matches(tuple, PolicyDirection::OUTBOUND))
        {
            return p;
        }
    }
    return nullptr;
}

/// CPU time of this process in ns: unlike wall time, not inflated when other processes run.
double
CpuNanoseconds()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/// Runs \p lookup over every packet \p rounds times; returns ns per lookup.
template <typename Lookup>
double
Measure(const std::vector<PacketTuple>& packets,
        uint32_t rounds,
        Lookup lookup,
        std::vector<Ptr<SecurityPolicy>>* found)
{
    found->assign(packets.size(), nullptr);
    const double start = CpuNanoseconds();
    for (uint32_t r = 0; r < rounds; ++r)
    {
        for (size_t i = 0; i < packets.size(); ++i)
        {
            (*found)[i] = lookup(packets[i]);
        }
    }
    return (CpuNanoseconds() - start) / (double(packets.size()) * rounds);
}

} // namespace

int
main(int argc, char* argv[])
{
    uint32_t nPolicies = 10000;
    uint32_t nPackets = 4096;
    uint32_t rounds = 20;
    bool ipv6 = false;
    CommandLine cmd(__FILE__);
    cmd.AddValue("policies", "number of OUTBOUND policies (at least 3)", nPolicies);
    cmd.AddValue("packets", "number of distinct packets looked up", nPackets);
    cmd.AddValue("rounds", "times each packet is looked up by the SPD", rounds);
    cmd.AddValue("ipv6", "IPv6 sites instead of IPv4", ipv6);
    cmd.Parse(argc, argv);
    if (nPolicies < 3 || nPackets == 0 || rounds == 0)
    {
        std::fprintf(stderr, "need --policies >= 3, --packets >= 1 and --rounds >= 1\n");
        return 1;
    }

    const auto policies = GatewayPolicies(nPolicies, ipv6);
    auto spd = CreateObject<SecurityPolicyDatabase>();
    for (const auto& p : policies)
    {
        if (spd->Add(p) == 0)
        {
            std::fprintf(stderr, "policy rejected\n");
            return 1;
        }
    }

    auto rng = CreateObject<UniformRandomVariable>();
    rng->SetStream(1);
    const uint32_t sites = nPolicies - 2;
    std::vector<PacketTuple> packets;
    for (uint32_t i = 0; i < nPackets; ++i)
    {
        const uint32_t site = rng->GetInteger(0, sites - 1);
        packets.push_back(PacketTuple{SiteAddress(ipv6, true, site % 64, rng->GetInteger(1, 254)),
                                      SiteAddress(ipv6, false, site / 64, rng->GetInteger(1, 254)),
                                      6,
                                      static_cast<uint16_t>(rng->GetInteger(1024, 65535)),
                                      443});
    }

    std::vector<Ptr<SecurityPolicy>> bySpd;
    std::vector<Ptr<SecurityPolicy>> byScan;
    const double spdNs = Measure(
        packets,
        rounds,
        [&spd](const PacketTuple& t) { return spd->Lookup(PolicyDirection::OUTBOUND, t); },
        &bySpd);
    const double scanNs = Measure(
        packets,
        1,
        [&policies](const PacketTuple& t) { return LinearLookup(policies, t); },
        &byScan);
    const bool agree = bySpd == byScan;

    std::printf("policies: %u (%s)\n", spd->GetN(), ipv6 ? "IPv6" : "IPv4");
    std::printf("SPD lookup: %.1f ns/packet\n", spdNs);
    std::printf("linear scan: %.1f ns/packet\n", scanNs);
    std::printf("speed-up: %.1fx\n", scanNs / spdNs);
    std::printf("memory: %.0f bytes/policy (estimate)\n",
                double(spd->GetMemoryUsage()) / spd->GetN());
    std::printf("agree: %s\n", agree ? "yes" : "NO");
    return agree ? 0 : 1;
}
