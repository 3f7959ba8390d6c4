/* SPDX-License-Identifier: GPL-2.0-only */

#include "security-policy-database.h"

#include "ns3/log.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cstring>
#include <string>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SecurityPolicyDatabase");

NS_OBJECT_ENSURE_REGISTERED(SecurityPolicyDatabase);

namespace
{

/// Shape bits: family, prefix lengths, and which of protocol/ports are exact.
constexpr uint32_t kShapeIpv6 = 1U << 0;
constexpr uint32_t kShapeProtocolExact = 1U << 17;
constexpr uint32_t kShapeLocalPortExact = 1U << 18;
constexpr uint32_t kShapeRemotePortExact = 1U << 19;

uint32_t
PackShape(bool ipv6, uint8_t localLen, uint8_t remoteLen, bool proto, bool lport, bool rport)
{
    return (ipv6 ? kShapeIpv6 : 0) | (uint32_t(localLen) << 1) | (uint32_t(remoteLen) << 9) |
           (proto ? kShapeProtocolExact : 0) | (lport ? kShapeLocalPortExact : 0) |
           (rport ? kShapeRemotePortExact : 0);
}

/// A prefix mask as two 64-bit words in the byte order of IpAddress::GetBytes().
void
MakeMask(uint8_t length, uint64_t mask[2])
{
    uint8_t bytes[16] = {};
    for (unsigned i = 0; i < 16; ++i)
    {
        const unsigned kept = length > 8 * i ? std::min(length - 8 * i, 8U) : 0U;
        bytes[i] = static_cast<uint8_t>(0xff00U >> kept);
    }
    std::memcpy(mask, bytes, 16);
}

void
LoadMasked(const IpAddress& address, const uint64_t mask[2], uint64_t out[2])
{
    std::memcpy(out, address.GetBytes(), 16);
    out[0] &= mask[0];
    out[1] &= mask[1];
}

uint64_t
Mix(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h;
}

} // namespace

size_t
SecurityPolicyDatabase::FlowKeyHash::operator()(const FlowKey& k) const
{
    uint64_t h = Mix(k.local[0] ^ 0x9e3779b97f4a7c15ULL);
    h = Mix(h ^ k.local[1]);
    h = Mix(h ^ k.remote[0]);
    h = Mix(h ^ k.remote[1]);
    return static_cast<size_t>(Mix(h ^ k.rest));
}

TypeId
SecurityPolicyDatabase::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::SecurityPolicyDatabase")
            .SetParent<Object>()
            .SetGroupName("Ipsec")
            .AddConstructor<SecurityPolicyDatabase>()
            .AddAttribute("LinearScanLimit",
                          "Directions with at most this many policies are "
                          "searched by scanning them in order instead of "
                          "through the index (set before adding policies).",
                          UintegerValue(16),
                          MakeUintegerAccessor(&SecurityPolicyDatabase::m_linearScanLimit),
                          MakeUintegerChecker<uint32_t>());
    return tid;
}

SecurityPolicyDatabase::SecurityPolicyDatabase()
    : m_linearScanLimit(16),
      m_nextId(1),
      m_sequence(0),
      m_generation(0)
{
    NS_LOG_FUNCTION(this);
}

SecurityPolicyDatabase::~SecurityPolicyDatabase()
{
    NS_LOG_FUNCTION(this);
}

void
SecurityPolicyDatabase::DoDispose()
{
    Clear();
    Object::DoDispose();
}

bool
SecurityPolicyDatabase::ShapeOf(const IpsecSelector& selector, uint32_t* shape)
{
    uint8_t localLen = 0;
    uint8_t remoteLen = 0;
    if (!selector.local.IsPrefix(&localLen) || !selector.remote.IsPrefix(&remoteLen))
    {
        return false;
    }
    *shape = PackShape(selector.IsIpv6(),
                       localLen,
                       remoteLen,
                       selector.protocol != 0,
                       selector.localPorts.first == selector.localPorts.last,
                       selector.remotePorts.first == selector.remotePorts.last);
    return true;
}

std::unique_ptr<SecurityPolicyDatabase::Shape>
SecurityPolicyDatabase::MakeShape(uint32_t id)
{
    auto shape = std::make_unique<Shape>();
    shape->id = id;
    shape->ipv6 = (id & kShapeIpv6) != 0;
    MakeMask(static_cast<uint8_t>(id >> 1), shape->localMask);
    MakeMask(static_cast<uint8_t>(id >> 9), shape->remoteMask);
    shape->protocolExact = (id & kShapeProtocolExact) != 0;
    shape->localPortExact = (id & kShapeLocalPortExact) != 0;
    shape->remotePortExact = (id & kShapeRemotePortExact) != 0;
    shape->best = {UINT32_MAX, UINT64_MAX};
    shape->count = 0;
    return shape;
}

