/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_IKEV2_DAEMON_H
#define IPSEC_IKEV2_DAEMON_H

#include "ikev2-cookie-jar.h"
#include "ikev2-events.h"
#include "ikev2-ike-sa.h"
#include "ikev2-peer-config.h"
#include "ikev2-task-manager.h"

#include "ns3/application.h"
#include "ns3/ikev2-key-derivation.h"
#include "ns3/ikev2-message.h"
#include "ns3/ikev2-notify-type.h"
#include "ns3/kernel-interface.h"
#include "ns3/sa-params.h"
#include "ns3/traced-callback.h"

#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

/**
 * \file
 * \ingroup ipsec
 * The IKEv2 daemon of a node (RFC 7296), an ns-3 Application on UDP 500 and 4500.
 */

namespace ns3
{

class Address;
class Packet;
class RandomSource;
class Socket;

/**
 * \ingroup ipsec
 * \brief A node's IKEv2 daemon (strongSwan's charon): negotiates IKE and Child SAs with the
 * configured peers and installs them through the node's KernelInterface.
 *
 * One IKE SA is an Ikev2IkeSa; its exchanges are tasks run by its Ikev2TaskManager. The daemon
 * owns the sockets (UDP 500, and 4500 with the RFC 3948 non-ESP marker), finds the IKE SA of a
 * message by SPI, answers IKE_SA_INIT statelessly when it must (COOKIE, INVALID_KE_PAYLOAD,
 * NO_PROPOSAL_CHOSEN), turns kernel ACQUIRE/EXPIRE events into exchanges, and runs the rekey
 * and liveness timers.
 */
class Ikev2Daemon : public Application
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    Ikev2Daemon();
    ~Ikev2Daemon() override;

    /// Trace of messages. \param event the message
    typedef void (*MessageTracedCallback)(const Ikev2MessageEvent& event);
    /// Trace of IKE SA state changes. \param event the change
    typedef void (*IkeSaTracedCallback)(const Ikev2IkeSaEvent& event);
    /// Trace of Child SA events. \param event the event
    typedef void (*ChildSaTracedCallback)(const Ikev2ChildSaEvent& event);
    /// Trace of dropped datagrams. \param reason why
    typedef void (*DropTracedCallback)(const std::string& reason);

    /**
     * \brief Add a connection (before the application starts).
     * \param config the connection
     * \param error set to a message naming the fix when the configuration is rejected
     * \return the connection's index, or -1 on error
     */
    int32_t AddPeer(const Ikev2PeerConfig& config, std::string* error);

    /// \return the number of connections
    uint32_t GetNPeers() const;

    /// \param index connection index \return the connection
    const Ikev2PeerConfig& GetPeer(uint32_t index) const;

    /**
     * \brief Start negotiating a connection now (IKE SA and its START/TRAP children).
     * \param peerIndex connection index
     */
    void Initiate(uint32_t peerIndex);

    /**
     * \brief Rekey a Child SA now (CREATE_CHILD_SA with REKEY_SA).
     * \param inboundSpi the pair's inbound SPI
     * \return false if no such Child SA is installed
     */
    bool RekeyChild(uint32_t inboundSpi);

    /**
     * \brief Rekey the IKE SA of a connection now.
     * \param peerIndex connection index
     * \return false if it has no established IKE SA
     */
    bool RekeyIkeSa(uint32_t peerIndex);

    /**
     * \brief Delete the IKE SA of a connection (INFORMATIONAL Delete).
     * \param peerIndex connection index
     * \return false if it has no established IKE SA
     */
    bool Terminate(uint32_t peerIndex);

    /// \return the IKE SAs (established or not), for inspection
    std::vector<Ptr<Ikev2IkeSa>> GetIkeSas() const;

    /// \return the established IKE SA of a connection, or null \param peerIndex index
    Ptr<Ikev2IkeSa> GetEstablishedIkeSa(uint32_t peerIndex) const;

    /// \return the IKE SA with this node's SPI, or null \param localSpi the SPI
    Ptr<Ikev2IkeSa> FindIkeSa(uint64_t localSpi) const;

