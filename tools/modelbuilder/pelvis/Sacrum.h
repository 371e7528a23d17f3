#pragma once
// Sacrum with coccyx as one signed-distance sculpture, hanging from the S1 endplate that
// RigLayout places from the sacral slope and pelvic tilt.
#include "core/BuiltPart.h"
#include "core/RigLayout.h"

namespace psoas::modelbuilder {

// Centre line of the sacral and coccygeal bodies (S1 ... S5, Co1 ... Co3), model frame.
std::vector<glm::dvec3> sacralCurve(const RigLayout& rig);

// Mesh node "sacrum" parented to the pelvis joint.
BuiltPart buildSacrum(const RigLayout& rig, double voxelSize, std::size_t targetTriangles);

} // namespace psoas::modelbuilder