SecurityPolicyDatabase::FlowKey
SecurityPolicyDatabase::KeyOf(const Shape& shape,
                              const IpAddress& local,
                              const IpAddress& remote,
                              uint8_t protocol,
                              uint16_t localPort,
                              uint16_t remotePort)
{
    FlowKey key;
    LoadMasked(local, shape.localMask, key.local);
    LoadMasked(remote, shape.remoteMask, key.remote);
    key.rest = (shape.protocolExact ? protocol : 0) |
               (shape.localPortExact ? uint64_t(localPort) << 8 : 0) |
               (shape.remotePortExact ? uint64_t(remotePort) << 24 : 0);
    return key;
}

SecurityPolicyDatabase::FlowKey
SecurityPolicyDatabase::KeyOf(const Shape& shape, const IpsecSelector& selector)
{
    return KeyOf(shape,
                 selector.local.first,
                 selector.remote.first,
                 selector.protocol,
                 selector.localPorts.first,
                 selector.remotePorts.first);
}

void
SecurityPolicyDatabase::InsertRanked(std::vector<Candidate>* list, const Candidate& candidate)
{
    auto at =
        std::upper_bound(list->begin(),
                         list->end(),
                         candidate,
                         [](const Candidate& a, const Candidate& b) { return a.rank < b.rank; });
    list->insert(at, candidate);
}

void
SecurityPolicyDatabase::EraseFrom(std::vector<Candidate>* list, const SecurityPolicy* policy)
{
    list->erase(std::remove_if(list->begin(),
                               list->end(),
                               [policy](const Candidate& c) { return c.policy == policy; }),
                list->end());
}

uint32_t
SecurityPolicyDatabase::Add(Ptr<SecurityPolicy> policy)
{
    NS_LOG_FUNCTION(this << policy);
    std::string error;
    if (!policy)
    {
        NS_LOG_WARN("null policy");
        return 0;
    }
    if (!policy->selector.IsValid(&error))
    {
        NS_LOG_WARN("policy rejected: " << error);
        return 0;
    }
    if (policy->id != 0 && m_policies.count(policy->id) != 0)
    {
        NS_LOG_WARN("policy id " << policy->id << " is already in use");
        return 0;
    }
    if (policy->id == 0)
    {
        while (m_nextId == 0 || m_policies.count(m_nextId) != 0)
        {
            ++m_nextId;
        }
        policy->id = m_nextId++;
    }

    const Rank rank{policy->priority, m_sequence++};
    const Candidate candidate{rank, PeekPointer(policy)};
    Index& index = m_index[static_cast<size_t>(policy->direction)];
    uint32_t shapeId = 0;
    if (ShapeOf(policy->selector, &shapeId))
    {
        std::unique_ptr<Shape>& slot = index.shapes[shapeId];
        if (!slot)
        {
            slot = MakeShape(shapeId);
            index.order.push_back(slot.get());
        }
        Shape& shape = *slot;
        InsertRanked(&shape.table[KeyOf(shape, policy->selector)], candidate);
        ++shape.count;
        if (rank < shape.best)
        {
            shape.best = rank;
            std::sort(index.order.begin(), index.order.end(), [](const Shape* a, const Shape* b) {
                return a->best < b->best;
            });
        }
    }
    else
    {
        InsertRanked(&index.ranges, candidate);
    }
    if (++index.count > m_linearScanLimit)
    {
        index.scan = false;
        index.ordered = std::vector<Candidate>();
    }
    else if (index.scan)
    {
        InsertRanked(&index.ordered, candidate);
    }
    m_policies.emplace(policy->id, Entry{policy, rank});
    ++m_generation;
    NS_LOG_DEBUG("added " << *policy);
    return policy->id;
}

bool
SecurityPolicyDatabase::Remove(uint32_t id)
{
    NS_LOG_FUNCTION(this << id);
    auto it = m_policies.find(id);
    if (it == m_policies.end())
    {
        return false;
    }
    const SecurityPolicy* policy = PeekPointer(it->second.policy);
    Index& index = m_index[static_cast<size_t>(policy->direction)];
    uint32_t shapeId = 0;
    if (ShapeOf(policy->selector, &shapeId))
    {
        auto shapeIt = index.shapes.find(shapeId);
        NS_ASSERT(shapeIt != index.shapes.end());
        Shape& shape = *shapeIt->second;
        auto bucket = shape.table.find(KeyOf(shape, policy->selector));
        NS_ASSERT(bucket != shape.table.end());
        EraseFrom(&bucket->second, policy);
        if (bucket->second.empty())
        {
            shape.table.erase(bucket);
        }
        // shape.best stays a valid lower bound; an empty shape goes away.
        if (--shape.count == 0)
        {
            index.order.erase(std::find(index.order.begin(), index.order.end(), &shape));
            index.shapes.erase(shapeIt);
        }
    }
    else
    {
        EraseFrom(&index.ranges, policy);
    }
    if (index.scan)
    {
        EraseFrom(&index.ordered, policy);
    }
    if (--index.count <= m_linearScanLimit && !index.scan)
    {
        RebuildOrdered(&index);
    }
    m_policies.erase(it);
    ++m_generation;
    return true;
}

