/* SPDX-License-Identifier: GPL-2.0-only */

#include "security-policy.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SecurityPolicy");

std::ostream&
operator<<(std::ostream& os, const SecurityPolicy& policy)
{
    os << "policy " << policy.id << " " << PolicyDirectionName(policy.direction) << " prio "
       << policy.priority << " " << policy.selector << " " << PolicyActionName(policy.action);
    if (policy.action == PolicyAction::PROTECT)
    {
        os << " " << (policy.sa.protocol == IpsecProtocol::ESP ? "esp" : "ah")
           << (policy.sa.ahAlso ? "+ah" : "")
           << (policy.sa.mode == IpsecMode::TUNNEL ? " tunnel " : " transport ");
        if (policy.sa.mode == IpsecMode::TUNNEL)
        {
            os << policy.sa.tunnelLocal << "-" << policy.sa.tunnelRemote << " ";
        }
        os << "reqid " << policy.sa.reqid;
    }
    return os;
}

} // namespace ns3
