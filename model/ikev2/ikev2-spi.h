/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_IKEV2_SPI_H
#define IPSEC_IKEV2_SPI_H

#include "ns3/crypto-types.h"
#include "ns3/ikev2-types.h"
#include "ns3/ipsec-types.h"
#include "ns3/network-byte-order.h"

#include <cstdint>

/**
 * \file
 * \ingroup ipsec
 * SPIs as IKEv2 payloads carry them (RFC 7296 3.3.1: 4 octets for ESP and AH, 8 for IKE).
 */

namespace ns3
{

/// \return a Child SA SPI as 4 octets, network order \param spi the SPI
inline Bytes
Ikev2ChildSpiOctets(uint32_t spi)
{
    Bytes out(4);
    PutBigEndian32(out.data(), spi);
    return out;
}

/// \return an IKE SPI as 8 octets, network order \param spi the SPI
inline Bytes
Ikev2IkeSpiOctets(uint64_t spi)
{
    Bytes out(8);
    PutBigEndian32(out.data(), static_cast<uint32_t>(spi >> 32));
    PutBigEndian32(out.data() + 4, static_cast<uint32_t>(spi));
    return out;
}

/// \return the IKE SPI in 8 octets \param octets at least 8 octets
inline uint64_t
Ikev2IkeSpiValue(const Bytes& octets)
{
    return (static_cast<uint64_t>(GetBigEndian32(octets.data())) << 32) |
           GetBigEndian32(octets.data() + 4);
}

/// \return the Protocol ID of an ESP or AH SA \param protocol ESP or AH
inline Ikev2ProtocolId
Ikev2WireProtocol(IpsecProtocol protocol)
{
    return protocol == IpsecProtocol::AH ? Ikev2ProtocolId::AH : Ikev2ProtocolId::ESP;
}

} // namespace ns3

#endif // IPSEC_IKEV2_SPI_H
