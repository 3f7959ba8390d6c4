/* SPDX-License-Identifier: GPL-2.0-only */

#include "ikev2-events.h"

namespace ns3
{

const char*
Ikev2ChildEventTypeName(Ikev2ChildEventType type)
{
    switch (type)
    {
    case Ikev2ChildEventType::INSTALLED:
        return "INSTALLED";
    case Ikev2ChildEventType::REKEYED:
        return "REKEYED";
    case Ikev2ChildEventType::DELETED:
        return "DELETED";
    }
    return "UNKNOWN";
}

} // namespace ns3
