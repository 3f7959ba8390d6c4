/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_SECURITY_POLICY_DATABASE_H
#define IPSEC_SECURITY_POLICY_DATABASE_H

#include "ipsec-types.h"
#include "security-policy.h"

#include "ns3/object.h"
#include "ns3/ptr.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief The Security Policy Database of a node (RFC 4301 4.4.1): three ordered lists of
 *        policies (OUTBOUND, INBOUND, FORWARD) and the lookup that finds a packet's policy.
 *
 * Semantics are those of RFC 4301's ordered list: Lookup() returns the first matching policy
 * by (priority, order of addition). The representation is not a list, because a linear scan of
 * 10^4 policies per packet is too slow for scaling studies. Policies whose address selectors
 * are prefixes (the usual case, including hosts and ANY) are indexed by *tuple space search*
 * (Srinivasan et al., SIGCOMM 1999): policies with the same shape - address family, local and
 * remote prefix lengths, and whether protocol, local port and remote port are single values
 * or wildcards/ranges - share a hash table keyed on the packet fields masked to that shape. A
 * lookup probes each shape once, best-ranked shapes first, and stops as soon as no remaining
 * shape can hold a better policy. Policies with arbitrary address ranges (not prefixes) are
 * kept in a short ranked list that is scanned after the shapes.
 *
 * Cost: a lookup is one hash probe per shape (a handful in real configurations) plus a check
 * of the few candidates that share a masked key; Add is O(candidates in the same key) and
 * Remove the same. A direction with few policies (attribute LinearScanLimit) is simply
 * scanned in order, which is faster than hashing for a handful of entries.
 */
