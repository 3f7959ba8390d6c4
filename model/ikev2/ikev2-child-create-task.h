/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_IKEV2_CHILD_CREATE_TASK_H
#define IPSEC_IKEV2_CHILD_CREATE_TASK_H

#include "ikev2-child-negotiator.h"
#include "ikev2-task.h"

/**
 * \file
 * \ingroup ipsec
 * CREATE_CHILD_SA for a new Child SA or a Child SA rekey (RFC 7296 1.3.1, 1.3.3, 2.8, 2.8.1).
 */

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief CREATE_CHILD_SA making a Child SA pair, or rekeying one (REKEY_SA notify). Rekeying is
 * make-before-break: the initiator installs the new pair and then deletes the old; the
 * responder defers its new outbound SA until the old pair's Delete arrives, so no packet is
 * sent on an SA its receiver does not have yet. Simultaneous rekeys are resolved by the
 * lowest-nonce rule of 2.8.1.
 */
class Ikev2ChildCreateTask : public Ikev2Task
{
  public:
    /**
     * \brief Constructor.
     * \param daemon the daemon
     * \param sa the IKE SA
     * \param childIndex child config (initiator)
     * \param rekeyed the pair to rekey (initiator; null for a new pair)
     */
    Ikev2ChildCreateTask(Ikev2Daemon& daemon,
                         Ptr<Ikev2IkeSa> sa,
                         uint32_t childIndex,
                         const Ikev2ChildSa* rekeyed);

    Ikev2ExchangeType GetExchangeType() const override;
    const char* GetName() const override;
    Ikev2TaskStatus BuildRequest(Ikev2Message& request) override;
    Ikev2TaskStatus ProcessResponse(const Ikev2Message& response) override;
    void ProcessRequest(const Ikev2Message& request, Ikev2Message& response) override;

  private:
    /// Back out of a failed rekey: the old pair carries on.
    void AbandonRekey();
    /// After our rekey completed: 2.8.1 collision resolution, then delete the loser.
    void FinishRekey(uint32_t newSpi);

    uint32_t m_childIndex;  //!< child config
    uint32_t m_rekeySpi{0}; //!< inbound SPI of the pair being rekeyed (0: new)
    IpsecProtocol m_protocol{IpsecProtocol::ESP}; //!< its protocol
    Ikev2ChildNegotiator m_child;                 //!< SA, nonces, KE, TS
    DhGroupId m_retryGroup{DhGroupId::NONE};      //!< INVALID_KE_PAYLOAD retry group
    bool m_retried{false};                        //!< one retry only
};

} // namespace ns3

#endif // IPSEC_IKEV2_CHILD_CREATE_TASK_H
