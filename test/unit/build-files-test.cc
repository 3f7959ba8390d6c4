/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The module has two build descriptions: CMakeLists.txt (ns-3.36 and later, standalone or
 * in-tree) and wscript (waf-based trees, ns-3.35 and older). These tests fail when they list
 * different files, or when a file on disk is in neither.
 */

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <regex>
#include <set>
#include <sstream>
#include <string>

namespace
{

namespace fs = std::filesystem;

using FileSet = std::set<std::string>;

std::string
ReadFile(const fs::path& path)
{
    std::ifstream in(path);
    EXPECT_TRUE(in.good()) << "cannot read " << path;
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

/// Removes comments ('#' to end of line) so that file names in comments do not count.
std::string
StripHashComments(const std::string& text)
{
    std::istringstream in(text);
    std::string line;
    std::string out;
    while (std::getline(in, line))
    {
        out += line.substr(0, line.find('#')) + "\n";
    }
    return out;
}

/// Every C++ source or header name in a build file, made relative to the module root.
FileSet
ListedFiles(const std::string& buildFile, const std::string& prefix)
{
    static const std::regex name(R"(([A-Za-z0-9_./-]+\.(cc|h))\b)");
    const std::string text = StripHashComments(ReadFile(fs::path(IPSEC_SOURCE_DIR) / buildFile));
    FileSet files;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), name);
         it != std::sregex_iterator();
         ++it)
    {
        std::string file = (*it)[1];
        if (file.rfind(prefix, 0) != 0)
        {
            file = prefix + file;
        }
        files.insert(file);
    }
    return files;
}

FileSet
Union(FileSet a, const FileSet& b)
{
    a.insert(b.begin(), b.end());
    return a;
}

FileSet
CmakeFiles()
{
    return Union(Union(ListedFiles("CMakeLists.txt", ""),
                       ListedFiles("examples/CMakeLists.txt", "examples/")),
                 ListedFiles("test/CMakeLists.txt", "test/"));
}

FileSet
WafFiles()
{
    return Union(ListedFiles("wscript", ""), ListedFiles("examples/wscript", "examples/"));
}

/// The files of one kind: those under @p folder ending in @p suffix.
FileSet
Only(const FileSet& files, const std::string& folder, const std::string& suffix)
{
    FileSet out;
    for (const auto& file : files)
    {
        const bool inFolder = file.rfind(folder, 0) == 0;
        const bool hasSuffix =
            file.size() > suffix.size() &&
            file.compare(file.size() - suffix.size(), suffix.size(), suffix) == 0;
        if (inFolder && hasSuffix)
        {
            out.insert(file);
        }
    }
    return out;
}

FileSet
OnDisk(const std::string& folder, const std::string& suffix)
{
    FileSet files;
    const fs::path root(IPSEC_SOURCE_DIR);
    if (!fs::exists(root / folder))
    {
        return files;
    }
    for (const auto& entry : fs::recursive_directory_iterator(root / folder))
    {
        const std::string rel = fs::relative(entry.path(), root).generic_string();
        if (entry.is_regular_file() && entry.path().extension() == suffix)
        {
            files.insert(rel);
        }
    }
    return files;
}

struct Kind
{
    const char* folder;
    const char* suffix;
};

const Kind kKinds[] = {
    {"model/", ".cc"},
    {"model/", ".h"},
    {"helper/", ".cc"},
    {"helper/", ".h"},
    {"examples/", ".cc"},
    {"test/unit/", ".cc"},
    {"test/integration/", ".cc"},
};

TEST(BuildFiles, CmakeAndWscriptListTheSameFiles)
{
    const FileSet cmake = CmakeFiles();
    const FileSet waf = WafFiles();
    for (const auto& kind : kKinds)
    {
        EXPECT_EQ(Only(cmake, kind.folder, kind.suffix), Only(waf, kind.folder, kind.suffix))
            << "CMakeLists.txt and wscript disagree on " << kind.folder << "*" << kind.suffix;
    }
}

TEST(BuildFiles, EverySourceOnDiskIsBuilt)
{
    const FileSet cmake = CmakeFiles();
    for (const auto& kind : kKinds)
    {
        EXPECT_EQ(OnDisk(kind.folder, kind.suffix), Only(cmake, kind.folder, kind.suffix))
            << "files under " << kind.folder << " on disk differ from those CMake builds";
    }
}

TEST(BuildFiles, ListsAreNotEmpty)
{
    // Guards the two tests above against a parser that finds nothing in either file.
    EXPECT_FALSE(Only(CmakeFiles(), "test/unit/", ".cc").empty());
    EXPECT_FALSE(Only(WafFiles(), "test/unit/", ".cc").empty());
}

} // namespace
