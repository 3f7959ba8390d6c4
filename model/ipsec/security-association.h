/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_SECURITY_ASSOCIATION_H
#define IPSEC_SECURITY_ASSOCIATION_H

#include "packet-tuple.h"
#include "replay-window.h"
#include "sa-params.h"
#include "security-policy.h"

#include "ns3/nstime.h"
#include "ns3/ptr.h"
#include "ns3/simple-ref-count.h"

#include <cstdint>
#include <memory>
#include <string>

namespace ns3
{

class Cipher;
class Integrity;
class IvGenerator;
class RandomSource;

/**
 * \ingroup ipsec
 * \brief Life-cycle state of an SA (RFC 4301 4.4.2.1 "SA lifetime").
 */
enum class SaState : uint8_t
{
    MATURE, //!< usable, preferred for outbound traffic
    DYING,  //!< soft lifetime expired: still usable, a replacement should be negotiated
    DEAD,   //!< hard lifetime expired or sequence space exhausted: never used again
};

/**
 * \brief The name of an SA state ("MATURE", "DYING", "DEAD").
 * \param state the state
 * \return a static string
 */
const char* SaStateName(SaState state);

/**
 * \ingroup ipsec
 * \brief A lifetime limit that a packet just crossed (edge: reported once per SA and kind).
 */
enum class SaLimit : uint8_t
{
    NONE,         //!< no limit crossed by this packet
    SOFT_BYTES,   //!< soft byte limit reached: the SA is now DYING
    SOFT_PACKETS, //!< soft packet limit reached: the SA is now DYING
    HARD_BYTES,   //!< hard byte limit reached: the SA is now DEAD
    HARD_PACKETS, //!< hard packet limit reached: the SA is now DEAD
};

/**
 * \brief The name of a limit ("NONE", "SOFT_BYTES", ...).
 * \param limit the limit
 * \return a static string
 */
const char* SaLimitName(SaLimit limit);

/**
 * \ingroup ipsec
 * \brief Counters of one SA (what `ip -s xfrm state` shows).
 */
struct SaCounters
{
    uint64_t bytes{0};          //!< payload octets protected or accepted
    uint64_t packets{0};        //!< packets protected or accepted
    uint32_t replayDrops{0};    //!< inbound packets dropped by the replay check
    uint32_t integrityDrops{0}; //!< inbound packets whose ICV did not verify
};

/**
 * \ingroup ipsec
 * \brief One unidirectional Security Association (RFC 4301 4.4.2): its parameters, its keyed
 * crypto contexts, its sequence counter or replay window, its counters and lifetime state.
 *
 * The Cipher and Integrity contexts are created and keyed once, in Create(); protecting or
 * unprotecting a packet (EspCodec, AhCodec) re-uses them, so no per-packet context creation,
 * key schedule or RAND_bytes call. CBC IVs come from a per-SA IvGenerator seeded from the
 * node's RandomSource; counter-mode and AEAD IVs are the 64-bit sequence number (RFC 4106 3.1,
 * RFC 3686 3.1, RFC 7634 2), which is unique per key.
 *
 * Timers (soft/hard time lifetimes) belong to the stack: it calls ExpireSoft()/ExpireHard().
 * Byte and packet limits are checked here, on every packet (Account()).
 *
 * Size, for scaling studies (measured by SecurityAssociationTest.MemoryPerSa with glibc and
 * OpenSSL 3.0): the object is 384 octets; with its heap (keys, replay bitmap, OpenSSL cipher
 * and MAC contexts) an AES-GCM SA takes about 1.8 KB and an AES-CBC + HMAC-SHA-256 SA 2.4 KB.
 */
class SecurityAssociation : public SimpleRefCount<SecurityAssociation>
{
  public:
    /**
     * \brief Validates \p params and builds a keyed SA.
     *
     * Checks: key sizes against the transforms, AEAD ciphers with integrity NONE, ESP-NULL with
     * an integrity transform, AH with integrity and no encryption, TFC padding only in tunnel
     * mode, UDP encapsulation only for ESP, a non-zero SPI.
     * \param params the SA description
     * \param rng the node's random source (seeds the CBC IV generator; may be null for
     *        transforms that need no random IV)
     * \param error set to a message naming the fix when the result is null (may be null)
     * \return the SA, or null when \p params is invalid
     */
    static Ptr<SecurityAssociation> Create(const SaParams& params,
                                           Ptr<RandomSource> rng,
                                           std::string* error);

    ~SecurityAssociation();

    SecurityAssociation(const SecurityAssociation&) = delete;
    SecurityAssociation& operator=(const SecurityAssociation&) = delete;

    /// \return the parameters the SA was created from
    const SaParams& GetParams() const
    {
        return m_params;
    }

    /// \return the SPI
    uint32_t GetSpi() const
    {
        return m_params.spi;
    }

    /// \return ESP or AH
    IpsecProtocol GetProtocol() const
    {
        return m_params.protocol;
    }

    /// \return transport or tunnel
    IpsecMode GetMode() const
    {
        return m_params.mode;
    }

    /// \return inbound or outbound
    SaDirection GetDirection() const
    {
        return m_params.direction;
    }

