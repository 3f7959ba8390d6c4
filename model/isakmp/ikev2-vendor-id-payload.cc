/* SPDX-License-Identifier: GPL-2.0-only */

#include "ikev2-vendor-id-payload.h"

#include "ikev2-octet-reader.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Ikev2VendorIdPayload");

void
Ikev2VendorIdPayload::SerializeBody(Bytes& out) const
{
    Ikev2AppendBytes(out, m_vid);
}

Ikev2ParseStatus
Ikev2VendorIdPayload::DeserializeBody(ByteView body)
{
    m_vid.assign(body.data, body.data + body.size);
    return Ikev2ParseStatus::OK;
}

std::unique_ptr<Ikev2Payload>
Ikev2VendorIdPayload::Clone() const
{
    return std::make_unique<Ikev2VendorIdPayload>(*this);
}

} // namespace ns3
