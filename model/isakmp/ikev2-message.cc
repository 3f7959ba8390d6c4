/* SPDX-License-Identifier: GPL-2.0-only */

#include "ikev2-message.h"

#include "ikev2-auth-payload.h"
#include "ikev2-cert-payload.h"
#include "ikev2-cert-request-payload.h"
#include "ikev2-config-payload.h"
#include "ikev2-delete-payload.h"
#include "ikev2-eap-payload.h"
#include "ikev2-encrypted-fragment-payload.h"
#include "ikev2-id-payload.h"
#include "ikev2-ke-payload.h"
#include "ikev2-nonce-payload.h"
#include "ikev2-notify-payload.h"
#include "ikev2-octet-reader.h"
#include "ikev2-sa-payload.h"
#include "ikev2-ts-payload.h"
#include "ikev2-vendor-id-payload.h"

#include "ns3/assert.h"
#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Ikev2Message");

namespace
{

bool
IsEncryptedType(uint8_t type)
{
    return type == static_cast<uint8_t>(Ikev2PayloadType::SK) ||
           type == static_cast<uint8_t>(Ikev2PayloadType::SKF);
}

uint8_t
FirstInnerOf(const Ikev2Payload& p)
{
    if (p.GetType() == static_cast<uint8_t>(Ikev2PayloadType::SK))
    {
        return static_cast<const Ikev2EncryptedPayload&>(p).GetFirstInnerType();
    }
    return static_cast<const Ikev2EncryptedFragmentPayload&>(p).GetFirstInnerType();
}

void
SetFirstInnerOf(Ikev2Payload& p, uint8_t type)
{
    if (p.GetType() == static_cast<uint8_t>(Ikev2PayloadType::SK))
    {
        static_cast<Ikev2EncryptedPayload&>(p).SetFirstInnerType(type);
    }
    else
    {
        static_cast<Ikev2EncryptedFragmentPayload&>(p).SetFirstInnerType(type);
    }
}

void
SerializeList(const std::vector<std::unique_ptr<Ikev2Payload>>& list, uint8_t last, Bytes& out)
{
    for (size_t i = 0; i < list.size(); ++i)
    {
        list[i]->Serialize(out, i + 1 < list.size() ? list[i + 1]->GetType() : last);
    }
}

std::vector<std::unique_ptr<Ikev2Payload>>
CloneList(const std::vector<std::unique_ptr<Ikev2Payload>>& list)
{
    std::vector<std::unique_ptr<Ikev2Payload>> copy;
    copy.reserve(list.size());
    for (const auto& p : list)
    {
        copy.push_back(p->Clone());
    }
    return copy;
}

std::string
DescribeList(const std::vector<std::unique_ptr<Ikev2Payload>>& list)
{
    std::string s;
    for (const auto& p : list)
    {
        s += " " + Ikev2PayloadTypeName(p->GetType());
        if (p->GetType() == static_cast<uint8_t>(Ikev2PayloadType::NOTIFY))
        {
            s += "(" +
                 Ikev2NotifyTypeName(static_cast<const Ikev2NotifyPayload&>(*p).GetNotifyType()) +
                 ")";
        }
    }
    return s;
}

Ikev2ParseStatus
Fail(Ikev2ParseError* error, Ikev2ParseStatus status, uint8_t type, size_t offset)
{
    NS_LOG_DEBUG("parse failed: " << Ikev2ParseStatusName(status) << " at "
                                  << Ikev2PayloadTypeName(type) << ", offset " << offset);
    if (error)
    {
        error->status = status;
        error->payloadType = type;
        error->offset = offset;
    }
    return status;
}

} // namespace

