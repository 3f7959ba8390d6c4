/* SPDX-License-Identifier: GPL-2.0-only */

#include "ikev2-task-manager.h"

#include "ikev2-daemon.h"

#include "ns3/ikev2-notify-payload.h"
#include "ns3/log.h"
#include "ns3/simulator.h"

#include <cmath>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Ikev2TaskManager");

Ikev2TaskManager::Ikev2TaskManager(Ikev2Daemon& daemon, Ikev2IkeSa& sa)
    : m_daemon(daemon),
      m_sa(sa),
      m_policy(daemon.GetRetransmitPolicy())
{
}

Ikev2TaskManager::~Ikev2TaskManager()
{
    m_retransmitEvent.Cancel();
}

void
Ikev2TaskManager::Queue(std::unique_ptr<Ikev2Task> task)
{
    m_queue.push_back(std::move(task));
    Initiate();
}

bool
Ikev2TaskManager::HasTask(Ikev2ExchangeType type) const
{
    if (m_active && m_activeType == type)
    {
        return true;
    }
    for (const auto& task : m_queue)
    {
        if (task->GetExchangeType() == type)
        {
            return true;
        }
    }
    return false;
}

void
Ikev2TaskManager::Clear()
{
    m_retransmitEvent.Cancel();
    m_active.reset();
    m_queue.clear();
}

void
Ikev2TaskManager::Initiate()
{
    while (!m_active && !m_queue.empty() && m_sa.state != Ikev2IkeSaState::DEAD)
    {
        m_active = std::move(m_queue.front());
        m_queue.pop_front();
        m_activeType = m_active->GetExchangeType();
        m_activeId = m_nextRequestId;
        SendActive();
    }
}

void
Ikev2TaskManager::SendActive()
{
    Ptr<Ikev2IkeSa> keep(&m_sa); // a failing task may end the SA
    Ikev2Message request;
    request.GetHeader().exchangeType = static_cast<uint8_t>(m_activeType);
    request.GetHeader().messageId = m_activeId;
    if (m_active->BuildRequest(request) != Ikev2TaskStatus::DONE)
    {
        m_active.reset();
        return;
    }
    request.GetHeader().flags = 0; // the daemon sets I; this is a request
    m_request.clear();
    if (!m_daemon.Transmit(m_sa, request, &m_request))
    {
        m_active.reset();
        return;
    }
    if (m_activeType == Ikev2ExchangeType::IKE_SA_INIT)
    {
        m_sa.initRequest = m_request.front(); // RFC 7296 2.15: AUTH signs these octets
    }
    m_retransmits = 0;
    m_retransmitEvent.Cancel();
    m_retransmitEvent = Simulator::Schedule(m_policy.timeout, &Ikev2TaskManager::Retransmit, this);
}

void
Ikev2TaskManager::Retransmit()
{
    if (!m_active)
    {
        return;
    }
    if (m_retransmits >= m_policy.tries)
    {
        NS_LOG_INFO("IKE SA " << m_sa.GetName() << ": no response after " << m_retransmits
                              << " retransmissions");
        Ptr<Ikev2IkeSa> keep(&m_sa);
        const Ikev2EndReason reason = m_active->GetTimeoutReason();
        m_active.reset();
        m_daemon.EndIkeSa(m_sa, reason);
        return;
    }
    ++m_retransmits;
    Ikev2MessageEvent event;
    event.spiI = m_sa.spiI;
    event.spiR = m_sa.spiR;
    event.exchange = m_activeType;
    event.messageId = m_activeId;
    event.initiatorFlag = m_sa.originalInitiator;
    event.retransmission = true;
    m_daemon.Retransmit(m_sa, m_request, event);
    // strongSwan: timeout * base^n before retransmission n+1
    const Time wait =
        Seconds(m_policy.timeout.GetSeconds() * std::pow(m_policy.base, m_retransmits));
    m_retransmitEvent = Simulator::Schedule(wait, &Ikev2TaskManager::Retransmit, this);
}

void
Ikev2TaskManager::OnResponse(const Ikev2Message& response)
{
    if (!m_active || response.GetHeader().messageId != m_activeId ||
        response.GetExchangeType() != m_activeType)
    {
        NS_LOG_LOGIC("unexpected response " << response.GetHeader().messageId << " dropped");
        return;
    }
    Ptr<Ikev2IkeSa> keep(&m_sa);
    m_retransmitEvent.Cancel();
    const Ikev2TaskStatus status = m_active->ProcessResponse(response);
    if (status == Ikev2TaskStatus::RETRY)
    {
        // IKE_SA_INIT retries (COOKIE, INVALID_KE_PAYLOAD) reuse Message ID 0 (RFC 7296 2.6);
        // other exchanges start a new one
        if (m_activeType != Ikev2ExchangeType::IKE_SA_INIT)
        {
            m_activeId = ++m_nextRequestId;
        }
        SendActive();
        return;
    }
    m_active.reset();
    ++m_nextRequestId;
    Initiate();
}

void
Ikev2TaskManager::OnRequest(const Ikev2Message& request)
{
    const uint32_t id = request.GetHeader().messageId;
    if (m_hasResponse && id == m_responseId)
    {
        // RFC 7296 2.1: a retransmitted request gets the same response again
        Ikev2MessageEvent event;
        event.spiI = m_sa.spiI;
        event.spiR = m_sa.spiR;
        event.exchange = request.GetExchangeType();
        event.messageId = id;
        event.response = true;
        event.initiatorFlag = m_sa.originalInitiator;
        event.retransmission = true;
        m_daemon.Retransmit(m_sa, m_response, event);
        return;
    }
    if (id != m_expectedRequestId)
    {
        NS_LOG_LOGIC("request " << id << " outside the window (expected " << m_expectedRequestId
                                << ") dropped");
        return;
    }
    Ptr<Ikev2IkeSa> keep(&m_sa);
    std::unique_ptr<Ikev2Task> task = m_daemon.CreateResponderTask(keep, request);
    Ikev2Message response;
    if (task)
    {
        task->ProcessRequest(request, response);
    }
    else
    {
        response.AddEncryptedPayload(
            std::make_unique<Ikev2NotifyPayload>(Ikev2NotifyType::INVALID_SYNTAX));
    }
    response.GetHeader().exchangeType = request.GetHeader().exchangeType;
    response.GetHeader().messageId = id;
    response.GetHeader().flags = Ikev2Header::FLAG_RESPONSE;
    m_response.clear();
    if (!m_daemon.Transmit(m_sa, response, &m_response))
    {
        return;
    }
    if (request.GetExchangeType() == Ikev2ExchangeType::IKE_SA_INIT)
    {
        m_sa.initResponse = m_response.front();
    }
    m_hasResponse = true;
    m_responseId = id;
    m_expectedRequestId = id + 1;
    if (task)
    {
        task->AfterResponse();
    }
}

} // namespace ns3
