/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "signature-algorithm.h"

#include "ns3/log.h"

#include <algorithm>
#include <cstring>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SignatureAlgorithm");

namespace
{

// Content octets of the object identifiers (X.690 8.19), from RFC 8017 Appendix C,
// RFC 5758 3.2, RFC 8410 3 and NIST CSOR.
const Bytes OID_SHA1_RSA = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x05};
const Bytes OID_SHA256_RSA = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b};
const Bytes OID_SHA384_RSA = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0c};
const Bytes OID_SHA512_RSA = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0d};
const Bytes OID_RSASSA_PSS = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0a};
const Bytes OID_MGF1 = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x08};
const Bytes OID_SHA1 = {0x2b, 0x0e, 0x03, 0x02, 0x1a};
const Bytes OID_SHA256 = {0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01};
const Bytes OID_SHA384 = {0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02};
const Bytes OID_SHA512 = {0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03};
const Bytes OID_ECDSA_SHA256 = {0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02};
const Bytes OID_ECDSA_SHA384 = {0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x03};
const Bytes OID_ECDSA_SHA512 = {0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x04};
const Bytes OID_ED25519 = {0x2b, 0x65, 0x70};

constexpr uint8_t TAG_INTEGER = 0x02;
constexpr uint8_t TAG_NULL = 0x05;
constexpr uint8_t TAG_OID = 0x06;
constexpr uint8_t TAG_SEQUENCE = 0x30;
constexpr uint8_t TAG_CONTEXT_0 = 0xa0; // [n] EXPLICIT, constructed

/// DER TLV with a definite, minimal length (X.690 8.1.3, 10.1).
Bytes
Tlv(uint8_t tag, const Bytes& content)
{
    Bytes out{tag};
    const size_t n = content.size();
    if (n < 0x80)
    {
        out.push_back(static_cast<uint8_t>(n));
    }
    else if (n < 0x100)
    {
        out.insert(out.end(), {0x81, static_cast<uint8_t>(n)});
    }
    else
    {
        out.insert(out.end(), {0x82, static_cast<uint8_t>(n >> 8), static_cast<uint8_t>(n)});
    }
    out.insert(out.end(), content.begin(), content.end());
    return out;
}

Bytes
Concat(std::initializer_list<Bytes> parts)
{
    Bytes out;
    for (const Bytes& p : parts)
    {
        out.insert(out.end(), p.begin(), p.end());
    }
    return out;
}

/// AlgorithmIdentifier of a hash with NULL parameters (RFC 4055 2.1).
Bytes
HashAlgorithm(const Bytes& oid)
{
    return Tlv(TAG_SEQUENCE, Concat({Tlv(TAG_OID, oid), Tlv(TAG_NULL, {})}));
}

/// A cursor over DER octets.
class DerReader
{
  public:
    explicit DerReader(ByteView in)
        : m_p(in.data),
          m_n(in.size)
    {
    }

    bool AtEnd() const
    {
        return m_n == 0;
    }

    bool PeekTag(uint8_t tag) const
    {
        return m_n > 0 && m_p[0] == tag;
    }

    /// Read one TLV of tag @p tag; false if absent or malformed.
    bool Read(uint8_t tag, ByteView& content)
    {
        if (m_n < 2 || m_p[0] != tag)
        {
            return false;
        }
        size_t len = m_p[1];
        size_t header = 2;
        if (len >= 0x80)
        {
            const size_t count = len & 0x7f;
            if (count == 0 || count > 2 || m_n < 2 + count)
            {
                return false;
            }
            len = 0;
            for (size_t i = 0; i < count; ++i)
            {
                len = (len << 8) | m_p[2 + i];
            }
            // DER: the long form only for lengths of 128 and more, without leading zeros.
            if (len < 0x80 || (count == 2 && len < 0x100))
            {
                return false;
            }
            header += count;
        }
        if (m_n - header < len)
        {
            return false;
        }
        content = ByteView(m_p + header, len);
        m_p += header + len;
        m_n -= header + len;
        return true;
    }

  private:
    const uint8_t* m_p;
    size_t m_n;
};

bool
Equal(ByteView a, const Bytes& b)
{
    return a.size == b.size() && std::memcmp(a.data, b.data(), a.size) == 0;
}

