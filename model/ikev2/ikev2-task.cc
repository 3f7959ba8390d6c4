/* SPDX-License-Identifier: GPL-2.0-only */

#include "ikev2-task.h"

namespace ns3
{

Ikev2Task::Ikev2Task(Ikev2Daemon& daemon, Ptr<Ikev2IkeSa> sa)
    : m_daemon(daemon),
      m_sa(sa)
{
}

Ikev2Task::~Ikev2Task() = default;

Ikev2TaskStatus
Ikev2Task::BuildRequest(Ikev2Message& /* request */)
{
    return Ikev2TaskStatus::FAILED; // a responder-only task was queued as initiator
}

Ikev2TaskStatus
Ikev2Task::ProcessResponse(const Ikev2Message& /* response */)
{
    return Ikev2TaskStatus::FAILED;
}

void
Ikev2Task::ProcessRequest(const Ikev2Message& /* request */, Ikev2Message& /* response */)
{
}

Ikev2EndReason
Ikev2Task::GetTimeoutReason() const
{
    return Ikev2EndReason::RETRANSMIT_TIMEOUT;
}

void
Ikev2Task::AfterResponse()
{
}

} // namespace ns3
