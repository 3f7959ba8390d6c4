/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "null-cipher.h"

#include <cstring>

namespace ns3
{

EncrId
NullCipher::GetId() const
{
    return EncrId::NULL_ENCR;
}

bool
NullCipher::IsAead() const
{
    return false;
}

size_t
NullCipher::GetBlockSize() const
{
    return 1;
}

size_t
NullCipher::GetIvSize() const
{
    return 0;
}

size_t
NullCipher::GetIcvSize() const
{
    return 0;
}

CryptoStatus
NullCipher::Encrypt(const uint8_t*, ByteView, ByteView in, uint8_t* out, uint8_t*)
{
    if (in.size > 0 && out != in.data)
    {
        std::memmove(out, in.data, in.size);
    }
    return CryptoStatus::OK;
}

CryptoStatus
NullCipher::Decrypt(const uint8_t*, ByteView, ByteView in, uint8_t* out, const uint8_t*)
{
    if (in.size > 0 && out != in.data)
    {
        std::memmove(out, in.data, in.size);
    }
    return CryptoStatus::OK;
}

} // namespace ns3
