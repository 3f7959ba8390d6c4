/* SPDX-License-Identifier: GPL-2.0-only */

#include "ike-helper.h"

#include "ns3/certificate-validator.h"
#include "ns3/ikev2-decryption-table.h"
#include "ns3/ipsec-stack.h"
#include "ns3/log.h"
#include "ns3/random-source.h"
#include "ns3/security-association-database.h"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeHelper");

namespace
{

bool
Fail(std::string* error, const std::string& message)
{
    if (error != nullptr)
    {
        *error = message;
    }
    return false;
}

/// Split "a,b,c" (spaces ignored).
std::vector<std::string>
SplitList(const std::string& list)
{
    std::vector<std::string> items;
    std::stringstream in(list);
    std::string item;
    while (std::getline(in, item, ','))
    {
        item.erase(std::remove(item.begin(), item.end(), ' '), item.end());
        if (!item.empty())
        {
            items.push_back(item);
        }
    }
    return items;
}

IkeIdentity
IdentityOf(const IpAddress& address)
{
    return address.IsIpv4() ? IkeIdentity::FromIpv4(address.GetIpv4())
                            : IkeIdentity::FromIpv6(address.GetIpv6());
}

} // namespace

IkeHelper::IkeHelper()
{
    m_daemonFactory.SetTypeId(Ikev2Daemon::GetTypeId());
    std::string error;
    IkeProposalConfig ike;
    NS_ABORT_UNLESS(IkeProposalConfig::Parse("aes128gcm16-prfsha256-x25519", &ike, &error));
    m_ike = {ike};
    ChildProposalConfig child;
    NS_ABORT_UNLESS(ChildProposalConfig::Parse("aes128gcm16", &child, &error));
    m_child = {child};
}

IkeHelper::~IkeHelper() = default;

void
IkeHelper::SetDaemonAttribute(const std::string& name, const AttributeValue& value)
{
    m_daemonFactory.Set(name, value);
}

IpsecHelper&
IkeHelper::GetIpsecHelper()
{
    return m_ipsec;
}

bool
IkeHelper::SetIkeProposals(const std::string& proposals, std::string* error)
{
    std::vector<IkeProposalConfig> parsed;
    for (const std::string& text : SplitList(proposals))
    {
        IkeProposalConfig config;
        if (!IkeProposalConfig::Parse(text, &config, error))
        {
            return false;
        }
        parsed.push_back(config);
    }
    if (parsed.empty())
    {
        return Fail(error, "no IKE proposal in '" + proposals + "'");
    }
    m_ike = parsed;
    return true;
}

bool
IkeHelper::SetChildProposals(const std::string& proposals, bool ah, std::string* error)
{
    std::vector<ChildProposalConfig> parsed;
    for (const std::string& text : SplitList(proposals))
    {
        ChildProposalConfig config;
        if (!ChildProposalConfig::Parse(text,
                                        &config,
                                        error,
                                        ah ? IpsecProtocol::AH : IpsecProtocol::ESP))
        {
            return false;
        }
        parsed.push_back(config);
    }
    if (parsed.empty())
    {
        return Fail(error, "no ESP/AH proposal in '" + proposals + "'");
    }
    m_child = parsed;
    return true;
}

void
IkeHelper::SetPsk(const std::string& psk)
{
    m_psk = psk;
    m_ca = nullptr;
}

void
IkeHelper::SetCertificates(Ptr<CertificateAuthority> ca,
                           KeyType keyType,
                           AuthMethod method,
                           SignatureScheme scheme)
{
    m_ca = ca;
    m_keyType = keyType;
    m_method = method;
    m_scheme = scheme;
}

void
IkeHelper::SetLifetimes(Time childRekey, Time childLife, Time ikeRekey)
{
    m_childRekey = childRekey;
    m_childLife = childLife;
    m_ikeRekey = ikeRekey;
}

void
IkeHelper::SetReauthenticate(bool reauthenticate)
{
    m_reauthenticate = reauthenticate;
}

void
IkeHelper::SetDpdDelay(Time delay)
{
    m_dpdDelay = delay;
}

void
IkeHelper::SetForceEncapsulation(bool force)
{
    m_forceEncap = force;
}

