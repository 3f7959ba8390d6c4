/* SPDX-License-Identifier: GPL-2.0-only */

#include "ipsec-helper.h"

#include "ns3/cipher.h"
#include "ns3/integrity.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/ipv4-list-routing.h"
#include "ns3/ipv6-l3-protocol.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/random-source.h"
#include "ns3/security-association-database.h"
#include "ns3/security-policy-database.h"

#include <cstdio>
#include <fstream>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpsecHelper");

namespace
{

bool
Fail(std::string* error, const std::string& message)
{
    NS_LOG_WARN(message);
    if (error)
    {
        *error = message;
    }
    return false;
}

std::string
Hex(const Bytes& bytes)
{
    std::string s = "0x";
    char buf[3];
    for (uint8_t b : bytes)
    {
        std::snprintf(buf, sizeof(buf), "%02x", b);
        s += buf;
    }
    return s;
}

/// Wireshark 4.0 esp_sa encryption names (epan/dissectors/packet-ipsec.c).
const char*
WiresharkEncryption(EncrId id)
{
    switch (id)
    {
    case EncrId::NULL_ENCR:
        return "NULL";
    case EncrId::TRIPLE_DES:
        return "TripleDES-CBC [RFC2451]";
    case EncrId::AES_CBC:
        return "AES-CBC [RFC3602]";
    case EncrId::AES_CTR:
        return "AES-CTR [RFC3686]";
    case EncrId::AES_GCM_8:
        return "AES-GCM with 8 octet ICV [RFC4106]";
    case EncrId::AES_GCM_12:
        return "AES-GCM with 12 octet ICV [RFC4106]";
    case EncrId::AES_GCM_16:
        return "AES-GCM with 16 octet ICV [RFC4106]";
    default:
        return nullptr;
    }
}

/// Wireshark 4.0 esp_sa authentication names.
const char*
WiresharkIntegrity(IntegId id)
{
    switch (id)
    {
    case IntegId::NONE:
        return "NULL";
    case IntegId::HMAC_MD5_96:
        return "HMAC-MD5-96 [RFC2403]";
    case IntegId::HMAC_SHA1_96:
        return "HMAC-SHA-1-96 [RFC2404]";
    case IntegId::HMAC_SHA2_256_128:
        return "HMAC-SHA-256-128 [RFC4868]";
    case IntegId::HMAC_SHA2_384_192:
        return "HMAC-SHA-384-192 [RFC4868]";
    case IntegId::HMAC_SHA2_512_256:
        return "HMAC-SHA-512-256 [RFC4868]";
    default:
        return nullptr;
    }
}

Ptr<IpsecStack>
StackOf(Ptr<Node> node, std::string* error)
{
    Ptr<IpsecStack> stack = node ? node->GetObject<IpsecStack>() : nullptr;
    if (!stack)
    {
        Fail(error,
             "node " + (node ? std::to_string(node->GetId()) : std::string("(null)")) +
                 " has no IPsec: call IpsecHelper::Install on it first");
    }
    return stack;
}

} // namespace

IpsecHelper::IpsecHelper()
    : m_keyRng(CreateObject<RandomSource>())
{
    m_stackFactory.SetTypeId(IpsecStack::GetTypeId());
    m_proposal.protocol = IpsecProtocol::ESP;
    m_proposal.encr = EncrId::AES_GCM_16;
    m_proposal.encrKeyBits = 128;
    m_proposal.integ = IntegId::NONE;
}

IpsecHelper::~IpsecHelper()
{
    m_keyRng = nullptr;
}

void
IpsecHelper::SetStackAttribute(const std::string& name, const AttributeValue& value)
{
    m_stackFactory.Set(name, value);
}

Ptr<IpsecStack>
IpsecHelper::TryInstall(Ptr<Node> node, std::string* error) const
{
    if (!node)
    {
        Fail(error, "IpsecHelper::Install was given a null node");
        return nullptr;
    }
    if (node->GetObject<IpsecStack>())
    {
        Fail(error,
             "node " + std::to_string(node->GetId()) +
                 " already has IPsec: install it once per node");
        return nullptr;
    }
    if (!node->GetObject<Ipv4L3Protocol>() && !node->GetObject<Ipv6L3Protocol>())
    {
        Fail(error,
             "node " + std::to_string(node->GetId()) +
                 " has neither an IPv4 nor an IPv6 stack: call InternetStackHelper::Install on "
                 "it before IpsecHelper::Install");
        return nullptr;
    }
    if (node->GetObject<Ipv4L3Protocol>() &&
        !DynamicCast<Ipv4ListRouting>(node->GetObject<Ipv4>()->GetRoutingProtocol()))
    {
        Fail(error,
             "node " + std::to_string(node->GetId()) +
                 " does not route IPv4 with Ipv4ListRouting: give InternetStackHelper an "
                 "Ipv4ListRoutingHelper (its default) so that IPsec can see forwarded packets");
        return nullptr;
    }
    Ptr<IpsecStack> stack = m_stackFactory.Create<IpsecStack>();
    node->AggregateObject(stack);
    if (!stack->Attach(node, error))
    {
        return nullptr;
    }
    return stack;
}

