/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "crypto-types.h"

namespace ns3
{

const char*
CryptoStatusName(CryptoStatus status)
{
    switch (status)
    {
    case CryptoStatus::OK:
        return "OK";
    case CryptoStatus::UNSUPPORTED:
        return "UNSUPPORTED";
    case CryptoStatus::BAD_KEY_LENGTH:
        return "BAD_KEY_LENGTH";
    case CryptoStatus::BAD_INPUT_LENGTH:
        return "BAD_INPUT_LENGTH";
    case CryptoStatus::AUTH_FAILED:
        return "AUTH_FAILED";
    case CryptoStatus::INVALID_PUBLIC_VALUE:
        return "INVALID_PUBLIC_VALUE";
    case CryptoStatus::INVALID_CERTIFICATE:
        return "INVALID_CERTIFICATE";
    case CryptoStatus::BACKEND_ERROR:
        return "BACKEND_ERROR";
    }
    return "UNKNOWN";
}

} // namespace ns3
