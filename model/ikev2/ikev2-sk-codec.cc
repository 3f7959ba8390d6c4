/* SPDX-License-Identifier: GPL-2.0-only */

#include "ikev2-sk-codec.h"

#include "ns3/cipher.h"
#include "ns3/ikev2-encrypted-fragment-payload.h"
#include "ns3/ikev2-encrypted-payload.h"
#include "ns3/ikev2-key-derivation.h"
#include "ns3/integrity.h"
#include "ns3/iv-generator.h"
#include "ns3/log.h"
#include "ns3/random-source.h"

#include <algorithm>
#include <cstring>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Ikev2SkCodec");

namespace
{

/// Generic payload header octets (RFC 7296 3.2).
constexpr size_t GENERIC_HEADER = Ikev2GenericPayloadHeader::SIZE;
/// Largest value of a 16-bit Payload Length or Total Fragments field.
constexpr size_t MAX_FIELD = 0xffff;

constexpr uint8_t SK_TYPE = static_cast<uint8_t>(Ikev2PayloadType::SK);
constexpr uint8_t SKF_TYPE = static_cast<uint8_t>(Ikev2PayloadType::SKF);

bool
IsCbc(EncrId id)
{
    return id == EncrId::AES_CBC || id == EncrId::TRIPLE_DES;
}

/// Octets of the padded plaintext for @p content octets (RFC 7296 3.14: the content, padding
/// and the Pad Length octet, a multiple of the block size).
size_t
PaddedSize(size_t content, size_t block)
{
    return (content + 1 + block - 1) / block * block;
}

size_t
ClearOctets(const Ikev2Message& msg)
{
    Bytes out;
    for (const auto& p : msg.GetPayloads())
    {
        p->Serialize(out, 0);
    }
    return out.size();
}

} // namespace

const char*
Ikev2SkStatusName(Ikev2SkStatus status)
{
    switch (status)
    {
    case Ikev2SkStatus::OK:
        return "OK";
    case Ikev2SkStatus::FRAGMENT_PENDING:
        return "FRAGMENT_PENDING";
    case Ikev2SkStatus::FRAGMENT_DISCARDED:
        return "FRAGMENT_DISCARDED";
    case Ikev2SkStatus::MALFORMED:
        return "MALFORMED";
    case Ikev2SkStatus::NO_ENCRYPTED_PAYLOAD:
        return "NO_ENCRYPTED_PAYLOAD";
    case Ikev2SkStatus::INTEGRITY_FAILED:
        return "INTEGRITY_FAILED";
    case Ikev2SkStatus::BAD_PADDING:
        return "BAD_PADDING";
    case Ikev2SkStatus::INNER_PARSE_ERROR:
        return "INNER_PARSE_ERROR";
    case Ikev2SkStatus::TOO_LARGE:
        return "TOO_LARGE";
    case Ikev2SkStatus::CRYPTO_ERROR:
        return "CRYPTO_ERROR";
    }
    return "UNKNOWN";
}

Ikev2SkCodec::Ikev2SkCodec() = default;

Ikev2SkCodec::~Ikev2SkCodec() = default;