    /// \return half-open (responder, not yet authenticated) IKE SAs
    uint32_t GetHalfOpenCount() const;

    /**
     * \brief Use fixed streams for nonces, SPIs, DH keys, cookies and jitter.
     * \param stream first stream
     * \return the number of streams used
     */
    int64_t AssignStreams(int64_t stream);

    // --- used by tasks and the task manager ---------------------------------------------

    /// \return the node's kernel interface
    Ptr<KernelInterface> GetKernel() const;
    /// \return the random source
    RandomSource& GetRandom() const;

    /**
     * \brief Protect (except IKE_SA_INIT), fragment if needed, and send a message of an IKE SA.
     * The header's SPIs, flags and lengths are filled in here.
     * \param sa the IKE SA
     * \param msg the message
     * \param datagrams set to what was sent (for retransmission / the response cache)
     * \return false if it could not be protected (the SA is then failed)
     */
    bool Transmit(Ikev2IkeSa& sa, Ikev2Message& msg, std::vector<Bytes>* datagrams);

    /**
     * \brief Send datagrams again.
     * \param sa the IKE SA
     * \param datagrams what Transmit sent
     * \param event trace record of the message
     */
    void Retransmit(Ikev2IkeSa& sa, const std::vector<Bytes>& datagrams, Ikev2MessageEvent event);

    /**
     * \brief Make the responder task for a request.
     * \param sa the IKE SA
     * \param request the request
     * \return the task, or null to answer with INVALID_SYNTAX
     */
    std::unique_ptr<Ikev2Task> CreateResponderTask(Ptr<Ikev2IkeSa> sa, const Ikev2Message& request);

    /**
     * \brief Move an IKE SA to a state and trace it.
     * \param sa the IKE SA
     * \param state the new state
     */
    void SetState(Ikev2IkeSa& sa, Ikev2IkeSaState state);

    /**
     * \brief End an IKE SA: remove its Child SAs from the kernel, stop its timers, trace.
     * \param sa the IKE SA
     * \param reason why
     */
    void EndIkeSa(Ikev2IkeSa& sa, Ikev2EndReason reason);

    /// \brief IKE_AUTH completed: start timers, trace. \param sa the IKE SA
    void OnIkeSaEstablished(Ikev2IkeSa& sa);

    /**
     * \brief A rekeyed IKE SA takes over from the old one (RFC 7296 2.18): the Child SAs move
     * over, the new SA is established and the old one is marked REKEYED.
     * \param oldSa the SA being replaced
     * \param fresh the new SA (keys and codec ready)
     */
    void AdoptRekeyedIkeSa(Ikev2IkeSa& oldSa, Ptr<Ikev2IkeSa> fresh);

    /// \brief Try an IKE SA rekey again a few seconds from now. \param sa the IKE SA
    void ScheduleIkeRekeyRetry(Ptr<Ikev2IkeSa> sa);

    /// \return a fresh IKE SPI (non-zero, unused on this node)
    uint64_t NewIkeSpi();

    /**
     * \brief The kernel reqid of a child of a connection towards a remote address (one per
     * (connection, child, peer address), so that a gateway's spokes have their own).
     * \param peerIndex connection index
     * \param childIndex child index
     * \param remote the peer's address
     * \return the reqid
     */
    uint32_t GetReqid(uint32_t peerIndex, uint32_t childIndex, const IpAddress& remote);

    /**
     * \brief The selector of a child from this node's point of view (the IKE addresses when the
     * child uses host selectors).
     * \param sa the IKE SA
     * \param childIndex child index
     * \return the selector
     */
    IpsecSelector GetChildSelector(const Ikev2IkeSa& sa, uint32_t childIndex) const;

    /**
     * \brief Install a negotiated Child SA pair in the kernel.
     * \param sa the IKE SA
     * \param child the pair (SPIs, transforms, selector, reqid)
     * \param keys KEYMAT split per direction
     * \param weInitiated this node initiated the exchange that made it
     * \param installOutbound false to defer the outbound SA (rekey responder, RFC 7296 2.8)
     * \param rekeyedFrom the inbound SPI of the pair it replaces, 0 for a new one
     * \return false if the kernel refused (traced and logged)
     */
    bool InstallChild(Ikev2IkeSa& sa,
                      Ikev2ChildSa& child,
                      const Ikev2ChildKeys& keys,
                      bool weInitiated,
                      bool installOutbound,
                      uint32_t rekeyedFrom);

