/* SPDX-License-Identifier: GPL-2.0-only */

// The kernel interface seen by a key-management daemon: lifetimes (EXPIRE), ACQUIRE with the
// packet held until the SA arrives, SA and policy management errors.

#include "ipsec-test-network.h"
#include "simulation-test.h"

#include "ns3/security-association-database.h"
#include "ns3/security-policy.h"

#include <gtest/gtest.h>

namespace ns3
{
namespace
{

using namespace ipsectest;

class IpsecKernelTest : public SimulationTest
{
  protected:
    void SetUp() override
    {
        SimulationTest::SetUp();
        BuildTwoHosts(&net);
    }

    TwoHosts net;
};

// Packet lifetimes: the soft limit raises a soft EXPIRE (the SA keeps working), the hard limit
// a hard EXPIRE and deletes the SA, after which traffic stops (dropped with NO_SA, traced).
TEST_F(IpsecKernelTest, PacketLifetimesSoftThenHard)
{
    IpsecHelper ipsec;
    ipsec.SetStackAttribute("QueueOnAcquire", BooleanValue(false));
    SaLifetime lifetime;
    lifetime.softPackets = 3;
    lifetime.hardPackets = 5;
    ipsec.SetLifetime(lifetime);
    ipsec.Install(net.nodes);
    std::string error;
    ASSERT_TRUE(ipsec.ProtectTransport(net.A(), net.AddrA(), net.B(), net.AddrB(), 0, &error))
        << error;
    UdpSink sinkB;
    OpenSink(&sinkB, net.B(), 7000);
    IpsecEvents evA;
    IpsecEvents evB;
    WatchIpsec(&evA, net.A());
    WatchIpsec(&evB, net.B());
    std::vector<ExpireEvent> daemonSaw;
    net.A()->GetObject<KernelInterface>()->SetExpireCallback(KernelInterface::ExpireCallback(
        [&daemonSaw](const ExpireEvent& e) { daemonSaw.push_back(e); }));
    for (int i = 0; i < 8; ++i)
    {
        SendUdpAt(net.A(), net.AddrB(), 7000, 100, Seconds(1 + 0.1 * i));
    }
    Simulator::Run();
    EXPECT_EQ(sinkB.sizes.size(), 5u);
    ASSERT_EQ(evA.expires.size(), 2u);
    EXPECT_FALSE(evA.expires[0].hard);
    EXPECT_EQ(evA.expires[0].cause, ExpireCause::PACKETS);
    EXPECT_EQ(evA.expires[0].direction, SaDirection::OUTBOUND);
    EXPECT_TRUE(evA.expires[1].hard);
    EXPECT_EQ(daemonSaw.size(), 2u);
    EXPECT_EQ(evA.CountDrops(IpsecDropReason::NO_SA), 3u);
    // The receiver's inbound SA counts the same packets and expires too.
    ASSERT_EQ(evB.expires.size(), 2u);
    EXPECT_EQ(evB.expires[1].direction, SaDirection::INBOUND);
    EXPECT_TRUE(evB.expires[1].hard);
    EXPECT_EQ(net.A()->GetObject<IpsecStack>()->GetSad()->GetN(), 1u); // A's inbound SA left
}

// Byte lifetimes: soft then hard, both reported with cause BYTES; traffic stops after hard.
TEST_F(IpsecKernelTest, ByteLifetimes)
{
    IpsecHelper ipsec;
    ipsec.SetStackAttribute("QueueOnAcquire", BooleanValue(false));
    SaLifetime lifetime;
    lifetime.softBytes = 1000;
    lifetime.hardBytes = 2000;
    ipsec.SetLifetime(lifetime);
    ipsec.Install(net.nodes);
    std::string error;
    ASSERT_TRUE(ipsec.ProtectTransport(net.A(), net.AddrA(), net.B(), net.AddrB(), 0, &error))
        << error;
    UdpSink sinkB;
    OpenSink(&sinkB, net.B(), 7000);
    IpsecEvents evA;
    WatchIpsec(&evA, net.A());
    for (int i = 0; i < 30; ++i)
    {
        SendUdpAt(net.A(), net.AddrB(), 7000, 300, Seconds(1 + 0.01 * i));
    }
    Simulator::Run();
    ASSERT_GE(evA.expires.size(), 2u);
    EXPECT_FALSE(evA.expires[0].hard);
    EXPECT_EQ(evA.expires[0].cause, ExpireCause::BYTES);
    EXPECT_TRUE(evA.expires[1].hard);
    EXPECT_EQ(evA.expires[1].cause, ExpireCause::BYTES);
    // 2000 octets cannot carry 30 * 300: traffic stopped and the rest was dropped, traced.
    EXPECT_GT(sinkB.sizes.size(), 2u);
    EXPECT_LT(sinkB.sizes.size(), 8u);
    EXPECT_EQ(sinkB.sizes.size() + evA.CountDrops(IpsecDropReason::NO_SA) +
                  evA.CountDrops(IpsecDropReason::LIFETIME_EXPIRED),
              30u);
}

// Time lifetimes run on simulator timers from the moment the SA is added.
TEST_F(IpsecKernelTest, TimeLifetimesStopTraffic)
{
    IpsecHelper ipsec;
    ipsec.SetStackAttribute("QueueOnAcquire", BooleanValue(false));
    SaLifetime lifetime;
    lifetime.softTime = Seconds(2);
    lifetime.hardTime = Seconds(3);
    ipsec.SetLifetime(lifetime);
    ipsec.Install(net.nodes);
    std::string error;
    ASSERT_TRUE(ipsec.ProtectTransport(net.A(), net.AddrA(), net.B(), net.AddrB(), 0, &error))
        << error;
    UdpSink sinkB;
    OpenSink(&sinkB, net.B(), 7000);
    IpsecEvents evA;
    WatchIpsec(&evA, net.A());
    std::vector<Time> expireTimes;
    net.A()->GetObject<IpsecStack>()->TraceConnectWithoutContext(
        "Expire",
        Callback<void, const ExpireEvent&>(
            [&expireTimes](const ExpireEvent&) { expireTimes.push_back(Now()); }));
    for (int i = 0; i < 8; ++i)
    {
        SendUdpAt(net.A(), net.AddrB(), 7000, 100, Seconds(0.5 + 0.5 * i)); // 0.5 .. 4.0
    }
    Simulator::Run();
    EXPECT_EQ(sinkB.sizes.size(), 5u); // sent at 0.5, 1, 1.5, 2, 2.5
    ASSERT_EQ(evA.expires.size(), 4u); // outbound + inbound SA, soft and hard each
    EXPECT_EQ(evA.expires[0].cause, ExpireCause::TIME);
    EXPECT_EQ(expireTimes.front(), Seconds(2));
    EXPECT_EQ(expireTimes.back(), Seconds(3));
    EXPECT_EQ(evA.CountDrops(IpsecDropReason::NO_SA), 3u);
}

// ACQUIRE: a PROTECT policy without SA raises an acquire carrying the policy and the packet's
// selector; the packet waits and goes out once the daemon installed the SAs.
TEST_F(IpsecKernelTest, AcquireQueuesUntilSaAdded)
{
    IpsecHelper ipsec;
    ipsec.Install(net.nodes);
    ipsec.AssignStreams(net.nodes, 3);
    const IpsecSelector selectorA = IpsecSelector::Between(IpAddressRange::Host(net.AddrA()),
                                                           IpAddressRange::Host(net.AddrB()));
    uint32_t outId = 0;
    for (auto dir : {PolicyDirection::OUTBOUND, PolicyDirection::INBOUND})
    {
        for (int side = 0; side < 2; ++side)
        {
            Ptr<SecurityPolicy> p = Create<SecurityPolicy>();
            p->direction = dir;
            p->selector = side == 0 ? selectorA : MirrorSelector(selectorA);
            p->action = PolicyAction::PROTECT;
            p->sa.reqid = 42;
            std::string error;
            uint32_t id = 0;
            ASSERT_TRUE(ipsec.AddPolicy(side == 0 ? net.A() : net.B(), p, &id, &error)) << error;
            if (dir == PolicyDirection::OUTBOUND && side == 0)
            {
                outId = id;
            }
        }
    }
    UdpSink sinkB;
    OpenSink(&sinkB, net.B(), 7000);
    Ptr<IpsecStack> stackA = net.A()->GetObject<IpsecStack>();
    std::vector<AcquireEvent> acquires;
    stackA->SetAcquireCallback(KernelInterface::AcquireCallback(
        [&acquires](const AcquireEvent& e) { acquires.push_back(e); }));
    SendUdpAt(net.A(), net.AddrB(), 7000, 100, Seconds(1));
    SendUdpAt(net.A(), net.AddrB(), 7000, 101, Seconds(1.1));
    Simulator::Schedule(Seconds(1.5), [&]() {
        EXPECT_EQ(stackA->GetAcquireQueueLength(), 2u);
        EXPECT_TRUE(sinkB.sizes.empty());
        SaPairSpec spec;
        std::string error;
        ASSERT_TRUE(ipsec.MakeSaPairSpec(net.A(),
                                         net.AddrA(),
                                         net.B(),
                                         net.AddrB(),
                                         IpsecMode::TRANSPORT,
                                         selectorA,
                                         &spec,
                                         &error))
            << error;
        spec.reqid = 42;
        ASSERT_TRUE(ipsec.AddSaPair(net.A(), net.B(), spec, &error)) << error;
    });
    Simulator::Run();
    ASSERT_EQ(acquires.size(), 1u); // one per policy while pending
    EXPECT_EQ(acquires[0].policyId, outId);
    EXPECT_EQ(acquires[0].sa.reqid, 42u);
    EXPECT_EQ(acquires[0].tuple.dst, IpAddress(net.AddrB()));
    EXPECT_EQ(acquires[0].tuple.dstPort, 7000);
    EXPECT_EQ(sinkB.sizes, (std::vector<uint32_t>{100, 101}));
    EXPECT_EQ(stackA->GetAcquireQueueLength(), 0u);
    EXPECT_EQ(stackA->GetProtectedCount(), 2u);
}

TEST_F(IpsecKernelTest, AcquireQueueIsBounded)
{
    IpsecHelper ipsec;
    ipsec.SetStackAttribute("AcquireQueueSize", UintegerValue(2));
    ipsec.Install(net.A());
    Ptr<SecurityPolicy> p = Create<SecurityPolicy>();
    p->direction = PolicyDirection::OUTBOUND;
    p->selector = IpsecSelector::Between(IpAddressRange::Host(net.AddrA()),
                                         IpAddressRange::Host(net.AddrB()));
    p->action = PolicyAction::PROTECT;
    p->sa.reqid = 1;
    std::string error;
    ASSERT_TRUE(ipsec.AddPolicy(net.A(), p, nullptr, &error)) << error;
    IpsecEvents evA;
    WatchIpsec(&evA, net.A());
    for (int i = 0; i < 5; ++i)
    {
        SendUdpAt(net.A(), net.AddrB(), 7000, 100, Seconds(1 + 0.1 * i));
    }
    // After AcquireTimeout (30 s) without an SA, the acquire is raised again and the packets
    // that waited that long are given up.
    SendUdpAt(net.A(), net.AddrB(), 7000, 100, Seconds(40));
    Simulator::Run();
    EXPECT_EQ(evA.acquires.size(), 2u);
    EXPECT_EQ(evA.CountDrops(IpsecDropReason::ACQUIRE_QUEUE_FULL), 3u);
    EXPECT_EQ(evA.CountDrops(IpsecDropReason::NO_SA), 2u);
    EXPECT_EQ(net.A()->GetObject<IpsecStack>()->GetAcquireQueueLength(), 1u);
}

TEST_F(IpsecKernelTest, SaAndPolicyManagementErrors)
{
    IpsecHelper ipsec;
    Ptr<IpsecStack> stack = ipsec.Install(net.A());
    Ptr<KernelInterface> kernel = net.A()->GetObject<KernelInterface>();
    ASSERT_EQ(kernel, stack);
    uint32_t spi = 0;
    ASSERT_EQ(kernel->AllocateSpi(IpsecProtocol::ESP, net.AddrA(), &spi), KernelStatus::OK);
    EXPECT_GE(spi, 256u);
    uint32_t spi2 = 0;
    ASSERT_EQ(kernel->AllocateSpi(IpsecProtocol::ESP, net.AddrA(), &spi2), KernelStatus::OK);
    EXPECT_NE(spi, spi2);
    SaParams params;
    params.spi = spi;
    params.direction = SaDirection::INBOUND;
    params.src = net.AddrB();
    params.dst = net.AddrA();
    params.encr = EncrId::AES_GCM_16;
    params.encrKeyBits = 128;
    params.encrKey = Bytes(20, 0x11);
    std::string error;
    EXPECT_EQ(kernel->AddSa(params, &error), KernelStatus::OK) << error;
    EXPECT_EQ(kernel->AddSa(params, &error), KernelStatus::SA_EXISTS);
    params.encrKey = Bytes(7, 0x11);
    EXPECT_EQ(kernel->UpdateSa(params, &error), KernelStatus::INVALID_SA);
    EXPECT_FALSE(error.empty());
    SaCounters counters;
    EXPECT_EQ(kernel->GetSaCounters(spi, net.AddrA(), IpsecProtocol::ESP, &counters),
              KernelStatus::OK);
    EXPECT_EQ(kernel->DeleteSa(spi, net.AddrA(), IpsecProtocol::ESP), KernelStatus::OK);
    EXPECT_EQ(kernel->DeleteSa(spi, net.AddrA(), IpsecProtocol::ESP), KernelStatus::SA_NOT_FOUND);
    EXPECT_EQ(kernel->DeletePolicy(12345), KernelStatus::POLICY_NOT_FOUND);
    EXPECT_EQ(kernel->AddPolicy(nullptr, nullptr), KernelStatus::INVALID_POLICY);
}

} // namespace
} // namespace ns3
