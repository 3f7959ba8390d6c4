/* SPDX-License-Identifier: GPL-2.0-only */

// libFuzzer target for the IKEv2 decoders (built with -DIPSEC_BUILD_FUZZERS=ON and clang).
// Properties checked on every input, beyond "no crash, no sanitizer report":
//  - what parses re-encodes to octets that parse again and re-encode identically;
//  - the SK/SKF body, read as if it were decrypted plaintext, goes through the padding and
//    inner-chain decoders; Validate, ToString and LocateEncrypted accept whatever parsed.
// Seeds: the messages of test/vectors/isakmp-ikev2-aosp-messages.txt, one file per hex line.

#include "ns3/ikev2-encrypted-fragment-payload.h"
#include "ns3/ikev2-encrypted-payload.h"
#include "ns3/ikev2-message-rules.h"
#include "ns3/ikev2-message.h"

#include <cstdlib>

using namespace ns3;

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const ByteView input(data, size);
    Ikev2Message msg;
    Ikev2ParseError error;
    if (Ikev2Message::Parse(input, msg, &error) != Ikev2ParseStatus::OK)
    {
        if (error.offset > size)
        {
            abort();
        }
        return 0;
    }
    const Bytes encoded = msg.Serialize();
    Ikev2Message again;
    if (Ikev2Message::Parse(encoded, again) != Ikev2ParseStatus::OK || again.Serialize() != encoded)
    {
        abort();
    }
    (void)Ikev2MessageRules::Validate(msg);
    (void)msg.ToString();
    Ikev2EncryptedLayout layout;
    (void)Ikev2Message::LocateEncrypted(input, 8, 16, layout);

    const Ikev2Payload* sk = msg.GetEncryptedPayload();
    if (sk)
    {
        Bytes body;
        if (const auto* p = dynamic_cast<const Ikev2EncryptedPayload*>(sk))
        {
            body = p->GetBody();
        }
        else if (const auto* f = dynamic_cast<const Ikev2EncryptedFragmentPayload*>(sk))
        {
            body = f->GetBody();
        }
        ByteView chain;
        if (Ikev2EncryptedPayload::RemovePadding(body, chain) == Ikev2ParseStatus::OK &&
            msg.ParseDecrypted(chain) == Ikev2ParseStatus::OK)
        {
            uint8_t first = 0;
            const Bytes inner = msg.SerializeEncryptedPayloads(first);
            Ikev2Message reparsed = msg;
            if (reparsed.ParseDecrypted(inner) != Ikev2ParseStatus::OK)
            {
                abort();
            }
            (void)Ikev2MessageRules::Validate(msg);
            (void)msg.ToString();
        }
    }
    return 0;
}
