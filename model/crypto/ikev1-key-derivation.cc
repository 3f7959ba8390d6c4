/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ikev1-key-derivation.h"

#include "evp-fetch.h"
#include "prf.h"

#include "ns3/log.h"

#include <array>
#include <memory>
#include <openssl/crypto.h>
#include <openssl/evp.h>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Ikev1KeyDerivation");

namespace
{

/// A value as its @p N wire octets, most significant first.
template <size_t N, typename T>
std::array<uint8_t, N>
BigEndian(T value)
{
    std::array<uint8_t, N> octets{};
    for (size_t i = 0; i < N; ++i)
    {
        octets[i] = static_cast<uint8_t>(value >> (8 * (N - 1 - i)));
    }
    return octets;
}

/// A view of a fixed-size octet array.
template <size_t N>
ByteView
View(const std::array<uint8_t, N>& a)
{
    return ByteView(a.data(), N);
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

/// Wipes the octets of @p b beyond the first @p keep, then drops them.
void
Truncate(Bytes* b, size_t keep)
{
    if (b->size() > keep)
    {
        OPENSSL_cleanse(b->data() + keep, b->size() - keep);
        b->resize(keep);
    }
}

/// A keyed PRF, with the status of its creation.
std::unique_ptr<Prf>
MakePrf(PrfId id, ByteView key, CryptoStatus* status)
{
    if (Prf::GetOutputSizeOf(id) == 0)
    {
        *status = CryptoStatus::UNSUPPORTED;
        return nullptr;
    }
    return Prf::Create(id, key, status);
}

/// One PRF call with key set-up.
CryptoStatus
ComputePrf(PrfId id, ByteView key, std::initializer_list<ByteView> parts, Bytes* out)
{
    CryptoStatus status = CryptoStatus::OK;
    std::unique_ptr<Prf> prf = MakePrf(id, key, &status);
    if (!prf)
    {
        return status;
    }
    return prf->Compute(parts, out);
}

/// OpenSSL digest name of an Oakley hash, null if not implemented.
const char*
DigestName(Ikev1HashId hash)
{
    switch (hash)
    {
    case Ikev1HashId::MD5:
        return "MD5";
    case Ikev1HashId::SHA1:
        return "SHA1";
    case Ikev1HashId::SHA2_256:
        return "SHA2-256";
    case Ikev1HashId::SHA2_384:
        return "SHA2-384";
    case Ikev1HashId::SHA2_512:
        return "SHA2-512";
    case Ikev1HashId::TIGER:
        break;
    }
    return nullptr;
}

/// hash(first | second), truncated to @p blockSize (the IVs of RFC 2409 appendix B).
CryptoStatus
HashIv(Ikev1HashId hash, ByteView first, ByteView second, size_t blockSize, Bytes* iv)
{
    const char* name = DigestName(hash);
    if (name == nullptr)
    {
        return CryptoStatus::UNSUPPORTED;
    }
    EVP_MD* md = EvpFetchMd(name);
    if (md == nullptr)
    {
        return CryptoStatus::BACKEND_ERROR;
    }
    if (blockSize == 0 || blockSize > static_cast<size_t>(EVP_MD_get_size(md)))
    {
        return CryptoStatus::BAD_INPUT_LENGTH;
    }
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    Bytes digest(EVP_MAX_MD_SIZE);
    unsigned int digestSize = 0;
    if (!ctx || EVP_DigestInit_ex2(ctx.get(), md, nullptr) != 1 ||
        EVP_DigestUpdate(ctx.get(), first.data, first.size) != 1 ||
        EVP_DigestUpdate(ctx.get(), second.data, second.size) != 1 ||
        EVP_DigestFinal_ex(ctx.get(), digest.data(), &digestSize) != 1)
    {
        return CryptoStatus::BACKEND_ERROR;
    }
    digest.resize(blockSize);
    *iv = std::move(digest);
    return CryptoStatus::OK;
}

/// prf(SKEYID, a | b | c1 | c2 | SAi_b | ID_b): the shape shared by HASH_I and HASH_R.
CryptoStatus
PhaseOneHash(PrfId prf,
             ByteView skeyid,
             ByteView firstValue,
             ByteView secondValue,
             uint64_t firstCookie,
             uint64_t secondCookie,
             const Ikev1HashInput& input,
             Bytes* hash)
{
    if (skeyid.size == 0)
    {
        return CryptoStatus::BAD_KEY_LENGTH;
    }
    if (input.gxi.size == 0 || input.gxr.size == 0 || input.saiB.size == 0 || input.idB.size == 0)
    {
        return CryptoStatus::BAD_INPUT_LENGTH;
    }
    const auto c1 = BigEndian<8>(firstCookie);
    const auto c2 = BigEndian<8>(secondCookie);
    return ComputePrf(prf,
                      skeyid,
                      {firstValue, secondValue, View(c1), View(c2), input.saiB, input.idB},
                      hash);
}

} // namespace

CryptoStatus
Ikev1KeyDerivation::GetPrfForHash(Ikev1HashId hash, PrfId* prf)
{
    switch (hash)
    {
    case Ikev1HashId::MD5:
        *prf = PrfId::HMAC_MD5;
        return CryptoStatus::OK;
    case Ikev1HashId::SHA1:
        *prf = PrfId::HMAC_SHA1;
        return CryptoStatus::OK;
    case Ikev1HashId::SHA2_256:
        *prf = PrfId::HMAC_SHA2_256;
        return CryptoStatus::OK;
    case Ikev1HashId::SHA2_384:
        *prf = PrfId::HMAC_SHA2_384;
        return CryptoStatus::OK;
    case Ikev1HashId::SHA2_512:
        *prf = PrfId::HMAC_SHA2_512;
        return CryptoStatus::OK;
    case Ikev1HashId::TIGER:
        break;
    }
    return CryptoStatus::UNSUPPORTED;
}

CryptoStatus
Ikev1KeyDerivation::ComputeSkeyidPreSharedKey(PrfId prf,
                                              ByteView preSharedKey,
                                              ByteView niB,
                                              ByteView nrB,
                                              Bytes* skeyid)
{
    NS_LOG_FUNCTION(static_cast<int>(prf) << niB.size << nrB.size);
    if (preSharedKey.size == 0)
    {
        return CryptoStatus::BAD_KEY_LENGTH;
    }
    if (niB.size == 0 || nrB.size == 0)
    {
        return CryptoStatus::BAD_INPUT_LENGTH;
    }
    return ComputePrf(prf, preSharedKey, {niB, nrB}, skeyid);
}

CryptoStatus
Ikev1KeyDerivation::ComputeSkeyidSignature(PrfId prf,
                                           ByteView niB,
                                           ByteView nrB,
                                           ByteView sharedSecret,
                                           Bytes* skeyid)
{
    NS_LOG_FUNCTION(static_cast<int>(prf) << niB.size << nrB.size << sharedSecret.size);
    if (niB.size == 0 || nrB.size == 0 || sharedSecret.size == 0)
    {
        return CryptoStatus::BAD_INPUT_LENGTH;
    }
    Bytes key(niB.data, niB.data + niB.size);
    key.insert(key.end(), nrB.data, nrB.data + nrB.size);
    return ComputePrf(prf, key, {sharedSecret}, skeyid);
}

CryptoStatus
Ikev1KeyDerivation::DeriveSkeyids(PrfId prf,
                                  ByteView skeyid,
                                  ByteView sharedSecret,
                                  uint64_t ckyI,
                                  uint64_t ckyR,
                                  Ikev1Skeyids* keys)
{
    NS_LOG_FUNCTION(static_cast<int>(prf) << ckyI << ckyR);
    if (skeyid.size == 0)
    {
        return CryptoStatus::BAD_KEY_LENGTH;
    }
    if (sharedSecret.size == 0)
    {
        return CryptoStatus::BAD_INPUT_LENGTH;
    }
    CryptoStatus status = CryptoStatus::OK;
    std::unique_ptr<Prf> keyed = MakePrf(prf, skeyid, &status);
    if (!keyed)
    {
        return status;
    }
    const auto cI = BigEndian<8>(ckyI);
    const auto cR = BigEndian<8>(ckyR);
    const uint8_t zero = 0;
    const uint8_t one = 1;
    const uint8_t two = 2;
    Ikev1Skeyids result;
    result.skeyid.assign(skeyid.data, skeyid.data + skeyid.size);
    status =
        keyed->Compute({sharedSecret, View(cI), View(cR), ByteView(&zero, 1)}, &result.skeyidD);
    if (status == CryptoStatus::OK)
    {
        status =
            keyed->Compute({result.skeyidD, sharedSecret, View(cI), View(cR), ByteView(&one, 1)},
                           &result.skeyidA);
    }
    if (status == CryptoStatus::OK)
    {
        status =
            keyed->Compute({result.skeyidA, sharedSecret, View(cI), View(cR), ByteView(&two, 1)},
                           &result.skeyidE);
    }
    if (status != CryptoStatus::OK)
    {
        Wipe(&result.skeyid);
        Wipe(&result.skeyidD);
        Wipe(&result.skeyidA);
        return status;
    }
    *keys = std::move(result);
    return CryptoStatus::OK;
}

CryptoStatus
Ikev1KeyDerivation::ExpandEncryptionKey(PrfId prf, ByteView skeyidE, size_t keySize, Bytes* key)
{
    NS_LOG_FUNCTION(static_cast<int>(prf) << skeyidE.size << keySize);
    if (skeyidE.size == 0)
    {
        return CryptoStatus::BAD_KEY_LENGTH;
    }
    if (skeyidE.size >= keySize)
    {
        key->assign(skeyidE.data, skeyidE.data + keySize);
        return CryptoStatus::OK;
    }
    // Appendix B: SKEYID_e is too short, so Ka = K1 | K2 | ... keyed by SKEYID_e.
    CryptoStatus status = CryptoStatus::OK;
    std::unique_ptr<Prf> keyed = MakePrf(prf, skeyidE, &status);
    if (!keyed)
    {
        return status;
    }
    const uint8_t zero = 0;
    Bytes expanded;
    Bytes block;
    while (expanded.size() < keySize)
    {
        const ByteView previous = block.empty() ? ByteView(&zero, 1) : ByteView(block);
        Bytes next;
        status = keyed->Compute({previous}, &next);
        if (status != CryptoStatus::OK)
        {
            Wipe(&expanded);
            Wipe(&block);
            return status;
        }
        Wipe(&block);
        block = std::move(next);
        expanded.insert(expanded.end(), block.begin(), block.end());
    }
    Wipe(&block);
    Truncate(&expanded, keySize);
    *key = std::move(expanded);
    return CryptoStatus::OK;
}

CryptoStatus
Ikev1KeyDerivation::ComputeHashI(PrfId prf,
                                 ByteView skeyid,
                                 const Ikev1HashInput& input,
                                 Bytes* hash)
{
    return PhaseOneHash(prf, skeyid, input.gxi, input.gxr, input.ckyI, input.ckyR, input, hash);
}

CryptoStatus
Ikev1KeyDerivation::ComputeHashR(PrfId prf,
                                 ByteView skeyid,
                                 const Ikev1HashInput& input,
                                 Bytes* hash)
{
    return PhaseOneHash(prf, skeyid, input.gxr, input.gxi, input.ckyR, input.ckyI, input, hash);
}

CryptoStatus
Ikev1KeyDerivation::ComputeQuickModeKeymat(PrfId prf,
                                           ByteView skeyidD,
                                           ByteView pfsSharedSecret,
                                           uint8_t protocol,
                                           uint32_t spi,
                                           ByteView niB,
                                           ByteView nrB,
                                           size_t length,
                                           Bytes* keymat)
{
    NS_LOG_FUNCTION(static_cast<int>(prf) << pfsSharedSecret.size << +protocol << spi << length);
    if (skeyidD.size == 0)
    {
        return CryptoStatus::BAD_KEY_LENGTH;
    }
    if (niB.size == 0 || nrB.size == 0)
    {
        return CryptoStatus::BAD_INPUT_LENGTH;
    }
    CryptoStatus status = CryptoStatus::OK;
    std::unique_ptr<Prf> keyed = MakePrf(prf, skeyidD, &status);
    if (!keyed)
    {
        return status;
    }
    const auto spiOctets = BigEndian<4>(spi);
    Bytes result;
    Bytes block; // K(n-1), empty for K1; without PFS pfsSharedSecret is empty too
    while (result.size() < length)
    {
        Bytes next;
        status = keyed->Compute(
            {block, pfsSharedSecret, ByteView(&protocol, 1), View(spiOctets), niB, nrB},
            &next);
        if (status != CryptoStatus::OK)
        {
            Wipe(&result);
            Wipe(&block);
            return status;
        }
        Wipe(&block);
        block = std::move(next);
        result.insert(result.end(), block.begin(), block.end());
    }
    Wipe(&block);
    Truncate(&result, length);
    *keymat = std::move(result);
    return CryptoStatus::OK;
}

CryptoStatus
Ikev1KeyDerivation::DeriveQuickModeKeys(PrfId prf,
                                        ByteView skeyidD,
                                        ByteView pfsSharedSecret,
                                        uint8_t protocol,
                                        uint32_t spi,
                                        ByteView niB,
                                        ByteView nrB,
                                        size_t encrKeySize,
                                        size_t integKeySize,
                                        Ikev1QuickModeKeys* keys)
{
    Bytes keymat;
    const CryptoStatus status = ComputeQuickModeKeymat(prf,
                                                       skeyidD,
                                                       pfsSharedSecret,
                                                       protocol,
                                                       spi,
                                                       niB,
                                                       nrB,
                                                       encrKeySize + integKeySize,
                                                       &keymat);
    if (status != CryptoStatus::OK)
    {
        return status;
    }
    // RFC 2401 / RFC 4301: the encryption key from the first octets, the authentication key
    // from the next.
    keys->encr.assign(keymat.begin(), keymat.begin() + encrKeySize);
    keys->integ.assign(keymat.begin() + encrKeySize, keymat.end());
    Wipe(&keymat);
    return CryptoStatus::OK;
}

CryptoStatus
Ikev1KeyDerivation::ComputePhase1Iv(Ikev1HashId hash,
                                    ByteView gxi,
                                    ByteView gxr,
                                    size_t blockSize,
                                    Bytes* iv)
{
    if (gxi.size == 0 || gxr.size == 0)
    {
        return CryptoStatus::BAD_INPUT_LENGTH;
    }
    return HashIv(hash, gxi, gxr, blockSize, iv);
}

CryptoStatus
Ikev1KeyDerivation::ComputePhase2Iv(Ikev1HashId hash,
                                    ByteView lastPhase1Block,
                                    uint32_t messageId,
                                    size_t blockSize,
                                    Bytes* iv)
{
    if (lastPhase1Block.size == 0)
    {
        return CryptoStatus::BAD_INPUT_LENGTH;
    }
    const auto mid = BigEndian<4>(messageId);
    return HashIv(hash, lastPhase1Block, View(mid), blockSize, iv);
}

CryptoStatus
Ikev1KeyDerivation::ComputeQuickModeHash1(PrfId prf,
                                          ByteView skeyidA,
                                          uint32_t messageId,
                                          ByteView rest,
                                          Bytes* hash)
{
    if (skeyidA.size == 0)
    {
        return CryptoStatus::BAD_KEY_LENGTH;
    }
    if (rest.size == 0)
    {
        return CryptoStatus::BAD_INPUT_LENGTH;
    }
    const auto mid = BigEndian<4>(messageId);
    return ComputePrf(prf, skeyidA, {View(mid), rest}, hash);
}

CryptoStatus
Ikev1KeyDerivation::ComputeQuickModeHash2(PrfId prf,
                                          ByteView skeyidA,
                                          uint32_t messageId,
                                          ByteView niB,
                                          ByteView rest,
                                          Bytes* hash)
{
    if (skeyidA.size == 0)
    {
        return CryptoStatus::BAD_KEY_LENGTH;
    }
    if (niB.size == 0 || rest.size == 0)
    {
        return CryptoStatus::BAD_INPUT_LENGTH;
    }
    const auto mid = BigEndian<4>(messageId);
    return ComputePrf(prf, skeyidA, {View(mid), niB, rest}, hash);
}

CryptoStatus
Ikev1KeyDerivation::ComputeQuickModeHash3(PrfId prf,
                                          ByteView skeyidA,
                                          uint32_t messageId,
                                          ByteView niB,
                                          ByteView nrB,
                                          Bytes* hash)
{
    if (skeyidA.size == 0)
    {
        return CryptoStatus::BAD_KEY_LENGTH;
    }
    if (niB.size == 0 || nrB.size == 0)
    {
        return CryptoStatus::BAD_INPUT_LENGTH;
    }
    const uint8_t zero = 0;
    const auto mid = BigEndian<4>(messageId);
    return ComputePrf(prf, skeyidA, {ByteView(&zero, 1), View(mid), niB, nrB}, hash);
}

} // namespace ns3
