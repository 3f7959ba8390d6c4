/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_TEST_CRYPTO_TEST_VECTORS_H
#define IPSEC_TEST_CRYPTO_TEST_VECTORS_H

#include "ns3/crypto-types.h"

#include <cctype>
#include <fstream>
#include <gtest/gtest.h>
#include <map>
#include <string>
#include <vector>

namespace ns3
{
namespace test
{

/// Octets from hex; "zeros:N" gives N zero octets (long messages in RFC tables).
inline Bytes
FromHex(const std::string& text)
{
    if (text.rfind("zeros:", 0) == 0)
    {
        return Bytes(std::stoul(text.substr(6)), 0);
    }
    Bytes out;
    std::string digits;
    for (char c : text)
    {
        if (std::isxdigit(static_cast<unsigned char>(c)))
        {
            digits.push_back(c);
        }
    }
    EXPECT_EQ(digits.size() % 2, 0u) << "odd hex string " << text;
    for (size_t i = 0; i + 1 < digits.size(); i += 2)
    {
        out.push_back(static_cast<uint8_t>(std::stoul(digits.substr(i, 2), nullptr, 16)));
    }
    return out;
}

/// Lower-case hex of octets.
inline std::string
ToHex(ByteView b)
{
    static const char* digits = "0123456789abcdef";
    std::string s;
    for (size_t i = 0; i < b.size; ++i)
    {
        s.push_back(digits[b.data[i] >> 4]);
        s.push_back(digits[b.data[i] & 15]);
    }
    return s;
}

/// One record of a "name = value" vector file.
struct VectorRecord
{
    std::map<std::string, std::string> fields; //!< by name
    std::string section;                       //!< last "[...]" header seen, if any
    int line{0};                               //!< line of the first field

    bool Has(const std::string& name) const
    {
        return fields.count(name) > 0;
    }

    std::string Get(const std::string& name) const
    {
        auto it = fields.find(name);
        EXPECT_NE(it, fields.end()) << "no field " << name << " in record at line " << line;
        return it == fields.end() ? std::string() : it->second;
    }

    Bytes Hex(const std::string& name) const
    {
        return FromHex(Get(name));
    }
};

/**
 * Reads a vector file from test/vectors: records are separated by blank lines or "[...]" section
 * headers, '#' starts a comment line, fields are "name = value".
 */
inline std::vector<VectorRecord>
LoadVectors(const std::string& fileName)
{
    std::ifstream in(std::string(IPSEC_TEST_VECTORS_DIR) + "/" + fileName);
    EXPECT_TRUE(in.good()) << "cannot open " << fileName;
    std::vector<VectorRecord> records;
    VectorRecord current;
    std::string section;
    std::string line;
    int number = 0;
    auto flush = [&]() {
        if (!current.fields.empty())
        {
            records.push_back(current);
        }
        current = VectorRecord();
        current.section = section;
    };
    auto trim = [](std::string s) {
        const auto first = s.find_first_not_of(" \t\r");
        const auto last = s.find_last_not_of(" \t\r");
        return first == std::string::npos ? std::string() : s.substr(first, last - first + 1);
    };
    while (std::getline(in, line))
    {
        ++number;
        line = trim(line);
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
            section = line;
            current.section = section;
            continue;
        }
        const auto eq = line.find('=');
        if (eq == std::string::npos)
        {
            continue;
        }
        if (current.fields.empty())
        {
            current.line = number;
        }
        current.fields[trim(line.substr(0, eq))] = trim(line.substr(eq + 1));
    }
    flush();
    EXPECT_FALSE(records.empty()) << fileName << " has no records";
    return records;
}

} // namespace test
} // namespace ns3

#endif // IPSEC_TEST_CRYPTO_TEST_VECTORS_H
