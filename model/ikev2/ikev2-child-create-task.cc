/* SPDX-License-Identifier: GPL-2.0-only */

#include "ikev2-child-create-task.h"

#include "ikev2-daemon.h"
#include "ikev2-informational-task.h"
#include "ikev2-spi.h"

#include "ns3/ikev2-notify-payload.h"
#include "ns3/ikev2-sa-payload.h"
#include "ns3/log.h"
#include "ns3/network-byte-order.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Ikev2ChildCreateTask");

namespace
{

/// The smallest of the nonces, compared as octet strings (RFC 7296 2.8.1).
const Bytes&
Lowest(const Bytes& a, const Bytes& b)
{
    return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end()) ? a : b;
}

} // namespace

Ikev2ChildCreateTask::Ikev2ChildCreateTask(Ikev2Daemon& daemon,
                                           Ptr<Ikev2IkeSa> sa,
                                           uint32_t childIndex,
                                           const Ikev2ChildSa* rekeyed)
    : Ikev2Task(daemon, sa),
      m_childIndex(childIndex),
      m_child(daemon, sa, false)
{
    if (rekeyed != nullptr)
    {
        m_rekeySpi = rekeyed->inboundSpi;
        m_protocol = rekeyed->protocol;
        m_childIndex = rekeyed->configIndex;
    }
}

Ikev2ExchangeType
Ikev2ChildCreateTask::GetExchangeType() const
{
    return Ikev2ExchangeType::CREATE_CHILD_SA;
}

const char*
Ikev2ChildCreateTask::GetName() const
{
    return m_rekeySpi != 0 ? "child-rekey" : "child-create";
}

Ikev2TaskStatus
Ikev2ChildCreateTask::BuildRequest(Ikev2Message& request)
{
    if (m_rekeySpi != 0)
    {
        Ikev2ChildSa* old = m_sa->FindChild(m_rekeySpi);
        if (old == nullptr || old->state != Ikev2ChildSaState::REKEYING)
        {
            return Ikev2TaskStatus::FAILED; // deleted meanwhile
        }
        request.AddEncryptedPayload(
            std::make_unique<Ikev2NotifyPayload>(Ikev2NotifyType::REKEY_SA,
                                                 Bytes{},
                                                 Ikev2WireProtocol(m_protocol),
                                                 Ikev2ChildSpiOctets(m_rekeySpi)));
    }
    if (!m_child.BuildRequest(request, m_childIndex, m_retryGroup))
    {
        AbandonRekey();
        return Ikev2TaskStatus::FAILED;
    }
    return Ikev2TaskStatus::DONE;
}

void
Ikev2ChildCreateTask::AbandonRekey()
{
    if (Ikev2ChildSa* old = m_rekeySpi != 0 ? m_sa->FindChild(m_rekeySpi) : nullptr)
    {
        if (old->state == Ikev2ChildSaState::REKEYING)
        {
            old->state = Ikev2ChildSaState::INSTALLED;
            old->collidingSpi = 0;
        }
    }
}

Ikev2TaskStatus
Ikev2ChildCreateTask::ProcessResponse(const Ikev2Message& response)
{
    Ikev2NotifyType error{};
    const uint32_t newSpi = m_child.ProcessResponse(response, m_rekeySpi, &error);
    if (newSpi == 0)
    {
        if (error == Ikev2NotifyType::INVALID_KE_PAYLOAD && !m_retried)
        {
            const auto* n = response.FindNotify(Ikev2NotifyType::INVALID_KE_PAYLOAD);
            if (n != nullptr && n->GetData().size() == 2)
            {
                m_retryGroup = static_cast<DhGroupId>(GetBigEndian16(n->GetData().data()));
                m_retried = true;
                return Ikev2TaskStatus::RETRY; // RFC 7296 1.3: a new exchange, the new group
            }
        }
        NS_LOG_INFO(GetName() << " failed: " << Ikev2NotifyTypeName(static_cast<uint16_t>(error)));
        if (error == Ikev2NotifyType::CHILD_SA_NOT_FOUND && m_rekeySpi != 0)
        {
            m_daemon.DeleteChild(*m_sa, m_rekeySpi); // the peer no longer has it
        }
        AbandonRekey();
        return Ikev2TaskStatus::FAILED;
    }
    if (m_rekeySpi != 0)
    {
        FinishRekey(newSpi);
    }
    return Ikev2TaskStatus::DONE;
}

