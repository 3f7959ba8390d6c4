/* SPDX-License-Identifier: GPL-2.0-only */

#include "ikev2-ike-init-task.h"

#include "ikev2-daemon.h"
#include "ikev2-ike-auth-task.h"
#include "ikev2-proposal-selector.h"
#include "ikev2-sk-codec.h"
#include "ikev2-spi.h"

#include "ns3/ikev2-ke-payload.h"
#include "ns3/ikev2-key-derivation.h"
#include "ns3/ikev2-nonce-payload.h"
#include "ns3/ikev2-notify-payload.h"
#include "ns3/ikev2-sa-payload.h"
#include "ns3/key-exchange.h"
#include "ns3/log.h"
#include "ns3/message-digest.h"
#include "ns3/network-byte-order.h"
#include "ns3/random-source.h"
#include "ns3/signer.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Ikev2IkeInitTask");

namespace
{

/// RFC 7427 4 hash identifiers we can verify: SHA2-256, SHA2-384, SHA2-512, Identity.
const uint16_t SIGNATURE_HASHES[] = {2, 3, 4, 5};

bool
UsesSignatures(const Ikev2PeerConfig& peer)
{
    return Signer::IsSignatureMethod(peer.localAuth.method) ||
           Signer::IsSignatureMethod(peer.remoteAuth);
}

} // namespace

Ikev2IkeInitTask::Ikev2IkeInitTask(Ikev2Daemon& daemon,
                                   Ptr<Ikev2IkeSa> sa,
                                   std::vector<uint32_t> children)
    : Ikev2Task(daemon, sa),
      m_children(std::move(children))
{
}

Ikev2ExchangeType
Ikev2IkeInitTask::GetExchangeType() const
{
    return Ikev2ExchangeType::IKE_SA_INIT;
}

const char*
Ikev2IkeInitTask::GetName() const
{
    return "ike-init";
}

Bytes
Ikev2IkeInitTask::NatHash(uint64_t spiI, uint64_t spiR, const IpAddress& address, uint16_t port)
{
    const uint8_t portOctets[2] = {static_cast<uint8_t>(port >> 8), static_cast<uint8_t>(port)};
    return MessageDigest::Sha1({Ikev2IkeSpiOctets(spiI),
                                Ikev2IkeSpiOctets(spiR),
                                ByteView(address.GetBytes(), address.GetBitLength() / 8),
                                ByteView(portOctets, 2)});
}

void
Ikev2IkeInitTask::AddCapabilityNotifies(Ikev2Message& msg, uint64_t spiR) const
{
    const Ikev2PeerConfig& peer = m_daemon.GetPeer(m_sa->peerIndex);
    // RFC 7296 2.23; forcing encapsulation fakes the source hash, as strongSwan does, so
    // that the peer sees a NAT in front of us.
    Bytes source = NatHash(m_sa->spiI, spiR, m_sa->localAddress, m_sa->localPort);
    if (peer.forceEncapsulation)
    {
        source = m_daemon.GetRandom().Generate(source.size());
    }
    msg.AddPayload(
        std::make_unique<Ikev2NotifyPayload>(Ikev2NotifyType::NAT_DETECTION_SOURCE_IP, source));
    msg.AddPayload(std::make_unique<Ikev2NotifyPayload>(
        Ikev2NotifyType::NAT_DETECTION_DESTINATION_IP,
        NatHash(m_sa->spiI, spiR, m_sa->remoteAddress, m_sa->remotePort)));
    if (peer.fragmentation)
    {
        msg.AddPayload(
            std::make_unique<Ikev2NotifyPayload>(Ikev2NotifyType::IKEV2_FRAGMENTATION_SUPPORTED));
    }
    if (UsesSignatures(peer))
    {
        Bytes hashes;
        for (uint16_t h : SIGNATURE_HASHES)
        {
            hashes.push_back(static_cast<uint8_t>(h >> 8));
            hashes.push_back(static_cast<uint8_t>(h));
        }
        msg.AddPayload(
            std::make_unique<Ikev2NotifyPayload>(Ikev2NotifyType::SIGNATURE_HASH_ALGORITHMS,
                                                 hashes));
    }
}

