/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_IKEV2_TS_PAYLOAD_H
#define IPSEC_IKEV2_TS_PAYLOAD_H

#include "ikev2-payload.h"
#include "ikev2-traffic-selector.h"

#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Traffic Selector payload, TSi or TSr (RFC 7296 3.13).
 *
 * \verbatim
                        1                   2                   3
    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   | Next Payload  |C|  RESERVED   |         Payload Length        |
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   | Number of TSs |                 RESERVED                      |
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   |                                                               |
   ~                       <Traffic Selectors>                     ~
   |                                                               |
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   \endverbatim
 */
class Ikev2TsPayload : public Ikev2Payload
{
  public:
    /// \brief Empty TS payload. \param initiator true for TSi, false for TSr
    explicit Ikev2TsPayload(bool initiator)
        : m_initiator(initiator)
    {
    }

    uint8_t GetType() const override
    {
        return static_cast<uint8_t>(m_initiator ? Ikev2PayloadType::TSI : Ikev2PayloadType::TSR);
    }

    void SerializeBody(Bytes& out) const override;

    /**
     * \copydoc Ikev2Payload::DeserializeBody
     * Number of TSs must match the selectors present (BAD_LENGTH).
     */
    [[nodiscard]] Ikev2ParseStatus DeserializeBody(ByteView body) override;
    std::unique_ptr<Ikev2Payload> Clone() const override;

    /// \return the selectors in wire order
    const std::vector<Ikev2TrafficSelector>& GetSelectors() const
    {
        return m_selectors;
    }

    /// \brief Append a selector. \param ts the selector
    void AddSelector(const Ikev2TrafficSelector& ts)
    {
        m_selectors.push_back(ts);
    }

  private:
    bool m_initiator;                              //!< TSi or TSr
    std::vector<Ikev2TrafficSelector> m_selectors; //!< selectors
};

} // namespace ns3

#endif // IPSEC_IKEV2_TS_PAYLOAD_H