void
Ikev2ChildCreateTask::FinishRekey(uint32_t newSpi)
{
    Ikev2ChildSa* old = m_sa->FindChild(m_rekeySpi);
    Ikev2ChildSa* ours = m_sa->FindChild(newSpi);
    if (old == nullptr || ours == nullptr)
    {
        return;
    }
    Ikev2ChildSa* theirs = old->collidingSpi != 0 ? m_sa->FindChild(old->collidingSpi) : nullptr;
    if (theirs != nullptr)
    {
        // RFC 7296 2.8.1: the exchange with the lowest of the four nonces made the redundant
        // pair; its initiator deletes it. The other side deletes the old pair.
        const Bytes& ourLowest = Lowest(ours->rekeyNonceI, ours->rekeyNonceR);
        const Bytes& theirLowest = Lowest(theirs->rekeyNonceI, theirs->rekeyNonceR);
        if (&Lowest(ourLowest, theirLowest) == &ourLowest)
        {
            NS_LOG_INFO("rekey collision lost: deleting our pair " << newSpi);
            old->state = Ikev2ChildSaState::REKEYED;
            ours->state = Ikev2ChildSaState::DELETING;
            m_daemon.InstallDeferredOutbound(*m_sa, *theirs);
            m_sa->tasks->Queue(
                std::make_unique<Ikev2InformationalTask>(m_daemon,
                                                         m_sa,
                                                         Ikev2InformationalTask::Kind::DELETE_CHILD,
                                                         newSpi));
            return;
        }
        NS_LOG_INFO("rekey collision won: keeping our pair " << newSpi);
    }
    old->state = Ikev2ChildSaState::REKEYED;
    m_sa->tasks->Queue(
        std::make_unique<Ikev2InformationalTask>(m_daemon,
                                                 m_sa,
                                                 Ikev2InformationalTask::Kind::DELETE_CHILD,
                                                 m_rekeySpi));
}

void
Ikev2ChildCreateTask::ProcessRequest(const Ikev2Message& request, Ikev2Message& response)
{
    if (m_sa->state != Ikev2IkeSaState::ESTABLISHED)
    {
        // RFC 7296 2.25.2: this IKE SA is being replaced; ask again on its successor
        response.AddEncryptedPayload(
            std::make_unique<Ikev2NotifyPayload>(Ikev2NotifyType::TEMPORARY_FAILURE));
        return;
    }
    const Ikev2NotifyPayload* rekey = request.FindNotify(Ikev2NotifyType::REKEY_SA);
    if (rekey == nullptr)
    {
        m_child.ProcessRequest(request, response, nullptr, true);
        return;
    }
    // RFC 7296 2.8: the SPI is the initiator's inbound one, our outbound one
    Ikev2ChildSa* old = rekey->GetSpi().size() == 4
                            ? m_sa->FindChild(GetBigEndian32(rekey->GetSpi().data()))
                            : nullptr;
    if (old == nullptr || old->outboundSpi != GetBigEndian32(rekey->GetSpi().data()) ||
        old->state == Ikev2ChildSaState::DELETING)
    {
        response.AddEncryptedPayload(std::make_unique<Ikev2NotifyPayload>(
            Ikev2NotifyType::CHILD_SA_NOT_FOUND,
            Bytes{},
            rekey->GetProtocol() == static_cast<uint8_t>(Ikev2ProtocolId::AH)
                ? Ikev2ProtocolId::AH
                : Ikev2ProtocolId::ESP,
            rekey->GetSpi()));
        return;
    }
    if (old->state == Ikev2ChildSaState::REKEYED)
    {
        // our own rekey of it already completed; its Delete is on the way
        response.AddEncryptedPayload(
            std::make_unique<Ikev2NotifyPayload>(Ikev2NotifyType::TEMPORARY_FAILURE));
        return;
    }
    const Ikev2ChildSa oldCopy = *old;
    const uint32_t newSpi = m_child.ProcessRequest(request, response, &oldCopy, false);
    if (newSpi != 0)
    {
        old = m_sa->FindChild(oldCopy.inboundSpi);
        if (old != nullptr && old->state == Ikev2ChildSaState::REKEYING)
        {
            old->collidingSpi = newSpi; // we are rekeying it too: resolved when ours completes
        }
        else if (old != nullptr)
        {
            old->state = Ikev2ChildSaState::REKEYED; // replaced; its Delete is on the way
        }
    }
}

} // namespace ns3
