/* SPDX-License-Identifier: GPL-2.0-only */

#include "ikev2-proposal-config.h"

#include "ns3/cipher.h"
#include "ns3/ikev2-transform.h"
#include "ns3/log.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Ikev2ProposalConfig");

namespace
{

/// The transform type a keyword names.
enum class Kind
{
    ENCR,
    INTEG,
    PRF,
    DH,
    ESN,
};

/// One word of strongSwan's proposal syntax (libstrongswan proposal_keywords_static.txt).
struct Keyword
{
    std::string name; //!< the word
    Kind kind;        //!< what it names
    uint16_t id;      //!< transform ID (ESN: 0 or 1)
    uint16_t keyBits; //!< key length for ciphers
    bool canonical;   //!< the spelling ToString() uses
};

/// Every keyword of the algorithms this module implements, canonical spellings first.
const std::vector<Keyword>&
Keywords()
{
    static const std::vector<Keyword> table = [] {
        std::vector<Keyword> t;
        auto encr = [&t](const std::string& name, EncrId id, uint16_t bits, bool canonical) {
            t.push_back({name, Kind::ENCR, static_cast<uint16_t>(id), bits, canonical});
        };
        encr("null", EncrId::NULL_ENCR, 0, true);
        encr("3des", EncrId::TRIPLE_DES, 0, true);
        encr("aes", EncrId::AES_CBC, 128, false);
        for (uint16_t bits : {128, 192, 256})
        {
            const std::string aes = "aes" + std::to_string(bits);
            encr(aes, EncrId::AES_CBC, bits, true);
            encr(aes + "ctr", EncrId::AES_CTR, bits, true);
            // ICV length in octets is canonical; strongSwan also takes bits and a bare "ccm"
            // or "gcm" for the 16-octet ICV.
            const struct
            {
                const char* mode;
                EncrId icv8;
                EncrId icv12;
                EncrId icv16;
            } modes[] = {{"ccm", EncrId::AES_CCM_8, EncrId::AES_CCM_12, EncrId::AES_CCM_16},
                         {"gcm", EncrId::AES_GCM_8, EncrId::AES_GCM_12, EncrId::AES_GCM_16}};
            for (const auto& m : modes)
            {
                const std::string base = aes + m.mode;
                encr(base + "8", m.icv8, bits, true);
                encr(base + "64", m.icv8, bits, false);
                encr(base + "12", m.icv12, bits, true);
                encr(base + "96", m.icv12, bits, false);
                encr(base + "16", m.icv16, bits, true);
                encr(base + "128", m.icv16, bits, false);
                encr(base, m.icv16, bits, false);
            }
            encr(aes + "gmac", EncrId::NULL_AUTH_AES_GMAC, bits, true);
        }
        encr("chacha20poly1305", EncrId::CHACHA20_POLY1305, 0, true);

        auto integ = [&t](const std::string& name, IntegId id, bool canonical) {
            t.push_back({name, Kind::INTEG, static_cast<uint16_t>(id), 0, canonical});
        };
        integ("md5", IntegId::HMAC_MD5_96, true);
        integ("sha1", IntegId::HMAC_SHA1_96, true);
        integ("sha", IntegId::HMAC_SHA1_96, false);
        integ("sha256", IntegId::HMAC_SHA2_256_128, true);
        integ("sha2_256", IntegId::HMAC_SHA2_256_128, false);
        integ("sha384", IntegId::HMAC_SHA2_384_192, true);
        integ("sha2_384", IntegId::HMAC_SHA2_384_192, false);
        integ("sha512", IntegId::HMAC_SHA2_512_256, true);
        integ("sha2_512", IntegId::HMAC_SHA2_512_256, false);
        integ("aesxcbc", IntegId::AES_XCBC_96, true);
        integ("aescmac", IntegId::AES_CMAC_96, true);

        auto prf = [&t](const std::string& name, PrfId id) {
            t.push_back({name, Kind::PRF, static_cast<uint16_t>(id), 0, true});
        };
        prf("prfmd5", PrfId::HMAC_MD5);
        prf("prfsha1", PrfId::HMAC_SHA1);
        prf("prfsha256", PrfId::HMAC_SHA2_256);
        prf("prfsha384", PrfId::HMAC_SHA2_384);
        prf("prfsha512", PrfId::HMAC_SHA2_512);
        prf("prfaesxcbc", PrfId::AES128_XCBC);
        prf("prfaescmac", PrfId::AES128_CMAC);

        auto dh = [&t](const std::string& name, DhGroupId id, bool canonical) {
            t.push_back({name, Kind::DH, static_cast<uint16_t>(id), 0, canonical});
        };
        dh("none", DhGroupId::NONE, true);
        dh("modpnone", DhGroupId::NONE, false);
        dh("modp768", DhGroupId::MODP_768, true);
        dh("modp1024", DhGroupId::MODP_1024, true);
        dh("modp1536", DhGroupId::MODP_1536, true);
        dh("modp2048", DhGroupId::MODP_2048, true);
        dh("modp3072", DhGroupId::MODP_3072, true);
        dh("modp4096", DhGroupId::MODP_4096, true);
        dh("modp6144", DhGroupId::MODP_6144, true);
        dh("modp8192", DhGroupId::MODP_8192, true);
        dh("ecp256", DhGroupId::ECP_256, true);
        dh("ecp384", DhGroupId::ECP_384, true);
        dh("ecp521", DhGroupId::ECP_521, true);
        dh("curve25519", DhGroupId::CURVE25519, true);
        dh("x25519", DhGroupId::CURVE25519, false);
        dh("curve448", DhGroupId::CURVE448, true);
        dh("x448", DhGroupId::CURVE448, false);

        t.push_back({"esn", Kind::ESN, 1, 0, true});
        t.push_back({"noesn", Kind::ESN, 0, 0, true});
        return t;
    }();
    return table;
}

/// \return every keyword, comma-separated, for error messages
std::string
KnownWords()
{
    std::string out;
    for (const auto& k : Keywords())
    {
        out += (out.empty() ? "" : ", ") + k.name;
    }
    return out;
}

/// \return the canonical keyword of a transform, or a numeric stand-in for one without a word
std::string
NameOf(Kind kind, uint16_t id, uint16_t keyBits)
{
    for (const auto& k : Keywords())
    {
        if (k.canonical && k.kind == kind && k.id == id &&
            (kind != Kind::ENCR || k.keyBits == keyBits))
        {
            return k.name;
        }
    }
    static const char* const prefixes[] = {"encr", "integ", "prf", "dh", "esn"};
    std::string s = std::string(prefixes[static_cast<int>(kind)]) + std::to_string(id);
    return kind == Kind::ENCR ? s + "_" + std::to_string(keyBits) : s;
}

/// The words of a proposal, sorted by type, in the order written.
struct Words
{
    std::vector<const Keyword*> encr;  //!< ciphers
    std::vector<const Keyword*> integ; //!< integrity algorithms
    std::vector<const Keyword*> prf;   //!< PRFs
    std::vector<const Keyword*> dh;    //!< groups
    std::vector<const Keyword*> esn;   //!< esn/noesn
};

/// Sets *error (when asked for) and returns false.
bool
Fail(std::string* error, const std::string& why)
{
    if (error != nullptr)
    {
        *error = why;
    }
    return false;
}

/**
 * Splits @p text at '-' and looks every word up; refuses empty, unknown and repeated words.
 * \param text the proposal \param what "IKE", "ESP" or "AH", for messages
 * \param[out] words the words \param[out] error why not \return true on success
 */
bool
Tokenize(const std::string& text, const char* what, Words* words, std::string* error)
{
    const std::string where = std::string(" in ") + what + " proposal '" + text + "'";
    std::vector<const Keyword*> seen;
    size_t start = 0;
    while (true)
    {
        const size_t dash = text.find('-', start);
        const std::string word =
            text.substr(start, dash == std::string::npos ? std::string::npos : dash - start);
        if (word.empty())
        {
            return Fail(error, "empty algorithm name" + where);
        }
        const Keyword* found = nullptr;
        for (const auto& k : Keywords())
        {
            if (k.name == word)
            {
                found = &k;
                break;
            }
        }
        if (found == nullptr)
        {
            return Fail(error,
                        "unknown algorithm '" + word + "'" + where + "; known: " + KnownWords());
        }
        for (const Keyword* s : seen)
        {
            if (s->kind == found->kind && s->id == found->id && s->keyBits == found->keyBits)
            {
                return Fail(
                    error,
                    "algorithm '" + word + "'" +
                        (s->name == word ? " appears twice" : " is the same as '" + s->name + "'") +
                        where);
            }
        }
        seen.push_back(found);
        switch (found->kind)
        {
        case Kind::ENCR:
            words->encr.push_back(found);
            break;
        case Kind::INTEG:
            words->integ.push_back(found);
            break;
        case Kind::PRF:
            words->prf.push_back(found);
            break;
        case Kind::DH:
            words->dh.push_back(found);
            break;
        case Kind::ESN:
            words->esn.push_back(found);
            break;
        }
        if (dash == std::string::npos)
        {
            return true;
        }
        start = dash + 1;
    }
}

/**
 * Checks that the ciphers are all AEAD or all not, and that integrity is there exactly when
 * they are not (RFC 5282 8, RFC 7296 3.3.3).
 * \return true when consistent; *aead says which kind
 */
bool
CheckAeadMix(const Words& w, const std::string& where, bool* aead, std::string* error)
{
    *aead = !w.encr.empty() && Cipher::IsAeadId(static_cast<EncrId>(w.encr.front()->id));
    for (const Keyword* k : w.encr)
    {
        if (Cipher::IsAeadId(static_cast<EncrId>(k->id)) != *aead)
        {
            return Fail(error,
                        "'" + k->name + "' and '" + w.encr.front()->name +
                            "' mix AEAD and non-AEAD encryption" + where +
                            " (RFC 5282: use two proposals)");
        }
    }
    if (*aead && !w.integ.empty())
    {
        return Fail(error,
                    "integrity algorithm '" + w.integ.front()->name +
                        "' cannot be combined with AEAD cipher '" + w.encr.front()->name + "'" +
                        where);
    }
    if (!*aead && !w.encr.empty() && w.integ.empty())
    {
        return Fail(error,
                    "non-AEAD cipher '" + w.encr.front()->name + "' needs an integrity algorithm" +
                        where);
    }
    return true;
}

/// The PRF strongSwan derives from an integrity algorithm when a proposal names none.
PrfId
PrfFromInteg(IntegId integ)
{
    switch (integ)
    {
    case IntegId::HMAC_MD5_96:
        return PrfId::HMAC_MD5;
    case IntegId::HMAC_SHA1_96:
        return PrfId::HMAC_SHA1;
    case IntegId::AES_XCBC_96:
        return PrfId::AES128_XCBC;
    case IntegId::AES_CMAC_96:
        return PrfId::AES128_CMAC;
    case IntegId::HMAC_SHA2_256_128:
        return PrfId::HMAC_SHA2_256;
    case IntegId::HMAC_SHA2_384_192:
        return PrfId::HMAC_SHA2_384;
    case IntegId::HMAC_SHA2_512_256:
        return PrfId::HMAC_SHA2_512;
    case IntegId::NONE:
        break;
    }
    return PrfId::HMAC_SHA2_256; // not reached: proposals with integrity NONE are AEAD
}

/// \return a transform of @p type and @p id without attributes
Ikev2Transform
MakeTransform(Ikev2TransformType type, uint16_t id)
{
    Ikev2Transform t;
    t.type = static_cast<uint8_t>(type);
    t.id = id;
    return t;
}

/// \return the ENCR transform of a choice, with the Key Length attribute where it belongs
Ikev2Transform
EncrTransform(const Ikev2EncrChoice& c)
{
    Ikev2Transform t = MakeTransform(Ikev2TransformType::ENCR, static_cast<uint16_t>(c.id));
    if (Ikev2EncrChoice::UsesKeyLength(c.id))
    {
        t.SetKeyLength(c.keyBits);
    }
    return t;
}

/// Joins names with '-'.
void
Append(std::string* out, const std::string& word)
{
    *out += (out->empty() ? "" : "-") + word;
}

} // namespace