std::unique_ptr<Ikev2Payload>
Ikev2CreatePayload(uint8_t type)
{
    switch (static_cast<Ikev2PayloadType>(type))
    {
    case Ikev2PayloadType::SA:
        return std::make_unique<Ikev2SaPayload>();
    case Ikev2PayloadType::KE:
        return std::make_unique<Ikev2KePayload>();
    case Ikev2PayloadType::IDI:
        return std::make_unique<Ikev2IdPayload>(true);
    case Ikev2PayloadType::IDR:
        return std::make_unique<Ikev2IdPayload>(false);
    case Ikev2PayloadType::CERT:
        return std::make_unique<Ikev2CertPayload>();
    case Ikev2PayloadType::CERTREQ:
        return std::make_unique<Ikev2CertRequestPayload>();
    case Ikev2PayloadType::AUTH:
        return std::make_unique<Ikev2AuthPayload>();
    case Ikev2PayloadType::NONCE:
        return std::make_unique<Ikev2NoncePayload>();
    case Ikev2PayloadType::NOTIFY:
        return std::make_unique<Ikev2NotifyPayload>();
    case Ikev2PayloadType::DELETE:
        return std::make_unique<Ikev2DeletePayload>();
    case Ikev2PayloadType::VENDOR_ID:
        return std::make_unique<Ikev2VendorIdPayload>();
    case Ikev2PayloadType::TSI:
        return std::make_unique<Ikev2TsPayload>(true);
    case Ikev2PayloadType::TSR:
        return std::make_unique<Ikev2TsPayload>(false);
    case Ikev2PayloadType::SK:
        return std::make_unique<Ikev2EncryptedPayload>();
    case Ikev2PayloadType::CP:
        return std::make_unique<Ikev2ConfigPayload>();
    case Ikev2PayloadType::EAP:
        return std::make_unique<Ikev2EapPayload>();
    case Ikev2PayloadType::SKF:
        return std::make_unique<Ikev2EncryptedFragmentPayload>();
    case Ikev2PayloadType::NO_NEXT_PAYLOAD:
        break;
    }
    return std::make_unique<Ikev2UnknownPayload>(type);
}

Ikev2Message::Ikev2Message(const Ikev2Message& o)
    : m_header(o.m_header),
      m_payloads(CloneList(o.m_payloads)),
      m_encrypted(o.m_encrypted ? o.m_encrypted->Clone() : nullptr),
      m_inner(CloneList(o.m_inner)),
      m_innerKnown(o.m_innerKnown)
{
}

Ikev2Message&
Ikev2Message::operator=(const Ikev2Message& o)
{
    if (this != &o)
    {
        Ikev2Message copy(o);
        *this = std::move(copy);
    }
    return *this;
}

void
Ikev2Message::AddPayload(std::unique_ptr<Ikev2Payload> p)
{
    NS_ASSERT_MSG(!IsEncryptedType(p->GetType()), "use SetEncryptedPayload for SK/SKF");
    m_payloads.push_back(std::move(p));
}

void
Ikev2Message::AddEncryptedPayload(std::unique_ptr<Ikev2Payload> p)
{
    NS_ASSERT_MSG(!IsEncryptedType(p->GetType()), "SK/SKF cannot be nested");
    m_inner.push_back(std::move(p));
    m_innerKnown = true;
}

void
Ikev2Message::SetEncryptedPayload(std::unique_ptr<Ikev2Payload> p)
{
    NS_ASSERT_MSG(IsEncryptedType(p->GetType()), "not an SK or SKF payload");
    m_encrypted = std::move(p);
}

Bytes
Ikev2Message::SerializeEncryptedPayloads(uint8_t& firstType) const
{
    Bytes out;
    firstType = m_inner.empty() ? 0 : m_inner.front()->GetType();
    SerializeList(m_inner, 0, out);
    return out;
}

void
Ikev2Message::SetEncryptedBody(Bytes body)
{
    const uint8_t first = m_inner.empty() ? 0 : m_inner.front()->GetType();
    m_encrypted = std::make_unique<Ikev2EncryptedPayload>(first, std::move(body));
}