std::unique_ptr<Ikev2SkCodec>
Ikev2SkCodec::Create(const IkeTransformSet& t,
                     const Ikev2SaKeys& keys,
                     bool isOriginalInitiator,
                     Ptr<RandomSource> rng,
                     std::string* error)
{
    auto fail = [error](const std::string& why) {
        NS_LOG_WARN("cannot make the SK codec: " << why);
        if (error)
        {
            *error = why;
        }
        return std::unique_ptr<Ikev2SkCodec>();
    };
    // Only the sizes of the encryption and integrity keys matter here; any valid PRF will do.
    Ikev2KeySizes sizes;
    CryptoStatus st = Ikev2KeyDerivation::GetIkeSaKeySizes(PrfId::HMAC_SHA2_256,
                                                           t.encr,
                                                           t.encrKeyBits,
                                                           t.integ,
                                                           &sizes);
    if (st != CryptoStatus::OK)
    {
        return fail(std::string("transforms not usable for an IKE SA: ") + CryptoStatusName(st));
    }
    // RFC 7296 2.14: SK_ei/SK_ai protect what the original initiator sends.
    const Bytes& outEncr = isOriginalInitiator ? keys.skEi : keys.skEr;
    const Bytes& inEncr = isOriginalInitiator ? keys.skEr : keys.skEi;
    const Bytes& outInteg = isOriginalInitiator ? keys.skAi : keys.skAr;
    const Bytes& inInteg = isOriginalInitiator ? keys.skAr : keys.skAi;
    if (outEncr.size() != sizes.encrKey || inEncr.size() != sizes.encrKey)
    {
        return fail("SK_e keys are " + std::to_string(outEncr.size()) + "/" +
                    std::to_string(inEncr.size()) + " octets, the transform needs " +
                    std::to_string(sizes.encrKey));
    }
    if (outInteg.size() != sizes.integKey || inInteg.size() != sizes.integKey)
    {
        return fail("SK_a keys are " + std::to_string(outInteg.size()) + "/" +
                    std::to_string(inInteg.size()) + " octets, the transform needs " +
                    std::to_string(sizes.integKey));
    }

    std::unique_ptr<Ikev2SkCodec> codec(new Ikev2SkCodec());
    codec->m_encrypt = Cipher::Create(t.encr, outEncr, &st);
    if (codec->m_encrypt)
    {
        codec->m_decrypt = Cipher::Create(t.encr, inEncr, &st);
    }
    if (!codec->m_encrypt || !codec->m_decrypt)
    {
        return fail(std::string("cipher: ") + CryptoStatusName(st));
    }
    codec->m_aead = codec->m_encrypt->IsAead();
    if (!codec->m_aead)
    {
        codec->m_sign = Integrity::Create(t.integ, outInteg, &st);
        if (codec->m_sign)
        {
            codec->m_check = Integrity::Create(t.integ, inInteg, &st);
        }
        if (!codec->m_sign || !codec->m_check)
        {
            return fail(std::string("integrity: ") + CryptoStatusName(st));
        }
    }
    codec->m_ivSize = codec->m_encrypt->GetIvSize();
    codec->m_icvSize = codec->m_aead ? codec->m_encrypt->GetIcvSize() : codec->m_sign->GetIcvSize();
    codec->m_blockSize = std::max<size_t>(1, codec->m_encrypt->GetBlockSize());
    if (IsCbc(t.encr))
    {
        if (!rng)
        {
            return fail("a CBC cipher needs a random source for its IVs");
        }
        codec->m_ivGenerator = IvGenerator::Create(*rng, &st);
        if (!codec->m_ivGenerator)
        {
            return fail(std::string("IV generator: ") + CryptoStatusName(st));
        }
    }
    return codec;
}

size_t
Ikev2SkCodec::GetIvSize() const
{
    return m_ivSize;
}

size_t
Ikev2SkCodec::GetIcvSize() const
{
    return m_icvSize;
}

size_t
Ikev2SkCodec::GetBlockSize() const
{
    return m_blockSize;
}

size_t
Ikev2SkCodec::GetProtectedSize(size_t innerOctets, size_t clearOctets) const
{
    return Ikev2Header::SIZE + clearOctets + GENERIC_HEADER + m_ivSize +
           PaddedSize(innerOctets, m_blockSize) + m_icvSize;
}

size_t
Ikev2SkCodec::GetMaxFragmentContent(size_t maxDatagramSize, size_t clearOctets) const
{
    const size_t fixed = Ikev2Header::SIZE + clearOctets + GENERIC_HEADER +
                         Ikev2EncryptedFragmentPayload::FIELDS_SIZE + m_ivSize + m_icvSize;
    if (maxDatagramSize <= fixed)
    {
        return 0;
    }
    // The SKF Payload Length field bounds a fragment too.
    const size_t payloadFixed =
        GENERIC_HEADER + Ikev2EncryptedFragmentPayload::FIELDS_SIZE + m_ivSize + m_icvSize;
    const size_t avail = std::min(maxDatagramSize - fixed, MAX_FIELD - payloadFixed);
    const size_t padded = avail / m_blockSize * m_blockSize;
    return padded == 0 ? 0 : padded - 1; // one octet for Pad Length, no padding needed
}

