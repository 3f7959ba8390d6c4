/* SPDX-License-Identifier: GPL-2.0-only */

#include "ikev2-ike-rekey-task.h"

#include "ikev2-daemon.h"
#include "ikev2-informational-task.h"
#include "ikev2-proposal-selector.h"
#include "ikev2-sk-codec.h"
#include "ikev2-spi.h"

#include "ns3/ikev2-ke-payload.h"
#include "ns3/ikev2-key-derivation.h"
#include "ns3/ikev2-nonce-payload.h"
#include "ns3/ikev2-notify-payload.h"
#include "ns3/ikev2-sa-payload.h"
#include "ns3/log.h"
#include "ns3/network-byte-order.h"
#include "ns3/random-source.h"
#include "ns3/simulator.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Ikev2IkeRekeyTask");

Ikev2IkeRekeyTask::Ikev2IkeRekeyTask(Ikev2Daemon& daemon, Ptr<Ikev2IkeSa> sa)
    : Ikev2Task(daemon, sa)
{
}

Ikev2ExchangeType
Ikev2IkeRekeyTask::GetExchangeType() const
{
    return Ikev2ExchangeType::CREATE_CHILD_SA;
}

const char*
Ikev2IkeRekeyTask::GetName() const
{
    return "ike-rekey";
}

bool
Ikev2IkeRekeyTask::IsIkeRekey(const Ikev2Message& request)
{
    const auto* sa = request.Find<Ikev2SaPayload>(Ikev2PayloadType::SA);
    return sa != nullptr && !sa->GetProposals().empty() &&
           sa->GetProposals().front().protocol == Ikev2ProtocolId::IKE;
}

Ikev2TaskStatus
Ikev2IkeRekeyTask::BuildRequest(Ikev2Message& request)
{
    if (m_sa->state != Ikev2IkeSaState::ESTABLISHED)
    {
        return Ikev2TaskStatus::FAILED;
    }
    const Ikev2PeerConfig& peer = m_daemon.GetPeer(m_sa->peerIndex);
    if (m_newSpi == 0)
    {
        m_newSpi = m_daemon.NewIkeSpi();
        m_nonce = m_daemon.GetRandom().Generate(32);
    }
    if (m_group == DhGroupId::NONE)
    {
        m_group = m_sa->transforms.dh; // RFC 7296 2.18: a new key exchange is mandatory
    }
    if (!m_dh || m_dh->GetGroup() != m_group)
    {
        m_dh = KeyExchange::Create(m_group, m_daemon.GetRandom());
        if (!m_dh)
        {
            return Ikev2TaskStatus::FAILED;
        }
    }
    auto sa = std::make_unique<Ikev2SaPayload>();
    for (const auto& proposal :
         Ikev2ProposalSelector::MakeIkeOffer(peer.ikeProposals, Ikev2IkeSpiOctets(m_newSpi)))
    {
        sa->AddProposal(proposal);
    }
    request.AddEncryptedPayload(std::move(sa));
    request.AddEncryptedPayload(std::make_unique<Ikev2NoncePayload>(m_nonce));
    request.AddEncryptedPayload(
        std::make_unique<Ikev2KePayload>(static_cast<uint16_t>(m_group), m_dh->GetPublicValue()));
    return Ikev2TaskStatus::DONE;
}