void
Ikev2IkeInitTask::ReadCapabilityNotifies(const Ikev2Message& msg)
{
    const uint64_t spiR = msg.GetHeader().responderSpi;
    const auto* source = msg.FindNotify(Ikev2NotifyType::NAT_DETECTION_SOURCE_IP);
    const auto* destination = msg.FindNotify(Ikev2NotifyType::NAT_DETECTION_DESTINATION_IP);
    if (source != nullptr && destination != nullptr)
    {
        m_sa->natRemote =
            source->GetData() != NatHash(m_sa->spiI, spiR, m_sa->remoteAddress, m_sa->remotePort);
        m_sa->natLocal = destination->GetData() !=
                         NatHash(m_sa->spiI, spiR, m_sa->localAddress, m_sa->localPort);
    }
    if (m_daemon.GetPeer(m_sa->peerIndex).forceEncapsulation)
    {
        m_sa->natLocal = true;
    }
    m_sa->peerFragmentation =
        msg.FindNotify(Ikev2NotifyType::IKEV2_FRAGMENTATION_SUPPORTED) != nullptr &&
        m_daemon.GetPeer(m_sa->peerIndex).fragmentation;
    m_sa->peerHashes.clear();
    if (const auto* hashes = msg.FindNotify(Ikev2NotifyType::SIGNATURE_HASH_ALGORITHMS))
    {
        const Bytes& data = hashes->GetData();
        for (size_t i = 0; i + 1 < data.size(); i += 2)
        {
            m_sa->peerHashes.push_back(GetBigEndian16(&data[i]));
        }
    }
}

bool
Ikev2IkeInitTask::DeriveKeys(ByteView sharedSecret)
{
    const IkeTransformSet& t = m_sa->transforms;
    Ikev2KeySizes sizes;
    Bytes skeyseed;
    if (Ikev2KeyDerivation::GetIkeSaKeySizes(t.prf, t.encr, t.encrKeyBits, t.integ, &sizes) !=
            CryptoStatus::OK ||
        Ikev2KeyDerivation::ComputeSkeyseed(t.prf, m_sa->ni, m_sa->nr, sharedSecret, &skeyseed) !=
            CryptoStatus::OK ||
        Ikev2KeyDerivation::DeriveSaKeys(t.prf,
                                         skeyseed,
                                         m_sa->ni,
                                         m_sa->nr,
                                         m_sa->spiI,
                                         m_sa->spiR,
                                         sizes,
                                         &m_sa->keys) != CryptoStatus::OK)
    {
        return false;
    }
    std::string error;
    m_sa->codec = Ikev2SkCodec::Create(t,
                                       m_sa->keys,
                                       m_sa->originalInitiator,
                                       Ptr<RandomSource>(&m_daemon.GetRandom()),
                                       &error);
    if (!m_sa->codec)
    {
        NS_LOG_WARN("no SK codec: " << error);
        return false;
    }
    m_sa->dh.reset(); // RFC 7296 2.12: forget the DH private value once the keys exist
    return true;
}

Ikev2TaskStatus
Ikev2IkeInitTask::BuildRequest(Ikev2Message& request)
{
    const Ikev2PeerConfig& peer = m_daemon.GetPeer(m_sa->peerIndex);
    if (m_group == DhGroupId::NONE)
    {
        m_group = Ikev2ProposalSelector::PreferredGroup(peer.ikeProposals);
    }
    if (!m_sa->dh || m_sa->dh->GetGroup() != m_group)
    {
        m_sa->dh = KeyExchange::Create(m_group, m_daemon.GetRandom());
        if (!m_sa->dh)
        {
            m_daemon.EndIkeSa(*m_sa, Ikev2EndReason::PROTOCOL_ERROR);
            return Ikev2TaskStatus::FAILED;
        }
    }
    if (m_sa->ni.empty())
    {
        m_sa->ni = m_daemon.GetRandom().Generate(32);
    }
    if (!m_sa->cookie.empty())
    {
        // RFC 7296 2.6: the COOKIE notify comes first
        request.AddPayload(
            std::make_unique<Ikev2NotifyPayload>(Ikev2NotifyType::COOKIE, m_sa->cookie));
    }
    auto sa = std::make_unique<Ikev2SaPayload>();
    for (const auto& proposal : Ikev2ProposalSelector::MakeIkeOffer(peer.ikeProposals))
    {
        sa->AddProposal(proposal);
    }
    request.AddPayload(std::move(sa));
    request.AddPayload(std::make_unique<Ikev2KePayload>(static_cast<uint16_t>(m_group),
                                                        m_sa->dh->GetPublicValue()));
    request.AddPayload(std::make_unique<Ikev2NoncePayload>(m_sa->ni));
    AddCapabilityNotifies(request, 0);
    return Ikev2TaskStatus::DONE;
}

