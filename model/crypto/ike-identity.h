/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_IKE_IDENTITY_H
#define IPSEC_IKE_IDENTITY_H

#include "crypto-types.h"

#include "ns3/ipv4-address.h"
#include "ns3/ipv6-address.h"

#include <string>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief IKEv2 identification types (RFC 7296 3.5, IANA "IKEv2 Identification Payload ID
 * Types"), the same numbers as IKEv1's (RFC 2407 4.6.2.1) for these types.
 */
enum class IkeIdType : uint8_t
{
    IPV4_ADDR = 1,
    FQDN = 2,
    RFC822_ADDR = 3,
    IPV6_ADDR = 5,
    DER_ASN1_DN = 9,
    KEY_ID = 11,
};

/**
 * \brief Name of an ID type.
 * \param type the type
 * \return e.g. "ID_FQDN"
 */
const char* IkeIdTypeName(IkeIdType type);

/**
 * \ingroup ipsec
 * \brief An IKE identity: the ID type and Identification Data of an IDi/IDr payload.
 */
class IkeIdentity
{
  public:
    /// An empty KEY_ID identity.
    IkeIdentity();

    /**
     * \brief An identity from its wire form.
     * \param type the ID type
     * \param data the Identification Data
     */
    IkeIdentity(IkeIdType type, Bytes data);

    /**
     * \brief ID_IPV4_ADDR.
     * \param address the address
     * \return the identity (4 octets)
     */
    static IkeIdentity FromIpv4(Ipv4Address address);

    /**
     * \brief ID_IPV6_ADDR.
     * \param address the address
     * \return the identity (16 octets)
     */
    static IkeIdentity FromIpv6(Ipv6Address address);

    /**
     * \brief ID_FQDN.
     * \param fqdn e.g. "gw1.example.org"
     * \return the identity
     */
    static IkeIdentity FromFqdn(const std::string& fqdn);

    /**
     * \brief ID_RFC822_ADDR.
     * \param address e.g. "alice@example.org"
     * \return the identity
     */
    static IkeIdentity FromRfc822(const std::string& address);

    /**
     * \brief ID_DER_ASN1_DN from a DER Name.
     * \param der the DER encoding of an X.501 Name
     * \return the identity
     */
    static IkeIdentity FromDerDn(Bytes der);

    /**
     * \brief ID_DER_ASN1_DN from text such as "C=DE, O=ns-3, CN=gw1" (attributes in order,
     * values UTF8String, as certificates issued by CertificateAuthority encode them).
     * \param text the DN
     * \param identity the identity
     * \return OK, or BAD_INPUT_LENGTH if the text is not a list of known attribute=value
     */
    [[nodiscard]] static CryptoStatus FromDnString(const std::string& text, IkeIdentity& identity);

    /// \return the ID type
    IkeIdType GetType() const;

    /// \return the Identification Data
    const Bytes& GetData() const;

    /// \return a readable form, e.g. "ID_FQDN gw1.example.org"
    std::string ToString() const;

    /**
     * \brief Equality of type and data.
     * \param other the other identity
     * \return true if equal
     */
    bool operator==(const IkeIdentity& other) const;

  private:
    IkeIdType m_type; //!< ID type
    Bytes m_data;     //!< Identification Data
};

} // namespace ns3

#endif // IPSEC_IKE_IDENTITY_H
