#pragma once
// MODEL-B: muscle meshes of the lumbopelvic model, swept along the rig's muscle paths.
// Every vertex carries uv1 = (path index into the muscle's "paths", s = arc fraction from
// origin to insertion); the diaphragm carries uv1 = (region, w) (see Diaphragm.h).
// psoas_major_l/_r (one sweep per slip), psoas_minor_l/_r, iliacus_l/_r, diaphragm,
// quadratus_lumborum_l/_r, gluteus_maximus_l/_r, rectus_femoris_l/_r.
#include "core/BuiltPart.h"
#include "core/RigLayout.h"

#include <vector>

namespace psoas::modelbuilder {

// `bones`: the built bone parts (hip bones, sacrum, femurs) the iliacus sheet must lie on
// without entering; without them the sheet only keeps off the vertebrae and wrap surfaces.
std::vector<BuiltPart> buildMuscles(const RigLayout& rig, const std::vector<BuiltPart>& bones = {});

} // namespace psoas::modelbuilder
