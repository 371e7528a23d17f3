#pragma once
// Loads a model file (glTF 2.0 .glb/.gltf, and anything else assimp reads: OBJ, FBX, DAE,
// STL, PLY ...) into anatomy::Model, keeping node names, hierarchy, extras and skins.
// assimp stays inside the .cpp.
#include "anatomy/Model.h"
#include "core/Error.h"

#include <string>
#include <vector>

namespace psoas::io {

// Errors name the file and the reason (missing, empty, truncated, not a model, unsupported
// extension, invalid data such as NaN coordinates or out-of-range indices).
core::Result<anatomy::Model> loadModel(const std::string& path);

// File extensions the loader accepts (lower case, without the dot).
std::vector<std::string> supportedModelExtensions();

} // namespace psoas::io
