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

// The view of the same side of a body turned by `body` (a lying body): the view direction turns
// with the body, so "anterior" still looks at the front (from above, for a body lying on its
// back), while screen-up stays the room's vertical wherever the view is not vertical itself, so
// a lying body lies across the screen in the side views as it does on the table. A vertical
// view keeps the body's own screen-up turned (head at the top). Identity: the view unchanged.
ViewPreset orientView(const ViewPreset& view, const Mat3& body);

} // namespace psoas::scene