ApplicationContainer
IkeHelper::Install(NodeContainer nodes)
{
    ApplicationContainer apps;
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        Ptr<Node> node = *it;
        if (!node->GetObject<KernelInterface>())
        {
            m_ipsec.Install(node);
        }
        Ptr<Ikev2Daemon> daemon = m_daemonFactory.Create<Ikev2Daemon>();
        node->AddApplication(daemon);
        m_daemons.push_back(daemon);
        apps.Add(daemon);
    }
    return apps;
}

Ptr<Ikev2Daemon>
IkeHelper::GetDaemon(Ptr<Node> node) const
{
    for (uint32_t i = 0; i < node->GetNApplications(); ++i)
    {
        if (Ptr<Ikev2Daemon> daemon = DynamicCast<Ikev2Daemon>(node->GetApplication(i)))
        {
            return daemon;
        }
    }
    return nullptr;
}

bool
IkeHelper::MakeAuth(Ptr<Node> node,
                    const IpAddress& address,
                    Ikev2AuthConfig* auth,
                    std::string* error)
{
    if (!m_ca)
    {
        auth->method = AuthMethod::SHARED_KEY_MIC;
        auth->psk = Bytes(m_psk.begin(), m_psk.end());
        return true;
    }
    const auto key = std::make_pair(node->GetId(), address);
    auto it = m_credentials.find(key);
    if (it != m_credentials.end())
    {
        *auth = it->second;
        return true;
    }
    Ptr<IpsecStack> stack = node->GetObject<IpsecStack>();
    if (!stack)
    {
        return Fail(error, "node " + std::to_string(node->GetId()) + " has no IPsec stack");
    }
    CertificateRequest request;
    std::ostringstream subject;
    subject << "C=DE, O=ns-3 ipsec, CN=node" << node->GetId();
    request.subject = subject.str();
    request.subjectAltNames.push_back(address.IsIpv4() ? SubjectAltName::Ip(address.GetIpv4())
                                                       : SubjectAltName::Ip(address.GetIpv6()));
    request.notBefore = Seconds(0);
    request.notAfter = Days(365);
    auth->method = m_method;
    auth->scheme = m_scheme;
    if (m_ca->IssueWithNewKey(request,
                              m_keyType,
                              *stack->GetRandomSource(),
                              auth->key,
                              auth->certificate) != CryptoStatus::OK)
    {
        return Fail(error, "the CA could not issue a certificate for " + request.subject);
    }
    auth->intermediates = m_ca->GetChain();
    m_credentials[key] = *auth;
    return true;
}

bool
IkeHelper::Connect(Ptr<Node> initiator,
                   IpAddress initiatorAddress,
                   Ptr<Node> responder,
                   IpAddress responderAddress,
                   Ikev2ChildConfig child,
                   Time start,
                   std::string* error)
{
    Ptr<Ikev2Daemon> daemons[] = {GetDaemon(initiator), GetDaemon(responder)};
    if (!daemons[0] || !daemons[1])
    {
        return Fail(error, "IkeHelper::Connect: call Install on both nodes first");
    }
    if (child.proposals.empty())
    {
        child.proposals = m_child;
    }
    child.rekeyTime = m_childRekey;
    child.lifeTime = m_childLife;
    Ptr<CertificateValidator> trust;
    if (m_ca)
    {
        trust = Create<CertificateValidator>();
        const auto chain = m_ca->GetChain();
        trust->AddTrustAnchor(chain.empty() ? m_ca->GetCertificate() : chain.back());
    }
    const Ptr<Node> nodes[] = {initiator, responder};
    const IpAddress addresses[] = {initiatorAddress, responderAddress};
    for (int side = 0; side < 2; ++side)
    {
        Ikev2PeerConfig peer;
        std::ostringstream name;
        name << addresses[side] << "-" << addresses[1 - side];
        peer.name = name.str();
        peer.localAddress = addresses[side];
        peer.remoteAddress = addresses[1 - side];
        peer.localId = IdentityOf(addresses[side]);
        peer.remoteId = IdentityOf(addresses[1 - side]);
        peer.ikeProposals = m_ike;
        if (!MakeAuth(nodes[side], addresses[side], &peer.localAuth, error))
        {
            return false;
        }
        peer.remoteAuth = m_ca ? m_method : AuthMethod::SHARED_KEY_MIC;
        peer.trust = trust;
        peer.startTime = start;
        peer.ikeRekeyTime = m_ikeRekey;
        peer.dpdDelay = m_dpdDelay;
        peer.reauthenticate = m_reauthenticate;
        peer.forceEncapsulation = m_forceEncap && side == 0;
        Ikev2ChildConfig mine = child;
        if (side == 1)
        {
            mine.start = Ikev2StartAction::NONE;
            mine.selector = MirrorSelector(child.selector);
        }
        peer.children = {mine};
        if (daemons[side]->AddPeer(peer, error) < 0)
        {
            return false;
        }
    }
    return true;
}