/// The octets of @p whole that follow its part @p part.
ByteView
After(ByteView whole, ByteView part)
{
    const uint8_t* start = part.data + part.size;
    return ByteView(start, static_cast<size_t>(whole.data + whole.size - start));
}

/// Reads a hash AlgorithmIdentifier (parameters NULL or absent); false if malformed.
bool
ReadHashAlgorithm(ByteView der, ByteView& oid)
{
    DerReader outer(der);
    ByteView seq;
    if (!outer.Read(TAG_SEQUENCE, seq) || !outer.AtEnd())
    {
        return false;
    }
    DerReader r(seq);
    ByteView null;
    if (!r.Read(TAG_OID, oid))
    {
        return false;
    }
    if (r.PeekTag(TAG_NULL) && (!r.Read(TAG_NULL, null) || null.size != 0))
    {
        return false;
    }
    return r.AtEnd();
}

/// Reads a small non-negative DER INTEGER.
bool
ReadSmallInteger(ByteView der, uint32_t& value)
{
    DerReader outer(der);
    ByteView content;
    if (!outer.Read(TAG_INTEGER, content) || !outer.AtEnd() || content.size == 0 ||
        content.size > 3 || (content.data[0] & 0x80) != 0)
    {
        return false;
    }
    value = 0;
    for (size_t i = 0; i < content.size; ++i)
    {
        value = (value << 8) | content.data[i];
    }
    return true;
}

/// RFC 4055 3.1 RSASSA-PSS-params; returns MALFORMED, UNKNOWN_ALGORITHM or OK.
SignatureStatus
ParsePssParameters(ByteView params, SignatureScheme& scheme)
{
    DerReader r(params);
    ByteView hashOid(OID_SHA1);
    ByteView mgfHashOid(OID_SHA1);
    uint32_t salt = 20;
    uint32_t trailer = 1;
    ByteView field;
    if (r.PeekTag(TAG_CONTEXT_0))
    {
        if (!r.Read(TAG_CONTEXT_0, field) || !ReadHashAlgorithm(field, hashOid))
        {
            return SignatureStatus::MALFORMED;
        }
    }
    if (r.PeekTag(TAG_CONTEXT_0 + 1))
    {
        ByteView mgf;
        ByteView mgfOid;
        if (!r.Read(TAG_CONTEXT_0 + 1, field))
        {
            return SignatureStatus::MALFORMED;
        }
        DerReader f(field);
        if (!f.Read(TAG_SEQUENCE, mgf) || !f.AtEnd())
        {
            return SignatureStatus::MALFORMED;
        }
        DerReader m(mgf);
        if (!m.Read(TAG_OID, mgfOid))
        {
            return SignatureStatus::MALFORMED;
        }
        const ByteView mgfParams = After(mgf, mgfOid);
        if (!Equal(mgfOid, OID_MGF1))
        {
            return SignatureStatus::UNKNOWN_ALGORITHM;
        }
        if (!ReadHashAlgorithm(mgfParams, mgfHashOid))
        {
            return SignatureStatus::MALFORMED;
        }
    }
    if (r.PeekTag(TAG_CONTEXT_0 + 2))
    {
        if (!r.Read(TAG_CONTEXT_0 + 2, field) || !ReadSmallInteger(field, salt))
        {
            return SignatureStatus::MALFORMED;
        }
    }
    if (r.PeekTag(TAG_CONTEXT_0 + 3))
    {
        if (!r.Read(TAG_CONTEXT_0 + 3, field) || !ReadSmallInteger(field, trailer))
        {
            return SignatureStatus::MALFORMED;
        }
    }
    if (!r.AtEnd())
    {
        return SignatureStatus::MALFORMED;
    }
    if (trailer != 1 || hashOid.size != mgfHashOid.size ||
        std::memcmp(hashOid.data, mgfHashOid.data, hashOid.size) != 0)
    {
        return SignatureStatus::UNKNOWN_ALGORITHM;
    }
    if (Equal(hashOid, OID_SHA256) && salt == 32)
    {
        scheme = SignatureScheme::RSA_PSS_SHA256;
    }
    else if (Equal(hashOid, OID_SHA384) && salt == 48)
    {
        scheme = SignatureScheme::RSA_PSS_SHA384;
    }
    else if (Equal(hashOid, OID_SHA512) && salt == 64)
    {
        scheme = SignatureScheme::RSA_PSS_SHA512;
    }
    else
    {
        return SignatureStatus::UNKNOWN_ALGORITHM;
    }
    return SignatureStatus::OK;
}

} // namespace

