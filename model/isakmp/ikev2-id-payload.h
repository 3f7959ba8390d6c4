/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_IKEV2_ID_PAYLOAD_H
#define IPSEC_IKEV2_ID_PAYLOAD_H

#include "ikev2-payload.h"

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Identification types (RFC 7296 3.5).
 */
enum class Ikev2IdType : uint8_t
{
    IPV4_ADDR = 1,    //!< 4 octets
    FQDN = 2,         //!< "example.com", no terminator
    RFC822_ADDR = 3,  //!< "user@example.com"
    IPV6_ADDR = 5,    //!< 16 octets
    DER_ASN1_DN = 9,  //!< binary DER X.500 Distinguished Name
    DER_ASN1_GN = 10, //!< binary DER X.500 GeneralName
    KEY_ID = 11,      //!< opaque octets
};

/**
 * \ingroup ipsec
 * \brief Identification payload, IDi or IDr (RFC 7296 3.5).
 *
 * \verbatim
                        1                   2                   3
    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   | Next Payload  |C|  RESERVED   |         Payload Length        |
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   |   ID Type     |                 RESERVED                      |
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   |                                                               |
   ~                   Identification Data                         ~
   |                                                               |
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   \endverbatim
 *
 * The body (ID Type, RESERVED, data) is what the AUTH computation signs as RestOfIDPayload
 * (RFC 7296 2.15), which is why SerializeBody is public.
 */
class Ikev2IdPayload : public Ikev2Payload
{
  public:
    /// \brief An empty ID payload. \param initiator true for IDi, false for IDr
    explicit Ikev2IdPayload(bool initiator)
        : m_initiator(initiator)
    {
    }

    /// \brief An ID payload. \param initiator true for IDi \param type ID Type \param data
    /// Identification Data
    Ikev2IdPayload(bool initiator, Ikev2IdType type, Bytes data)
        : m_initiator(initiator),
          m_idType(static_cast<uint8_t>(type)),
          m_data(std::move(data))
    {
    }

    uint8_t GetType() const override
    {
        return static_cast<uint8_t>(m_initiator ? Ikev2PayloadType::IDI : Ikev2PayloadType::IDR);
    }

    void SerializeBody(Bytes& out) const override;

    /**
     * \copydoc Ikev2Payload::DeserializeBody
     * IPv4 and IPv6 identities of another size than 4 or 16 octets are BAD_LENGTH.
     */
    [[nodiscard]] Ikev2ParseStatus DeserializeBody(ByteView body) override;
    std::unique_ptr<Ikev2Payload> Clone() const override;

    /// \return the ID Type octet
    uint8_t GetIdType() const
    {
        return m_idType;
    }

    /// \return the Identification Data
    const Bytes& GetData() const
    {
        return m_data;
    }

  private:
    bool m_initiator;    //!< IDi or IDr
    uint8_t m_idType{0}; //!< ID Type
    Bytes m_data;        //!< Identification Data
};

} // namespace ns3

#endif // IPSEC_IKEV2_ID_PAYLOAD_H
