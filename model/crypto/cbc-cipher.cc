/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "cbc-cipher.h"

#include "evp-fetch.h"

#include "ns3/log.h"

#include <climits>
#include <cstring>
#include <openssl/crypto.h>
#include <openssl/evp.h>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("CbcCipher");

CbcCipher::CbcCipher(EncrId id, size_t blockSize)
    : m_id(id),
      m_blockSize(blockSize)
{
}

CbcCipher::~CbcCipher()
{
    EVP_CIPHER_CTX_free(m_ctx[0]);
    EVP_CIPHER_CTX_free(m_ctx[1]);
    OPENSSL_cleanse(m_key, sizeof(m_key));
}

std::unique_ptr<CbcCipher>
CbcCipher::Create(EncrId id, ByteView key, CryptoStatus* status)
{
    const char* name = nullptr;
    size_t blockSize = 16;
    if (id == EncrId::TRIPLE_DES)
    {
        name = key.size == 24 ? "DES-EDE3-CBC" : nullptr;
        blockSize = 8;
    }
    else
    {
        name = key.size == 16   ? "AES-128-CBC"
               : key.size == 24 ? "AES-192-CBC"
               : key.size == 32 ? "AES-256-CBC"
                                : nullptr;
    }
    if (name == nullptr)
    {
        *status = CryptoStatus::BAD_KEY_LENGTH;
        return nullptr;
    }
    EVP_CIPHER* cipher = EvpFetchCipher(name);
    if (cipher == nullptr)
    {
        *status = CryptoStatus::BACKEND_ERROR;
        return nullptr;
    }
    std::unique_ptr<CbcCipher> c(new CbcCipher(id, blockSize));
    c->m_cipher = cipher;
    c->m_keySize = key.size;
    std::memcpy(c->m_key, key.data, key.size);
    *status = CryptoStatus::OK;
    return c;
}

EncrId
CbcCipher::GetId() const
{
    return m_id;
}

bool
CbcCipher::IsAead() const
{
    return false;
}

size_t
CbcCipher::GetBlockSize() const
{
    return m_blockSize;
}

size_t
CbcCipher::GetIvSize() const
{
    // RFC 3602 2.1 / RFC 2451 2.3: the explicit IV is one cipher block.
    return m_blockSize;
}

size_t
CbcCipher::GetIcvSize() const
{
    return 0;
}

CryptoStatus
CbcCipher::Run(int enc, const uint8_t* iv, ByteView in, uint8_t* out)
{
    if (in.size % m_blockSize != 0 || in.size > INT_MAX)
    {
        return CryptoStatus::BAD_INPUT_LENGTH;
    }
    EVP_CIPHER_CTX*& ctx = m_ctx[enc];
    int len = 0;
    // CBC encryption XORs each plaintext block with the ciphertext block before it, the first
    // with the IV (RFC 3602 2.1), and the context carries the last ciphertext block from one call
    // to the next. Encrypting the first block XORed with (IV ^ that block) therefore starts the
    // chain from IV exactly as a re-initialisation would, without its cost.
    const bool chain = enc == 1 && ctx != nullptr && iv != nullptr && m_chainKnown && in.size > 0;
    if (ctx == nullptr)
    {
        ctx = EVP_CIPHER_CTX_new();
        if (ctx == nullptr ||
            EVP_CipherInit_ex2(ctx,
                               static_cast<const EVP_CIPHER*>(m_cipher),
                               m_key,
                               iv,
                               enc,
                               nullptr) != 1 ||
            EVP_CIPHER_CTX_set_padding(ctx, 0) != 1)
        {
            EVP_CIPHER_CTX_free(ctx);
            ctx = nullptr;
            return CryptoStatus::BACKEND_ERROR;
        }
        if (m_ctx[1 - enc] != nullptr)
        {
            OPENSSL_cleanse(m_key, sizeof(m_key));
        }
    }
    else if (chain)
    {
        uint8_t first[EVP_MAX_BLOCK_LENGTH];
        for (size_t i = 0; i < m_blockSize; ++i)
        {
            first[i] = in.data[i] ^ iv[i] ^ m_chain[i];
        }
        const int block = static_cast<int>(m_blockSize);
        const bool ok =
            EVP_CipherUpdate(ctx, out, &len, first, block) == 1 &&
            (in.size == m_blockSize || EVP_CipherUpdate(ctx,
                                                        out + m_blockSize,
                                                        &len,
                                                        in.data + m_blockSize,
                                                        static_cast<int>(in.size) - block) == 1);
        OPENSSL_cleanse(first, sizeof(first));
        if (!ok)
        {
            m_chainKnown = false;
            return CryptoStatus::BACKEND_ERROR;
        }
        std::memcpy(m_chain, out + in.size - m_blockSize, m_blockSize);
        return CryptoStatus::OK;
    }
    else if (enc == 1 || iv == nullptr)
    {
        // A null cipher and key keep the key schedule; only the IV is reset.
        if (EVP_CipherInit_ex2(ctx, nullptr, nullptr, iv, enc, nullptr) != 1)
        {
            return CryptoStatus::BACKEND_ERROR;
        }
    }
    else
    {
        // CBC decryption XORs each block with the previous ciphertext block (RFC 3602 2.2).
        // Feeding the IV through as one more ciphertext block (output discarded) makes it that
        // previous block: cheaper than re-initialising, whose IV-length query costs more than
        // one block decryption. Every message is whole blocks, so no state is carried over.
        uint8_t scratch[EVP_MAX_BLOCK_LENGTH];
        if (EVP_CipherUpdate(ctx, scratch, &len, iv, static_cast<int>(m_blockSize)) != 1)
        {
            return CryptoStatus::BACKEND_ERROR;
        }
        OPENSSL_cleanse(scratch, sizeof(scratch));
    }
    if (enc == 1)
    {
        // After (re)initialisation the chain starts from the IV given (none: unknown).
        m_chainKnown = iv != nullptr;
        if (iv != nullptr)
        {
            std::memcpy(m_chain, iv, m_blockSize);
        }
    }
    if (in.size > 0 && EVP_CipherUpdate(ctx, out, &len, in.data, static_cast<int>(in.size)) != 1)
    {
        m_chainKnown = m_chainKnown && enc != 1;
        return CryptoStatus::BACKEND_ERROR;
    }
    if (enc == 1 && in.size > 0)
    {
        std::memcpy(m_chain, out + in.size - m_blockSize, m_blockSize);
    }
    return CryptoStatus::OK;
}

CryptoStatus
CbcCipher::Encrypt(const uint8_t* iv, ByteView, ByteView in, uint8_t* out, uint8_t*)
{
    return Run(1, iv, in, out);
}

CryptoStatus
CbcCipher::Decrypt(const uint8_t* iv, ByteView, ByteView in, uint8_t* out, const uint8_t*)
{
    return Run(0, iv, in, out);
}

} // namespace ns3
