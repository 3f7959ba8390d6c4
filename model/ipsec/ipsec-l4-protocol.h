/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_IPSEC_L4_PROTOCOL_H
#define IPSEC_IPSEC_L4_PROTOCOL_H

#include "ns3/callback.h"
#include "ns3/ip-l4-protocol.h"

/**
 * \file
 * \ingroup ipsec
 * ESP (50) and AH (51) as IPv4 upper-layer protocols.
 */

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief The IPv4 receive entry of ESP or AH: Ipv4L3Protocol::LocalDeliver hands it every
 * (reassembled) packet of its protocol number, and it passes them on to the node's IpsecStack.
 *
 * It never sends: the stack builds and sends protected packets itself, so the down targets are
 * kept only to satisfy IpL4Protocol.
 */
class IpsecL4Protocol : public IpL4Protocol
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    /// The stack's receive function.
    typedef Callback<IpL4Protocol::RxStatus,
                     const Ptr<Packet>&,
                     const Ipv4Header&,
                     const Ptr<Ipv4Interface>&>
        ReceiveCallback;

    IpsecL4Protocol();
    ~IpsecL4Protocol() override;

    /**
     * \brief Sets the protocol number (50 or 51), before insertion into Ipv4L3Protocol.
     * \param protocolNumber the number
     */
    void SetProtocolNumber(uint8_t protocolNumber);

    /**
     * \brief Sets where received packets go.
     * \param cb the stack's receive function
     */
    void SetReceiveCallback(ReceiveCallback cb);

    int GetProtocolNumber() const override;
    IpL4Protocol::RxStatus Receive(Ptr<Packet> p,
                                   const Ipv4Header& header,
                                   Ptr<Ipv4Interface> incomingInterface) override;
    IpL4Protocol::RxStatus Receive(Ptr<Packet> p,
                                   const Ipv6Header& header,
                                   Ptr<Ipv6Interface> incomingInterface) override;
    void SetDownTarget(IpL4Protocol::DownTargetCallback cb) override;
    void SetDownTarget6(IpL4Protocol::DownTargetCallback6 cb) override;
    IpL4Protocol::DownTargetCallback GetDownTarget() const override;
    IpL4Protocol::DownTargetCallback6 GetDownTarget6() const override;

  protected:
    void DoDispose() override;

  private:
    uint8_t m_protocolNumber{50};              //!< 50 (ESP) or 51 (AH)
    ReceiveCallback m_receive;                 //!< the stack's receive function
    IpL4Protocol::DownTargetCallback m_down;   //!< unused by IPsec itself
    IpL4Protocol::DownTargetCallback6 m_down6; //!< unused by IPsec itself
};

} // namespace ns3

#endif // IPSEC_IPSEC_L4_PROTOCOL_H
