/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_IKEV2_CHILD_SA_H
#define IPSEC_IKEV2_CHILD_SA_H

#include "ikev2-transform-set.h"

#include "ns3/crypto-types.h"
#include "ns3/ip-address.h"
#include "ns3/ipsec-types.h"
#include "ns3/nstime.h"
#include "ns3/traffic-selector.h"

#include <cstdint>

/**
 * \file
 * \ingroup ipsec
 * The daemon's record of one negotiated Child SA pair (strongSwan's child_sa).
 */

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Life of a Child SA pair, as the daemon sees it.
 */
enum class Ikev2ChildSaState : uint8_t
{
    INSTALLED, //!< both SAs are in the kernel and carry traffic
    REKEYING,  //!< a CREATE_CHILD_SA rekeying it is under way
    REKEYED,   //!< replaced by a newer pair; deleted when the exchange that ends it completes
    DELETING,  //!< an INFORMATIONAL deleting it is under way
};

/**
 * \ingroup ipsec
 * \brief The name of a Child SA state.
 * \param state the state
 * \return a static string
 */
const char* Ikev2ChildSaStateName(Ikev2ChildSaState state);

/**
 * \ingroup ipsec
 * \brief One Child SA pair (an inbound and an outbound SA with the same reqid).
 */
struct Ikev2ChildSa
{
    uint32_t configIndex{0};                               //!< index in the peer's children
    uint32_t reqid{0};                                     //!< the kernel policies' reqid
    IpsecProtocol protocol{IpsecProtocol::ESP};            //!< ESP or AH
    IpsecMode mode{IpsecMode::TRANSPORT};                  //!< negotiated mode
    uint32_t inboundSpi{0};                                //!< chosen by this node
    uint32_t outboundSpi{0};                               //!< chosen by the peer
    ChildTransformSet transforms;                          //!< negotiated transforms
    IpsecSelector selector;                                //!< narrowed traffic, this node's view
    Ikev2ChildSaState state{Ikev2ChildSaState::INSTALLED}; //!< state
    Time installedAt;                                      //!< when it was installed
    Bytes rekeyNonceI;                                     //!< nonces of the exchange that made it
    Bytes rekeyNonceR;                                     //!< (RFC 7296 2.8.1 collisions)
    uint32_t rekeyedFrom{0};      //!< inbound SPI of the pair this one replaces (0: new)
    bool outboundDeferred{false}; //!< rekey responder: outbound SA waits for the old's Delete
    uint32_t collidingSpi{0};     //!< inbound SPI of the pair a colliding peer rekey made
};

} // namespace ns3

#endif // IPSEC_IKEV2_CHILD_SA_H
