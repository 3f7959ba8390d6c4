/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_IPSEC_CODEC_RESULT_H
#define IPSEC_IPSEC_CODEC_RESULT_H

#include "ipsec-types.h"
#include "security-association.h"

#include <cstdint>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief What happened to a packet in EspCodec or AhCodec.
 */
enum class CodecStatus : uint8_t
{
    OK,    //!< protected / verified and decrypted
    DUMMY, //!< a valid RFC 4303 2.6 dummy packet (next header 59): discard silently, no drop trace
    DROP,  //!< dropped, see CodecResult::reason
};

/**
 * \ingroup ipsec
 * \brief Result of EspCodec/AhCodec Protect and Unprotect.
 *
 * Also reports a lifetime limit the packet crossed, so the stack raises the expire event
 * exactly once (soft: rekey; hard: delete the SA).
 */
struct [[nodiscard]] CodecResult
{
    CodecStatus status{CodecStatus::OK};                //!< outcome
    IpsecDropReason reason{IpsecDropReason::MALFORMED}; //!< why, when status is DROP
    SaLimit limit{SaLimit::NONE};                       //!< lifetime limit crossed by this packet

    /// \return true when the packet was processed
    bool IsOk() const
    {
        return status == CodecStatus::OK;
    }

    /// \return true when the packet is to be dropped with a traced reason
    bool IsDrop() const
    {
        return status == CodecStatus::DROP;
    }

    /**
     * \param r the reason
     * \return a DROP result
     */
    static CodecResult Drop(IpsecDropReason r)
    {
        CodecResult res;
        res.status = CodecStatus::DROP;
        res.reason = r;
        return res;
    }
};

} // namespace ns3

#endif // IPSEC_IPSEC_CODEC_RESULT_H
