/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_NULL_CIPHER_H
#define IPSEC_NULL_CIPHER_H

#include "cipher.h"

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief ENCR_NULL (RFC 2410): no IV, no confidentiality; output equals input.
 */
class NullCipher : public Cipher
{
  public:
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
};

} // namespace ns3

#endif // IPSEC_NULL_CIPHER_H
