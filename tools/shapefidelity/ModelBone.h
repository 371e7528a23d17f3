#pragma once
// A bone of the committed model as a TriMesh for the fidelity check: every mesh of the glTF node
// `id` (the catalog's structure id, e.g. "l3") in world space at rest, converted from the
// model's metres to millimetres. Goes through the viewer's own loader (io::loadModel).
#include "TriMesh.h"

#include <string>

namespace psoas::anatomy {
struct Model;
}

namespace psoas::fidelity {

constexpr double kModelMetresToMm = 1000.0; // the model's frame is in metres (README "Conventions")

bool modelBone(const anatomy::Model& model, const std::string& id, TriMesh& out, std::string& error);

// Loads the .glb and extracts one bone; error names the file or the missing node.
bool loadModelBone(const std::string& glbPath, const std::string& id, TriMesh& out, std::string& error);

} // namespace psoas::fidelity