Ikev2TaskStatus
Ikev2IkeRekeyTask::ProcessResponse(const Ikev2Message& response)
{
    const Ikev2PeerConfig& peer = m_daemon.GetPeer(m_sa->peerIndex);
    if (const auto* n = response.FindErrorNotify())
    {
        DhGroupId retry = DhGroupId::NONE;
        if (n->GetNotifyType() == static_cast<uint16_t>(Ikev2NotifyType::INVALID_KE_PAYLOAD) &&
            !m_retried &&
            Ikev2ProposalSelector::AcceptInvalidKe(
                n->GetData(),
                Ikev2ProposalSelector::MakeIkeOffer(peer.ikeProposals, Ikev2IkeSpiOctets(m_newSpi)),
                m_group,
                &retry) == Ikev2ProposalOutcome::CHOSEN)
        {
            m_retried = true;
            m_group = retry;
            return Ikev2TaskStatus::RETRY;
        }
        NS_LOG_INFO("IKE rekey refused: " << Ikev2NotifyTypeName(n->GetNotifyType())
                                          << "; trying again later");
        m_daemon.ScheduleIkeRekeyRetry(m_sa);
        return Ikev2TaskStatus::FAILED;
    }
    const auto* saPayload = response.Find<Ikev2SaPayload>(Ikev2PayloadType::SA);
    const auto* nonce = response.Find<Ikev2NoncePayload>(Ikev2PayloadType::NONCE);
    const auto* ke = response.Find<Ikev2KePayload>(Ikev2PayloadType::KE);
    Ptr<Ikev2IkeSa> fresh = Create<Ikev2IkeSa>(m_sa->peerIndex, true);
    Bytes secret;
    if (saPayload == nullptr || nonce == nullptr || ke == nullptr ||
        Ikev2ProposalSelector::AcceptIkeReply(
            saPayload->GetProposals(),
            Ikev2ProposalSelector::MakeIkeOffer(peer.ikeProposals, Ikev2IkeSpiOctets(m_newSpi)),
            &fresh->transforms) != Ikev2ProposalOutcome::CHOSEN ||
        saPayload->GetProposals().front().spi.size() != 8 ||
        ke->GetGroup() != static_cast<uint16_t>(m_group) || fresh->transforms.dh != m_group ||
        m_dh->ComputeSharedSecret(ke->GetData(), &secret) != CryptoStatus::OK)
    {
        NS_LOG_WARN("unusable IKE rekey response");
        m_daemon.ScheduleIkeRekeyRetry(m_sa);
        return Ikev2TaskStatus::FAILED;
    }
    fresh->spiI = m_newSpi;
    fresh->spiR = Ikev2IkeSpiValue(saPayload->GetProposals().front().spi);
    if (!Complete(fresh, secret, m_nonce, nonce->GetNonce()))
    {
        m_daemon.ScheduleIkeRekeyRetry(m_sa);
        return Ikev2TaskStatus::FAILED;
    }
    // RFC 7296 2.18: the initiator of the rekey deletes the old IKE SA
    m_sa->tasks->Queue(
        std::make_unique<Ikev2InformationalTask>(m_daemon,
                                                 m_sa,
                                                 Ikev2InformationalTask::Kind::DELETE_IKE));
    return Ikev2TaskStatus::DONE;
}

