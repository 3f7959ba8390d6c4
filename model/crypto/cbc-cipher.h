/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_CBC_CIPHER_H
#define IPSEC_CBC_CIPHER_H

#include "cipher.h"

struct evp_cipher_ctx_st;

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief AES-CBC (RFC 3602) and 3DES-CBC (RFC 2451) with an explicit per-packet IV.
 *
 * The encrypt and decrypt key schedules differ, so each direction has its own pre-keyed context,
 * made on the first packet of that direction: an SA is used in one direction only and so carries
 * one context. Each call then only resets the IV (decryption: by running the IV through as the
 * previous ciphertext block). No padding is added: the ESP layer pads to GetBlockSize().
 */
class CbcCipher : public Cipher
{
  public:
    /**
     * \brief Create a keyed CBC cipher.
     * \param id AES_CBC or TRIPLE_DES
     * \param key 16/24/32 octets (AES) or 24 octets (3DES)
     * \param status where to store the outcome, may be null
     * \return the cipher, or null
     */
    static std::unique_ptr<CbcCipher> Create(EncrId id, ByteView key, CryptoStatus* status);

    ~CbcCipher() override;

    EncrId GetId() const override;
    bool IsAead() const override;
    size_t GetBlockSize() const override;
    size_t GetIvSize() const override;
    size_t GetIcvSize() const override;
    [[nodiscard]] CryptoStatus Encrypt(const uint8_t* iv,
                                       ByteView aad,
                                       ByteView in,
                                       uint8_t* out,
                                       uint8_t* icv) override;
    [[nodiscard]] CryptoStatus Decrypt(const uint8_t* iv,
                                       ByteView aad,
                                       ByteView in,
                                       uint8_t* out,
                                       const uint8_t* icv) override;

  private:
    /**
     * \brief Constructor.
     * \param id the transform
     * \param blockSize 16 or 8
     */
    CbcCipher(EncrId id, size_t blockSize);

    /**
     * \brief Run one direction, keying its context on first use.
     * \param enc 1 to encrypt, 0 to decrypt
     * \param iv the IV
     * \param in input
     * \param out output
     * \return the outcome
     */
    CryptoStatus Run(int enc, const uint8_t* iv, ByteView in, uint8_t* out);

    EncrId m_id;                   //!< transform
    size_t m_blockSize;            //!< cipher block size
    const void* m_cipher{nullptr}; //!< the fetched EVP_CIPHER
    uint8_t m_key[32];             //!< kept until both directions are keyed
    size_t m_keySize{0};           //!< octets of m_key
    evp_cipher_ctx_st* m_ctx[2]{}; //!< [0] decryption, [1] encryption
    uint8_t m_chain[16]{};         //!< encryption: the block the next message's chain starts from
    bool m_chainKnown{false};      //!< encryption: m_chain is the context's carried block
};

} // namespace ns3

#endif // IPSEC_CBC_CIPHER_H