Bytes
Ikev2Message::Serialize() const
{
    Bytes out;
    out.reserve(256);
    Ikev2Header header = m_header;
    header.nextPayload = !m_payloads.empty() ? m_payloads.front()->GetType()
                         : m_encrypted       ? m_encrypted->GetType()
                                             : 0;
    header.Serialize(out);
    SerializeList(m_payloads, m_encrypted ? m_encrypted->GetType() : 0, out);
    if (m_encrypted)
    {
        m_encrypted->Serialize(out, FirstInnerOf(*m_encrypted));
    }
    const uint32_t length = static_cast<uint32_t>(out.size());
    for (int i = 0; i < 4; ++i)
    {
        out[24 + i] = static_cast<uint8_t>(length >> (24 - 8 * i));
    }
    return out;
}

Ikev2ParseStatus
Ikev2Message::ParseChain(ByteView chain,
                         uint8_t first,
                         bool allowEncrypted,
                         std::vector<std::unique_ptr<Ikev2Payload>>& out,
                         std::unique_ptr<Ikev2Payload>& encrypted,
                         Ikev2ParseError* error,
                         size_t baseOffset)
{
    out.clear();
    encrypted.reset();
    uint8_t type = first;
    size_t pos = 0;
    while (type != static_cast<uint8_t>(Ikev2PayloadType::NO_NEXT_PAYLOAD))
    {
        const size_t offset = baseOffset + pos;
        if (out.size() >= MAX_PAYLOADS)
        {
            return Fail(error, Ikev2ParseStatus::TOO_MANY_PAYLOADS, type, offset);
        }
        Ikev2GenericPayloadHeader h;
        ByteView rest(chain.data + pos, chain.size - pos);
        Ikev2ParseStatus status = h.Deserialize(rest);
        if (status != Ikev2ParseStatus::OK)
        {
            return Fail(error, status, type, offset);
        }
        if (!Ikev2IsKnownPayloadType(type))
        {
            // RFC 7296 3.2: an unknown critical payload rejects the whole message; an unknown
            // non-critical one is skipped.
            if (h.critical)
            {
                return Fail(error, Ikev2ParseStatus::UNSUPPORTED_CRITICAL_PAYLOAD, type, offset);
            }
            NS_LOG_LOGIC("skipping unknown non-critical payload " << +type);
        }
        std::unique_ptr<Ikev2Payload> p = Ikev2CreatePayload(type);
        p->SetCritical(h.critical);
        status = p->DeserializeBody(ByteView(rest.data + Ikev2GenericPayloadHeader::SIZE,
                                             h.length - Ikev2GenericPayloadHeader::SIZE));
        if (status != Ikev2ParseStatus::OK)
        {
            return Fail(error, status, type, offset);
        }
        pos += h.length;
        if (IsEncryptedType(type))
        {
            // RFC 7296 3.14: SK is the last payload; its Next Payload names the first payload
            // inside it. RFC 7383 2.5 says the same of SKF.
            if (!allowEncrypted || pos != chain.size)
            {
                return Fail(error, Ikev2ParseStatus::MISPLACED_ENCRYPTED_PAYLOAD, type, offset);
            }
            SetFirstInnerOf(*p, h.nextPayload);
            encrypted = std::move(p);
            return Ikev2ParseStatus::OK;
        }
        out.push_back(std::move(p));
        type = h.nextPayload;
    }
    if (pos != chain.size)
    {
        return Fail(error, Ikev2ParseStatus::TRAILING_DATA, 0, baseOffset + pos);
    }
    return Ikev2ParseStatus::OK;
}

Ikev2ParseStatus
Ikev2Message::Parse(ByteView in, Ikev2Message& msg, Ikev2ParseError* error)
{
    msg = Ikev2Message();
    Ikev2ParseStatus status = msg.m_header.Deserialize(in);
    if (status != Ikev2ParseStatus::OK)
    {
        return Fail(error, status, 0, 0);
    }
    if (msg.m_header.length > in.size)
    {
        return Fail(error, Ikev2ParseStatus::TRUNCATED, 0, 0);
    }
    if (msg.m_header.length < in.size)
    {
        return Fail(error, Ikev2ParseStatus::TRAILING_DATA, 0, msg.m_header.length);
    }
    status = ParseChain(ByteView(in.data + Ikev2Header::SIZE, in.size - Ikev2Header::SIZE),
                        msg.m_header.nextPayload,
                        true,
                        msg.m_payloads,
                        msg.m_encrypted,
                        error,
                        Ikev2Header::SIZE);
    if (status == Ikev2ParseStatus::OK && error)
    {
        *error = Ikev2ParseError();
    }
    return status;
}

