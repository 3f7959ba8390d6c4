/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_IKEV2_PROPOSAL_CONFIG_H
#define IPSEC_IKEV2_PROPOSAL_CONFIG_H

#include "ns3/crypto-types.h"
#include "ns3/ikev2-proposal.h"
#include "ns3/ipsec-types.h"
#include "ns3/transform-ids.h"

#include <cstdint>
#include <string>
#include <vector>

/**
 * \file
 * \ingroup ipsec
 * What a node is willing to negotiate, one proposal at a time, written in strongSwan's proposal
 * syntax ("aes128gcm16-prfsha256-x25519") or built field by field.
 */

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief One encryption transform with its key length.
 */
struct Ikev2EncrChoice
{
    EncrId id{EncrId::AES_GCM_16}; //!< the algorithm
    uint16_t keyBits{128};         //!< Key Length attribute in bits; 0 for fixed-length ciphers

    /**
     * \brief Whether a cipher takes the Key Length attribute (RFC 7296 3.3.5: variable-length
     * ciphers only; it MUST NOT be sent with fixed-length ones such as 3DES or ChaCha20).
     * \param id the cipher
     * \return true for the AES family (CBC, CTR, CCM, GCM, GMAC)
     */
    static bool UsesKeyLength(EncrId id);

    /// \param o the other choice \return whether algorithm and key length are the same
    bool operator==(const Ikev2EncrChoice& o) const
    {
        return id == o.id && keyBits == o.keyBits;
    }
};

/**
 * \ingroup ipsec
 * \brief An IKE SA proposal: every algorithm of each type the node accepts, in its preference
 * order (RFC 7296 3.3: the transforms of one type are alternatives, the types are combined).
 */
struct IkeProposalConfig
{
    std::vector<Ikev2EncrChoice> encr; //!< encryption (all AEAD or all not)
    std::vector<PrfId> prf;            //!< pseudorandom functions
    std::vector<IntegId> integ;        //!< integrity (empty with AEAD ciphers)
    std::vector<DhGroupId> dh;         //!< key-exchange groups

    /**
     * \brief Parse strongSwan's IKE proposal syntax: algorithm keywords joined by '-', e.g.
     * "aes128gcm16-prfsha256-x25519" or "aes256-sha256-modp2048".
     *
     * Without a prf keyword the PRFs follow from the integrity algorithms as strongSwan derives
     * them (sha256 gives prfsha256, ...); an AEAD proposal has no integrity algorithm to derive
     * from and needs an explicit prf. AEAD and non-AEAD ciphers cannot share a proposal
     * (RFC 5282 8).
     *
     * \param text the proposal
     * \param[out] out the parsed proposal (untouched on failure)
     * \param[out] error why the text was refused, naming the word (may be nullptr)
     * \return true on success
     */
    [[nodiscard]] static bool Parse(const std::string& text,
                                    IkeProposalConfig* out,
                                    std::string* error);

    /// \return the canonical text: encryption, integrity, prf, groups; Parse() gives this back
    std::string ToString() const;

    /**
     * \brief The Proposal substructure offering this proposal (RFC 7296 3.3.1), transforms in
     * the order ENCR, PRF, INTEG, DH.
     * \param number Proposal Num (1 for the first proposal of an SA payload)
     * \param spi empty in IKE_SA_INIT, the new 8-octet SPI when rekeying the IKE SA
     * \return the proposal
     */
    Ikev2Proposal ToWire(uint8_t number, Bytes spi) const;

    /// \param o the other proposal \return whether every list is the same
    bool operator==(const IkeProposalConfig& o) const
    {
        return encr == o.encr && prf == o.prf && integ == o.integ && dh == o.dh;
    }
};

/**
 * \ingroup ipsec
 * \brief A Child SA (ESP or AH) proposal, each list in the node's preference order.
 */
struct ChildProposalConfig
{
    IpsecProtocol protocol{IpsecProtocol::ESP}; //!< ESP or AH
    std::vector<Ikev2EncrChoice> encr;          //!< ESP encryption (empty for AH)
    std::vector<IntegId> integ;                 //!< integrity (empty with AEAD ciphers)
    std::vector<DhGroupId> dh;                  //!< PFS groups for CREATE_CHILD_SA; empty = no PFS
    std::vector<bool> esn{false};               //!< extended sequence numbers accepted

    /**
     * \brief Parse strongSwan's ESP or AH proposal syntax, e.g. "aes128gcm16-esn",
     * "aes256-sha256-modp3072" (a group asks for PFS), "aes128-sha1-noesn", "null-sha256",
     * or "sha256" for AH. Without esn/noesn the proposal says noesn, as strongSwan's does.
     *
     * \param text the proposal
     * \param[out] out the parsed proposal (untouched on failure)
     * \param[out] error why the text was refused, naming the word (may be nullptr)
     * \param protocol ESP or AH
     * \return true on success
     */
    [[nodiscard]] static bool Parse(const std::string& text,
                                    ChildProposalConfig* out,
                                    std::string* error,
                                    IpsecProtocol protocol = IpsecProtocol::ESP);

    /// \return the canonical text: encryption, integrity, groups, esn/noesn
    std::string ToString() const;

    /**
     * \brief The Proposal substructure offering this proposal (RFC 7296 3.3.1), transforms in
     * the order ENCR, INTEG, DH, ESN.
     * \param number Proposal Num (1 for the first proposal of an SA payload)
     * \param spi the 4-octet SPI the sender will receive with
     * \return the proposal
     */
    Ikev2Proposal ToWire(uint8_t number, Bytes spi) const;

    /// \param o the other proposal \return whether protocol and every list are the same
    bool operator==(const ChildProposalConfig& o) const
    {
        return protocol == o.protocol && encr == o.encr && integ == o.integ && dh == o.dh &&
               esn == o.esn;
    }
};

} // namespace ns3

#endif // IPSEC_IKEV2_PROPOSAL_CONFIG_H
