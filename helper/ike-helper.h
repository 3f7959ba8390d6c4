/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_IKE_HELPER_H
#define IPSEC_IKE_HELPER_H

#include "ipsec-helper.h"

#include "ns3/application-container.h"
#include "ns3/certificate-authority.h"
#include "ns3/ikev2-daemon.h"
#include "ns3/ikev2-peer-config.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"

#include <map>
#include <set>
#include <string>
#include <vector>

/**
 * \file
 * \ingroup ipsec
 * Installs IKEv2 daemons and configures connections between nodes.
 */

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Installs an Ikev2Daemon (and the IPsec data plane it needs) on nodes, and configures
 * connections between pairs of them: proposals in strongSwan's syntax, PSK or certificate
 * authentication from a simulated CA, transport or tunnel children, lifetimes, DPD, forced
 * UDP encapsulation. It can also record the keys of every IKE and ESP SA so that a capture
 * opens decrypted in Wireshark (ikev2_decryption_table and esp_sa).
 *
 * \code
 *   IkeHelper ike;
 *   ike.Install(nodes);
 *   ike.SetPsk("secret");
 *   std::string error;
 *   NS_ABORT_MSG_UNLESS(ike.Connect(a, addrA, b, addrB, IkeHelper::TransportChild(), Seconds(1),
 *                                   &error), error);
 * \endcode
 */
class IkeHelper
{
  public:
    IkeHelper();
    ~IkeHelper();
    IkeHelper(const IkeHelper&) = delete;
    IkeHelper& operator=(const IkeHelper&) = delete;

    /**
     * \brief Set an attribute of the daemons installed from now on.
     * \param name attribute name \param value its value
     */
    void SetDaemonAttribute(const std::string& name, const AttributeValue& value);

    /// \return the IpsecHelper used for nodes without a data plane (to set stack attributes)
    IpsecHelper& GetIpsecHelper();

    /**
     * \brief IKE proposals, strongSwan syntax, comma-separated in preference order.
     * \param proposals e.g. "aes128gcm16-prfsha256-x25519,aes256-sha256-modp2048"
     * \param error set to a message listing the known words if a word is unknown
     * \return whether they parsed
     */
    [[nodiscard]] bool SetIkeProposals(const std::string& proposals, std::string* error);

    /**
     * \brief ESP/AH proposals, strongSwan syntax, comma-separated in preference order.
     * \param proposals e.g. "aes128gcm16-esn,aes256-sha256-modp3072"
     * \param ah true for AH proposals
     * \param error set to a message if a word is unknown
     * \return whether they parsed
     */
    [[nodiscard]] bool SetChildProposals(const std::string& proposals, bool ah, std::string* error);

    /// \brief Authenticate with a pre-shared key. \param psk the key
    void SetPsk(const std::string& psk);

    /**
     * \brief Authenticate with certificates issued by @p ca: each node gets a key of
     * @p keyType and a certificate with its IKE address as subjectAltName and identity.
     * \param ca the CA every node trusts
     * \param keyType the nodes' key type
     * \param method AUTH method (DIGITAL_SIGNATURE for RFC 7427, or RSA_SIG / ECDSA_*)
     * \param scheme the RFC 7427 scheme for DIGITAL_SIGNATURE
     */
    void SetCertificates(Ptr<CertificateAuthority> ca,
                         KeyType keyType,
                         AuthMethod method = AuthMethod::DIGITAL_SIGNATURE,
                         SignatureScheme scheme = SignatureScheme::ECDSA_SHA256);

    /**
     * \brief Lifetimes of the connections configured from now on.
     * \param childRekey Child SA rekey time \param childLife Child SA hard lifetime
     * \param ikeRekey IKE SA rekey (reauthentication) time, zero for never
     */
    void SetLifetimes(Time childRekey, Time childLife, Time ikeRekey);

    /// \brief Replace IKE SAs by reauthentication (a new IKE_SA_INIT/IKE_AUTH, RFC 7296 2.8.3)
    /// instead of rekeying them. \param reauthenticate on/off
    void SetReauthenticate(bool reauthenticate);

    /// \brief Dead-peer detection after this much idle time (0: off). \param delay the time
    void SetDpdDelay(Time delay);

    /// \brief Make initiators fake NAT detection so ESP runs in UDP 4500. \param force on/off
    void SetForceEncapsulation(bool force);

    /**
     * \brief Install the data plane (if missing) and a daemon on each node.
     * \param nodes the nodes
     * \return the daemons
     */
    ApplicationContainer Install(NodeContainer nodes);