void
Ikev2SkCodec::SetNextIv(ByteView iv)
{
    m_nextIv.assign(iv.data, iv.data + iv.size);
}

void
Ikev2SkCodec::SetReassemblyLimits(uint16_t maxFragments, size_t maxOctets)
{
    m_maxFragments = maxFragments;
    m_maxOctets = maxOctets;
}

void
Ikev2SkCodec::DiscardFragments()
{
    for (auto& q : m_queues)
    {
        q = Reassembly();
    }
}

size_t
Ikev2SkCodec::GetPendingFragments() const
{
    size_t n = 0;
    for (const auto& q : m_queues)
    {
        n += q.active ? q.received : 0;
    }
    return n;
}

void
Ikev2SkCodec::NextIv(uint8_t* iv)
{
    if (m_nextIv.size() == m_ivSize)
    {
        std::memcpy(iv, m_nextIv.data(), m_ivSize);
        m_nextIv.clear();
        return;
    }
    m_nextIv.clear();
    if (m_ivGenerator)
    {
        m_ivGenerator->Next(iv, m_ivSize);
        return;
    }
    // RFC 4106 3.1, RFC 3686 3.1, RFC 7634 2: the explicit IV only has to be unique per key.
    ++m_ivCounter;
    for (size_t i = 0; i < m_ivSize; ++i)
    {
        const size_t shift = 8 * (m_ivSize - 1 - i);
        iv[i] = shift < 64 ? static_cast<uint8_t>(m_ivCounter >> shift) : 0;
    }
}

Ikev2SkStatus
Ikev2SkCodec::Seal(Ikev2Message& outer,
                   uint8_t firstInner,
                   ByteView content,
                   uint16_t number,
                   uint16_t total,
                   Bytes* datagram)
{
    const Bytes plaintext = Ikev2EncryptedPayload::AddPadding(content, m_blockSize);
    const size_t fields = number == 0 ? 0 : Ikev2EncryptedFragmentPayload::FIELDS_SIZE;
    if (GENERIC_HEADER + fields + m_ivSize + plaintext.size() + m_icvSize > MAX_FIELD)
    {
        return Ikev2SkStatus::TOO_LARGE;
    }
    // Serialize with room for IV | ciphertext | ICV, then fill it in place: the header and
    // payload lengths are then final before the AAD or ICV input is taken.
    Bytes body(m_ivSize + plaintext.size() + m_icvSize, 0);
    if (number == 0)
    {
        outer.SetEncryptedPayload(std::make_unique<Ikev2EncryptedPayload>(firstInner, body));
    }
    else
    {
        outer.SetEncryptedPayload(
            std::make_unique<Ikev2EncryptedFragmentPayload>(firstInner, number, total, body));
    }
    *datagram = outer.Serialize();
    Ikev2EncryptedLayout layout;
    if (Ikev2Message::LocateEncrypted(*datagram, m_ivSize, m_icvSize, layout) !=
        Ikev2ParseStatus::OK)
    {
        return Ikev2SkStatus::CRYPTO_ERROR;
    }
    uint8_t* p = datagram->data();
    uint8_t* iv = p + layout.ivOffset;
    uint8_t* ct = p + layout.ciphertextOffset;
    uint8_t* icv = p + layout.icvOffset;
    NextIv(iv);
    std::memcpy(ct, plaintext.data(), plaintext.size());
    const ByteView in(ct, plaintext.size());
    if (m_aead)
    {
        // RFC 5282 5.1: AAD is the IKE header through the SK (or SKF) header, IV excluded.
        if (m_encrypt->Encrypt(iv, layout.AssociatedData(*datagram), in, ct, icv) !=
            CryptoStatus::OK)
        {
            return Ikev2SkStatus::CRYPTO_ERROR;
        }
    }
    else if (m_encrypt->Encrypt(iv, ByteView(), in, ct, nullptr) != CryptoStatus::OK ||
             m_sign->Compute({layout.IntegrityInput(*datagram)}, icv) != CryptoStatus::OK)
    {
        // RFC 7296 3.14: encrypt, then MAC the whole message up to the ICV.
        return Ikev2SkStatus::CRYPTO_ERROR;
    }
    body.assign(p + layout.ivOffset, p + layout.end);
    if (number == 0)
    {
        outer.SetEncryptedPayload(
            std::make_unique<Ikev2EncryptedPayload>(firstInner, std::move(body)));
    }
    else
    {
        outer.SetEncryptedPayload(std::make_unique<Ikev2EncryptedFragmentPayload>(firstInner,
                                                                                  number,
                                                                                  total,
                                                                                  std::move(body)));
    }
    return Ikev2SkStatus::OK;
}

