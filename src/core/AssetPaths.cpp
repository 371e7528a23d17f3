#include "core/AssetPaths.h"

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace psoas::core {
namespace fs = std::filesystem;
namespace {
std::string g_exeDir;

bool looksLikeAssets(const fs::path& p)
{
    std::error_code ec;
    return fs::is_directory(p / "models", ec);
}

fs::path exeDir()
{
    if (!g_exeDir.empty()) return g_exeDir;
    std::error_code ec;
    auto self = fs::read_symlink("/proc/self/exe", ec);
    return ec ? fs::path() : self.parent_path();
}

// The source assets named by the build tree's marker file, or empty.
fs::path buildTreeAssets(const fs::path& dir)
{
    if (const char* off = std::getenv("PSOAS_NO_BUILD_TREE"); off && std::strcmp(off, "1") == 0) return {};
    std::ifstream marker(dir / "psoas-atlas-build-tree.txt");
    std::string line;
    if (!marker || !std::getline(marker, line) || line.empty()) return {};
    return fs::path(line);
}

std::string normalised(const fs::path& p)
{
    std::error_code ec;
    auto c = fs::weakly_canonical(p, ec);
    return ec ? p.lexically_normal().string() : c.string();
}
} // namespace

void setExecutableDir(const std::string& dir) { g_exeDir = dir; }

std::string assetsDir()
{
    if (const char* env = std::getenv("PSOAS_ASSETS"); env && *env) return env;
    const fs::path dir = exeDir();
    if (dir.empty()) return "share/psoas-atlas"; // no /proc: relative, and named in messages
    const fs::path installed = dir / ".." / "share" / "psoas-atlas";
    if (looksLikeAssets(installed)) return normalised(installed);
    if (auto source = buildTreeAssets(dir); !source.empty() && looksLikeAssets(source)) return normalised(source);
    for (const auto& candidate : {dir / "assets", dir / ".." / "assets"})
        if (looksLikeAssets(candidate)) return normalised(candidate);
    return normalised(installed);
}

std::string assetPath(const std::string& relative) { return assetsDir() + "/" + relative; }

std::string contentDatabasePath()
{
    std::error_code ec;
    const fs::path shared = fs::path(assetsDir()) / "content.db";
    if (fs::exists(shared, ec)) return shared.string();
    const fs::path dir = exeDir();
    return (dir.empty() ? fs::path("content.db") : dir / "content.db").string();
}

} // namespace psoas::core
