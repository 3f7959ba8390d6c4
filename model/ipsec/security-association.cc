/* SPDX-License-Identifier: GPL-2.0-only */

#include "security-association.h"

#include "ns3/cipher.h"
#include "ns3/integrity.h"
#include "ns3/iv-generator.h"
#include "ns3/log.h"
#include "ns3/random-source.h"
#include "ns3/simulator.h"

#include <limits>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpsecSecurityAssociation");

const char*
SaStateName(SaState state)
{
    switch (state)
    {
    case SaState::MATURE:
        return "MATURE";
    case SaState::DYING:
        return "DYING";
    case SaState::DEAD:
        return "DEAD";
    }
    return "UNKNOWN";
}

const char*
SaLimitName(SaLimit limit)
{
    switch (limit)
    {
    case SaLimit::NONE:
        return "NONE";
    case SaLimit::SOFT_BYTES:
        return "SOFT_BYTES";
    case SaLimit::SOFT_PACKETS:
        return "SOFT_PACKETS";
    case SaLimit::HARD_BYTES:
        return "HARD_BYTES";
    case SaLimit::HARD_PACKETS:
        return "HARD_PACKETS";
    }
    return "UNKNOWN";
}

namespace
{

/// \return true for ciphers whose IV is a counter/nonce (the sequence number may serve)
bool
UsesRandomIv(EncrId id)
{
    return id == EncrId::AES_CBC || id == EncrId::TRIPLE_DES || id == EncrId::DES ||
           id == EncrId::DES_IV64;
}

/// \brief Sets *error (when given) and returns null.
Ptr<SecurityAssociation>
Fail(std::string* error, const std::string& message)
{
    NS_LOG_WARN("SA rejected: " << message);
    if (error)
    {
        *error = message;
    }
    return nullptr;
}

} // namespace

SecurityAssociation::SecurityAssociation(const SaParams& params)
    : m_params(params),
      // Outbound SAs never check replay: give them the smallest window.
      m_replay(params.direction == SaDirection::INBOUND && params.replayWindow != 0
                   ? params.replayWindow
                   : ReplayWindow::MIN_SIZE,
               params.esn),
      m_createdNs(Simulator::Now().GetNanoSeconds())
{
}

SecurityAssociation::~SecurityAssociation() = default;

