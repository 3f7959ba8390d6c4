/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_CTR_CIPHER_H
#define IPSEC_CTR_CIPHER_H

#include "cipher.h"

struct evp_cipher_ctx_st;

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief AES-CTR for ESP (RFC 3686): counter block = nonce(4) || IV(8) || block counter(4),
 * the block counter starting at 1 for each packet.
 */
class CtrCipher : public Cipher
{
  public:
    /**
     * \brief Create a keyed AES-CTR cipher.
     * \param keyMaterial AES key (16/24/32) || 4-octet nonce
     * \param status where to store the outcome (not null)
     * \return the cipher, or null
     */
    static std::unique_ptr<CtrCipher> Create(ByteView keyMaterial, CryptoStatus* status);

    ~CtrCipher() override;

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
    CtrCipher();

    /**
     * \brief Key stream XOR, the same in both directions.
     * \param iv explicit IV
     * \param in input
     * \param out output
     * \return the outcome
     */
    CryptoStatus Run(const uint8_t* iv, ByteView in, uint8_t* out);

    evp_cipher_ctx_st* m_ctx{nullptr}; //!< keyed AES-CTR
    uint8_t m_nonce[4];                //!< RFC 3686 nonce from the key material
};

} // namespace ns3

#endif // IPSEC_CTR_CIPHER_H
