/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_IPSEC_IPV4_ROUTING_HOOK_H
#define IPSEC_IPSEC_IPV4_ROUTING_HOOK_H

#include "ns3/callback.h"
#include "ns3/ipv4-routing-protocol.h"

/**
 * \file
 * \ingroup ipsec
 * The IPsec hook on IPv4 input: an Ipv4RoutingProtocol at the top priority of Ipv4ListRouting.
 */

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Sees every arriving IPv4 packet before the real routing protocols do, and hands it to
 * the node's IpsecStack (inbound policy check, protection of forwarded traffic).
 *
 * RouteOutput never answers (it returns no route, so Ipv4ListRouting asks the next protocol):
 * locally generated traffic is caught at the L4 down targets instead, where the packet is
 * complete. RouteInput returns true when IPsec consumed the packet (dropped or protected and
 * sent), false to let the next routing protocol deliver or forward it.
 */
class IpsecIpv4RoutingHook : public Ipv4RoutingProtocol
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    /// The stack's input function (packet, header, input device): true when consumed.
    typedef Callback<bool, Ptr<const Packet>, const Ipv4Header&, Ptr<const NetDevice>>
        InputCallback;

    IpsecIpv4RoutingHook();
    ~IpsecIpv4RoutingHook() override;

    /**
     * \brief Sets the function every arriving packet is offered to.
     * \param cb the stack's input function
     */
    void SetInputCallback(InputCallback cb);

    Ptr<Ipv4Route> RouteOutput(Ptr<Packet> p,
                               const Ipv4Header& header,
                               Ptr<NetDevice> oif,
                               Socket::SocketErrno& sockerr) override;
    bool RouteInput(Ptr<const Packet> p,
                    const Ipv4Header& header,
                    Ptr<const NetDevice> idev,
                    UnicastForwardCallback ucb,
                    MulticastForwardCallback mcb,
                    LocalDeliverCallback lcb,
                    ErrorCallback ecb) override;
    void NotifyInterfaceUp(uint32_t interface) override;
    void NotifyInterfaceDown(uint32_t interface) override;
    void NotifyAddAddress(uint32_t interface, Ipv4InterfaceAddress address) override;
    void NotifyRemoveAddress(uint32_t interface, Ipv4InterfaceAddress address) override;
    void SetIpv4(Ptr<Ipv4> ipv4) override;
    void PrintRoutingTable(Ptr<OutputStreamWrapper> stream,
                           Time::Unit unit = Time::S) const override;

  protected:
    void DoDispose() override;

  private:
    InputCallback m_input; //!< the stack's input function
};

} // namespace ns3

#endif // IPSEC_IPSEC_IPV4_ROUTING_HOOK_H
