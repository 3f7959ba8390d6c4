/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_IPSEC_HELPER_H
#define IPSEC_IPSEC_HELPER_H

#include "ns3/ipsec-stack.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"
#include "ns3/sa-pair.h"
#include "ns3/security-policy.h"

#include <string>
#include <vector>

/**
 * \file
 * \ingroup ipsec
 * IpsecHelper: installs the IPsec data plane on nodes and keys it by hand.
 */

namespace ns3
{

class RandomSource;

/**
 * \ingroup ipsec
 * \brief Installs IpsecStack on nodes (after InternetStackHelper) and configures SAs and
 * policies by hand, the way `ip xfrm state/policy add` or `setkey` do on Linux.
 *
 * \code
 *   InternetStackHelper internet;
 *   internet.Install(nodes);
 *   IpsecHelper ipsec;
 *   ipsec.Install(nodes);
 *   ipsec.SetEspTransform(EncrId::AES_GCM_16, 128, IntegId::NONE);
 *   std::string error;
 *   if (!ipsec.ProtectTunnel(gwA, wanA, lanA, gwB, wanB, lanB, &error)) { ... }
 *   ipsec.WriteEspSaUat("esp_sa");
 * \endcode
 *
 * Keys and SPIs of the SAs the helper makes come from ns-3 random streams (AssignStreams).
 */
class IpsecHelper
{
  public:
    IpsecHelper();
    ~IpsecHelper();

    IpsecHelper(const IpsecHelper&) = delete;
    IpsecHelper& operator=(const IpsecHelper&) = delete;

    /**
     * \brief Sets an attribute of the IpsecStack objects Install() creates.
     * \param name attribute name
     * \param value attribute value
     */
    void SetStackAttribute(const std::string& name, const AttributeValue& value);

    /**
     * \brief Installs IPsec on a node that has an Internet stack (IPv4, IPv6 or both); on
     * failure stops the simulation with a message naming the fix.
     * \param node the node
     * \return the stack
     */
    Ptr<IpsecStack> Install(Ptr<Node> node) const;

    /**
     * \brief Install() on every node of a container.
     * \param nodes the nodes
     */
    void Install(NodeContainer nodes) const;

    /// \brief Install() on every node of the simulation.
    void InstallAll() const;

    /**
     * \brief Installs IPsec on a node, reporting failure instead of stopping.
     * \param node the node
     * \param error set to a message naming the fix (may be null)
     * \return the stack, or null on failure
     */
    Ptr<IpsecStack> TryInstall(Ptr<Node> node, std::string* error) const;

    /**
     * \brief Chooses ESP (with these transforms) for the SAs ProtectTransport/ProtectTunnel
     * make. Default: AES-GCM-16 with 128-bit keys, no separate integrity (RFC 8221 MUST).
     * \param encr encryption transform
     * \param keyBits key length in bits (0 for fixed-length transforms)
     * \param integ integrity transform (NONE with AEAD)
     */
    void SetEspTransform(EncrId encr, uint16_t keyBits, IntegId integ);

    /**
     * \brief Chooses AH (with this integrity transform) for the SAs the helper makes.
     * \param integ integrity transform
     */
    void SetAhTransform(IntegId integ);

    /**
     * \brief With ESP, also apply AH (outside ESP, RFC 4301 4.3 bundle) with this integrity
     * transform; IntegId::NONE (default) turns the bundle off.
     * \param integ AH integrity transform
     */
    void SetAhBundle(IntegId integ);

    /**
     * \brief Sets the lifetimes of the SAs the helper makes.
     * \param lifetime the lifetimes
     */
    void SetLifetime(const SaLifetime& lifetime);

    /**
     * \brief RFC 3948 UDP encapsulation for the SAs the helper makes (port 4500 both ends).
     * \param enable on or off
     */
    void SetUdpEncapsulation(bool enable);

    /**
     * \brief Extended sequence numbers and replay window for the SAs the helper makes.
     * \param esn 64-bit sequence numbers
     * \param replayWindow window in packets (0 disables the replay check)
     */
    void SetSequenceOptions(bool esn, uint32_t replayWindow);

    /**
     * \brief Installs a fully described pair of SAs: A's outbound and inbound SA on \p a, B's
     * on \p b (`ip xfrm state add` on both hosts). No policy is added.
     * \param a node A (has IPsec)
     * \param b node B (has IPsec)
     * \param spec the pair
     * \param error set to a message naming the fix (may be null)
     * \return true on success
     */
    [[nodiscard]] bool AddSaPair(Ptr<Node> a,
                                 Ptr<Node> b,
                                 const SaPairSpec& spec,
                                 std::string* error);

