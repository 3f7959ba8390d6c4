/* SPDX-License-Identifier: GPL-2.0-only */

#include "ikev2-types.h"

#include "ikev2-notify-type.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Ikev2Types");

bool
Ikev2IsKnownPayloadType(uint8_t type)
{
    return (type >= static_cast<uint8_t>(Ikev2PayloadType::SA) &&
            type <= static_cast<uint8_t>(Ikev2PayloadType::EAP)) ||
           type == static_cast<uint8_t>(Ikev2PayloadType::SKF);
}

std::string
Ikev2PayloadTypeName(uint8_t type)
{
    switch (static_cast<Ikev2PayloadType>(type))
    {
    case Ikev2PayloadType::NO_NEXT_PAYLOAD:
        return "NONE";
    case Ikev2PayloadType::SA:
        return "SA";
    case Ikev2PayloadType::KE:
        return "KE";
    case Ikev2PayloadType::IDI:
        return "IDi";
    case Ikev2PayloadType::IDR:
        return "IDr";
    case Ikev2PayloadType::CERT:
        return "CERT";
    case Ikev2PayloadType::CERTREQ:
        return "CERTREQ";
    case Ikev2PayloadType::AUTH:
        return "AUTH";
    case Ikev2PayloadType::NONCE:
        return "Nonce";
    case Ikev2PayloadType::NOTIFY:
        return "N";
    case Ikev2PayloadType::DELETE:
        return "D";
    case Ikev2PayloadType::VENDOR_ID:
        return "V";
    case Ikev2PayloadType::TSI:
        return "TSi";
    case Ikev2PayloadType::TSR:
        return "TSr";
    case Ikev2PayloadType::SK:
        return "SK";
    case Ikev2PayloadType::CP:
        return "CP";
    case Ikev2PayloadType::EAP:
        return "EAP";
    case Ikev2PayloadType::SKF:
        return "SKF";
    }
    return "UNKNOWN(" + std::to_string(type) + ")";
}

std::string
Ikev2ExchangeTypeName(uint8_t type)
{
    switch (static_cast<Ikev2ExchangeType>(type))
    {
    case Ikev2ExchangeType::IKE_SA_INIT:
        return "IKE_SA_INIT";
    case Ikev2ExchangeType::IKE_AUTH:
        return "IKE_AUTH";
    case Ikev2ExchangeType::CREATE_CHILD_SA:
        return "CREATE_CHILD_SA";
    case Ikev2ExchangeType::INFORMATIONAL:
        return "INFORMATIONAL";
    }
    return "UNKNOWN(" + std::to_string(type) + ")";
}

const char*
Ikev2ParseStatusName(Ikev2ParseStatus status)
{
    switch (status)
    {
    case Ikev2ParseStatus::OK:
        return "OK";
    case Ikev2ParseStatus::TRUNCATED:
        return "TRUNCATED";
    case Ikev2ParseStatus::BAD_LENGTH:
        return "BAD_LENGTH";
    case Ikev2ParseStatus::PAYLOAD_TOO_SHORT:
        return "PAYLOAD_TOO_SHORT";
    case Ikev2ParseStatus::TRAILING_DATA:
        return "TRAILING_DATA";
    case Ikev2ParseStatus::INVALID_MAJOR_VERSION:
        return "INVALID_MAJOR_VERSION";
    case Ikev2ParseStatus::UNSUPPORTED_CRITICAL_PAYLOAD:
        return "UNSUPPORTED_CRITICAL_PAYLOAD";
    case Ikev2ParseStatus::INVALID_VALUE:
        return "INVALID_VALUE";
    case Ikev2ParseStatus::TOO_MANY_PAYLOADS:
        return "TOO_MANY_PAYLOADS";
    case Ikev2ParseStatus::MISPLACED_ENCRYPTED_PAYLOAD:
        return "MISPLACED_ENCRYPTED_PAYLOAD";
    }
    return "UNKNOWN";
}

uint16_t
Ikev2ParseStatusToNotify(Ikev2ParseStatus status)
{
    switch (status)
    {
    case Ikev2ParseStatus::OK:
        return 0;
    case Ikev2ParseStatus::UNSUPPORTED_CRITICAL_PAYLOAD:
        return static_cast<uint16_t>(Ikev2NotifyType::UNSUPPORTED_CRITICAL_PAYLOAD);
    case Ikev2ParseStatus::INVALID_MAJOR_VERSION:
        return static_cast<uint16_t>(Ikev2NotifyType::INVALID_MAJOR_VERSION);
    default:
        return static_cast<uint16_t>(Ikev2NotifyType::INVALID_SYNTAX);
    }
}

} // namespace ns3
