/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_IKEV2_TASK_H
#define IPSEC_IKEV2_TASK_H

#include "ikev2-ike-sa.h"

#include "ns3/ikev2-message.h"
#include "ns3/ptr.h"

/**
 * \file
 * \ingroup ipsec
 * One IKEv2 exchange, from one side (strongSwan's task_t).
 */

namespace ns3
{

class Ikev2Daemon;

/**
 * \ingroup ipsec
 * \brief What a task says after handling a message.
 */
enum class Ikev2TaskStatus : uint8_t
{
    DONE,   //!< the exchange is complete
    RETRY,  //!< send the request again, rebuilt (COOKIE, INVALID_KE_PAYLOAD)
    FAILED, //!< the exchange failed; the task has already told the daemon what to do
};

/**
 * \ingroup ipsec
 * \brief One exchange: an initiator task builds the request and processes the response; a
 * responder task processes the request and builds the response. The role is fixed when the
 * task is made.
 */
class Ikev2Task
{
  public:
    /**
     * \brief Constructor.
     * \param daemon the daemon
     * \param sa the IKE SA the exchange belongs to
     */
    Ikev2Task(Ikev2Daemon& daemon, Ptr<Ikev2IkeSa> sa);
    virtual ~Ikev2Task();
    Ikev2Task(const Ikev2Task&) = delete;
    Ikev2Task& operator=(const Ikev2Task&) = delete;

    /// \return the exchange type
    virtual Ikev2ExchangeType GetExchangeType() const = 0;

    /// \return a name for logs
    virtual const char* GetName() const = 0;

    /**
     * \brief Initiator: add the request's payloads.
     * \param request the message (header filled in by the task manager)
     * \return DONE to send it, FAILED to drop the task
     */
    virtual Ikev2TaskStatus BuildRequest(Ikev2Message& request);

    /**
     * \brief Initiator: handle the response.
     * \param response the decrypted response
     * \return DONE, RETRY or FAILED
     */
    virtual Ikev2TaskStatus ProcessResponse(const Ikev2Message& response);

    /**
     * \brief Responder: handle the request and add the response's payloads.
     * \param request the decrypted request
     * \param response the message to fill
     */
    virtual void ProcessRequest(const Ikev2Message& request, Ikev2Message& response);

    /**
     * \brief Why the IKE SA ends when this task's request is never answered.
     * \return RETRANSMIT_TIMEOUT (a liveness check says DEAD_PEER)
     */
    virtual Ikev2EndReason GetTimeoutReason() const;

    /**
     * \brief Called after a responder task's response has been sent (e.g. to delete an IKE SA
     * whose authentication failed, once the notify is on its way).
     */
    virtual void AfterResponse();

  protected:
    Ikev2Daemon& m_daemon; //!< the daemon
    Ptr<Ikev2IkeSa> m_sa;  //!< the IKE SA
};

} // namespace ns3

#endif // IPSEC_IKEV2_TASK_H