    /// \return the daemon installed on a node, or null \param node the node
    Ptr<Ikev2Daemon> GetDaemon(Ptr<Node> node) const;

    /**
     * \brief Configure a connection: @p initiator starts it at @p start, @p responder answers.
     * \param initiator the initiating node \param initiatorAddress its IKE address
     * \param responder the responding node \param responderAddress its IKE address
     * \param child the Child SA (from the initiator's point of view); its proposals default to
     *        SetChildProposals' \param start when the initiator starts
     * \param error set to a message naming the fix
     * \return whether both daemons accepted the configuration
     */
    [[nodiscard]] bool Connect(Ptr<Node> initiator,
                               IpAddress initiatorAddress,
                               Ptr<Node> responder,
                               IpAddress responderAddress,
                               Ikev2ChildConfig child,
                               Time start,
                               std::string* error);

    /// \return a transport-mode child protecting all traffic between the two IKE addresses
    static Ikev2ChildConfig TransportChild();

    /**
     * \brief A tunnel-mode child between two networks.
     * \param initiatorSide the networks behind the initiator
     * \param responderSide the networks behind the responder
     * \return the child
     */
    static Ikev2ChildConfig TunnelChild(const IpAddressRange& initiatorSide,
                                        const IpAddressRange& responderSide);

    /**
     * \brief Fixed random streams for the daemons and data planes of @p nodes.
     * \param nodes the nodes \param stream first stream
     * \return the number of streams used
     */
    int64_t AssignStreams(NodeContainer nodes, int64_t stream);

    /**
     * \brief Record the keys of IKE and ESP SAs as they come up (call after Install).
     */
    void EnableKeyTables();

    /// \return tshark -o arguments (ikev2_decryption_table and esp_sa records) so far
    std::vector<std::string> GetKeyTableOptions() const;

    /**
     * \brief Write GetKeyTableOptions(), one per line (the format of the module's tshark
     * oracle; for tshark, pass each line after -o, e.g. from a bash array, since the names contain
     * spaces).
     * \param filename the file
     * \return false if it cannot be written
     */
    [[nodiscard]] bool WriteKeyTables(const std::string& filename) const;

  private:
    /// The authentication of a node (key and certificate made on first use).
    bool MakeAuth(Ptr<Node> node,
                  const IpAddress& address,
                  Ikev2AuthConfig* auth,
                  std::string* error);
    /// Key-table sink for IKE SAs (raw pointer: a Ptr bound into the daemon's own trace would
    /// keep it alive forever). \param daemon the daemon \param event the state change
    void RecordIkeSa(Ikev2Daemon* daemon, const Ikev2IkeSaEvent& event);
    /// Key-table sink for Child SAs. \param node the daemon's node \param event the event
    void RecordChildSa(Node* node, const Ikev2ChildSaEvent& event);

    ObjectFactory m_daemonFactory;                      //!< makes the daemons
    IpsecHelper m_ipsec;                                //!< installs missing data planes
    std::vector<IkeProposalConfig> m_ike;               //!< IKE proposals
    std::vector<ChildProposalConfig> m_child;           //!< child proposals
    std::string m_psk{"ns-3 ipsec shared secret"};      //!< PSK
    Ptr<CertificateAuthority> m_ca;                     //!< certificate authentication (null: PSK)
    KeyType m_keyType{KeyType::ECDSA_P256};             //!< node key type
    AuthMethod m_method{AuthMethod::DIGITAL_SIGNATURE}; //!< signature method
    SignatureScheme m_scheme{SignatureScheme::ECDSA_SHA256}; //!< RFC 7427 scheme
    Time m_childRekey{Seconds(3600)};                        //!< child rekey
    Time m_childLife{Seconds(3960)};                         //!< child hard lifetime
    Time m_ikeRekey{Seconds(14400)};                         //!< IKE rekey
    Time m_dpdDelay{Seconds(0)};                             //!< DPD
    bool m_forceEncap{false};                                //!< forced UDP encapsulation
    bool m_reauthenticate{false};                            //!< reauthenticate instead of rekeying
    std::map<std::pair<uint32_t, IpAddress>, Ikev2AuthConfig> m_credentials; //!< per node/address
    std::vector<std::string> m_keyTable;     //!< recorded tshark options
    std::set<std::string> m_keySeen;         //!< dedup
    std::vector<Ptr<Ikev2Daemon>> m_daemons; //!< installed daemons
};

} // namespace ns3

#endif // IPSEC_IKE_HELPER_H