class SecurityPolicyDatabase : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    SecurityPolicyDatabase();
    ~SecurityPolicyDatabase() override;

    /**
     * \brief Adds a policy to the list of its direction, after every policy of the same or
     *        better priority.
     *
     * A policy with id 0 gets the next free id; a policy with a non-zero id keeps it unless
     * that id is taken. The policy's priority, direction and selector must not change while it
     * is in the database.
     * \param policy the policy
     * \return its id, or 0 when the policy is null, its selector is invalid
     *         (IpsecSelector::IsValid()) or its id is already in use
     */
    uint32_t Add(Ptr<SecurityPolicy> policy);

    /**
     * \brief Removes a policy.
     * \param id its id
     * \return false when there is no such policy
     */
    bool Remove(uint32_t id);

    /// \brief Removes every policy.
    void Clear();

    /**
     * \brief Finds the policy for a packet (RFC 4301 5.1 step 1, 5.2 step 4).
     * \param direction which list to search
     * \param tuple the packet's selector fields
     * \return the first matching policy by (priority, order of addition), or nullptr
     */
    Ptr<SecurityPolicy> Lookup(PolicyDirection direction, const PacketTuple& tuple) const;

    /**
     * \param id a policy id
     * \return the policy, or nullptr
     */
    Ptr<SecurityPolicy> Get(uint32_t id) const;

    /// \return the number of policies in all directions
    uint32_t GetN() const;

    /**
     * \brief A counter that changes whenever a policy is added or removed, so callers can
     * cache Lookup() results and know when to look again.
     * \return the current generation
     */
    uint64_t GetGeneration() const;

    /// \return every policy, by direction then in lookup order
    std::vector<Ptr<SecurityPolicy>> GetPolicies() const;

    /**
     * \brief A rough count of the memory the database uses: policies, index nodes, buckets.
     * \return bytes
     */
    size_t GetMemoryUsage() const;

  protected:
    void DoDispose() override;

  private:
    /// Lookup order of a policy: priority, then order of addition.
    struct Rank
    {
        uint32_t priority; //!< the policy's priority
        uint64_t sequence; //!< order of addition

        /**
         * \param o other rank
         * \return true when this is looked at first
         */
        bool operator<(const Rank& o) const
        {
            return priority != o.priority ? priority < o.priority : sequence < o.sequence;
        }
    };

    /// A policy in an index (kept alive by m_policies).
    struct Candidate
    {
        Rank rank;              //!< its lookup order
        SecurityPolicy* policy; //!< the policy
    };

    /// Packet fields masked to one shape: the key of a shape's hash table.
    struct FlowKey
    {
        uint64_t local[2];  //!< masked local address
        uint64_t remote[2]; //!< masked remote address
        uint64_t rest;      //!< protocol and single ports, 0 where the shape has a wildcard

        /**
         * \param o other key
         * \return true when equal
         */
        bool operator==(const FlowKey& o) const
        {
            return local[0] == o.local[0] && local[1] == o.local[1] && remote[0] == o.remote[0] &&
                   remote[1] == o.remote[1] && rest == o.rest;
        }
    };

    /// Hash of a FlowKey.
    struct FlowKeyHash
    {
        /**
         * \param k the key
         * \return its hash
         */
        size_t operator()(const FlowKey& k) const;
    };

    /// The policies of one shape (see the class description).
    struct Shape
    {
        uint32_t id;            //!< packed shape (see ShapeOf())
        bool ipv6;              //!< address family
        uint64_t localMask[2];  //!< local prefix mask
        uint64_t remoteMask[2]; //!< remote prefix mask
        bool protocolExact;     //!< the key includes the protocol
        bool localPortExact;    //!< the key includes the local port (or ICMP type)
        bool remotePortExact;   //!< the key includes the remote port (or ICMP code)
        Rank best;              //!< no policy of the shape ranks better (a lower bound)
        size_t count;           //!< number of policies
        std::unordered_map<FlowKey, std::vector<Candidate>, FlowKeyHash> table; //!< by key
    };

    /// The index of one direction.
    struct Index
    {
        size_t count = 0;               //!< number of policies
        bool scan = true;               //!< \c ordered holds every policy: scan it
        std::vector<Candidate> ordered; //!< every policy by rank, while count <= limit
        std::unordered_map<uint32_t, std::unique_ptr<Shape>> shapes; //!< by packed shape
        std::vector<Shape*> order;     //!< shapes by their best rank, for early exit
        std::vector<Candidate> ranges; //!< policies with non-prefix addresses, by rank
    };

    /// A stored policy.
    struct Entry
    {
        Ptr<SecurityPolicy> policy; //!< the policy
        Rank rank;                  //!< its lookup order
    };

    /**
     * \brief The shape of a policy whose addresses are prefixes.
     * \param selector the selector
     * \param[out] shape packed shape id
     * \return false when an address range is not a prefix
     */
    static bool ShapeOf(const IpsecSelector& selector, uint32_t* shape);

    /**
     * \brief Makes an empty shape from its packed id.
     * \param id packed shape id
     * \return the shape
     */
    static std::unique_ptr<Shape> MakeShape(uint32_t id);

    /**
     * \brief The key of a packet (local/remote oriented) in a shape.
     * \param shape the shape
     * \param local local address
     * \param remote remote address
     * \param protocol protocol
     * \param localPort local port or ICMP type
     * \param remotePort remote port or ICMP code
     * \return the key
     */
    static FlowKey KeyOf(const Shape& shape,
                         const IpAddress& local,
                         const IpAddress& remote,
                         uint8_t protocol,
                         uint16_t localPort,
                         uint16_t remotePort);

    /**
     * \brief The key of a policy in its shape.
     * \param shape the shape
     * \param selector the policy's selector
     * \return the key
     */
    static FlowKey KeyOf(const Shape& shape, const IpsecSelector& selector);

    /**
     * \brief Adds a candidate to a list kept sorted by rank.
     * \param list the list
     * \param candidate the candidate
     */
    static void InsertRanked(std::vector<Candidate>* list, const Candidate& candidate);

    /**
     * \brief Removes a policy's candidate from a list.
     * \param list the list
     * \param policy the policy
     */
    static void EraseFrom(std::vector<Candidate>* list, const SecurityPolicy* policy);

    /**
     * \brief Rebuilds an index's ordered list from its shapes and ranges.
     * \param index the index
     */
    static void RebuildOrdered(Index* index);

    uint32_t m_linearScanLimit;   //!< directions with at most this many policies are scanned
    std::array<Index, 3> m_index; //!< by PolicyDirection
    std::unordered_map<uint32_t, Entry> m_policies; //!< by id
    uint32_t m_nextId;                              //!< next id to try
    uint64_t m_sequence;                            //!< order of addition
    uint64_t m_generation;                          //!< bumped on every change
};

} // namespace ns3

#endif // IPSEC_SECURITY_POLICY_DATABASE_H
