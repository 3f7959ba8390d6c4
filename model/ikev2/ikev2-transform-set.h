/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_IKEV2_TRANSFORM_SET_H
#define IPSEC_IKEV2_TRANSFORM_SET_H

#include "ns3/ipsec-types.h"
#include "ns3/transform-ids.h"

#include <cstdint>

/**
 * \file
 * \ingroup ipsec
 * The transforms an IKEv2 negotiation settled on: one of each type (RFC 7296 3.3.6).
 */

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief The transforms of an IKE SA, one of each type.
 */
struct IkeTransformSet
{
    EncrId encr{EncrId::AES_CBC};       //!< encryption (an AEAD leaves integ NONE)
    uint16_t encrKeyBits{128};          //!< Key Length attribute (0 for fixed-size ciphers)
    PrfId prf{PrfId::HMAC_SHA2_256};    //!< pseudorandom function
    IntegId integ{IntegId::NONE};       //!< integrity (NONE with an AEAD)
    DhGroupId dh{DhGroupId::MODP_2048}; //!< key exchange group

    /// \param o the other set \return whether every transform is the same
    bool operator==(const IkeTransformSet& o) const
    {
        return encr == o.encr && encrKeyBits == o.encrKeyBits && prf == o.prf && integ == o.integ &&
               dh == o.dh;
    }
};

/**
 * \ingroup ipsec
 * \brief The transforms of a Child SA (ESP or AH), one of each type.
 */
struct ChildTransformSet
{
    IpsecProtocol protocol{IpsecProtocol::ESP}; //!< ESP or AH
    EncrId encr{EncrId::AES_GCM_16};            //!< ESP encryption (NULL_ENCR for AH)
    uint16_t encrKeyBits{128};                  //!< Key Length attribute (0 if fixed)
    IntegId integ{IntegId::NONE};               //!< integrity (NONE with an AEAD)
    DhGroupId dh{DhGroupId::NONE};              //!< PFS group of CREATE_CHILD_SA (NONE: no PFS)
    bool esn{false};                            //!< extended sequence numbers

    /// \param o the other set \return whether every transform is the same
    bool operator==(const ChildTransformSet& o) const
    {
        return protocol == o.protocol && encr == o.encr && encrKeyBits == o.encrKeyBits &&
               integ == o.integ && dh == o.dh && esn == o.esn;
    }
};

} // namespace ns3

#endif // IPSEC_IKEV2_TRANSFORM_SET_H
