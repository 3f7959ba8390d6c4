/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_IKEV2_CERT_REQUEST_PAYLOAD_H
#define IPSEC_IKEV2_CERT_REQUEST_PAYLOAD_H

#include "ikev2-cert-payload.h"

#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Certificate Request payload (RFC 7296 3.7). For X.509 encodings the Certification
 * Authority field is a concatenation of 20-octet SHA-1 hashes of trusted CA public keys.
 *
 * \verbatim
                        1                   2                   3
    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   | Next Payload  |C|  RESERVED   |         Payload Length        |
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   | Cert Encoding |                                               |
   +-+-+-+-+-+-+-+-+                                               |
   ~                    Certification Authority                    ~
   |                                                               |
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   \endverbatim
 */
class Ikev2CertRequestPayload : public Ikev2Payload
{
  public:
    static constexpr size_t CA_HASH_SIZE = 20; //!< SHA-1 of a CA's SubjectPublicKeyInfo

    Ikev2CertRequestPayload() = default;

    /// \brief CERTREQ payload. \param encoding Cert Encoding \param authorities the CA field
    Ikev2CertRequestPayload(Ikev2CertEncoding encoding, Bytes authorities)
        : m_encoding(static_cast<uint8_t>(encoding)),
          m_authorities(std::move(authorities))
    {
    }

    uint8_t GetType() const override
    {
        return static_cast<uint8_t>(Ikev2PayloadType::CERTREQ);
    }

    void SerializeBody(Bytes& out) const override;

    /**
     * \copydoc Ikev2Payload::DeserializeBody
     * With X509_CERT_SIGNATURE, a CA field not a multiple of 20 octets is BAD_LENGTH.
     */
    [[nodiscard]] Ikev2ParseStatus DeserializeBody(ByteView body) override;
    std::unique_ptr<Ikev2Payload> Clone() const override;

    /// \return the Cert Encoding octet
    uint8_t GetEncoding() const
    {
        return m_encoding;
    }

    /// \return the raw Certification Authority field
    const Bytes& GetAuthorities() const
    {
        return m_authorities;
    }

    /// \return the CA hashes, split in 20-octet pieces (X.509 encodings)
    std::vector<Bytes> GetCaHashes() const;

  private:
    uint8_t m_encoding{0}; //!< Cert Encoding
    Bytes m_authorities;   //!< Certification Authority
};

} // namespace ns3

#endif // IPSEC_IKEV2_CERT_REQUEST_PAYLOAD_H
