/* SPDX-License-Identifier: GPL-2.0-only */

#include "ikev2-sa-payload.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Ikev2SaPayload");

void
Ikev2SaPayload::SerializeBody(Bytes& out) const
{
    for (size_t i = 0; i < m_proposals.size(); ++i)
    {
        m_proposals[i].Serialize(out, i + 1 == m_proposals.size());
    }
}

Ikev2ParseStatus
Ikev2SaPayload::DeserializeBody(ByteView body)
{
    m_proposals.clear();
    size_t pos = 0;
    bool last = false;
    while (pos < body.size)
    {
        if (last)
        {
            return Ikev2ParseStatus::BAD_LENGTH; // octets after the proposal marked last
        }
        const size_t remaining = body.size - pos;
        if (remaining < Ikev2Proposal::HEADER_SIZE)
        {
            return Ikev2ParseStatus::TRUNCATED;
        }
        const uint16_t length =
            static_cast<uint16_t>((body.data[pos + 2] << 8) | body.data[pos + 3]);
        if (length < Ikev2Proposal::HEADER_SIZE)
        {
            return Ikev2ParseStatus::PAYLOAD_TOO_SHORT;
        }
        if (length > remaining)
        {
            return Ikev2ParseStatus::BAD_LENGTH;
        }
        Ikev2Proposal p;
        Ikev2ParseStatus status = p.Deserialize(ByteView(body.data + pos, length), last);
        if (status != Ikev2ParseStatus::OK)
        {
            return status;
        }
        m_proposals.push_back(std::move(p));
        pos += length;
    }
    return last ? Ikev2ParseStatus::OK : Ikev2ParseStatus::INVALID_VALUE;
}

std::unique_ptr<Ikev2Payload>
Ikev2SaPayload::Clone() const
{
    return std::make_unique<Ikev2SaPayload>(*this);
}

} // namespace ns3