const char*
SignatureStatusName(SignatureStatus status)
{
    switch (status)
    {
    case SignatureStatus::OK:
        return "OK";
    case SignatureStatus::UNSUPPORTED_METHOD:
        return "UNSUPPORTED_METHOD";
    case SignatureStatus::KEY_MISMATCH:
        return "KEY_MISMATCH";
    case SignatureStatus::UNKNOWN_ALGORITHM:
        return "UNKNOWN_ALGORITHM";
    case SignatureStatus::MALFORMED:
        return "MALFORMED";
    case SignatureStatus::BAD_SIGNATURE:
        return "BAD_SIGNATURE";
    case SignatureStatus::BACKEND_ERROR:
        return "BACKEND_ERROR";
    }
    return "UNKNOWN";
}

Bytes
SignatureAlgorithm::EncodeAlgorithmIdentifier(SignatureScheme scheme)
{
    const Bytes null = Tlv(TAG_NULL, {});
    auto withNull = [&null](const Bytes& oid) {
        return Tlv(TAG_SEQUENCE, Concat({Tlv(TAG_OID, oid), null}));
    };
    auto withoutParams = [](const Bytes& oid) { return Tlv(TAG_SEQUENCE, Tlv(TAG_OID, oid)); };
    // RFC 7427 A.4.3 spells out every field, the default trailerField included.
    auto pss = [](const Bytes& hashOid, uint8_t salt) {
        const Bytes hash = HashAlgorithm(hashOid);
        const Bytes params = Concat({
            Tlv(TAG_CONTEXT_0, hash),
            Tlv(TAG_CONTEXT_0 + 1, Tlv(TAG_SEQUENCE, Concat({Tlv(TAG_OID, OID_MGF1), hash}))),
            Tlv(TAG_CONTEXT_0 + 2, Tlv(TAG_INTEGER, {salt})),
            Tlv(TAG_CONTEXT_0 + 3, Tlv(TAG_INTEGER, {1})),
        });
        return Tlv(TAG_SEQUENCE, Concat({Tlv(TAG_OID, OID_RSASSA_PSS), Tlv(TAG_SEQUENCE, params)}));
    };
    switch (scheme)
    {
    case SignatureScheme::RSA_PKCS1_SHA1:
        return withNull(OID_SHA1_RSA);
    case SignatureScheme::RSA_PKCS1_SHA256:
        return withNull(OID_SHA256_RSA);
    case SignatureScheme::RSA_PKCS1_SHA384:
        return withNull(OID_SHA384_RSA);
    case SignatureScheme::RSA_PKCS1_SHA512:
        return withNull(OID_SHA512_RSA);
    case SignatureScheme::RSA_PSS_SHA256:
        return pss(OID_SHA256, 32);
    case SignatureScheme::RSA_PSS_SHA384:
        return pss(OID_SHA384, 48);
    case SignatureScheme::RSA_PSS_SHA512:
        return pss(OID_SHA512, 64);
    case SignatureScheme::ECDSA_SHA256:
        return withoutParams(OID_ECDSA_SHA256);
    case SignatureScheme::ECDSA_SHA384:
        return withoutParams(OID_ECDSA_SHA384);
    case SignatureScheme::ECDSA_SHA512:
        return withoutParams(OID_ECDSA_SHA512);
    case SignatureScheme::ED25519:
        return withoutParams(OID_ED25519);
    }
    return {};
}

