#pragma once
// The `--layers SPEC` syntax of `psoas-atlas --render`:
//   a comma-separated list of layer group ids, structure ids or "all";
//   a plain name shows ONLY the named items (everything else is hidden first),
//   "+name" shows an item on top of the defaults, "-name" hides it.
// Examples: "skeleton,deep_muscles" (bones and deep hip flexors only), "-diaphragm",
// "all,-context_muscles", "+psoas_minor_l,+psoas_minor_r".
#include "core/Error.h"

#include <string>

namespace psoas::app {

class LayerState;

// Applies `spec` to `layers` (starting from its current state). Unknown names or empty items:
// nothing changes and the error lists every bad name with the valid group ids.
core::Status applyLayerSpec(const std::string& spec, LayerState& layers);

// One-paragraph description for --help.
const char* layerSpecHelp();

} // namespace psoas::app
