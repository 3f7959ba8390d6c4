/* SPDX-License-Identifier: GPL-2.0-only */

#include "ipsec-types.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpsecTypes");

const char*
IpsecDropReasonName(IpsecDropReason reason)
{
    switch (reason)
    {
    case IpsecDropReason::NO_SA:
        return "NO_SA";
    case IpsecDropReason::NO_POLICY_SA_MISMATCH:
        return "NO_POLICY_SA_MISMATCH";
    case IpsecDropReason::REPLAY_DUPLICATE:
        return "REPLAY_DUPLICATE";
    case IpsecDropReason::REPLAY_TOO_OLD:
        return "REPLAY_TOO_OLD";
    case IpsecDropReason::ICV_FAILURE:
        return "ICV_FAILURE";
    case IpsecDropReason::BAD_PADDING:
        return "BAD_PADDING";
    case IpsecDropReason::MALFORMED:
        return "MALFORMED";
    case IpsecDropReason::POLICY_VIOLATION:
        return "POLICY_VIOLATION";
    case IpsecDropReason::SELECTOR_MISMATCH:
        return "SELECTOR_MISMATCH";
    case IpsecDropReason::DISCARD_POLICY:
        return "DISCARD_POLICY";
    case IpsecDropReason::LIFETIME_EXPIRED:
        return "LIFETIME_EXPIRED";
    case IpsecDropReason::SEQUENCE_OVERFLOW:
        return "SEQUENCE_OVERFLOW";
    case IpsecDropReason::ACQUIRE_QUEUE_FULL:
        return "ACQUIRE_QUEUE_FULL";
    case IpsecDropReason::MTU_EXCEEDED_DF:
        return "MTU_EXCEEDED_DF";
    case IpsecDropReason::CRYPTO_ERROR:
        return "CRYPTO_ERROR";
    }
    return "UNKNOWN";
}

const char*
PolicyDirectionName(PolicyDirection direction)
{
    switch (direction)
    {
    case PolicyDirection::OUTBOUND:
        return "OUTBOUND";
    case PolicyDirection::INBOUND:
        return "INBOUND";
    case PolicyDirection::FORWARD:
        return "FORWARD";
    }
    return "UNKNOWN";
}

const char*
PolicyActionName(PolicyAction action)
{
    switch (action)
    {
    case PolicyAction::PROTECT:
        return "PROTECT";
    case PolicyAction::BYPASS:
        return "BYPASS";
    case PolicyAction::DISCARD:
        return "DISCARD";
    }
    return "UNKNOWN";
}

} // namespace ns3
