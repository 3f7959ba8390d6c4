/* SPDX-License-Identifier: GPL-2.0-only */

#include "ikev2-decryption-table.h"

#include "ns3/ikev2-key-derivation.h"
#include "ns3/log.h"

#include <cstdio>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Ikev2DecryptionTable");

namespace
{

std::string
HexOf(const Bytes& octets)
{
    static const char digits[] = "0123456789abcdef";
    std::string s;
    s.reserve(2 * octets.size());
    for (uint8_t b : octets)
    {
        s += digits[b >> 4];
        s += digits[b & 0x0f];
    }
    return s;
}

std::string
SpiHex(uint64_t spi)
{
    char text[17];
    std::snprintf(text, sizeof(text), "%016llx", static_cast<unsigned long long>(spi));
    return text;
}

bool
IsAesKeyLength(uint16_t bits)
{
    return bits == 128 || bits == 192 || bits == 256;
}

} // namespace

const char*
Ikev2DecryptionTableStatusName(Ikev2DecryptionTableStatus status)
{
    switch (status)
    {
    case Ikev2DecryptionTableStatus::OK:
        return "OK";
    case Ikev2DecryptionTableStatus::UNSUPPORTED_ENCRYPTION:
        return "UNSUPPORTED_ENCRYPTION";
    case Ikev2DecryptionTableStatus::UNSUPPORTED_INTEGRITY:
        return "UNSUPPORTED_INTEGRITY";
    case Ikev2DecryptionTableStatus::BAD_KEY_LENGTH:
        return "BAD_KEY_LENGTH";
    }
    return "UNKNOWN";
}

std::string
Ikev2DecryptionTable::EncryptionName(EncrId encr, uint16_t keyBits)
{
    // The strings of vs_ikev2_encr_algs in Wireshark 4.0's epan/dissectors/packet-isakmp.c.
    const std::string bits = std::to_string(keyBits);
    switch (encr)
    {
    case EncrId::TRIPLE_DES:
        return keyBits == 0 || keyBits == 192 ? "3DES [RFC2451]" : "";
    case EncrId::AES_CBC:
        return IsAesKeyLength(keyBits) ? "AES-CBC-" + bits + " [RFC3602]" : "";
    case EncrId::AES_CTR:
        return IsAesKeyLength(keyBits) ? "AES-CTR-" + bits + " [RFC5930]" : "";
    case EncrId::AES_GCM_8:
    case EncrId::AES_GCM_12:
    case EncrId::AES_GCM_16:
    case EncrId::AES_CCM_8:
    case EncrId::AES_CCM_12:
    case EncrId::AES_CCM_16: {
        if (!IsAesKeyLength(keyBits))
        {
            return "";
        }
        const bool gcm =
            encr == EncrId::AES_GCM_8 || encr == EncrId::AES_GCM_12 || encr == EncrId::AES_GCM_16;
        const int icv = encr == EncrId::AES_GCM_8 || encr == EncrId::AES_CCM_8     ? 8
                        : encr == EncrId::AES_GCM_12 || encr == EncrId::AES_CCM_12 ? 12
                                                                                   : 16;
        return std::string(gcm ? "AES-GCM-" : "AES-CCM-") + bits + " with " + std::to_string(icv) +
               " octet ICV [RFC5282]";
    }
    default:
        // Wireshark 4.0 has no IKEv2 decryption for ChaCha20-Poly1305 (RFC 7634).
        return "";
    }
}

std::string
Ikev2DecryptionTable::IntegrityName(IntegId integ)
{
    // The strings of vs_ikev2_auth_algs in Wireshark 4.0's epan/dissectors/packet-isakmp.c.
    switch (integ)
    {
    case IntegId::NONE:
        return "NONE [RFC4306]";
    case IntegId::HMAC_MD5_96:
        return "HMAC_MD5_96 [RFC2403]";
    case IntegId::HMAC_SHA1_96:
        return "HMAC_SHA1_96 [RFC2404]";
    case IntegId::HMAC_SHA2_256_128:
        return "HMAC_SHA2_256_128 [RFC4868]";
    case IntegId::HMAC_SHA2_384_192:
        return "HMAC_SHA2_384_192 [RFC4868]";
    case IntegId::HMAC_SHA2_512_256:
        return "HMAC_SHA2_512_256 [RFC4868]";
    default:
        // AES-XCBC-96 and AES-CMAC-96 have no entry in Wireshark 4.0.
        return "";
    }
}

