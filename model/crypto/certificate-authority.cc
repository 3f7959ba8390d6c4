/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "certificate-authority.h"

#include "deterministic-rng.h"
#include "distinguished-name.h"
#include "random-source.h"

#include "ns3/log.h"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("CertificateAuthority");

namespace
{

/// Serial number octets: 16 random octets, positive and non-zero (RFC 5280 4.1.2.2).
constexpr size_t SERIAL_SIZE = 16;

const char*
CertificateDigest(KeyType type)
{
    switch (type)
    {
    case KeyType::RSA:
    case KeyType::ECDSA_P256:
        return "SHA256";
    case KeyType::ECDSA_P384:
        return "SHA384";
    case KeyType::ECDSA_P521:
        return "SHA512";
    case KeyType::ED25519:
        return nullptr; // pure EdDSA
    }
    return nullptr;
}

bool
AddExtension(X509* cert, X509V3_CTX* ctx, int nid, const char* value)
{
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, ctx, nid, value);
    const bool ok = ext != nullptr && X509_add_ext(cert, ext, -1) == 1;
    X509_EXTENSION_free(ext);
    return ok;
}

bool
AddSubjectAltNames(X509* cert, const std::vector<SubjectAltName>& sans)
{
    if (sans.empty())
    {
        return true;
    }
    GENERAL_NAMES* names = GENERAL_NAMES_new();
    bool ok = names != nullptr;
    for (const SubjectAltName& san : sans)
    {
        if (!ok)
        {
            break;
        }
        const int type = san.kind == SubjectAltName::Kind::DNS_NAME      ? GEN_DNS
                         : san.kind == SubjectAltName::Kind::RFC822_NAME ? GEN_EMAIL
                                                                         : GEN_IPADD;
        if (type == GEN_IPADD && san.value.size() != 4 && san.value.size() != 16)
        {
            ok = false;
            break;
        }
        ASN1_STRING* value =
            ASN1_STRING_type_new(type == GEN_IPADD ? V_ASN1_OCTET_STRING : V_ASN1_IA5STRING);
        GENERAL_NAME* name = GENERAL_NAME_new();
        ok = value != nullptr && name != nullptr &&
             ASN1_STRING_set(value, san.value.data(), static_cast<int>(san.value.size())) == 1;
        if (ok)
        {
            GENERAL_NAME_set0_value(name, type, value);
            value = nullptr;
            ok = sk_GENERAL_NAME_push(names, name) > 0;
            if (ok)
            {
                name = nullptr;
            }
        }
        ASN1_STRING_free(value);
        GENERAL_NAME_free(name);
    }
    ok = ok && X509_add1_ext_i2d(cert, NID_subject_alt_name, names, 0, X509V3_ADD_APPEND) == 1;
    GENERAL_NAMES_free(names);
    return ok;
}

} // namespace

CertificateAuthority::CertificateAuthority(Ptr<PrivateKey> key, Ptr<RandomSource> rng)
    : m_key(key),
      m_rng(rng)
{
}

CryptoStatus
CertificateAuthority::CreateRoot(const std::string& subject,
                                 KeyType keyType,
                                 Ptr<RandomSource> rng,
                                 Time notBefore,
                                 Time notAfter,
                                 Ptr<CertificateAuthority>& out)
{
    NS_LOG_FUNCTION(subject << KeyTypeName(keyType));
    Ptr<PrivateKey> key;
    const CryptoStatus k = PrivateKey::Generate(keyType, *rng, key);
    if (k != CryptoStatus::OK)
    {
        return k;
    }
    Ptr<CertificateAuthority> ca(new CertificateAuthority(key, rng), false);
    const CertificateRequest request{subject, {}, notBefore, notAfter, true};
    const CryptoStatus s = ca->Make(request, *key->GetPublicKey(), true, ca->m_certificate);
    if (s == CryptoStatus::OK)
    {
        ca->m_isRoot = true;
        out = ca;
    }
    return s;
}

CryptoStatus
CertificateAuthority::CreateIntermediate(const std::string& subject,
                                         KeyType keyType,
                                         Time notBefore,
                                         Time notAfter,
                                         Ptr<CertificateAuthority>& out)
{
    NS_LOG_FUNCTION(this << subject << KeyTypeName(keyType));
    Ptr<PrivateKey> key;
    const CryptoStatus k = PrivateKey::Generate(keyType, *m_rng, key);
    if (k != CryptoStatus::OK)
    {
        return k;
    }
    Ptr<CertificateAuthority> ca(new CertificateAuthority(key, m_rng), false);
    const CertificateRequest request{subject, {}, notBefore, notAfter, true};
    const CryptoStatus s = Make(request, *key->GetPublicKey(), false, ca->m_certificate);
    if (s == CryptoStatus::OK)
    {
        ca->m_parents = GetChain();
        out = ca;
    }
    return s;
}

