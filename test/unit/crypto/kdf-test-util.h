/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_TEST_KDF_TEST_UTIL_H
#define IPSEC_TEST_KDF_TEST_UTIL_H

// Shared by the key-derivation tests: hex helpers, a reader for the CAVP-style vector files in
// test/vectors/, and an independent reference (OpenSSL one-shot MAC and digest calls) for
// compositions written out by hand from the RFC text.

#include "ns3/crypto-types.h"

#include <algorithm>
#include <fstream>
#include <gtest/gtest.h>
#include <initializer_list>
#include <map>
#include <openssl/evp.h>
#include <string>
#include <vector>

namespace ns3
{
namespace kdftest
{

/// Octets from hex (no separators).
inline Bytes
Hex(const std::string& hex)
{
    Bytes out;
    for (size_t i = 0; i + 1 < hex.size(); i += 2)
    {
        out.push_back(static_cast<uint8_t>(std::stoul(hex.substr(i, 2), nullptr, 16)));
    }
    return out;
}

/// Lower-case hex of octets, for readable failure messages.
inline std::string
ToHex(ByteView b)
{
    static const char* digits = "0123456789abcdef";
    std::string s;
    for (size_t i = 0; i < b.size; ++i)
    {
        s += digits[b.data[i] >> 4];
        s += digits[b.data[i] & 0xf];
    }
    return s;
}

/// The concatenation of some octet strings.
inline Bytes
Cat(std::initializer_list<ByteView> parts)
{
    Bytes out;
    for (const ByteView& p : parts)
    {
        out.insert(out.end(), p.data, p.data + p.size);
    }
    return out;
}

/// The first @p n octets of @p b (or all of it).
inline Bytes
Prefix(const Bytes& b, size_t n)
{
    return Bytes(b.begin(), b.begin() + std::min(n, b.size()));
}

/// Reference HMAC: OpenSSL's one-shot EVP_Q_mac, over the concatenation of @p parts.
inline Bytes
RefHmac(const char* digest, ByteView key, std::initializer_list<ByteView> parts)
{
    const Bytes data = Cat(parts);
    unsigned char out[EVP_MAX_MD_SIZE];
    size_t outLen = 0;
    unsigned char* r = EVP_Q_mac(nullptr,
                                 "HMAC",
                                 nullptr,
                                 digest,
                                 nullptr,
                                 key.data,
                                 key.size,
                                 data.data(),
                                 data.size(),
                                 out,
                                 sizeof(out),
                                 &outLen);
    EXPECT_NE(r, nullptr) << "EVP_Q_mac HMAC-" << digest;
    return r ? Bytes(out, out + outLen) : Bytes();
}

/// Reference AES-128-CMAC (RFC 4493), which is AES-CMAC-PRF-128 for a 16-octet key (RFC 4615).
inline Bytes
RefAesCmac(ByteView key, ByteView data)
{
    unsigned char out[16];
    size_t outLen = 0;
    unsigned char* r = EVP_Q_mac(nullptr,
                                 "CMAC",
                                 nullptr,
                                 "AES-128-CBC",
                                 nullptr,
                                 key.data,
                                 key.size,
                                 data.data,
                                 data.size,
                                 out,
                                 sizeof(out),
                                 &outLen);
    EXPECT_NE(r, nullptr) << "EVP_Q_mac CMAC";
    return r ? Bytes(out, out + outLen) : Bytes();
}

/// Reference digest: OpenSSL's one-shot EVP_Q_digest.
inline Bytes
RefDigest(const char* name, ByteView data)
{
    unsigned char out[EVP_MAX_MD_SIZE];
    size_t outLen = 0;
    const int ok = EVP_Q_digest(nullptr, name, nullptr, data.data, data.size, out, &outLen);
    EXPECT_EQ(ok, 1) << "EVP_Q_digest " << name;
    return ok == 1 ? Bytes(out, out + outLen) : Bytes();
}

/// Reference prf+ (RFC 7296 2.13) written out from the RFC with RefHmac.
inline Bytes
RefPrfPlusHmac(const char* digest, ByteView key, ByteView seed, size_t length)
{
    Bytes out;
    Bytes t;
    for (unsigned n = 1; out.size() < length; ++n)
    {
        const uint8_t counter = static_cast<uint8_t>(n);
        t = RefHmac(digest, key, {t, seed, ByteView(&counter, 1)});
        out.insert(out.end(), t.begin(), t.end());
    }
    out.resize(length);
    return out;
}

/// One record of a vector file: the hash of its section and its "name = hex" fields.
struct VectorRecord
{
    std::string hash;                   //!< section name, e.g. "SHA-256"
    std::map<std::string, Bytes> field; //!< field name to value

    /// \return whether the record has the field
    bool Has(const std::string& name) const
    {
        return field.count(name) != 0;
    }

    /// \return the field's value (a test failure if absent)
    const Bytes& Get(const std::string& name) const
    {
        static const Bytes empty;
        const auto it = field.find(name);
        EXPECT_NE(it, field.end()) << "record lacks " << name;
        return it == field.end() ? empty : it->second;
    }
};

/// Reads test/vectors/@p name: '#' comments, "[HASH]" sections, blank-line separated records.
inline std::vector<VectorRecord>
ReadVectorFile(const std::string& name)
{
    std::ifstream in(std::string(IPSEC_TEST_VECTORS_DIR) + "/" + name);
    EXPECT_TRUE(in.good()) << "cannot open " << name;
    std::vector<VectorRecord> records;
    VectorRecord current;
    std::string hash;
    auto flush = [&]() {
        if (!current.field.empty())
        {
            current.hash = hash;
            records.push_back(current);
        }
        current = VectorRecord();
    };
    std::string line;
    while (std::getline(in, line))
    {
        if (!line.empty() && line.back() == '\r')
        {
            line.pop_back();
        }
        if (!line.empty() && line[0] == '#')
        {
            continue;
        }
        if (line.empty())
        {
            flush();
            continue;
        }
        if (line[0] == '[')
        {
            flush();
            hash = line.substr(1, line.find(']') - 1);
            continue;
        }
        const size_t eq = line.find(" = ");
        EXPECT_NE(eq, std::string::npos) << "bad line: " << line;
        if (eq != std::string::npos)
        {
            current.field[line.substr(0, eq)] = Hex(line.substr(eq + 3));
        }
    }
    flush();
    return records;
}

} // namespace kdftest
} // namespace ns3

#endif // IPSEC_TEST_KDF_TEST_UTIL_H
