#pragma once
// Is a resolved path inside a folder? Used to keep untrusted files (content, glTF buffers) from
// reaching outside their own folder.
#include <filesystem>

namespace psoas::core {

// True when `resolved` is `root` or lies below it, comparing whole path components (so
// /a/bc is not inside /a/b). Both paths must already be canonical: symlinks and `..` resolved.
bool isWithinFolder(const std::filesystem::path& resolved, const std::filesystem::path& root);

} // namespace psoas::core
