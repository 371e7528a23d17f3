#pragma once
// The right femur (whole bone) as a signed-distance sculpture; the left one is its mirror.
#include "core/BuiltPart.h"
#include "core/RigLayout.h"

namespace psoas::modelbuilder {

// The right femur's axes (RigLayout::femurRight).
inline const FemurFrame& femurFrame(const RigLayout& rig) { return rig.femurRight; }

// Mesh node "femur_r" parented to j_hip_r.
BuiltPart buildFemurRight(const RigLayout& rig, double voxelSize, std::size_t targetTriangles);

} // namespace psoas::modelbuilder
