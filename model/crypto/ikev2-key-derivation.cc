/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ikev2-key-derivation.h"

#include "prf-plus.h"
#include "prf.h"

#include "ns3/log.h"

#include <array>
#include <memory>
#include <openssl/crypto.h>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Ikev2KeyDerivation");

namespace
{

/// Octets of the nonces that key the AES PRFs in SKEYSEED (RFC 7296 2.14: "first 64 bits").
constexpr size_t FIXED_KEY_NONCE_PART = 8;

/// An IKE SPI as its 8 wire octets, most significant first.
std::array<uint8_t, 8>
SpiOctets(uint64_t spi)
{
    std::array<uint8_t, 8> octets{};
    for (size_t i = 0; i < octets.size(); ++i)
    {
        octets[i] = static_cast<uint8_t>(spi >> (8 * (octets.size() - 1 - i)));
    }
    return octets;
}

/// Moves @p n octets from @p src at @p offset into @p dst.
void
Take(const Bytes& src, size_t* offset, size_t n, Bytes* dst)
{
    dst->assign(src.begin() + *offset, src.begin() + *offset + n);
    *offset += n;
}

/// Overwrites a buffer that held key material.
void
Wipe(Bytes* b)
{
    if (!b->empty())
    {
        OPENSSL_cleanse(b->data(), b->size());
    }
    b->clear();
}

/// Output of one PRF call, with the status of both key set-up and computation.
CryptoStatus
ComputePrf(PrfId id, ByteView key, std::initializer_list<ByteView> parts, Bytes* out)
{
    CryptoStatus status = CryptoStatus::OK;
    std::unique_ptr<Prf> prf = Prf::Create(id, key, &status);
    if (!prf)
    {
        return status;
    }
    return prf->Compute(parts, out);
}

} // namespace

CryptoStatus
Ikev2KeyDerivation::ComputeSkeyseed(PrfId prf,
                                    ByteView ni,
                                    ByteView nr,
                                    ByteView sharedSecret,
                                    Bytes* skeyseed)
{
    NS_LOG_FUNCTION(static_cast<int>(prf) << ni.size << nr.size << sharedSecret.size);
    if (Prf::GetOutputSizeOf(prf) == 0)
    {
        return CryptoStatus::UNSUPPORTED;
    }
    if (ni.size == 0 || nr.size == 0 || sharedSecret.size == 0)
    {
        return CryptoStatus::BAD_INPUT_LENGTH;
    }
    Bytes key(ni.data, ni.data + ni.size);
    key.insert(key.end(), nr.data, nr.data + nr.size);
    if (prf == PrfId::AES128_XCBC || prf == PrfId::AES128_CMAC)
    {
        // RFC 7296 2.14: these PRFs take a fixed-size key, so only the first 64 bits of each
        // nonce form it (all bits still go into prf+).
        if (ni.size < FIXED_KEY_NONCE_PART || nr.size < FIXED_KEY_NONCE_PART)
        {
            Wipe(&key);
            return CryptoStatus::BAD_INPUT_LENGTH;
        }
        key.assign(ni.data, ni.data + FIXED_KEY_NONCE_PART);
        key.insert(key.end(), nr.data, nr.data + FIXED_KEY_NONCE_PART);
    }
    const CryptoStatus status = ComputePrf(prf, key, {sharedSecret}, skeyseed);
    Wipe(&key);
    return status;
}

CryptoStatus
Ikev2KeyDerivation::DeriveSaKeys(PrfId prf,
                                 ByteView skeyseed,
                                 ByteView ni,
                                 ByteView nr,
                                 uint64_t spiI,
                                 uint64_t spiR,
                                 const Ikev2KeySizes& sizes,
                                 Ikev2SaKeys* keys)
{
    NS_LOG_FUNCTION(static_cast<int>(prf) << spiI << spiR);
    const size_t preferred = Prf::GetPreferredKeySizeOf(prf);
    if (preferred == 0)
    {
        return CryptoStatus::UNSUPPORTED;
    }
    if (sizes.prfKey != preferred || skeyseed.size == 0)
    {
        // RFC 7296 2.14: SK_d, SK_pi and SK_pr MUST have the PRF's preferred key length.
        return CryptoStatus::BAD_KEY_LENGTH;
    }
    if (ni.size == 0 || nr.size == 0)
    {
        return CryptoStatus::BAD_INPUT_LENGTH;
    }
    const size_t total = 3 * sizes.prfKey + 2 * sizes.integKey + 2 * sizes.encrKey;
    const std::array<uint8_t, 8> spiIOctets = SpiOctets(spiI);
    const std::array<uint8_t, 8> spiROctets = SpiOctets(spiR);
    Bytes stream;
    const CryptoStatus status =
        PrfPlus::Compute(prf,
                         skeyseed,
                         {ni, nr, ByteView(spiIOctets.data(), 8), ByteView(spiROctets.data(), 8)},
                         total,
                         &stream);
    if (status != CryptoStatus::OK)
    {
        return status;
    }
    size_t offset = 0;
    Take(stream, &offset, sizes.prfKey, &keys->skD);
    Take(stream, &offset, sizes.integKey, &keys->skAi);
    Take(stream, &offset, sizes.integKey, &keys->skAr);
    Take(stream, &offset, sizes.encrKey, &keys->skEi);
    Take(stream, &offset, sizes.encrKey, &keys->skEr);
    Take(stream, &offset, sizes.prfKey, &keys->skPi);
    Take(stream, &offset, sizes.prfKey, &keys->skPr);
    Wipe(&stream);
    return CryptoStatus::OK;
}

