#include "core/AssetPaths.h"

#include <cstdlib>
#include <filesystem>

namespace psoas::core {
namespace {
std::string g_exeDir;

bool looksLikeAssets(const std::filesystem::path& p)
{
    std::error_code ec;
    return std::filesystem::is_directory(p / "models", ec);
}
} // namespace

void setExecutableDir(const std::string& dir) { g_exeDir = dir; }

std::string assetsDir()
{
    if (const char* env = std::getenv("PSOAS_ASSETS"); env && *env) return env;
    std::string exeDir = g_exeDir;
    if (exeDir.empty()) {
        std::error_code ec;
        auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
        if (!ec) exeDir = self.parent_path().string();
    }
    if (!exeDir.empty()) {
        for (auto candidate : {std::filesystem::path(exeDir) / "assets",
                               std::filesystem::path(exeDir) / ".." / "assets",
                               std::filesystem::path(exeDir) / ".." / "share" / "psoas-atlas" / "assets"}) {
            if (looksLikeAssets(candidate)) return std::filesystem::weakly_canonical(candidate).string();
        }
    }
    return PSOAS_SOURCE_ASSETS_DIR;
}

std::string assetPath(const std::string& relative) { return assetsDir() + "/" + relative; }

} // namespace psoas::core