Ptr<SecurityAssociation>
SecurityAssociation::Create(const SaParams& p, Ptr<RandomSource> rng, std::string* error)
{
    std::ostringstream spiText;
    spiText << "SA 0x" << std::hex << p.spi << ": ";
    const std::string who = spiText.str();

    if (p.spi == 0)
    {
        return Fail(error, who + "SPI 0 is reserved (RFC 4303 2.1); choose a SPI >= 256");
    }
    if (p.src.IsIpv6() != p.dst.IsIpv6())
    {
        return Fail(error, who + "source and destination must be of the same address family");
    }
    if (p.protocol != IpsecProtocol::ESP && p.protocol != IpsecProtocol::AH)
    {
        return Fail(error, who + "protocol must be ESP (50) or AH (51)");
    }
    if (p.protocol == IpsecProtocol::AH)
    {
        if (p.encr != EncrId::NULL_ENCR || !p.encrKey.empty())
        {
            return Fail(error,
                        who + "AH provides no confidentiality: set encr = NULL_ENCR with an "
                              "empty encrKey, or use ESP");
        }
        if (p.integ == IntegId::NONE)
        {
            return Fail(error, who + "AH needs an integrity transform (e.g. HMAC_SHA2_256_128)");
        }
        if (p.udpEncap)
        {
            return Fail(error, who + "UDP encapsulation (RFC 3948) is for ESP only");
        }
        if (p.tfcPadding)
        {
            return Fail(error, who + "TFC padding needs ESP (AH cannot hide padding)");
        }
    }
    const bool aead = p.protocol == IpsecProtocol::ESP && Cipher::IsAeadId(p.encr);
    if (p.protocol == IpsecProtocol::ESP)
    {
        if (aead && p.integ != IntegId::NONE)
        {
            return Fail(error,
                        who + "combined-mode cipher authenticates itself: set integ = NONE "
                              "(RFC 4303 3.2.3, RFC 7296 3.3)");
        }
        if (p.encr == EncrId::NULL_ENCR)
        {
            if (p.integ == IntegId::NONE)
            {
                return Fail(error,
                            who + "ESP with NULL encryption needs an integrity transform "
                                  "(RFC 4303 3.2: ESP must provide confidentiality or "
                                  "integrity)");
            }
            if (!p.encrKey.empty())
            {
                return Fail(error, who + "NULL encryption takes no key: clear encrKey");
            }
        }
        else
        {
            const size_t need = Cipher::GetKeyMaterialSize(p.encr, p.encrKeyBits);
            if (need == 0)
            {
                std::ostringstream os;
                os << who << "encryption transform " << static_cast<int>(p.encr) << " with a "
                   << p.encrKeyBits
                   << "-bit key is not supported: use e.g. AES_GCM_16 or AES_CBC with 128, 192 "
                      "or 256 bits";
                return Fail(error, os.str());
            }
            if (p.encrKey.size() != need)
            {
                std::ostringstream os;
                os << who << "encrKey has " << p.encrKey.size() << " octets, transform "
                   << static_cast<int>(p.encr) << " with " << p.encrKeyBits << " bits needs "
                   << need << " (key followed by salt where the transform has one)";
                return Fail(error, os.str());
            }
        }
        if (p.tfcPadding && p.mode != IpsecMode::TUNNEL)
        {
            return Fail(error,
                        who + "TFC padding works in tunnel mode only (the receiver finds the "
                              "inner packet's end from its IP header, RFC 4303 2.4)");
        }
        if (p.tfcPadding && (p.encr == EncrId::NULL_ENCR || p.encr == EncrId::NULL_AUTH_AES_GMAC))
        {
            return Fail(error, who + "TFC padding needs an encrypting transform to hide it");
        }
    }
    if (p.replayWindow != 0 && !ReplayWindow::IsValidSize(p.replayWindow))
    {
        std::ostringstream os;
        os << who << "replayWindow " << p.replayWindow << " is outside [" << ReplayWindow::MIN_SIZE
           << ", " << ReplayWindow::MAX_SIZE << "] packets (0 disables the replay check)";
        return Fail(error, os.str());
    }
    if (p.esn && p.direction == SaDirection::INBOUND && p.replayWindow == 0)
    {
        return Fail(error,
                    who + "ESN needs the anti-replay window to infer the high sequence bits "
                          "(RFC 4303 A2): set replayWindow > 0");
    }
    if (p.integ != IntegId::NONE)
    {
        const size_t need = Integrity::GetKeySize(p.integ);
        if (need == 0)
        {
            std::ostringstream os;
            os << who << "integrity transform " << static_cast<int>(p.integ)
               << " is not supported: use e.g. HMAC_SHA2_256_128";
            return Fail(error, os.str());
        }
        if (p.integKey.size() != need)
        {
            std::ostringstream os;
            os << who << "integKey has " << p.integKey.size() << " octets, integrity transform "
               << static_cast<int>(p.integ) << " needs " << need;
            return Fail(error, os.str());
        }
    }
    else if (!p.integKey.empty())
    {
        return Fail(error, who + "integKey given without an integrity transform: clear it");
    }

    Ptr<SecurityAssociation> sa = Ptr<SecurityAssociation>(new SecurityAssociation(p), false);
    if (p.protocol == IpsecProtocol::ESP)
    {
        CryptoStatus st = CryptoStatus::OK;
        sa->m_cipher = Cipher::Create(p.encr, ByteView(p.encrKey), &st);
        if (!sa->m_cipher || st != CryptoStatus::OK)
        {
            return Fail(error,
                        who + "cannot key the cipher: " + CryptoStatusName(st) +
                            " (check the OpenSSL provider offers the algorithm)");
        }
        if (UsesRandomIv(p.encr))
        {
            if (!rng)
            {
                return Fail(error, who + "a CBC cipher needs the node's RandomSource for its IVs");
            }
            CryptoStatus st = CryptoStatus::OK;
            sa->m_ivGen = IvGenerator::Create(*rng, &st);
            if (!sa->m_ivGen || st != CryptoStatus::OK)
            {
                return Fail(error, who + "cannot create the IV generator: " + CryptoStatusName(st));
            }
        }
    }
    if (p.integ != IntegId::NONE)
    {
        CryptoStatus st = CryptoStatus::OK;
        sa->m_integ = Integrity::Create(p.integ, ByteView(p.integKey), &st);
        if (!sa->m_integ || st != CryptoStatus::OK)
        {
            return Fail(error, who + "cannot key the integrity transform: " + CryptoStatusName(st));
        }
    }
    // The ICV is the AEAD's tag or the integrity transform's truncated MAC (RFC 4303 2.8).
    if (sa->m_cipher && sa->m_cipher->IsAead())
    {
        sa->m_icvSize = sa->m_cipher->GetIcvSize();
    }
    else if (sa->m_integ)
    {
        sa->m_icvSize = sa->m_integ->GetIcvSize();
    }
    if (p.protocol == IpsecProtocol::ESP && !aead && p.integ == IntegId::NONE)
    {
        NS_LOG_WARN(who << "ESP without integrity protection (RFC 4303 3.2 advises against it)");
    }
    NS_LOG_DEBUG("created " << who << (p.protocol == IpsecProtocol::ESP ? "ESP" : "AH") << " dst "
                            << p.dst << " reqid " << p.reqid);
    return sa;
}

