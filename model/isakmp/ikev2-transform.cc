/* SPDX-License-Identifier: GPL-2.0-only */

#include "ikev2-transform.h"

#include "ikev2-octet-reader.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Ikev2Transform");

std::optional<uint16_t>
Ikev2Transform::GetKeyLength() const
{
    for (const auto& a : attributes)
    {
        if (a.type == Ikev2TransformAttribute::KEY_LENGTH && a.tv)
        {
            return a.value;
        }
    }
    return std::nullopt;
}

void
Ikev2Transform::SetKeyLength(uint16_t bits)
{
    for (auto& a : attributes)
    {
        if (a.type == Ikev2TransformAttribute::KEY_LENGTH)
        {
            a.tv = true;
            a.value = bits;
            return;
        }
    }
    Ikev2TransformAttribute a;
    a.type = Ikev2TransformAttribute::KEY_LENGTH;
    a.tv = true;
    a.value = bits;
    attributes.push_back(a);
}

void
Ikev2Transform::Serialize(Bytes& out, bool last) const
{
    const size_t start = out.size();
    Ikev2AppendU8(out, last ? LAST : MORE);
    Ikev2AppendU8(out, 0);
    Ikev2AppendU16(out, 0);
    Ikev2AppendU8(out, type);
    Ikev2AppendU8(out, 0);
    Ikev2AppendU16(out, id);
    for (const auto& a : attributes)
    {
        const uint16_t typeField = (a.type & 0x7fff) | (a.tv ? 0x8000 : 0);
        Ikev2AppendU16(out, typeField);
        if (a.tv)
        {
            Ikev2AppendU16(out, a.value);
        }
        else
        {
            Ikev2AppendU16(out, static_cast<uint16_t>(a.data.size()));
            Ikev2AppendBytes(out, a.data);
        }
    }
    Ikev2PutU16At(out, start + 2, static_cast<uint16_t>(out.size() - start));
}

Ikev2ParseStatus
Ikev2Transform::Deserialize(ByteView in, bool& last)
{
    Ikev2OctetReader r(in);
    uint8_t lastSubstruc = 0;
    uint8_t reserved = 0;
    uint16_t length = 0;
    if (!r.ReadU8(lastSubstruc) || !r.ReadU8(reserved) || !r.ReadU16(length) || !r.ReadU8(type) ||
        !r.ReadU8(reserved) || !r.ReadU16(id))
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
    attributes.clear();
    while (r.Remaining() > 0)
    {
        Ikev2TransformAttribute a;
        uint16_t typeField = 0;
        uint16_t lengthOrValue = 0;
        if (!r.ReadU16(typeField) || !r.ReadU16(lengthOrValue))
        {
            return Ikev2ParseStatus::TRUNCATED;
        }
        a.type = typeField & 0x7fff;
        a.tv = typeField & 0x8000;
        if (a.tv)
        {
            a.value = lengthOrValue;
        }
        else if (!r.ReadBytes(lengthOrValue, a.data))
        {
            return Ikev2ParseStatus::BAD_LENGTH;
        }
        attributes.push_back(std::move(a));
    }
    return Ikev2ParseStatus::OK;
}

} // namespace ns3
