/* SPDX-License-Identifier: GPL-2.0-only */

#include "ikev2-cookie-jar.h"

#include "ikev2-spi.h"

#include "ns3/message-digest.h"
#include "ns3/network-byte-order.h"

namespace ns3
{

void
Ikev2CookieJar::Rotate(Bytes secret)
{
    m_previous = std::move(m_secret);
    m_secret = std::move(secret);
    ++m_version;
}

Bytes
Ikev2CookieJar::Compute(uint32_t version,
                        const Bytes& secret,
                        ByteView ni,
                        const IpAddress& initiator,
                        uint64_t spiI)
{
    uint8_t versionOctets[4];
    PutBigEndian32(versionOctets, version);
    const ByteView address(initiator.GetBytes(), initiator.GetBitLength() / 8);
    Bytes cookie(versionOctets, versionOctets + 4);
    const Bytes hash = MessageDigest::Sha256({ni, address, Ikev2IkeSpiOctets(spiI), secret});
    cookie.insert(cookie.end(), hash.begin(), hash.end());
    return cookie;
}

Bytes
Ikev2CookieJar::Make(ByteView ni, const IpAddress& initiator, uint64_t spiI) const
{
    return Compute(m_version, m_secret, ni, initiator, spiI);
}

bool
Ikev2CookieJar::Check(ByteView cookie, ByteView ni, const IpAddress& initiator, uint64_t spiI) const
{
    if (cookie.size != SIZE || m_secret.empty())
    {
        return false;
    }
    const uint32_t version = GetBigEndian32(cookie.data);
    const Bytes* secret = version == m_version                                ? &m_secret
                          : (version + 1 == m_version && !m_previous.empty()) ? &m_previous
                                                                              : nullptr;
    if (secret == nullptr)
    {
        return false;
    }
    const Bytes expected = Compute(version, *secret, ni, initiator, spiI);
    uint8_t difference = 0; // constant time: no early exit on the first differing octet
    for (size_t i = 0; i < SIZE; ++i)
    {
        difference |= expected[i] ^ cookie.data[i];
    }
    return difference == 0;
}

} // namespace ns3