Ikev2ChildConfig
IkeHelper::TransportChild()
{
    Ikev2ChildConfig child;
    child.name = "transport";
    child.mode = IpsecMode::TRANSPORT;
    child.hostSelectors = true;
    return child;
}

Ikev2ChildConfig
IkeHelper::TunnelChild(const IpAddressRange& initiatorSide, const IpAddressRange& responderSide)
{
    Ikev2ChildConfig child;
    child.name = "tunnel";
    child.mode = IpsecMode::TUNNEL;
    child.hostSelectors = false;
    child.selector = IpsecSelector::Between(initiatorSide, responderSide);
    return child;
}

int64_t
IkeHelper::AssignStreams(NodeContainer nodes, int64_t stream)
{
    int64_t used = m_ipsec.AssignStreams(nodes, stream);
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        if (Ptr<Ikev2Daemon> daemon = GetDaemon(*it))
        {
            used += daemon->AssignStreams(stream + used);
        }
    }
    return used;
}

void
IkeHelper::EnableKeyTables()
{
    for (Ptr<Ikev2Daemon> daemon : m_daemons)
    {
        daemon->TraceConnectWithoutContext(
            "IkeSaState",
            MakeCallback(&IkeHelper::RecordIkeSa, this).Bind(PeekPointer(daemon)));
        daemon->TraceConnectWithoutContext(
            "ChildSa",
            MakeCallback(&IkeHelper::RecordChildSa, this).Bind(PeekPointer(daemon->GetNode())));
    }
}

void
IkeHelper::RecordIkeSa(Ikev2Daemon* daemon, const Ikev2IkeSaEvent& event)
{
    if (event.state != Ikev2IkeSaState::ESTABLISHED || !event.originalInitiator)
    {
        return; // one record per IKE SA: the initiator's
    }
    Ptr<Ikev2IkeSa> sa = daemon->FindIkeSa(event.spiI);
    std::string record;
    if (!sa ||
        Ikev2DecryptionTable::FormatRecord(sa->spiI, sa->spiR, sa->transforms, sa->keys, &record) !=
            Ikev2DecryptionTableStatus::OK)
    {
        return;
    }
    const std::string option = Ikev2DecryptionTable::TSHARK_PREFIX + record;
    if (m_keySeen.insert(option).second)
    {
        m_keyTable.push_back(option);
    }
}

void
IkeHelper::RecordChildSa(Node* node, const Ikev2ChildSaEvent& event)
{
    if (event.type == Ikev2ChildEventType::DELETED)
    {
        return;
    }
    Ptr<IpsecStack> stack = node->GetObject<IpsecStack>();
    if (!stack)
    {
        return;
    }
    for (const auto& sa : stack->GetSad()->GetAll())
    {
        const uint32_t spi = sa->GetParams().spi;
        if (spi != event.inboundSpi && spi != event.outboundSpi)
        {
            continue;
        }
        const std::string entry = IpsecHelper::GetEspSaUatEntry(sa->GetParams());
        if (!entry.empty() && m_keySeen.insert("uat:esp_sa:" + entry).second)
        {
            m_keyTable.push_back("uat:esp_sa:" + entry);
        }
    }
}

std::vector<std::string>
IkeHelper::GetKeyTableOptions() const
{
    return m_keyTable;
}

bool
IkeHelper::WriteKeyTables(const std::string& filename) const
{
    std::ofstream out(filename);
    for (const std::string& option : m_keyTable)
    {
        out << option << '\n';
    }
    return static_cast<bool>(out);
}

} // namespace ns3
