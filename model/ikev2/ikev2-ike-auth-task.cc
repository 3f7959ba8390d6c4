/* SPDX-License-Identifier: GPL-2.0-only */

#include "ikev2-ike-auth-task.h"

#include "ikev2-child-create-task.h"
#include "ikev2-daemon.h"

#include "ns3/ikev2-auth-data.h"
#include "ns3/ikev2-auth-payload.h"
#include "ns3/ikev2-cert-payload.h"
#include "ns3/ikev2-cert-request-payload.h"
#include "ns3/ikev2-id-payload.h"
#include "ns3/ikev2-notify-payload.h"
#include "ns3/log.h"
#include "ns3/message-digest.h"
#include "ns3/public-key.h"
#include "ns3/random-source.h"
#include "ns3/signer.h"
#include "ns3/simulator.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Ikev2IkeAuthTask");

namespace
{

/// ID payload body: ID Type | RESERVED | Identification Data (RFC 7296 3.5).
Bytes
IdBody(const Ikev2IdPayload& id)
{
    Bytes body;
    id.SerializeBody(body);
    return body;
}

std::unique_ptr<Ikev2IdPayload>
MakeId(const IkeIdentity& identity, bool initiator)
{
    return std::make_unique<Ikev2IdPayload>(initiator,
                                            static_cast<Ikev2IdType>(identity.GetType()),
                                            identity.GetData());
}

Ikev2EndReason
ReasonOf(Ikev2NotifyType type)
{
    switch (type)
    {
    case Ikev2NotifyType::AUTHENTICATION_FAILED:
        return Ikev2EndReason::AUTHENTICATION_FAILED;
    case Ikev2NotifyType::NO_PROPOSAL_CHOSEN:
        return Ikev2EndReason::NO_PROPOSAL_CHOSEN;
    case Ikev2NotifyType::TS_UNACCEPTABLE:
        return Ikev2EndReason::TS_UNACCEPTABLE;
    default:
        return Ikev2EndReason::PROTOCOL_ERROR;
    }
}

} // namespace

Ikev2IkeAuthTask::Ikev2IkeAuthTask(Ikev2Daemon& daemon,
                                   Ptr<Ikev2IkeSa> sa,
                                   std::vector<uint32_t> children)
    : Ikev2Task(daemon, sa),
      m_children(std::move(children)),
      m_child(daemon, sa, true)
{
}

Ikev2ExchangeType
Ikev2IkeAuthTask::GetExchangeType() const
{
    return Ikev2ExchangeType::IKE_AUTH;
}

const char*
Ikev2IkeAuthTask::GetName() const
{
    return "ike-auth";
}

bool
Ikev2IkeAuthTask::AddOwnAuth(Ikev2Message& msg, bool initiator)
{
    const Ikev2PeerConfig& peer = m_daemon.GetPeer(m_sa->peerIndex);
    const Ikev2AuthConfig& auth = peer.localAuth;
    auto id = MakeId(peer.localId, initiator);
    const Bytes idBody = IdBody(*id);
    msg.AddEncryptedPayload(std::move(id));
    const bool signature = Signer::IsSignatureMethod(auth.method);
    if (signature && auth.certificate)
    {
        msg.AddEncryptedPayload(
            std::make_unique<Ikev2CertPayload>(Ikev2CertEncoding::X509_CERT_SIGNATURE,
                                               auth.certificate->GetDer()));
        for (const auto& intermediate : auth.intermediates)
        {
            msg.AddEncryptedPayload(
                std::make_unique<Ikev2CertPayload>(Ikev2CertEncoding::X509_CERT_SIGNATURE,
                                                   intermediate->GetDer()));
        }
    }
    if (initiator && Signer::IsSignatureMethod(peer.remoteAuth) && peer.trust)
    {
        // RFC 7296 3.7: SHA-1 hashes of the public keys of the CAs we trust
        Bytes authorities;
        for (size_t i = 0; i < peer.trust->GetNTrustAnchors(); ++i)
        {
            const Bytes hash = MessageDigest::Sha1(
                {peer.trust->GetTrustAnchor(i)->GetPublicKey()->GetSubjectPublicKeyInfo()});
            authorities.insert(authorities.end(), hash.begin(), hash.end());
        }
        msg.AddEncryptedPayload(
            std::make_unique<Ikev2CertRequestPayload>(Ikev2CertEncoding::X509_CERT_SIGNATURE,
                                                      authorities));
    }
    // RFC 7296 2.15: InitiatorSignedOctets = RealMessage1 | NonceRData | MACedIDForI
    Ikev2SignedOctetsInput input;
    input.realMessage = initiator ? ByteView(m_sa->initRequest) : ByteView(m_sa->initResponse);
    input.peerNonce = initiator ? ByteView(m_sa->nr) : ByteView(m_sa->ni);
    input.restOfIdPayload = idBody;
    input.skP = initiator ? ByteView(m_sa->keys.skPi) : ByteView(m_sa->keys.skPr);
    Bytes octets;
    if (Ikev2AuthData::ComputeSignedOctets(m_sa->transforms.prf, input, &octets) !=
        CryptoStatus::OK)
    {
        return false;
    }
    Bytes data;
    if (signature)
    {
        if (!auth.key || Signer::SignAuth(*auth.key,
                                          m_daemon.GetRandom(),
                                          auth.method,
                                          auth.scheme,
                                          octets,
                                          data) != SignatureStatus::OK)
        {
            NS_LOG_WARN("cannot sign AUTH with the configured key");
            return false;
        }
    }
    else if (Ikev2AuthData::ComputeSharedKeyAuth(m_sa->transforms.prf, auth.psk, octets, &data) !=
             CryptoStatus::OK)
    {
        return false;
    }
    msg.AddEncryptedPayload(
        std::make_unique<Ikev2AuthPayload>(static_cast<uint8_t>(auth.method), data));
    return true;
}