Ikev2TaskStatus
Ikev2IkeInitTask::ProcessResponse(const Ikev2Message& response)
{
    const Ikev2PeerConfig& peer = m_daemon.GetPeer(m_sa->peerIndex);
    if (const auto* cookie = response.FindNotify(Ikev2NotifyType::COOKIE))
    {
        if (m_sa->cookie == cookie->GetData())
        {
            m_daemon.EndIkeSa(*m_sa, Ikev2EndReason::PROTOCOL_ERROR); // cookie refused twice
            return Ikev2TaskStatus::FAILED;
        }
        m_sa->cookie = cookie->GetData();
        return Ikev2TaskStatus::RETRY;
    }
    if (const auto* invalidKe = response.FindNotify(Ikev2NotifyType::INVALID_KE_PAYLOAD))
    {
        DhGroupId group = DhGroupId::NONE;
        if (m_invalidKeRetried || Ikev2ProposalSelector::AcceptInvalidKe(
                                      invalidKe->GetData(),
                                      Ikev2ProposalSelector::MakeIkeOffer(peer.ikeProposals),
                                      m_group,
                                      &group) != Ikev2ProposalOutcome::CHOSEN)
        {
            m_daemon.EndIkeSa(*m_sa, Ikev2EndReason::INVALID_KE_PAYLOAD);
            return Ikev2TaskStatus::FAILED;
        }
        m_invalidKeRetried = true;
        m_group = group; // RFC 7296 1.2: retry with the group the responder asked for
        return Ikev2TaskStatus::RETRY;
    }
    if (const auto* n = response.FindErrorNotify())
    {
        const bool noProposal =
            n->GetNotifyType() == static_cast<uint16_t>(Ikev2NotifyType::NO_PROPOSAL_CHOSEN);
        m_daemon.EndIkeSa(*m_sa,
                          noProposal ? Ikev2EndReason::NO_PROPOSAL_CHOSEN
                                     : Ikev2EndReason::PROTOCOL_ERROR);
        return Ikev2TaskStatus::FAILED;
    }
    const auto* saPayload = response.Find<Ikev2SaPayload>(Ikev2PayloadType::SA);
    const auto* ke = response.Find<Ikev2KePayload>(Ikev2PayloadType::KE);
    const auto* nonce = response.Find<Ikev2NoncePayload>(Ikev2PayloadType::NONCE);
    if (saPayload == nullptr || ke == nullptr || nonce == nullptr ||
        saPayload->GetProposals().size() != 1 || response.GetHeader().responderSpi == 0)
    {
        m_daemon.EndIkeSa(*m_sa, Ikev2EndReason::PROTOCOL_ERROR);
        return Ikev2TaskStatus::FAILED;
    }
    if (Ikev2ProposalSelector::AcceptIkeReply(
            saPayload->GetProposals(),
            Ikev2ProposalSelector::MakeIkeOffer(peer.ikeProposals),
            &m_sa->transforms) != Ikev2ProposalOutcome::CHOSEN ||
        m_sa->transforms.dh != m_group || ke->GetGroup() != static_cast<uint16_t>(m_group))
    {
        m_daemon.EndIkeSa(*m_sa, Ikev2EndReason::NO_PROPOSAL_CHOSEN);
        return Ikev2TaskStatus::FAILED;
    }
    m_sa->spiR = response.GetHeader().responderSpi;
    m_sa->nr = nonce->GetNonce();
    ReadCapabilityNotifies(response);
    Bytes secret;
    if (m_sa->dh->ComputeSharedSecret(ke->GetData(), &secret) != CryptoStatus::OK ||
        !DeriveKeys(secret))
    {
        m_daemon.EndIkeSa(*m_sa, Ikev2EndReason::PROTOCOL_ERROR);
        return Ikev2TaskStatus::FAILED;
    }
    if (m_sa->natLocal || m_sa->natRemote)
    {
        m_sa->localPort = 4500; // RFC 7296 2.23: move to 4500 with the non-ESP marker
        m_sa->remotePort = 4500;
    }
    m_sa->tasks->Queue(std::make_unique<Ikev2IkeAuthTask>(m_daemon, m_sa, m_children));
    return Ikev2TaskStatus::DONE;
}

