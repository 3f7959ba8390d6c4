/* SPDX-License-Identifier: GPL-2.0-only */

#include "ikev2-child-negotiator.h"

#include "ikev2-daemon.h"
#include "ikev2-proposal-selector.h"
#include "ikev2-spi.h"
#include "ikev2-ts-narrowing.h"

#include "ns3/cipher.h"
#include "ns3/ikev2-ke-payload.h"
#include "ns3/ikev2-key-derivation.h"
#include "ns3/ikev2-nonce-payload.h"
#include "ns3/ikev2-notify-payload.h"
#include "ns3/ikev2-sa-payload.h"
#include "ns3/ikev2-ts-payload.h"
#include "ns3/integrity.h"
#include "ns3/log.h"
#include "ns3/network-byte-order.h"
#include "ns3/random-source.h"
#include "ns3/simulator.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Ikev2ChildNegotiator");

namespace
{

IpsecProtocol
ProtocolOf(const Ikev2ChildConfig& config)
{
    return config.proposals.empty() ? IpsecProtocol::ESP : config.proposals.front().protocol;
}

/// The TS payloads of a message.
bool
GetSelectors(const Ikev2Message& msg,
             std::vector<Ikev2TrafficSelector>* tsi,
             std::vector<Ikev2TrafficSelector>* tsr)
{
    const auto* i = msg.Find<Ikev2TsPayload>(Ikev2PayloadType::TSI);
    const auto* r = msg.Find<Ikev2TsPayload>(Ikev2PayloadType::TSR);
    if (i == nullptr || r == nullptr)
    {
        return false;
    }
    *tsi = i->GetSelectors();
    *tsr = r->GetSelectors();
    return true;
}

void
AddSelectors(Ikev2Message& msg,
             const std::vector<Ikev2TrafficSelector>& tsi,
             const std::vector<Ikev2TrafficSelector>& tsr)
{
    auto i = std::make_unique<Ikev2TsPayload>(true);
    for (const auto& ts : tsi)
    {
        i->AddSelector(ts);
    }
    auto r = std::make_unique<Ikev2TsPayload>(false);
    for (const auto& ts : tsr)
    {
        r->AddSelector(ts);
    }
    msg.AddEncryptedPayload(std::move(i));
    msg.AddEncryptedPayload(std::move(r));
}

} // namespace

Ikev2ChildNegotiator::Ikev2ChildNegotiator(Ikev2Daemon& daemon, Ptr<Ikev2IkeSa> sa, bool inAuth)
    : m_daemon(daemon),
      m_sa(sa),
      m_inAuth(inAuth)
{
}

bool
Ikev2ChildNegotiator::BuildRequest(Ikev2Message& msg, uint32_t childIndex, DhGroupId pfsGroup)
{
    const Ikev2PeerConfig& peer = m_daemon.GetPeer(m_sa->peerIndex);
    const Ikev2ChildConfig& config = peer.children.at(childIndex);
    m_childIndex = childIndex;
    if (m_spi == 0 &&
        m_daemon.GetKernel()->AllocateSpi(ProtocolOf(config), m_sa->localAddress, &m_spi) !=
            KernelStatus::OK)
    {
        NS_LOG_WARN("no SPI for child " << config.name);
        return false;
    }
    auto sa = std::make_unique<Ikev2SaPayload>();
    // RFC 7296 1.2: no KE in IKE_AUTH, so the offer there carries no DH transform
    m_offered = Ikev2ProposalSelector::MakeChildOffer(
        config.proposals,
        Ikev2ChildSpiOctets(m_spi),
        m_inAuth ? Ikev2ChildExchange::IKE_AUTH : Ikev2ChildExchange::CREATE_CHILD_SA);
    for (const auto& proposal : m_offered)
    {
        sa->AddProposal(proposal);
    }
    msg.AddEncryptedPayload(std::move(sa));
    if (!m_inAuth)
    {
        if (m_nonce.empty())
        {
            m_nonce = m_daemon.GetRandom().Generate(32);
        }
        msg.AddEncryptedPayload(std::make_unique<Ikev2NoncePayload>(m_nonce));
        m_pfsGroup = pfsGroup;
        if (m_pfsGroup == DhGroupId::NONE && !config.proposals.empty() &&
            !config.proposals.front().dh.empty())
        {
            m_pfsGroup = config.proposals.front().dh.front();
        }
        if (m_pfsGroup != DhGroupId::NONE)
        {
            if (!m_dh || m_dh->GetGroup() != m_pfsGroup)
            {
                m_dh = KeyExchange::Create(m_pfsGroup, m_daemon.GetRandom());
            }
            if (!m_dh)
            {
                return false;
            }
            msg.AddEncryptedPayload(
                std::make_unique<Ikev2KePayload>(static_cast<uint16_t>(m_pfsGroup),
                                                 m_dh->GetPublicValue()));
        }
    }
    m_offeredTsi.clear();
    m_offeredTsr.clear();
    if (Ikev2TsNarrowing::MakeOffer(m_daemon.GetChildSelector(*m_sa, childIndex),
                                    nullptr,
                                    &m_offeredTsi,
                                    &m_offeredTsr) != Ikev2TsOutcome::OK)
    {
        NS_LOG_WARN("child " << config.name << ": selector cannot be written as TS payloads");
        return false;
    }
    AddSelectors(msg, m_offeredTsi, m_offeredTsr);
    if (config.mode == IpsecMode::TRANSPORT)
    {
        msg.AddEncryptedPayload(
            std::make_unique<Ikev2NotifyPayload>(Ikev2NotifyType::USE_TRANSPORT_MODE));
    }
    return true;
}

