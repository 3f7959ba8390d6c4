/* SPDX-License-Identifier: GPL-2.0-only */

#include "message-digest.h"

#include "evp-fetch.h"

#include <memory>
#include <openssl/evp.h>

namespace ns3
{

namespace
{

Bytes
Digest(const char* name, std::initializer_list<ByteView> parts)
{
    const EVP_MD* md = EvpFetchMd(name);
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    if (md == nullptr || !ctx || EVP_DigestInit_ex2(ctx.get(), md, nullptr) != 1)
    {
        return {};
    }
    for (const ByteView& part : parts)
    {
        if (part.size > 0 && EVP_DigestUpdate(ctx.get(), part.data, part.size) != 1)
        {
            return {};
        }
    }
    Bytes digest(EVP_MAX_MD_SIZE);
    unsigned int size = 0;
    if (EVP_DigestFinal_ex(ctx.get(), digest.data(), &size) != 1)
    {
        return {};
    }
    digest.resize(size);
    return digest;
}

} // namespace

Bytes
MessageDigest::Sha1(std::initializer_list<ByteView> parts)
{
    return Digest("SHA1", parts);
}

Bytes
MessageDigest::Sha256(std::initializer_list<ByteView> parts)
{
    return Digest("SHA256", parts);
}

} // namespace ns3
