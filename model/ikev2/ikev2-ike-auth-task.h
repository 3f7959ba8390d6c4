/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_IKEV2_IKE_AUTH_TASK_H
#define IPSEC_IKEV2_IKE_AUTH_TASK_H

#include "ikev2-child-negotiator.h"
#include "ikev2-task.h"

#include <vector>

/**
 * \file
 * \ingroup ipsec
 * IKE_AUTH (RFC 7296 1.2, 2.15, 3.5-3.8; RFC 7427) with its first Child SA.
 */

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief IKE_AUTH: identities, certificates, AUTH over the exact IKE_SA_INIT octets (PSK or
 * signatures), and the first Child SA. Further children are queued as CREATE_CHILD_SA.
 */
class Ikev2IkeAuthTask : public Ikev2Task
{
  public:
    /**
     * \brief Constructor.
     * \param daemon the daemon
     * \param sa the IKE SA
     * \param children child configs to bring up (initiator; the first goes in IKE_AUTH)
     */
    Ikev2IkeAuthTask(Ikev2Daemon& daemon, Ptr<Ikev2IkeSa> sa, std::vector<uint32_t> children);

    Ikev2ExchangeType GetExchangeType() const override;
    const char* GetName() const override;
    Ikev2TaskStatus BuildRequest(Ikev2Message& request) override;
    Ikev2TaskStatus ProcessResponse(const Ikev2Message& response) override;
    void ProcessRequest(const Ikev2Message& request, Ikev2Message& response) override;
    void AfterResponse() override;

  private:
    /// Add IDx, CERT, AUTH of this side.
    bool AddOwnAuth(Ikev2Message& msg, bool initiator);
    /// Check the peer's IDx, CERT, AUTH. \return whether it authenticated
    bool VerifyPeerAuth(const Ikev2Message& msg, bool peerIsInitiator);

    std::vector<uint32_t> m_children; //!< child configs (initiator)
    Ikev2ChildNegotiator m_child;     //!< the first child
    bool m_authFailed{false};         //!< responder: answered AUTHENTICATION_FAILED
};

} // namespace ns3

#endif // IPSEC_IKEV2_IKE_AUTH_TASK_H
