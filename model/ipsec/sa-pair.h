/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_SA_PAIR_H
#define IPSEC_SA_PAIR_H

#include "sa-params.h"

#include <cstdint>
#include <string>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief One description of a manually keyed, two-way IPsec connection between peers A and B.
 *
 * Two-way traffic needs four SAs: A's outbound and B's inbound share SPI, keys and addresses
 * (A to B), and so do B's outbound and A's inbound (B to A). Writing them by hand invites
 * swapped SPIs or keys; SaPair::Build() derives all four from this description.
 */
struct SaPairSpec
{
    IpsecProtocol protocol{IpsecProtocol::ESP}; //!< ESP or AH
    IpsecMode mode{IpsecMode::TRANSPORT};       //!< transport or tunnel
    IpAddress addressA;             //!< A's address (its tunnel endpoint in tunnel mode)
    IpAddress addressB;             //!< B's address (its tunnel endpoint in tunnel mode)
    uint32_t spiAToB{0};            //!< SPI of the SA carrying A-to-B traffic (chosen by B)
    uint32_t spiBToA{0};            //!< SPI of the SA carrying B-to-A traffic (chosen by A)
    EncrId encr{EncrId::NULL_ENCR}; //!< ESP encryption transform
    uint16_t encrKeyBits{0};        //!< key length in bits
    Bytes encrKeyAToB;              //!< encryption key material (with salt), A to B
    Bytes encrKeyBToA;              //!< encryption key material (with salt), B to A
    IntegId integ{IntegId::NONE};   //!< integrity transform
    Bytes integKeyAToB;             //!< integrity key, A to B
    Bytes integKeyBToA;             //!< integrity key, B to A
    bool esn{false};                //!< extended sequence numbers
    uint32_t replayWindow{64};      //!< anti-replay window (packets)
    SaLifetime lifetime;            //!< lifetimes, the same for all four SAs
    IpsecSelector selectorA;        //!< protected traffic as A sees it (local = A's side)
    uint32_t reqid{0};              //!< reqid of all four SAs (templates of both peers' policies)
    bool udpEncap{false};           //!< RFC 3948 UDP encapsulation
    uint16_t udpPortA{4500};        //!< A's UDP port when udpEncap
    uint16_t udpPortB{4500};        //!< B's UDP port when udpEncap
    bool tfcPadding{false};         //!< TFC padding (tunnel mode)
    uint16_t tfcPadSize{0};         //!< TFC padding target size
};

/**
 * \ingroup ipsec
 * \brief The four SaParams of a manual SA pair: what to install on A and on B.
 */
struct SaPair
{
    SaParams aOutbound; //!< install on A: sends A to B (spiAToB)
    SaParams aInbound;  //!< install on A: receives B to A (spiBToA)
    SaParams bOutbound; //!< install on B: sends B to A (spiBToA)
    SaParams bInbound;  //!< install on B: receives A to B (spiAToB)

    /**
     * \brief Derives the four SAs of \p spec.
     *
     * Fails when the SPIs are zero, equal with the same destination, or when a direction's
     * keys are missing; transform checks are SecurityAssociation::Create()'s.
     * \param spec the description
     * \param pair set to the four SAs
     * \param error set to a message naming the fix on failure (may be null)
     * \return false on failure
     */
    [[nodiscard]] static bool Build(const SaPairSpec& spec, SaPair* pair, std::string* error);
};

/**
 * \ingroup ipsec
 * \brief The selector as seen from the other end (local and remote swapped).
 * \param selector a selector
 * \return its mirror
 */
IpsecSelector MirrorSelector(const IpsecSelector& selector);

} // namespace ns3

#endif // IPSEC_SA_PAIR_H
