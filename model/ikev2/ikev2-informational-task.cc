/* SPDX-License-Identifier: GPL-2.0-only */

#include "ikev2-informational-task.h"

#include "ikev2-daemon.h"
#include "ikev2-spi.h"

#include "ns3/ikev2-delete-payload.h"
#include "ns3/ikev2-notify-payload.h"
#include "ns3/log.h"
#include "ns3/network-byte-order.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Ikev2InformationalTask");

Ikev2InformationalTask::Ikev2InformationalTask(Ikev2Daemon& daemon,
                                               Ptr<Ikev2IkeSa> sa,
                                               Kind kind,
                                               uint32_t inboundSpi)
    : Ikev2Task(daemon, sa),
      m_kind(kind),
      m_inboundSpi(inboundSpi)
{
}

Ikev2ExchangeType
Ikev2InformationalTask::GetExchangeType() const
{
    return Ikev2ExchangeType::INFORMATIONAL;
}

const char*
Ikev2InformationalTask::GetName() const
{
    switch (m_kind)
    {
    case Kind::DELETE_CHILD:
        return "child-delete";
    case Kind::DELETE_IKE:
        return "ike-delete";
    default:
        return "ike-dpd";
    }
}

Ikev2TaskStatus
Ikev2InformationalTask::BuildRequest(Ikev2Message& request)
{
    if (m_kind == Kind::DELETE_CHILD)
    {
        Ikev2ChildSa* child = m_sa->FindChild(m_inboundSpi);
        if (child == nullptr)
        {
            return Ikev2TaskStatus::FAILED;
        }
        request.AddEncryptedPayload(std::make_unique<Ikev2DeletePayload>(
            Ikev2WireProtocol(child->protocol),
            4,
            std::vector<Bytes>{Ikev2ChildSpiOctets(m_inboundSpi)}));
    }
    else if (m_kind == Kind::DELETE_IKE)
    {
        if (m_sa->state != Ikev2IkeSaState::REKEYED)
        {
            m_daemon.SetState(*m_sa, Ikev2IkeSaState::DELETING);
        }
        request.AddEncryptedPayload(std::make_unique<Ikev2DeletePayload>(Ikev2ProtocolId::IKE, 0));
    }
    return Ikev2TaskStatus::DONE;
}

Ikev2TaskStatus
Ikev2InformationalTask::ProcessResponse(const Ikev2Message& /* response */)
{
    if (m_kind == Kind::DELETE_CHILD)
    {
        // RFC 7296 1.4.1: the response deletes the peer's half; we remove both halves
        m_daemon.DeleteChild(*m_sa, m_inboundSpi);
    }
    else if (m_kind == Kind::DELETE_IKE)
    {
        m_daemon.EndIkeSa(*m_sa,
                          m_sa->state == Ikev2IkeSaState::REKEYED ? Ikev2EndReason::REKEYED
                                                                  : Ikev2EndReason::DELETED_BY_US);
    }
    return Ikev2TaskStatus::DONE;
}

void
Ikev2InformationalTask::ProcessRequest(const Ikev2Message& request, Ikev2Message& response)
{
    std::vector<Bytes> answered;
    IpsecProtocol protocol = IpsecProtocol::ESP;
    for (const auto* del : request.FindAll<Ikev2DeletePayload>(Ikev2PayloadType::DELETE))
    {
        if (del->GetProtocol() == static_cast<uint8_t>(Ikev2ProtocolId::IKE))
        {
            m_ikeDeleted = true; // RFC 7296 1.4.1: answer with an empty message, then go
            return;
        }
        protocol = del->GetProtocol() == static_cast<uint8_t>(Ikev2ProtocolId::AH)
                       ? IpsecProtocol::AH
                       : IpsecProtocol::ESP;
        for (const Bytes& spi : del->GetSpis())
        {
            if (spi.size() != 4)
            {
                continue;
            }
            const uint32_t outbound = GetBigEndian32(spi.data());
            Ikev2ChildSa* child = m_sa->FindChild(outbound);
            if (child == nullptr || child->outboundSpi != outbound)
            {
                continue; // RFC 7296 1.4.1: unknown SPIs are ignored
            }
            const uint32_t inbound = child->inboundSpi;
            answered.push_back(Ikev2ChildSpiOctets(inbound));
            // a rekey responder's new pair may now send (RFC 7296 2.8)
            for (auto& other : m_sa->children)
            {
                if (other.rekeyedFrom == inbound && other.outboundDeferred)
                {
                    m_daemon.InstallDeferredOutbound(*m_sa, other);
                }
            }
            m_daemon.DeleteChild(*m_sa, inbound);
        }
    }
    for (const auto* n : request.FindAll<Ikev2NotifyPayload>(Ikev2PayloadType::NOTIFY))
    {
        // RFC 7296 2.21.4, 3.10.1: the peer got ESP/AH with an SPI it does not know; its
        // Notification Data is that SPI, one of our outbound SAs: that pair is useless
        if (n->GetNotifyType() == static_cast<uint16_t>(Ikev2NotifyType::INVALID_SPI) &&
            n->GetData().size() == 4)
        {
            Ikev2ChildSa* child = m_sa->FindChild(GetBigEndian32(n->GetData().data()));
            if (child != nullptr && child->outboundSpi == GetBigEndian32(n->GetData().data()))
            {
                m_daemon.DeleteChild(*m_sa, child->inboundSpi);
            }
        }
    }
    if (!answered.empty())
    {
        response.AddEncryptedPayload(
            std::make_unique<Ikev2DeletePayload>(Ikev2WireProtocol(protocol), 4, answered));
    }
}

Ikev2EndReason
Ikev2InformationalTask::GetTimeoutReason() const
{
    // RFC 7296 2.4: an unanswered liveness check means the peer is gone
    return m_kind == Kind::LIVENESS ? Ikev2EndReason::DEAD_PEER
                                    : Ikev2EndReason::RETRANSMIT_TIMEOUT;
}

void
Ikev2InformationalTask::AfterResponse()
{
    if (m_ikeDeleted)
    {
        m_daemon.EndIkeSa(*m_sa,
                          m_sa->state == Ikev2IkeSaState::REKEYED
                              ? Ikev2EndReason::REKEYED
                              : Ikev2EndReason::DELETED_BY_PEER);
    }
}

} // namespace ns3