    /**
     * \brief Adds a policy to a node's SPD (`ip xfrm policy add`).
     * \param node the node (has IPsec)
     * \param policy the policy
     * \param id set to its id (may be null)
     * \param error set to a message naming the fix (may be null)
     * \return true on success
     */
    [[nodiscard]] bool AddPolicy(Ptr<Node> node,
                                 Ptr<SecurityPolicy> policy,
                                 uint32_t* id,
                                 std::string* error);

    /**
     * \brief Protects the traffic between two hosts in transport mode: a fresh SA pair (SPIs
     * allocated by each receiver, keys from the helper's random stream) and OUTBOUND and
     * INBOUND PROTECT policies on both hosts.
     * \param a host A
     * \param addressA A's address
     * \param b host B
     * \param addressB B's address
     * \param protocol only this upper-layer protocol (0: all)
     * \param error set to a message naming the fix (may be null)
     * \return true on success
     */
    [[nodiscard]] bool ProtectTransport(Ptr<Node> a,
                                        IpAddress addressA,
                                        Ptr<Node> b,
                                        IpAddress addressB,
                                        uint8_t protocol,
                                        std::string* error);

    /**
     * \brief Joins two networks with a tunnel-mode SA pair between two security gateways,
     * with OUTBOUND and INBOUND PROTECT policies for networkA <-> networkB on both gateways.
     * \param gatewayA gateway A
     * \param outerA A's tunnel endpoint address
     * \param networkA the network behind A
     * \param gatewayB gateway B
     * \param outerB B's tunnel endpoint address
     * \param networkB the network behind B
     * \param error set to a message naming the fix (may be null)
     * \return true on success
     */
    [[nodiscard]] bool ProtectTunnel(Ptr<Node> gatewayA,
                                     IpAddress outerA,
                                     const IpAddressRange& networkA,
                                     Ptr<Node> gatewayB,
                                     IpAddress outerB,
                                     const IpAddressRange& networkB,
                                     std::string* error);

    /**
     * \brief Builds (without installing) a fresh SA pair spec with the helper's transforms:
     * SPIs from the receivers' stacks, keys from the helper's random stream, a new reqid.
     * \param a node A
     * \param addressA A's (outer) address
     * \param b node B
     * \param addressB B's (outer) address
     * \param mode transport or tunnel
     * \param selectorA traffic as A sees it
     * \param spec set to the spec
     * \param error set to a message naming the fix (may be null)
     * \return true on success
     */
    [[nodiscard]] bool MakeSaPairSpec(Ptr<Node> a,
                                      IpAddress addressA,
                                      Ptr<Node> b,
                                      IpAddress addressB,
                                      IpsecMode mode,
                                      const IpsecSelector& selectorA,
                                      SaPairSpec* spec,
                                      std::string* error);

    /**
     * \brief Fixes the random streams of the nodes' stacks and of the helper's key generator.
     * \param nodes nodes with IPsec
     * \param stream first stream index
     * \return the number of streams used
     */
    int64_t AssignStreams(NodeContainer nodes, int64_t stream);

    /**
     * \brief The Wireshark `esp_sa` UAT entry of an SA (Wireshark 4.0 names; an AEAD key is
     * key || salt with integrity NULL).
     * \param params the SA
     * \return the entry, or "" when Wireshark cannot decrypt the SA's transforms
     */
    static std::string GetEspSaUatEntry(const SaParams& params);

    /// \return the `esp_sa` entries of every ESP SA the helper installed
    std::vector<std::string> GetEspSaUatEntries() const;

    /**
     * \brief Writes the `esp_sa` entries of every SA the helper installed.
     * \param filename the file
     * \param tsharkOptions false: a Wireshark profile `esp_sa` file; true: one
     *        `uat:esp_sa:...` option per line, as `tshark -o` and the test oracle take them
     * \return false when the file cannot be written
     */
    [[nodiscard]] bool WriteEspSaUat(const std::string& filename, bool tsharkOptions) const;

  private:
    /**
     * \brief Adds the AH SA pair of an ESP+AH bundle (when SetAhBundle asked for one).
     * \param a node A
     * \param b node B
     * \param esp the ESP pair just installed
     * \param error set to a message naming the fix (may be null)
     * \return true on success or when no bundle is wanted
     */
    [[nodiscard]] bool AddAhBundle(Ptr<Node> a,
                                   Ptr<Node> b,
                                   const SaPairSpec& esp,
                                   std::string* error);

    IntegId m_ahBundle{IntegId::NONE}; //!< AH of an ESP+AH bundle, NONE: no bundle
    ObjectFactory m_stackFactory;      //!< makes the stacks
    SaPairSpec m_proposal;             //!< transforms and options of the SAs the helper makes
    Ptr<RandomSource> m_keyRng;        //!< keys of the SAs the helper makes
    std::vector<SaParams> m_installed; //!< SAs installed (for key tables)
};

} // namespace ns3

#endif // IPSEC_IPSEC_HELPER_H
