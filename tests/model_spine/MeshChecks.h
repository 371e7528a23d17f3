#pragma once
// Helpers for the model tests: closedness, signed volume, a shared RigLayout and the built
// parts (built once per test run, the vertebrae at a coarser voxel size to stay quick).
#include "core/BuiltPart.h"
#include "core/RigLayout.h"

#include <string>
#include <vector>

namespace psoas::modelbuilder::test {

const RigLayout& rig();
const std::vector<BuiltPart>& spineParts();
const std::vector<BuiltPart>& muscleParts();
const BuiltPart* findPart(const std::vector<BuiltPart>& parts, const std::string& id);

// Every edge is used by exactly two triangles, in opposite directions.
bool isClosedManifold(const BuiltPart& part);
// Signed volume (m^3): positive when the triangles wind counter-clockwise seen from outside.
double signedVolume(const BuiltPart& part);

} // namespace psoas::modelbuilder::test