bool
Ikev2IkeAuthTask::VerifyPeerAuth(const Ikev2Message& msg, bool peerIsInitiator)
{
    const Ikev2PeerConfig& peer = m_daemon.GetPeer(m_sa->peerIndex);
    const auto* id =
        msg.Find<Ikev2IdPayload>(peerIsInitiator ? Ikev2PayloadType::IDI : Ikev2PayloadType::IDR);
    const auto* auth = msg.Find<Ikev2AuthPayload>(Ikev2PayloadType::AUTH);
    if (id == nullptr || auth == nullptr)
    {
        return false;
    }
    const IkeIdentity identity(static_cast<IkeIdType>(id->GetIdType()), id->GetData());
    if (!peer.remoteId.GetData().empty() && !(identity == peer.remoteId))
    {
        NS_LOG_INFO("peer identity " << identity.ToString() << " is not the configured "
                                     << peer.remoteId.ToString());
        return false;
    }
    if (static_cast<AuthMethod>(auth->GetMethod()) != peer.remoteAuth &&
        !(Signer::IsSignatureMethod(peer.remoteAuth) &&
          Signer::IsSignatureMethod(static_cast<AuthMethod>(auth->GetMethod()))))
    {
        NS_LOG_INFO("peer used auth method " << int(auth->GetMethod()));
        return false;
    }
    Ikev2SignedOctetsInput input;
    input.realMessage =
        peerIsInitiator ? ByteView(m_sa->initRequest) : ByteView(m_sa->initResponse);
    input.peerNonce = peerIsInitiator ? ByteView(m_sa->nr) : ByteView(m_sa->ni);
    const Bytes idBody = IdBody(*id);
    input.restOfIdPayload = idBody;
    input.skP = peerIsInitiator ? ByteView(m_sa->keys.skPi) : ByteView(m_sa->keys.skPr);
    Bytes octets;
    if (Ikev2AuthData::ComputeSignedOctets(m_sa->transforms.prf, input, &octets) !=
        CryptoStatus::OK)
    {
        return false;
    }
    if (!Signer::IsSignatureMethod(static_cast<AuthMethod>(auth->GetMethod())))
    {
        if (Ikev2AuthData::VerifySharedKeyAuth(m_sa->transforms.prf,
                                               peer.localAuth.psk,
                                               octets,
                                               auth->GetData()) != CryptoStatus::OK)
        {
            return false;
        }
        m_sa->peerId = identity;
        return true;
    }
    const auto certs = msg.FindAll<Ikev2CertPayload>(Ikev2PayloadType::CERT);
    if (certs.empty() || !peer.trust)
    {
        NS_LOG_INFO("no certificate from the peer, or no trust anchors configured");
        return false;
    }
    Ptr<Certificate> leaf;
    std::vector<Ptr<Certificate>> intermediates;
    for (size_t i = 0; i < certs.size(); ++i)
    {
        Ptr<Certificate> cert;
        if (certs[i]->GetEncoding() !=
                static_cast<uint8_t>(Ikev2CertEncoding::X509_CERT_SIGNATURE) ||
            Certificate::FromDer(certs[i]->GetData(), cert) != CryptoStatus::OK)
        {
            return false;
        }
        if (i == 0)
        {
            leaf = cert;
        }
        else
        {
            intermediates.push_back(cert);
        }
    }
    const CertificateValidation validation =
        peer.trust->ValidateFor(leaf, intermediates, identity, Simulator::Now());
    if (!validation.IsValid())
    {
        NS_LOG_INFO("peer certificate rejected: " << validation.message);
        return false;
    }
    if (Signer::VerifyAuth(*leaf->GetPublicKey(),
                           static_cast<AuthMethod>(auth->GetMethod()),
                           auth->GetData(),
                           octets) != SignatureStatus::OK)
    {
        return false;
    }
    m_sa->peerId = identity;
    return true;
}