Ikev2ParseStatus
Ikev2Message::ParseDecrypted(ByteView chain, Ikev2ParseError* error)
{
    if (!m_encrypted)
    {
        return Fail(error, Ikev2ParseStatus::INVALID_VALUE, 0, 0);
    }
    std::unique_ptr<Ikev2Payload> nested;
    Ikev2ParseStatus status =
        ParseChain(chain, FirstInnerOf(*m_encrypted), false, m_inner, nested, error, 0);
    m_innerKnown = status == Ikev2ParseStatus::OK;
    if (!m_innerKnown)
    {
        m_inner.clear();
    }
    return status;
}

Ikev2ParseStatus
Ikev2Message::LocateEncrypted(ByteView message,
                              size_t ivSize,
                              size_t icvSize,
                              Ikev2EncryptedLayout& layout)
{
    if (message.size < Ikev2Header::SIZE)
    {
        return Ikev2ParseStatus::TRUNCATED;
    }
    uint8_t type = message.data[16];
    size_t pos = Ikev2Header::SIZE;
    for (size_t n = 0; n <= MAX_PAYLOADS && type != 0; ++n)
    {
        Ikev2GenericPayloadHeader h;
        Ikev2ParseStatus status = h.Deserialize(ByteView(message.data + pos, message.size - pos));
        if (status != Ikev2ParseStatus::OK)
        {
            return status;
        }
        if (IsEncryptedType(type))
        {
            const size_t fields = type == static_cast<uint8_t>(Ikev2PayloadType::SKF)
                                      ? Ikev2EncryptedFragmentPayload::FIELDS_SIZE
                                      : 0;
            if (h.length < Ikev2GenericPayloadHeader::SIZE + fields + ivSize + icvSize)
            {
                return Ikev2ParseStatus::BAD_LENGTH;
            }
            layout.payloadOffset = pos;
            layout.ivOffset = pos + Ikev2GenericPayloadHeader::SIZE + fields;
            layout.ciphertextOffset = layout.ivOffset + ivSize;
            layout.end = pos + h.length;
            layout.icvOffset = layout.end - icvSize;
            return Ikev2ParseStatus::OK;
        }
        pos += h.length;
        type = h.nextPayload;
    }
    return Ikev2ParseStatus::INVALID_VALUE;
}

const Ikev2NotifyPayload*
Ikev2Message::FindNotify(Ikev2NotifyType type) const
{
    for (const auto* n : FindAll<Ikev2NotifyPayload>(Ikev2PayloadType::NOTIFY))
    {
        if (n->GetNotifyType() == static_cast<uint16_t>(type))
        {
            return n;
        }
    }
    return nullptr;
}

const Ikev2NotifyPayload*
Ikev2Message::FindErrorNotify() const
{
    for (const auto* n : FindAll<Ikev2NotifyPayload>(Ikev2PayloadType::NOTIFY))
    {
        if (n->IsError())
        {
            return n;
        }
    }
    return nullptr;
}

std::string
Ikev2Message::ToString() const
{
    std::string s = Ikev2ExchangeTypeName(m_header.exchangeType);
    s += m_header.IsResponse() ? " response " : " request ";
    s += std::to_string(m_header.messageId) + " [" + DescribeList(m_payloads);
    if (m_encrypted)
    {
        s += " " + Ikev2PayloadTypeName(m_encrypted->GetType()) + "{" +
             (m_innerKnown ? DescribeList(m_inner) + " " : std::string(" ")) + "}";
    }
    else if (!m_inner.empty())
    {
        s += " SK{" + DescribeList(m_inner) + " }";
    }
    return s + " ]";
}

} // namespace ns3
