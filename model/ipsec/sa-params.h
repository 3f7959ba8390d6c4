/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_SA_PARAMS_H
#define IPSEC_SA_PARAMS_H

#include "ipsec-types.h"
#include "sa-lifetime.h"
#include "traffic-selector.h"

#include "ns3/crypto-types.h"
#include "ns3/transform-ids.h"

#include <cstdint>

/**
 * \file
 * \ingroup ipsec
 * The description of one Security Association (RFC 4301 4.4.2.1), as IKE or a manual
 * configuration hands it to the kernel.
 */

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Whether the node holding an SA sends or receives with it.
 *
 * RFC 4301 SAs are unidirectional. The SAD needs the direction to pick outbound SAs by reqid
 * without ever choosing the inbound SA of the same pair (both carry the same reqid).
 */
enum class SaDirection : uint8_t
{
    INBOUND,
    OUTBOUND,
};

/**
 * \ingroup ipsec
 * \brief Everything needed to create one unidirectional SA (RFC 4301 4.4.2.1).
 *
 * SecurityAssociation::Create() checks the combination and says what to fix when it is wrong.
 */
struct SaParams
{
    uint32_t spi{0};                              //!< SPI chosen by the receiver (network value)
    IpsecProtocol protocol{IpsecProtocol::ESP};   //!< ESP or AH
    IpsecMode mode{IpsecMode::TRANSPORT};         //!< transport or tunnel
    SaDirection direction{SaDirection::OUTBOUND}; //!< on the node the SA is installed on
    IpAddress src; //!< outer source for tunnel mode, the sending host for transport mode
    IpAddress dst; //!< outer destination for tunnel mode, the receiving host for transport
    EncrId encr{EncrId::NULL_ENCR}; //!< ESP encryption transform (NULL_ENCR for AH)
    uint16_t encrKeyBits{0};        //!< key length in bits (0 for fixed-size transforms)
    Bytes encrKey;                  //!< key material, including the salt (RFC 4106 8.1 etc.)
    IntegId integ{IntegId::NONE};   //!< integrity transform (NONE with AEAD ciphers)
    Bytes integKey;                 //!< integrity key
    bool esn{false};                //!< 64-bit extended sequence numbers (RFC 4303 2.2.1)
    uint32_t replayWindow{64};      //!< anti-replay window in packets (0 disables, inbound)
    SaLifetime lifetime;            //!< soft/hard limits (0 = unlimited)
    bool udpEncap{false};           //!< RFC 3948 UDP encapsulation (ESP only)
    uint16_t encapSrcPort{4500};    //!< UDP source port when udpEncap
    uint16_t encapDstPort{4500};    //!< UDP destination port when udpEncap
    IpsecSelector selector; //!< inner traffic the SA may carry, from this node's point of view
    uint32_t reqid{0};      //!< ties the SA to its policies' templates (shared by both directions)
    bool tfcPadding{false}; //!< RFC 4303 2.4 TFC padding of the inner packet (tunnel mode only)
    uint16_t tfcPadSize{0}; //!< with tfcPadding: pad every inner packet up to this many octets
};

} // namespace ns3

#endif // IPSEC_SA_PARAMS_H
