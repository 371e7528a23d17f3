#pragma once
// INTERNAL to psoas_io (included only by ModelLoader.cpp and ModelPrecheck.cpp, never by a
// public header): the checks a model file passes before assimp sees it. assimp trusts the
// sizes and counts written in a file, so the file's kind, size, container, external files,
// node tree and work budgets are checked on its own bytes first.
#include "core/Error.h"

#include <string>

namespace psoas::io {

// "Cannot open model 'path': why".
core::Error modelError(const std::string& path, const std::string& why);

// Fine when `path` names a model file the loader may hand to assimp; `ext` is then its
// extension (lower case, without the dot). Otherwise what is wrong, naming the file.
core::Status precheckModel(const std::string& path, std::string& ext);

} // namespace psoas::io
