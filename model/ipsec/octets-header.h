/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_OCTETS_HEADER_H
#define IPSEC_OCTETS_HEADER_H

#include "ns3/crypto-types.h"
#include "ns3/header.h"

#include <ostream>

/**
 * \file
 * \ingroup ipsec
 * A header made of octets computed elsewhere (ESP/AH output, a decrypted payload).
 */

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief A header made of given octets: how the IPsec stack writes what it computed (an ESP or AH
 * packet, a decrypted payload) into the Packet it already holds instead of building a new one.
 *
 * ns-3 writes into a packet's buffer only through Header::Serialize. Emptying a packet with
 * Packet::RemoveAtStart and adding this header replaces its octets while the Packet object stays
 * (its UID and its packet tags, as when plain IP carries a packet on); ns-3 drops the byte tags
 * of the octets removed. Serialize writes the octets it was given, which must outlive the
 * AddHeader call (they are not copied); Deserialize, used when a packet is printed, copies them.
 */
class OctetsHeader : public Header
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    /// \brief An empty header (for deserialisation).
    OctetsHeader();

    /**
     * \brief A header that serialises to \p octets.
     * \param octets the octets, which must stay valid while the header is added to a packet
     */
    explicit OctetsHeader(ByteView octets);

    /// \return the octets the header serialises to
    ByteView GetOctets() const;

    TypeId GetInstanceTypeId() const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    /**
     * \brief Cannot tell where the octets end; reads nothing.
     * \param start where the header starts
     * \return 0
     */
    uint32_t Deserialize(Buffer::Iterator start) override;
    /**
     * \brief Copies the octets from \p start to \p end.
     * \param start where the header starts
     * \param end where it ends
     * \return the number of octets read
     */
    uint32_t Deserialize(Buffer::Iterator start, Buffer::Iterator end) override;
    void Print(std::ostream& os) const override;

  private:
    ByteView m_octets;    //!< the octets given to the constructor
    Bytes m_copy;         //!< the octets read by Deserialize
    bool m_copied{false}; //!< the octets are m_copy (deserialised), not m_octets
};

} // namespace ns3

#endif // IPSEC_OCTETS_HEADER_H