uint32_t
Ikev2ChildNegotiator::ProcessResponse(const Ikev2Message& msg,
                                      uint32_t rekeyedFrom,
                                      Ikev2NotifyType* error)
{
    const Ikev2PeerConfig& peer = m_daemon.GetPeer(m_sa->peerIndex);
    const Ikev2ChildConfig& config = peer.children.at(m_childIndex);
    if (const auto* n = msg.FindErrorNotify())
    {
        *error = static_cast<Ikev2NotifyType>(n->GetNotifyType());
        return 0;
    }
    const auto* saPayload = msg.Find<Ikev2SaPayload>(Ikev2PayloadType::SA);
    std::vector<Ikev2TrafficSelector> tsi;
    std::vector<Ikev2TrafficSelector> tsr;
    if (saPayload == nullptr || saPayload->GetProposals().size() != 1 ||
        !GetSelectors(msg, &tsi, &tsr))
    {
        *error = Ikev2NotifyType::INVALID_SYNTAX;
        return 0;
    }
    const Ikev2Proposal& reply = saPayload->GetProposals().front();
    Ikev2ChildSa child;
    if (Ikev2ProposalSelector::AcceptChildReply(saPayload->GetProposals(),
                                                m_offered,
                                                &child.transforms) !=
            Ikev2ProposalOutcome::CHOSEN ||
        reply.spi.size() != 4)
    {
        *error = Ikev2NotifyType::NO_PROPOSAL_CHOSEN;
        return 0;
    }
    if (Ikev2TsNarrowing::CheckReply(m_offeredTsi, m_offeredTsr, tsi, tsr, &child.selector) !=
        Ikev2TsOutcome::OK)
    {
        *error = Ikev2NotifyType::TS_UNACCEPTABLE;
        return 0;
    }
    const bool transport = msg.FindNotify(Ikev2NotifyType::USE_TRANSPORT_MODE) != nullptr;
    if (transport != (config.mode == IpsecMode::TRANSPORT))
    {
        *error = Ikev2NotifyType::NO_PROPOSAL_CHOSEN; // the peer will not use our mode
        return 0;
    }
    Bytes secret;
    Bytes nr;
    if (!m_inAuth)
    {
        const auto* nonce = msg.Find<Ikev2NoncePayload>(Ikev2PayloadType::NONCE);
        if (nonce == nullptr)
        {
            *error = Ikev2NotifyType::INVALID_SYNTAX;
            return 0;
        }
        nr = nonce->GetNonce();
        if (child.transforms.dh != DhGroupId::NONE)
        {
            const auto* ke = msg.Find<Ikev2KePayload>(Ikev2PayloadType::KE);
            if (ke == nullptr || !m_dh ||
                ke->GetGroup() != static_cast<uint16_t>(m_dh->GetGroup()) ||
                m_dh->ComputeSharedSecret(ke->GetData(), &secret) != CryptoStatus::OK)
            {
                *error = Ikev2NotifyType::INVALID_KE_PAYLOAD;
                return 0;
            }
        }
    }
    child.configIndex = m_childIndex;
    child.protocol = child.transforms.protocol;
    child.mode = config.mode;
    child.inboundSpi = m_spi;
    child.outboundSpi = GetBigEndian32(reply.spi.data());
    child.reqid = m_daemon.GetReqid(m_sa->peerIndex, m_childIndex, m_sa->remoteAddress);
    const ByteView ni = m_inAuth ? ByteView(m_sa->ni) : ByteView(m_nonce);
    const ByteView nrView = m_inAuth ? ByteView(m_sa->nr) : ByteView(nr);
    if (!Install(child, ni, nrView, secret, true, true, rekeyedFrom))
    {
        *error = Ikev2NotifyType::NO_PROPOSAL_CHOSEN;
        return 0;
    }
    return child.inboundSpi;
}

