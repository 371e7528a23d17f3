#pragma once
// Loads a model file (glTF 2.0 .glb/.gltf or OBJ) into anatomy::Model, keeping node names,
// hierarchy, extras and skins. assimp stays inside the .cpp. Other formats are refused with a
// message saying to convert to .glb: their readers trust header counts, so a small hostile
// file could cost minutes and gigabytes. A .gltf may only use data embedded in it or files in
// its own folder, and its node tree is limited in size and depth.
#include "anatomy/Model.h"
#include "core/Error.h"

#include <string>
#include <vector>

namespace psoas::io {

// Errors name the file and the reason (missing, empty, too large, truncated, not a model,
// unsupported extension, invalid data such as NaN coordinates or out-of-range indices, a
// buffer outside the model's folder, a node tree too deep or not a tree).
core::Result<anatomy::Model> loadModel(const std::string& path);

// File extensions the loader accepts (lower case, without the dot).
std::vector<std::string> supportedModelExtensions();

} // namespace psoas::io
