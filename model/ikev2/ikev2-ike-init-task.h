/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_IKEV2_IKE_INIT_TASK_H
#define IPSEC_IKEV2_IKE_INIT_TASK_H

#include "ikev2-task.h"

#include "ns3/transform-ids.h"

#include <vector>

/**
 * \file
 * \ingroup ipsec
 * IKE_SA_INIT (RFC 7296 1.2, 2.6, 2.10, 2.14, 2.23; RFC 7383 2.3; RFC 7427 4).
 */

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief IKE_SA_INIT: proposals, key exchange, nonces, NAT detection, fragmentation and
 * signature-hash announcements; COOKIE and INVALID_KE_PAYLOAD retries (initiator); the keys
 * of the IKE SA are derived at its end. The initiator then queues IKE_AUTH.
 */
class Ikev2IkeInitTask : public Ikev2Task
{
  public:
    /**
     * \brief Constructor.
     * \param daemon the daemon
     * \param sa the IKE SA
     * \param children child configs to bring up in IKE_AUTH and after (initiator)
     */
    Ikev2IkeInitTask(Ikev2Daemon& daemon, Ptr<Ikev2IkeSa> sa, std::vector<uint32_t> children);

    Ikev2ExchangeType GetExchangeType() const override;
    const char* GetName() const override;
    Ikev2TaskStatus BuildRequest(Ikev2Message& request) override;
    Ikev2TaskStatus ProcessResponse(const Ikev2Message& response) override;
    void ProcessRequest(const Ikev2Message& request, Ikev2Message& response) override;
    void AfterResponse() override;

    /**
     * \brief The NAT_DETECTION_*_IP hash: SHA-1(SPIi | SPIr | IP | port) (RFC 7296 2.23).
     * \param spiI initiator's SPI \param spiR responder's SPI (0 in the request)
     * \param address the address \param port the port
     * \return 20 octets
     */
    static Bytes NatHash(uint64_t spiI, uint64_t spiR, const IpAddress& address, uint16_t port);

  private:
    /// Add NAT_DETECTION_SOURCE/DESTINATION_IP, IKEV2_FRAGMENTATION_SUPPORTED and
    /// SIGNATURE_HASH_ALGORITHMS.
    void AddCapabilityNotifies(Ikev2Message& msg, uint64_t spiR) const;
    /// Read the peer's notifies of the same kinds.
    void ReadCapabilityNotifies(const Ikev2Message& msg);
    /// SKEYSEED and SK_* from the shared secret; makes the SK codec.
    bool DeriveKeys(ByteView sharedSecret);

    std::vector<uint32_t> m_children;   //!< children for IKE_AUTH
    DhGroupId m_group{DhGroupId::NONE}; //!< group of our KE payload
    bool m_invalidKeRetried{false};     //!< one INVALID_KE_PAYLOAD retry only
    bool m_failed{false};               //!< responder: the response is an error notify
    Ikev2EndReason m_failReason{Ikev2EndReason::NONE}; //!< responder: why
};

} // namespace ns3

#endif // IPSEC_IKEV2_IKE_INIT_TASK_H