uint32_t
Ikev2ChildNegotiator::ProcessRequest(const Ikev2Message& request,
                                     Ikev2Message& response,
                                     const Ikev2ChildSa* rekeyed,
                                     bool installOutbound)
{
    const Ikev2PeerConfig& peer = m_daemon.GetPeer(m_sa->peerIndex);
    auto fail = [&response](Ikev2NotifyType type, Bytes data = {}) {
        response.AddEncryptedPayload(std::make_unique<Ikev2NotifyPayload>(type, std::move(data)));
        return 0u;
    };
    const auto* saPayload = request.Find<Ikev2SaPayload>(Ikev2PayloadType::SA);
    std::vector<Ikev2TrafficSelector> tsi;
    std::vector<Ikev2TrafficSelector> tsr;
    if (saPayload == nullptr || !GetSelectors(request, &tsi, &tsr))
    {
        return fail(Ikev2NotifyType::INVALID_SYNTAX);
    }
    const bool transport = request.FindNotify(Ikev2NotifyType::USE_TRANSPORT_MODE) != nullptr;

    // Find the child config: the rekeyed pair's, or the first whose selectors and mode fit.
    Ikev2TsNarrowing::Narrowed narrowed;
    int32_t found = -1;
    bool tsOk = false;
    for (uint32_t i = 0; i < peer.children.size(); ++i)
    {
        if (rekeyed != nullptr && rekeyed->configIndex != i)
        {
            continue;
        }
        const IpsecSelector mine = m_daemon.GetChildSelector(*m_sa, i);
        if (Ikev2TsNarrowing::Narrow(tsi, tsr, {mine}, &narrowed) != Ikev2TsOutcome::OK)
        {
            continue;
        }
        tsOk = true;
        if (!transport && peer.children[i].mode == IpsecMode::TRANSPORT)
        {
            continue; // RFC 7296 1.3.1: tunnel is the default, a transport config needs it asked
        }
        found = static_cast<int32_t>(i);
        break;
    }
    if (found < 0)
    {
        return fail(tsOk ? Ikev2NotifyType::NO_PROPOSAL_CHOSEN : Ikev2NotifyType::TS_UNACCEPTABLE);
    }
    m_childIndex = static_cast<uint32_t>(found);
    const Ikev2ChildConfig& config = peer.children[m_childIndex];

    if (m_daemon.GetKernel()->AllocateSpi(ProtocolOf(config), m_sa->localAddress, &m_spi) !=
        KernelStatus::OK)
    {
        return fail(Ikev2NotifyType::NO_ADDITIONAL_SAS);
    }
    const auto* keOffered = request.Find<Ikev2KePayload>(Ikev2PayloadType::KE);
    Ikev2ChildSa child;
    Ikev2Proposal reply;
    const Ikev2ProposalOutcome outcome = Ikev2ProposalSelector::SelectChild(
        saPayload->GetProposals(),
        config.proposals,
        m_inAuth ? Ikev2ChildExchange::IKE_AUTH : Ikev2ChildExchange::CREATE_CHILD_SA,
        keOffered != nullptr ? static_cast<DhGroupId>(keOffered->GetGroup()) : DhGroupId::NONE,
        Ikev2ChildSpiOctets(m_spi),
        &child.transforms,
        &reply);
    if (outcome == Ikev2ProposalOutcome::INVALID_KE_PAYLOAD)
    {
        return fail(Ikev2NotifyType::INVALID_KE_PAYLOAD,
                    Ikev2ProposalSelector::InvalidKeData(child.transforms.dh));
    }
    if (outcome != Ikev2ProposalOutcome::CHOSEN)
    {
        return fail(Ikev2NotifyType::NO_PROPOSAL_CHOSEN);
    }
    Bytes secret;
    Bytes ni;
    std::unique_ptr<Ikev2KePayload> kePayload;
    if (!m_inAuth)
    {
        const auto* nonce = request.Find<Ikev2NoncePayload>(Ikev2PayloadType::NONCE);
        if (nonce == nullptr)
        {
            return fail(Ikev2NotifyType::INVALID_SYNTAX);
        }
        ni = nonce->GetNonce();
        m_nonce = m_daemon.GetRandom().Generate(32);
        if (child.transforms.dh != DhGroupId::NONE)
        {
            const auto* ke = request.Find<Ikev2KePayload>(Ikev2PayloadType::KE);
            if (ke == nullptr || ke->GetGroup() != static_cast<uint16_t>(child.transforms.dh))
            {
                return fail(Ikev2NotifyType::INVALID_KE_PAYLOAD,
                            Ikev2ProposalSelector::InvalidKeData(child.transforms.dh));
            }
            m_dh = KeyExchange::Create(child.transforms.dh, m_daemon.GetRandom());
            if (!m_dh || m_dh->ComputeSharedSecret(ke->GetData(), &secret) != CryptoStatus::OK)
            {
                return fail(Ikev2NotifyType::INVALID_SYNTAX);
            }
            kePayload = std::make_unique<Ikev2KePayload>(static_cast<uint16_t>(child.transforms.dh),
                                                         m_dh->GetPublicValue());
        }
    }
    if (reply.spi.size() != 4)
    {
        return fail(Ikev2NotifyType::INVALID_SYNTAX);
    }
    const Ikev2Proposal* offered = nullptr;
    for (const auto& p : saPayload->GetProposals())
    {
        if (p.number == reply.number)
        {
            offered = &p;
        }
    }
    if (offered == nullptr || offered->spi.size() != 4)
    {
        return fail(Ikev2NotifyType::INVALID_SYNTAX);
    }
    child.configIndex = m_childIndex;
    child.protocol = child.transforms.protocol;
    child.mode = config.mode;
    child.inboundSpi = m_spi;
    child.outboundSpi = GetBigEndian32(offered->spi.data());
    child.selector = narrowed.local;
    child.reqid = rekeyed != nullptr
                      ? rekeyed->reqid
                      : m_daemon.GetReqid(m_sa->peerIndex, m_childIndex, m_sa->remoteAddress);
    const ByteView niView = m_inAuth ? ByteView(m_sa->ni) : ByteView(ni);
    const ByteView nrView = m_inAuth ? ByteView(m_sa->nr) : ByteView(m_nonce);
    if (!Install(child,
                 niView,
                 nrView,
                 secret,
                 false,
                 installOutbound,
                 rekeyed != nullptr ? rekeyed->inboundSpi : 0))
    {
        return fail(Ikev2NotifyType::NO_PROPOSAL_CHOSEN);
    }
    auto sa = std::make_unique<Ikev2SaPayload>();
    sa->AddProposal(reply);
    response.AddEncryptedPayload(std::move(sa));
    if (!m_inAuth)
    {
        response.AddEncryptedPayload(std::make_unique<Ikev2NoncePayload>(m_nonce));
        if (kePayload)
        {
            response.AddEncryptedPayload(std::move(kePayload));
        }
    }
    AddSelectors(response, narrowed.tsi, narrowed.tsr);
    if (config.mode == IpsecMode::TRANSPORT)
    {
        response.AddEncryptedPayload(
            std::make_unique<Ikev2NotifyPayload>(Ikev2NotifyType::USE_TRANSPORT_MODE));
    }
    return child.inboundSpi;
}

