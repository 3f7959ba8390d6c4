/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_IKEV2_NOTIFY_TYPE_H
#define IPSEC_IKEV2_NOTIFY_TYPE_H

#include <cstdint>
#include <string>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief IKEv2 Notify Message Types (RFC 7296 3.10.1, IANA "IKEv2 Notify Message Types").
 *
 * Values below 16384 report errors; 16384 and above carry status (RFC 7296 3.10.1).
 */
enum class Ikev2NotifyType : uint16_t
{
    // Error types (RFC 7296 3.10.1)
    UNSUPPORTED_CRITICAL_PAYLOAD = 1,
    INVALID_IKE_SPI = 4,
    INVALID_MAJOR_VERSION = 5,
    INVALID_SYNTAX = 7,
    INVALID_MESSAGE_ID = 9,
    INVALID_SPI = 11,
    NO_PROPOSAL_CHOSEN = 14,
    INVALID_KE_PAYLOAD = 17,
    AUTHENTICATION_FAILED = 24,
    SINGLE_PAIR_REQUIRED = 34,
    NO_ADDITIONAL_SAS = 35,
    INTERNAL_ADDRESS_FAILURE = 36,
    FAILED_CP_REQUIRED = 37,
    TS_UNACCEPTABLE = 38,
    INVALID_SELECTORS = 39,
    UNACCEPTABLE_ADDRESSES = 40,  //!< RFC 4555
    UNEXPECTED_NAT_DETECTED = 41, //!< RFC 4555
    TEMPORARY_FAILURE = 43,
    CHILD_SA_NOT_FOUND = 44,
    // Status types
    INITIAL_CONTACT = 16384,
    SET_WINDOW_SIZE = 16385,
    ADDITIONAL_TS_POSSIBLE = 16386,
    IPCOMP_SUPPORTED = 16387,
    NAT_DETECTION_SOURCE_IP = 16388,
    NAT_DETECTION_DESTINATION_IP = 16389,
    COOKIE = 16390,
    USE_TRANSPORT_MODE = 16391,
    HTTP_CERT_LOOKUP_SUPPORTED = 16392,
    REKEY_SA = 16393,
    ESP_TFC_PADDING_NOT_SUPPORTED = 16394,
    NON_FIRST_FRAGMENTS_ALSO = 16395,
    MOBIKE_SUPPORTED = 16396,              //!< RFC 4555
    IKEV2_FRAGMENTATION_SUPPORTED = 16430, //!< RFC 7383
    SIGNATURE_HASH_ALGORITHMS = 16431,     //!< RFC 7427
};

/**
 * \brief Whether a Notify Message Type reports an error (RFC 7296 3.10.1: types below 16384).
 * \param type the raw Notify Message Type
 * \return true for error types
 */
bool Ikev2NotifyIsError(uint16_t type);

/**
 * \brief Name of a Notify Message Type.
 * \param type the raw Notify Message Type
 * \return e.g. "NO_PROPOSAL_CHOSEN"; "ERROR(n)" or "STATUS(n)" for types not listed
 */
std::string Ikev2NotifyTypeName(uint16_t type);

} // namespace ns3

#endif // IPSEC_IKEV2_NOTIFY_TYPE_H
