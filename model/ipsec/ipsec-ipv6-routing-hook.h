/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_IPSEC_IPV6_ROUTING_HOOK_H
#define IPSEC_IPSEC_IPV6_ROUTING_HOOK_H

#include "ns3/callback.h"
#include "ns3/ipv6-routing-protocol.h"

/**
 * \file
 * \ingroup ipsec
 * The IPsec hook on IPv6 forwarding: an Ipv6RoutingProtocol at the top priority of
 * Ipv6ListRouting.
 */

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Sees every IPv6 packet to forward before the real routing protocols do, and hands it
 * to the node's IpsecStack (protection of forwarded traffic, inbound policy check).
 *
 * Ipv6L3Protocol delivers local packets before asking routing, so only forwarded packets get
 * here. RouteOutput never answers.
 */
class IpsecIpv6RoutingHook : public Ipv6RoutingProtocol
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    /// The stack's input function (packet, header, input device): true when consumed.
    typedef Callback<bool, Ptr<const Packet>, const Ipv6Header&, Ptr<const NetDevice>>
        InputCallback;

    IpsecIpv6RoutingHook();
    ~IpsecIpv6RoutingHook() override;

    /**
     * \brief Sets the function every packet to forward is offered to.
     * \param cb the stack's input function
     */
    void SetInputCallback(InputCallback cb);

    Ptr<Ipv6Route> RouteOutput(Ptr<Packet> p,
                               const Ipv6Header& header,
                               Ptr<NetDevice> oif,
                               Socket::SocketErrno& sockerr) override;
    bool RouteInput(Ptr<const Packet> p,
                    const Ipv6Header& header,
                    Ptr<const NetDevice> idev,
                    UnicastForwardCallback ucb,
                    MulticastForwardCallback mcb,
                    LocalDeliverCallback lcb,
                    ErrorCallback ecb) override;
    void NotifyInterfaceUp(uint32_t interface) override;
    void NotifyInterfaceDown(uint32_t interface) override;
    void NotifyAddAddress(uint32_t interface, Ipv6InterfaceAddress address) override;
    void NotifyRemoveAddress(uint32_t interface, Ipv6InterfaceAddress address) override;
    void NotifyAddRoute(Ipv6Address dst,
                        Ipv6Prefix mask,
                        Ipv6Address nextHop,
                        uint32_t interface,
                        Ipv6Address prefixToUse) override;
    void NotifyRemoveRoute(Ipv6Address dst,
                           Ipv6Prefix mask,
                           Ipv6Address nextHop,
                           uint32_t interface,
                           Ipv6Address prefixToUse) override;
    void SetIpv6(Ptr<Ipv6> ipv6) override;
    void PrintRoutingTable(Ptr<OutputStreamWrapper> stream,
                           Time::Unit unit = Time::S) const override;

  protected:
    void DoDispose() override;

  private:
    InputCallback m_input; //!< the stack's input function
};

} // namespace ns3

#endif // IPSEC_IPSEC_IPV6_ROUTING_HOOK_H