void
Ikev2IkeRekeyTask::ProcessRequest(const Ikev2Message& request, Ikev2Message& response)
{
    const Ikev2PeerConfig& peer = m_daemon.GetPeer(m_sa->peerIndex);
    auto fail = [&response](Ikev2NotifyType type, Bytes data = {}) {
        response.AddEncryptedPayload(std::make_unique<Ikev2NotifyPayload>(type, std::move(data)));
    };
    Ikev2Task* ours = m_sa->tasks->GetActive();
    if (m_sa->state != Ikev2IkeSaState::ESTABLISHED ||
        dynamic_cast<Ikev2IkeRekeyTask*>(ours) != nullptr)
    {
        fail(Ikev2NotifyType::TEMPORARY_FAILURE); // RFC 7296 2.25: busy rekeying ourselves
        return;
    }
    const auto* saPayload = request.Find<Ikev2SaPayload>(Ikev2PayloadType::SA);
    const auto* nonce = request.Find<Ikev2NoncePayload>(Ikev2PayloadType::NONCE);
    const auto* ke = request.Find<Ikev2KePayload>(Ikev2PayloadType::KE);
    if (saPayload == nullptr || nonce == nullptr || ke == nullptr)
    {
        fail(Ikev2NotifyType::INVALID_SYNTAX);
        return;
    }
    Ptr<Ikev2IkeSa> fresh = Create<Ikev2IkeSa>(m_sa->peerIndex, false);
    fresh->spiR = m_daemon.NewIkeSpi();
    Ikev2Proposal reply;
    const Ikev2ProposalOutcome outcome =
        Ikev2ProposalSelector::SelectIkeForKe(saPayload->GetProposals(),
                                              peer.ikeProposals,
                                              static_cast<DhGroupId>(ke->GetGroup()),
                                              &fresh->transforms,
                                              &reply,
                                              Ikev2IkeSpiOctets(fresh->spiR));
    if (outcome == Ikev2ProposalOutcome::INVALID_KE_PAYLOAD)
    {
        fail(Ikev2NotifyType::INVALID_KE_PAYLOAD,
             Ikev2ProposalSelector::InvalidKeData(fresh->transforms.dh));
        return;
    }
    const Ikev2Proposal* offered = nullptr;
    for (const auto& p : saPayload->GetProposals())
    {
        offered = p.number == reply.number ? &p : offered;
    }
    if (outcome != Ikev2ProposalOutcome::CHOSEN || offered == nullptr || offered->spi.size() != 8)
    {
        fail(Ikev2NotifyType::NO_PROPOSAL_CHOSEN);
        return;
    }
    m_dh = KeyExchange::Create(fresh->transforms.dh, m_daemon.GetRandom());
    Bytes secret;
    if (!m_dh || m_dh->ComputeSharedSecret(ke->GetData(), &secret) != CryptoStatus::OK)
    {
        fail(Ikev2NotifyType::INVALID_SYNTAX);
        return;
    }
    m_nonce = m_daemon.GetRandom().Generate(32);
    fresh->spiI = Ikev2IkeSpiValue(offered->spi);
    if (!Complete(fresh, secret, nonce->GetNonce(), m_nonce))
    {
        fail(Ikev2NotifyType::NO_PROPOSAL_CHOSEN);
        return;
    }
    auto sa = std::make_unique<Ikev2SaPayload>();
    sa->AddProposal(reply);
    response.AddEncryptedPayload(std::move(sa));
    response.AddEncryptedPayload(std::make_unique<Ikev2NoncePayload>(m_nonce));
    response.AddEncryptedPayload(
        std::make_unique<Ikev2KePayload>(static_cast<uint16_t>(fresh->transforms.dh),
                                         m_dh->GetPublicValue()));
}

bool
Ikev2IkeRekeyTask::Complete(Ptr<Ikev2IkeSa> fresh, ByteView secret, ByteView ni, ByteView nr)
{
    // RFC 7296 2.18: SKEYSEED = prf(SK_d (old), g^ir (new) | Ni | Nr), then the usual prf+
    const IkeTransformSet& t = fresh->transforms;
    Ikev2KeySizes sizes;
    Bytes skeyseed;
    if (Ikev2KeyDerivation::ComputeRekeySkeyseed(m_sa->transforms.prf,
                                                 m_sa->keys.skD,
                                                 secret,
                                                 ni,
                                                 nr,
                                                 &skeyseed) != CryptoStatus::OK ||
        Ikev2KeyDerivation::GetIkeSaKeySizes(t.prf, t.encr, t.encrKeyBits, t.integ, &sizes) !=
            CryptoStatus::OK ||
        Ikev2KeyDerivation::DeriveSaKeys(t.prf,
                                         skeyseed,
                                         ni,
                                         nr,
                                         fresh->spiI,
                                         fresh->spiR,
                                         sizes,
                                         &fresh->keys) != CryptoStatus::OK)
    {
        return false;
    }
    std::string error;
    fresh->codec = Ikev2SkCodec::Create(t,
                                        fresh->keys,
                                        fresh->originalInitiator,
                                        Ptr<RandomSource>(&m_daemon.GetRandom()),
                                        &error);
    if (!fresh->codec)
    {
        NS_LOG_WARN("no SK codec for the rekeyed IKE SA: " << error);
        return false;
    }
    fresh->ni = Bytes(ni.data, ni.data + ni.size);
    fresh->nr = Bytes(nr.data, nr.data + nr.size);
    m_daemon.AdoptRekeyedIkeSa(*m_sa, fresh);
    return true;
}

} // namespace ns3
