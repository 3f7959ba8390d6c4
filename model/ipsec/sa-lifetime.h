/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_SA_LIFETIME_H
#define IPSEC_SA_LIFETIME_H

#include "ns3/nstime.h"

#include <cstdint>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Soft and hard limits of an SA (RFC 4301 4.4.2.1, "SA Lifetime").
 *
 * Reaching a soft limit raises an expire event so the key manager rekeys before traffic stops
 * (make-before-break); reaching a hard limit deletes the SA. A zero value means no limit.
 */
struct SaLifetime
{
    Time softTime;            //!< age that triggers a rekey, zero = unlimited
    Time hardTime;            //!< age at which the SA is deleted, zero = unlimited
    uint64_t softBytes = 0;   //!< bytes protected/unprotected before a rekey, 0 = unlimited
    uint64_t hardBytes = 0;   //!< bytes before deletion, 0 = unlimited
    uint64_t softPackets = 0; //!< packets before a rekey, 0 = unlimited
    uint64_t hardPackets = 0; //!< packets before deletion, 0 = unlimited
};

} // namespace ns3

#endif // IPSEC_SA_LIFETIME_H
