#include "scene/ViewPreset.h"

#include <cmath>

namespace psoas::scene {

// Model frame: +Y up, +Z anterior, +X the patient's left.
const std::vector<ViewPreset>& viewPresets()
{
    static const std::vector<ViewPreset> presets = {
        {"anterior", "Anterior", Vec3(0, 0, -1), Vec3(0, 1, 0)},
        {"posterior", "Posterior", Vec3(0, 0, 1), Vec3(0, 1, 0)},
        {"left", "Left lateral", Vec3(-1, 0, 0), Vec3(0, 1, 0)},
        {"right", "Right lateral", Vec3(1, 0, 0), Vec3(0, 1, 0)},
        {"superior", "Superior", Vec3(0, -1, 0), Vec3(0, 0, 1)},
        {"inferior", "Inferior", Vec3(0, 1, 0), Vec3(0, 0, 1)},
        {"oblique", "Oblique (anterior-left, from above)", glm::normalize(Vec3(-0.6f, -0.35f, -0.72f)), Vec3(0, 1, 0)},
    };
    return presets;
}

std::optional<ViewPreset> findViewPreset(const std::string& name)
{
    for (const auto& p : viewPresets())
        if (p.name == name) return p;
    return std::nullopt;
}

ViewPreset orientView(const ViewPreset& view, const Mat3& body)
{
    ViewPreset v = view;
    v.viewDir = glm::normalize(body * view.viewDir);
    const Vec3 roomUp(0, 1, 0);
    v.up = std::abs(glm::dot(v.viewDir, roomUp)) < 0.9f ? roomUp : glm::normalize(body * view.up);
    return v;
}

std::string viewPresetNames()
{
    std::string s;
    for (const auto& p : viewPresets()) s += (s.empty() ? "" : ", ") + p.name;
    return s;
}

} // namespace psoas::scene
