/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_IKEV2_PEER_CONFIG_H
#define IPSEC_IKEV2_PEER_CONFIG_H

#include "ikev2-proposal-config.h"

#include "ns3/certificate-validator.h"
#include "ns3/certificate.h"
#include "ns3/crypto-types.h"
#include "ns3/ike-identity.h"
#include "ns3/ip-address.h"
#include "ns3/ipsec-types.h"
#include "ns3/nstime.h"
#include "ns3/private-key.h"
#include "ns3/signature-algorithm.h"
#include "ns3/traffic-selector.h"
#include "ns3/transform-ids.h"

#include <string>
#include <vector>

/**
 * \file
 * \ingroup ipsec
 * What an IKEv2 daemon is told about a peer: swanctl.conf's connection, cut into structs.
 */

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief When a connection's Child SA is negotiated (swanctl start_action).
 */
enum class Ikev2StartAction : uint8_t
{
    NONE,  //!< responder only: wait for the peer
    START, //!< initiate at the connection's start time
    TRAP,  //!< install the policies, initiate on the first packet (kernel ACQUIRE)
};

/**
 * \ingroup ipsec
 * \brief How one side authenticates (RFC 7296 2.15, RFC 7427).
 */
struct Ikev2AuthConfig
{
    AuthMethod method{AuthMethod::SHARED_KEY_MIC};         //!< the AUTH method this side uses
    Bytes psk;                                             //!< shared key (SHARED_KEY_MIC)
    Ptr<PrivateKey> key;                                   //!< signing key (signature methods)
    Ptr<Certificate> certificate;                          //!< end-entity certificate sent in CERT
    std::vector<Ptr<Certificate>> intermediates;           //!< sent in further CERT payloads
    SignatureScheme scheme{SignatureScheme::ECDSA_SHA256}; //!< DIGITAL_SIGNATURE's scheme
};

/**
 * \ingroup ipsec
 * \brief One Child SA of a connection (swanctl children section).
 */
struct Ikev2ChildConfig
{
    std::string name{"child"};                       //!< for logs and traces
    std::vector<ChildProposalConfig> proposals;      //!< in preference order
    IpsecMode mode{IpsecMode::TRANSPORT};            //!< transport or tunnel
    bool hostSelectors{true};                        //!< selectors are the IKE addresses
    IpsecSelector selector;                          //!< otherwise: local/remote, this side's view
    Ikev2StartAction start{Ikev2StartAction::START}; //!< when the initiator negotiates it
    Time rekeyTime{Seconds(3600)};                   //!< soft lifetime (0: never rekey)
    Time lifeTime{Seconds(3960)};                    //!< hard lifetime (0: none)
    uint32_t replayWindow{64};                       //!< anti-replay window of inbound SAs
};

/**
 * \ingroup ipsec
 * \brief A connection to a peer (swanctl connections section).
 */
struct Ikev2PeerConfig
{
    std::string name{"peer"};                          //!< for logs and traces
    IpAddress localAddress;                            //!< IKE address of this node
    IpAddress remoteAddress;                           //!< the peer's (any address: responder only,
                                                       //!< matches every initiator)
    bool anyRemote{false};                             //!< remoteAddress is a wildcard
    IkeIdentity localId;                               //!< sent in IDi/IDr
    IkeIdentity remoteId;                              //!< expected from the peer (type 0: any)
    std::vector<IkeProposalConfig> ikeProposals;       //!< in preference order
    Ikev2AuthConfig localAuth;                         //!< how this side proves itself
    AuthMethod remoteAuth{AuthMethod::SHARED_KEY_MIC}; //!< what the peer must use
    Ptr<CertificateValidator> trust;                   //!< validates the peer's certificates
    std::vector<Ikev2ChildConfig> children;            //!< Child SAs
    Time startTime{Seconds(0)};                        //!< for START children
    Time ikeRekeyTime{Seconds(14400)};                 //!< IKE SA rekey (0: never)
    Time dpdDelay{Seconds(0)};      //!< idle time before a liveness check (0: off)
    bool forceEncapsulation{false}; //!< fake NAT detection: ESP in UDP 4500
    bool fragmentation{true};       //!< announce and use RFC 7383
    bool reauthenticate{false};     //!< make a new IKE SA instead of rekeying

    /**
     * \brief Check the configuration.
     * \param error set to a message naming the field to fix
     * \return whether it is usable
     */
    [[nodiscard]] bool Validate(std::string* error) const;
};

} // namespace ns3

#endif // IPSEC_IKEV2_PEER_CONFIG_H