Ptr<IpsecStack>
IpsecHelper::Install(Ptr<Node> node) const
{
    std::string error;
    Ptr<IpsecStack> stack = TryInstall(node, &error);
    if (!stack)
    {
        NS_FATAL_ERROR("IpsecHelper::Install: " << error);
    }
    return stack;
}

void
IpsecHelper::Install(NodeContainer nodes) const
{
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        Install(*it);
    }
}

void
IpsecHelper::InstallAll() const
{
    Install(NodeContainer::GetGlobal());
}

void
IpsecHelper::SetEspTransform(EncrId encr, uint16_t keyBits, IntegId integ)
{
    m_proposal.protocol = IpsecProtocol::ESP;
    m_proposal.encr = encr;
    m_proposal.encrKeyBits = keyBits;
    m_proposal.integ = integ;
}

void
IpsecHelper::SetAhTransform(IntegId integ)
{
    m_proposal.protocol = IpsecProtocol::AH;
    m_proposal.encr = EncrId::NULL_ENCR;
    m_proposal.encrKeyBits = 0;
    m_proposal.integ = integ;
}

void
IpsecHelper::SetAhBundle(IntegId integ)
{
    m_ahBundle = integ;
}

bool
IpsecHelper::AddAhBundle(Ptr<Node> a, Ptr<Node> b, const SaPairSpec& esp, std::string* error)
{
    if (m_ahBundle == IntegId::NONE || esp.protocol != IpsecProtocol::ESP)
    {
        return true;
    }
    // RFC 4301 4.3: AH applied outside ESP, an SA of its own in each direction, same reqid.
    SaPairSpec ah = esp;
    ah.protocol = IpsecProtocol::AH;
    ah.encr = EncrId::NULL_ENCR;
    ah.encrKeyBits = 0;
    ah.encrKeyAToB.clear();
    ah.encrKeyBToA.clear();
    ah.integ = m_ahBundle;
    ah.udpEncap = false;
    const size_t n = Integrity::GetKeySize(m_ahBundle);
    if (n == 0)
    {
        return Fail(error, "unsupported AH integrity transform: fix SetAhBundle");
    }
    ah.integKeyAToB = m_keyRng->Generate(n);
    ah.integKeyBToA = m_keyRng->Generate(n);
    Ptr<IpsecStack> stackA = StackOf(a, error);
    Ptr<IpsecStack> stackB = StackOf(b, error);
    if (!stackA || !stackB ||
        stackB->AllocateSpi(IpsecProtocol::AH, ah.addressB, &ah.spiAToB) != KernelStatus::OK ||
        stackA->AllocateSpi(IpsecProtocol::AH, ah.addressA, &ah.spiBToA) != KernelStatus::OK)
    {
        return Fail(error, "no free AH SPI");
    }
    return AddSaPair(a, b, ah, error);
}

void
IpsecHelper::SetLifetime(const SaLifetime& lifetime)
{
    m_proposal.lifetime = lifetime;
}

void
IpsecHelper::SetUdpEncapsulation(bool enable)
{
    m_proposal.udpEncap = enable;
}

void
IpsecHelper::SetSequenceOptions(bool esn, uint32_t replayWindow)
{
    m_proposal.esn = esn;
    m_proposal.replayWindow = replayWindow;
}

bool
IpsecHelper::AddSaPair(Ptr<Node> a, Ptr<Node> b, const SaPairSpec& spec, std::string* error)
{
    Ptr<IpsecStack> stackA = StackOf(a, error);
    Ptr<IpsecStack> stackB = StackOf(b, error);
    if (!stackA || !stackB)
    {
        return false;
    }
    SaPair pair;
    if (!SaPair::Build(spec, &pair, error))
    {
        return false;
    }
    const std::pair<Ptr<IpsecStack>, const SaParams*> steps[] = {
        {stackA, &pair.aInbound},
        {stackB, &pair.bInbound},
        {stackA, &pair.aOutbound},
        {stackB, &pair.bOutbound},
    };
    for (const auto& step : steps)
    {
        std::string why;
        const KernelStatus status = step.first->AddSa(*step.second, &why);
        if (status != KernelStatus::OK)
        {
            return Fail(error,
                        std::string("AddSa SPI ") + std::to_string(step.second->spi) + ": " +
                            KernelStatusName(status) + (why.empty() ? "" : ": " + why));
        }
    }
    m_installed.push_back(pair.aOutbound);
    m_installed.push_back(pair.bOutbound);
    return true;
}