    /**
     * \brief Install the deferred outbound SA of a pair.
     * \param sa the IKE SA
     * \param child the pair
     */
    void InstallDeferredOutbound(Ikev2IkeSa& sa, Ikev2ChildSa& child);

    /**
     * \brief Remove a pair from the kernel and from the IKE SA.
     * \param sa the IKE SA
     * \param inboundSpi the pair's inbound SPI
     */
    void DeleteChild(Ikev2IkeSa& sa, uint32_t inboundSpi);

    /**
     * \brief Simulated processing time of a step (the processing-delay model).
     * \param dhOps key-exchange computations (key pair + shared secret count as one)
     * \param signatures signatures made
     * \param verifications signatures verified
     * \return the delay
     */
    Time GetProcessingDelay(uint32_t dhOps, uint32_t signatures, uint32_t verifications) const;

    /// \return the RFC 7383 size limit of one IKE datagram towards a peer \param sa the IKE SA
    size_t GetFragmentSize(const Ikev2IkeSa& sa) const;

    /// \return the retransmission schedule
    Ikev2RetransmitPolicy GetRetransmitPolicy() const;

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;

    /// Stop every IKE SA's exchanges and timers (application stop, dispose).
    void HaltSas();
    /// Socket receive callback. \param socket the socket
    void HandleRead(Ptr<Socket> socket);
    /// One datagram. \param data octets (marker removed) \param from peer \param to local
    /// \param localPort port it arrived on \param remotePort peer's port
    void HandleDatagram(const Bytes& data,
                        const IpAddress& from,
                        uint16_t remotePort,
                        const IpAddress& to,
                        uint16_t localPort);
    /// An IKE_SA_INIT request without an SA yet.
    void HandleInitRequest(const Ikev2Message& msg,
                           const Bytes& data,
                           const IpAddress& from,
                           uint16_t remotePort,
                           const IpAddress& to,
                           uint16_t localPort);
    /// Send octets to the peer of an SA, or to an address.
    void SendDatagram(const Bytes& data,
                      const IpAddress& to,
                      uint16_t remotePort,
                      uint16_t localPort);
    /// Answer an IKE_SA_INIT request statelessly with one notify.
    void SendStatelessNotify(const Ikev2Message& request,
                             Ikev2NotifyType type,
                             Bytes data,
                             const IpAddress& to,
                             uint16_t remotePort,
                             uint16_t localPort);
    /// Find the connection a peer address (and local address) belongs to.
    int32_t FindPeer(const IpAddress& local, const IpAddress& remote) const;
    /// The established or connecting IKE SA of a connection towards an address.
    Ptr<Ikev2IkeSa> FindIkeSaFor(uint32_t peerIndex, const IpAddress& remote) const;
    /// Start an IKE SA for a connection, with the children of the given start actions.
    Ptr<Ikev2IkeSa> StartIkeSa(uint32_t peerIndex, const std::vector<uint32_t>& children);
    /// Install the outbound and inbound policies of a child (TRAP/START initiators at start,
    /// responders when the first pair comes up).
    void EnsurePolicies(uint32_t peerIndex,
                        uint32_t childIndex,
                        const IpAddress& local,
                        const IpAddress& remote,
                        const IpsecSelector& selector);
    /// Kernel ACQUIRE. \param event the event
    void HandleAcquire(const AcquireEvent& event);
    /// Kernel EXPIRE. \param event the event
    void HandleExpire(const ExpireEvent& event);
    /// Trace a Child SA event.
    void NotifyChild(const Ikev2IkeSa& sa,
                     const Ikev2ChildSa& child,
                     Ikev2ChildEventType type,
                     uint32_t rekeyedFrom);
    /// Schedule the IKE SA rekey and DPD timers.
    void ScheduleIkeTimers(Ptr<Ikev2IkeSa> sa);
    /// DPD timer: send an empty INFORMATIONAL if the peer was idle.
    void CheckLiveness(Ptr<Ikev2IkeSa> sa);
    /// IKE SA rekey timer.
    void StartIkeRekey(Ptr<Ikev2IkeSa> sa);
    /// RFC 3948 2.3 NAT keepalive timer.
    void SendKeepalive(Ptr<Ikev2IkeSa> sa);
    /// Draw a new COOKIE secret, and schedule the next change.
    void RotateCookieSecret();
    /// Responder SA that never authenticated.
    void ExpireHalfOpen(Ptr<Ikev2IkeSa> sa);
    /// Remove a dead SA from the tables.
    void Forget(Ikev2IkeSa& sa);
    /// Trace record of a message.
    Ikev2MessageEvent MakeEvent(const Ikev2Message& msg, const std::vector<Bytes>& datagrams) const;
    /// Time with random jitter subtracted (rekey margin).
    Time Jittered(Time t) const;