void
Ikev2IkeInitTask::ProcessRequest(const Ikev2Message& request, Ikev2Message& response)
{
    const Ikev2PeerConfig& peer = m_daemon.GetPeer(m_sa->peerIndex);
    auto fail = [&](Ikev2NotifyType type, Bytes data, Ikev2EndReason reason) {
        response.AddPayload(std::make_unique<Ikev2NotifyPayload>(type, std::move(data)));
        m_failed = true;
        m_failReason = reason;
    };
    const auto* saPayload = request.Find<Ikev2SaPayload>(Ikev2PayloadType::SA);
    const auto* ke = request.Find<Ikev2KePayload>(Ikev2PayloadType::KE);
    const auto* nonce = request.Find<Ikev2NoncePayload>(Ikev2PayloadType::NONCE);
    if (saPayload == nullptr || ke == nullptr || nonce == nullptr)
    {
        fail(Ikev2NotifyType::INVALID_SYNTAX, {}, Ikev2EndReason::PROTOCOL_ERROR);
        return;
    }
    Ikev2Proposal reply;
    // the initiator's KE group wins when we accept it (saves a round trip, as strongSwan does)
    const Ikev2ProposalOutcome outcome =
        Ikev2ProposalSelector::SelectIkeForKe(saPayload->GetProposals(),
                                              peer.ikeProposals,
                                              static_cast<DhGroupId>(ke->GetGroup()),
                                              &m_sa->transforms,
                                              &reply);
    if (outcome != Ikev2ProposalOutcome::CHOSEN &&
        outcome != Ikev2ProposalOutcome::INVALID_KE_PAYLOAD)
    {
        fail(Ikev2NotifyType::NO_PROPOSAL_CHOSEN, {}, Ikev2EndReason::NO_PROPOSAL_CHOSEN);
        return;
    }
    if (outcome == Ikev2ProposalOutcome::INVALID_KE_PAYLOAD ||
        ke->GetGroup() != static_cast<uint16_t>(m_sa->transforms.dh))
    {
        // RFC 7296 1.2: name the group we chose so that the initiator can retry
        fail(Ikev2NotifyType::INVALID_KE_PAYLOAD,
             Ikev2ProposalSelector::InvalidKeData(m_sa->transforms.dh),
             Ikev2EndReason::INVALID_KE_PAYLOAD);
        return;
    }
    m_sa->ni = nonce->GetNonce();
    m_sa->nr = m_daemon.GetRandom().Generate(32);
    m_sa->dh = KeyExchange::Create(m_sa->transforms.dh, m_daemon.GetRandom());
    Bytes secret;
    if (!m_sa->dh || m_sa->dh->ComputeSharedSecret(ke->GetData(), &secret) != CryptoStatus::OK)
    {
        fail(Ikev2NotifyType::INVALID_SYNTAX, {}, Ikev2EndReason::PROTOCOL_ERROR);
        return;
    }
    const Bytes ownPublic = m_sa->dh->GetPublicValue();
    if (!DeriveKeys(secret))
    {
        fail(Ikev2NotifyType::NO_PROPOSAL_CHOSEN, {}, Ikev2EndReason::PROTOCOL_ERROR);
        return;
    }
    ReadCapabilityNotifies(request);
    auto sa = std::make_unique<Ikev2SaPayload>();
    sa->AddProposal(reply);
    response.AddPayload(std::move(sa));
    response.AddPayload(
        std::make_unique<Ikev2KePayload>(static_cast<uint16_t>(m_sa->transforms.dh), ownPublic));
    response.AddPayload(std::make_unique<Ikev2NoncePayload>(m_sa->nr));
    AddCapabilityNotifies(response, m_sa->spiR);
}

void
Ikev2IkeInitTask::AfterResponse()
{
    if (m_failed)
    {
        m_daemon.EndIkeSa(*m_sa, m_failReason);
    }
}

} // namespace ns3