bool
SecurityAssociation::NextSequence(uint64_t* seq)
{
    // RFC 4303 3.3.3 / RFC 4302 3.3.2: the counter must never cycle; without ESN the last
    // usable number is 2^32 - 1, with ESN 2^64 - 1.
    if (IsSequenceExhausted())
    {
        NS_LOG_WARN("SA 0x" << std::hex << m_params.spi << " sequence space exhausted: rekey");
        m_state = SaState::DEAD;
        return false;
    }
    *seq = ++m_seqOut;
    return true;
}

void
SecurityAssociation::SetOutboundSequence(uint64_t lastSent)
{
    m_seqOut = lastSent;
}

uint64_t
SecurityAssociation::GetOutboundSequence() const
{
    return m_seqOut;
}

bool
SecurityAssociation::IsSequenceExhausted() const
{
    const uint64_t last =
        m_params.esn ? std::numeric_limits<uint64_t>::max() : std::numeric_limits<uint32_t>::max();
    return m_seqOut >= last;
}

SaLimit
SecurityAssociation::Account(uint64_t payloadBytes)
{
    m_counters.bytes += payloadBytes;
    m_counters.packets += 1;
    const SaLifetime& lt = m_params.lifetime;
    if (m_state != SaState::DEAD)
    {
        if (lt.hardPackets != 0 && m_counters.packets >= lt.hardPackets)
        {
            m_state = SaState::DEAD;
            return SaLimit::HARD_PACKETS;
        }
        if (lt.hardBytes != 0 && m_counters.bytes >= lt.hardBytes)
        {
            m_state = SaState::DEAD;
            return SaLimit::HARD_BYTES;
        }
    }
    if (!m_softReported)
    {
        SaLimit hit = SaLimit::NONE;
        if (lt.softPackets != 0 && m_counters.packets >= lt.softPackets)
        {
            hit = SaLimit::SOFT_PACKETS;
        }
        else if (lt.softBytes != 0 && m_counters.bytes >= lt.softBytes)
        {
            hit = SaLimit::SOFT_BYTES;
        }
        if (hit != SaLimit::NONE)
        {
            m_softReported = true;
            if (m_state == SaState::MATURE)
            {
                m_state = SaState::DYING;
            }
            return hit;
        }
    }
    return SaLimit::NONE;
}

void
SecurityAssociation::ExpireSoft()
{
    m_softReported = true;
    if (m_state == SaState::MATURE)
    {
        m_state = SaState::DYING;
    }
}

void
SecurityAssociation::ExpireHard()
{
    m_state = SaState::DEAD;
}

Time
SecurityAssociation::GetCreationTime() const
{
    return NanoSeconds(m_createdNs);
}

} // namespace ns3
