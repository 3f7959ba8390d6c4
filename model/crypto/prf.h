/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_PRF_H
#define IPSEC_PRF_H

#include "crypto-types.h"
#include "transform-ids.h"

#include <initializer_list>
#include <memory>

namespace ns3
{

class MacEngine;

/**
 * \ingroup ipsec
 * \brief An IKE pseudo-random function (IKEv2 Transform Type 2): HMAC-MD5, HMAC-SHA1,
 * HMAC-SHA2-256/384/512 (RFC 4868), AES128-XCBC (RFC 4434) and AES128-CMAC (RFC 4615).
 *
 * The object is keyed once; Compute() may be called any number of times. The AES-based PRFs
 * accept keys of any length, adapted as RFC 4434 section 2 / RFC 4615 section 3 say.
 */
class Prf
{
  public:
    /**
     * \brief Create a keyed PRF.
     * \param id the PRF transform
     * \param key the key (any length; HMAC keys longer than the block are hashed by HMAC itself)
     * \param status where to store the outcome, may be null
     * \return the PRF, or null on error (then *status says why)
     */
    static std::unique_ptr<Prf> Create(PrfId id, ByteView key, CryptoStatus* status = nullptr);

    /**
     * \brief One-shot PRF.
     * \param id the PRF transform
     * \param key the key
     * \param parts the message, as the concatenation of these views
     * \return the PRF output, or an empty Bytes on error
     */
    static Bytes Compute(PrfId id, ByteView key, std::initializer_list<ByteView> parts);

    /**
     * \brief Output size of a PRF.
     * \param id the PRF transform
     * \return output octets (16 MD5/XCBC/CMAC, 20 SHA1, 32/48/64 SHA-2), 0 if unsupported
     */
    static size_t GetOutputSizeOf(PrfId id);

    /**
     * \brief Preferred key size of a PRF (RFC 7296 2.13: the key length of prf+ inputs such
     * as SK_d, SK_pi, SK_pr).
     * \param id the PRF transform
     * \return key octets (the output size for HMAC, 16 for the AES PRFs), 0 if unsupported
     */
    static size_t GetPreferredKeySizeOf(PrfId id);

    ~Prf();
    Prf(const Prf&) = delete;
    Prf& operator=(const Prf&) = delete;

    /// \return the PRF transform
    PrfId GetId() const;

    /// \return the output size in octets
    size_t GetOutputSize() const;

    /**
     * \brief Compute the PRF over the concatenation of @p parts.
     * \param parts message pieces
     * \param out replaced by the PRF output (GetOutputSize() octets)
     * \return OK or BACKEND_ERROR
     */
    [[nodiscard]] CryptoStatus Compute(std::initializer_list<ByteView> parts, Bytes* out);

  private:
    /**
     * \brief Constructor.
     * \param id the transform
     * \param engine the keyed MAC
     */
    Prf(PrfId id, std::unique_ptr<MacEngine> engine);

    PrfId m_id;                          //!< transform
    std::unique_ptr<MacEngine> m_engine; //!< keyed MAC
};

} // namespace ns3

#endif // IPSEC_PRF_H
