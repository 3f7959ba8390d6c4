/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "cipher.h"

#include "aead-cipher.h"
#include "cbc-cipher.h"
#include "ctr-cipher.h"
#include "null-cipher.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Cipher");

Cipher::~Cipher() = default;

namespace
{

/// Salt octets appended to the key (RFC 4106 8.1, 4309 7.1, 4543 5, 3686 5.1, 7634 3).
size_t
SaltSize(EncrId id)
{
    switch (id)
    {
    case EncrId::AES_CTR:
    case EncrId::AES_GCM_8:
    case EncrId::AES_GCM_12:
    case EncrId::AES_GCM_16:
    case EncrId::NULL_AUTH_AES_GMAC:
    case EncrId::CHACHA20_POLY1305:
        return 4;
    case EncrId::AES_CCM_8:
    case EncrId::AES_CCM_12:
    case EncrId::AES_CCM_16:
        return 3;
    default:
        return 0;
    }
}

} // namespace

bool
Cipher::IsAeadId(EncrId id)
{
    switch (id)
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

size_t
Cipher::GetKeyMaterialSize(EncrId id, uint16_t keyBits)
{
    switch (id)
    {
    case EncrId::NULL_ENCR:
        return 0;
    case EncrId::TRIPLE_DES:
        return keyBits == 0 || keyBits == 192 ? 24 : 0;
    case EncrId::CHACHA20_POLY1305:
        return keyBits == 0 || keyBits == 256 ? 32 + SaltSize(id) : 0;
    case EncrId::AES_CBC:
    case EncrId::AES_CTR:
    case EncrId::AES_CCM_8:
    case EncrId::AES_CCM_12:
    case EncrId::AES_CCM_16:
    case EncrId::AES_GCM_8:
    case EncrId::AES_GCM_12:
    case EncrId::AES_GCM_16:
    case EncrId::NULL_AUTH_AES_GMAC:
        if (keyBits == 128 || keyBits == 192 || keyBits == 256)
        {
            return keyBits / 8 + SaltSize(id);
        }
        return 0;
    default:
        return 0;
    }
}

std::unique_ptr<Cipher>
Cipher::Create(EncrId id, ByteView keyMaterial, CryptoStatus* status)
{
    CryptoStatus dummy;
    CryptoStatus& st = status != nullptr ? *status : dummy;
    switch (id)
    {
    case EncrId::NULL_ENCR:
        if (keyMaterial.size != 0)
        {
            st = CryptoStatus::BAD_KEY_LENGTH;
            return nullptr;
        }
        st = CryptoStatus::OK;
        return std::make_unique<NullCipher>();
    case EncrId::TRIPLE_DES:
    case EncrId::AES_CBC:
        return CbcCipher::Create(id, keyMaterial, &st);
    case EncrId::AES_CTR:
        return CtrCipher::Create(keyMaterial, &st);
    case EncrId::AES_CCM_8:
    case EncrId::AES_CCM_12:
    case EncrId::AES_CCM_16:
    case EncrId::AES_GCM_8:
    case EncrId::AES_GCM_12:
    case EncrId::AES_GCM_16:
    case EncrId::NULL_AUTH_AES_GMAC:
    case EncrId::CHACHA20_POLY1305:
        return AeadCipher::Create(id, keyMaterial, &st);
    default:
        NS_LOG_WARN("unsupported encryption transform " << static_cast<int>(id));
        st = CryptoStatus::UNSUPPORTED;
        return nullptr;
    }
}

} // namespace ns3
