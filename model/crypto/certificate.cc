/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "certificate.h"

#include "deterministic-rng.h"
#include "distinguished-name.h"

#include "ns3/log.h"

#include <openssl/asn1.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Certificate");

SubjectAltName
SubjectAltName::Dns(const std::string& name)
{
    return {Kind::DNS_NAME, Bytes(name.begin(), name.end())};
}

SubjectAltName
SubjectAltName::Email(const std::string& address)
{
    return {Kind::RFC822_NAME, Bytes(address.begin(), address.end())};
}

SubjectAltName
SubjectAltName::Ip(Ipv4Address address)
{
    Bytes value(4);
    address.Serialize(value.data());
    return {Kind::IP_ADDRESS, value};
}

SubjectAltName
SubjectAltName::Ip(Ipv6Address address)
{
    Bytes value(16);
    address.Serialize(value.data());
    return {Kind::IP_ADDRESS, value};
}

bool
SubjectAltName::operator==(const SubjectAltName& other) const
{
    return kind == other.kind && value == other.value;
}

int64_t
Certificate::ToUnixSeconds(Time simulated)
{
    // Floor division, so that -0.5 s maps to the second before the epoch.
    const int64_t ns = simulated.GetNanoSeconds();
    const int64_t seconds = ns >= 0 ? ns / 1000000000 : -((-ns + 999999999) / 1000000000);
    return EPOCH_UNIX_SECONDS + seconds;
}

Time
Certificate::FromUnixSeconds(int64_t unixSeconds)
{
    return Seconds(static_cast<double>(unixSeconds - EPOCH_UNIX_SECONDS));
}

Certificate::Certificate(x509_st* cert, Bytes der, Ptr<PublicKey> key)
    : m_cert(cert),
      m_der(std::move(der)),
      m_publicKey(key)
{
}

Certificate::~Certificate()
{
    X509_free(m_cert);
}

CryptoStatus
Certificate::Adopt(x509_st* cert, Ptr<Certificate>& out)
{
    unsigned char* der = nullptr;
    const int n = i2d_X509(cert, &der);
    EVP_PKEY* pkey = X509_get_pubkey(cert); // a new reference
    Ptr<PublicKey> key = PublicKey::Adopt(pkey);
    if (n <= 0 || !key)
    {
        OPENSSL_free(der);
        X509_free(cert);
        ERR_clear_error();
        return n <= 0 ? CryptoStatus::INVALID_CERTIFICATE : CryptoStatus::UNSUPPORTED;
    }
    out = Ptr<Certificate>(new Certificate(cert, Bytes(der, der + n), key), false);
    OPENSSL_free(der);
    return CryptoStatus::OK;
}

CryptoStatus
Certificate::FromDer(ByteView der, Ptr<Certificate>& out)
{
    X509* cert = X509_new_ex(DeterministicRng::Get().GetLibCtx(), nullptr);
    const unsigned char* p = der.data;
    if (cert == nullptr || d2i_X509(&cert, &p, static_cast<long>(der.size)) == nullptr ||
        p != der.data + der.size)
    {
        X509_free(cert);
        ERR_clear_error();
        return CryptoStatus::INVALID_CERTIFICATE;
    }
    return Adopt(cert, out);
}

const Bytes&
Certificate::GetDer() const
{
    return m_der;
}

namespace
{

Bytes
NameDer(const X509_NAME* name)
{
    unsigned char* der = nullptr;
    const int n = i2d_X509_NAME(name, &der);
    Bytes out;
    if (n > 0)
    {
        out.assign(der, der + n);
    }
    OPENSSL_free(der);
    return out;
}

Time
AsnTimeToSimulated(const ASN1_TIME* t)
{
    struct tm tm = {};
    if (t == nullptr || ASN1_TIME_to_tm(t, &tm) != 1)
    {
        return Time(0);
    }
    // Days from 1970-01-01 of a civil date (proleptic Gregorian), as in H. Hinnant's
    // days_from_civil: no dependency on the host's time zone, unlike mktime().
    int64_t y = tm.tm_year + 1900;
    const unsigned m = static_cast<unsigned>(tm.tm_mon + 1);
    const unsigned d = static_cast<unsigned>(tm.tm_mday);
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    const int64_t days = era * 146097 + static_cast<int64_t>(doe) - 719468;
    const int64_t seconds = days * 86400 + tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec;
    return Certificate::FromUnixSeconds(seconds);
}

} // namespace

Bytes
Certificate::GetSubjectDer() const
{
    return NameDer(X509_get_subject_name(m_cert));
}

Bytes
Certificate::GetIssuerDer() const
{
    return NameDer(X509_get_issuer_name(m_cert));
}

std::string
Certificate::GetSubject() const
{
    return DistinguishedName::ToText(GetSubjectDer());
}

std::string
Certificate::GetIssuer() const
{
    return DistinguishedName::ToText(GetIssuerDer());
}

Bytes
Certificate::GetSerialNumber() const
{
    BIGNUM* bn = ASN1_INTEGER_to_BN(X509_get0_serialNumber(m_cert), nullptr);
    Bytes out(bn != nullptr ? static_cast<size_t>(BN_num_bytes(bn)) : 0);
    if (bn != nullptr)
    {
        BN_bn2bin(bn, out.data());
    }
    BN_free(bn);
    return out;
}

Time
Certificate::GetNotBefore() const
{
    return AsnTimeToSimulated(X509_get0_notBefore(m_cert));
}

Time
Certificate::GetNotAfter() const
{
    return AsnTimeToSimulated(X509_get0_notAfter(m_cert));
}

std::vector<SubjectAltName>
Certificate::GetSubjectAltNames() const
{
    std::vector<SubjectAltName> out;
    auto* names = static_cast<GENERAL_NAMES*>(
        X509_get_ext_d2i(m_cert, NID_subject_alt_name, nullptr, nullptr));
    for (int i = 0; names != nullptr && i < sk_GENERAL_NAME_num(names); ++i)
    {
        const GENERAL_NAME* name = sk_GENERAL_NAME_value(names, i);
        int type = 0;
        const auto* value = static_cast<const ASN1_STRING*>(GENERAL_NAME_get0_value(name, &type));
        const unsigned char* data = ASN1_STRING_get0_data(value);
        const Bytes octets(data, data + ASN1_STRING_length(value));
        switch (type)
        {
        case GEN_DNS:
            out.push_back({SubjectAltName::Kind::DNS_NAME, octets});
            break;
        case GEN_EMAIL:
            out.push_back({SubjectAltName::Kind::RFC822_NAME, octets});
            break;
        case GEN_IPADD:
            out.push_back({SubjectAltName::Kind::IP_ADDRESS, octets});
            break;
        default:
            break;
        }
    }
    GENERAL_NAMES_free(names);
    return out;
}

bool
Certificate::IsCa() const
{
    return X509_check_ca(m_cert) != 0;
}

Ptr<PublicKey>
Certificate::GetPublicKey() const
{
    return m_publicKey;
}

x509_st*
Certificate::GetX509() const
{
    return m_cert;
}

} // namespace ns3
