/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_IKEV2_COOKIE_JAR_H
#define IPSEC_IKEV2_COOKIE_JAR_H

#include "ns3/crypto-types.h"
#include "ns3/ip-address.h"

#include <cstdint>

/**
 * \file
 * \ingroup ipsec
 * Stateless IKE_SA_INIT cookies (RFC 7296 2.6).
 */

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Makes and checks cookies without keeping per-request state:
 * Cookie = VersionIDofSecret | SHA-256(Ni | IPi | SPIi | secret). The previous secret stays
 * valid after a change, so cookies in flight survive one rotation.
 */
class Ikev2CookieJar
{
  public:
    /// Octets of a cookie: 4 of version, 32 of hash.
    static constexpr size_t SIZE = 36;

    /**
     * \brief Start using a new secret (the old one is still accepted).
     * \param secret random octets
     */
    void Rotate(Bytes secret);

    /// \return whether a secret has been set
    bool HasSecret() const
    {
        return !m_secret.empty();
    }

    /**
     * \brief The cookie for a request.
     * \param ni the initiator's nonce
     * \param initiator the initiator's IP address
     * \param spiI the initiator's SPI
     * \return the cookie
     */
    Bytes Make(ByteView ni, const IpAddress& initiator, uint64_t spiI) const;

    /**
     * \brief Whether a returned cookie is one this jar made for the request.
     * \param cookie the COOKIE notification data
     * \param ni the initiator's nonce
     * \param initiator the initiator's IP address
     * \param spiI the initiator's SPI
     * \return true if valid under the current or the previous secret
     */
    bool Check(ByteView cookie, ByteView ni, const IpAddress& initiator, uint64_t spiI) const;

  private:
    /// Cookie under one secret.
    static Bytes Compute(uint32_t version,
                         const Bytes& secret,
                         ByteView ni,
                         const IpAddress& initiator,
                         uint64_t spiI);

    uint32_t m_version{0}; //!< version of the current secret
    Bytes m_secret;        //!< current secret
    Bytes m_previous;      //!< previous secret
};

} // namespace ns3

#endif // IPSEC_IKEV2_COOKIE_JAR_H
