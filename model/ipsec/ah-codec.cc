/* SPDX-License-Identifier: GPL-2.0-only */

#include "ah-codec.h"

#include "network-byte-order.h"

#include "ns3/integrity.h"
#include "ns3/log.h"

#include <cstring>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpsecAhCodec");

namespace
{

constexpr size_t AH_FIXED = 12;     //!< next header .. sequence number
constexpr size_t MAX_ICV = 64;      //!< largest ICV of any integrity transform
constexpr size_t IPV6_HDR = 40;     //!< IPv6 base header
constexpr size_t MAX_HDR = 296;     //!< IPv6 base header + 256 octets of extension headers
constexpr uint8_t AH_PROTOCOL = 51; //!< IP protocol number of AH

/// \return true for the IPv4 options RFC 4302 3.3.3.1.1.2 lists as immutable
bool
IsImmutableIpv4Option(uint8_t type)
{
    switch (type)
    {
    case 0:   // End of Option List
    case 1:   // No Operation
    case 130: // Security
    case 133: // Extended Security
    case 134: // Commercial Security
    case 148: // Router Alert
    case 149: // Sender Directed Multi-Destination Delivery
        return true;
    default:
        return false;
    }
}

/**
 * \brief Zeroes the data of IPv6 options whose type has the "may change en route" bit set
 * (RFC 8200 4.2, RFC 4302 3.3.3.1.2.1).
 * \param p the options area of a Hop-by-Hop or Destination Options header
 * \param n its length
 * \return false when an option runs past the area
 */
bool
ZeroMutableIpv6Options(uint8_t* p, size_t n)
{
    size_t i = 0;
    while (i < n)
    {
        if (p[i] == 0) // Pad1
        {
            ++i;
            continue;
        }
        if (i + 2 > n || i + 2 + p[i + 1] > n)
        {
            return false;
        }
        const size_t len = p[i + 1];
        if (p[i] & 0x20)
        {
            std::memset(p + i + 2, 0, len);
        }
        i += 2 + len;
    }
    return true;
}

/**
 * \brief Copies an IP header into \p buf and zeroes its mutable fields (RFC 4302 3.3.3.1).
 *
 * IPv4: TOS, flags, fragment offset, TTL, checksum, and every option not listed as immutable.
 * IPv6: traffic class, flow label, hop limit, and the data of Hop-by-Hop / Destination
 * options marked as changing en route; a Routing header is covered as it is (the sender
 * must give it with its final values). The header must end where AH begins: protocol /
 * last next header 51.
 * \param hdr the header as sent or received
 * \param buf at least MAX_HDR octets
 * \return false when the header is malformed or longer than MAX_HDR
 */
bool
ZeroInto(ByteView hdr, uint8_t* buf)
{
    if (hdr.size < 1 || hdr.size > MAX_HDR)
    {
        return false;
    }
    const uint8_t version = hdr.data[0] >> 4;
    if (version == 4)
    {
        const size_t ihl = static_cast<size_t>(hdr.data[0] & 0x0f) * 4;
        if (ihl < 20 || hdr.size != ihl || hdr.data[9] != AH_PROTOCOL)
        {
            return false;
        }
        std::memcpy(buf, hdr.data, ihl);
        buf[1] = 0;            // TOS (DSCP, ECN)
        buf[6] = buf[7] = 0;   // flags, fragment offset
        buf[8] = 0;            // TTL
        buf[10] = buf[11] = 0; // header checksum
        size_t i = 20;
        while (i < ihl)
        {
            const uint8_t type = buf[i];
            if (type == 0)
            {
                break; // end of list: the rest is padding, covered as it is
            }
            if (type == 1)
            {
                ++i;
                continue;
            }
            if (i + 1 >= ihl)
            {
                return false;
            }
            const size_t len = buf[i + 1];
            if (len < 2 || i + len > ihl)
            {
                return false;
            }
            if (!IsImmutableIpv4Option(type))
            {
                std::memset(buf + i, 0, len); // RFC 4302 3.3.3.1.1.2: the entire option
            }
            i += len;
        }
        return true;
    }
    if (version == 6)
    {
        if (hdr.size < IPV6_HDR)
        {
            return false;
        }
        std::memcpy(buf, hdr.data, hdr.size);
        buf[0] &= 0xf0;               // traffic class (high nibble part)
        buf[1] = buf[2] = buf[3] = 0; // traffic class, flow label
        buf[7] = 0;                   // hop limit
        uint8_t next = buf[6];
        size_t off = IPV6_HDR;
        while (off < hdr.size)
        {
            if (off + 2 > hdr.size)
            {
                return false;
            }
            const size_t len = (size_t{buf[off + 1]} + 1) * 8;
            if (off + len > hdr.size)
            {
                return false;
            }
            if (next == 0 || next == 60) // Hop-by-Hop, Destination Options
            {
                if (!ZeroMutableIpv6Options(buf + off + 2, len - 2))
                {
                    return false;
                }
            }
            else if (next != 43) // only Routing besides: AH goes before Fragment headers
            {
                return false;
            }
            next = buf[off];
            off += len;
        }
        return next == AH_PROTOCOL;
    }
    return false;
}

/// \return true when the header is IPv6
bool
IsIpv6Header(ByteView hdr)
{
    return hdr.size > 0 && (hdr.data[0] >> 4) == 6;
}

} // namespace

