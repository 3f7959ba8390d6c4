/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "certificate-validator.h"

#include "deterministic-rng.h"

#include "ns3/fatal-error.h"
#include "ns3/log.h"

#include <algorithm>
#include <cctype>
#include <openssl/err.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("CertificateValidator");

const char*
CertificateCheckName(CertificateCheck check)
{
    switch (check)
    {
    case CertificateCheck::VALID:
        return "VALID";
    case CertificateCheck::MALFORMED:
        return "MALFORMED";
    case CertificateCheck::UNTRUSTED:
        return "UNTRUSTED";
    case CertificateCheck::EXPIRED:
        return "EXPIRED";
    case CertificateCheck::NOT_YET_VALID:
        return "NOT_YET_VALID";
    case CertificateCheck::BAD_SIGNATURE:
        return "BAD_SIGNATURE";
    case CertificateCheck::IDENTITY_MISMATCH:
        return "IDENTITY_MISMATCH";
    case CertificateCheck::INVALID:
        return "INVALID";
    }
    return "UNKNOWN";
}

namespace
{

CertificateCheck
CheckOfVerifyError(int error)
{
    switch (error)
    {
    case X509_V_ERR_CERT_HAS_EXPIRED:
        return CertificateCheck::EXPIRED;
    case X509_V_ERR_CERT_NOT_YET_VALID:
        return CertificateCheck::NOT_YET_VALID;
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
    case X509_V_ERR_CERT_UNTRUSTED:
        return CertificateCheck::UNTRUSTED;
    case X509_V_ERR_CERT_SIGNATURE_FAILURE:
    case X509_V_ERR_UNABLE_TO_DECRYPT_CERT_SIGNATURE:
        return CertificateCheck::BAD_SIGNATURE;
    default:
        return CertificateCheck::INVALID;
    }
}

/// "2026-01-01T00:00:10Z (simulated +10s)"
std::string
DescribeTime(Time simulated)
{
    const int64_t unixSeconds = Certificate::ToUnixSeconds(simulated);
    const int64_t days = unixSeconds >= 0 ? unixSeconds / 86400 : (unixSeconds - 86399) / 86400;
    const int64_t secs = unixSeconds - days * 86400;
    // Civil date from days since 1970-01-01 (H. Hinnant's civil_from_days).
    const int64_t z = days + 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const int64_t doe = z - era * 146097;
    const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int64_t mp = (5 * doy + 2) / 153;
    const int64_t d = doy - (153 * mp + 2) / 5 + 1;
    const int64_t m = mp < 10 ? mp + 3 : mp - 9;
    const int64_t y = yoe + era * 400 + (m <= 2);
    char text[128];
    std::snprintf(text,
                  sizeof(text),
                  "%04lld-%02lld-%02lldT%02lld:%02lld:%02lldZ",
                  static_cast<long long>(y),
                  static_cast<long long>(m),
                  static_cast<long long>(d),
                  static_cast<long long>(secs / 3600),
                  static_cast<long long>(secs / 60 % 60),
                  static_cast<long long>(secs % 60));
    std::ostringstream os;
    os << text << " (simulated " << simulated.As(Time::S) << ")";
    return os.str();
}

bool
EqualNoCase(const Bytes& a, const Bytes& b)
{
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(), [](uint8_t x, uint8_t y) {
               return std::tolower(x) == std::tolower(y);
           });
}

/// RFC 5280 4.2.1.6: the local part is case-sensitive, the domain is not.
bool
EqualMailbox(const Bytes& a, const Bytes& b)
{
    const auto at = std::find(a.begin(), a.end(), '@');
    const auto bt = std::find(b.begin(), b.end(), '@');
    return a.size() == b.size() && at - a.begin() == bt - b.begin() &&
           std::equal(a.begin(), at, b.begin()) &&
           EqualNoCase(Bytes(at, a.end()), Bytes(bt, b.end()));
}

} // namespace

CertificateValidator::CertificateValidator()
    : m_store(X509_STORE_new())
{
    if (m_store == nullptr)
    {
        NS_FATAL_ERROR("OpenSSL: cannot create an X509_STORE");
    }
}

CertificateValidator::~CertificateValidator()
{
    X509_STORE_free(m_store);
}

void
CertificateValidator::AddTrustAnchor(Ptr<Certificate> anchor)
{
    NS_LOG_FUNCTION(this << anchor->GetSubject());
    if (X509_STORE_add_cert(m_store, anchor->GetX509()) == 1)
    {
        m_anchors.push_back(anchor);
    }
    ERR_clear_error(); // adding the same anchor twice is not an error
}

size_t
CertificateValidator::GetNTrustAnchors() const
{
    return m_anchors.size();
}

Ptr<Certificate>
CertificateValidator::GetTrustAnchor(size_t i) const
{
    return m_anchors.at(i);
}

