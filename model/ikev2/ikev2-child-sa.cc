/* SPDX-License-Identifier: GPL-2.0-only */

#include "ikev2-child-sa.h"

namespace ns3
{

const char*
Ikev2ChildSaStateName(Ikev2ChildSaState state)
{
    switch (state)
    {
    case Ikev2ChildSaState::INSTALLED:
        return "INSTALLED";
    case Ikev2ChildSaState::REKEYING:
        return "REKEYING";
    case Ikev2ChildSaState::REKEYED:
        return "REKEYED";
    case Ikev2ChildSaState::DELETING:
        return "DELETING";
    }
    return "UNKNOWN";
}

} // namespace ns3
