/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_IKEV2_CONFIG_PAYLOAD_H
#define IPSEC_IKEV2_CONFIG_PAYLOAD_H

#include "ikev2-payload.h"

#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief One configuration attribute (RFC 7296 3.15.1); the R bit is sent as zero and ignored.
 *
 * \verbatim
                        1                   2                   3
    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   |R|         Attribute Type      |            Length             |
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   |                                                               |
   ~                             Value                             ~
   |                                                               |
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   \endverbatim
 */
struct Ikev2ConfigAttribute
{
    static constexpr uint16_t INTERNAL_IP4_ADDRESS = 1; //!< 0 or 4 octets
    static constexpr uint16_t INTERNAL_IP4_NETMASK = 2; //!< 0 or 4 octets
    static constexpr uint16_t INTERNAL_IP4_DNS = 3;     //!< 0 or 4 octets
    static constexpr uint16_t INTERNAL_IP6_ADDRESS = 8; //!< 0 or 17 octets
    static constexpr uint16_t INTERNAL_IP6_DNS = 10;    //!< 0 or 16 octets
    static constexpr uint16_t INTERNAL_IP4_SUBNET = 13; //!< 0 or 8 octets

    uint16_t type{0}; //!< Attribute Type (15 bits)
    Bytes value;      //!< Value

    /// \brief Field-wise equality. \param o other \return true when equal
    bool operator==(const Ikev2ConfigAttribute& o) const
    {
        return type == o.type && value == o.value;
    }
};

/**
 * \ingroup ipsec
 * \brief Configuration payload, CP (RFC 7296 3.15).
 *
 * \verbatim
                        1                   2                   3
    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   | Next Payload  |C| RESERVED    |         Payload Length        |
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   |   CFG Type    |                    RESERVED                   |
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   |                                                               |
   ~                   Configuration Attributes                    ~
   |                                                               |
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   \endverbatim
 */
class Ikev2ConfigPayload : public Ikev2Payload
{
  public:
    /// CFG Types (RFC 7296 3.15).
    enum CfgType : uint8_t
    {
        CFG_REQUEST = 1,
        CFG_REPLY = 2,
        CFG_SET = 3,
        CFG_ACK = 4,
    };

    Ikev2ConfigPayload() = default;

    /// \brief CP payload of a CFG Type. \param cfgType the CFG Type
    explicit Ikev2ConfigPayload(CfgType cfgType)
        : m_cfgType(cfgType)
    {
    }

    uint8_t GetType() const override
    {
        return static_cast<uint8_t>(Ikev2PayloadType::CP);
    }

    void SerializeBody(Bytes& out) const override;

    /**
     * \copydoc Ikev2Payload::DeserializeBody
     * An attribute whose Length runs past the payload is BAD_LENGTH.
     */
    [[nodiscard]] Ikev2ParseStatus DeserializeBody(ByteView body) override;
    std::unique_ptr<Ikev2Payload> Clone() const override;

    /// \return the CFG Type octet
    uint8_t GetCfgType() const
    {
        return m_cfgType;
    }

    /// \return the attributes in wire order
    const std::vector<Ikev2ConfigAttribute>& GetAttributes() const
    {
        return m_attributes;
    }

    /// \brief Append an attribute. \param a the attribute
    void AddAttribute(const Ikev2ConfigAttribute& a)
    {
        m_attributes.push_back(a);
    }

  private:
    uint8_t m_cfgType{CFG_REQUEST};                 //!< CFG Type
    std::vector<Ikev2ConfigAttribute> m_attributes; //!< attributes
};

} // namespace ns3

#endif // IPSEC_IKEV2_CONFIG_PAYLOAD_H
