/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_IKEV2_EVENTS_H
#define IPSEC_IKEV2_EVENTS_H

#include "ikev2-child-sa.h"
#include "ikev2-ike-sa.h"

#include "ns3/ikev2-types.h"

#include <cstdint>
#include <string>

/**
 * \file
 * \ingroup ipsec
 * What the IKEv2 daemon's trace sources report.
 */

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief An IKE message sent or received (one per message, not per fragment).
 */
struct Ikev2MessageEvent
{
    uint64_t spiI{0};                                           //!< initiator's IKE SPI
    uint64_t spiR{0};                                           //!< responder's IKE SPI
    Ikev2ExchangeType exchange{Ikev2ExchangeType::IKE_SA_INIT}; //!< exchange type
    uint32_t messageId{0};                                      //!< Message ID
    bool response{false};                                       //!< R flag
    bool initiatorFlag{false};                                  //!< I flag
    uint32_t size{0};           //!< IKE octets, all fragments (non-ESP markers excluded)
    uint16_t fragments{1};      //!< datagrams it took (RFC 7383)
    bool retransmission{false}; //!< a resend of an earlier message (sent only)
    std::string summary;        //!< e.g. "IKE_AUTH request 1 [ SK{ IDi AUTH SA TSi TSr } ]"
};

/**
 * \ingroup ipsec
 * \brief An IKE SA changed state.
 */
struct Ikev2IkeSaEvent
{
    std::string peer;                                   //!< connection name
    uint64_t spiI{0};                                   //!< initiator's IKE SPI
    uint64_t spiR{0};                                   //!< responder's IKE SPI
    bool originalInitiator{false};                      //!< this node initiated it
    Ikev2IkeSaState state{Ikev2IkeSaState::CONNECTING}; //!< new state
    Ikev2EndReason reason{Ikev2EndReason::NONE};        //!< for DEAD: why
};

/**
 * \ingroup ipsec
 * \brief What happened to a Child SA pair.
 */
enum class Ikev2ChildEventType : uint8_t
{
    INSTALLED, //!< a new pair carries traffic
    REKEYED,   //!< a new pair replaced an older one (rekeyedFrom names it)
    DELETED,   //!< the pair was removed from the kernel
};

/**
 * \ingroup ipsec
 * \brief The name of a Child SA event type.
 * \param type the type
 * \return a static string
 */
const char* Ikev2ChildEventTypeName(Ikev2ChildEventType type);

/**
 * \ingroup ipsec
 * \brief A Child SA pair was installed, rekeyed or deleted.
 */
struct Ikev2ChildSaEvent
{
    std::string peer;                                         //!< connection name
    std::string child;                                        //!< child config name
    uint64_t spiI{0};                                         //!< IKE SA initiator's SPI
    uint64_t spiR{0};                                         //!< IKE SA responder's SPI
    Ikev2ChildEventType type{Ikev2ChildEventType::INSTALLED}; //!< what happened
    uint32_t inboundSpi{0};                                   //!< the pair's inbound SPI
    uint32_t outboundSpi{0};                                  //!< the pair's outbound SPI
    uint32_t reqid{0};                                        //!< kernel reqid
    uint32_t rekeyedFrom{0};                                  //!< REKEYED: old inbound SPI
};

} // namespace ns3

#endif // IPSEC_IKEV2_EVENTS_H
