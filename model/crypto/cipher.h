/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_CIPHER_H
#define IPSEC_CIPHER_H

#include "crypto-types.h"
#include "transform-ids.h"

#include <memory>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief An ESP / IKEv2 SK encryption transform (IKEv2 Transform Type 1), keyed once per SA.
 *
 * Plain ciphers: NULL (RFC 2410), 3DES-CBC (RFC 2451), AES-CBC (RFC 3602), AES-CTR (RFC 3686).
 * AEADs: AES-GCM (RFC 4106/5282), AES-CCM (RFC 4309), ChaCha20-Poly1305 (RFC 7634) and the
 * authentication-only AES-GMAC (RFC 4543). The key material is key || salt as IKEv2 derives it
 * (RFC 7296 2.17); the per-packet explicit IV comes from the caller (the ESP layer), and the
 * AEAD nonce is salt || IV.
 *
 * Each object keeps pre-keyed OpenSSL contexts and reuses them for every packet: no allocation
 * and no key schedule per call. Not thread-safe (one object per SA and direction).
 */
class Cipher
{
  public:
    /**
     * \brief Create a keyed transform.
     * \param id the transform
     * \param keyMaterial key || salt, GetKeyMaterialSize(id, bits) octets for some valid bits
     * \param status where to store the outcome, may be null
     * \return the transform, or null (UNSUPPORTED, BAD_KEY_LENGTH, BACKEND_ERROR)
     */
    static std::unique_ptr<Cipher> Create(EncrId id,
                                          ByteView keyMaterial,
                                          CryptoStatus* status = nullptr);

    /**
     * \brief Key material size of a transform and key length.
     * \param id the transform
     * \param keyBits the Key Length attribute (128/192/256 for AES; 0 or the fixed size for
     *        3DES (192) and ChaCha20-Poly1305 (256); 0 for NULL)
     * \return key || salt octets; 0 when the combination is invalid (and for NULL)
     */
    static size_t GetKeyMaterialSize(EncrId id, uint16_t keyBits);

    /**
     * \brief Whether a transform is combined-mode (needs no separate integrity transform).
     * \param id the transform
     * \return true for GCM, CCM, ChaCha20-Poly1305 and GMAC
     */
    static bool IsAeadId(EncrId id);

    virtual ~Cipher();

    /// \return the transform
    virtual EncrId GetId() const = 0;
    /// \return true for combined-mode transforms
    virtual bool IsAead() const = 0;
    /// \return the payload alignment in octets (16 AES-CBC, 8 3DES, 1 otherwise)
    virtual size_t GetBlockSize() const = 0;
    /// \return the explicit IV octets carried in each packet
    virtual size_t GetIvSize() const = 0;
    /// \return the AEAD tag octets, 0 for plain ciphers
    virtual size_t GetIcvSize() const = 0;

    /**
     * \brief Encrypt (and, for AEADs, authenticate) one packet.
     * \param iv GetIvSize() octets of explicit IV
     * \param aad additional authenticated data (AEAD only; ignored otherwise)
     * \param in plaintext; a multiple of GetBlockSize() octets
     * \param out receives in.size octets of ciphertext; may equal in.data
     * \param icv receives GetIcvSize() octets of tag (AEAD only; may be null otherwise)
     * \return OK, BAD_INPUT_LENGTH or BACKEND_ERROR
     */
    [[nodiscard]] virtual CryptoStatus Encrypt(const uint8_t* iv,
                                               ByteView aad,
                                               ByteView in,
                                               uint8_t* out,
                                               uint8_t* icv) = 0;

    /**
     * \brief Decrypt (and, for AEADs, verify) one packet.
     *
     * On AUTH_FAILED the contents of @p out are unspecified and must be discarded.
     * \param iv GetIvSize() octets of explicit IV
     * \param aad additional authenticated data (AEAD only)
     * \param in ciphertext; a multiple of GetBlockSize() octets
     * \param out receives in.size octets of plaintext; may equal in.data
     * \param icv GetIcvSize() octets of received tag (AEAD only)
     * \return OK, AUTH_FAILED, BAD_INPUT_LENGTH or BACKEND_ERROR
     */
    [[nodiscard]] virtual CryptoStatus Decrypt(const uint8_t* iv,
                                               ByteView aad,
                                               ByteView in,
                                               uint8_t* out,
                                               const uint8_t* icv) = 0;

  protected:
    Cipher() = default;
    Cipher(const Cipher&) = delete;
    Cipher& operator=(const Cipher&) = delete;
};

} // namespace ns3

#endif // IPSEC_CIPHER_H
