/* SPDX-License-Identifier: GPL-2.0-only */

#include "sa-pair.h"

#include "ns3/log.h"

#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpsecSaPair");

IpsecSelector
MirrorSelector(const IpsecSelector& selector)
{
    IpsecSelector m = selector;
    m.local = selector.remote;
    m.remote = selector.local;
    m.localPorts = selector.remotePorts;
    m.remotePorts = selector.localPorts;
    return m;
}

namespace
{

/// \brief Sets *error (when given) and returns false.
bool
Fail(std::string* error, const std::string& message)
{
    NS_LOG_WARN("SA pair rejected: " << message);
    if (error)
    {
        *error = message;
    }
    return false;
}

/// \brief One direction's SaParams, from the sender's point of view.
SaParams
OneWay(const SaPairSpec& spec,
       uint32_t spi,
       const IpAddress& src,
       const IpAddress& dst,
       const Bytes& encrKey,
       const Bytes& integKey,
       uint16_t srcPort,
       uint16_t dstPort)
{
    SaParams p;
    p.spi = spi;
    p.protocol = spec.protocol;
    p.mode = spec.mode;
    p.src = src;
    p.dst = dst;
    p.encr = spec.encr;
    p.encrKeyBits = spec.encrKeyBits;
    p.encrKey = encrKey;
    p.integ = spec.integ;
    p.integKey = integKey;
    p.esn = spec.esn;
    p.replayWindow = spec.replayWindow;
    p.lifetime = spec.lifetime;
    p.udpEncap = spec.udpEncap;
    p.encapSrcPort = srcPort;
    p.encapDstPort = dstPort;
    p.reqid = spec.reqid;
    p.tfcPadding = spec.tfcPadding;
    p.tfcPadSize = spec.tfcPadSize;
    return p;
}

} // namespace

bool
SaPair::Build(const SaPairSpec& spec, SaPair* pair, std::string* error)
{
    if (spec.spiAToB == 0 || spec.spiBToA == 0)
    {
        return Fail(error, "both SPIs must be non-zero (RFC 4303 2.1): set spiAToB and spiBToA");
    }
    if (spec.spiAToB == spec.spiBToA && spec.addressA == spec.addressB)
    {
        return Fail(error,
                    "spiAToB equals spiBToA with A and B at the same address: the SAs would "
                    "collide in the SAD; choose different SPIs");
    }
    if (spec.addressA.IsIpv6() != spec.addressB.IsIpv6())
    {
        return Fail(error, "addressA and addressB must be of the same address family");
    }
    const bool needEncrKey = spec.protocol == IpsecProtocol::ESP && spec.encr != EncrId::NULL_ENCR;
    if (needEncrKey && (spec.encrKeyAToB.empty() || spec.encrKeyBToA.empty()))
    {
        return Fail(error, "set encrKeyAToB and encrKeyBToA (one key per direction)");
    }
    if (spec.integ != IntegId::NONE && (spec.integKeyAToB.empty() || spec.integKeyBToA.empty()))
    {
        return Fail(error, "set integKeyAToB and integKeyBToA (one key per direction)");
    }

    const SaParams aToB = OneWay(spec,
                                 spec.spiAToB,
                                 spec.addressA,
                                 spec.addressB,
                                 spec.encrKeyAToB,
                                 spec.integKeyAToB,
                                 spec.udpPortA,
                                 spec.udpPortB);
    const SaParams bToA = OneWay(spec,
                                 spec.spiBToA,
                                 spec.addressB,
                                 spec.addressA,
                                 spec.encrKeyBToA,
                                 spec.integKeyBToA,
                                 spec.udpPortB,
                                 spec.udpPortA);
    const IpsecSelector selectorB = MirrorSelector(spec.selectorA);

    pair->aOutbound = aToB;
    pair->aOutbound.direction = SaDirection::OUTBOUND;
    pair->aOutbound.selector = spec.selectorA;

    pair->bInbound = aToB;
    pair->bInbound.direction = SaDirection::INBOUND;
    pair->bInbound.selector = selectorB;

    pair->bOutbound = bToA;
    pair->bOutbound.direction = SaDirection::OUTBOUND;
    pair->bOutbound.selector = selectorB;

    pair->aInbound = bToA;
    pair->aInbound.direction = SaDirection::INBOUND;
    pair->aInbound.selector = spec.selectorA;
    return true;
}

} // namespace ns3
