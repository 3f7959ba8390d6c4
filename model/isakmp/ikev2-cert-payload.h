/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_IKEV2_CERT_PAYLOAD_H
#define IPSEC_IKEV2_CERT_PAYLOAD_H

#include "ikev2-payload.h"

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Certificate encodings (RFC 7296 3.6), shared by CERT and CERTREQ.
 */
enum class Ikev2CertEncoding : uint8_t
{
    PKCS7_WRAPPED_X509 = 1,
    PGP = 2,
    DNS_SIGNED_KEY = 3,
    X509_CERT_SIGNATURE = 4, //!< DER certificate; in CERTREQ, SHA-1 hashes of CA keys
    KERBEROS_TOKEN = 6,
    CRL = 7,
    ARL = 8,
    SPKI = 9,
    X509_CERT_ATTRIBUTE = 10,
    RAW_RSA_KEY = 11,
    HASH_URL_X509_CERT = 12,
    HASH_URL_X509_BUNDLE = 13,
};

/**
 * \ingroup ipsec
 * \brief Certificate payload (RFC 7296 3.6).
 *
 * \verbatim
                        1                   2                   3
    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   | Next Payload  |C|  RESERVED   |         Payload Length        |
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   | Cert Encoding |                                               |
   +-+-+-+-+-+-+-+-+                                               |
   ~                       Certificate Data                        ~
   |                                                               |
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   \endverbatim
 */
class Ikev2CertPayload : public Ikev2Payload
{
  public:
    Ikev2CertPayload() = default;

    /// \brief CERT payload. \param encoding Cert Encoding \param data Certificate Data
    Ikev2CertPayload(Ikev2CertEncoding encoding, Bytes data)
        : m_encoding(static_cast<uint8_t>(encoding)),
          m_data(std::move(data))
    {
    }

    uint8_t GetType() const override
    {
        return static_cast<uint8_t>(Ikev2PayloadType::CERT);
    }

    void SerializeBody(Bytes& out) const override;
    [[nodiscard]] Ikev2ParseStatus DeserializeBody(ByteView body) override;
    std::unique_ptr<Ikev2Payload> Clone() const override;

    /// \return the Cert Encoding octet
    uint8_t GetEncoding() const
    {
        return m_encoding;
    }

    /// \return the Certificate Data
    const Bytes& GetData() const
    {
        return m_data;
    }

  private:
    uint8_t m_encoding{0}; //!< Cert Encoding
    Bytes m_data;          //!< Certificate Data
};

} // namespace ns3

#endif // IPSEC_IKEV2_CERT_PAYLOAD_H