SignatureStatus
SignatureAlgorithm::ParseAlgorithmIdentifier(ByteView der, SignatureScheme& scheme)
{
    NS_LOG_FUNCTION(der.size);
    DerReader outer(der);
    ByteView seq;
    ByteView oid;
    if (!outer.Read(TAG_SEQUENCE, seq) || !outer.AtEnd())
    {
        return SignatureStatus::MALFORMED;
    }
    DerReader r(seq);
    if (!r.Read(TAG_OID, oid))
    {
        return SignatureStatus::MALFORMED;
    }
    const ByteView params = After(seq, oid);
    const bool noParams = params.size == 0;
    const bool nullParams = params.size == 2 && params.data[0] == TAG_NULL && params.data[1] == 0;

    struct Entry
    {
        const Bytes* oid;
        SignatureScheme scheme;
        bool rsa; // PKCS#1 v1.5: NULL parameters (RFC 4055 5), tolerated absent
    };

    static const Entry table[] = {
        {&OID_SHA1_RSA, SignatureScheme::RSA_PKCS1_SHA1, true},
        {&OID_SHA256_RSA, SignatureScheme::RSA_PKCS1_SHA256, true},
        {&OID_SHA384_RSA, SignatureScheme::RSA_PKCS1_SHA384, true},
        {&OID_SHA512_RSA, SignatureScheme::RSA_PKCS1_SHA512, true},
        {&OID_ECDSA_SHA256, SignatureScheme::ECDSA_SHA256, false},
        {&OID_ECDSA_SHA384, SignatureScheme::ECDSA_SHA384, false},
        {&OID_ECDSA_SHA512, SignatureScheme::ECDSA_SHA512, false},
        {&OID_ED25519, SignatureScheme::ED25519, false},
    };
    for (const Entry& e : table)
    {
        if (Equal(oid, *e.oid))
        {
            // RFC 5758 3.2 and RFC 8410 3: ECDSA and EdDSA parameters are absent.
            if (!(noParams || (e.rsa && nullParams)))
            {
                return SignatureStatus::MALFORMED;
            }
            scheme = e.scheme;
            return SignatureStatus::OK;
        }
    }
    if (Equal(oid, OID_RSASSA_PSS))
    {
        DerReader p(params);
        ByteView pssParams;
        if (!p.Read(TAG_SEQUENCE, pssParams) || !p.AtEnd())
        {
            // Absent parameters mean SHA-1 / salt 20, which no IKE peer should send.
            return noParams ? SignatureStatus::UNKNOWN_ALGORITHM : SignatureStatus::MALFORMED;
        }
        return ParsePssParameters(pssParams, scheme);
    }
    return SignatureStatus::UNKNOWN_ALGORITHM;
}

SignatureHashId
SignatureAlgorithm::GetHash(SignatureScheme scheme)
{
    switch (scheme)
    {
    case SignatureScheme::RSA_PKCS1_SHA1:
        return SignatureHashId::SHA1;
    case SignatureScheme::RSA_PKCS1_SHA256:
    case SignatureScheme::RSA_PSS_SHA256:
    case SignatureScheme::ECDSA_SHA256:
        return SignatureHashId::SHA2_256;
    case SignatureScheme::RSA_PKCS1_SHA384:
    case SignatureScheme::RSA_PSS_SHA384:
    case SignatureScheme::ECDSA_SHA384:
        return SignatureHashId::SHA2_384;
    case SignatureScheme::RSA_PKCS1_SHA512:
    case SignatureScheme::RSA_PSS_SHA512:
    case SignatureScheme::ECDSA_SHA512:
        return SignatureHashId::SHA2_512;
    case SignatureScheme::ED25519:
        return SignatureHashId::IDENTITY;
    }
    return SignatureHashId::IDENTITY;
}

const char*
SignatureAlgorithm::GetDigestName(SignatureScheme scheme)
{
    switch (GetHash(scheme))
    {
    case SignatureHashId::SHA1:
        return "SHA1";
    case SignatureHashId::SHA2_256:
        return "SHA256";
    case SignatureHashId::SHA2_384:
        return "SHA384";
    case SignatureHashId::SHA2_512:
        return "SHA512";
    case SignatureHashId::IDENTITY:
        return nullptr;
    }
    return nullptr;
}

bool
SignatureAlgorithm::IsCompatible(SignatureScheme scheme, KeyType type)
{
    switch (scheme)
    {
    case SignatureScheme::RSA_PKCS1_SHA1:
    case SignatureScheme::RSA_PKCS1_SHA256:
    case SignatureScheme::RSA_PKCS1_SHA384:
    case SignatureScheme::RSA_PKCS1_SHA512:
    case SignatureScheme::RSA_PSS_SHA256:
    case SignatureScheme::RSA_PSS_SHA384:
    case SignatureScheme::RSA_PSS_SHA512:
        return type == KeyType::RSA;
    case SignatureScheme::ECDSA_SHA256:
    case SignatureScheme::ECDSA_SHA384:
    case SignatureScheme::ECDSA_SHA512:
        // RFC 7427 decouples hash and curve: any ECDSA key with any of the SHA-2 hashes.
        return type == KeyType::ECDSA_P256 || type == KeyType::ECDSA_P384 ||
               type == KeyType::ECDSA_P521;
    case SignatureScheme::ED25519:
        return type == KeyType::ED25519;
    }
    return false;
}

