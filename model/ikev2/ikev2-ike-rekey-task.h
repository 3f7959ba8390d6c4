/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_IKEV2_IKE_REKEY_TASK_H
#define IPSEC_IKEV2_IKE_REKEY_TASK_H

#include "ikev2-task.h"

#include "ns3/key-exchange.h"

#include <memory>

/**
 * \file
 * \ingroup ipsec
 * CREATE_CHILD_SA rekeying the IKE SA (RFC 7296 1.3.2, 2.18).
 */

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Rekeys an IKE SA: SA (new SPI), Ni/Nr, KEi/KEr; the new SKEYSEED comes from the old
 * SK_d. The Child SAs move to the new IKE SA unchanged (their kernel SAs are untouched), the
 * initiator of the rekey becomes the new SA's original initiator, and the old SA is deleted
 * with an INFORMATIONAL on it. A rekey request that crosses our own gets TEMPORARY_FAILURE
 * (2.25) and the initiator tries again later.
 */
class Ikev2IkeRekeyTask : public Ikev2Task
{
  public:
    /**
     * \brief Constructor.
     * \param daemon the daemon
     * \param sa the IKE SA to rekey
     */
    Ikev2IkeRekeyTask(Ikev2Daemon& daemon, Ptr<Ikev2IkeSa> sa);

    Ikev2ExchangeType GetExchangeType() const override;
    const char* GetName() const override;
    Ikev2TaskStatus BuildRequest(Ikev2Message& request) override;
    Ikev2TaskStatus ProcessResponse(const Ikev2Message& response) override;
    void ProcessRequest(const Ikev2Message& request, Ikev2Message& response) override;

    /// \return whether a CREATE_CHILD_SA request rekeys the IKE SA \param request the request
    static bool IsIkeRekey(const Ikev2Message& request);

  private:
    /// Derive the new SA's keys and hand it the Child SAs.
    bool Complete(Ptr<Ikev2IkeSa> fresh, ByteView secret, ByteView ni, ByteView nr);

    uint64_t m_newSpi{0};               //!< our SPI of the new IKE SA
    Bytes m_nonce;                      //!< our nonce
    DhGroupId m_group{DhGroupId::NONE}; //!< our KE group
    std::unique_ptr<KeyExchange> m_dh;  //!< our key pair
    bool m_retried{false};              //!< one INVALID_KE_PAYLOAD retry only
};

} // namespace ns3

#endif // IPSEC_IKEV2_IKE_REKEY_TASK_H
