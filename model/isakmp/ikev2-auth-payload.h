/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_IKEV2_AUTH_PAYLOAD_H
#define IPSEC_IKEV2_AUTH_PAYLOAD_H

#include "ikev2-payload.h"

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Authentication payload (RFC 7296 3.8). Auth Method numbers are AuthMethod's.
 *
 * \verbatim
                        1                   2                   3
    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   | Next Payload  |C|  RESERVED   |         Payload Length        |
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   | Auth Method   |                RESERVED                       |
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   |                                                               |
   ~                      Authentication Data                      ~
   |                                                               |
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   \endverbatim
 */
class Ikev2AuthPayload : public Ikev2Payload
{
  public:
    Ikev2AuthPayload() = default;

    /// \brief AUTH payload. \param method Auth Method \param data Authentication Data
    Ikev2AuthPayload(uint8_t method, Bytes data)
        : m_method(method),
          m_data(std::move(data))
    {
    }

    uint8_t GetType() const override
    {
        return static_cast<uint8_t>(Ikev2PayloadType::AUTH);
    }

    void SerializeBody(Bytes& out) const override;
    [[nodiscard]] Ikev2ParseStatus DeserializeBody(ByteView body) override;
    std::unique_ptr<Ikev2Payload> Clone() const override;

    /// \return the Auth Method octet
    uint8_t GetMethod() const
    {
        return m_method;
    }

    /// \return the Authentication Data
    const Bytes& GetData() const
    {
        return m_data;
    }

  private:
    uint8_t m_method{0}; //!< Auth Method
    Bytes m_data;        //!< Authentication Data
};

} // namespace ns3

#endif // IPSEC_IKEV2_AUTH_PAYLOAD_H
