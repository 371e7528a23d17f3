#include "app/History.h"

#include "app/Document.h"
#include "app/Pose.h"

#include <cmath>

namespace psoas::app {

bool Snapshot::operator==(const Snapshot& o) const
{
    if (mode != o.mode || body != o.body || selected != o.selected || layers != o.layers) return false;
    if (coordinates.size() != o.coordinates.size()) return false;
    for (auto a = coordinates.begin(), b = o.coordinates.begin(); a != coordinates.end(); ++a, ++b) {
        if (a->first != b->first) return false;
        if (std::abs(a->second - b->second) > 1e-9) return false;
    }
    return true;
}

Snapshot History::capture(const Document& doc, const LayerState& layers, const Selection& selection)
{
    Snapshot s;
    Pose pose = Pose::of(doc);
    s.coordinates = std::move(pose.coordinates);
    s.mode = std::move(pose.mode);
    s.body = std::move(pose.body);
    s.layers = layers;
    s.selected = selection.selected();
    return s;
}

core::Status History::apply(const Snapshot& s, Document& doc, LayerState& layers, Selection& selection)
{
    core::Status status;
    if (!s.mode.empty() && doc.hasSolver()) status = Pose{s.mode, s.coordinates, s.body}.applyTo(doc);
    layers = s.layers;
    layers.apply(doc.scene());
    selection.select(s.selected, layers);
    if (s.selected.empty()) selection.clear();
    selection.validate(layers);
    selection.apply(doc.scene());
    return status;
}

void History::reset(const Snapshot& current, const std::string& label)
{
    m_states.clear();
    m_states.push_back({current, label});
    m_index = 0;
    m_openKey.clear();
}

bool History::record(const Snapshot& after, const std::string& label, const std::string& coalesceKey)
{
    if (m_states.empty()) {
        reset(after, label);
        return true;
    }
    const bool coalesce = !coalesceKey.empty() && coalesceKey == m_openKey && m_index > 0 && !canRedo();
    if (coalesce) {
        // Same drag: update the open step. Back at the step's start state, the step vanishes.
        if (after == m_states[m_index - 1].state) {
            m_states.pop_back();
            --m_index;
            m_openKey.clear();
            return true;
        }
        m_states[m_index].state = after;
        m_states[m_index].label = label;
        return true;
    }
    if (after == m_states[m_index].state) return false;
    m_states.resize(m_index + 1); // drop the redo branch
    m_states.push_back({after, label});
    ++m_index;
    m_openKey = coalesceKey;
    if (m_states.size() > m_limit) {
        m_states.erase(m_states.begin());
        --m_index;
    }
    return true;
}

std::string History::undoLabel() const { return canUndo() ? m_states[m_index].label : std::string(); }
std::string History::redoLabel() const { return canRedo() ? m_states[m_index + 1].label : std::string(); }

std::optional<Snapshot> History::undo()
{
    m_openKey.clear();
    if (!canUndo()) return std::nullopt;
    --m_index;
    return m_states[m_index].state;
}

std::optional<Snapshot> History::redo()
{
    m_openKey.clear();
    if (!canRedo()) return std::nullopt;
    ++m_index;
    return m_states[m_index].state;
}

} // namespace psoas::app
