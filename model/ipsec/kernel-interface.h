/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_KERNEL_INTERFACE_H
#define IPSEC_KERNEL_INTERFACE_H

#include "ipsec-types.h"
#include "sa-params.h"
#include "sa-template.h"
#include "security-association.h"
#include "traffic-selector.h"

#include "ns3/callback.h"
#include "ns3/object.h"
#include "ns3/ptr.h"

#include <cstdint>
#include <string>

/**
 * \file
 * \ingroup ipsec
 * The door between key-management daemons (IKEv1, IKEv2, manual keying) and a node's IPsec
 * data plane, cut like PF_KEY (RFC 2367) and Linux XFRM netlink messages.
 */

namespace ns3
{

class SecurityPolicy;

/**
 * \ingroup ipsec
 * \brief Result of a kernel-interface request.
 */
enum class KernelStatus : uint8_t
{
    OK,               //!< done
    INVALID_SA,       //!< the SA parameters were rejected (see the error text)
    SA_EXISTS,        //!< an SA with the same (SPI, destination, protocol) is installed
    SA_NOT_FOUND,     //!< no SA with that (SPI, destination, protocol)
    INVALID_POLICY,   //!< the policy was rejected (see the error text)
    POLICY_NOT_FOUND, //!< no policy with that id
    SPI_EXHAUSTED,    //!< no free SPI could be found
};

/**
 * \ingroup ipsec
 * \brief The name of a kernel status, as spelled in the enum.
 * \param status the status
 * \return a static string
 */
const char* KernelStatusName(KernelStatus status);

/**
 * \ingroup ipsec
 * \brief An ACQUIRE (RFC 2367 SADB_ACQUIRE, XFRM_MSG_ACQUIRE): an outbound packet hit a PROTECT
 * policy for which no usable SA exists. The daemon negotiates an SA for \c selector (or the
 * narrower \c tuple) following \c sa.
 */
struct AcquireEvent
{
    uint32_t policyId{0};   //!< the policy hit
    IpsecSelector selector; //!< the policy's traffic selector
    SaTemplate sa;          //!< the SA the policy asks for (protocol, mode, tunnel ends, reqid)
    PacketTuple tuple;      //!< the packet that triggered it (RFC 7296 2.9 first selector)
};

/**
 * \ingroup ipsec
 * \brief What crossed an SA's lifetime.
 */
enum class ExpireCause : uint8_t
{
    TIME,    //!< addtime + soft/hard time
    BYTES,   //!< soft/hard byte count
    PACKETS, //!< soft/hard packet count
};

/**
 * \ingroup ipsec
 * \brief The name of an expire cause ("TIME", "BYTES", "PACKETS").
 * \param cause the cause
 * \return a static string
 */
const char* ExpireCauseName(ExpireCause cause);

/**
 * \ingroup ipsec
 * \brief An EXPIRE (RFC 2367 SADB_EXPIRE, XFRM_MSG_EXPIRE). On a soft expire the SA keeps
 * working and the daemon should rekey (make before break); on a hard expire the kernel has
 * already deleted the SA.
 */
struct ExpireEvent
{
    uint32_t spi{0};                              //!< SPI of the SA
    IpsecProtocol protocol{IpsecProtocol::ESP};   //!< ESP or AH
    IpAddress dst;                                //!< destination address of the SA
    SaDirection direction{SaDirection::OUTBOUND}; //!< direction on this node
    uint32_t reqid{0};                            //!< reqid of the SA
    bool hard{false};                             //!< hard (deleted) or soft (rekey now)
    ExpireCause cause{ExpireCause::TIME};         //!< which limit was crossed
};

/**
 * \ingroup ipsec
 * \brief The kernel API of a node's IPsec (PF_KEY/XFRM-like), the only thing IKE daemons use.
 *
 * Found on a node with <tt>node->GetObject<KernelInterface>()</tt>; IpsecStack implements it,
 * a test may aggregate its own implementation instead. Required wiring (acquire, expire) is a
 * Callback: one daemon per node owns it; observers use the IpsecStack trace sources.
 */
class KernelInterface : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    /// Called on ACQUIRE.
    typedef Callback<void, const AcquireEvent&> AcquireCallback;
    /// Called on soft and hard EXPIRE.
    typedef Callback<void, const ExpireEvent&> ExpireCallback;

