/* SPDX-License-Identifier: GPL-2.0-only */

#include "kernel-interface.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpsecKernelInterface");

NS_OBJECT_ENSURE_REGISTERED(KernelInterface);

const char*
KernelStatusName(KernelStatus status)
{
    switch (status)
    {
    case KernelStatus::OK:
        return "OK";
    case KernelStatus::INVALID_SA:
        return "INVALID_SA";
    case KernelStatus::SA_EXISTS:
        return "SA_EXISTS";
    case KernelStatus::SA_NOT_FOUND:
        return "SA_NOT_FOUND";
    case KernelStatus::INVALID_POLICY:
        return "INVALID_POLICY";
    case KernelStatus::POLICY_NOT_FOUND:
        return "POLICY_NOT_FOUND";
    case KernelStatus::SPI_EXHAUSTED:
        return "SPI_EXHAUSTED";
    }
    return "UNKNOWN";
}

const char*
ExpireCauseName(ExpireCause cause)
{
    switch (cause)
    {
    case ExpireCause::TIME:
        return "TIME";
    case ExpireCause::BYTES:
        return "BYTES";
    case ExpireCause::PACKETS:
        return "PACKETS";
    }
    return "UNKNOWN";
}

TypeId
KernelInterface::GetTypeId()
{
    static TypeId tid = TypeId("ns3::KernelInterface").SetParent<Object>().SetGroupName("Ipsec");
    return tid;
}

KernelInterface::~KernelInterface()
{
    NS_LOG_FUNCTION(this);
}

} // namespace ns3
