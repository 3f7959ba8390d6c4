/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_IKEV2_TRANSFORM_H
#define IPSEC_IKEV2_TRANSFORM_H

#include "ikev2-types.h"

#include "ns3/crypto-types.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Transform types (RFC 7296 3.3.2).
 */
enum class Ikev2TransformType : uint8_t
{
    ENCR = 1,  //!< Encryption Algorithm
    PRF = 2,   //!< Pseudorandom Function
    INTEG = 3, //!< Integrity Algorithm
    DH = 4,    //!< Diffie-Hellman Group (Key Exchange Method)
    ESN = 5,   //!< Extended Sequence Numbers (0 = no, 1 = yes)
};

/**
 * \ingroup ipsec
 * \brief One transform attribute (RFC 7296 3.3.5). With AF=1 (TV) the value is the 16-bit
 * field; with AF=0 (TLV) a length and a variable value follow.
 *
 * \verbatim
                        1                   2                   3
    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   |A|       Attribute Type        |    AF=0  Attribute Length     |
   |F|                             |    AF=1  Attribute Value      |
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   |                   AF=0  Attribute Value                       |
   |                   AF=1  Not Transmitted                       |
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   \endverbatim
 */
struct Ikev2TransformAttribute
{
    static constexpr uint16_t KEY_LENGTH = 14; //!< Key Length in bits, always TV (3.3.5)

    uint16_t type{0};  //!< Attribute Type (15 bits)
    bool tv{true};     //!< AF bit: true = TV (value in the header), false = TLV
    uint16_t value{0}; //!< TV value
    Bytes data;        //!< TLV value

    /// \brief Field-wise equality. \param o other \return true when equal
    bool operator==(const Ikev2TransformAttribute& o) const
    {
        return type == o.type && tv == o.tv && (tv ? value == o.value : data == o.data);
    }
};

/**
 * \ingroup ipsec
 * \brief A Transform substructure (RFC 7296 3.3.2).
 *
 * \verbatim
                        1                   2                   3
    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   | Last Substruc |   RESERVED    |        Transform Length       |
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   |Transform Type |   RESERVED    |          Transform ID         |
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   |                                                               |
   ~                      Transform Attributes                     ~
   |                                                               |
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   \endverbatim
 */
struct Ikev2Transform
{
    static constexpr uint8_t LAST = 0;       //!< Last Substruc: this is the last transform
    static constexpr uint8_t MORE = 3;       //!< Last Substruc: another transform follows
    static constexpr size_t HEADER_SIZE = 8; //!< octets before the attributes

    uint8_t type{0}; //!< Ikev2TransformType
    uint16_t id{0};  //!< Transform ID (EncrId, PrfId, IntegId, DhGroupId, 0/1 for ESN)
    std::vector<Ikev2TransformAttribute> attributes; //!< attributes in wire order

    /// \return the Key Length attribute in bits, if present
    std::optional<uint16_t> GetKeyLength() const;

    /// \brief Set (or replace) the Key Length attribute. \param bits key length in bits
    void SetKeyLength(uint16_t bits);

    /**
     * \brief Append the substructure.
     * \param out destination
     * \param last whether this is the last transform of its proposal
     */
    void Serialize(Bytes& out, bool last) const;

    /**
     * \brief Decode one transform that fills @p in exactly.
     * \param in the octets (Transform Length of them)
     * \param[out] last whether Last Substruc said 0
     * \return OK, TRUNCATED, BAD_LENGTH, INVALID_VALUE (Last Substruc not 0 or 3)
     */
    [[nodiscard]] Ikev2ParseStatus Deserialize(ByteView in, bool& last);

    /// \brief Field-wise equality. \param o other \return true when equal
    bool operator==(const Ikev2Transform& o) const
    {
        return type == o.type && id == o.id && attributes == o.attributes;
    }
};

} // namespace ns3

#endif // IPSEC_IKEV2_TRANSFORM_H