Ikev2DecryptionTableStatus
Ikev2DecryptionTable::FormatRecord(uint64_t spiI,
                                   uint64_t spiR,
                                   const IkeTransformSet& t,
                                   const Ikev2SaKeys& keys,
                                   std::string* record,
                                   std::string* error)
{
    auto fail = [error](Ikev2DecryptionTableStatus status, const std::string& why) {
        NS_LOG_WARN("no Wireshark decryption record: " << why);
        if (error)
        {
            *error = why;
        }
        return status;
    };
    const std::string encr = EncryptionName(t.encr, t.encrKeyBits);
    if (encr.empty())
    {
        return fail(Ikev2DecryptionTableStatus::UNSUPPORTED_ENCRYPTION,
                    "Wireshark cannot decrypt encryption transform " +
                        std::to_string(static_cast<int>(t.encr)) + " with " +
                        std::to_string(t.encrKeyBits) + "-bit keys");
    }
    const std::string integ = IntegrityName(t.integ);
    if (integ.empty())
    {
        return fail(Ikev2DecryptionTableStatus::UNSUPPORTED_INTEGRITY,
                    "Wireshark cannot check integrity transform " +
                        std::to_string(static_cast<int>(t.integ)));
    }
    // Wireshark rejects the whole record when a key has another length than the transform's.
    Ikev2KeySizes sizes;
    if (Ikev2KeyDerivation::GetIkeSaKeySizes(PrfId::HMAC_SHA2_256,
                                             t.encr,
                                             t.encrKeyBits,
                                             t.integ,
                                             &sizes) != CryptoStatus::OK)
    {
        return fail(Ikev2DecryptionTableStatus::UNSUPPORTED_INTEGRITY,
                    "encryption and integrity transforms do not form an IKE SA suite");
    }
    if (keys.skEi.size() != sizes.encrKey || keys.skEr.size() != sizes.encrKey ||
        keys.skAi.size() != sizes.integKey || keys.skAr.size() != sizes.integKey)
    {
        return fail(Ikev2DecryptionTableStatus::BAD_KEY_LENGTH,
                    "keys need " + std::to_string(sizes.encrKey) + " encryption and " +
                        std::to_string(sizes.integKey) + " integrity octets");
    }
    *record = SpiHex(spiI) + "," + SpiHex(spiR) + "," + HexOf(keys.skEi) + "," + HexOf(keys.skEr) +
              ",\"" + encr + "\"," + HexOf(keys.skAi) + "," + HexOf(keys.skAr) + ",\"" + integ +
              "\"";
    return Ikev2DecryptionTableStatus::OK;
}

Ikev2DecryptionTableStatus
Ikev2DecryptionTable::Add(uint64_t spiI,
                          uint64_t spiR,
                          const IkeTransformSet& t,
                          const Ikev2SaKeys& keys,
                          std::string* error)
{
    std::string record;
    const Ikev2DecryptionTableStatus status = FormatRecord(spiI, spiR, t, keys, &record, error);
    if (status == Ikev2DecryptionTableStatus::OK)
    {
        m_records.push_back(std::move(record));
    }
    return status;
}

void
Ikev2DecryptionTable::WriteUatFile(std::ostream& os) const
{
    for (const auto& r : m_records)
    {
        os << r << "\n";
    }
}

void
Ikev2DecryptionTable::WriteTsharkOptions(std::ostream& os) const
{
    for (const auto& r : m_records)
    {
        os << TSHARK_PREFIX << r << "\n";
    }
}

} // namespace ns3
