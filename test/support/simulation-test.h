/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_TEST_SIMULATION_TEST_H
#define IPSEC_TEST_SIMULATION_TEST_H

#include "ns3/config.h"
#include "ns3/names.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"

#include <gtest/gtest.h>

namespace ns3
{

/**
 * \brief Fixture for tests that run an ns-3 simulation: a fixed seed and run before each test,
 * and a clean simulator, configuration and name table after it.
 */
class SimulationTest : public ::testing::Test
{
  protected:
    void SetUp() override
    {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
    }

    void TearDown() override
    {
        Simulator::Destroy();
        Names::Clear();
        Config::Reset();
    }
};

} // namespace ns3

#endif // IPSEC_TEST_SIMULATION_TEST_H
