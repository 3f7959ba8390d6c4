/* SPDX-License-Identifier: GPL-2.0-only */

#include "ikev2-peer-config.h"

#include "ns3/signer.h"

namespace ns3
{

namespace
{

bool
Fail(std::string* error, const std::string& message)
{
    if (error != nullptr)
    {
        *error = message;
    }
    return false;
}

} // namespace

bool
Ikev2PeerConfig::Validate(std::string* error) const
{
    const std::string where = "IKEv2 connection '" + name + "': ";
    if (ikeProposals.empty())
    {
        return Fail(error,
                    where +
                        "no IKE proposal: set ikeProposals (e.g. aes128gcm16-prfsha256-x25519)");
    }
    if (localAddress.IsIpv4() != remoteAddress.IsIpv4() && !anyRemote)
    {
        return Fail(error, where + "localAddress and remoteAddress are of different IP versions");
    }
    if (localAuth.method == AuthMethod::SHARED_KEY_MIC && localAuth.psk.empty())
    {
        return Fail(error, where + "PSK authentication without a key: set localAuth.psk");
    }
    if (Signer::IsSignatureMethod(localAuth.method) && (!localAuth.key || !localAuth.certificate))
    {
        return Fail(error,
                    where +
                        "signature authentication needs localAuth.key and localAuth.certificate");
    }
    if (!Signer::IsSignatureMethod(localAuth.method) &&
        localAuth.method != AuthMethod::SHARED_KEY_MIC)
    {
        return Fail(error, where + "localAuth.method must be SHARED_KEY_MIC or a signature method");
    }
    if (Signer::IsSignatureMethod(remoteAuth) && !trust)
    {
        return Fail(error, where + "the peer signs but no trust anchors are set: set trust");
    }
    if (remoteAuth == AuthMethod::SHARED_KEY_MIC && localAuth.psk.empty())
    {
        return Fail(error, where + "the peer uses a PSK: set localAuth.psk (the shared key)");
    }
    for (const auto& child : children)
    {
        if (child.proposals.empty())
        {
            return Fail(error, where + "child '" + child.name + "' has no proposal");
        }
        if (!child.hostSelectors && !child.selector.IsValid(nullptr))
        {
            return Fail(error, where + "child '" + child.name + "' has an invalid selector");
        }
        if (child.lifeTime.IsStrictlyPositive() && child.rekeyTime >= child.lifeTime)
        {
            return Fail(error,
                        where + "child '" + child.name + "': rekeyTime must be below lifeTime");
        }
        if (anyRemote && child.start != Ikev2StartAction::NONE)
        {
            return Fail(error,
                        where + "a connection with any remote address can only respond: set "
                                "start to NONE");
        }
    }
    return true;
}

} // namespace ns3
