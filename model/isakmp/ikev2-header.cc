/* SPDX-License-Identifier: GPL-2.0-only */

#include "ikev2-header.h"

#include "ikev2-octet-reader.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Ikev2Header");

void
Ikev2Header::Serialize(Bytes& out) const
{
    Ikev2AppendU64(out, initiatorSpi);
    Ikev2AppendU64(out, responderSpi);
    Ikev2AppendU8(out, nextPayload);
    Ikev2AppendU8(out, static_cast<uint8_t>((majorVersion << 4) | (minorVersion & 0x0f)));
    Ikev2AppendU8(out, exchangeType);
    // RFC 7296 3.1: the X bits are cleared when sending.
    Ikev2AppendU8(out, flags & (FLAG_INITIATOR | FLAG_VERSION | FLAG_RESPONSE));
    Ikev2AppendU32(out, messageId);
    Ikev2AppendU32(out, length);
}

Ikev2ParseStatus
Ikev2Header::Deserialize(ByteView in)
{
    Ikev2OctetReader r(in);
    uint8_t version = 0;
    if (!r.ReadU64(initiatorSpi) || !r.ReadU64(responderSpi) || !r.ReadU8(nextPayload) ||
        !r.ReadU8(version) || !r.ReadU8(exchangeType) || !r.ReadU8(flags) ||
        !r.ReadU32(messageId) || !r.ReadU32(length))
    {
        return Ikev2ParseStatus::TRUNCATED;
    }
    majorVersion = version >> 4;
    minorVersion = version & 0x0f;
    if (majorVersion != 2)
    {
        return Ikev2ParseStatus::INVALID_MAJOR_VERSION;
    }
    if (length < SIZE)
    {
        return Ikev2ParseStatus::BAD_LENGTH;
    }
    return Ikev2ParseStatus::OK;
}

bool
Ikev2Header::operator==(const Ikev2Header& o) const
{
    return initiatorSpi == o.initiatorSpi && responderSpi == o.responderSpi &&
           nextPayload == o.nextPayload && majorVersion == o.majorVersion &&
           minorVersion == o.minorVersion && exchangeType == o.exchangeType && flags == o.flags &&
           messageId == o.messageId && length == o.length;
}

} // namespace ns3