std::vector<SignatureScheme>
SignatureAlgorithm::GetSchemesFor(KeyType type)
{
    switch (type)
    {
    case KeyType::RSA:
        return {SignatureScheme::RSA_PSS_SHA256,
                SignatureScheme::RSA_PSS_SHA384,
                SignatureScheme::RSA_PSS_SHA512,
                SignatureScheme::RSA_PKCS1_SHA256,
                SignatureScheme::RSA_PKCS1_SHA384,
                SignatureScheme::RSA_PKCS1_SHA512};
    case KeyType::ECDSA_P256:
        return {SignatureScheme::ECDSA_SHA256,
                SignatureScheme::ECDSA_SHA384,
                SignatureScheme::ECDSA_SHA512};
    case KeyType::ECDSA_P384:
        return {SignatureScheme::ECDSA_SHA384,
                SignatureScheme::ECDSA_SHA512,
                SignatureScheme::ECDSA_SHA256};
    case KeyType::ECDSA_P521:
        return {SignatureScheme::ECDSA_SHA512,
                SignatureScheme::ECDSA_SHA384,
                SignatureScheme::ECDSA_SHA256};
    case KeyType::ED25519:
        return {SignatureScheme::ED25519};
    }
    return {};
}

std::vector<SignatureHashId>
SignatureAlgorithm::GetHashesFor(KeyType type)
{
    std::vector<SignatureHashId> hashes;
    for (SignatureScheme s : GetSchemesFor(type))
    {
        const SignatureHashId h = GetHash(s);
        if (std::find(hashes.begin(), hashes.end(), h) == hashes.end())
        {
            hashes.push_back(h);
        }
    }
    std::sort(hashes.begin(), hashes.end());
    return hashes;
}

bool
SignatureAlgorithm::SelectScheme(KeyType type,
                                 const std::vector<SignatureHashId>& peerHashes,
                                 SignatureScheme& scheme)
{
    for (SignatureScheme s : GetSchemesFor(type))
    {
        if (std::find(peerHashes.begin(), peerHashes.end(), GetHash(s)) != peerHashes.end())
        {
            scheme = s;
            return true;
        }
    }
    return false;
}

const char*
SignatureAlgorithm::GetName(SignatureScheme scheme)
{
    switch (scheme)
    {
    case SignatureScheme::RSA_PKCS1_SHA1:
        return "RSA_PKCS1_SHA1";
    case SignatureScheme::RSA_PKCS1_SHA256:
        return "RSA_PKCS1_SHA256";
    case SignatureScheme::RSA_PKCS1_SHA384:
        return "RSA_PKCS1_SHA384";
    case SignatureScheme::RSA_PKCS1_SHA512:
        return "RSA_PKCS1_SHA512";
    case SignatureScheme::RSA_PSS_SHA256:
        return "RSA_PSS_SHA256";
    case SignatureScheme::RSA_PSS_SHA384:
        return "RSA_PSS_SHA384";
    case SignatureScheme::RSA_PSS_SHA512:
        return "RSA_PSS_SHA512";
    case SignatureScheme::ECDSA_SHA256:
        return "ECDSA_SHA256";
    case SignatureScheme::ECDSA_SHA384:
        return "ECDSA_SHA384";
    case SignatureScheme::ECDSA_SHA512:
        return "ECDSA_SHA512";
    case SignatureScheme::ED25519:
        return "ED25519";
    }
    return "UNKNOWN";
}

std::vector<SignatureScheme>
SignatureAlgorithm::GetAll()
{
    std::vector<SignatureScheme> all;
    for (uint8_t i = 0; i <= static_cast<uint8_t>(SignatureScheme::ED25519); ++i)
    {
        all.push_back(static_cast<SignatureScheme>(i));
    }
    return all;
}

} // namespace ns3
