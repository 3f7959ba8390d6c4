/* SPDX-License-Identifier: GPL-2.0-only */

#include "esp-codec.h"

#include "network-byte-order.h"

#include "ns3/cipher.h"
#include "ns3/integrity.h"
#include "ns3/iv-generator.h"
#include "ns3/log.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpsecEspCodec");

namespace
{

constexpr size_t ESP_HEADER = 8;  //!< SPI + sequence number
constexpr size_t ESP_TRAILER = 2; //!< pad length + next header
constexpr size_t MAX_IV = 16;     //!< largest explicit IV (AES-CBC)

/// \return the payload alignment: the cipher block size, at least 4 octets (RFC 4303 2.4)
size_t
Alignment(const Cipher* cipher)
{
    const size_t block = cipher ? cipher->GetBlockSize() : 1;
    return std::max<size_t>(block, 4);
}

/**
 * \brief The additional authenticated data of combined-mode ESP (RFC 4106 5, RFC 4543 3.3.2,
 * RFC 4309 5, RFC 7634 2.1): SPI | sequence (32 bits), or SPI | seq high | seq low with ESN.
 * \return the AAD length (8 or 12)
 */
size_t
BuildAad(uint8_t* aad, const uint8_t* spiSeq, bool esn, uint64_t fullSeq)
{
    std::memcpy(aad, spiSeq, 4);
    if (esn)
    {
        PutBigEndian32(aad + 4, static_cast<uint32_t>(fullSeq >> 32));
        std::memcpy(aad + 8, spiSeq + 4, 4);
        return 12;
    }
    std::memcpy(aad + 4, spiSeq + 4, 4);
    return 8;
}

/// \brief Shared body of Protect and ProtectWithIv.
CodecResult
DoProtect(SecurityAssociation& sa,
          ByteView payload,
          uint8_t nextHeader,
          const uint8_t* ivOverride,
          Bytes* out)
{
    Cipher* cipher = sa.GetCipher();
    if (sa.GetProtocol() != IpsecProtocol::ESP || !cipher)
    {
        return CodecResult::Drop(IpsecDropReason::NO_POLICY_SA_MISMATCH);
    }
    if (!sa.IsUsable())
    {
        return CodecResult::Drop(sa.IsSequenceExhausted() ? IpsecDropReason::SEQUENCE_OVERFLOW
                                                          : IpsecDropReason::LIFETIME_EXPIRED);
    }
    const SaParams& params = sa.GetParams();
    const size_t ivSize = cipher->GetIvSize();
    const size_t icvSize = sa.GetIcvSize();
    const bool aead = cipher->IsAead();

    // RFC 4303 2.4: TFC padding follows the payload, before the normal padding; only in tunnel
    // mode, where the inner header tells the receiver where the real packet ends.
    size_t tfc = 0;
    if (params.tfcPadding && params.mode == IpsecMode::TUNNEL && payload.size < params.tfcPadSize)
    {
        tfc = params.tfcPadSize - payload.size;
    }
    const size_t align = Alignment(cipher);
    const size_t unpadded = payload.size + tfc + ESP_TRAILER;
    const size_t padLen = (align - unpadded % align) % align;
    const size_t ctLen = unpadded + padLen;

    // The payload may already sit at its place in *out (see GetPayloadOffset); anywhere else in
    // *out it could be moved by the resize below.
    const size_t total = ESP_HEADER + ivSize + ctLen + icvSize;
    const auto begin = reinterpret_cast<uintptr_t>(out->data());
    const auto at = reinterpret_cast<uintptr_t>(payload.data);
    const bool inPlace =
        payload.size > 0 && at == begin + ESP_HEADER + ivSize && out->size() >= total;
    if (payload.size > 0 && !inPlace && at >= begin && at < begin + out->size())
    {
        return CodecResult::Drop(IpsecDropReason::CRYPTO_ERROR);
    }

    uint64_t seq = 0;
    if (!sa.NextSequence(&seq))
    {
        return CodecResult::Drop(IpsecDropReason::SEQUENCE_OVERFLOW);
    }

    out->resize(total);
    uint8_t* p = out->data();
    PutBigEndian32(p, params.spi);
    PutBigEndian32(p + 4, static_cast<uint32_t>(seq));
    uint8_t* iv = p + ESP_HEADER;
    if (ivOverride)
    {
        std::memcpy(iv, ivOverride, ivSize);
    }
    else if (IvGenerator* gen = sa.GetIvGenerator())
    {
        gen->Next(iv, ivSize);
    }
    else if (ivSize == 8)
    {
        // RFC 4106 3.1, RFC 3686 3.1, RFC 7634 2: any unique IV; the sequence number is one.
        PutBigEndian32(iv, static_cast<uint32_t>(seq >> 32));
        PutBigEndian32(iv + 4, static_cast<uint32_t>(seq));
    }
    else if (ivSize != 0)
    {
        return CodecResult::Drop(IpsecDropReason::CRYPTO_ERROR);
    }

    uint8_t* ct = iv + ivSize;
    if (payload.size > 0 && !inPlace)
    {
        std::memcpy(ct, payload.data, payload.size);
    }
    std::memset(ct + payload.size, 0, tfc);
    uint8_t* pad = ct + payload.size + tfc;
    for (size_t i = 0; i < padLen; ++i)
    {
        pad[i] = static_cast<uint8_t>(i + 1); // RFC 4303 2.4: 1, 2, 3, ...
    }
    pad[padLen] = static_cast<uint8_t>(padLen);
    pad[padLen + 1] = nextHeader;

    uint8_t* icv = ct + ctLen;
    if (aead)
    {
        uint8_t aad[12];
        const size_t aadLen = BuildAad(aad, p, params.esn, seq);
        if (cipher->Encrypt(iv, ByteView(aad, aadLen), ByteView(ct, ctLen), ct, icv) !=
            CryptoStatus::OK)
        {
            return CodecResult::Drop(IpsecDropReason::CRYPTO_ERROR);
        }
    }
    else
    {
        if (cipher->Encrypt(iv, ByteView(), ByteView(ct, ctLen), ct, nullptr) != CryptoStatus::OK)
        {
            return CodecResult::Drop(IpsecDropReason::CRYPTO_ERROR);
        }
        if (Integrity* integ = sa.GetIntegrity())
        {
            // RFC 4303 2.2.1: with ESN the high-order 32 bits are authenticated, not sent,
            // as if appended after the Next Header field.
            uint8_t seqHigh[4];
            PutBigEndian32(seqHigh, static_cast<uint32_t>(seq >> 32));
            const ByteView authenticated(p, ESP_HEADER + ivSize + ctLen);
            const CryptoStatus st = params.esn
                                        ? integ->Compute({authenticated, ByteView(seqHigh, 4)}, icv)
                                        : integ->Compute({authenticated}, icv);
            if (st != CryptoStatus::OK)
            {
                return CodecResult::Drop(IpsecDropReason::CRYPTO_ERROR);
            }
        }
    }
    CodecResult result;
    result.limit = sa.Account(payload.size);
    return result;
}

/// \brief Length of the IP packet at the start of \p p, 0 when it is not one.
size_t
InnerIpLength(const uint8_t* p, size_t n, uint8_t nextHeader)
{
    if (nextHeader == 4 && n >= 20 && (p[0] >> 4) == 4)
    {
        return (size_t{p[2]} << 8) | p[3];
    }
    if (nextHeader == 41 && n >= 40 && (p[0] >> 4) == 6)
    {
        return 40 + ((size_t{p[4]} << 8) | p[5]);
    }
    return 0;
}

} // namespace

