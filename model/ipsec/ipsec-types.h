/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_IPSEC_TYPES_H
#define IPSEC_IPSEC_TYPES_H

#include "ip-address-range.h"
#include "ip-address.h"
#include "packet-tuple.h"
#include "port-range.h"

#include <cstdint>

/**
 * \file
 * \ingroup ipsec
 * Vocabulary shared by the whole data plane: protocols, modes, policy directions and actions,
 * and the reasons a packet is dropped. Including this header also brings in the address and
 * selector value types (IpAddress, IpAddressRange, PortRange, PacketTuple).
 */

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief The IPsec security protocol, by its IP protocol number (RFC 4303, RFC 4302).
 */
enum class IpsecProtocol : uint8_t
{
    ESP = 50,
    AH = 51,
};

/**
 * \ingroup ipsec
 * \brief The IPsec mode of an SA (RFC 4301 4.1).
 */
enum class IpsecMode : uint8_t
{
    TRANSPORT,
    TUNNEL,
};

/**
 * \ingroup ipsec
 * \brief Which SPD a policy belongs to (RFC 4301 4.4.1: SPD-O, SPD-I and forwarded traffic).
 */
enum class PolicyDirection : uint8_t
{
    OUTBOUND,
    INBOUND,
    FORWARD,
};

/**
 * \ingroup ipsec
 * \brief What the SPD says to do with a packet (RFC 4301 4.4.1).
 */
enum class PolicyAction : uint8_t
{
    PROTECT,
    BYPASS,
    DISCARD,
};

/**
 * \ingroup ipsec
 * \brief Why the data plane dropped a packet (traced).
 */
enum class IpsecDropReason : uint8_t
{
    NO_SA,
    NO_POLICY_SA_MISMATCH,
    REPLAY_DUPLICATE,
    REPLAY_TOO_OLD,
    ICV_FAILURE,
    BAD_PADDING,
    MALFORMED,
    POLICY_VIOLATION,
    SELECTOR_MISMATCH,
    DISCARD_POLICY,
    LIFETIME_EXPIRED,
    SEQUENCE_OVERFLOW,
    ACQUIRE_QUEUE_FULL,
    MTU_EXCEEDED_DF,
    CRYPTO_ERROR,
};

/**
 * \ingroup ipsec
 * \brief The name of a drop reason, as spelled in the enum (for logs, traces and CSV files).
 * \param reason the reason
 * \return a static string, "UNKNOWN" for a value outside the enum
 */
const char* IpsecDropReasonName(IpsecDropReason reason);

/**
 * \ingroup ipsec
 * \brief The name of a policy direction ("OUTBOUND", "INBOUND", "FORWARD").
 * \param direction the direction
 * \return a static string
 */
const char* PolicyDirectionName(PolicyDirection direction);

/**
 * \ingroup ipsec
 * \brief The name of a policy action ("PROTECT", "BYPASS", "DISCARD").
 * \param action the action
 * \return a static string
 */
const char* PolicyActionName(PolicyAction action);

} // namespace ns3

#endif // IPSEC_IPSEC_TYPES_H
