/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_CERTIFICATE_VALIDATOR_H
#define IPSEC_CERTIFICATE_VALIDATOR_H

#include "certificate.h"
#include "crypto-types.h"
#include "ike-identity.h"

#include "ns3/nstime.h"
#include "ns3/ptr.h"
#include "ns3/simple-ref-count.h"

#include <string>
#include <vector>

struct x509_store_st;

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Outcome of a certificate check.
 */
enum class CertificateCheck : uint8_t
{
    VALID,             //!< chain to a trust anchor verified (and identity matched, if asked)
    MALFORMED,         //!< a certificate is not valid DER
    UNTRUSTED,         //!< no chain to a trust anchor (unknown or self-signed issuer)
    EXPIRED,           //!< a certificate of the chain expired before the simulated clock
    NOT_YET_VALID,     //!< a certificate of the chain starts after the simulated clock
    BAD_SIGNATURE,     //!< a certificate's signature does not verify
    IDENTITY_MISMATCH, //!< the IKE identity is not bound to the end-entity certificate
    INVALID,           //!< any other reason (issuer not a CA, unsupported key, ...)
};

/**
 * \brief Name of a check outcome.
 * \param check the outcome
 * \return e.g. "EXPIRED"
 */
const char* CertificateCheckName(CertificateCheck check);

/**
 * \ingroup ipsec
 * \brief A check outcome with a message that names the certificate and the reason.
 */
struct CertificateValidation
{
    CertificateCheck result{CertificateCheck::INVALID}; //!< outcome
    std::string message;                                //!< what failed, for logs and traces

    /// \return true if the outcome is VALID
    bool IsValid() const
    {
        return result == CertificateCheck::VALID;
    }
};

/**
 * \ingroup ipsec
 * \brief Validates certificate chains against trust anchors at the simulated clock, and IKE
 * identities against certificates (RFC 4945 3.1 for the SAN and DN rules, RFC 7296 3.5).
 */
class CertificateValidator : public SimpleRefCount<CertificateValidator>
{
  public:
    CertificateValidator();
    ~CertificateValidator();
    CertificateValidator(const CertificateValidator&) = delete;
    CertificateValidator& operator=(const CertificateValidator&) = delete;

    /**
     * \brief Trust a CA certificate (normally a root).
     * \param anchor the certificate
     */
    void AddTrustAnchor(Ptr<Certificate> anchor);

    /// \return the number of trust anchors
    size_t GetNTrustAnchors() const;

    /// \return a trust anchor (e.g. for the CA hashes of an IKEv2 CERTREQ) \param i index
    Ptr<Certificate> GetTrustAnchor(size_t i) const;

    /**
     * \brief Validate an end-entity certificate.
     * \param leaf the end-entity certificate
     * \param intermediates untrusted intermediate CA certificates (any order)
     * \param now the simulated clock (normally Simulator::Now())
     * \return the outcome
     */
    [[nodiscard]] CertificateValidation Validate(Ptr<Certificate> leaf,
                                                 const std::vector<Ptr<Certificate>>& intermediates,
                                                 Time now) const;

    /**
     * \brief Validate certificates as received in CERT payloads (DER).
     * \param leaf the end-entity certificate
     * \param intermediates intermediate CA certificates
     * \param now the simulated clock
     * \return the outcome; MALFORMED if any encoding does not decode
     */
    [[nodiscard]] CertificateValidation ValidateDer(ByteView leaf,
                                                    const std::vector<Bytes>& intermediates,
                                                    Time now) const;

    /**
     * \brief Validate the chain, then that @p identity is bound to the end-entity certificate.
     * \param leaf the end-entity certificate
     * \param intermediates intermediate CA certificates
     * \param identity the peer's IDi/IDr
     * \param now the simulated clock
     * \return the first failure, or VALID
     */
    [[nodiscard]] CertificateValidation ValidateFor(
        Ptr<Certificate> leaf,
        const std::vector<Ptr<Certificate>>& intermediates,
        const IkeIdentity& identity,
        Time now) const;

    /**
     * \brief Whether an identity is bound to a certificate: ID_IPV4_ADDR / ID_IPV6_ADDR to an
     * iPAddress SAN, ID_FQDN to a dNSName SAN (case-insensitive), ID_RFC822_ADDR to an
     * rfc822Name SAN (domain case-insensitive), ID_DER_ASN1_DN to the subject (DER octets).
     * \param certificate the end-entity certificate
     * \param identity the identity
     * \return VALID or IDENTITY_MISMATCH
     */
    [[nodiscard]] static CertificateValidation CheckIdentity(const Certificate& certificate,
                                                             const IkeIdentity& identity);

  private:
    x509_store_st* m_store;                  //!< trust anchors, as an X509_STORE
    std::vector<Ptr<Certificate>> m_anchors; //!< the anchors (keeps them alive)
};

} // namespace ns3

#endif // IPSEC_CERTIFICATE_VALIDATOR_H