size_t
EspCodec::GetProtectedSize(const SecurityAssociation& sa, size_t payloadSize)
{
    const Cipher* cipher = sa.GetCipher();
    const size_t ivSize = cipher ? cipher->GetIvSize() : 0;
    const size_t align = Alignment(cipher);
    const SaParams& params = sa.GetParams();
    if (params.tfcPadding && params.mode == IpsecMode::TUNNEL)
    {
        payloadSize = std::max<size_t>(payloadSize, params.tfcPadSize);
    }
    const size_t unpadded = payloadSize + ESP_TRAILER;
    const size_t ctLen = unpadded + (align - unpadded % align) % align;
    return ESP_HEADER + ivSize + ctLen + sa.GetIcvSize();
}

size_t
EspCodec::GetPayloadOffset(const SecurityAssociation& sa)
{
    const Cipher* cipher = sa.GetCipher();
    return ESP_HEADER + (cipher ? cipher->GetIvSize() : 0);
}

CodecResult
EspCodec::Protect(SecurityAssociation& sa, ByteView payload, uint8_t nextHeader, Bytes* out)
{
    return DoProtect(sa, payload, nextHeader, nullptr, out);
}

CodecResult
EspCodec::ProtectWithIv(SecurityAssociation& sa,
                        ByteView payload,
                        uint8_t nextHeader,
                        const uint8_t* iv,
                        Bytes* out)
{
    return DoProtect(sa, payload, nextHeader, iv, out);
}

