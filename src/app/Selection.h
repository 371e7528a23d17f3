#pragma once
// The selected structure (clicked) and the hovered one (under the cursor). Hidden structures
// cannot be selected or hovered; when a selected structure becomes hidden, validate() drops it.
// apply() turns the two into highlight amounts on the scene graph.
#include <string>

namespace psoas::scene { class SceneGraph; }

namespace psoas::app {

class LayerState;

class Selection {
public:
    static constexpr float kSelectedHighlight = 0.55f;
    static constexpr float kHoveredHighlight = 0.25f;

    const std::string& selected() const { return m_selected; }
    const std::string& hovered() const { return m_hovered; }
    bool hasSelection() const { return !m_selected.empty(); }

    // Selects `id` when the layers know it and show it; otherwise changes nothing.
    // An empty id clears. Returns true when the selection changed.
    bool select(const std::string& id, const LayerState& layers);
    bool clear();
    bool setHovered(const std::string& id, const LayerState& layers); // empty id clears
    bool clearHovered();
    // Drops a selection or hover whose structure is no longer visible. True when it changed.
    bool validate(const LayerState& layers);

    // Highlight on the scene graph: the selected node strongly, the hovered node lightly,
    // every other node none.
    void apply(scene::SceneGraph& scene) const;

    bool operator==(const Selection& o) const { return m_selected == o.m_selected && m_hovered == o.m_hovered; }
    bool operator!=(const Selection& o) const { return !(*this == o); }

private:
    std::string m_selected;
    std::string m_hovered;
};

} // namespace psoas::app
