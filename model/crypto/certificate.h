/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_CERTIFICATE_H
#define IPSEC_CERTIFICATE_H

#include "crypto-types.h"
#include "public-key.h"

#include "ns3/ipv4-address.h"
#include "ns3/ipv6-address.h"
#include "ns3/nstime.h"
#include "ns3/ptr.h"
#include "ns3/simple-ref-count.h"

#include <string>
#include <vector>

struct x509_st;

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief One subjectAltName entry (RFC 5280 4.2.1.6) of the kinds IKE identities bind to.
 */
struct SubjectAltName
{
    /// GeneralName choices used here.
    enum class Kind : uint8_t
    {
        DNS_NAME,    //!< dNSName [2], matches ID_FQDN
        IP_ADDRESS,  //!< iPAddress [7], 4 or 16 octets, matches ID_IPV4_ADDR / ID_IPV6_ADDR
        RFC822_NAME, //!< rfc822Name [1], matches ID_RFC822_ADDR
    };

    Kind kind;   //!< which choice
    Bytes value; //!< IA5String octets, or the address octets

    /**
     * \brief A dNSName.
     * \param name the name
     * \return the entry
     */
    static SubjectAltName Dns(const std::string& name);
    /**
     * \brief An rfc822Name.
     * \param address the mail address
     * \return the entry
     */
    static SubjectAltName Email(const std::string& address);
    /**
     * \brief An IPv4 iPAddress.
     * \param address the address
     * \return the entry
     */
    static SubjectAltName Ip(Ipv4Address address);
    /**
     * \brief An IPv6 iPAddress.
     * \param address the address
     * \return the entry
     */
    static SubjectAltName Ip(Ipv6Address address);

    /**
     * \brief Equality.
     * \param other the other entry
     * \return true if kind and value are equal
     */
    bool operator==(const SubjectAltName& other) const;
};

/**
 * \ingroup ipsec
 * \brief An X.509 v3 certificate (RFC 5280), immutable.
 *
 * Simulated time maps to certificate time through a fixed epoch: simulation time 0 is
 * 2026-01-01T00:00:00Z (GetEpoch()), so a certificate valid for "the first hour of the
 * simulation" carries notBefore 2026-01-01 00:00:00 and notAfter 01:00:00, and the same
 * simulation validates it identically on any host on any day.
 */
class Certificate : public SimpleRefCount<Certificate>
{
  public:
    /// Unix time of simulation time zero: 2026-01-01T00:00:00Z.
    static constexpr int64_t EPOCH_UNIX_SECONDS = 1767225600;

    /**
     * \brief Unix time (seconds) of a simulated time.
     * \param simulated the simulated time (may be negative, for dates before the epoch)
     * \return EPOCH_UNIX_SECONDS + simulated, rounded down to the second
     */
    static int64_t ToUnixSeconds(Time simulated);

    /**
     * \brief Simulated time of a Unix time.
     * \param unixSeconds the Unix time
     * \return the simulated time
     */
    static Time FromUnixSeconds(int64_t unixSeconds);

    /**
     * \brief Decode a DER certificate.
     * \param der the encoding (exactly one Certificate)
     * \param out the certificate
     * \return OK, INVALID_CERTIFICATE if malformed, UNSUPPORTED if its key is not a supported
     *         kind
     */
    [[nodiscard]] static CryptoStatus FromDer(ByteView der, Ptr<Certificate>& out);

    /**
     * \brief Take ownership of an OpenSSL certificate (module-internal).
     * \param cert the certificate
     * \param out the wrapper
     * \return OK or UNSUPPORTED
     */
    [[nodiscard]] static CryptoStatus Adopt(x509_st* cert, Ptr<Certificate>& out);

    ~Certificate();
    Certificate(const Certificate&) = delete;
    Certificate& operator=(const Certificate&) = delete;

    /// \return the DER encoding
    const Bytes& GetDer() const;

    /// \return the DER subject Name
    Bytes GetSubjectDer() const;

    /// \return the DER issuer Name
    Bytes GetIssuerDer() const;

    /// \return the subject as text, e.g. "C=DE, O=ns-3, CN=gw1"
    std::string GetSubject() const;

    /// \return the issuer as text
    std::string GetIssuer() const;

    /// \return the serial number, big-endian octets
    Bytes GetSerialNumber() const;

    /// \return notBefore as simulated time
    Time GetNotBefore() const;

    /// \return notAfter as simulated time
    Time GetNotAfter() const;

    /// \return the subjectAltName entries of the supported kinds
    std::vector<SubjectAltName> GetSubjectAltNames() const;

    /// \return true if basicConstraints says cA
    bool IsCa() const;

    /// \return the subject public key
    Ptr<PublicKey> GetPublicKey() const;

    /// \return the OpenSSL certificate (module-internal), owned by this object
    x509_st* GetX509() const;

  private:
    /**
     * \brief Wrap a certificate.
     * \param cert the certificate, owned
     * \param der its DER encoding
     * \param key its public key
     */
    Certificate(x509_st* cert, Bytes der, Ptr<PublicKey> key);

    x509_st* m_cert;            //!< the certificate, owned
    Bytes m_der;                //!< its DER encoding
    Ptr<PublicKey> m_publicKey; //!< subject public key
};

} // namespace ns3

#endif // IPSEC_CERTIFICATE_H