bool
Ikev2EncrChoice::UsesKeyLength(EncrId id)
{
    switch (id)
    {
    case EncrId::AES_CBC:
    case EncrId::AES_CTR:
    case EncrId::AES_CCM_8:
    case EncrId::AES_CCM_12:
    case EncrId::AES_CCM_16:
    case EncrId::AES_GCM_8:
    case EncrId::AES_GCM_12:
    case EncrId::AES_GCM_16:
    case EncrId::NULL_AUTH_AES_GMAC:
        return true;
    default:
        return false;
    }
}

bool
IkeProposalConfig::Parse(const std::string& text, IkeProposalConfig* out, std::string* error)
{
    const std::string where = " in IKE proposal '" + text + "'";
    Words w;
    if (!Tokenize(text, "IKE", &w, error))
    {
        return false;
    }
    if (!w.esn.empty())
    {
        return Fail(error, "'" + w.esn.front()->name + "' is only valid in ESP and AH" + where);
    }
    for (const Keyword* k : w.encr)
    {
        // RFC 7296 3.3.2: ENCR_NULL is not allowed for IKE; GMAC (RFC 4543) is ESP-only.
        const auto id = static_cast<EncrId>(k->id);
        if (id == EncrId::NULL_ENCR || id == EncrId::NULL_AUTH_AES_GMAC)
        {
            return Fail(error, "'" + k->name + "' is only valid in ESP" + where);
        }
    }
    for (const Keyword* k : w.dh)
    {
        if (k->id == static_cast<uint16_t>(DhGroupId::NONE))
        {
            return Fail(error, "'" + k->name + "' is only valid in ESP and AH" + where);
        }
    }
    if (w.encr.empty())
    {
        return Fail(error, "no encryption algorithm" + where);
    }
    bool aead = false;
    if (!CheckAeadMix(w, where, &aead, error))
    {
        return false;
    }
    if (aead && w.prf.empty())
    {
        return Fail(error,
                    "AEAD cipher '" + w.encr.front()->name +
                        "' needs an explicit prf (e.g. prfsha256)" + where);
    }
    if (w.dh.empty())
    {
        return Fail(error, "no key-exchange group" + where);
    }

    IkeProposalConfig c;
    for (const Keyword* k : w.encr)
    {
        c.encr.push_back({static_cast<EncrId>(k->id), k->keyBits});
    }
    for (const Keyword* k : w.integ)
    {
        c.integ.push_back(static_cast<IntegId>(k->id));
    }
    for (const Keyword* k : w.prf)
    {
        c.prf.push_back(static_cast<PrfId>(k->id));
    }
    if (c.prf.empty())
    {
        for (IntegId integ : c.integ)
        {
            const PrfId prf = PrfFromInteg(integ);
            if (std::find(c.prf.begin(), c.prf.end(), prf) == c.prf.end())
            {
                c.prf.push_back(prf);
            }
        }
    }
    for (const Keyword* k : w.dh)
    {
        c.dh.push_back(static_cast<DhGroupId>(k->id));
    }
    *out = c;
    return true;
}

