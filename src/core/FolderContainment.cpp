#include "core/FolderContainment.h"

namespace psoas::core {

bool isWithinFolder(const std::filesystem::path& resolved, const std::filesystem::path& root)
{
    auto f = resolved.begin();
    for (auto r = root.begin(); r != root.end(); ++r, ++f)
        if (f == resolved.end() || *f != *r) return false;
    return true;
}

} // namespace psoas::core