Ikev2SkStatus
Ikev2SkCodec::Protect(Ikev2Message& msg, Bytes* datagram)
{
    uint8_t first = 0;
    const Bytes chain = msg.SerializeEncryptedPayloads(first);
    const Ikev2SkStatus status = Seal(msg, first, chain, 0, 0, datagram);
    NS_LOG_LOGIC("protect " << msg.ToString() << ": " << Ikev2SkStatusName(status) << ", "
                            << datagram->size() << " octets");
    return status;
}

Ikev2SkStatus
Ikev2SkCodec::ProtectFragmented(Ikev2Message& msg,
                                size_t maxDatagramSize,
                                std::vector<Bytes>* datagrams)
{
    datagrams->clear();
    uint8_t first = 0;
    const Bytes chain = msg.SerializeEncryptedPayloads(first);
    const size_t clear = ClearOctets(msg);
    if (GetProtectedSize(chain.size(), clear) <= maxDatagramSize)
    {
        datagrams->emplace_back();
        return Protect(msg, &datagrams->back());
    }
    // Unencrypted payloads, if any, travel in fragment 1 only, with its header.
    const size_t firstCap = GetMaxFragmentContent(maxDatagramSize, clear);
    const size_t restCap = GetMaxFragmentContent(maxDatagramSize, 0);
    if (firstCap == 0 || restCap == 0)
    {
        return Ikev2SkStatus::TOO_LARGE;
    }
    const size_t rest = chain.size() - std::min(firstCap, chain.size());
    const size_t total = 1 + (rest + restCap - 1) / restCap;
    if (total > MAX_FIELD)
    {
        return Ikev2SkStatus::TOO_LARGE;
    }
    size_t offset = 0;
    for (size_t number = 1; number <= total; ++number)
    {
        Ikev2Message fragment;
        fragment.GetHeader() = msg.GetHeader();
        if (number == 1)
        {
            for (const auto& p : msg.GetPayloads())
            {
                fragment.AddPayload(p->Clone());
            }
        }
        const size_t n = std::min(number == 1 ? firstCap : restCap, chain.size() - offset);
        datagrams->emplace_back();
        // RFC 7383 2.5: Next Payload names the first inner payload in fragment 1 only.
        const Ikev2SkStatus status = Seal(fragment,
                                          number == 1 ? first : 0,
                                          ByteView(chain.data() + offset, n),
                                          static_cast<uint16_t>(number),
                                          static_cast<uint16_t>(total),
                                          &datagrams->back());
        if (status != Ikev2SkStatus::OK)
        {
            datagrams->clear();
            return status;
        }
        offset += n;
    }
    NS_LOG_LOGIC("protect " << msg.ToString() << " in " << total << " fragments of at most "
                            << maxDatagramSize << " octets");
    return Ikev2SkStatus::OK;
}