CryptoStatus
Ikev2KeyDerivation::ComputeRekeySkeyseed(PrfId oldPrf,
                                         ByteView oldSkD,
                                         ByteView newSharedSecret,
                                         ByteView ni,
                                         ByteView nr,
                                         Bytes* skeyseed)
{
    NS_LOG_FUNCTION(static_cast<int>(oldPrf) << newSharedSecret.size);
    if (Prf::GetOutputSizeOf(oldPrf) == 0)
    {
        return CryptoStatus::UNSUPPORTED;
    }
    if (oldSkD.size == 0)
    {
        return CryptoStatus::BAD_KEY_LENGTH;
    }
    if (newSharedSecret.size == 0 || ni.size == 0 || nr.size == 0)
    {
        return CryptoStatus::BAD_INPUT_LENGTH;
    }
    return ComputePrf(oldPrf, oldSkD, {newSharedSecret, ni, nr}, skeyseed);
}

CryptoStatus
Ikev2KeyDerivation::ComputeChildKeymat(PrfId prf,
                                       ByteView skD,
                                       ByteView newSharedSecret,
                                       ByteView ni,
                                       ByteView nr,
                                       size_t length,
                                       Bytes* keymat)
{
    NS_LOG_FUNCTION(static_cast<int>(prf) << newSharedSecret.size << length);
    if (Prf::GetOutputSizeOf(prf) == 0)
    {
        return CryptoStatus::UNSUPPORTED;
    }
    if (skD.size == 0)
    {
        return CryptoStatus::BAD_KEY_LENGTH;
    }
    if (ni.size == 0 || nr.size == 0)
    {
        return CryptoStatus::BAD_INPUT_LENGTH;
    }
    // Without PFS newSharedSecret is empty and adds nothing to the seed.
    return PrfPlus::Compute(prf, skD, {newSharedSecret, ni, nr}, length, keymat);
}

CryptoStatus
Ikev2KeyDerivation::DeriveChildKeys(PrfId prf,
                                    ByteView skD,
                                    ByteView newSharedSecret,
                                    ByteView ni,
                                    ByteView nr,
                                    const Ikev2KeySizes& sizes,
                                    Ikev2ChildKeys* keys)
{
    const size_t perDirection = sizes.encrKey + sizes.integKey;
    Bytes keymat;
    const CryptoStatus status =
        ComputeChildKeymat(prf, skD, newSharedSecret, ni, nr, 2 * perDirection, &keymat);
    if (status != CryptoStatus::OK)
    {
        return status;
    }
    // RFC 7296 2.17: initiator-to-responder keys first; within an SA the encryption key comes
    // first and the integrity key next (RFC 4301 / IPSECARCH order).
    size_t offset = 0;
    Take(keymat, &offset, sizes.encrKey, &keys->initiatorToResponder.encr);
    Take(keymat, &offset, sizes.integKey, &keys->initiatorToResponder.integ);
    Take(keymat, &offset, sizes.encrKey, &keys->responderToInitiator.encr);
    Take(keymat, &offset, sizes.integKey, &keys->responderToInitiator.integ);
    Wipe(&keymat);
    return CryptoStatus::OK;
}

bool
Ikev2KeyDerivation::IsAead(EncrId encr)
{
    switch (encr)
    {
    case EncrId::AES_CCM_8:
    case EncrId::AES_CCM_12:
    case EncrId::AES_CCM_16:
    case EncrId::AES_GCM_8:
    case EncrId::AES_GCM_12:
    case EncrId::AES_GCM_16:
    case EncrId::NULL_AUTH_AES_GMAC:
    case EncrId::CHACHA20_POLY1305:
        return true;
    default:
        return false;
    }
}

