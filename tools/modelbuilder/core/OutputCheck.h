#pragma once
// The builder's outputs are read back with the viewer's own readers before they are written
// (solver::RigData for rig.json, anatomy::Catalog for catalog.json): one schema per file, one
// reader, so a builder change the viewer cannot read fails here, not at a user's start-up.
#include "core/Error.h"

#include <string>

namespace psoas::modelbuilder {

core::Status checkReadsBack(const std::string& rigText, const std::string& catalogText);

} // namespace psoas::modelbuilder
