/* SPDX-License-Identifier: GPL-2.0-only */

#include "security-association-database.h"

#include "ns3/log.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpsecSecurityAssociationDatabase");

NS_OBJECT_ENSURE_REGISTERED(SecurityAssociationDatabase);

const char*
SadStatusName(SadStatus status)
{
    switch (status)
    {
    case SadStatus::OK:
        return "OK";
    case SadStatus::DUPLICATE:
        return "DUPLICATE";
    case SadStatus::NOT_FOUND:
        return "NOT_FOUND";
    case SadStatus::INVALID:
        return "INVALID";
    }
    return "UNKNOWN";
}

TypeId
SecurityAssociationDatabase::GetTypeId()
{
    static TypeId tid = TypeId("ns3::SecurityAssociationDatabase")
                            .SetParent<Object>()
                            .SetGroupName("Ipsec")
                            .AddConstructor<SecurityAssociationDatabase>();
    return tid;
}

SecurityAssociationDatabase::SecurityAssociationDatabase() = default;

SecurityAssociationDatabase::~SecurityAssociationDatabase() = default;

void
SecurityAssociationDatabase::DoDispose()
{
    Clear();
    Object::DoDispose();
}

size_t
SecurityAssociationDatabase::KeyHash::operator()(const Key& k) const
{
    // SPIs are random: they spread the table well on their own; mix in the rest.
    size_t h = k.dst.Hash();
    h ^= (size_t{k.spi} * 0x9e3779b97f4a7c15ULL) + (static_cast<size_t>(k.protocol) << 7);
    return h;
}

SecurityAssociationDatabase::Key
SecurityAssociationDatabase::KeyOf(const SecurityAssociation& sa)
{
    return Key{sa.GetSpi(), sa.GetDestination(), sa.GetProtocol()};
}

uint64_t
SecurityAssociationDatabase::OutKey(uint32_t reqid, IpsecProtocol protocol)
{
    return (uint64_t{reqid} << 8) | static_cast<uint8_t>(protocol);
}

void
SecurityAssociationDatabase::ForgetLastLookups()
{
    m_lastLookup.sa = nullptr;
    m_lastOutbound.sa = nullptr;
}

SadStatus
SecurityAssociationDatabase::Add(Ptr<SecurityAssociation> sa)
{
    if (!sa)
    {
        return SadStatus::INVALID;
    }
    ForgetLastLookups();
    const Key key = KeyOf(*sa);
    if (m_byKey.count(key) != 0)
    {
        NS_LOG_WARN("SA 0x" << std::hex << sa->GetSpi() << " exists already");
        return SadStatus::DUPLICATE;
    }
    m_byKey.emplace(key, Entry{sa, m_serial++});
    if (sa->GetDirection() == SaDirection::OUTBOUND)
    {
        m_outbound[OutKey(sa->GetReqid(), sa->GetProtocol())].push_back(sa);
    }
    return SadStatus::OK;
}

SadStatus
SecurityAssociationDatabase::Update(Ptr<SecurityAssociation> sa)
{
    if (!sa)
    {
        return SadStatus::INVALID;
    }
    auto it = m_byKey.find(KeyOf(*sa));
    if (it == m_byKey.end())
    {
        return SadStatus::NOT_FOUND;
    }
    ForgetLastLookups();
    Ptr<SecurityAssociation> old = it->second.sa;
    if (old->GetDirection() == SaDirection::OUTBOUND &&
        sa->GetDirection() == SaDirection::OUTBOUND && old->GetReqid() == sa->GetReqid())
    {
        auto& list = m_outbound[OutKey(old->GetReqid(), old->GetProtocol())];
        std::replace(list.begin(), list.end(), old, sa);
    }
    else
    {
        RemoveOutbound(old);
        if (sa->GetDirection() == SaDirection::OUTBOUND)
        {
            m_outbound[OutKey(sa->GetReqid(), sa->GetProtocol())].push_back(sa);
        }
    }
    old->ExpireHard();
    it->second.sa = sa;
    return SadStatus::OK;
}

