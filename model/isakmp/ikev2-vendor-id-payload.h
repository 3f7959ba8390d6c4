/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_IKEV2_VENDOR_ID_PAYLOAD_H
#define IPSEC_IKEV2_VENDOR_ID_PAYLOAD_H

#include "ikev2-payload.h"

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Vendor ID payload (RFC 7296 3.12).
 *
 * \verbatim
                        1                   2                   3
    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   | Next Payload  |C|  RESERVED   |         Payload Length        |
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   |                                                               |
   ~                        Vendor ID (VID)                        ~
   |                                                               |
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   \endverbatim
 */
class Ikev2VendorIdPayload : public Ikev2Payload
{
  public:
    Ikev2VendorIdPayload() = default;

    /// \brief Vendor ID payload. \param vid the Vendor ID octets
    explicit Ikev2VendorIdPayload(Bytes vid)
        : m_vid(std::move(vid))
    {
    }

    uint8_t GetType() const override
    {
        return static_cast<uint8_t>(Ikev2PayloadType::VENDOR_ID);
    }

    void SerializeBody(Bytes& out) const override;
    [[nodiscard]] Ikev2ParseStatus DeserializeBody(ByteView body) override;
    std::unique_ptr<Ikev2Payload> Clone() const override;

    /// \return the Vendor ID octets
    const Bytes& GetVendorId() const
    {
        return m_vid;
    }

  private:
    Bytes m_vid; //!< Vendor ID
};

} // namespace ns3

#endif // IPSEC_IKEV2_VENDOR_ID_PAYLOAD_H