Ikev2SkStatus
Ikev2SkCodec::Decrypt(ByteView datagram, const Ikev2Message& outer, Bytes* content)
{
    if (!outer.GetEncryptedPayload())
    {
        return Ikev2SkStatus::NO_ENCRYPTED_PAYLOAD;
    }
    Ikev2EncryptedLayout layout;
    if (Ikev2Message::LocateEncrypted(datagram, m_ivSize, m_icvSize, layout) !=
            Ikev2ParseStatus::OK ||
        layout.end != datagram.size)
    {
        return Ikev2SkStatus::MALFORMED;
    }
    const size_t ctLen = layout.icvOffset - layout.ciphertextOffset;
    // At least the Pad Length octet, and whole blocks for CBC.
    if (ctLen == 0 || ctLen % m_blockSize != 0)
    {
        return Ikev2SkStatus::MALFORMED;
    }
    const uint8_t* p = datagram.data;
    const ByteView ct(p + layout.ciphertextOffset, ctLen);
    content->resize(ctLen);
    CryptoStatus st;
    if (m_aead)
    {
        st = m_decrypt->Decrypt(p + layout.ivOffset,
                                layout.AssociatedData(datagram),
                                ct,
                                content->data(),
                                p + layout.icvOffset);
    }
    else
    {
        // RFC 7296 3.14: check the ICV before decrypting anything.
        st = m_check->Verify({layout.IntegrityInput(datagram)}, p + layout.icvOffset);
        if (st == CryptoStatus::OK)
        {
            st = m_decrypt->Decrypt(p + layout.ivOffset, ByteView(), ct, content->data(), nullptr);
        }
    }
    if (st != CryptoStatus::OK)
    {
        content->clear();
        return st == CryptoStatus::AUTH_FAILED ? Ikev2SkStatus::INTEGRITY_FAILED
                                               : Ikev2SkStatus::CRYPTO_ERROR;
    }
    ByteView chain;
    if (Ikev2EncryptedPayload::RemovePadding(*content, chain) != Ikev2ParseStatus::OK)
    {
        content->clear();
        return Ikev2SkStatus::BAD_PADDING;
    }
    content->resize(chain.size);
    return Ikev2SkStatus::OK;
}

Ikev2SkStatus
Ikev2SkCodec::Open(ByteView datagram, Ikev2Message* msg, Bytes* content)
{
    content->clear();
    Ikev2ParseError error;
    if (Ikev2Message::Parse(datagram, *msg, &error) != Ikev2ParseStatus::OK)
    {
        m_lastParseError = error;
        return Ikev2SkStatus::MALFORMED;
    }
    return Decrypt(datagram, *msg, content);
}

Ikev2SkCodec::Reassembly&
Ikev2SkCodec::QueueFor(const Ikev2Header& header)
{
    // Requests from the peer and responses to our requests carry independent Message IDs.
    return m_queues[header.IsResponse() ? 1 : 0];
}

Ikev2SkStatus
Ikev2SkCodec::Unprotect(ByteView datagram, Ikev2Message* msg)
{
    Ikev2Message outer;
    Ikev2ParseError error;
    const Ikev2ParseStatus parsed = Ikev2Message::Parse(datagram, outer, &error);
    if (parsed != Ikev2ParseStatus::OK)
    {
        m_lastParseError = error;
        // RFC 7383 2.6: Fragment Number or Total Fragments 0, or number > total: discard.
        if (parsed == Ikev2ParseStatus::INVALID_VALUE && error.payloadType == SKF_TYPE)
        {
            NS_LOG_DEBUG("SKF with invalid fragment numbers discarded");
            return Ikev2SkStatus::FRAGMENT_DISCARDED;
        }
        NS_LOG_DEBUG("malformed message: " << Ikev2ParseStatusName(parsed));
        return Ikev2SkStatus::MALFORMED;
    }
    const Ikev2Payload* encrypted = outer.GetEncryptedPayload();
    const bool isFragment = encrypted && encrypted->GetType() == SKF_TYPE;
    if (isFragment)
    {
        // RFC 7383 2.6: the checks that need no key come first, so that replays and stale
        // fragments cost no crypto.
        const auto& skf = static_cast<const Ikev2EncryptedFragmentPayload&>(*encrypted);
        const Ikev2Header& h = outer.GetHeader();
        const Reassembly& q = QueueFor(h);
        const char* reason = nullptr;
        if (skf.GetTotalFragments() > m_maxFragments)
        {
            reason = "more fragments than the reassembly limit";
        }
        else if (q.active && h.messageId < q.messageId)
        {
            reason = "older Message ID than the message being reassembled";
        }
        else if (q.active && h.messageId == q.messageId)
        {
            if (skf.GetTotalFragments() < q.total)
            {
                reason = "fewer Total Fragments than those queued";
            }
            else if (skf.GetTotalFragments() == q.total && q.have[skf.GetFragmentNumber() - 1])
            {
                reason = "duplicate";
            }
            else if (h.exchangeType != q.exchangeType)
            {
                reason = "exchange type differs from the queued fragments";
            }
        }
        if (reason)
        {
            NS_LOG_DEBUG("fragment " << skf.GetFragmentNumber() << "/" << skf.GetTotalFragments()
                                     << " of message " << h.messageId << " discarded: " << reason);
            *msg = std::move(outer);
            return Ikev2SkStatus::FRAGMENT_DISCARDED;
        }
    }
    Bytes content;
    const Ikev2SkStatus status = Decrypt(datagram, outer, &content);
    if (status != Ikev2SkStatus::OK)
    {
        NS_LOG_DEBUG(outer.ToString() << ": " << Ikev2SkStatusName(status));
        *msg = std::move(outer);
        return status;
    }
    if (isFragment)
    {
        return Reassemble(std::move(outer), std::move(content), msg);
    }
    if (outer.ParseDecrypted(content, &error) != Ikev2ParseStatus::OK)
    {
        m_lastParseError = error;
        *msg = std::move(outer);
        return Ikev2SkStatus::INNER_PARSE_ERROR;
    }
    *msg = std::move(outer);
    return Ikev2SkStatus::OK;
}

