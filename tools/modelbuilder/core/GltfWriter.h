#pragma once
// Writes the generated parts as a binary glTF (.glb): the joint hierarchy (pelvis root, lumbar
// joints at the disc centres, hip joints), bones as mesh nodes under their joints (identity
// world transform, vertices in the model frame), muscles/discs/diaphragm as mesh nodes at the
// scene root, landmarks and attachment areas as empty nodes under their bone, node extras
// (kind, body, radius) and asset extras (frame, units, builder version).
#include "BuiltPart.h"
#include "RigLayout.h"

#include "core/Error.h"

#include <string>
#include <vector>

namespace psoas::modelbuilder {

inline constexpr const char* kBuilderVersion = "1.0";

// The .glb bytes (deterministic for the same inputs).
core::Result<std::string> glbBytes(const RigLayout& rig, const std::vector<BuiltPart>& parts);

} // namespace psoas::modelbuilder
