/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_IKEV2_PROPOSAL_H
#define IPSEC_IKEV2_PROPOSAL_H

#include "ikev2-transform.h"
#include "ikev2-types.h"

#include "ns3/crypto-types.h"

#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief A Proposal substructure (RFC 7296 3.3.1).
 *
 * \verbatim
                        1                   2                   3
    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   | Last Substruc |   RESERVED    |         Proposal Length       |
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   | Proposal Num  |  Protocol ID  |    SPI Size   |Num  Transforms|
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   ~                        SPI (variable)                         ~
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   |                                                               |
   ~                        <Transforms>                           ~
   |                                                               |
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   \endverbatim
 */
struct Ikev2Proposal
{
    static constexpr uint8_t LAST = 0;       //!< Last Substruc: this is the last proposal
    static constexpr uint8_t MORE = 2;       //!< Last Substruc: another proposal follows
    static constexpr size_t HEADER_SIZE = 8; //!< octets before the SPI

    uint8_t number{1};                              //!< Proposal Num (first is 1)
    Ikev2ProtocolId protocol{Ikev2ProtocolId::IKE}; //!< Protocol ID
    Bytes spi;                                      //!< SPI: empty (IKE_SA_INIT), 4 (ESP/AH) or 8
    std::vector<Ikev2Transform> transforms;         //!< transforms in wire order

    /**
     * \brief Append the substructure.
     * \param out destination
     * \param last whether this is the last proposal of the SA payload
     */
    void Serialize(Bytes& out, bool last) const;

    /**
     * \brief Decode one proposal that fills @p in exactly.
     * \param in the octets (Proposal Length of them)
     * \param[out] last whether Last Substruc said 0
     * \return OK, TRUNCATED, BAD_LENGTH (lengths or Num Transforms disagree with the
     * contents), INVALID_VALUE (Last Substruc not 0 or 2, or a transform's Last Substruc
     * disagrees with its position), or a transform's error
     */
    [[nodiscard]] Ikev2ParseStatus Deserialize(ByteView in, bool& last);

    /// \brief Field-wise equality. \param o other \return true when equal
    bool operator==(const Ikev2Proposal& o) const
    {
        return number == o.number && protocol == o.protocol && spi == o.spi &&
               transforms == o.transforms;
    }
};

} // namespace ns3

#endif // IPSEC_IKEV2_PROPOSAL_H
