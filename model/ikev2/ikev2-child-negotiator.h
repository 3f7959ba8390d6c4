/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_IKEV2_CHILD_NEGOTIATOR_H
#define IPSEC_IKEV2_CHILD_NEGOTIATOR_H

#include "ikev2-ike-sa.h"

#include "ns3/ikev2-message.h"
#include "ns3/ikev2-notify-type.h"
#include "ns3/ikev2-proposal.h"
#include "ns3/ikev2-traffic-selector.h"
#include "ns3/key-exchange.h"

#include <cstdint>
#include <memory>
#include <vector>

/**
 * \file
 * \ingroup ipsec
 * The Child SA part of IKE_AUTH and CREATE_CHILD_SA (RFC 7296 1.3, 2.9, 2.17), shared by the
 * tasks that carry it (strongSwan's child_create).
 */

namespace ns3
{

class Ikev2Daemon;

/**
 * \ingroup ipsec
 * \brief Negotiates one Child SA pair: SA, TSi, TSr, USE_TRANSPORT_MODE, and in
 * CREATE_CHILD_SA the nonces and the optional PFS key exchange.
 */
class Ikev2ChildNegotiator
{
  public:
    /**
     * \brief Constructor.
     * \param daemon the daemon
     * \param sa the IKE SA
     * \param inAuth true inside IKE_AUTH (nonces of IKE_SA_INIT, no KE)
     */
    Ikev2ChildNegotiator(Ikev2Daemon& daemon, Ptr<Ikev2IkeSa> sa, bool inAuth);

    /**
     * \brief Initiator: add SA, [Ni, KEi,] TSi, TSr and mode notify for a child config.
     * \param msg the request
     * \param childIndex the child config
     * \param pfsGroup CREATE_CHILD_SA key exchange group (NONE: the config's, first proposal)
     * \return false if no SPI could be allocated or the config cannot be offered
     */
    bool BuildRequest(Ikev2Message& msg, uint32_t childIndex, DhGroupId pfsGroup);

    /**
     * \brief Initiator: install the pair the response agreed on.
     * \param msg the response
     * \param rekeyedFrom inbound SPI of the pair this one replaces (0 for a new one)
     * \param error set to the notify to report when it fails
     * \return the new pair's inbound SPI, 0 on failure
     */
    uint32_t ProcessResponse(const Ikev2Message& msg, uint32_t rekeyedFrom, Ikev2NotifyType* error);

    /**
     * \brief Responder: choose, narrow, install, and add the response payloads (or one error
     * notify).
     * \param request the request
     * \param response the response to fill
     * \param rekeyed the pair being rekeyed (null for a new one): its config and reqid are kept
     * \param installOutbound false to defer the outbound SA (rekey, RFC 7296 2.8)
     * \return the new pair's inbound SPI, 0 if an error notify was added
     */
    uint32_t ProcessRequest(const Ikev2Message& request,
                            Ikev2Message& response,
                            const Ikev2ChildSa* rekeyed,
                            bool installOutbound);

    /// \return the nonce this side sent (CREATE_CHILD_SA)
    const Bytes& GetOwnNonce() const
    {
        return m_nonce;
    }

    /// \return the group this side used for PFS (NONE without), e.g. for an INVALID_KE retry
    DhGroupId GetPfsGroup() const
    {
        return m_pfsGroup;
    }

    /// \return the child config index negotiated or requested
    uint32_t GetChildIndex() const
    {
        return m_childIndex;
    }

    /// \return the SPI allocated by the initiator (0 before BuildRequest)
    uint32_t GetAllocatedSpi() const
    {
        return m_spi;
    }

  private:
    /// Derive keys and install; fills the pair's record.
    bool Install(Ikev2ChildSa& child,
                 ByteView ni,
                 ByteView nr,
                 ByteView pfsSecret,
                 bool weInitiated,
                 bool installOutbound,
                 uint32_t rekeyedFrom);

    Ikev2Daemon& m_daemon;                          //!< the daemon
    Ptr<Ikev2IkeSa> m_sa;                           //!< the IKE SA
    bool m_inAuth;                                  //!< inside IKE_AUTH
    uint32_t m_childIndex{0};                       //!< child config
    uint32_t m_spi{0};                              //!< our inbound SPI
    Bytes m_nonce;                                  //!< our nonce (CREATE_CHILD_SA)
    DhGroupId m_pfsGroup{DhGroupId::NONE};          //!< PFS group offered
    std::unique_ptr<KeyExchange> m_dh;              //!< our PFS key pair
    std::vector<Ikev2Proposal> m_offered;           //!< what we offered (initiator)
    std::vector<Ikev2TrafficSelector> m_offeredTsi; //!< TSi we offered (initiator)
    std::vector<Ikev2TrafficSelector> m_offeredTsr; //!< TSr we offered (initiator)
};

} // namespace ns3

#endif // IPSEC_IKEV2_CHILD_NEGOTIATOR_H
