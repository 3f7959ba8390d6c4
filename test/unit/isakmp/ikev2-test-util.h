/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_IKEV2_TEST_UTIL_H
#define IPSEC_IKEV2_TEST_UTIL_H

#include "ns3/crypto-types.h"
#include "ns3/ikev2-message.h"

#include <cctype>
#include <fstream>
#include <stdexcept>
#include <string>

namespace ns3
{

/// Octets from hex text; spaces and newlines are ignored so figures can be laid out in rows.
inline Bytes
Hex(const std::string& text)
{
    Bytes out;
    int high = -1;
    for (char c : text)
    {
        if (!std::isxdigit(static_cast<unsigned char>(c)))
        {
            continue;
        }
        const int v =
            std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : std::tolower(c) - 'a' + 10;
        if (high < 0)
        {
            high = v;
        }
        else
        {
            out.push_back(static_cast<uint8_t>(high << 4 | v));
            high = -1;
        }
    }
    return out;
}

/// @p n copies of @p v.
inline Bytes
Fill(size_t n, uint8_t v)
{
    return Bytes(n, v);
}

/// @p a followed by @p b.
inline Bytes
Cat(Bytes a, const Bytes& b)
{
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

/// The payload with its generic header, as the last payload of a chain unless told otherwise.
inline Bytes
Encode(const Ikev2Payload& p, uint8_t next = 0)
{
    Bytes out;
    p.Serialize(out, next);
    return out;
}

/// A named hex vector from test/vectors/isakmp-ikev2-aosp-messages.txt ("NAME = hex" lines).
inline Bytes
AospVector(const std::string& name)
{
    std::ifstream in(std::string(IPSEC_TEST_VECTORS_DIR) + "/isakmp-ikev2-aosp-messages.txt");
    std::string line;
    while (std::getline(in, line))
    {
        const size_t eq = line.find('=');
        if (line.empty() || line[0] == '#' || eq == std::string::npos)
        {
            continue;
        }
        std::string key = line.substr(0, eq);
        key.erase(key.find_last_not_of(' ') + 1);
        if (key == name)
        {
            return Hex(line.substr(eq + 1));
        }
    }
    throw std::runtime_error("vector not found: " + name);
}

} // namespace ns3

#endif // IPSEC_IKEV2_TEST_UTIL_H
