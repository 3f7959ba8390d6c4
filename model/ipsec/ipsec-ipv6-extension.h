/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_IPSEC_IPV6_EXTENSION_H
#define IPSEC_IPSEC_IPV6_EXTENSION_H

#include "ns3/callback.h"
#include "ns3/ipv6-extension.h"

/**
 * \file
 * \ingroup ipsec
 * ESP and AH for IPv6, in place of ns-3's empty Ipv6ExtensionESP and Ipv6ExtensionAH.
 */

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Replaces ns-3.37's Ipv6ExtensionESP and Ipv6ExtensionAH (whose Process does
 * nothing) in the node's Ipv6ExtensionDemux: IPv6 hands ESP (next header 50) and AH (51) to
 * extensions, not to IpL4Protocols. One instance per protocol (SetExtensionNumber).
 *
 * Process passes the packet to the IpsecStack, which verifies / decrypts and delivers
 * (transport) or re-injects (tunnel) the result itself, so processing always stops here.
 */
class IpsecIpv6Extension : public Ipv6Extension
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    /// The stack's function: (packet after the IPv6 base header, offset of the ESP / AH
    /// header in it, IPv6 base header as received).
    typedef Callback<void, Ptr<Packet>, uint8_t, const Ipv6Header&> ReceiveCallback;

    IpsecIpv6Extension();
    ~IpsecIpv6Extension() override;

    /**
     * \brief Sets where ESP / AH packets go.
     * \param cb the stack's function
     */
    void SetReceiveCallback(ReceiveCallback cb);

    /**
     * \brief Sets the next header value this extension handles (default 50, ESP).
     * \param number 50 (ESP) or 51 (AH)
     */
    void SetExtensionNumber(uint8_t number);

    uint8_t GetExtensionNumber() const override;
    uint8_t Process(Ptr<Packet>& packet,
                    uint8_t offset,
                    const Ipv6Header& ipv6Header,
                    Ipv6Address dst,
                    uint8_t* nextHeader,
                    bool& stopProcessing,
                    bool& isDropped,
                    Ipv6L3Protocol::DropReason& dropReason) override;

  protected:
    void DoDispose() override;

  private:
    ReceiveCallback m_receive; //!< the stack's function
    uint8_t m_number{50};      //!< next header value handled
};

} // namespace ns3

#endif // IPSEC_IPSEC_IPV6_EXTENSION_H
