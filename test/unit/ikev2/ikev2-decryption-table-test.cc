/* SPDX-License-Identifier: GPL-2.0-only */

// Ikev2DecryptionTable: the algorithm names are those of Wireshark 4.0's
// epan/dissectors/packet-isakmp.c (vs_ikev2_encr_algs, vs_ikev2_auth_algs), copied here as the
// reference; the record layout is the UAT's field order (SPIi, SPIr, SK_ei, SK_er, encryption,
// SK_ai, SK_ar, integrity). ikev2-sk-tshark-test.cc checks that tshark accepts the records and
// decrypts with them.

#include "ikev2-sk-test-util.h"

#include "ns3/ikev2-decryption-table.h"

#include <gtest/gtest.h>
#include <sstream>

namespace ns3
{
namespace
{

std::string
HexText(const Bytes& b)
{
    std::ostringstream s;
    for (uint8_t v : b)
    {
        s << "0123456789abcdef"[v >> 4] << "0123456789abcdef"[v & 15];
    }
    return s.str();
}

TEST(Ikev2DecryptionTableTest, EncryptionNamesAreWiresharks)
{
    const struct
    {
        EncrId id;
        uint16_t bits;
        const char* name;
    } cases[] = {
        {EncrId::TRIPLE_DES, 0, "3DES [RFC2451]"},
        {EncrId::TRIPLE_DES, 192, "3DES [RFC2451]"},
        {EncrId::AES_CBC, 128, "AES-CBC-128 [RFC3602]"},
        {EncrId::AES_CBC, 192, "AES-CBC-192 [RFC3602]"},
        {EncrId::AES_CBC, 256, "AES-CBC-256 [RFC3602]"},
        {EncrId::AES_CTR, 128, "AES-CTR-128 [RFC5930]"},
        {EncrId::AES_CTR, 192, "AES-CTR-192 [RFC5930]"},
        {EncrId::AES_CTR, 256, "AES-CTR-256 [RFC5930]"},
        {EncrId::AES_GCM_16, 128, "AES-GCM-128 with 16 octet ICV [RFC5282]"},
        {EncrId::AES_GCM_16, 256, "AES-GCM-256 with 16 octet ICV [RFC5282]"},
        {EncrId::AES_GCM_8, 192, "AES-GCM-192 with 8 octet ICV [RFC5282]"},
        {EncrId::AES_GCM_12, 128, "AES-GCM-128 with 12 octet ICV [RFC5282]"},
        {EncrId::AES_CCM_16, 256, "AES-CCM-256 with 16 octet ICV [RFC5282]"},
        {EncrId::AES_CCM_8, 128, "AES-CCM-128 with 8 octet ICV [RFC5282]"},
        {EncrId::AES_CCM_12, 192, "AES-CCM-192 with 12 octet ICV [RFC5282]"},
        // Not in Wireshark 4.0's table.
        {EncrId::CHACHA20_POLY1305, 0, ""},
        {EncrId::CHACHA20_POLY1305, 256, ""},
        {EncrId::AES_CBC, 0, ""},
        {EncrId::AES_GCM_16, 64, ""},
        {EncrId::TRIPLE_DES, 128, ""},
        {EncrId::NULL_AUTH_AES_GMAC, 128, ""},
    };

    for (const auto& c : cases)
    {
        EXPECT_EQ(Ikev2DecryptionTable::EncryptionName(c.id, c.bits), c.name)
            << static_cast<int>(c.id) << "/" << c.bits;
    }
}

TEST(Ikev2DecryptionTableTest, IntegrityNamesAreWiresharks)
{
    EXPECT_EQ(Ikev2DecryptionTable::IntegrityName(IntegId::NONE), "NONE [RFC4306]");
    EXPECT_EQ(Ikev2DecryptionTable::IntegrityName(IntegId::HMAC_MD5_96), "HMAC_MD5_96 [RFC2403]");
    EXPECT_EQ(Ikev2DecryptionTable::IntegrityName(IntegId::HMAC_SHA1_96), "HMAC_SHA1_96 [RFC2404]");
    EXPECT_EQ(Ikev2DecryptionTable::IntegrityName(IntegId::HMAC_SHA2_256_128),
              "HMAC_SHA2_256_128 [RFC4868]");
    EXPECT_EQ(Ikev2DecryptionTable::IntegrityName(IntegId::HMAC_SHA2_384_192),
              "HMAC_SHA2_384_192 [RFC4868]");
    EXPECT_EQ(Ikev2DecryptionTable::IntegrityName(IntegId::HMAC_SHA2_512_256),
              "HMAC_SHA2_512_256 [RFC4868]");
    EXPECT_EQ(Ikev2DecryptionTable::IntegrityName(IntegId::AES_XCBC_96), "");
    EXPECT_EQ(Ikev2DecryptionTable::IntegrityName(IntegId::AES_CMAC_96), "");
}

TEST(Ikev2DecryptionTableTest, RecordFieldsInUatOrder)
{
    const IkeTransformSet cbc = Suite(EncrId::AES_CBC, 256, IntegId::HMAC_SHA2_256_128);
    const Ikev2SaKeys k = TestKeys(cbc);
    std::string record;
    ASSERT_EQ(Ikev2DecryptionTable::FormatRecord(0x00000000000000abULL,
                                                 0x8000000000000001ULL,
                                                 cbc,
                                                 k,
                                                 &record),
              Ikev2DecryptionTableStatus::OK);
    EXPECT_EQ(record,
              "00000000000000ab,8000000000000001," + HexText(k.skEi) + "," + HexText(k.skEr) +
                  ",\"AES-CBC-256 [RFC3602]\"," + HexText(k.skAi) + "," + HexText(k.skAr) +
                  ",\"HMAC_SHA2_256_128 [RFC4868]\"");

    // An AEAD: SK_e with the salt, no integrity keys, integrity NONE.
    const IkeTransformSet gcm = Suite(EncrId::AES_GCM_16, 128, IntegId::NONE);
    const Ikev2SaKeys g = TestKeys(gcm);
    ASSERT_EQ(g.skEi.size(), 20u);
    ASSERT_EQ(Ikev2DecryptionTable::FormatRecord(1, 2, gcm, g, &record),
              Ikev2DecryptionTableStatus::OK);
    EXPECT_EQ(record,
              "0000000000000001,0000000000000002," + HexText(g.skEi) + "," + HexText(g.skEr) +
                  ",\"AES-GCM-128 with 16 octet ICV [RFC5282]\",,,\"NONE [RFC4306]\"");
}

TEST(Ikev2DecryptionTableTest, WhatWiresharkCannotUseIsRefused)
{
    std::string record = "unchanged";
    std::string error;
    const IkeTransformSet chacha = Suite(EncrId::CHACHA20_POLY1305, 0, IntegId::NONE);
    EXPECT_EQ(Ikev2DecryptionTable::FormatRecord(1, 2, chacha, TestKeys(chacha), &record, &error),
              Ikev2DecryptionTableStatus::UNSUPPORTED_ENCRYPTION);
    EXPECT_FALSE(error.empty());
    const IkeTransformSet xcbc = Suite(EncrId::AES_CBC, 128, IntegId::AES_XCBC_96);
    EXPECT_EQ(Ikev2DecryptionTable::FormatRecord(1, 2, xcbc, TestKeys(xcbc), &record),
              Ikev2DecryptionTableStatus::UNSUPPORTED_INTEGRITY);
    const IkeTransformSet cbc = Suite(EncrId::AES_CBC, 128, IntegId::HMAC_SHA1_96);
    Ikev2SaKeys k = TestKeys(cbc);
    k.skAr.push_back(0);
    EXPECT_EQ(Ikev2DecryptionTable::FormatRecord(1, 2, cbc, k, &record),
              Ikev2DecryptionTableStatus::BAD_KEY_LENGTH);
    // An AEAD key without its salt.
    const IkeTransformSet gcm = Suite(EncrId::AES_GCM_8, 128, IntegId::NONE);
    Ikev2SaKeys g = TestKeys(gcm);
    g.skEi.resize(16);
    EXPECT_EQ(Ikev2DecryptionTable::FormatRecord(1, 2, gcm, g, &record),
              Ikev2DecryptionTableStatus::BAD_KEY_LENGTH);
    EXPECT_EQ(record, "unchanged");
    EXPECT_STREQ(Ikev2DecryptionTableStatusName(Ikev2DecryptionTableStatus::BAD_KEY_LENGTH),
                 "BAD_KEY_LENGTH");
}

TEST(Ikev2DecryptionTableTest, WritesProfileFileAndTsharkOptions)
{
    Ikev2DecryptionTable table;
    const IkeTransformSet cbc = Suite(EncrId::AES_CBC, 128, IntegId::HMAC_SHA1_96);
    const IkeTransformSet chacha = Suite(EncrId::CHACHA20_POLY1305, 0, IntegId::NONE);
    EXPECT_EQ(table.Add(1, 2, cbc, TestKeys(cbc)), Ikev2DecryptionTableStatus::OK);
    EXPECT_EQ(table.Add(3, 4, chacha, TestKeys(chacha)),
              Ikev2DecryptionTableStatus::UNSUPPORTED_ENCRYPTION);
    EXPECT_EQ(table.Add(5, 6, cbc, TestKeys(cbc, 1)), Ikev2DecryptionTableStatus::OK);
    ASSERT_EQ(table.GetRecords().size(), 2u);
    std::ostringstream file;
    table.WriteUatFile(file);
    EXPECT_EQ(file.str(), table.GetRecords()[0] + "\n" + table.GetRecords()[1] + "\n");
    std::ostringstream options;
    table.WriteTsharkOptions(options);
    EXPECT_EQ(options.str(),
              "uat:ikev2_decryption_table:" + table.GetRecords()[0] +
                  "\nuat:ikev2_decryption_table:" + table.GetRecords()[1] + "\n");
}

} // namespace
} // namespace ns3