bool
Ikev2ChildNegotiator::Install(Ikev2ChildSa& child,
                              ByteView ni,
                              ByteView nr,
                              ByteView pfsSecret,
                              bool weInitiated,
                              bool installOutbound,
                              uint32_t rekeyedFrom)
{
    Ikev2KeySizes sizes;
    if (child.protocol == IpsecProtocol::ESP && child.transforms.encr != EncrId::NULL_ENCR)
    {
        sizes.encrKey =
            Cipher::GetKeyMaterialSize(child.transforms.encr, child.transforms.encrKeyBits);
    }
    if (child.transforms.integ != IntegId::NONE)
    {
        sizes.integKey = Integrity::GetKeySize(child.transforms.integ);
    }
    Ikev2ChildKeys keys;
    if (Ikev2KeyDerivation::DeriveChildKeys(m_sa->transforms.prf,
                                            m_sa->keys.skD,
                                            pfsSecret,
                                            ni,
                                            nr,
                                            sizes,
                                            &keys) != CryptoStatus::OK)
    {
        NS_LOG_WARN("child key derivation failed");
        return false;
    }
    child.rekeyNonceI = Bytes(ni.data, ni.data + ni.size);
    child.rekeyNonceR = Bytes(nr.data, nr.data + nr.size);
    child.installedAt = Simulator::Now();
    return m_daemon.InstallChild(*m_sa, child, keys, weInitiated, installOutbound, rekeyedFrom);
}

} // namespace ns3