Ikev2SkStatus
Ikev2SkCodec::Reassemble(Ikev2Message&& fragment, Bytes&& content, Ikev2Message* msg)
{
    const auto& skf =
        static_cast<const Ikev2EncryptedFragmentPayload&>(*fragment.GetEncryptedPayload());
    const Ikev2Header& h = fragment.GetHeader();
    const uint16_t number = skf.GetFragmentNumber();
    const uint16_t total = skf.GetTotalFragments();
    Reassembly& q = QueueFor(h);
    // RFC 7383 2.6: a verified fragment of a newer message, or with more Total Fragments (the
    // sender re-fragmented for a smaller path MTU), starts reassembly over.
    if (!q.active || h.messageId > q.messageId || total > q.total)
    {
        q = Reassembly();
        q.active = true;
        q.messageId = h.messageId;
        q.exchangeType = h.exchangeType;
        q.total = total;
        q.content.resize(total);
        q.have.assign(total, false);
    }
    if (q.octets + content.size() > m_maxOctets)
    {
        NS_LOG_DEBUG("message " << h.messageId << " exceeds " << m_maxOctets
                                << " octets: reassembly abandoned");
        q = Reassembly();
        *msg = std::move(fragment);
        return Ikev2SkStatus::FRAGMENT_DISCARDED;
    }
    q.octets += content.size();
    q.content[number - 1] = std::move(content);
    q.have[number - 1] = true;
    ++q.received;
    if (number == 1)
    {
        q.first = std::make_unique<Ikev2Message>(fragment);
    }
    if (q.received < q.total)
    {
        *msg = std::move(fragment);
        return Ikev2SkStatus::FRAGMENT_PENDING;
    }

    Bytes chain;
    chain.reserve(q.octets);
    for (const Bytes& piece : q.content)
    {
        chain.insert(chain.end(), piece.begin(), piece.end());
    }
    const Ikev2Message& first = *q.first;
    Ikev2Message whole;
    whole.GetHeader() = first.GetHeader();
    for (const auto& p : first.GetPayloads())
    {
        whole.AddPayload(p->Clone());
    }
    const uint8_t firstInner =
        static_cast<const Ikev2EncryptedFragmentPayload&>(*first.GetEncryptedPayload())
            .GetFirstInnerType();
    whole.SetEncryptedPayload(std::make_unique<Ikev2EncryptedPayload>(firstInner, Bytes()));
    whole.GetHeader().nextPayload =
        whole.GetPayloads().empty() ? SK_TYPE : whole.GetPayloads().front()->GetType();
    [[maybe_unused]] const uint16_t fragments = q.total;
    q = Reassembly();
    Ikev2ParseError error;
    const Ikev2ParseStatus parsed = whole.ParseDecrypted(chain, &error);
    *msg = std::move(whole);
    if (parsed != Ikev2ParseStatus::OK)
    {
        m_lastParseError = error;
        return Ikev2SkStatus::INNER_PARSE_ERROR;
    }
    NS_LOG_LOGIC("reassembled " << msg->ToString() << " from " << fragments << " fragments");
    return Ikev2SkStatus::OK;
}

} // namespace ns3
