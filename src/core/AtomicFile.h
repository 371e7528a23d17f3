#pragma once
#include "core/Error.h"

#include <string>

namespace psoas::core {

// Writes `bytes` to `path` so that a reader (or a crash at any moment) sees either the
// old complete file or the new complete file: write a temporary file in the same
// folder, fsync it, rename it over the target, fsync the folder.
// The temporary file is ".<name>.XXXXXX" beside the target and is locked (flock) while it
// is written; temporaries of `path` left by a save that was killed are removed first.
Status writeFileAtomically(const std::string& path, const std::string& bytes);

// Removes the temporaries that killed saves of `path` left behind: only files named
// ".<name>.XXXXXX" (six letters or digits, our own pattern) directly in the folder of `path`,
// only regular files (never symlinks) that carry our mark (the extended attribute
// user.psoas-atlas.temporary holding their own name, set before the file had a name), and only
// when no running save holds their lock. A user's file that merely matches the pattern stays.
// Returns how many were removed. Never fails: anything it cannot remove is left alone.
int removeStaleTemporaries(const std::string& path);

// Reads a whole file. The error names the file and the reason.
Result<std::string> readFile(const std::string& path, std::size_t maxBytes = 256u << 20);

} // namespace psoas::core
