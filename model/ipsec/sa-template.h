/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_SA_TEMPLATE_H
#define IPSEC_SA_TEMPLATE_H

#include "ipsec-types.h"

#include <cstdint>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief What a PROTECT policy asks of the SA that carries its traffic (RFC 4301 4.4.1.2,
 *        "Processing info": protocol, mode, tunnel end points).
 *
 * The data plane finds the outbound SA by \c reqid; when there is none it raises an acquire
 * carrying this template, and the key manager negotiates an SA that fits it.
 */
struct SaTemplate
{
    IpsecProtocol protocol = IpsecProtocol::ESP; //!< ESP or AH
    bool ahAlso = false;                         //!< an ESP+AH bundle (AH outside ESP)
    IpsecMode mode = IpsecMode::TRANSPORT;       //!< transport or tunnel
    IpAddress tunnelLocal;                       //!< outer source (tunnel mode only)
    IpAddress tunnelRemote;                      //!< outer destination (tunnel mode only)
    uint32_t reqid = 0;                          //!< links the policy to its SAs
};

} // namespace ns3

#endif // IPSEC_SA_TEMPLATE_H
