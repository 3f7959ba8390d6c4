/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_SECURITY_ASSOCIATION_DATABASE_H
#define IPSEC_SECURITY_ASSOCIATION_DATABASE_H

#include "security-association.h"

#include "ns3/object.h"
#include "ns3/ptr.h"

#include <cstdint>
#include <unordered_map>
#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Outcome of adding or updating an SA in the SAD.
 */
enum class SadStatus : uint8_t
{
    OK,        //!< done
    DUPLICATE, //!< an SA with the same (SPI, destination, protocol) exists already
    NOT_FOUND, //!< no SA with that (SPI, destination, protocol)
    INVALID,   //!< null SA
};

/**
 * \brief The name of a status ("OK", "DUPLICATE", ...).
 * \param status the status
 * \return a static string
 */
const char* SadStatusName(SadStatus status);

/**
 * \ingroup ipsec
 * \brief The Security Association Database of one node (RFC 4301 4.4.2).
 *
 * Inbound lookup by (SPI, destination, protocol) (RFC 4301 4.1) in a hash table: O(1).
 * Outbound lookup by (reqid, protocol): among the OUTBOUND SAs with that reqid the newest
 * usable MATURE one wins, else the newest DYING one, so that make-before-break rekeying moves
 * traffic to a new SA as soon as it is installed while the old one stays valid for packets
 * still in flight.
 */
class SecurityAssociationDatabase : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    SecurityAssociationDatabase();
    ~SecurityAssociationDatabase() override;

    /**
     * \brief Adds an SA.
     * \param sa the SA
     * \return OK, DUPLICATE or INVALID
     */
    [[nodiscard]] SadStatus Add(Ptr<SecurityAssociation> sa);

    /**
     * \brief Replaces the SA with the same (SPI, destination, protocol) (the kernel's
     * update_sa), keeping its position as the newest or oldest of its reqid.
     * \param sa the new SA
     * \return OK, NOT_FOUND or INVALID
     */
    [[nodiscard]] SadStatus Update(Ptr<SecurityAssociation> sa);

    /**
     * \brief Removes an SA (it is marked DEAD, so packets holding a pointer stop using it).
     * \param spi the SPI
     * \param dst the destination address
     * \param protocol ESP or AH
     * \return true when an SA was removed
     */
    bool Remove(uint32_t spi, const IpAddress& dst, IpsecProtocol protocol);

    /**
     * \brief Inbound lookup (RFC 4301 4.1).
     * \param spi the SPI from the packet
     * \param dst the packet's destination address
     * \param protocol ESP or AH
     * \return the SA or null
     */
    Ptr<SecurityAssociation> Lookup(uint32_t spi,
                                    const IpAddress& dst,
                                    IpsecProtocol protocol) const;

    /**
     * \brief Outbound lookup: the SA to use for a policy's template.
     * \param reqid the template's reqid
     * \param protocol ESP or AH
     * \return the newest usable MATURE SA, else the newest usable DYING one, else null
     */
    Ptr<SecurityAssociation> LookupOutbound(uint32_t reqid, IpsecProtocol protocol) const;

    /// \return the number of SAs
    uint32_t GetN() const;

    /// \return every SA, in the order they were added
    std::vector<Ptr<SecurityAssociation>> GetAll() const;

    /// \brief Removes every SA.
    void Clear();

  protected:
    void DoDispose() override;

  private:
    /// \brief (SPI, destination, protocol)
    struct Key
    {
        uint32_t spi;           //!< SPI
        IpAddress dst;          //!< destination
        IpsecProtocol protocol; //!< protocol

        /// \param o other key \return true when equal
        bool operator==(const Key& o) const
        {
            return spi == o.spi && protocol == o.protocol && dst == o.dst;
        }
    };

    /// \brief Hash of a Key
    struct KeyHash
    {
        /// \param k the key \return its hash
        size_t operator()(const Key& k) const;
    };

    /// \brief An SA and its insertion serial number (for GetAll's order and "newest").
    struct Entry
    {
        Ptr<SecurityAssociation> sa; //!< the SA
        uint64_t serial;             //!< insertion order
    };

    /// \param sa the SA \return its key
    static Key KeyOf(const SecurityAssociation& sa);
    /// \param reqid reqid \param protocol protocol \return the outbound index key
    static uint64_t OutKey(uint32_t reqid, IpsecProtocol protocol);
    /// \brief Removes \p sa from the outbound index.
    void RemoveOutbound(const Ptr<SecurityAssociation>& sa);

    /// \brief Forgets the last lookups (any change of the SAD).
    void ForgetLastLookups();

    std::unordered_map<Key, Entry, KeyHash> m_byKey; //!< inbound index (all SAs)
    /// outbound SAs by (reqid, protocol), oldest first
    std::unordered_map<uint64_t, std::vector<Ptr<SecurityAssociation>>> m_outbound;
    uint64_t m_serial{0}; //!< next insertion serial

    /// The last Lookup's answer: a flow's packets all ask for the same SA.
    struct LastLookup
    {
        Key key;                     //!< what was asked
        Ptr<SecurityAssociation> sa; //!< the answer (null: nothing remembered)
    };

    /// The last MATURE answer of LookupOutbound, with its (reqid, protocol) key.
    struct LastOutbound
    {
        uint64_t key{0};             //!< OutKey of the question
        Ptr<SecurityAssociation> sa; //!< the answer (null: nothing remembered)
    };

    mutable LastLookup m_lastLookup;     //!< valid until the SAD changes
    mutable LastOutbound m_lastOutbound; //!< valid until the SAD changes or the SA is not MATURE
};

} // namespace ns3

#endif // IPSEC_SECURITY_ASSOCIATION_DATABASE_H
