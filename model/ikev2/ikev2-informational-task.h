/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_IKEV2_INFORMATIONAL_TASK_H
#define IPSEC_IKEV2_INFORMATIONAL_TASK_H

#include "ikev2-task.h"

/**
 * \file
 * \ingroup ipsec
 * INFORMATIONAL exchanges: Delete and liveness checks (RFC 7296 1.4, 2.4, 3.11).
 */

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief INFORMATIONAL: deletes a Child SA pair or the IKE SA, or checks that the peer is
 * alive (an empty SK payload). As responder it answers deletes with the matching Delete of its
 * own SPIs (1.4.1) and answers everything else with an empty message.
 */
class Ikev2InformationalTask : public Ikev2Task
{
  public:
    /// What the initiator sends.
    enum class Kind : uint8_t
    {
        DELETE_CHILD, //!< Delete of one Child SA pair
        DELETE_IKE,   //!< Delete of the IKE SA (and with it every Child SA)
        LIVENESS,     //!< empty: dead-peer detection
    };

    /**
     * \brief Constructor.
     * \param daemon the daemon
     * \param sa the IKE SA
     * \param kind what to send (ignored by a responder)
     * \param inboundSpi DELETE_CHILD: the pair's inbound SPI
     */
    Ikev2InformationalTask(Ikev2Daemon& daemon,
                           Ptr<Ikev2IkeSa> sa,
                           Kind kind,
                           uint32_t inboundSpi = 0);

    Ikev2ExchangeType GetExchangeType() const override;
    const char* GetName() const override;
    Ikev2TaskStatus BuildRequest(Ikev2Message& request) override;
    Ikev2TaskStatus ProcessResponse(const Ikev2Message& response) override;
    void ProcessRequest(const Ikev2Message& request, Ikev2Message& response) override;
    void AfterResponse() override;
    Ikev2EndReason GetTimeoutReason() const override;

  private:
    Kind m_kind;              //!< what to send
    uint32_t m_inboundSpi;    //!< DELETE_CHILD
    bool m_ikeDeleted{false}; //!< responder: the peer deleted the IKE SA
};

} // namespace ns3

#endif // IPSEC_IKEV2_INFORMATIONAL_TASK_H
