/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_IKEV2_TASK_MANAGER_H
#define IPSEC_IKEV2_TASK_MANAGER_H

#include "ikev2-task.h"

#include "ns3/crypto-types.h"
#include "ns3/event-id.h"
#include "ns3/nstime.h"

#include <cstdint>
#include <deque>
#include <memory>
#include <vector>

/**
 * \file
 * \ingroup ipsec
 * Message IDs, the window, retransmission and the response cache of one IKE SA
 * (RFC 7296 2.1-2.3; strongSwan's task_manager_v2).
 */

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Retransmission schedule (strongSwan's defaults: 4 s, base 1.8, 5 tries: the last
 * retransmission waits 4 * 1.8^5 s, about 76 s, and the SA is given up 165 s after the first
 * send).
 */
struct Ikev2RetransmitPolicy
{
    Time timeout{Seconds(4)}; //!< first wait
    double base{1.8};         //!< growth per try
    uint32_t tries{5};        //!< retransmissions before giving up
};

/**
 * \ingroup ipsec
 * \brief Runs the exchanges of one IKE SA: one outstanding request each way (window 1), the
 * message IDs, retransmissions, and the cached last response for retransmitted requests.
 */
class Ikev2TaskManager
{
  public:
    /**
     * \brief Constructor.
     * \param daemon the daemon
     * \param sa the IKE SA
     */
    Ikev2TaskManager(Ikev2Daemon& daemon, Ikev2IkeSa& sa);
    ~Ikev2TaskManager();
    Ikev2TaskManager(const Ikev2TaskManager&) = delete;
    Ikev2TaskManager& operator=(const Ikev2TaskManager&) = delete;

    /// \brief Queue an initiator task and start it when the window is free. \param task task
    void Queue(std::unique_ptr<Ikev2Task> task);

    /// \brief Start the next queued task if no request is outstanding.
    void Initiate();

    /**
     * \brief A response arrived (already decrypted).
     * \param response the message
     */
    void OnResponse(const Ikev2Message& response);

    /**
     * \brief A request arrived (already decrypted): new, a retransmission (the cached response
     * is sent again), or out of window (dropped).
     * \param request the message
     */
    void OnRequest(const Ikev2Message& request);

    /// \return whether a request of ours is outstanding
    bool IsBusy() const
    {
        return m_active != nullptr;
    }

    /// \return the task whose request is outstanding, or null
    Ikev2Task* GetActive() const
    {
        return m_active.get();
    }

    /// \return the number of queued tasks (not counting the active one)
    size_t GetQueuedCount() const
    {
        return m_queue.size();
    }

    /// \return whether a queued or active task has the exchange type
    /// \param type the exchange type
    bool HasTask(Ikev2ExchangeType type) const;

    /// \brief Stop timers and drop every task (the IKE SA is going away).
    void Clear();

    /// \return the next request Message ID this side will use
    uint32_t GetNextRequestId() const
    {
        return m_nextRequestId;
    }

    /// \return whether the request with this ID was answered and is cached
    /// \param messageId the Message ID
    bool IsCachedRequest(uint32_t messageId) const
    {
        return m_hasResponse && messageId == m_responseId;
    }

    /// \brief Set the retransmission schedule. \param policy the schedule
    void SetRetransmitPolicy(const Ikev2RetransmitPolicy& policy)
    {
        m_policy = policy;
    }

  private:
    /// Build and send the active task's request (again, for RETRY).
    void SendActive();
    /// Retransmission timer.
    void Retransmit();

    Ikev2Daemon& m_daemon;                          //!< the daemon
    Ikev2IkeSa& m_sa;                               //!< the IKE SA
    Ikev2RetransmitPolicy m_policy;                 //!< schedule
    std::deque<std::unique_ptr<Ikev2Task>> m_queue; //!< waiting initiator tasks
    std::unique_ptr<Ikev2Task> m_active;            //!< task whose request is outstanding
    Ikev2ExchangeType m_activeType{Ikev2ExchangeType::INFORMATIONAL}; //!< its exchange
    uint32_t m_nextRequestId{0};     //!< our next request's Message ID
    uint32_t m_activeId{0};          //!< the outstanding request's ID
    std::vector<Bytes> m_request;    //!< its datagrams (for retransmission)
    uint32_t m_retransmits{0};       //!< retransmissions so far
    EventId m_retransmitEvent;       //!< timer
    uint32_t m_expectedRequestId{0}; //!< the peer's next request ID
    bool m_hasResponse{false};       //!< a response is cached
    uint32_t m_responseId{0};        //!< its Message ID
    std::vector<Bytes> m_response;   //!< its datagrams
};

} // namespace ns3

#endif // IPSEC_IKEV2_TASK_MANAGER_H