std::string
IkeProposalConfig::ToString() const
{
    std::string s;
    for (const auto& e : encr)
    {
        Append(&s, NameOf(Kind::ENCR, static_cast<uint16_t>(e.id), e.keyBits));
    }
    for (IntegId i : integ)
    {
        Append(&s, NameOf(Kind::INTEG, static_cast<uint16_t>(i), 0));
    }
    for (PrfId p : prf)
    {
        Append(&s, NameOf(Kind::PRF, static_cast<uint16_t>(p), 0));
    }
    for (DhGroupId g : dh)
    {
        Append(&s, NameOf(Kind::DH, static_cast<uint16_t>(g), 0));
    }
    return s;
}

Ikev2Proposal
IkeProposalConfig::ToWire(uint8_t number, Bytes spi) const
{
    Ikev2Proposal p;
    p.number = number;
    p.protocol = Ikev2ProtocolId::IKE;
    p.spi = std::move(spi);
    for (const auto& e : encr)
    {
        p.transforms.push_back(EncrTransform(e));
    }
    for (PrfId id : prf)
    {
        p.transforms.push_back(MakeTransform(Ikev2TransformType::PRF, static_cast<uint16_t>(id)));
    }
    for (IntegId id : integ)
    {
        p.transforms.push_back(MakeTransform(Ikev2TransformType::INTEG, static_cast<uint16_t>(id)));
    }
    for (DhGroupId id : dh)
    {
        p.transforms.push_back(MakeTransform(Ikev2TransformType::DH, static_cast<uint16_t>(id)));
    }
    return p;
}

