#pragma once
// The right hip bone (ilium, ischium, pubis with the acetabulum and obturator foramen) as a
// signed-distance sculpture built around the rig's landmarks; the left one is its mirror.
#include "core/BuiltPart.h"
#include "core/RigLayout.h"

namespace psoas::modelbuilder {

// Mesh node "hip_bone_r" parented to the pelvis joint.
BuiltPart buildHipBoneRight(const RigLayout& rig, double voxelSize, std::size_t targetTriangles);

// Unit axis of the right acetabulum's opening (lateral, inferior, anterior).
glm::dvec3 acetabularAxisRight();

} // namespace psoas::modelbuilder
