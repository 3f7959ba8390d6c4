/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_INTEGRITY_H
#define IPSEC_INTEGRITY_H

#include "crypto-types.h"
#include "transform-ids.h"

#include <initializer_list>
#include <memory>

namespace ns3
{

class MacEngine;

/**
 * \ingroup ipsec
 * \brief An integrity algorithm (IKEv2 Transform Type 3, ESP/AH ICV): HMAC-MD5-96 and
 * HMAC-SHA1-96 (RFC 2403/2404), HMAC-SHA2-256-128/384-192/512-256 (RFC 4868), AES-XCBC-96
 * (RFC 3566) and AES-CMAC-96 (RFC 4494).
 *
 * Keyed once per SA; each Compute()/Verify() reuses the keyed context, nothing is allocated.
 */
class Integrity
{
  public:
    /**
     * \brief Create a keyed integrity algorithm.
     * \param id the transform
     * \param key exactly GetKeySize(id) octets
     * \param status where to store the outcome, may be null
     * \return the algorithm, or null (UNSUPPORTED, BAD_KEY_LENGTH, BACKEND_ERROR)
     */
    static std::unique_ptr<Integrity> Create(IntegId id,
                                             ByteView key,
                                             CryptoStatus* status = nullptr);

    /**
     * \brief Key size of a transform (RFC 7296 3.3.5: the MAC's natural key length).
     * \param id the transform
     * \return key octets (16 MD5/XCBC/CMAC, 20 SHA1, 32/48/64 SHA-2), 0 if unsupported
     */
    static size_t GetKeySize(IntegId id);

    /**
     * \brief Truncated ICV size of a transform.
     * \param id the transform
     * \return ICV octets (12, 16, 24, 32), 0 if unsupported
     */
    static size_t GetIcvSizeOf(IntegId id);

    ~Integrity();
    Integrity(const Integrity&) = delete;
    Integrity& operator=(const Integrity&) = delete;

    /// \return the transform
    IntegId GetId() const;
    /// \return the key size in octets
    size_t GetKeySize() const;
    /// \return the ICV size in octets
    size_t GetIcvSize() const;

    /**
     * \brief Compute the truncated ICV over the concatenation of @p parts.
     * \param parts message pieces
     * \param icv receives GetIcvSize() octets
     * \return OK or BACKEND_ERROR
     */
    [[nodiscard]] CryptoStatus Compute(std::initializer_list<ByteView> parts, uint8_t* icv);

    /**
     * \brief Check an ICV in constant time.
     * \param parts message pieces
     * \param icv GetIcvSize() octets received
     * \return OK, AUTH_FAILED on mismatch, or BACKEND_ERROR
     */
    [[nodiscard]] CryptoStatus Verify(std::initializer_list<ByteView> parts, const uint8_t* icv);

  private:
    /**
     * \brief Constructor.
     * \param id the transform
     * \param engine the keyed MAC
     */
    Integrity(IntegId id, std::unique_ptr<MacEngine> engine);

    IntegId m_id;                        //!< transform
    size_t m_icvSize;                    //!< truncated output size
    std::unique_ptr<MacEngine> m_engine; //!< keyed MAC
};

} // namespace ns3

#endif // IPSEC_INTEGRITY_H