    ~KernelInterface() override;

    /**
     * \brief Reserves an SPI for an inbound SA (SADB_GETSPI, XFRM_MSG_ALLOCSPI): random, never
     * below 256 (RFC 4303 2.1), unique among this node's inbound SAs and earlier reservations.
     * \param protocol ESP or AH
     * \param dst the local address the SA will be for
     * \param spi set to the SPI
     * \return OK or SPI_EXHAUSTED
     */
    [[nodiscard]] virtual KernelStatus AllocateSpi(IpsecProtocol protocol,
                                                   const IpAddress& dst,
                                                   uint32_t* spi) = 0;

    /**
     * \brief Installs an SA (SADB_ADD, XFRM_MSG_NEWSA). An outbound SA releases packets queued
     * for its reqid; lifetimes start now.
     * \param params the SA
     * \param error set to a message naming the fix when the SA is rejected (may be null)
     * \return OK, INVALID_SA or SA_EXISTS
     */
    [[nodiscard]] virtual KernelStatus AddSa(const SaParams& params, std::string* error) = 0;

    /**
     * \brief Replaces an installed SA with new parameters (SADB_UPDATE, XFRM_MSG_UPDSA), e.g.
     * new lifetimes, or the peer's NAT-mapped port; keys and counters restart.
     * \param params the SA (found by spi, dst, protocol)
     * \param error set to a message naming the fix when the SA is rejected (may be null)
     * \return OK, INVALID_SA or SA_NOT_FOUND
     */
    [[nodiscard]] virtual KernelStatus UpdateSa(const SaParams& params, std::string* error) = 0;

    /**
     * \brief Deletes an SA (SADB_DELETE, XFRM_MSG_DELSA); no expire event follows.
     * \param spi SPI
     * \param dst destination address
     * \param protocol ESP or AH
     * \return OK or SA_NOT_FOUND
     */
    [[nodiscard]] virtual KernelStatus DeleteSa(uint32_t spi,
                                                const IpAddress& dst,
                                                IpsecProtocol protocol) = 0;

    /**
     * \brief Installs a policy (SADB_X_SPDADD, XFRM_MSG_NEWPOLICY).
     * \param policy the policy
     * \param id set to the id of the installed policy (may be null)
     * \return OK or INVALID_POLICY
     */
    [[nodiscard]] virtual KernelStatus AddPolicy(Ptr<SecurityPolicy> policy, uint32_t* id) = 0;

    /**
     * \brief Removes a policy (SADB_X_SPDDELETE2, XFRM_MSG_DELPOLICY).
     * \param id the policy id
     * \return OK or POLICY_NOT_FOUND
     */
    [[nodiscard]] virtual KernelStatus DeletePolicy(uint32_t id) = 0;

    /**
     * \brief Reads an SA's counters (SADB_GET, XFRM_MSG_GETSA), e.g. to tell an idle child SA.
     * \param spi SPI
     * \param dst destination address
     * \param protocol ESP or AH
     * \param counters set to the counters
     * \return OK or SA_NOT_FOUND
     */
    [[nodiscard]] virtual KernelStatus GetSaCounters(uint32_t spi,
                                                     const IpAddress& dst,
                                                     IpsecProtocol protocol,
                                                     SaCounters* counters) const = 0;

    /**
     * \brief Sets the daemon's ACQUIRE handler (null: acquires are only traced).
     * \param cb the handler
     */
    virtual void SetAcquireCallback(AcquireCallback cb) = 0;

    /**
     * \brief Sets the daemon's EXPIRE handler (null: expires are only traced).
     * \param cb the handler
     */
    virtual void SetExpireCallback(ExpireCallback cb) = 0;
};

} // namespace ns3

#endif // IPSEC_KERNEL_INTERFACE_H