size_t
AhCodec::GetHeaderSize(const SecurityAssociation& sa, bool ipv6)
{
    const size_t align = ipv6 ? 8 : 4; // RFC 4302 2.6
    const size_t raw = AH_FIXED + sa.GetIcvSize();
    return (raw + align - 1) / align * align;
}

bool
AhCodec::ZeroMutableFields(ByteView ipHeader, Bytes* out)
{
    uint8_t buf[MAX_HDR];
    if (!ZeroInto(ipHeader, buf))
    {
        return false;
    }
    out->assign(buf, buf + ipHeader.size);
    return true;
}

CodecResult
AhCodec::Protect(SecurityAssociation& sa,
                 ByteView ipHeader,
                 ByteView payload,
                 uint8_t nextHeader,
                 Bytes* ah)
{
    Integrity* integ = sa.GetIntegrity();
    if (sa.GetProtocol() != IpsecProtocol::AH || !integ)
    {
        return CodecResult::Drop(IpsecDropReason::NO_POLICY_SA_MISMATCH);
    }
    if (!sa.IsUsable())
    {
        return CodecResult::Drop(sa.IsSequenceExhausted() ? IpsecDropReason::SEQUENCE_OVERFLOW
                                                          : IpsecDropReason::LIFETIME_EXPIRED);
    }
    uint8_t hdr[MAX_HDR];
    if (!ZeroInto(ipHeader, hdr))
    {
        return CodecResult::Drop(IpsecDropReason::MALFORMED);
    }
    uint64_t seq = 0;
    if (!sa.NextSequence(&seq))
    {
        return CodecResult::Drop(IpsecDropReason::SEQUENCE_OVERFLOW);
    }
    const size_t len = GetHeaderSize(sa, IsIpv6Header(ipHeader));
    ah->assign(len, 0);
    uint8_t* a = ah->data();
    a[0] = nextHeader;
    a[1] = static_cast<uint8_t>(len / 4 - 2); // RFC 4302 2.2
    PutBigEndian32(a + 4, sa.GetSpi());
    PutBigEndian32(a + 8, static_cast<uint32_t>(seq));

    // RFC 4302 3.3.3: header (mutable fields zero), AH with zero ICV, payload, and with ESN
    // the high-order sequence bits appended (3.3.3.3.1 / 2.5.1).
    uint8_t seqHigh[4];
    PutBigEndian32(seqHigh, static_cast<uint32_t>(seq >> 32));
    uint8_t icv[MAX_ICV];
    const CryptoStatus st =
        sa.GetParams().esn
            ? integ->Compute(
                  {ByteView(hdr, ipHeader.size), ByteView(*ah), payload, ByteView(seqHigh, 4)},
                  icv)
            : integ->Compute({ByteView(hdr, ipHeader.size), ByteView(*ah), payload}, icv);
    if (st != CryptoStatus::OK)
    {
        return CodecResult::Drop(IpsecDropReason::CRYPTO_ERROR);
    }
    std::memcpy(a + AH_FIXED, icv, integ->GetIcvSize());
    CodecResult result;
    result.limit = sa.Account(payload.size);
    return result;
}

