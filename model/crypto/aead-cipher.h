/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_AEAD_CIPHER_H
#define IPSEC_AEAD_CIPHER_H

#include "cipher.h"

struct evp_cipher_ctx_st;

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief The combined-mode transforms: AES-GCM (RFC 4106), AES-CCM (RFC 4309),
 * ChaCha20-Poly1305 (RFC 7634) and AES-GMAC (RFC 4543).
 *
 * Nonce = salt || explicit IV (4 + 8 octets; CCM 3 + 8 with a 4-octet length field). GMAC
 * encrypts nothing: the whole packet is authenticated as AAD || IV || payload (RFC 4543 3.2-3.5)
 * and the output equals the input. One pre-keyed context serves both directions (all four are
 * counter-mode based, so encryption and decryption share the key schedule); only the nonce and the
 * direction change per packet (GCM decryption sets just the explicit IV, next to the salt stored
 * once; GCM encryption reads each tag together with the nonce of IV + 1, so that a run of
 * consecutive IVs, ESP's sequence numbers, needs no re-initialisation). That keeps an SA at about
 * 1.1 KB of OpenSSL state for AES-GCM.
 * CCM is the exception: OpenSSL 3.0 binds its CBC-MAC stream function to the direction at key
 * time, so CCM has a second context for decryption.
 */
class AeadCipher : public Cipher
{
  public:
    /**
     * \brief Create a keyed AEAD.
     * \param id the transform (GCM, CCM, ChaCha20-Poly1305, GMAC)
     * \param keyMaterial key || salt
     * \param status where to store the outcome (not null)
     * \return the AEAD, or null
     */
    static std::unique_ptr<AeadCipher> Create(EncrId id,
                                              ByteView keyMaterial,
                                              CryptoStatus* status);

    ~AeadCipher() override;

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
    /// The families, which feed OpenSSL differently.
    enum class Mode
    {
        GCM,
        CCM,
        CHACHA_POLY,
        GMAC,
    };

    /**
     * \brief Constructor.
     * \param id transform
     * \param mode family
     * \param icvSize tag octets
     */
    AeadCipher(EncrId id, Mode mode, size_t icvSize);

    /**
     * \brief Key a context.
     * \param ctx the context
     * \param cipher the fetched cipher
     * \param key the key
     * \param enc 1 to encrypt, 0 to decrypt (matters to CCM only)
     * \return true on success
     */
    bool Setup(evp_cipher_ctx_st* ctx, const void* cipher, const uint8_t* key, int enc);

    /**
     * \brief salt || iv into @p nonce.
     * \param iv explicit IV
     * \param nonce receives m_saltSize + 8 octets
     */
    void MakeNonce(const uint8_t* iv, uint8_t* nonce) const;

    /**
     * \brief GCM/GMAC: store the salt as the fixed part of the nonce (context in decryption mode).
     * \param ctx the context
     * \return true on success
     */
    bool SetFixedField(evp_cipher_ctx_st* ctx);

    EncrId m_id;                          //!< transform
    Mode m_mode;                          //!< family
    size_t m_icvSize;                     //!< tag octets
    size_t m_saltSize{0};                 //!< 4, or 3 for CCM
    uint8_t m_salt[4];                    //!< implicit part of the nonce
    bool m_decrypting{false};             //!< GCM/GMAC: m_ctx was last set up to decrypt
    bool m_saltIsFixed{false};            //!< GCM/GMAC: the salt is m_ctx's fixed nonce field
    bool m_nextIvLoaded{false};           //!< GCM/GMAC: m_ctx is set up to seal with m_nextIv
    uint8_t m_nextIv[8];                  //!< GCM/GMAC: explicit IV of the loaded nonce
    bool m_lastIvValid{false};            //!< GCM/GMAC: m_lastIv holds the last sealing IV
    uint8_t m_lastIv[8];                  //!< GCM/GMAC: IV of the last message sealed
    evp_cipher_ctx_st* m_ctx{nullptr};    //!< keyed once, for both directions
    evp_cipher_ctx_st* m_ccmDec{nullptr}; //!< CCM only: keyed for decryption
};

} // namespace ns3

#endif // IPSEC_AEAD_CIPHER_H
