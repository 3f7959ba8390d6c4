/* SPDX-License-Identifier: GPL-2.0-only */

#include "ikev2-proposal.h"

#include "ikev2-octet-reader.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Ikev2Proposal");

void
Ikev2Proposal::Serialize(Bytes& out, bool last) const
{
    const size_t start = out.size();
    Ikev2AppendU8(out, last ? LAST : MORE);
    Ikev2AppendU8(out, 0);
    Ikev2AppendU16(out, 0);
    Ikev2AppendU8(out, number);
    Ikev2AppendU8(out, static_cast<uint8_t>(protocol));
    Ikev2AppendU8(out, static_cast<uint8_t>(spi.size()));
    Ikev2AppendU8(out, static_cast<uint8_t>(transforms.size()));
    Ikev2AppendBytes(out, spi);
    for (size_t i = 0; i < transforms.size(); ++i)
    {
        transforms[i].Serialize(out, i + 1 == transforms.size());
    }
    Ikev2PutU16At(out, start + 2, static_cast<uint16_t>(out.size() - start));
}

Ikev2ParseStatus
Ikev2Proposal::Deserialize(ByteView in, bool& last)
{
    Ikev2OctetReader r(in);
    uint8_t lastSubstruc = 0;
    uint8_t reserved = 0;
    uint16_t length = 0;
    uint8_t protocolId = 0;
    uint8_t spiSize = 0;
    uint8_t numTransforms = 0;
    if (!r.ReadU8(lastSubstruc) || !r.ReadU8(reserved) || !r.ReadU16(length) || !r.ReadU8(number) ||
        !r.ReadU8(protocolId) || !r.ReadU8(spiSize) || !r.ReadU8(numTransforms))
    {
        return Ikev2ParseStatus::TRUNCATED;
    }
    if (lastSubstruc != LAST && lastSubstruc != MORE)
    {
        return Ikev2ParseStatus::INVALID_VALUE;
    }
    if (length != in.size)
    {
        return Ikev2ParseStatus::BAD_LENGTH;
    }
    last = lastSubstruc == LAST;
    protocol = static_cast<Ikev2ProtocolId>(protocolId);
    if (!r.ReadBytes(spiSize, spi))
    {
        return Ikev2ParseStatus::BAD_LENGTH;
    }
    transforms.clear();
    bool sawLast = false;
    while (r.Remaining() > 0)
    {
        if (sawLast)
        {
            // Octets after the transform marked last.
            return Ikev2ParseStatus::BAD_LENGTH;
        }
        ByteView rest;
        const size_t remaining = r.Remaining();
        if (!r.ReadView(remaining, rest) || remaining < Ikev2Transform::HEADER_SIZE)
        {
            return Ikev2ParseStatus::TRUNCATED;
        }
        const uint16_t transformLength = static_cast<uint16_t>((rest.data[2] << 8) | rest.data[3]);
        if (transformLength < Ikev2Transform::HEADER_SIZE)
        {
            return Ikev2ParseStatus::PAYLOAD_TOO_SHORT;
        }
        if (transformLength > remaining)
        {
            return Ikev2ParseStatus::BAD_LENGTH;
        }
        Ikev2Transform t;
        Ikev2ParseStatus status = t.Deserialize(ByteView(rest.data, transformLength), sawLast);
        if (status != Ikev2ParseStatus::OK)
        {
            return status;
        }
        transforms.push_back(std::move(t));
        // Continue after this transform.
        r = Ikev2OctetReader(ByteView(rest.data + transformLength, remaining - transformLength));
    }
    if (!transforms.empty() && !sawLast)
    {
        return Ikev2ParseStatus::INVALID_VALUE;
    }
    if (transforms.size() != numTransforms)
    {
        return Ikev2ParseStatus::BAD_LENGTH;
    }
    return Ikev2ParseStatus::OK;
}

} // namespace ns3