    // attributes
    Time m_retransmitTimeout;   //!< first retransmission wait
    double m_retransmitBase;    //!< growth per retransmission
    uint32_t m_retransmitTries; //!< retransmissions before giving up
    uint32_t m_cookieThreshold; //!< half-open SAs before COOKIE is required
    uint32_t m_maxHalfOpen;     //!< half-open SAs beyond which requests are dropped
    Time m_halfOpenTimeout;     //!< responder gives up an unauthenticated SA
    Time m_cookieLifetime;      //!< COOKIE secret period
    EventId m_cookieEvent;      //!< next COOKIE secret change
    double m_rekeyJitter;       //!< fraction of a lifetime subtracted at random
    Time m_dhTime;              //!< processing delay per key-exchange operation
    Time m_signTime;            //!< processing delay per signature
    Time m_verifyTime;          //!< processing delay per verification
    Time m_messageTime;         //!< processing delay per message
    uint32_t m_ikeMtu;          //!< path MTU assumed for RFC 7383 fragmentation
    Time m_keepaliveInterval;   //!< NAT keepalive period (0: off)

    std::vector<Ikev2PeerConfig> m_peers;                //!< connections
    Ptr<RandomSource> m_rng;                             //!< nonces, SPIs, keys, jitter
    Ptr<KernelInterface> m_kernel;                       //!< the node's data plane
    Ptr<Socket> m_socket500;                             //!< UDP 500 (IPv4)
    Ptr<Socket> m_socket4500;                            //!< UDP 4500 (IPv4)
    Ptr<Socket> m_socket500v6;                           //!< UDP 500 (IPv6)
    Ptr<Socket> m_socket4500v6;                          //!< UDP 4500 (IPv6)
    std::unordered_map<uint64_t, Ptr<Ikev2IkeSa>> m_sas; //!< by this node's SPI
    std::map<std::tuple<uint32_t, uint32_t, IpAddress>, uint32_t> m_reqids; //!< reqid table
    std::map<uint32_t, std::vector<uint32_t>> m_policies; //!< reqid -> installed policy ids
    std::map<uint32_t, SaParams> m_deferred;              //!< deferred outbound SAs, by inbound SPI
    uint32_t m_nextReqid{0x1000};                         //!< reqids this daemon hands out
    uint32_t m_halfOpen{0};                               //!< responder SAs not yet authenticated
    Ikev2CookieJar m_cookies;                             //!< RFC 7296 2.6 cookies

    TracedCallback<const Ikev2MessageEvent&> m_sentTrace;       //!< message sent
    TracedCallback<const Ikev2MessageEvent&> m_receivedTrace;   //!< message received
    TracedCallback<const Ikev2MessageEvent&> m_retransmitTrace; //!< retransmission
    TracedCallback<const Ikev2IkeSaEvent&> m_ikeSaTrace;        //!< IKE SA state change
    TracedCallback<const Ikev2ChildSaEvent&> m_childSaTrace;    //!< Child SA event
    TracedCallback<const std::string&> m_dropTrace;             //!< datagram dropped (reason)
};

} // namespace ns3

#endif // IPSEC_IKEV2_DAEMON_H
