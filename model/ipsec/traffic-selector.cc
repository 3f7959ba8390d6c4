/* SPDX-License-Identifier: GPL-2.0-only */

#include "traffic-selector.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpsecSelector");

IpsecSelector::Oriented
IpsecSelector::Orient(const PacketTuple& tuple, PolicyDirection direction)
{
    const bool inbound = direction == PolicyDirection::INBOUND;
    Oriented o;
    o.local = inbound ? &tuple.dst : &tuple.src;
    o.remote = inbound ? &tuple.src : &tuple.dst;
    if (IsIcmp(tuple.protocol))
    {
        // Type in the local port selector, code in the remote one, in every direction: RFC
        // 4301 4.4.1.2 does not apply local/remote to the ICMP type/code selector.
        o.localPort = tuple.srcPort;
        o.remotePort = tuple.dstPort;
    }
    else
    {
        o.localPort = inbound ? tuple.dstPort : tuple.srcPort;
        o.remotePort = inbound ? tuple.srcPort : tuple.dstPort;
    }
    return o;
}

bool
IpsecSelector::IsIcmp(uint8_t protocol)
{
    return protocol == 1 || protocol == 58;
}

IpsecSelector
IpsecSelector::Any(bool ipv6)
{
    return Between(IpAddressRange::Any(ipv6), IpAddressRange::Any(ipv6));
}

IpsecSelector
IpsecSelector::Between(const IpAddressRange& local, const IpAddressRange& remote)
{
    IpsecSelector s;
    s.local = local;
    s.remote = remote;
    return s;
}

bool
IpsecSelector::Matches(const PacketTuple& tuple, PolicyDirection direction) const
{
    if (protocol != 0 && protocol != tuple.protocol)
    {
        return false;
    }
    const Oriented o = Orient(tuple, direction);
    return local.Contains(*o.local) && remote.Contains(*o.remote) &&
           localPorts.Contains(o.localPort) && remotePorts.Contains(o.remotePort);
}

bool
IpsecSelector::IsValid(std::string* error) const
{
    const char* why = nullptr;
    if (local.first.IsIpv6() != local.last.IsIpv6() ||
        remote.first.IsIpv6() != remote.last.IsIpv6() || local.IsIpv6() != remote.IsIpv6())
    {
        why = "local and remote address ranges must all be IPv4 or all IPv6";
    }
    else if (local.last < local.first || remote.last < remote.first)
    {
        why = "an address range has first > last";
    }
    else if (localPorts.last < localPorts.first || remotePorts.last < remotePorts.first)
    {
        why = "a port range has first > last";
    }
    if (why != nullptr && error != nullptr)
    {
        *error = why;
    }
    return why == nullptr;
}

bool
IpsecSelector::IsIpv6() const
{
    return local.IsIpv6();
}

bool
IpsecSelector::operator==(const IpsecSelector& other) const
{
    return local == other.local && remote == other.remote && protocol == other.protocol &&
           localPorts == other.localPorts && remotePorts == other.remotePorts;
}

std::ostream&
operator<<(std::ostream& os, const IpsecSelector& selector)
{
    os << selector.local << "[" << selector.localPorts.first << "-" << selector.localPorts.last
       << "] -> " << selector.remote << "[" << selector.remotePorts.first << "-"
       << selector.remotePorts.last << "] proto " << unsigned(selector.protocol);
    return os;
}

} // namespace ns3
