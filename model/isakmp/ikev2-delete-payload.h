/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_IKEV2_DELETE_PAYLOAD_H
#define IPSEC_IKEV2_DELETE_PAYLOAD_H

#include "ikev2-payload.h"

#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Delete payload (RFC 7296 3.11). Deleting the IKE SA carries no SPI (SPI Size 0);
 * ESP and AH SPIs are 4 octets.
 *
 * \verbatim
                        1                   2                   3
    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   | Next Payload  |C|  RESERVED   |         Payload Length        |
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   | Protocol ID   |   SPI Size    |          Num of SPIs          |
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   |                                                               |
   ~               Security Parameter Index(es) (SPI)              ~
   |                                                               |
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   \endverbatim
 */
class Ikev2DeletePayload : public Ikev2Payload
{
  public:
    Ikev2DeletePayload() = default;

    /**
     * \brief Delete payload.
     * \param protocol Protocol ID
     * \param spiSize octets per SPI (0 for IKE, 4 for ESP/AH)
     * \param spis the SPIs, each @p spiSize octets
     */
    Ikev2DeletePayload(Ikev2ProtocolId protocol, uint8_t spiSize, std::vector<Bytes> spis = {})
        : m_protocol(static_cast<uint8_t>(protocol)),
          m_spiSize(spiSize),
          m_spis(std::move(spis))
    {
    }

    uint8_t GetType() const override
    {
        return static_cast<uint8_t>(Ikev2PayloadType::DELETE);
    }

    void SerializeBody(Bytes& out) const override;

    /**
     * \copydoc Ikev2Payload::DeserializeBody
     * The SPI octets must be exactly Num of SPIs x SPI Size (BAD_LENGTH otherwise).
     */
    [[nodiscard]] Ikev2ParseStatus DeserializeBody(ByteView body) override;
    std::unique_ptr<Ikev2Payload> Clone() const override;

    /// \return the Protocol ID octet
    uint8_t GetProtocol() const
    {
        return m_protocol;
    }

    /// \return the SPI Size
    uint8_t GetSpiSize() const
    {
        return m_spiSize;
    }

    /// \return the SPIs
    const std::vector<Bytes>& GetSpis() const
    {
        return m_spis;
    }

  private:
    uint8_t m_protocol{0};     //!< Protocol ID
    uint8_t m_spiSize{0};      //!< SPI Size
    std::vector<Bytes> m_spis; //!< SPIs
};

} // namespace ns3

#endif // IPSEC_IKEV2_DELETE_PAYLOAD_H