bool
ChildProposalConfig::Parse(const std::string& text,
                           ChildProposalConfig* out,
                           std::string* error,
                           IpsecProtocol protocol)
{
    const char* what = protocol == IpsecProtocol::AH ? "AH" : "ESP";
    const std::string where = std::string(" in ") + what + " proposal '" + text + "'";
    Words w;
    if (!Tokenize(text, what, &w, error))
    {
        return false;
    }
    if (!w.prf.empty())
    {
        return Fail(error, "'" + w.prf.front()->name + "' is only valid in IKE" + where);
    }
    if (protocol == IpsecProtocol::AH)
    {
        if (!w.encr.empty())
        {
            return Fail(error, "AH has no encryption, '" + w.encr.front()->name + "'" + where);
        }
        if (w.integ.empty())
        {
            return Fail(error, "no integrity algorithm" + where);
        }
    }
    else
    {
        if (w.encr.empty())
        {
            return Fail(error, "no encryption algorithm" + where);
        }
        bool aead = false;
        if (!CheckAeadMix(w, where, &aead, error))
        {
            return false;
        }
    }

    ChildProposalConfig c;
    c.protocol = protocol;
    for (const Keyword* k : w.encr)
    {
        c.encr.push_back({static_cast<EncrId>(k->id), k->keyBits});
    }
    for (const Keyword* k : w.integ)
    {
        c.integ.push_back(static_cast<IntegId>(k->id));
    }
    for (const Keyword* k : w.dh)
    {
        c.dh.push_back(static_cast<DhGroupId>(k->id));
    }
    if (!w.esn.empty())
    {
        c.esn.clear();
        for (const Keyword* k : w.esn)
        {
            c.esn.push_back(k->id == 1);
        }
    }
    *out = c;
    return true;
}