bool
IpsecHelper::AddPolicy(Ptr<Node> node, Ptr<SecurityPolicy> policy, uint32_t* id, std::string* error)
{
    Ptr<IpsecStack> stack = StackOf(node, error);
    if (!stack)
    {
        return false;
    }
    std::string why;
    if (!policy || !policy->selector.IsValid(&why))
    {
        return Fail(error, "invalid policy: " + (policy ? why : std::string("null")));
    }
    const KernelStatus status = stack->AddPolicy(policy, id);
    if (status != KernelStatus::OK)
    {
        return Fail(error, std::string("AddPolicy: ") + KernelStatusName(status));
    }
    return true;
}

bool
IpsecHelper::MakeSaPairSpec(Ptr<Node> a,
                            IpAddress addressA,
                            Ptr<Node> b,
                            IpAddress addressB,
                            IpsecMode mode,
                            const IpsecSelector& selectorA,
                            SaPairSpec* spec,
                            std::string* error)
{
    Ptr<IpsecStack> stackA = StackOf(a, error);
    Ptr<IpsecStack> stackB = StackOf(b, error);
    if (!stackA || !stackB)
    {
        return false;
    }
    *spec = m_proposal;
    spec->mode = mode;
    spec->addressA = addressA;
    spec->addressB = addressB;
    spec->selectorA = selectorA;
    spec->reqid = std::max(stackA->GetMaxReqid(), stackB->GetMaxReqid()) + 1;
    // RFC 4301 4.1: the receiver chooses the SPI.
    if (stackB->AllocateSpi(spec->protocol, addressB, &spec->spiAToB) != KernelStatus::OK ||
        stackA->AllocateSpi(spec->protocol, addressA, &spec->spiBToA) != KernelStatus::OK)
    {
        return Fail(error, "no free SPI");
    }
    if (spec->protocol == IpsecProtocol::ESP && spec->encr != EncrId::NULL_ENCR)
    {
        const size_t n = Cipher::GetKeyMaterialSize(spec->encr, spec->encrKeyBits);
        if (n == 0)
        {
            return Fail(error,
                        "encryption transform " + std::to_string(int(spec->encr)) +
                            " does not take " + std::to_string(spec->encrKeyBits) +
                            "-bit keys: fix SetEspTransform");
        }
        spec->encrKeyAToB = m_keyRng->Generate(n);
        spec->encrKeyBToA = m_keyRng->Generate(n);
    }
    if (spec->integ != IntegId::NONE)
    {
        const size_t n = Integrity::GetKeySize(spec->integ);
        if (n == 0)
        {
            return Fail(error, "unsupported integrity transform: fix SetEspTransform");
        }
        spec->integKeyAToB = m_keyRng->Generate(n);
        spec->integKeyBToA = m_keyRng->Generate(n);
    }
    return true;
}

bool
IpsecHelper::ProtectTransport(Ptr<Node> a,
                              IpAddress addressA,
                              Ptr<Node> b,
                              IpAddress addressB,
                              uint8_t protocol,
                              std::string* error)
{
    IpsecSelector selectorA =
        IpsecSelector::Between(IpAddressRange::Host(addressA), IpAddressRange::Host(addressB));
    selectorA.protocol = protocol;
    SaPairSpec spec;
    if (!MakeSaPairSpec(a, addressA, b, addressB, IpsecMode::TRANSPORT, selectorA, &spec, error) ||
        !AddSaPair(a, b, spec, error) || !AddAhBundle(a, b, spec, error))
    {
        return false;
    }
    SaTemplate tmpl;
    tmpl.protocol = spec.protocol;
    tmpl.ahAlso = m_ahBundle != IntegId::NONE && spec.protocol == IpsecProtocol::ESP;
    tmpl.mode = IpsecMode::TRANSPORT;
    tmpl.reqid = spec.reqid;
    const std::pair<Ptr<Node>, IpsecSelector> sides[] = {{a, selectorA},
                                                         {b, MirrorSelector(selectorA)}};
    for (const auto& side : sides)
    {
        for (PolicyDirection dir : {PolicyDirection::OUTBOUND, PolicyDirection::INBOUND})
        {
            Ptr<SecurityPolicy> policy = Create<SecurityPolicy>();
            policy->priority = 100;
            policy->direction = dir;
            policy->selector = side.second;
            policy->action = PolicyAction::PROTECT;
            policy->sa = tmpl;
            if (!AddPolicy(side.first, policy, nullptr, error))
            {
                return false;
            }
        }
    }
    return true;
}

