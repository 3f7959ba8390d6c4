/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_CERTIFICATE_AUTHORITY_H
#define IPSEC_CERTIFICATE_AUTHORITY_H

#include "certificate.h"
#include "crypto-types.h"
#include "private-key.h"

#include "ns3/nstime.h"
#include "ns3/ptr.h"
#include "ns3/simple-ref-count.h"

#include <string>
#include <vector>

namespace ns3
{

class RandomSource;

/**
 * \ingroup ipsec
 * \brief What a certificate says about its subject.
 */
struct CertificateRequest
{
    std::string subject;                         //!< subject DN, e.g. "C=DE, O=ns-3, CN=gw1"
    std::vector<SubjectAltName> subjectAltNames; //!< subjectAltName entries (may be empty)
    Time notBefore;                              //!< start of validity, simulated time
    Time notAfter;                               //!< end of validity, simulated time
    bool isCa{false};                            //!< issue a CA certificate
};

/**
 * \ingroup ipsec
 * \brief A certification authority of the simulation: a key and certificate that issue node
 * and intermediate CA certificates.
 *
 * Everything it makes (keys, serial numbers, signatures) comes from its RandomSource through
 * the DeterministicRng context, so a seed and run reproduce every certificate byte for byte.
 * Certificates are X.509 v3 with basicConstraints and keyUsage (critical), subject and
 * authority key identifiers, and the requested subjectAltName entries; they are signed with
 * sha256WithRSAEncryption (RSA CA), ecdsa-with-SHA256/384/512 (P-256/384/521 CA) or Ed25519.
 */
class CertificateAuthority : public SimpleRefCount<CertificateAuthority>
{
  public:
    /**
     * \brief Create a root CA with a self-signed certificate.
     * \param subject the CA's DN
     * \param keyType its key type (RSA keys are 2048 bits)
     * \param rng the random source for the CA's key, serial numbers and signatures
     * \param notBefore start of validity (simulated time)
     * \param notAfter end of validity (simulated time)
     * \param out the CA
     * \return OK, BAD_INPUT_LENGTH for a malformed DN, BACKEND_ERROR
     */
    [[nodiscard]] static CryptoStatus CreateRoot(const std::string& subject,
                                                 KeyType keyType,
                                                 Ptr<RandomSource> rng,
                                                 Time notBefore,
                                                 Time notAfter,
                                                 Ptr<CertificateAuthority>& out);

    /**
     * \brief Create an intermediate CA certified by this one (same random source).
     * \param subject the intermediate's DN
     * \param keyType its key type
     * \param notBefore start of validity
     * \param notAfter end of validity
     * \param out the intermediate CA
     * \return as CreateRoot()
     */
    [[nodiscard]] CryptoStatus CreateIntermediate(const std::string& subject,
                                                  KeyType keyType,
                                                  Time notBefore,
                                                  Time notAfter,
                                                  Ptr<CertificateAuthority>& out);

    /**
     * \brief Issue a certificate for a public key.
     * \param request subject, SANs, validity
     * \param subjectKey the key to certify
     * \param out the certificate
     * \return OK, BAD_INPUT_LENGTH for a malformed DN or SAN, BACKEND_ERROR
     */
    [[nodiscard]] CryptoStatus Issue(const CertificateRequest& request,
                                     const PublicKey& subjectKey,
                                     Ptr<Certificate>& out);

    /**
     * \brief Generate a key from a node's random source and certify it.
     * \param request subject, SANs, validity
     * \param keyType the node's key type
     * \param nodeRng the node's random source (for its key)
     * \param key the new private key
     * \param out the certificate
     * \return as Issue() and PrivateKey::Generate()
     */
    [[nodiscard]] CryptoStatus IssueWithNewKey(const CertificateRequest& request,
                                               KeyType keyType,
                                               RandomSource& nodeRng,
                                               Ptr<PrivateKey>& key,
                                               Ptr<Certificate>& out);

    /// \return the CA's own certificate
    Ptr<Certificate> GetCertificate() const;

    /// \return the CA's private key
    Ptr<PrivateKey> GetPrivateKey() const;

    /// \return the certificates between this CA and its root: this CA's first, root excluded
    std::vector<Ptr<Certificate>> GetChain() const;

  private:
    /**
     * \brief A CA from its parts.
     * \param key its key
     * \param rng its random source
     */
    CertificateAuthority(Ptr<PrivateKey> key, Ptr<RandomSource> rng);

    /**
     * \brief Build and sign a certificate.
     * \param request subject, SANs, validity
     * \param subjectKey the key to certify
     * \param selfSigned true for this CA's own root certificate
     * \param out the certificate
     * \return status
     */
    CryptoStatus Make(const CertificateRequest& request,
                      const PublicKey& subjectKey,
                      bool selfSigned,
                      Ptr<Certificate>& out);

    Ptr<PrivateKey> m_key;                   //!< signing key
    Ptr<RandomSource> m_rng;                 //!< randomness for serials and signatures
    Ptr<Certificate> m_certificate;          //!< own certificate
    std::vector<Ptr<Certificate>> m_parents; //!< issuing intermediates up to the root
    bool m_isRoot{false};                    //!< self-signed root
};

} // namespace ns3

#endif // IPSEC_CERTIFICATE_AUTHORITY_H