CryptoStatus
CertificateAuthority::Issue(const CertificateRequest& request,
                            const PublicKey& subjectKey,
                            Ptr<Certificate>& out)
{
    NS_LOG_FUNCTION(this << request.subject);
    return Make(request, subjectKey, false, out);
}

CryptoStatus
CertificateAuthority::IssueWithNewKey(const CertificateRequest& request,
                                      KeyType keyType,
                                      RandomSource& nodeRng,
                                      Ptr<PrivateKey>& key,
                                      Ptr<Certificate>& out)
{
    const CryptoStatus k = PrivateKey::Generate(keyType, nodeRng, key);
    return k == CryptoStatus::OK ? Issue(request, *key->GetPublicKey(), out) : k;
}

CryptoStatus
CertificateAuthority::Make(const CertificateRequest& request,
                           const PublicKey& subjectKey,
                           bool selfSigned,
                           Ptr<Certificate>& out)
{
    Bytes subjectDer;
    if (DistinguishedName::Encode(request.subject, subjectDer) != CryptoStatus::OK)
    {
        return CryptoStatus::BAD_INPUT_LENGTH;
    }
    DeterministicRng& drng = DeterministicRng::Get();
    X509* cert = X509_new_ex(drng.GetLibCtx(), nullptr);
    const unsigned char* p = subjectDer.data();
    X509_NAME* subject = d2i_X509_NAME(nullptr, &p, static_cast<long>(subjectDer.size()));

    Bytes serial = m_rng->Generate(SERIAL_SIZE);
    serial[0] = (serial[0] & 0x7f) | 0x01; // positive, and never zero
    BIGNUM* serialBn = BN_bin2bn(serial.data(), static_cast<int>(serial.size()), nullptr);

    bool ok = cert != nullptr && subject != nullptr && serialBn != nullptr &&
              X509_set_version(cert, X509_VERSION_3) == 1 &&
              BN_to_ASN1_INTEGER(serialBn, X509_get_serialNumber(cert)) != nullptr &&
              X509_set_subject_name(cert, subject) == 1 &&
              X509_set_issuer_name(
                  cert,
                  selfSigned ? subject : X509_get_subject_name(m_certificate->GetX509())) == 1 &&
              ASN1_TIME_set(X509_getm_notBefore(cert),
                            static_cast<time_t>(Certificate::ToUnixSeconds(request.notBefore))) !=
                  nullptr &&
              ASN1_TIME_set(X509_getm_notAfter(cert),
                            static_cast<time_t>(Certificate::ToUnixSeconds(request.notAfter))) !=
                  nullptr &&
              X509_set_pubkey(cert, subjectKey.GetEvpPkey()) == 1;
    X509_NAME_free(subject);
    BN_free(serialBn);

    if (ok)
    {
        X509V3_CTX v3;
        X509V3_set_ctx(&v3,
                       selfSigned ? cert : m_certificate->GetX509(),
                       cert,
                       nullptr,
                       nullptr,
                       0);
        ok = AddExtension(cert,
                          &v3,
                          NID_basic_constraints,
                          request.isCa ? "critical,CA:TRUE" : "critical,CA:FALSE") &&
             AddExtension(cert,
                          &v3,
                          NID_key_usage,
                          request.isCa ? "critical,keyCertSign,cRLSign"
                                       : "critical,digitalSignature") &&
             AddExtension(cert, &v3, NID_subject_key_identifier, "hash") &&
             AddExtension(cert, &v3, NID_authority_key_identifier, "keyid:always") &&
             AddSubjectAltNames(cert, request.subjectAltNames);
    }

    // RSA blinding and the ECDSA nonce draw randomness: reseed from the CA's stream.
    EVP_MD_CTX* md = EVP_MD_CTX_new();
    ok = ok && drng.Reseed(*m_rng) == CryptoStatus::OK && md != nullptr &&
         EVP_DigestSignInit_ex(md,
                               nullptr,
                               CertificateDigest(m_key->GetType()),
                               drng.GetLibCtx(),
                               nullptr,
                               m_key->GetEvpPkey(),
                               nullptr) == 1 &&
         X509_sign_ctx(cert, md) > 0;
    EVP_MD_CTX_free(md);
    if (!ok)
    {
        NS_LOG_LOGIC("certificate for '" << request.subject << "' failed");
        X509_free(cert);
        ERR_clear_error();
        return CryptoStatus::BACKEND_ERROR;
    }
    return Certificate::Adopt(cert, out);
}

Ptr<Certificate>
CertificateAuthority::GetCertificate() const
{
    return m_certificate;
}

Ptr<PrivateKey>
CertificateAuthority::GetPrivateKey() const
{
    return m_key;
}

std::vector<Ptr<Certificate>>
CertificateAuthority::GetChain() const
{
    std::vector<Ptr<Certificate>> chain;
    if (!m_isRoot)
    {
        chain.push_back(m_certificate);
    }
    chain.insert(chain.end(), m_parents.begin(), m_parents.end());
    return chain;
}

} // namespace ns3