CodecResult
AhCodec::Unprotect(SecurityAssociation& sa,
                   ByteView ipHeader,
                   ByteView ahAndPayload,
                   ByteView* payload,
                   uint8_t* nextHeader)
{
    Integrity* integ = sa.GetIntegrity();
    if (sa.GetProtocol() != IpsecProtocol::AH || !integ)
    {
        return CodecResult::Drop(IpsecDropReason::NO_POLICY_SA_MISMATCH);
    }
    if (!sa.IsUsable())
    {
        return CodecResult::Drop(IpsecDropReason::LIFETIME_EXPIRED);
    }
    const size_t icvSize = integ->GetIcvSize();
    const uint8_t* a = ahAndPayload.data;
    if (ahAndPayload.size < AH_FIXED)
    {
        return CodecResult::Drop(IpsecDropReason::MALFORMED);
    }
    // RFC 4302 2.2: the length field counts 32-bit words minus 2. Accept the ICV padded to 32
    // or 64 bits, nothing longer (the padding is at most 7 octets).
    const size_t len = (size_t{a[1]} + 2) * 4;
    if (len < AH_FIXED + icvSize || len > AH_FIXED + icvSize + 7 || len > ahAndPayload.size)
    {
        return CodecResult::Drop(IpsecDropReason::MALFORMED);
    }
    if (GetBigEndian32(a + 4) != sa.GetSpi())
    {
        return CodecResult::Drop(IpsecDropReason::NO_SA);
    }
    uint8_t hdr[MAX_HDR];
    if (!ZeroInto(ipHeader, hdr))
    {
        return CodecResult::Drop(IpsecDropReason::MALFORMED);
    }

    const SaParams& params = sa.GetParams();
    const uint32_t seqLow = GetBigEndian32(a + 8);
    uint64_t seq = seqLow;
    if (params.replayWindow > 0)
    {
        switch (sa.GetReplayWindow().Check(seqLow, &seq))
        {
        case ReplayWindow::Verdict::OK:
            break;
        case ReplayWindow::Verdict::DUPLICATE:
            sa.GetCounters().replayDrops++;
            return CodecResult::Drop(IpsecDropReason::REPLAY_DUPLICATE);
        case ReplayWindow::Verdict::TOO_OLD:
            sa.GetCounters().replayDrops++;
            return CodecResult::Drop(IpsecDropReason::REPLAY_TOO_OLD);
        }
    }

    uint8_t zeroAh[AH_FIXED + MAX_ICV + 8];
    std::memcpy(zeroAh, a, AH_FIXED);
    std::memset(zeroAh + AH_FIXED, 0, len - AH_FIXED);
    const ByteView body(a + len, ahAndPayload.size - len);
    uint8_t seqHigh[4];
    PutBigEndian32(seqHigh, static_cast<uint32_t>(seq >> 32));
    const CryptoStatus st =
        params.esn
            ? integ->Verify(
                  {ByteView(hdr, ipHeader.size), ByteView(zeroAh, len), body, ByteView(seqHigh, 4)},
                  a + AH_FIXED)
            : integ->Verify({ByteView(hdr, ipHeader.size), ByteView(zeroAh, len), body},
                            a + AH_FIXED);
    if (st == CryptoStatus::AUTH_FAILED)
    {
        sa.GetCounters().integrityDrops++;
        return CodecResult::Drop(IpsecDropReason::ICV_FAILURE);
    }
    if (st != CryptoStatus::OK)
    {
        return CodecResult::Drop(IpsecDropReason::CRYPTO_ERROR);
    }
    if (params.replayWindow > 0)
    {
        sa.GetReplayWindow().Accept(seq);
    }
    *payload = body;
    *nextHeader = a[0];
    CodecResult result;
    result.limit = sa.Account(body.size);
    return result;
}

} // namespace ns3
