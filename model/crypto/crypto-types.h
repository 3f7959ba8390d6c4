/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_CRYPTO_TYPES_H
#define IPSEC_CRYPTO_TYPES_H

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

/**
 * \defgroup ipsec IPsec
 * IPsec for ns-3: IKEv1, IKEv2, ESP and AH with real cryptography.
 */

namespace ns3
{

/// An owned octet string (keys, nonces, payload bodies).
using Bytes = std::vector<uint8_t>;

/**
 * \ingroup ipsec
 * \brief A read-only view of octets owned elsewhere (C++17 has no std::span).
 */
struct ByteView
{
    const uint8_t* data{nullptr}; //!< first octet
    size_t size{0};               //!< number of octets

    ByteView() = default;

    /// \brief View of @p n octets at @p p.
    ByteView(const uint8_t* p, size_t n)
        : data(p),
          size(n)
    {
    }

    /// \brief View of a whole Bytes.
    ByteView(const Bytes& b) // NOLINT: implicit on purpose, views are cheap
        : data(b.data()),
          size(b.size())
    {
    }
};

/**
 * \ingroup ipsec
 * \brief Outcome of a cryptographic operation that can fail.
 */
enum class CryptoStatus
{
    OK,                   //!< success
    UNSUPPORTED,          //!< transform, group or parameter not implemented
    BAD_KEY_LENGTH,       //!< key material of the wrong size for the transform
    BAD_INPUT_LENGTH,     //!< input not a multiple of the block size, or truncated
    AUTH_FAILED,          //!< ICV / tag / signature did not verify
    INVALID_PUBLIC_VALUE, //!< peer DH/ECDH public value rejected (RFC 6989 checks)
    INVALID_CERTIFICATE,  //!< certificate malformed, untrusted, expired or not matching
    BACKEND_ERROR,        //!< OpenSSL reported an error
};

/**
 * \brief Human-readable name of a status, for logs and error messages.
 * \param status the status
 * \return its name, e.g. "AUTH_FAILED"
 */
const char* CryptoStatusName(CryptoStatus status);

} // namespace ns3

#endif // IPSEC_CRYPTO_TYPES_H