void
SecurityAssociationDatabase::RemoveOutbound(const Ptr<SecurityAssociation>& sa)
{
    if (sa->GetDirection() != SaDirection::OUTBOUND)
    {
        return;
    }
    auto it = m_outbound.find(OutKey(sa->GetReqid(), sa->GetProtocol()));
    if (it == m_outbound.end())
    {
        return;
    }
    auto& list = it->second;
    list.erase(std::remove(list.begin(), list.end(), sa), list.end());
    if (list.empty())
    {
        m_outbound.erase(it);
    }
}

bool
SecurityAssociationDatabase::Remove(uint32_t spi, const IpAddress& dst, IpsecProtocol protocol)
{
    auto it = m_byKey.find(Key{spi, dst, protocol});
    if (it == m_byKey.end())
    {
        return false;
    }
    ForgetLastLookups();
    Ptr<SecurityAssociation> sa = it->second.sa;
    RemoveOutbound(sa);
    m_byKey.erase(it);
    sa->ExpireHard();
    return true;
}

Ptr<SecurityAssociation>
SecurityAssociationDatabase::Lookup(uint32_t spi,
                                    const IpAddress& dst,
                                    IpsecProtocol protocol) const
{
    const Key key{spi, dst, protocol};
    if (m_lastLookup.sa && m_lastLookup.key == key)
    {
        return m_lastLookup.sa;
    }
    auto it = m_byKey.find(key);
    if (it == m_byKey.end())
    {
        return nullptr;
    }
    m_lastLookup.key = key;
    m_lastLookup.sa = it->second.sa;
    return it->second.sa;
}

Ptr<SecurityAssociation>
SecurityAssociationDatabase::LookupOutbound(uint32_t reqid, IpsecProtocol protocol) const
{
    const uint64_t key = OutKey(reqid, protocol);
    // Without a change of the SAD no SA appears, and none becomes MATURE again (states only go
    // MATURE, DYING, DEAD): the last MATURE answer stays the newest one while it is MATURE.
    if (m_lastOutbound.sa && m_lastOutbound.key == key &&
        m_lastOutbound.sa->GetState() == SaState::MATURE)
    {
        return m_lastOutbound.sa;
    }
    auto it = m_outbound.find(key);
    if (it == m_outbound.end())
    {
        return nullptr;
    }
    // Newest first; a handful of SAs per reqid at most (old and new during a rekey).
    Ptr<SecurityAssociation> dying;
    for (auto sa = it->second.rbegin(); sa != it->second.rend(); ++sa)
    {
        const SaState state = (*sa)->GetState();
        if (state == SaState::MATURE)
        {
            m_lastOutbound.key = key;
            m_lastOutbound.sa = *sa;
            return *sa;
        }
        if (state == SaState::DYING && !dying)
        {
            dying = *sa;
        }
    }
    return dying;
}

uint32_t
SecurityAssociationDatabase::GetN() const
{
    return static_cast<uint32_t>(m_byKey.size());
}

std::vector<Ptr<SecurityAssociation>>
SecurityAssociationDatabase::GetAll() const
{
    std::vector<const Entry*> entries;
    entries.reserve(m_byKey.size());
    for (const auto& kv : m_byKey)
    {
        entries.push_back(&kv.second);
    }
    std::sort(entries.begin(), entries.end(), [](const Entry* a, const Entry* b) {
        return a->serial < b->serial;
    });
    std::vector<Ptr<SecurityAssociation>> all;
    all.reserve(entries.size());
    for (const Entry* e : entries)
    {
        all.push_back(e->sa);
    }
    return all;
}

void
SecurityAssociationDatabase::Clear()
{
    ForgetLastLookups();
    for (auto& kv : m_byKey)
    {
        kv.second.sa->ExpireHard();
    }
    m_byKey.clear();
    m_outbound.clear();
}

} // namespace ns3
