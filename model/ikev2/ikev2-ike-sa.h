/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_IKEV2_IKE_SA_H
#define IPSEC_IKEV2_IKE_SA_H

#include "ikev2-child-sa.h"
#include "ikev2-transform-set.h"

#include "ns3/crypto-types.h"
#include "ns3/event-id.h"
#include "ns3/ike-identity.h"
#include "ns3/ikev2-key-derivation.h"
#include "ns3/ip-address.h"
#include "ns3/nstime.h"
#include "ns3/simple-ref-count.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

/**
 * \file
 * \ingroup ipsec
 * The state of one IKE SA (strongSwan's ike_sa): identities, keys, Child SAs. Behaviour lives in
 * the tasks and the task manager.
 */

namespace ns3
{

class Ikev2SkCodec;
class Ikev2TaskManager;
class KeyExchange;

/**
 * \ingroup ipsec
 * \brief Life of an IKE SA.
 */
enum class Ikev2IkeSaState : uint8_t
{
    CONNECTING,  //!< IKE_SA_INIT / IKE_AUTH under way
    ESTABLISHED, //!< authenticated
    REKEYED,     //!< replaced by a rekeyed IKE SA, waiting for its deletion
    DELETING,    //!< being deleted
    DEAD,        //!< gone (kept only until the events referring to it have run)
};

/**
 * \ingroup ipsec
 * \brief The name of an IKE SA state.
 * \param state the state
 * \return a static string
 */
const char* Ikev2IkeSaStateName(Ikev2IkeSaState state);

/**
 * \ingroup ipsec
 * \brief Why an IKE SA ended, or failed to come up.
 */
enum class Ikev2EndReason : uint8_t
{
    NONE,                  //!< not ended
    DELETED_BY_US,         //!< we sent Delete
    DELETED_BY_PEER,       //!< the peer sent Delete
    REKEYED,               //!< replaced by a rekeyed IKE SA
    NO_PROPOSAL_CHOSEN,    //!< no common transforms
    INVALID_KE_PAYLOAD,    //!< no common key-exchange group after the retry
    AUTHENTICATION_FAILED, //!< AUTH, identity or certificate check failed (either side)
    TS_UNACCEPTABLE,       //!< traffic selectors could not be agreed
    RETRANSMIT_TIMEOUT,    //!< no response after the last retransmission
    DEAD_PEER,             //!< liveness check unanswered
    HALF_OPEN_TIMEOUT,     //!< the initiator never completed IKE_AUTH
    PROTOCOL_ERROR,        //!< malformed or unexpected message, internal failure
};

/**
 * \ingroup ipsec
 * \brief The name of an end reason.
 * \param reason the reason
 * \return a static string
 */
const char* Ikev2EndReasonName(Ikev2EndReason reason);

/**
 * \ingroup ipsec
 * \brief One IKE SA.
 */
class Ikev2IkeSa : public SimpleRefCount<Ikev2IkeSa>
{
  public:
    /**
     * \brief Constructor.
     * \param peerIndex index of the connection in the daemon
     * \param originalInitiator whether this node sent the first IKE_SA_INIT
     */
    Ikev2IkeSa(uint32_t peerIndex, bool originalInitiator);
    ~Ikev2IkeSa();
    Ikev2IkeSa(const Ikev2IkeSa&) = delete;
    Ikev2IkeSa& operator=(const Ikev2IkeSa&) = delete;

    /// \return "SPIi_SPIr" in hex, for logs and traces
    std::string GetName() const;

    /// \return this node's SPI
    uint64_t GetLocalSpi() const
    {
        return originalInitiator ? spiI : spiR;
    }

    /// \return the Child SA with an inbound or outbound SPI, or null
    /// \param spi the SPI
    Ikev2ChildSa* FindChild(uint32_t spi);

    /// \brief Cancel every timer and drop the events, which hold a Ptr to this SA (a cycle
    /// through EventId otherwise).
    void CancelTimers();

    /// \brief Forget a Child SA. \param inboundSpi its inbound SPI
    void RemoveChild(uint32_t inboundSpi);

    uint32_t peerIndex;                                 //!< connection index in the daemon
    bool originalInitiator;                             //!< sent the first IKE_SA_INIT
    uint64_t spiI{0};                                   //!< IKE SA initiator's SPI
    uint64_t spiR{0};                                   //!< IKE SA responder's SPI
    Ikev2IkeSaState state{Ikev2IkeSaState::CONNECTING}; //!< state
    Ikev2EndReason endReason{Ikev2EndReason::NONE};     //!< why it ended

    IpAddress localAddress;        //!< this node's IKE address
    IpAddress remoteAddress;       //!< the peer's IKE address
    uint16_t localPort{500};       //!< 4500 after the NAT-T switch
    uint16_t remotePort{500};      //!< likewise
    uint32_t fragmentOctets{0};    //!< octets of the RFC 7383 fragments received so far
    uint16_t fragmentCount{0};     //!< fragments of the message being reassembled
    uint16_t requestPort{0};       //!< source port of the last request (RFC 7296 2.11: answer it)
    bool natLocal{false};          //!< this node is behind a NAT (or we fake it)
    bool natRemote{false};         //!< the peer is behind a NAT (or fakes it)
    bool peerFragmentation{false}; //!< the peer announced IKEV2_FRAGMENTATION_SUPPORTED
    std::vector<uint16_t> peerHashes; //!< the peer's SIGNATURE_HASH_ALGORITHMS

    IkeTransformSet transforms;          //!< negotiated in IKE_SA_INIT
    Ikev2SaKeys keys;                    //!< SK_d, SK_a*, SK_e*, SK_p*
    std::unique_ptr<Ikev2SkCodec> codec; //!< protects SK payloads
    std::unique_ptr<KeyExchange> dh;     //!< own key pair until the keys are derived
    Bytes ni;                            //!< IKE_SA_INIT nonces
    Bytes nr;                            //!< IKE_SA_INIT nonces
    Bytes cookie;                        //!< COOKIE to echo (initiator)
    Bytes initRequest;                   //!< IKE_SA_INIT request octets (AUTH input)
    Bytes initResponse;                  //!< IKE_SA_INIT response octets (AUTH input)
    IkeIdentity peerId;                  //!< authenticated peer identity

    std::vector<Ikev2ChildSa> children;      //!< Child SA pairs
    std::unique_ptr<Ikev2TaskManager> tasks; //!< exchanges of this IKE SA

    Time createdAt;         //!< when the SA object was made
    Time establishedAt;     //!< when IKE_AUTH completed
    Time lastInbound;       //!< last authenticated message from the peer
    EventId rekeyEvent;     //!< IKE SA rekey
    EventId dpdEvent;       //!< liveness check
    EventId halfOpenEvent;  //!< gives up a responder SA that never authenticated
    EventId keepaliveEvent; //!< RFC 3948 NAT keepalives (behind a NAT)
};

} // namespace ns3

#endif // IPSEC_IKEV2_IKE_SA_H
