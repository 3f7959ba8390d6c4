/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_IKEV2_NOTIFY_PAYLOAD_H
#define IPSEC_IKEV2_NOTIFY_PAYLOAD_H

#include "ikev2-notify-type.h"
#include "ikev2-payload.h"

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Notify payload (RFC 7296 3.10).
 *
 * \verbatim
                        1                   2                   3
    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   | Next Payload  |C|  RESERVED   |         Payload Length        |
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   |  Protocol ID  |   SPI Size    |      Notify Message Type      |
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   |                                                               |
   ~                Security Parameter Index (SPI)                 ~
   |                                                               |
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   |                                                               |
   ~                       Notification Data                       ~
   |                                                               |
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   \endverbatim
 */
class Ikev2NotifyPayload : public Ikev2Payload
{
  public:
    Ikev2NotifyPayload() = default;

    /**
     * \brief Notify payload.
     * \param type Notify Message Type
     * \param data Notification Data
     * \param protocol Protocol ID (NONE when no SA is concerned)
     * \param spi SPI (empty when no SA is concerned)
     */
    Ikev2NotifyPayload(Ikev2NotifyType type,
                       Bytes data = {},
                       Ikev2ProtocolId protocol = Ikev2ProtocolId::NONE,
                       Bytes spi = {})
        : m_protocol(static_cast<uint8_t>(protocol)),
          m_notifyType(static_cast<uint16_t>(type)),
          m_spi(std::move(spi)),
          m_data(std::move(data))
    {
    }

    uint8_t GetType() const override
    {
        return static_cast<uint8_t>(Ikev2PayloadType::NOTIFY);
    }

    void SerializeBody(Bytes& out) const override;
    [[nodiscard]] Ikev2ParseStatus DeserializeBody(ByteView body) override;
    std::unique_ptr<Ikev2Payload> Clone() const override;

    /// \return the Protocol ID octet
    uint8_t GetProtocol() const
    {
        return m_protocol;
    }

    /// \return the Notify Message Type
    uint16_t GetNotifyType() const
    {
        return m_notifyType;
    }

    /// \return whether the type is an error type (below 16384)
    bool IsError() const
    {
        return Ikev2NotifyIsError(m_notifyType);
    }

    /// \return the SPI
    const Bytes& GetSpi() const
    {
        return m_spi;
    }

    /// \return the Notification Data
    const Bytes& GetData() const
    {
        return m_data;
    }

  private:
    uint8_t m_protocol{0};    //!< Protocol ID
    uint16_t m_notifyType{0}; //!< Notify Message Type
    Bytes m_spi;              //!< SPI
    Bytes m_data;             //!< Notification Data
};

} // namespace ns3

#endif // IPSEC_IKEV2_NOTIFY_PAYLOAD_H