    /// \return the destination address (SAD key part)
    const IpAddress& GetDestination() const
    {
        return m_params.dst;
    }

    /// \return the reqid
    uint32_t GetReqid() const
    {
        return m_params.reqid;
    }

    /// \return the keyed cipher (ESP), null for AH
    Cipher* GetCipher() const
    {
        return m_cipher.get();
    }

    /// \return the keyed integrity transform, null for AEAD ciphers or no integrity
    Integrity* GetIntegrity() const
    {
        return m_integ.get();
    }

    /// \return the IV generator (CBC ciphers), null otherwise
    IvGenerator* GetIvGenerator() const
    {
        return m_ivGen.get();
    }

    /// \return the octets of ICV this SA adds (AEAD tag or truncated MAC)
    size_t GetIcvSize() const
    {
        return m_icvSize;
    }

    /**
     * \brief Allocates the next outbound sequence number (RFC 4303 3.3.3, RFC 4302 3.3.2).
     *
     * Without ESN the counter must not wrap: after 2^32-1 the SA is exhausted and must be
     * rekeyed. With ESN the 64-bit counter is used.
     * \param seq set to the allocated number (the low 32 bits go on the wire)
     * \return false when the sequence space is exhausted (the SA becomes DEAD)
     */
    [[nodiscard]] bool NextSequence(uint64_t* seq);

    /**
     * \brief Sets the last sequence number sent, so the next packet carries \p lastSent + 1.
     *
     * For tests (ESN wrap, published vectors with a given sequence number) and for restoring
     * an SA's state; the stack never calls it on a live SA.
     * \param lastSent the last sequence number considered sent
     */
    void SetOutboundSequence(uint64_t lastSent);

    /// \return the last outbound sequence number allocated (0 before the first packet)
    uint64_t GetOutboundSequence() const;

    /// \return true when no outbound sequence number is left (the SA must be replaced)
    bool IsSequenceExhausted() const;

    /// \return the inbound anti-replay window
    ReplayWindow& GetReplayWindow()
    {
        return m_replay;
    }

    /// \return the inbound anti-replay window
    const ReplayWindow& GetReplayWindow() const
    {
        return m_replay;
    }

    /**
     * \brief Counts a packet against the byte/packet lifetimes and moves the state on.
     * \param payloadBytes octets of the protected payload (inner packet or L4 segment)
     * \return the limit this packet crossed, if any (hard limits take precedence)
     */
    SaLimit Account(uint64_t payloadBytes);

    /// \return true when the SA may still protect or accept packets (not DEAD)
    bool IsUsable() const
    {
        return m_state != SaState::DEAD;
    }

    /// \brief The soft time lifetime expired (stack timer): MATURE becomes DYING.
    void ExpireSoft();
    /// \brief The hard time lifetime expired or the SA was deleted: the SA becomes DEAD.
    void ExpireHard();

    /// \return the life-cycle state
    SaState GetState() const
    {
        return m_state;
    }

    /// \return the counters
    const SaCounters& GetCounters() const
    {
        return m_counters;
    }

    /// \return the counters, for the codecs
    SaCounters& GetCounters()
    {
        return m_counters;
    }

    /// \return the simulation time at which the SA was created
    Time GetCreationTime() const;

    /**
     * \brief The inner flow last seen through this inbound SA with the inbound policy it
     * found (RFC 4301 5.2 step 4), so the stack can skip the selector match and the SPD lookup
     * for the next packet of the same flow while the SPD has not changed.
     */
    struct AcceptedFlow
    {
        PacketTuple tuple;          //!< the inner packet's tuple (it matched the SA's selector)
        uint64_t generation{0};     //!< SecurityPolicyDatabase::GetGeneration() at the time
        Ptr<SecurityPolicy> policy; //!< the inbound policy found (null: none)
        bool valid{false};          //!< a flow was seen
    };

    /// \return the accepted-flow cache, for the stack
    AcceptedFlow& GetAcceptedFlow()
    {
        return m_acceptedFlow;
    }

  private:
    /// \param params the validated parameters
    explicit SecurityAssociation(const SaParams& params);

    SaParams m_params;                    //!< parameters (keys kept for key-table export)
    std::unique_ptr<Cipher> m_cipher;     //!< keyed once; null for AH
    std::unique_ptr<Integrity> m_integ;   //!< keyed once; null without integrity transform
    std::unique_ptr<IvGenerator> m_ivGen; //!< CBC only
    size_t m_icvSize{0};                  //!< ICV octets (the AEAD tag or the truncated MAC)
    ReplayWindow m_replay;                //!< inbound anti-replay state
    uint64_t m_seqOut{0};                 //!< last outbound sequence number allocated
    SaCounters m_counters;                //!< counters
    int64_t m_createdNs{0};               //!< creation time in ns
    SaState m_state{SaState::MATURE};     //!< life-cycle state
    bool m_softReported{false};           //!< a soft limit was reported already
    AcceptedFlow m_acceptedFlow;          //!< inbound check cache
};

} // namespace ns3

#endif // IPSEC_SECURITY_ASSOCIATION_H
