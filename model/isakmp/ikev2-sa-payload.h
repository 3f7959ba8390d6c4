/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_IKEV2_SA_PAYLOAD_H
#define IPSEC_IKEV2_SA_PAYLOAD_H

#include "ikev2-payload.h"
#include "ikev2-proposal.h"

#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Security Association payload (RFC 7296 3.3): one or more proposals.
 *
 * \verbatim
                        1                   2                   3
    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   | Next Payload  |C|  RESERVED   |         Payload Length        |
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   |                                                               |
   ~                          <Proposals>                          ~
   |                                                               |
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   \endverbatim
 */
class Ikev2SaPayload : public Ikev2Payload
{
  public:
    uint8_t GetType() const override
    {
        return static_cast<uint8_t>(Ikev2PayloadType::SA);
    }

    void SerializeBody(Bytes& out) const override;

    /**
     * \copydoc Ikev2Payload::DeserializeBody
     * An SA payload without proposals, or whose last proposal is not marked last, is
     * INVALID_VALUE.
     */
    [[nodiscard]] Ikev2ParseStatus DeserializeBody(ByteView body) override;
    std::unique_ptr<Ikev2Payload> Clone() const override;

    /// \return the proposals in wire order
    const std::vector<Ikev2Proposal>& GetProposals() const
    {
        return m_proposals;
    }

    /// \brief Append a proposal. \param p the proposal
    void AddProposal(const Ikev2Proposal& p)
    {
        m_proposals.push_back(p);
    }

  private:
    std::vector<Ikev2Proposal> m_proposals; //!< proposals
};

} // namespace ns3

#endif // IPSEC_IKEV2_SA_PAYLOAD_H