CodecResult
EspCodec::Unprotect(SecurityAssociation& sa, ByteView esp, Bytes* payload, uint8_t* nextHeader)
{
    Cipher* cipher = sa.GetCipher();
    if (sa.GetProtocol() != IpsecProtocol::ESP || !cipher)
    {
        return CodecResult::Drop(IpsecDropReason::NO_POLICY_SA_MISMATCH);
    }
    if (!sa.IsUsable())
    {
        return CodecResult::Drop(IpsecDropReason::LIFETIME_EXPIRED);
    }
    const SaParams& params = sa.GetParams();
    const size_t ivSize = cipher->GetIvSize();
    const size_t icvSize = sa.GetIcvSize();
    const bool aead = cipher->IsAead();

    // RFC 4303 3.4.1 and 2.4: there must be room for header, IV, trailer and ICV, and the
    // ciphertext must fill whole cipher blocks.
    if (ivSize > MAX_IV || esp.size < ESP_HEADER + ivSize + ESP_TRAILER + icvSize)
    {
        return CodecResult::Drop(IpsecDropReason::MALFORMED);
    }
    const size_t ctLen = esp.size - ESP_HEADER - ivSize - icvSize;
    if (ctLen % cipher->GetBlockSize() != 0)
    {
        return CodecResult::Drop(IpsecDropReason::MALFORMED);
    }
    const uint8_t* p = esp.data;
    if (GetBigEndian32(p) != params.spi)
    {
        return CodecResult::Drop(IpsecDropReason::NO_SA);
    }

    // RFC 4303 3.4.3: the replay check comes before the (costly) ICV check; with ESN it also
    // infers the high-order sequence bits (appendix A2).
    const uint32_t seqLow = GetBigEndian32(p + 4);
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

    const uint8_t* iv = p + ESP_HEADER;
    const uint8_t* ct = iv + ivSize;
    const uint8_t* icv = ct + ctLen;
    payload->resize(ctLen);
    if (aead)
    {
        uint8_t aad[12];
        const size_t aadLen = BuildAad(aad, p, params.esn, seq);
        const CryptoStatus st =
            cipher->Decrypt(iv, ByteView(aad, aadLen), ByteView(ct, ctLen), payload->data(), icv);
        if (st == CryptoStatus::AUTH_FAILED)
        {
            sa.GetCounters().integrityDrops++;
            return CodecResult::Drop(IpsecDropReason::ICV_FAILURE);
        }
        if (st != CryptoStatus::OK)
        {
            return CodecResult::Drop(IpsecDropReason::CRYPTO_ERROR);
        }
    }
    else
    {
        if (Integrity* integ = sa.GetIntegrity())
        {
            uint8_t seqHigh[4];
            PutBigEndian32(seqHigh, static_cast<uint32_t>(seq >> 32));
            const ByteView authenticated(p, ESP_HEADER + ivSize + ctLen);
            const CryptoStatus st = params.esn
                                        ? integ->Verify({authenticated, ByteView(seqHigh, 4)}, icv)
                                        : integ->Verify({authenticated}, icv);
            if (st == CryptoStatus::AUTH_FAILED)
            {
                sa.GetCounters().integrityDrops++;
                return CodecResult::Drop(IpsecDropReason::ICV_FAILURE);
            }
            if (st != CryptoStatus::OK)
            {
                return CodecResult::Drop(IpsecDropReason::CRYPTO_ERROR);
            }
        }
        if (cipher->Decrypt(iv, ByteView(), ByteView(ct, ctLen), payload->data(), nullptr) !=
            CryptoStatus::OK)
        {
            return CodecResult::Drop(IpsecDropReason::CRYPTO_ERROR);
        }
    }

    // RFC 4303 2.4: the receiver SHOULD check that the padding holds 1, 2, 3, ...
    const uint8_t* pt = payload->data();
    const size_t padLen = pt[ctLen - 2];
    if (padLen + ESP_TRAILER > ctLen)
    {
        return CodecResult::Drop(IpsecDropReason::BAD_PADDING);
    }
    const size_t payloadLen = ctLen - ESP_TRAILER - padLen;
    for (size_t i = 0; i < padLen; ++i)
    {
        if (pt[payloadLen + i] != static_cast<uint8_t>(i + 1))
        {
            return CodecResult::Drop(IpsecDropReason::BAD_PADDING);
        }
    }
    const uint8_t nh = pt[ctLen - 1];

    // Only authenticated packets move the window (RFC 4303 3.4.3).
    if (params.replayWindow > 0)
    {
        sa.GetReplayWindow().Accept(seq);
    }

    size_t keep = payloadLen;
    if (params.mode == IpsecMode::TUNNEL)
    {
        // RFC 4303 2.4: TFC padding after the inner packet is recognised by its IP length.
        const size_t inner = InnerIpLength(pt, payloadLen, nh);
        if (inner > payloadLen)
        {
            return CodecResult::Drop(IpsecDropReason::MALFORMED);
        }
        if (inner != 0)
        {
            keep = inner;
        }
    }
    payload->resize(keep);
    *nextHeader = nh;

    CodecResult result;
    result.limit = sa.Account(keep);
    if (nh == NEXT_HEADER_NONE)
    {
        // RFC 4303 2.6: a dummy packet; it was authentic, so it counts, but carries nothing.
        payload->clear();
        result.status = CodecStatus::DUMMY;
    }
    return result;
}

} // namespace ns3
