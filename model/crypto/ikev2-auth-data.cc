/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ikev2-auth-data.h"

#include "prf.h"

#include "ns3/log.h"

#include <memory>
#include <openssl/crypto.h>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Ikev2AuthData");

namespace
{

/// Length of "Key Pad for IKEv2" without its NUL.
constexpr size_t KEY_PAD_SIZE = sizeof(Ikev2AuthData::KEY_PAD) - 1;

/// One PRF call with key set-up.
CryptoStatus
ComputePrf(PrfId id, ByteView key, std::initializer_list<ByteView> parts, Bytes* out)
{
    CryptoStatus status = CryptoStatus::OK;
    std::unique_ptr<Prf> prf = Prf::Create(id, key, &status);
    if (!prf)
    {
        return status;
    }
    return prf->Compute(parts, out);
}

} // namespace

CryptoStatus
Ikev2AuthData::ComputeSignedOctets(PrfId prf, const Ikev2SignedOctetsInput& input, Bytes* octets)
{
    NS_LOG_FUNCTION(static_cast<int>(prf) << input.realMessage.size << input.peerNonce.size);
    if (Prf::GetOutputSizeOf(prf) == 0)
    {
        return CryptoStatus::UNSUPPORTED;
    }
    if (input.skP.size == 0)
    {
        return CryptoStatus::BAD_KEY_LENGTH;
    }
    if (input.realMessage.size == 0 || input.peerNonce.size == 0 || input.restOfIdPayload.size == 0)
    {
        return CryptoStatus::BAD_INPUT_LENGTH;
    }
    Bytes macedId;
    const CryptoStatus status = ComputePrf(prf, input.skP, {input.restOfIdPayload}, &macedId);
    if (status != CryptoStatus::OK)
    {
        return status;
    }
    Bytes result;
    result.reserve(input.realMessage.size + input.peerNonce.size + macedId.size());
    result.insert(result.end(),
                  input.realMessage.data,
                  input.realMessage.data + input.realMessage.size);
    result.insert(result.end(), input.peerNonce.data, input.peerNonce.data + input.peerNonce.size);
    result.insert(result.end(), macedId.begin(), macedId.end());
    *octets = std::move(result);
    return CryptoStatus::OK;
}

CryptoStatus
Ikev2AuthData::ComputeSharedKeyAuth(PrfId prf,
                                    ByteView sharedSecret,
                                    ByteView signedOctets,
                                    Bytes* auth)
{
    NS_LOG_FUNCTION(static_cast<int>(prf) << signedOctets.size);
    if (Prf::GetOutputSizeOf(prf) == 0)
    {
        return CryptoStatus::UNSUPPORTED;
    }
    if (sharedSecret.size == 0)
    {
        return CryptoStatus::BAD_KEY_LENGTH;
    }
    if (signedOctets.size == 0)
    {
        return CryptoStatus::BAD_INPUT_LENGTH;
    }
    Bytes padKey;
    CryptoStatus status =
        ComputePrf(prf,
                   sharedSecret,
                   {ByteView(reinterpret_cast<const uint8_t*>(KEY_PAD), KEY_PAD_SIZE)},
                   &padKey);
    if (status == CryptoStatus::OK)
    {
        status = ComputePrf(prf, padKey, {signedOctets}, auth);
    }
    if (!padKey.empty())
    {
        OPENSSL_cleanse(padKey.data(), padKey.size());
    }
    return status;
}

CryptoStatus
Ikev2AuthData::VerifySharedKeyAuth(PrfId prf,
                                   ByteView sharedSecret,
                                   ByteView signedOctets,
                                   ByteView received)
{
    Bytes expected;
    const CryptoStatus status = ComputeSharedKeyAuth(prf, sharedSecret, signedOctets, &expected);
    if (status != CryptoStatus::OK)
    {
        return status;
    }
    if (received.size != expected.size() ||
        CRYPTO_memcmp(received.data, expected.data(), expected.size()) != 0)
    {
        NS_LOG_LOGIC("shared-key AUTH mismatch");
        return CryptoStatus::AUTH_FAILED;
    }
    return CryptoStatus::OK;
}

} // namespace ns3