bool
IpsecHelper::ProtectTunnel(Ptr<Node> gatewayA,
                           IpAddress outerA,
                           const IpAddressRange& networkA,
                           Ptr<Node> gatewayB,
                           IpAddress outerB,
                           const IpAddressRange& networkB,
                           std::string* error)
{
    const IpsecSelector selectorA = IpsecSelector::Between(networkA, networkB);
    SaPairSpec spec;
    if (!MakeSaPairSpec(gatewayA,
                        outerA,
                        gatewayB,
                        outerB,
                        IpsecMode::TUNNEL,
                        selectorA,
                        &spec,
                        error) ||
        !AddSaPair(gatewayA, gatewayB, spec, error) ||
        !AddAhBundle(gatewayA, gatewayB, spec, error))
    {
        return false;
    }

    struct Side
    {
        Ptr<Node> node;
        IpsecSelector selector;
        IpAddress local;
        IpAddress remote;
    };

    const Side sides[] = {{gatewayA, selectorA, outerA, outerB},
                          {gatewayB, MirrorSelector(selectorA), outerB, outerA}};
    for (const auto& side : sides)
    {
        for (PolicyDirection dir : {PolicyDirection::OUTBOUND, PolicyDirection::INBOUND})
        {
            Ptr<SecurityPolicy> policy = Create<SecurityPolicy>();
            policy->priority = 100;
            policy->direction = dir;
            policy->selector = side.selector;
            policy->action = PolicyAction::PROTECT;
            policy->sa.protocol = spec.protocol;
            policy->sa.mode = IpsecMode::TUNNEL;
            policy->sa.tunnelLocal = side.local;
            policy->sa.tunnelRemote = side.remote;
            policy->sa.reqid = spec.reqid;
            policy->sa.ahAlso = m_ahBundle != IntegId::NONE && spec.protocol == IpsecProtocol::ESP;
            if (!AddPolicy(side.node, policy, nullptr, error))
            {
                return false;
            }
        }
    }
    return true;
}

int64_t
IpsecHelper::AssignStreams(NodeContainer nodes, int64_t stream)
{
    int64_t current = stream;
    current += m_keyRng->AssignStreams(current);
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        Ptr<IpsecStack> stack = (*it)->GetObject<IpsecStack>();
        if (stack)
        {
            current += stack->AssignStreams(current);
        }
    }
    return current - stream;
}

std::string
IpsecHelper::GetEspSaUatEntry(const SaParams& params)
{
    const char* encr = WiresharkEncryption(params.encr);
    const char* integ = WiresharkIntegrity(params.integ);
    if (params.protocol != IpsecProtocol::ESP || !encr || !integ)
    {
        return "";
    }
    std::ostringstream os;
    char spi[16];
    std::snprintf(spi, sizeof(spi), "0x%08x", params.spi);
    os << '"' << (params.src.IsIpv6() ? "IPv6" : "IPv4") << "\",\"" << params.src << "\",\""
       << params.dst << "\",\"" << spi << "\",\"" << encr << "\",\""
       << (params.encrKey.empty() ? std::string() : Hex(params.encrKey)) << "\",\"" << integ
       << "\",\"" << (params.integKey.empty() ? std::string() : Hex(params.integKey)) << '"';
    return os.str();
}

std::vector<std::string>
IpsecHelper::GetEspSaUatEntries() const
{
    std::vector<std::string> entries;
    for (const auto& params : m_installed)
    {
        std::string entry = GetEspSaUatEntry(params);
        if (!entry.empty())
        {
            entries.push_back(entry);
        }
    }
    return entries;
}

bool
IpsecHelper::WriteEspSaUat(const std::string& filename, bool tsharkOptions) const
{
    std::ofstream out(filename);
    if (!out)
    {
        return false;
    }
    if (!tsharkOptions)
    {
        out << "# This file is automatically generated, DO NOT MODIFY.\n";
    }
    for (const auto& entry : GetEspSaUatEntries())
    {
        out << (tsharkOptions ? "uat:esp_sa:" : "") << entry << "\n";
    }
    return static_cast<bool>(out);
}

} // namespace ns3
