/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_TRANSFORM_IDS_H
#define IPSEC_TRANSFORM_IDS_H

#include <cstdint>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Encryption algorithms by their IKEv2 Transform Type 1 number (IANA "Transform Type 1 -
 * Encryption Algorithm Transform IDs"). ESP uses the same numbers.
 */
enum class EncrId : uint16_t
{
    DES_IV64 = 1,
    DES = 2,
    TRIPLE_DES = 3, //!< ENCR_3DES
    NULL_ENCR = 11, //!< ENCR_NULL (ESP only)
    AES_CBC = 12,
    AES_CTR = 13,            //!< RFC 3686
    AES_CCM_8 = 14,          //!< RFC 4309, 8-octet ICV
    AES_CCM_12 = 15,         //!< RFC 4309, 12-octet ICV
    AES_CCM_16 = 16,         //!< RFC 4309, 16-octet ICV
    AES_GCM_8 = 18,          //!< RFC 4106 / RFC 5282, 8-octet ICV
    AES_GCM_12 = 19,         //!< RFC 4106 / RFC 5282, 12-octet ICV
    AES_GCM_16 = 20,         //!< RFC 4106 / RFC 5282, 16-octet ICV
    NULL_AUTH_AES_GMAC = 21, //!< RFC 4543 (ESP only)
    CHACHA20_POLY1305 = 28,  //!< RFC 7634
};

/**
 * \ingroup ipsec
 * \brief Pseudo-random functions by their IKEv2 Transform Type 2 number.
 */
enum class PrfId : uint16_t
{
    HMAC_MD5 = 1,
    HMAC_SHA1 = 2,
    AES128_XCBC = 4, //!< RFC 4434
    HMAC_SHA2_256 = 5,
    HMAC_SHA2_384 = 6,
    HMAC_SHA2_512 = 7,
    AES128_CMAC = 8, //!< RFC 4615
};

/**
 * \ingroup ipsec
 * \brief Integrity algorithms by their IKEv2 Transform Type 3 number.
 */
enum class IntegId : uint16_t
{
    NONE = 0,
    HMAC_MD5_96 = 1,
    HMAC_SHA1_96 = 2,
    AES_XCBC_96 = 5,
    AES_CMAC_96 = 8,
    HMAC_SHA2_256_128 = 12, //!< RFC 4868
    HMAC_SHA2_384_192 = 13, //!< RFC 4868
    HMAC_SHA2_512_256 = 14, //!< RFC 4868
};

/**
 * \ingroup ipsec
 * \brief Key-exchange (Diffie-Hellman) groups by their IKEv2 Transform Type 4 number, which is
 * also the IKEv1 Oakley group number.
 */
enum class DhGroupId : uint16_t
{
    NONE = 0,
    MODP_768 = 1,    //!< RFC 2409
    MODP_1024 = 2,   //!< RFC 2409
    MODP_1536 = 5,   //!< RFC 3526
    MODP_2048 = 14,  //!< RFC 3526
    MODP_3072 = 15,  //!< RFC 3526
    MODP_4096 = 16,  //!< RFC 3526
    MODP_6144 = 17,  //!< RFC 3526
    MODP_8192 = 18,  //!< RFC 3526
    ECP_256 = 19,    //!< RFC 5903
    ECP_384 = 20,    //!< RFC 5903
    ECP_521 = 21,    //!< RFC 5903
    CURVE25519 = 31, //!< RFC 8031
    CURVE448 = 32,   //!< RFC 8031
};

/**
 * \ingroup ipsec
 * \brief IKEv2 authentication methods (RFC 7296 3.8, RFC 7427).
 */
enum class AuthMethod : uint8_t
{
    RSA_SIG = 1,
    SHARED_KEY_MIC = 2,
    DSS_SIG = 3,
    ECDSA_SHA256_P256 = 9,
    ECDSA_SHA384_P384 = 10,
    ECDSA_SHA512_P521 = 11,
    DIGITAL_SIGNATURE = 14, //!< RFC 7427
};

} // namespace ns3

#endif // IPSEC_TRANSFORM_IDS_H
