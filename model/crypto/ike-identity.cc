/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ike-identity.h"

#include "distinguished-name.h"

#include "ns3/log.h"

#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeIdentity");

const char*
IkeIdTypeName(IkeIdType type)
{
    switch (type)
    {
    case IkeIdType::IPV4_ADDR:
        return "ID_IPV4_ADDR";
    case IkeIdType::FQDN:
        return "ID_FQDN";
    case IkeIdType::RFC822_ADDR:
        return "ID_RFC822_ADDR";
    case IkeIdType::IPV6_ADDR:
        return "ID_IPV6_ADDR";
    case IkeIdType::DER_ASN1_DN:
        return "ID_DER_ASN1_DN";
    case IkeIdType::KEY_ID:
        return "ID_KEY_ID";
    }
    return "ID_UNKNOWN";
}

IkeIdentity::IkeIdentity()
    : m_type(IkeIdType::KEY_ID)
{
}

IkeIdentity::IkeIdentity(IkeIdType type, Bytes data)
    : m_type(type),
      m_data(std::move(data))
{
}

IkeIdentity
IkeIdentity::FromIpv4(Ipv4Address address)
{
    Bytes data(4);
    address.Serialize(data.data());
    return IkeIdentity(IkeIdType::IPV4_ADDR, data);
}

IkeIdentity
IkeIdentity::FromIpv6(Ipv6Address address)
{
    Bytes data(16);
    address.Serialize(data.data());
    return IkeIdentity(IkeIdType::IPV6_ADDR, data);
}

IkeIdentity
IkeIdentity::FromFqdn(const std::string& fqdn)
{
    return IkeIdentity(IkeIdType::FQDN, Bytes(fqdn.begin(), fqdn.end()));
}

IkeIdentity
IkeIdentity::FromRfc822(const std::string& address)
{
    return IkeIdentity(IkeIdType::RFC822_ADDR, Bytes(address.begin(), address.end()));
}

IkeIdentity
IkeIdentity::FromDerDn(Bytes der)
{
    return IkeIdentity(IkeIdType::DER_ASN1_DN, std::move(der));
}

CryptoStatus
IkeIdentity::FromDnString(const std::string& text, IkeIdentity& identity)
{
    NS_LOG_FUNCTION(text);
    Bytes der;
    const CryptoStatus s = DistinguishedName::Encode(text, der);
    if (s == CryptoStatus::OK)
    {
        identity = FromDerDn(std::move(der));
    }
    return s;
}

IkeIdType
IkeIdentity::GetType() const
{
    return m_type;
}

const Bytes&
IkeIdentity::GetData() const
{
    return m_data;
}

std::string
IkeIdentity::ToString() const
{
    std::ostringstream os;
    os << IkeIdTypeName(m_type) << " ";
    switch (m_type)
    {
    case IkeIdType::IPV4_ADDR:
        if (m_data.size() == 4)
        {
            os << Ipv4Address::Deserialize(m_data.data());
            return os.str();
        }
        break;
    case IkeIdType::IPV6_ADDR:
        if (m_data.size() == 16)
        {
            os << Ipv6Address::Deserialize(m_data.data());
            return os.str();
        }
        break;
    case IkeIdType::FQDN:
    case IkeIdType::RFC822_ADDR:
        os << std::string(m_data.begin(), m_data.end());
        return os.str();
    case IkeIdType::DER_ASN1_DN:
        os << DistinguishedName::ToText(m_data);
        return os.str();
    default:
        break;
    }
    os << std::hex;
    for (uint8_t b : m_data)
    {
        os << (b < 16 ? "0" : "") << static_cast<int>(b);
    }
    return os.str();
}

bool
IkeIdentity::operator==(const IkeIdentity& other) const
{
    return m_type == other.m_type && m_data == other.m_data;
}

} // namespace ns3
