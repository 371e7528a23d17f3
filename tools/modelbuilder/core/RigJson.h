#pragma once
// Text of assets/models/rig.json (the model <-> solver contract) and assets/models/catalog.json.
#include "RigLayout.h"

#include "core/Error.h"

#include <string>

namespace psoas::modelbuilder {

// rig.json: frame, units, joints, bodies, landmarks (with attachment radii), wraps, muscles, discs.
// Numbers are rounded to 1 micrometre so the text is stable and readable.
std::string rigJsonText(const RigLayout& rig);

// catalog.json: the structures of data/catalog.json plus one entry per landmark and attachment area.
core::Result<std::string> catalogJsonText(const std::string& dataDir, const RigLayout& rig);

} // namespace psoas::modelbuilder
