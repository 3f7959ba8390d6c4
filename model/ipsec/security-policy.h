/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_SECURITY_POLICY_H
#define IPSEC_SECURITY_POLICY_H

#include "ipsec-types.h"
#include "sa-template.h"
#include "traffic-selector.h"

#include "ns3/simple-ref-count.h"

#include <cstdint>
#include <ostream>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief One SPD entry (RFC 4301 4.4.1.2): selectors, an action, and for PROTECT the SA it needs.
 *
 * Among the policies of one direction that match a packet, the one with the lowest \c priority
 * wins, and among equal priorities the one added first (the SPD is an ordered list, RFC 4301
 * 4.4.1). Once added to a SecurityPolicyDatabase a policy's \c priority, \c direction and
 * \c selector must not change (the database indexes them): remove it and add it again instead.
 */
class SecurityPolicy : public SimpleRefCount<SecurityPolicy>
{
  public:
    uint32_t id = 0;                                       //!< assigned by the database, 0 = none
    uint32_t priority = 0;                                 //!< lower wins
    PolicyDirection direction = PolicyDirection::OUTBOUND; //!< which SPD
    IpsecSelector selector;                                //!< which packets
    PolicyAction action = PolicyAction::BYPASS;            //!< what to do with them
    SaTemplate sa;                                         //!< for PROTECT: the SA to apply
};

/**
 * \brief Prints "policy <id> <direction> prio <p> <selector> <action>".
 * \param os the stream
 * \param policy the policy
 * \return the stream
 */
std::ostream& operator<<(std::ostream& os, const SecurityPolicy& policy);

} // namespace ns3

#endif // IPSEC_SECURITY_POLICY_H
