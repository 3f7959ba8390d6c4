/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "prf-plus.h"

#include "prf.h"

#include "ns3/log.h"

#include <memory>
#include <openssl/crypto.h>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("PrfPlus");

namespace
{

/// Overwrites octets that held key material (empty buffers have no storage to wipe).
void
Wipe(Bytes* b, size_t from = 0)
{
    if (b->size() > from)
    {
        OPENSSL_cleanse(b->data() + from, b->size() - from);
    }
}

} // namespace

CryptoStatus
PrfPlus::Compute(PrfId id,
                 ByteView key,
                 std::initializer_list<ByteView> seed,
                 size_t length,
                 Bytes* out)
{
    if (Prf::GetOutputSizeOf(id) == 0)
    {
        return CryptoStatus::UNSUPPORTED;
    }
    if (length > GetMaxLength(id))
    {
        NS_LOG_WARN("prf+ asked for " << length << " octets, more than 255 blocks");
        return CryptoStatus::BAD_INPUT_LENGTH;
    }
    CryptoStatus status = CryptoStatus::OK;
    std::unique_ptr<Prf> prf = Prf::Create(id, key, &status);
    if (!prf)
    {
        return status;
    }
    return Compute(*prf, seed, length, out);
}

CryptoStatus
PrfPlus::Compute(Prf& prf, std::initializer_list<ByteView> seed, size_t length, Bytes* out)
{
    const size_t blockSize = prf.GetOutputSize();
    if (blockSize == 0 || length > MAX_BLOCKS * blockSize)
    {
        NS_LOG_WARN("prf+ asked for " << length << " octets, more than 255 blocks");
        return CryptoStatus::BAD_INPUT_LENGTH;
    }
    // S is joined once; each block then hashes T(n-1) | S | n without further copies. S may
    // hold a Diffie-Hellman secret (child KEYMAT with PFS), so the copy is wiped afterwards.
    Bytes joined;
    for (const ByteView& part : seed)
    {
        joined.insert(joined.end(), part.data, part.data + part.size);
    }

    Bytes result;
    result.reserve(length + blockSize);
    Bytes block;
    uint8_t counter = 1;
    while (result.size() < length)
    {
        const ByteView previous = block; // empty for T1
        Bytes next;
        const CryptoStatus status = prf.Compute({previous, joined, ByteView(&counter, 1)}, &next);
        if (status != CryptoStatus::OK)
        {
            Wipe(&result);
            Wipe(&block);
            Wipe(&joined);
            return status;
        }
        Wipe(&block);
        block = std::move(next);
        result.insert(result.end(), block.begin(), block.end());
        ++counter;
    }
    Wipe(&block);
    Wipe(&joined);
    Wipe(&result, length);
    result.resize(length);
    *out = std::move(result);
    return CryptoStatus::OK;
}

size_t
PrfPlus::GetMaxLength(PrfId id)
{
    return MAX_BLOCKS * Prf::GetOutputSizeOf(id);
}

} // namespace ns3