std::string
ChildProposalConfig::ToString() const
{
    std::string s;
    for (const auto& e : encr)
    {
        Append(&s, NameOf(Kind::ENCR, static_cast<uint16_t>(e.id), e.keyBits));
    }
    for (IntegId i : integ)
    {
        Append(&s, NameOf(Kind::INTEG, static_cast<uint16_t>(i), 0));
    }
    for (DhGroupId g : dh)
    {
        Append(&s, NameOf(Kind::DH, static_cast<uint16_t>(g), 0));
    }
    for (bool e : esn)
    {
        Append(&s, e ? "esn" : "noesn");
    }
    return s;
}

Ikev2Proposal
ChildProposalConfig::ToWire(uint8_t number, Bytes spi) const
{
    Ikev2Proposal p;
    p.number = number;
    p.protocol = protocol == IpsecProtocol::AH ? Ikev2ProtocolId::AH : Ikev2ProtocolId::ESP;
    p.spi = std::move(spi);
    if (protocol == IpsecProtocol::ESP)
    {
        for (const auto& e : encr)
        {
            p.transforms.push_back(EncrTransform(e));
        }
    }
    for (IntegId id : integ)
    {
        p.transforms.push_back(MakeTransform(Ikev2TransformType::INTEG, static_cast<uint16_t>(id)));
    }
    for (DhGroupId id : dh)
    {
        p.transforms.push_back(MakeTransform(Ikev2TransformType::DH, static_cast<uint16_t>(id)));
    }
    // RFC 7296 3.3.3: the ESN transform is mandatory in ESP and AH proposals.
    for (bool e : esn)
    {
        p.transforms.push_back(MakeTransform(Ikev2TransformType::ESN, e ? 1 : 0));
    }
    return p;
}

} // namespace ns3
