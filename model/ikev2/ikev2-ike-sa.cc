/* SPDX-License-Identifier: GPL-2.0-only */

#include "ikev2-ike-sa.h"

#include "ikev2-sk-codec.h"
#include "ikev2-task-manager.h"

#include "ns3/key-exchange.h"
#include "ns3/simulator.h"

#include <algorithm>
#include <cstdio>

namespace ns3
{

const char*
Ikev2IkeSaStateName(Ikev2IkeSaState state)
{
    switch (state)
    {
    case Ikev2IkeSaState::CONNECTING:
        return "CONNECTING";
    case Ikev2IkeSaState::ESTABLISHED:
        return "ESTABLISHED";
    case Ikev2IkeSaState::REKEYED:
        return "REKEYED";
    case Ikev2IkeSaState::DELETING:
        return "DELETING";
    case Ikev2IkeSaState::DEAD:
        return "DEAD";
    }
    return "UNKNOWN";
}

const char*
Ikev2EndReasonName(Ikev2EndReason reason)
{
    switch (reason)
    {
    case Ikev2EndReason::NONE:
        return "NONE";
    case Ikev2EndReason::DELETED_BY_US:
        return "DELETED_BY_US";
    case Ikev2EndReason::DELETED_BY_PEER:
        return "DELETED_BY_PEER";
    case Ikev2EndReason::REKEYED:
        return "REKEYED";
    case Ikev2EndReason::NO_PROPOSAL_CHOSEN:
        return "NO_PROPOSAL_CHOSEN";
    case Ikev2EndReason::INVALID_KE_PAYLOAD:
        return "INVALID_KE_PAYLOAD";
    case Ikev2EndReason::AUTHENTICATION_FAILED:
        return "AUTHENTICATION_FAILED";
    case Ikev2EndReason::TS_UNACCEPTABLE:
        return "TS_UNACCEPTABLE";
    case Ikev2EndReason::RETRANSMIT_TIMEOUT:
        return "RETRANSMIT_TIMEOUT";
    case Ikev2EndReason::DEAD_PEER:
        return "DEAD_PEER";
    case Ikev2EndReason::HALF_OPEN_TIMEOUT:
        return "HALF_OPEN_TIMEOUT";
    case Ikev2EndReason::PROTOCOL_ERROR:
        return "PROTOCOL_ERROR";
    }
    return "UNKNOWN";
}

Ikev2IkeSa::Ikev2IkeSa(uint32_t peerIndex, bool originalInitiator)
    : peerIndex(peerIndex),
      originalInitiator(originalInitiator)
{
}

Ikev2IkeSa::~Ikev2IkeSa() = default;

std::string
Ikev2IkeSa::GetName() const
{
    char name[40];
    std::snprintf(name,
                  sizeof(name),
                  "%016llx_%016llx",
                  static_cast<unsigned long long>(spiI),
                  static_cast<unsigned long long>(spiR));
    return name;
}

void
Ikev2IkeSa::CancelTimers()
{
    for (EventId* event : {&rekeyEvent, &dpdEvent, &halfOpenEvent, &keepaliveEvent})
    {
        event->Cancel();
        *event = EventId();
    }
}

Ikev2ChildSa*
Ikev2IkeSa::FindChild(uint32_t spi)
{
    for (auto& child : children)
    {
        if (child.inboundSpi == spi || child.outboundSpi == spi)
        {
            return &child;
        }
    }
    return nullptr;
}

void
Ikev2IkeSa::RemoveChild(uint32_t inboundSpi)
{
    children.erase(std::remove_if(children.begin(),
                                  children.end(),
                                  [inboundSpi](const Ikev2ChildSa& child) {
                                      return child.inboundSpi == inboundSpi;
                                  }),
                   children.end());
}

} // namespace ns3
