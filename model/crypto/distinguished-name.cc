/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "distinguished-name.h"

#include "ns3/log.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/x509.h>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DistinguishedName");

namespace
{

std::string
Trim(const std::string& s)
{
    const size_t first = s.find_first_not_of(" \t");
    if (first == std::string::npos)
    {
        return "";
    }
    const size_t last = s.find_last_not_of(" \t");
    return s.substr(first, last - first + 1);
}

} // namespace

CryptoStatus
DistinguishedName::Encode(const std::string& text, Bytes& der)
{
    NS_LOG_FUNCTION(text);
    X509_NAME* name = X509_NAME_new();
    bool ok = name != nullptr && !Trim(text).empty();
    size_t start = 0;
    while (ok && start <= text.size())
    {
        size_t end = text.find(',', start);
        if (end == std::string::npos)
        {
            end = text.size();
        }
        const std::string pair = text.substr(start, end - start);
        const size_t eq = pair.find('=');
        const std::string type = eq == std::string::npos ? "" : Trim(pair.substr(0, eq));
        const std::string value = eq == std::string::npos ? "" : Trim(pair.substr(eq + 1));
        ok = !type.empty() && !value.empty() && value.find('=') == std::string::npos &&
             X509_NAME_add_entry_by_txt(name,
                                        type.c_str(),
                                        MBSTRING_UTF8,
                                        reinterpret_cast<const unsigned char*>(value.data()),
                                        static_cast<int>(value.size()),
                                        -1,
                                        0) == 1;
        start = end + 1;
    }
    unsigned char* out = nullptr;
    const int n = ok ? i2d_X509_NAME(name, &out) : -1;
    X509_NAME_free(name);
    ERR_clear_error();
    if (n <= 0)
    {
        return CryptoStatus::BAD_INPUT_LENGTH;
    }
    der.assign(out, out + n);
    OPENSSL_free(out);
    return CryptoStatus::OK;
}

std::string
DistinguishedName::ToText(ByteView der)
{
    const unsigned char* p = der.data;
    X509_NAME* name = d2i_X509_NAME(nullptr, &p, static_cast<long>(der.size));
    if (name == nullptr || p != der.data + der.size)
    {
        X509_NAME_free(name);
        ERR_clear_error();
        return "<malformed DN>";
    }
    BIO* bio = BIO_new(BIO_s_mem());
    X509_NAME_print_ex(bio,
                       name,
                       0,
                       XN_FLAG_SEP_CPLUS_SPC | XN_FLAG_FN_SN | ASN1_STRFLGS_UTF8_CONVERT);
    char* data = nullptr;
    const long n = BIO_get_mem_data(bio, &data);
    std::string text(data, static_cast<size_t>(n));
    BIO_free(bio);
    X509_NAME_free(name);
    return text;
}

} // namespace ns3
