/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "random-source.h"

#include "ns3/log.h"
#include "ns3/random-variable-stream.h"

#include <cstdint>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RandomSource");

NS_OBJECT_ENSURE_REGISTERED(RandomSource);

TypeId
RandomSource::GetTypeId()
{
    static TypeId tid = TypeId("ns3::RandomSource")
                            .SetParent<Object>()
                            .SetGroupName("Ipsec")
                            .AddConstructor<RandomSource>();
    return tid;
}

RandomSource::RandomSource()
    : m_rng(CreateObject<UniformRandomVariable>())
{
    NS_LOG_FUNCTION(this);
}

RandomSource::~RandomSource() = default;

void
RandomSource::DoDispose()
{
    m_rng = nullptr;
    Object::DoDispose();
}

uint32_t
RandomSource::GetUint32()
{
    // GetInteger(min, max) is inclusive on both ends and exact for the full 32-bit range.
    return m_rng->GetInteger(0, UINT32_MAX);
}

void
RandomSource::Fill(uint8_t* out, size_t n)
{
    NS_LOG_FUNCTION(this << n);
    // Little-endian by construction so that a seed gives the same octets on every host.
    while (n > 0)
    {
        const uint32_t v = GetUint32();
        const size_t take = n < 4 ? n : 4;
        for (size_t i = 0; i < take; ++i)
        {
            out[i] = static_cast<uint8_t>(v >> (8 * i));
        }
        out += take;
        n -= take;
    }
}

Bytes
RandomSource::Generate(size_t n)
{
    Bytes out(n);
    Fill(out.data(), n);
    return out;
}

int64_t
RandomSource::AssignStreams(int64_t stream)
{
    NS_LOG_FUNCTION(this << stream);
    m_rng->SetStream(stream);
    return 1;
}

} // namespace ns3