void
SecurityPolicyDatabase::RebuildOrdered(Index* index)
{
    index->ordered = index->ranges;
    for (const auto& [id, shape] : index->shapes)
    {
        for (const auto& [key, list] : shape->table)
        {
            index->ordered.insert(index->ordered.end(), list.begin(), list.end());
        }
    }
    std::sort(index->ordered.begin(),
              index->ordered.end(),
              [](const Candidate& a, const Candidate& b) { return a.rank < b.rank; });
    index->scan = true;
}

void
SecurityPolicyDatabase::Clear()
{
    NS_LOG_FUNCTION(this);
    for (Index& index : m_index)
    {
        index = Index();
    }
    m_policies.clear();
    ++m_generation;
}

Ptr<SecurityPolicy>
SecurityPolicyDatabase::Lookup(PolicyDirection direction, const PacketTuple& tuple) const
{
    const Index& index = m_index[static_cast<size_t>(direction)];
    if (index.scan)
    {
        // RFC 4301 4.4.1 literally: the first match in the ordered list.
        for (const Candidate& c : index.ordered)
        {
            if (c.policy->selector.Matches(tuple, direction))
            {
                return Ptr<SecurityPolicy>(c.policy);
            }
        }
        return nullptr;
    }
    const IpsecSelector::Oriented o = IpsecSelector::Orient(tuple, direction);
    const bool ipv6 = tuple.src.IsIpv6();
    const Candidate* best = nullptr;
    auto better = [&best](const Rank& r) { return best == nullptr || r < best->rank; };

    for (const Shape* shape : index.order)
    {
        if (!better(shape->best))
        {
            break; // shapes are sorted by their best rank: none of the rest can win
        }
        if (shape->ipv6 != ipv6)
        {
            continue;
        }
        auto bucket = shape->table.find(
            KeyOf(*shape, *o.local, *o.remote, tuple.protocol, o.localPort, o.remotePort));
        if (bucket == shape->table.end())
        {
            continue;
        }
        // The key fixes addresses and single-valued fields; port ranges remain to be checked.
        for (const Candidate& c : bucket->second)
        {
            if (!better(c.rank))
            {
                break;
            }
            if (c.policy->selector.Matches(tuple, direction))
            {
                best = &c;
                break;
            }
        }
    }
    for (const Candidate& c : index.ranges)
    {
        if (!better(c.rank))
        {
            break;
        }
        if (c.policy->selector.Matches(tuple, direction))
        {
            best = &c;
            break;
        }
    }
    return best != nullptr ? Ptr<SecurityPolicy>(best->policy) : nullptr;
}

Ptr<SecurityPolicy>
SecurityPolicyDatabase::Get(uint32_t id) const
{
    auto it = m_policies.find(id);
    return it != m_policies.end() ? it->second.policy : nullptr;
}

uint32_t
SecurityPolicyDatabase::GetN() const
{
    return static_cast<uint32_t>(m_policies.size());
}

uint64_t
SecurityPolicyDatabase::GetGeneration() const
{
    return m_generation;
}

std::vector<Ptr<SecurityPolicy>>
SecurityPolicyDatabase::GetPolicies() const
{
    std::vector<const Entry*> entries;
    entries.reserve(m_policies.size());
    for (const auto& [id, entry] : m_policies)
    {
        entries.push_back(&entry);
    }
    std::sort(entries.begin(), entries.end(), [](const Entry* a, const Entry* b) {
        if (a->policy->direction != b->policy->direction)
        {
            return a->policy->direction < b->policy->direction;
        }
        return a->rank < b->rank;
    });
    std::vector<Ptr<SecurityPolicy>> policies;
    policies.reserve(entries.size());
    for (const Entry* entry : entries)
    {
        policies.push_back(entry->policy);
    }
    return policies;
}

size_t
SecurityPolicyDatabase::GetMemoryUsage() const
{
    // Hash nodes are counted as their value plus a next pointer and a cached hash; every
    // bucket array as one pointer per bucket. Allocator overhead is ignored.
    constexpr size_t nodeOverhead = 2 * sizeof(void*);
    size_t bytes = sizeof(*this);
    bytes += m_policies.bucket_count() * sizeof(void*);
    bytes += m_policies.size() *
             (sizeof(std::pair<const uint32_t, Entry>) + nodeOverhead + sizeof(SecurityPolicy));
    for (const Index& index : m_index)
    {
        bytes += index.shapes.bucket_count() * sizeof(void*) +
                 index.order.capacity() * sizeof(void*) +
                 index.ranges.capacity() * sizeof(Candidate) +
                 index.ordered.capacity() * sizeof(Candidate);
        for (const auto& [id, shape] : index.shapes)
        {
            bytes += sizeof(Shape) + nodeOverhead + sizeof(std::pair<const uint32_t, void*>);
            bytes += shape->table.bucket_count() * sizeof(void*);
            for (const auto& [key, list] : shape->table)
            {
                bytes += sizeof(std::pair<const FlowKey, std::vector<Candidate>>) + nodeOverhead +
                         list.capacity() * sizeof(Candidate);
            }
        }
    }
    return bytes;
}

} // namespace ns3