CryptoStatus
Ikev2KeyDerivation::GetEncrKeySize(EncrId encr, uint16_t keyBits, size_t* size)
{
    // Ciphers with one key size: the Key Length attribute is absent or states that size.
    auto fixed = [keyBits, size](size_t octets) {
        if (keyBits != 0 && keyBits != 8 * octets)
        {
            return CryptoStatus::BAD_KEY_LENGTH;
        }
        *size = octets;
        return CryptoStatus::OK;
    };
    // AES modes: the attribute is mandatory (RFC 7296 3.3.5) and the salt or nonce follows.
    auto aes = [keyBits, size](size_t saltOctets) {
        if (keyBits != 128 && keyBits != 192 && keyBits != 256)
        {
            return CryptoStatus::BAD_KEY_LENGTH;
        }
        *size = keyBits / 8 + saltOctets;
        return CryptoStatus::OK;
    };
    switch (encr)
    {
    case EncrId::DES_IV64:
    case EncrId::DES:
        return fixed(8);
    case EncrId::TRIPLE_DES:
        return fixed(24);
    case EncrId::NULL_ENCR:
        return fixed(0);
    case EncrId::AES_CBC:
        return aes(0);
    case EncrId::AES_CTR:   // RFC 3686 5.1, RFC 5930 2
    case EncrId::AES_GCM_8: // RFC 4106 8.1, RFC 5282 7.1
    case EncrId::AES_GCM_12:
    case EncrId::AES_GCM_16:
    case EncrId::NULL_AUTH_AES_GMAC: // RFC 4543 3.2
        return aes(4);
    case EncrId::AES_CCM_8: // RFC 4309 7.1, RFC 5282 7.1
    case EncrId::AES_CCM_12:
    case EncrId::AES_CCM_16:
        return aes(3);
    case EncrId::CHACHA20_POLY1305: // RFC 7634 2: 256-bit key and a 32-bit salt
        if (keyBits != 0 && keyBits != 256)
        {
            return CryptoStatus::BAD_KEY_LENGTH;
        }
        *size = 36;
        return CryptoStatus::OK;
    }
    return CryptoStatus::UNSUPPORTED;
}

CryptoStatus
Ikev2KeyDerivation::GetIntegKeySize(IntegId integ, size_t* size)
{
    switch (integ)
    {
    case IntegId::NONE:
        *size = 0;
        return CryptoStatus::OK;
    case IntegId::HMAC_MD5_96: // RFC 2403
        *size = 16;
        return CryptoStatus::OK;
    case IntegId::HMAC_SHA1_96: // RFC 2404
        *size = 20;
        return CryptoStatus::OK;
    case IntegId::AES_XCBC_96: // RFC 3566
    case IntegId::AES_CMAC_96: // RFC 4494
        *size = 16;
        return CryptoStatus::OK;
    case IntegId::HMAC_SHA2_256_128: // RFC 4868 2.1.1: key = output of the hash
        *size = 32;
        return CryptoStatus::OK;
    case IntegId::HMAC_SHA2_384_192:
        *size = 48;
        return CryptoStatus::OK;
    case IntegId::HMAC_SHA2_512_256:
        *size = 64;
        return CryptoStatus::OK;
    }
    return CryptoStatus::UNSUPPORTED;
}

CryptoStatus
Ikev2KeyDerivation::GetChildSaKeySizes(EncrId encr,
                                       uint16_t keyBits,
                                       IntegId integ,
                                       Ikev2KeySizes* sizes)
{
    Ikev2KeySizes result;
    CryptoStatus status = GetEncrKeySize(encr, keyBits, &result.encrKey);
    if (status != CryptoStatus::OK)
    {
        return status;
    }
    status = GetIntegKeySize(integ, &result.integKey);
    if (status != CryptoStatus::OK)
    {
        return status;
    }
    // RFC 5282 8 / RFC 4106 7: a combined mode is proposed without an integrity transform.
    if (IsAead(encr) && integ != IntegId::NONE)
    {
        return CryptoStatus::UNSUPPORTED;
    }
    // RFC 4303 3.2: ESP with neither confidentiality nor integrity is not allowed.
    if (encr == EncrId::NULL_ENCR && integ == IntegId::NONE)
    {
        return CryptoStatus::UNSUPPORTED;
    }
    *sizes = result;
    return CryptoStatus::OK;
}

CryptoStatus
Ikev2KeyDerivation::GetIkeSaKeySizes(PrfId prf,
                                     EncrId encr,
                                     uint16_t keyBits,
                                     IntegId integ,
                                     Ikev2KeySizes* sizes)
{
    const size_t prfKey = Prf::GetPreferredKeySizeOf(prf);
    if (prfKey == 0)
    {
        return CryptoStatus::UNSUPPORTED;
    }
    // ENCR_NULL and AES-GMAC are ESP-only (IANA "Transform Type 1" IKEv2 column).
    if (encr == EncrId::NULL_ENCR || encr == EncrId::NULL_AUTH_AES_GMAC)
    {
        return CryptoStatus::UNSUPPORTED;
    }
    // RFC 7296 3.3.3: an IKE SA without a combined mode must have an integrity transform.
    if (!IsAead(encr) && integ == IntegId::NONE)
    {
        return CryptoStatus::UNSUPPORTED;
    }
    Ikev2KeySizes result;
    const CryptoStatus status = GetChildSaKeySizes(encr, keyBits, integ, &result);
    if (status != CryptoStatus::OK)
    {
        return status;
    }
    result.prfKey = prfKey;
    *sizes = result;
    return CryptoStatus::OK;
}

} // namespace ns3