CertificateValidation
CertificateValidator::Validate(Ptr<Certificate> leaf,
                               const std::vector<Ptr<Certificate>>& intermediates,
                               Time now) const
{
    NS_LOG_FUNCTION(this << leaf->GetSubject() << intermediates.size() << now);
    X509_STORE_CTX* ctx = X509_STORE_CTX_new_ex(DeterministicRng::Get().GetLibCtx(), nullptr);
    STACK_OF(X509)* untrusted = sk_X509_new_null();
    bool ready = ctx != nullptr && untrusted != nullptr;
    for (const Ptr<Certificate>& c : intermediates)
    {
        ready = ready && sk_X509_push(untrusted, c->GetX509()) > 0;
    }
    ready = ready && X509_STORE_CTX_init(ctx, m_store, leaf->GetX509(), untrusted) == 1;
    CertificateValidation v;
    if (!ready)
    {
        v.result = CertificateCheck::INVALID;
        v.message = "OpenSSL could not set up chain validation";
    }
    else
    {
        // Validity is judged at the simulated clock, never at the host's.
        X509_VERIFY_PARAM_set_time(X509_STORE_CTX_get0_param(ctx),
                                   static_cast<time_t>(Certificate::ToUnixSeconds(now)));
        if (X509_verify_cert(ctx) == 1)
        {
            v.result = CertificateCheck::VALID;
            // a fixed text: formatting the subject costs microseconds on every IKE_AUTH
            v.message = "chains to a trust anchor";
        }
        else
        {
            const int error = X509_STORE_CTX_get_error(ctx);
            const int depth = X509_STORE_CTX_get_error_depth(ctx);
            X509* failing = X509_STORE_CTX_get_current_cert(ctx);
            Ptr<Certificate> culprit = leaf;
            for (const Ptr<Certificate>& c : intermediates)
            {
                if (c->GetX509() == failing)
                {
                    culprit = c;
                }
            }
            for (const Ptr<Certificate>& c : m_anchors)
            {
                if (c->GetX509() == failing)
                {
                    culprit = c;
                }
            }
            v.result = CheckOfVerifyError(error);
            std::ostringstream os;
            os << CertificateCheckName(v.result) << ": '" << culprit->GetSubject()
               << "' (chain depth " << depth << "): " << X509_verify_cert_error_string(error);
            if (v.result == CertificateCheck::UNTRUSTED)
            {
                os << "; issuer '" << culprit->GetIssuer() << "' is not a trust anchor";
            }
            if (v.result == CertificateCheck::EXPIRED ||
                v.result == CertificateCheck::NOT_YET_VALID)
            {
                os << "; valid from " << DescribeTime(culprit->GetNotBefore()) << " to "
                   << DescribeTime(culprit->GetNotAfter()) << ", clock " << DescribeTime(now);
            }
            v.message = os.str();
        }
    }
    sk_X509_free(untrusted);
    X509_STORE_CTX_free(ctx);
    ERR_clear_error();
    NS_LOG_LOGIC(v.message);
    return v;
}

CertificateValidation
CertificateValidator::ValidateDer(ByteView leaf,
                                  const std::vector<Bytes>& intermediates,
                                  Time now) const
{
    Ptr<Certificate> leafCert;
    if (Certificate::FromDer(leaf, leafCert) != CryptoStatus::OK)
    {
        return {CertificateCheck::MALFORMED,
                "MALFORMED: end-entity certificate (" + std::to_string(leaf.size) +
                    " octets) is not a DER X.509 certificate with a supported key"};
    }
    std::vector<Ptr<Certificate>> chain;
    for (size_t i = 0; i < intermediates.size(); ++i)
    {
        Ptr<Certificate> c;
        if (Certificate::FromDer(intermediates[i], c) != CryptoStatus::OK)
        {
            return {CertificateCheck::MALFORMED,
                    "MALFORMED: intermediate certificate " + std::to_string(i) +
                        " is not a DER X.509 certificate with a supported key"};
        }
        chain.push_back(c);
    }
    return Validate(leafCert, chain, now);
}

CertificateValidation
CertificateValidator::ValidateFor(Ptr<Certificate> leaf,
                                  const std::vector<Ptr<Certificate>>& intermediates,
                                  const IkeIdentity& identity,
                                  Time now) const
{
    CertificateValidation v = Validate(leaf, intermediates, now);
    return v.IsValid() ? CheckIdentity(*leaf, identity) : v;
}

CertificateValidation
CertificateValidator::CheckIdentity(const Certificate& certificate, const IkeIdentity& identity)
{
    const Bytes& id = identity.GetData();
    const std::vector<SubjectAltName> sans = certificate.GetSubjectAltNames();
    auto hasSan = [&sans, &id](SubjectAltName::Kind kind,
                               bool (*equal)(const Bytes&, const Bytes&)) {
        return std::any_of(sans.begin(), sans.end(), [&](const SubjectAltName& san) {
            return san.kind == kind && equal(san.value, id);
        });
    };
    auto exact = [](const Bytes& a, const Bytes& b) { return a == b; };
    bool match = false;
    const char* where = "subjectAltName";
    switch (identity.GetType())
    {
    case IkeIdType::IPV4_ADDR:
    case IkeIdType::IPV6_ADDR:
        match = hasSan(SubjectAltName::Kind::IP_ADDRESS, exact);
        where = "iPAddress subjectAltName";
        break;
    case IkeIdType::FQDN:
        match = hasSan(SubjectAltName::Kind::DNS_NAME, EqualNoCase);
        where = "dNSName subjectAltName";
        break;
    case IkeIdType::RFC822_ADDR:
        match = hasSan(SubjectAltName::Kind::RFC822_NAME, EqualMailbox);
        where = "rfc822Name subjectAltName";
        break;
    case IkeIdType::DER_ASN1_DN:
        match = certificate.GetSubjectDer() == id;
        where = "subject DN";
        break;
    default:
        return {CertificateCheck::IDENTITY_MISMATCH,
                std::string("IDENTITY_MISMATCH: ") + IkeIdTypeName(identity.GetType()) +
                    " cannot be bound to a certificate"};
    }
    if (match)
    {
        return {CertificateCheck::VALID, "identity matches the certificate"};
    }
    return {CertificateCheck::IDENTITY_MISMATCH,
            "IDENTITY_MISMATCH: " + identity.ToString() + " is not the " + where + " of '" +
                certificate.GetSubject() + "'"};
}

} // namespace ns3
