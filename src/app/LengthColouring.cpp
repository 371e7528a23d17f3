#include "app/LengthColouring.h"

#include "app/Document.h"

#include <algorithm>
#include <cmath>

namespace psoas::app {

Vec3 LengthColouring::tint(const Vec3& base, double lengthPct)
{
    if (!std::isfinite(lengthPct)) return base;
    const double d = std::clamp((lengthPct - 100.0) / kFullScalePct, -1.0, 1.0);
    const Vec3 target = d < 0.0 ? shorterColour() : longerColour();
    return glm::mix(base, target, float(std::abs(d)));
}

void LengthColouring::setEnabled(Document& doc, bool on)
{
    if (on == m_enabled) return;
    auto& scene = doc.scene();
    if (!on) {
        for (const auto& [node, colour] : m_base)
            if (node >= 0 && std::size_t(node) < scene.size()) scene.setColor(node, colour);
        m_base.clear();
        m_enabled = false;
        return;
    }
    m_enabled = true;
    update(doc);
}

void LengthColouring::update(Document& doc)
{
    if (!m_enabled) return;
    const auto* k = doc.kinematics();
    if (!k) return;
    auto& scene = doc.scene();
    for (const auto& r : k->readings()) {
        if (r.id != r.muscle) continue; // whole muscles only, not slips
        const int node = scene.find(r.muscle);
        if (node < 0) continue;
        auto it = m_base.find(node);
        if (it == m_base.end()) it = m_base.emplace(node, scene.node(node).material.color).first;
        scene.setColor(node, tint(it->second, r.lengthPct));
    }
}

} // namespace psoas::app
