/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_IKEV2_DECRYPTION_TABLE_H
#define IPSEC_IKEV2_DECRYPTION_TABLE_H

#include "ns3/ikev2-transform-set.h"
#include "ns3/transform-ids.h"

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

/**
 * \file
 * \ingroup ipsec
 * Wireshark's IKEv2 decryption table (ikev2_decryption_table UAT), so that a simulation's
 * pcaps open with every SK and SKF payload decrypted and its ICV checked.
 */

namespace ns3
{

struct Ikev2SaKeys;

/**
 * \ingroup ipsec
 * \brief Outcome of adding an IKE SA to the decryption table.
 */
enum class Ikev2DecryptionTableStatus
{
    OK,                     //!< the record was made
    UNSUPPORTED_ENCRYPTION, //!< Wireshark 4.0 cannot decrypt this encryption transform
    UNSUPPORTED_INTEGRITY,  //!< Wireshark 4.0 cannot check this integrity transform
    BAD_KEY_LENGTH,         //!< a key does not have the size the transform needs
};

/**
 * \brief Name of a status, for logs and test messages.
 * \param status the status
 * \return e.g. "UNSUPPORTED_ENCRYPTION"
 */
const char* Ikev2DecryptionTableStatusName(Ikev2DecryptionTableStatus status);

/**
 * \ingroup ipsec
 * \brief Records of Wireshark's "IKEv2 Decryption Table" (Preferences, Protocols, ISAKMP), one
 * per IKE SA.
 *
 * A record is SPIi,SPIr,SK_ei,SK_er,"encryption",SK_ai,SK_ar,"integrity": SPIs as 16 hex
 * digits, keys in hex (SK_e* with the salt of counter modes and AEADs, SK_a* empty with an
 * AEAD), the algorithms by the exact names of Wireshark 4.0's packet-isakmp.c. The same text
 * is a line of the ikev2_decryption_table file of a Wireshark profile and, after
 * "uat:ikev2_decryption_table:", the argument of tshark's -o option.
 */
class Ikev2DecryptionTable
{
  public:
    /// Prefix that turns a record into a tshark -o argument.
    static constexpr const char* TSHARK_PREFIX = "uat:ikev2_decryption_table:";

    /**
     * \brief Wireshark's name of an IKEv2 encryption transform.
     * \param encr the transform \param keyBits its Key Length attribute (0 when absent)
     * \return e.g. "AES-CBC-128 [RFC3602]", or empty when Wireshark 4.0 cannot decrypt it
     * (ChaCha20-Poly1305 among others)
     */
    static std::string EncryptionName(EncrId encr, uint16_t keyBits);

    /**
     * \brief Wireshark's name of an IKEv2 integrity transform.
     * \param integ the transform (NONE with an AEAD)
     * \return e.g. "HMAC_SHA2_256_128 [RFC4868]", or empty when Wireshark 4.0 cannot check it
     * (AES-XCBC-96, AES-CMAC-96)
     */
    static std::string IntegrityName(IntegId integ);

    /**
     * \brief The record of one IKE SA.
     * \param spiI the initiator's IKE SPI \param spiR the responder's IKE SPI
     * \param t the negotiated transforms \param keys the IKE SA keys
     * \param[out] record the record (unchanged on failure)
     * \param[out] error why it failed (may be null)
     * \return OK or the reason
     */
    [[nodiscard]] static Ikev2DecryptionTableStatus FormatRecord(uint64_t spiI,
                                                                 uint64_t spiR,
                                                                 const IkeTransformSet& t,
                                                                 const Ikev2SaKeys& keys,
                                                                 std::string* record,
                                                                 std::string* error = nullptr);

    /**
     * \brief Add an IKE SA (e.g. from the daemon's "SA established" trace).
     * \param spiI the initiator's IKE SPI \param spiR the responder's IKE SPI
     * \param t the negotiated transforms \param keys the IKE SA keys
     * \param[out] error why it failed (may be null)
     * \return as FormatRecord(); nothing is added on failure
     */
    [[nodiscard]] Ikev2DecryptionTableStatus Add(uint64_t spiI,
                                                 uint64_t spiR,
                                                 const IkeTransformSet& t,
                                                 const Ikev2SaKeys& keys,
                                                 std::string* error = nullptr);

    /// \return the records in the order added
    const std::vector<std::string>& GetRecords() const
    {
        return m_records;
    }

    /**
     * \brief Write the ikev2_decryption_table file of a Wireshark profile: one record a line.
     * \param os the stream
     */
    void WriteUatFile(std::ostream& os) const;

    /**
     * \brief Write one tshark -o argument a line ("uat:ikev2_decryption_table:" + record), the
     * form test/tools/tshark-ipsec-oracle.py reads.
     * \param os the stream
     */
    void WriteTsharkOptions(std::ostream& os) const;

  private:
    std::vector<std::string> m_records; //!< one per IKE SA
};

} // namespace ns3

#endif // IPSEC_IKEV2_DECRYPTION_TABLE_H
