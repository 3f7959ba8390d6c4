/* SPDX-License-Identifier: GPL-2.0-only */

#include "ikev2-traffic-selector.h"

#include "ikev2-octet-reader.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Ikev2TrafficSelector");

Ikev2TrafficSelector
Ikev2TrafficSelector::Ipv4Range(uint32_t start,
                                uint32_t end,
                                uint8_t protocol,
                                uint16_t startPort,
                                uint16_t endPort)
{
    Ikev2TrafficSelector ts;
    ts.type = TS_IPV4_ADDR_RANGE;
    ts.ipProtocol = protocol;
    ts.startPort = startPort;
    ts.endPort = endPort;
    Ikev2AppendU32(ts.startAddress, start);
    Ikev2AppendU32(ts.endAddress, end);
    return ts;
}

void
Ikev2TrafficSelector::Serialize(Bytes& out) const
{
    const size_t start = out.size();
    Ikev2AppendU8(out, type);
    if (type == TS_IPV4_ADDR_RANGE || type == TS_IPV6_ADDR_RANGE)
    {
        Ikev2AppendU8(out, ipProtocol);
        Ikev2AppendU16(out, 0);
        Ikev2AppendU16(out, startPort);
        Ikev2AppendU16(out, endPort);
        Ikev2AppendBytes(out, startAddress);
        Ikev2AppendBytes(out, endAddress);
    }
    else
    {
        Ikev2AppendU8(out, ipProtocol);
        Ikev2AppendU16(out, 0);
        Ikev2AppendBytes(out, opaque);
    }
    Ikev2PutU16At(out, start + 2, static_cast<uint16_t>(out.size() - start));
}

Ikev2ParseStatus
Ikev2TrafficSelector::Deserialize(ByteView in)
{
    Ikev2OctetReader r(in);
    uint16_t length = 0;
    if (!r.ReadU8(type) || !r.ReadU8(ipProtocol) || !r.ReadU16(length))
    {
        return Ikev2ParseStatus::TRUNCATED;
    }
    if (length != in.size)
    {
        return Ikev2ParseStatus::BAD_LENGTH;
    }
    startAddress.clear();
    endAddress.clear();
    opaque.clear();
    if (type != TS_IPV4_ADDR_RANGE && type != TS_IPV6_ADDR_RANGE)
    {
        r.ReadRest(opaque);
        return Ikev2ParseStatus::OK;
    }
    const size_t addressSize = type == TS_IPV4_ADDR_RANGE ? 4 : 16;
    if (length != HEADER_SIZE + 4 + 2 * addressSize)
    {
        return Ikev2ParseStatus::BAD_LENGTH;
    }
    if (!r.ReadU16(startPort) || !r.ReadU16(endPort) || !r.ReadBytes(addressSize, startAddress) ||
        !r.ReadBytes(addressSize, endAddress))
    {
        return Ikev2ParseStatus::TRUNCATED;
    }
    return Ikev2ParseStatus::OK;
}

} // namespace ns3
