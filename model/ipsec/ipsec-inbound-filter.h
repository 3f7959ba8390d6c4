/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_IPSEC_INBOUND_FILTER_H
#define IPSEC_IPSEC_INBOUND_FILTER_H

#include "ns3/callback.h"
#include "ns3/ip-l4-protocol.h"

/**
 * \file
 * \ingroup ipsec
 * IPsec's look at every upper-layer packet delivered locally.
 */

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Sits in front of one of the node's IPv4 upper-layer protocols (UDP, TCP, ICMP, ...)
 * and offers every packet delivered locally (after reassembly) to the IpsecStack first.
 *
 * The stack drops plaintext that an INBOUND PROTECT policy says must have arrived protected
 * (RFC 4301 5.2; Linux does this check in xfrm4_policy_check at the same place), and for UDP
 * consumes RFC 3948 ESP-in-UDP and NAT keepalives, as Linux's UDP_ENCAP_ESPINUDP socket hook
 * does. Everything else (IKE with its non-ESP marker included) goes on unchanged.
 *
 * Needed because Ipv4ListRouting delivers local packets before asking any routing protocol,
 * so the IPsec input hook never sees them. Sending is not affected: sockets keep talking to
 * their protocol directly.
 */
class IpsecInboundFilter : public IpL4Protocol
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    /// The stack's filter: true when it consumed the packet (L4 header included).
    typedef Callback<bool, Ptr<Packet>, const Ipv4Header&, Ptr<Ipv4Interface>> FilterCallback;
    /// The same for IPv6.
    typedef Callback<bool, Ptr<Packet>, const Ipv6Header&, Ptr<Ipv6Interface>> FilterCallback6;

    IpsecInboundFilter();
    ~IpsecInboundFilter() override;

    /**
     * \brief Sets the protocol that gets what the filter does not consume.
     * \param inner the node's protocol (UdpL4Protocol, TcpL4Protocol, ...)
     */
    void SetInner(Ptr<IpL4Protocol> inner);

    /**
     * \brief The protocol behind the filter.
     *
     * The stack hands decrypted segments, which the filter would pass on unchanged, to it directly.
     * \return the protocol set with SetInner (null before)
     */
    Ptr<IpL4Protocol> GetInner() const;

    /**
     * \brief Sets the stack's filter.
     * \param cb the filter
     */
    void SetFilterCallback(FilterCallback cb);

    /**
     * \brief Sets the stack's IPv6 filter.
     * \param cb the filter
     */
    void SetFilterCallback6(FilterCallback6 cb);

    int GetProtocolNumber() const override;
    IpL4Protocol::RxStatus Receive(Ptr<Packet> p,
                                   const Ipv4Header& header,
                                   Ptr<Ipv4Interface> incomingInterface) override;
    IpL4Protocol::RxStatus Receive(Ptr<Packet> p,
                                   const Ipv6Header& header,
                                   Ptr<Ipv6Interface> incomingInterface) override;
    void ReceiveIcmp(Ipv4Address icmpSource,
                     uint8_t icmpTtl,
                     uint8_t icmpType,
                     uint8_t icmpCode,
                     uint32_t icmpInfo,
                     Ipv4Address payloadSource,
                     Ipv4Address payloadDestination,
                     const uint8_t payload[8]) override;
    void SetDownTarget(IpL4Protocol::DownTargetCallback cb) override;
    void SetDownTarget6(IpL4Protocol::DownTargetCallback6 cb) override;
    IpL4Protocol::DownTargetCallback GetDownTarget() const override;
    IpL4Protocol::DownTargetCallback6 GetDownTarget6() const override;

  protected:
    void DoDispose() override;

  private:
    Ptr<IpL4Protocol> m_inner; //!< the real protocol
    FilterCallback m_filter;   //!< the stack's filter
    FilterCallback6 m_filter6; //!< the stack's IPv6 filter
};

} // namespace ns3

#endif // IPSEC_IPSEC_INBOUND_FILTER_H
