/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_MESSAGE_DIGEST_H
#define IPSEC_MESSAGE_DIGEST_H

#include "crypto-types.h"

#include <initializer_list>

/**
 * \file
 * \ingroup ipsec
 * Plain (unkeyed) hashes: IKEv2 NAT detection and certificate-request CA hashes use SHA-1.
 */

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief One-shot SHA-1 and SHA-256 over a list of octet strings.
 */
class MessageDigest
{
  public:
    /**
     * \brief SHA-1 of the concatenation of @p parts (RFC 7296 2.23 NAT detection, 3.7 CERTREQ).
     * \param parts the octets, in order
     * \return the 20-octet digest (empty only if OpenSSL fails)
     */
    static Bytes Sha1(std::initializer_list<ByteView> parts);

    /**
     * \brief SHA-256 of the concatenation of @p parts.
     * \param parts the octets, in order
     * \return the 32-octet digest (empty only if OpenSSL fails)
     */
    static Bytes Sha256(std::initializer_list<ByteView> parts);
};

} // namespace ns3

#endif // IPSEC_MESSAGE_DIGEST_H
