#pragma once
#include "core/Error.h"

#include <string>

namespace psoas::core {

// Writes `bytes` to `path` so that a reader (or a crash at any moment) sees either the
// old complete file or the new complete file: write a temporary file in the same
// folder, fsync it, rename it over the target, fsync the folder.
Status writeFileAtomically(const std::string& path, const std::string& bytes);

// Reads a whole file. The error names the file and the reason.
Result<std::string> readFile(const std::string& path, std::size_t maxBytes = 256u << 20);

} // namespace psoas::core
