#include "app/Selection.h"

#include "app/LayerState.h"
#include "scene/SceneGraph.h"

namespace psoas::app {

bool Selection::select(const std::string& id, const LayerState& layers)
{
    if (id.empty()) return clear();
    if (!layers.isVisible(id) || id == m_selected) return false;
    m_selected = id;
    return true;
}

bool Selection::clear()
{
    if (m_selected.empty()) return false;
    m_selected.clear();
    return true;
}

bool Selection::setHovered(const std::string& id, const LayerState& layers)
{
    if (id.empty()) return clearHovered();
    if (!layers.isVisible(id) || id == m_hovered) return false;
    m_hovered = id;
    return true;
}

bool Selection::clearHovered()
{
    if (m_hovered.empty()) return false;
    m_hovered.clear();
    return true;
}

bool Selection::validate(const LayerState& layers)
{
    bool changed = false;
    if (!m_selected.empty() && !layers.isVisible(m_selected)) changed = clear() || changed;
    if (!m_hovered.empty() && !layers.isVisible(m_hovered)) changed = clearHovered() || changed;
    return changed;
}

void Selection::apply(scene::SceneGraph& scene) const
{
    const int sel = m_selected.empty() ? -1 : scene.find(m_selected);
    const int hov = m_hovered.empty() ? -1 : scene.find(m_hovered);
    for (std::size_t i = 0; i < scene.size(); ++i) {
        const int n = int(i);
        float h = 0.0f;
        if (n == sel) h = kSelectedHighlight;
        else if (n == hov) h = kHoveredHighlight;
        if (scene.node(n).highlight != h) scene.setHighlight(n, h);
    }
}

} // namespace psoas::app
