/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_AES_XCBC_MAC_H
#define IPSEC_AES_XCBC_MAC_H

#include "crypto-types.h"

#include <initializer_list>
#include <memory>

struct evp_cipher_ctx_st;

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief AES-XCBC-MAC (RFC 3566 section 4), full 128-bit output.
 *
 * OpenSSL has no XCBC, so it is built here from one pre-keyed AES-128-CBC context (key K1): the
 * CBC chain over all blocks but the last is the XCBC chain, and the last block, XORed with K2
 * (complete) or padded and XORed with K3, finishes it. No allocation per message.
 */
class AesXcbcMac
{
  public:
    static constexpr size_t KEY_SIZE = 16; //!< RFC 3566: 128-bit keys only
    static constexpr size_t MAC_SIZE = 16; //!< full output size

    /**
     * \brief Create a keyed XCBC-MAC.
     * \param key exactly 16 octets
     * \param status where to store the outcome, may be null
     * \return the MAC, or null (BAD_KEY_LENGTH, BACKEND_ERROR)
     */
    static std::unique_ptr<AesXcbcMac> Create(ByteView key, CryptoStatus* status = nullptr);

    ~AesXcbcMac();
    AesXcbcMac(const AesXcbcMac&) = delete;
    AesXcbcMac& operator=(const AesXcbcMac&) = delete;

    /**
     * \brief MAC the concatenation of @p parts.
     * \param parts message pieces
     * \param mac receives MAC_SIZE octets
     * \return OK or BACKEND_ERROR
     */
    [[nodiscard]] CryptoStatus Compute(std::initializer_list<ByteView> parts, uint8_t* mac);

  private:
    AesXcbcMac();

    /**
     * \brief Run whole blocks through the K1 CBC chain.
     * \param in input
     * \param n octets, a multiple of 16
     * \return true on success
     */
    bool ChainBlocks(const uint8_t* in, size_t n);

    evp_cipher_ctx_st* m_cbc{nullptr}; //!< AES-128-CBC keyed with K1
    uint8_t m_k2[16];                  //!< K2 = E(K, 0x02..)
    uint8_t m_k3[16];                  //!< K3 = E(K, 0x03..)
    uint8_t m_last[16];                //!< the held-back final block
    size_t m_lastLen{0};               //!< octets in m_last
};

} // namespace ns3

#endif // IPSEC_AES_XCBC_MAC_H
