#pragma once
// MODEL-A's bones: sacrum (with coccyx), hip_bone_l/_r, femur_l/_r. The left bones are exact
// mirrors of the right ones.
#include "core/BuiltPart.h"
#include "core/RigLayout.h"

#include <vector>

namespace psoas::modelbuilder {

std::vector<BuiltPart> buildPelvis(const RigLayout& rig, double voxelSize);

} // namespace psoas::modelbuilder
