/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_IKEV2_TYPES_H
#define IPSEC_IKEV2_TYPES_H

#include <cstdint>
#include <string>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief IKEv2 payload types (RFC 7296 3.2, IANA "IKEv2 Payload Types"; SKF from RFC 7383).
 */
enum class Ikev2PayloadType : uint8_t
{
    NO_NEXT_PAYLOAD = 0,
    SA = 33,        //!< Security Association (3.3)
    KE = 34,        //!< Key Exchange (3.4)
    IDI = 35,       //!< Identification - Initiator (3.5)
    IDR = 36,       //!< Identification - Responder (3.5)
    CERT = 37,      //!< Certificate (3.6)
    CERTREQ = 38,   //!< Certificate Request (3.7)
    AUTH = 39,      //!< Authentication (3.8)
    NONCE = 40,     //!< Nonce (3.9)
    NOTIFY = 41,    //!< Notify (3.10)
    DELETE = 42,    //!< Delete (3.11)
    VENDOR_ID = 43, //!< Vendor ID (3.12)
    TSI = 44,       //!< Traffic Selector - Initiator (3.13)
    TSR = 45,       //!< Traffic Selector - Responder (3.13)
    SK = 46,        //!< Encrypted and Authenticated (3.14)
    CP = 47,        //!< Configuration (3.15)
    EAP = 48,       //!< Extensible Authentication (3.16)
    SKF = 53,       //!< Encrypted and Authenticated Fragment (RFC 7383 2.5)
};

/**
 * \brief Whether this implementation knows the layout of a payload type.
 * \param type the raw payload type octet
 * \return true for SA..EAP and SKF
 */
bool Ikev2IsKnownPayloadType(uint8_t type);

/**
 * \brief Short name of a payload type as the RFC writes it in exchange diagrams.
 * \param type the payload type
 * \return e.g. "SA", "KE", "N", "SK"; "UNKNOWN(n)" for others
 */
std::string Ikev2PayloadTypeName(uint8_t type);

/**
 * \ingroup ipsec
 * \brief IKEv2 exchange types (RFC 7296 3.1).
 */
enum class Ikev2ExchangeType : uint8_t
{
    IKE_SA_INIT = 34,
    IKE_AUTH = 35,
    CREATE_CHILD_SA = 36,
    INFORMATIONAL = 37,
};

/**
 * \brief Name of an exchange type.
 * \param type the raw exchange type octet
 * \return e.g. "IKE_SA_INIT"; "UNKNOWN(n)" for others
 */
std::string Ikev2ExchangeTypeName(uint8_t type);

/**
 * \ingroup ipsec
 * \brief Security protocol identifiers (RFC 7296 3.3.1).
 */
enum class Ikev2ProtocolId : uint8_t
{
    NONE = 0, //!< used in Notify payloads that concern no SA
    IKE = 1,
    AH = 2,
    ESP = 3,
};

/**
 * \ingroup ipsec
 * \brief Outcome of decoding IKEv2 octets. Every malformed input maps to one of these, never to
 * a crash; Ikev2ParseStatusToNotify() gives the error Notify a responder would send.
 */
enum class Ikev2ParseStatus
{
    OK,                           //!< decoded
    TRUNCATED,                    //!< fewer octets than a fixed field or a declared length needs
    BAD_LENGTH,                   //!< a length field disagrees with the enclosing length
    PAYLOAD_TOO_SHORT,            //!< a payload length below its fixed part (e.g. < 4)
    TRAILING_DATA,                //!< octets left after the last payload of a chain
    INVALID_MAJOR_VERSION,        //!< IKE header major version is not 2 (RFC 7296 3.1)
    UNSUPPORTED_CRITICAL_PAYLOAD, //!< unknown payload type with the critical bit set (3.2)
    INVALID_VALUE,                //!< a field holds a value the RFC forbids (e.g. Last Substruc 1)
    TOO_MANY_PAYLOADS,            //!< more payloads than any legitimate message carries
    MISPLACED_ENCRYPTED_PAYLOAD,  //!< SK/SKF not the last payload, or inside another SK
};

/**
 * \brief Name of a parse status, for logs and test messages.
 * \param status the status
 * \return e.g. "TRUNCATED"
 */
const char* Ikev2ParseStatusName(Ikev2ParseStatus status);

/**
 * \brief The error Notify type a responder reports for a message that failed to parse
 * (RFC 7296 3.10.1): UNSUPPORTED_CRITICAL_PAYLOAD, INVALID_MAJOR_VERSION or INVALID_SYNTAX.
 * \param status a failed parse status
 * \return the Notify Message Type number; 0 for OK
 */
uint16_t Ikev2ParseStatusToNotify(Ikev2ParseStatus status);

} // namespace ns3

#endif // IPSEC_IKEV2_TYPES_H
