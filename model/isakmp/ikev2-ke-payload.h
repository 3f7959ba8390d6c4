/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_IKEV2_KE_PAYLOAD_H
#define IPSEC_IKEV2_KE_PAYLOAD_H

#include "ikev2-payload.h"

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Key Exchange payload (RFC 7296 3.4).
 *
 * \verbatim
                        1                   2                   3
    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   | Next Payload  |C|  RESERVED   |         Payload Length        |
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   |   Diffie-Hellman Group Num    |           RESERVED            |
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   |                                                               |
   ~                       Key Exchange Data                       ~
   |                                                               |
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   \endverbatim
 */
class Ikev2KePayload : public Ikev2Payload
{
  public:
    Ikev2KePayload() = default;

    /// \brief KE payload for @p group with public value @p data.
    /// \param group DhGroupId number \param data the public value
    Ikev2KePayload(uint16_t group, Bytes data)
        : m_group(group),
          m_data(std::move(data))
    {
    }

    uint8_t GetType() const override
    {
        return static_cast<uint8_t>(Ikev2PayloadType::KE);
    }

    void SerializeBody(Bytes& out) const override;
    [[nodiscard]] Ikev2ParseStatus DeserializeBody(ByteView body) override;
    std::unique_ptr<Ikev2Payload> Clone() const override;

    /// \return the Diffie-Hellman Group Num
    uint16_t GetGroup() const
    {
        return m_group;
    }

    /// \return the Key Exchange Data
    const Bytes& GetData() const
    {
        return m_data;
    }

  private:
    uint16_t m_group{0}; //!< Diffie-Hellman Group Num
    Bytes m_data;        //!< Key Exchange Data
};

} // namespace ns3

#endif // IPSEC_IKEV2_KE_PAYLOAD_H