Ikev2TaskStatus
Ikev2IkeAuthTask::BuildRequest(Ikev2Message& request)
{
    if (!AddOwnAuth(request, true))
    {
        m_daemon.EndIkeSa(*m_sa, Ikev2EndReason::AUTHENTICATION_FAILED);
        return Ikev2TaskStatus::FAILED;
    }
    if (!m_children.empty() && !m_child.BuildRequest(request, m_children.front(), DhGroupId::NONE))
    {
        m_children.erase(m_children.begin()); // IKE SA without this child (logged)
    }
    request.AddEncryptedPayload(
        std::make_unique<Ikev2NotifyPayload>(Ikev2NotifyType::INITIAL_CONTACT));
    return Ikev2TaskStatus::DONE;
}

Ikev2TaskStatus
Ikev2IkeAuthTask::ProcessResponse(const Ikev2Message& response)
{
    const Ikev2NotifyPayload* error = response.FindErrorNotify();
    if (error != nullptr && response.Find<Ikev2AuthPayload>(Ikev2PayloadType::AUTH) == nullptr)
    {
        m_daemon.EndIkeSa(*m_sa, ReasonOf(static_cast<Ikev2NotifyType>(error->GetNotifyType())));
        return Ikev2TaskStatus::FAILED;
    }
    if (!VerifyPeerAuth(response, false))
    {
        m_daemon.EndIkeSa(*m_sa, Ikev2EndReason::AUTHENTICATION_FAILED);
        return Ikev2TaskStatus::FAILED;
    }
    m_daemon.OnIkeSaEstablished(*m_sa);
    if (!m_children.empty())
    {
        Ikev2NotifyType childError{};
        if (m_child.ProcessResponse(response, 0, &childError) == 0)
        {
            NS_LOG_INFO("first Child SA not created: "
                        << Ikev2NotifyTypeName(static_cast<uint16_t>(childError)));
        }
        // RFC 7296 1.3: further children each take a CREATE_CHILD_SA exchange
        for (size_t i = 1; i < m_children.size(); ++i)
        {
            m_sa->tasks->Queue(
                std::make_unique<Ikev2ChildCreateTask>(m_daemon, m_sa, m_children[i], nullptr));
        }
    }
    return Ikev2TaskStatus::DONE;
}

void
Ikev2IkeAuthTask::ProcessRequest(const Ikev2Message& request, Ikev2Message& response)
{
    if (!VerifyPeerAuth(request, true) || !AddOwnAuth(response, false))
    {
        // RFC 7296 2.21.2: only the notify, then the IKE SA is gone
        response = Ikev2Message();
        response.AddEncryptedPayload(
            std::make_unique<Ikev2NotifyPayload>(Ikev2NotifyType::AUTHENTICATION_FAILED));
        m_authFailed = true;
        return;
    }
    m_daemon.OnIkeSaEstablished(*m_sa);
    if (request.Find<Ikev2Payload>(Ikev2PayloadType::SA) != nullptr)
    {
        m_child.ProcessRequest(request, response, nullptr, true);
    }
}

void
Ikev2IkeAuthTask::AfterResponse()
{
    if (m_authFailed)
    {
        m_daemon.EndIkeSa(*m_sa, Ikev2EndReason::AUTHENTICATION_FAILED);
    }
}

} // namespace ns3
