#pragma once
// Named anatomical views (number keys 1–7 in the viewer, --view on the command line).
#include "core/Math.h"

#include <optional>
#include <string>
#include <vector>

namespace psoas::scene {

struct ViewPreset {
    std::string name;   // anterior, posterior, left, right, superior, inferior, oblique
    std::string title;  // "Anterior"
    Vec3 viewDir;       // direction the camera looks along (world)
    Vec3 up;            // screen-up hint
};

const std::vector<ViewPreset>& viewPresets();
std::optional<ViewPreset> findViewPreset(const std::string& name);
std::string viewPresetNames(); // "anterior, posterior, ..." for messages

} // namespace psoas::scene
