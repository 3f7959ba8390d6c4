/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_DISTINGUISHED_NAME_H
#define IPSEC_DISTINGUISHED_NAME_H

#include "crypto-types.h"

#include <string>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief X.501 distinguished names between their text form ("C=DE, O=ns-3, CN=gw1") and DER.
 *
 * One attribute per RDN, in the order written; attribute types by their short names (C, ST,
 * L, O, OU, CN, emailAddress, ...); values as UTF8String (PrintableString for C). Names are
 * compared as DER octets (RFC 7296 3.5 ID_DER_ASN1_DN), so encoding one text twice gives the
 * same octets.
 */
class DistinguishedName
{
  public:
    /**
     * \brief Encode a DN.
     * \param text comma-separated type=value pairs; a value may not contain ',' or '='
     * \param der the DER Name
     * \return OK, or BAD_INPUT_LENGTH for empty or malformed text or an unknown attribute type
     */
    [[nodiscard]] static CryptoStatus Encode(const std::string& text, Bytes& der);

    /**
     * \brief Text form of a DER Name (RFC 2253 order reversed, as written by Encode()).
     * \param der the DER Name
     * \return the text, or "<malformed DN>"
     */
    static std::string ToText(ByteView der);
};

} // namespace ns3

#endif // IPSEC_DISTINGUISHED_NAME_H
