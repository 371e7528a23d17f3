#pragma once
// Builds every part (pelvis, sacrum, femurs here; spine and muscles from spine/ and muscles/),
// snaps the surface landmarks and attachment areas onto their bones (updating `rig`), and
// writes the .glb.
#include "RigLayout.h"

#include "core/Error.h"

#include <string>

namespace psoas::modelbuilder {

core::Status buildModel(RigLayout& rig, const std::string& glbPath);

} // namespace psoas::modelbuilder
