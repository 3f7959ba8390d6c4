/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_MAC_ENGINE_H
#define IPSEC_MAC_ENGINE_H

#include "crypto-types.h"

#include <initializer_list>
#include <memory>

struct evp_mac_ctx_st;

namespace ns3
{

class AesXcbcMac;

/**
 * \ingroup ipsec
 * \brief A keyed MAC with its full-length output: the engine under Prf and Integrity.
 *
 * HMAC and AES-CMAC run on one keyed EVP_MAC_CTX that is re-initialised per message without its
 * key (the key schedule / HMAC pads are kept, nothing is allocated); AES-XCBC runs on AesXcbcMac.
 */
class MacEngine
{
  public:
    /// The MAC algorithms.
    enum class Algorithm
    {
        HMAC_MD5,
        HMAC_SHA1,
        HMAC_SHA256,
        HMAC_SHA384,
        HMAC_SHA512,
        AES_XCBC, //!< RFC 3566, 16-octet key
        AES_CMAC, //!< RFC 4493, 16-octet key
    };

    /**
     * \brief Create a keyed MAC.
     * \param algorithm the MAC
     * \param key the key (HMAC: any length; AES: 16 octets)
     * \param status where to store the outcome, may be null
     * \return the engine, or null
     */
    static std::unique_ptr<MacEngine> Create(Algorithm algorithm,
                                             ByteView key,
                                             CryptoStatus* status = nullptr);

    /**
     * \brief Full output size of a MAC.
     * \param algorithm the MAC
     * \return octets (16, 20, 32, 48, 64)
     */
    static size_t GetMacSizeOf(Algorithm algorithm);

    ~MacEngine();
    MacEngine(const MacEngine&) = delete;
    MacEngine& operator=(const MacEngine&) = delete;

    /// \return the full output size in octets
    size_t GetMacSize() const;

    /**
     * \brief MAC the concatenation of @p parts.
     * \param parts message pieces
     * \param mac receives GetMacSize() octets
     * \return OK or BACKEND_ERROR
     */
    [[nodiscard]] CryptoStatus Compute(std::initializer_list<ByteView> parts, uint8_t* mac);

  private:
    /**
     * \brief Constructor.
     * \param algorithm the MAC
     */
    explicit MacEngine(Algorithm algorithm);

    size_t m_macSize;                   //!< full output octets
    evp_mac_ctx_st* m_ctx{nullptr};     //!< keyed HMAC/CMAC context
    std::unique_ptr<AesXcbcMac> m_xcbc; //!< AES-XCBC, which OpenSSL lacks
};

} // namespace ns3

#endif // IPSEC_MAC_ENGINE_H
