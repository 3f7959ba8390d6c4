/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_TEST_SIGNATURE_TEST_UTIL_H
#define IPSEC_TEST_SIGNATURE_TEST_UTIL_H

// Shared by the signature and certificate tests: hex helpers, a reader for the NIST CAVP
// "key = value" vector files in test/vectors/, and a seeded RandomSource.

#include "ns3/crypto-types.h"
#include "ns3/random-source.h"
#include "ns3/rng-seed-manager.h"

#include <algorithm>
#include <fstream>
#include <gtest/gtest.h>
#include <map>
#include <string>
#include <vector>

namespace ns3
{
namespace sigtest
{

/// Octets from hex; spaces are ignored.
inline Bytes
Hex(std::string hex)
{
    hex.erase(std::remove(hex.begin(), hex.end(), ' '), hex.end());
    Bytes out;
    for (size_t i = 0; i + 1 < hex.size(); i += 2)
    {
        out.push_back(static_cast<uint8_t>(std::stoul(hex.substr(i, 2), nullptr, 16)));
    }
    return out;
}

/// Lower-case hex, for failure messages.
inline std::string
ToHex(ByteView b)
{
    static const char* digits = "0123456789abcdef";
    std::string s;
    for (size_t i = 0; i < b.size; ++i)
    {
        s += digits[b.data[i] >> 4];
        s += digits[b.data[i] & 15];
    }
    return s;
}

/// One record of a CAVP file: its "[section]" and its "key = value" lines.
struct VectorRecord
{
    std::string section;
    std::map<std::string, std::string> fields;
};

/// Records of a CAVP-style file (blank-line separated; '#' comments; "[...]" sections).
/// Fields outside any record (such as a shared "n = ...") are copied into every later record.
inline std::vector<VectorRecord>
ReadVectors(const std::string& name)
{
    std::ifstream in(std::string(IPSEC_TEST_VECTORS_DIR) + "/" + name);
    EXPECT_TRUE(in.good()) << "cannot read " << name;
    std::vector<VectorRecord> records;
    std::map<std::string, std::string> shared;
    VectorRecord cur;
    std::string section;
    std::string line;
    auto flush = [&]() {
        if (cur.fields.count("Result"))
        {
            cur.section = section;
            for (const auto& [k, v] : shared)
            {
                cur.fields.emplace(k, v);
            }
            records.push_back(cur);
        }
        else
        {
            shared.insert(cur.fields.begin(), cur.fields.end());
        }
        cur = VectorRecord();
    };
    while (std::getline(in, line))
    {
        if (!line.empty() && line.back() == '\r')
        {
            line.pop_back();
        }
        if (line.empty())
        {
            flush();
            continue;
        }
        if (line[0] == '#')
        {
            continue;
        }
        if (line[0] == '[')
        {
            flush();
            shared.clear();
            section = line;
            continue;
        }
        const size_t eq = line.find(" = ");
        if (eq != std::string::npos)
        {
            cur.fields[line.substr(0, eq)] = line.substr(eq + 3);
        }
    }
    flush();
    return records;
}

/// A RandomSource on a fixed stream of the current seed and run.
inline Ptr<RandomSource>
MakeRandomSource(int64_t stream)
{
    Ptr<RandomSource> rng = CreateObject<RandomSource>();
    rng->AssignStreams(stream);
    return rng;
}

} // namespace sigtest
} // namespace ns3

#endif // IPSEC_TEST_SIGNATURE_TEST_UTIL_H
