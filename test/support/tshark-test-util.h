/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_TEST_TSHARK_TEST_UTIL_H
#define IPSEC_TEST_TSHARK_TEST_UTIL_H

// What the tests that ask tshark about IKE messages share: a LINKTYPE_RAW frame around an IKE
// message, and running a shell command for its output.

#include "ns3/crypto-types.h"

#include <cstdint>
#include <cstdio>
#include <string>

namespace ns3
{
namespace ipsectest
{

/// LINKTYPE_RAW: pcap records start with the IPv4 header.
constexpr uint32_t LINKTYPE_RAW = 101;

/**
 * IPv4 + UDP (500 -> 500) around @p ike, from 10.0.0.@p src to 10.0.0.@p dst; the IPv4 header
 * checksum is computed, the UDP checksum left 0 (allowed over IPv4).
 */
inline Bytes
Ipv4Udp500(const Bytes& ike, uint8_t src = 1, uint8_t dst = 2)
{
    const uint16_t udpLength = static_cast<uint16_t>(8 + ike.size());
    const uint16_t totalLength = static_cast<uint16_t>(20 + udpLength);
    Bytes p = {0x45,
               0,
               static_cast<uint8_t>(totalLength >> 8),
               static_cast<uint8_t>(totalLength),
               0,
               1,
               0,
               0,
               64,
               17,
               0,
               0,
               10,
               0,
               0,
               src,
               10,
               0,
               0,
               dst};
    uint32_t sum = 0;
    for (size_t i = 0; i < 20; i += 2)
    {
        sum += (p[i] << 8) | p[i + 1];
    }
    while (sum >> 16)
    {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    p[10] = static_cast<uint8_t>(~sum >> 8);
    p[11] = static_cast<uint8_t>(~sum);
    const Bytes udp = {0x01,
                       0xf4,
                       0x01,
                       0xf4,
                       static_cast<uint8_t>(udpLength >> 8),
                       static_cast<uint8_t>(udpLength),
                       0,
                       0};
    p.insert(p.end(), udp.begin(), udp.end());
    p.insert(p.end(), ike.begin(), ike.end());
    return p;
}

/// \return the standard output of @p command (empty if it cannot run)
inline std::string
Shell(const std::string& command)
{
    std::string out;
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe)
    {
        return out;
    }
    char buffer[4096];
    size_t n;
    while ((n = fread(buffer, 1, sizeof(buffer), pipe)) > 0)
    {
        out.append(buffer, n);
    }
    pclose(pipe);
    return out;
}

} // namespace ipsectest
} // namespace ns3

#endif // IPSEC_TEST_TSHARK_TEST_UTIL_H
