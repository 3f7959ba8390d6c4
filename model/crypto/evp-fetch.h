/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_EVP_FETCH_H
#define IPSEC_EVP_FETCH_H

// OpenSSL's opaque types, declared so that no OpenSSL header leaks into the module's headers.
struct evp_cipher_st;
struct evp_mac_st;
struct evp_md_st;

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief The process-wide fetched cipher of that name (EVP_CIPHER_fetch once, then cached).
 *
 * Fetching is a provider lookup that costs microseconds; objects fetch when they are created and
 * never per packet.
 * \param name OpenSSL algorithm name, e.g. "AES-128-GCM"
 * \return the cipher, or null if the default provider has none of that name
 */
evp_cipher_st* EvpFetchCipher(const char* name);

/**
 * \ingroup ipsec
 * \brief The process-wide fetched MAC of that name ("HMAC", "CMAC"), cached.
 * \param name OpenSSL algorithm name
 * \return the MAC, or null
 */
evp_mac_st* EvpFetchMac(const char* name);

/**
 * \ingroup ipsec
 * \brief The process-wide fetched digest of that name ("SHA256"...), cached.
 * \param name OpenSSL algorithm name
 * \return the digest, or null
 */
evp_md_st* EvpFetchMd(const char* name);

} // namespace ns3

#endif // IPSEC_EVP_FETCH_H
