/* SPDX-License-Identifier: GPL-2.0-only */

/*
 * Checks the TypeIds of the module (group "Ipsec") the way ns-3's traced-callback-typedef test
 * does: every trace source names a callback typedef that the module really declares, and every
 * attribute and trace source says what it is.
 */

#include "ns3/type-id.h"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>
#include <string>

namespace
{

/// The text of every header of the module's model/ and helper/ folders.
std::string
AllModuleHeaders()
{
    std::string text;
    for (const char* folder : {"model", "helper"})
    {
        for (const auto& entry : std::filesystem::recursive_directory_iterator(
                 std::string(IPSEC_SOURCE_DIR) + "/" + folder))
        {
            if (entry.path().extension() == ".h")
            {
                std::ifstream in(entry.path());
                std::ostringstream content;
                content << in.rdbuf();
                text += content.str();
            }
        }
    }
    return text;
}

TEST(TypeIdTest, TraceSourcesNameDeclaredCallbackTypedefs)
{
    const std::string headers = AllModuleHeaders();
    uint32_t traceSources = 0;
    for (uint16_t i = 0; i < ns3::TypeId::GetRegisteredN(); ++i)
    {
        const ns3::TypeId tid = ns3::TypeId::GetRegistered(i);
        if (tid.GetGroupName() != "Ipsec")
        {
            continue;
        }
        for (std::size_t j = 0; j < tid.GetTraceSourceN(); ++j)
        {
            const auto source = tid.GetTraceSource(j);
            ++traceSources;
            const std::string where = tid.GetName() + "::" + source.name;
            EXPECT_FALSE(source.help.empty()) << where << " has no help text";
            ASSERT_EQ(source.callback.rfind("ns3::", 0), 0u)
                << where << " callback '" << source.callback << "' is not an ns3:: name";
            const std::string typedefName = source.callback.substr(source.callback.rfind("::") + 2);
            EXPECT_NE(headers.find("(*" + typedefName + ")"), std::string::npos)
                << where << " names " << source.callback << ", which no header declares";
        }
    }
    EXPECT_GT(traceSources, 0u) << "no trace source found in group Ipsec";
}

TEST(TypeIdTest, AttributesAreDocumented)
{
    uint32_t attributes = 0;
    for (uint16_t i = 0; i < ns3::TypeId::GetRegisteredN(); ++i)
    {
        const ns3::TypeId tid = ns3::TypeId::GetRegistered(i);
        if (tid.GetGroupName() != "Ipsec")
        {
            continue;
        }
        for (std::size_t j = 0; j < tid.GetAttributeN(); ++j)
        {
            ++attributes;
            EXPECT_FALSE(tid.GetAttribute(j).help.empty())
                << tid.GetName() << "::" << tid.GetAttribute(j).name << " has no help text";
        }
    }
    EXPECT_GT(attributes, 0u) << "no attribute found in group Ipsec";
}

} // namespace
