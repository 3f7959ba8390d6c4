/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_TEST_DATAPLANE_TEST_UTIL_H
#define IPSEC_TEST_DATAPLANE_TEST_UTIL_H

#include "ns3/crypto-types.h"
#include "ns3/random-source.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/sa-params.h"
#include "ns3/security-association.h"

#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace ns3
{
namespace test
{

/// \brief Hex string (spaces allowed) to octets.
inline Bytes
FromHex(const std::string& hex)
{
    Bytes out;
    std::string digits;
    for (char c : hex)
    {
        if (std::isxdigit(static_cast<unsigned char>(c)))
        {
            digits += c;
        }
    }
    if (digits.size() % 2 != 0)
    {
        throw std::runtime_error("odd hex length: " + hex);
    }
    for (size_t i = 0; i < digits.size(); i += 2)
    {
        out.push_back(static_cast<uint8_t>(std::stoul(digits.substr(i, 2), nullptr, 16)));
    }
    return out;
}

/// \brief Octets to lower-case hex (for readable failure messages).
inline std::string
ToHex(const uint8_t* p, size_t n)
{
    static const char* digits = "0123456789abcdef";
    std::string s;
    for (size_t i = 0; i < n; ++i)
    {
        s += digits[p[i] >> 4];
        s += digits[p[i] & 0x0f];
    }
    return s;
}

/// \brief Octets to lower-case hex.
inline std::string
ToHex(const Bytes& b)
{
    return ToHex(b.data(), b.size());
}

/// One record of a "name = value" vector file (records separated by blank lines).
using VectorRecord = std::map<std::string, std::string>;

/// \brief Reads the records of a vector file from test/vectors/ ('#' starts a comment line).
inline std::vector<VectorRecord>
ReadVectorFile(const std::string& name)
{
    std::ifstream in(std::string(IPSEC_TEST_VECTORS_DIR) + "/" + name);
    if (!in)
    {
        throw std::runtime_error("cannot open test vector file " + name);
    }
    std::vector<VectorRecord> records;
    VectorRecord current;
    std::string line;
    while (std::getline(in, line))
    {
        if (!line.empty() && line[0] == '#')
        {
            continue;
        }
        const auto eq = line.find('=');
        if (line.find_first_not_of(" \t\r") == std::string::npos || eq == std::string::npos)
        {
            if (!current.empty())
            {
                records.push_back(current);
                current.clear();
            }
            continue;
        }
        auto trim = [](std::string s) {
            const auto b = s.find_first_not_of(" \t\r");
            const auto e = s.find_last_not_of(" \t\r");
            return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
        };
        current[trim(line.substr(0, eq))] = trim(line.substr(eq + 1));
    }
    if (!current.empty())
    {
        records.push_back(current);
    }
    return records;
}

/// \brief A RandomSource on a fixed stream (deterministic IVs for CBC SAs).
inline Ptr<RandomSource>
MakeRandomSource(int64_t stream = 1)
{
    Ptr<RandomSource> rng = CreateObject<RandomSource>();
    rng->AssignStreams(stream);
    return rng;
}

/// \brief Deterministic key material of \p n octets starting at \p seed.
inline Bytes
TestKey(size_t n, uint8_t seed)
{
    Bytes k(n);
    for (size_t i = 0; i < n; ++i)
    {
        k[i] = static_cast<uint8_t>(seed + 7 * i);
    }
    return k;
}

/// \brief Creates an SA or fails the calling test with the SA's error message.
inline Ptr<SecurityAssociation>
MustCreate(const SaParams& params, Ptr<RandomSource> rng = nullptr)
{
    std::string error;
    Ptr<SecurityAssociation> sa =
        SecurityAssociation::Create(params, rng ? rng : MakeRandomSource(), &error);
    if (!sa)
    {
        throw std::runtime_error("SecurityAssociation::Create failed: " + error);
    }
    return sa;
}

/// \brief The same parameters as an inbound SA (the receiver's copy).
inline SaParams
Inbound(SaParams p)
{
    p.direction = SaDirection::INBOUND;
    return p;
}

} // namespace test
} // namespace ns3

#endif // IPSEC_TEST_DATAPLANE_TEST_UTIL_H
