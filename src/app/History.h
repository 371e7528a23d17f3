#pragma once
// Undo and redo over whole-state snapshots: pose (coordinates + standing/free mode), layers
// and selection. Snapshots are small (a few dozen numbers and ids), so storing states rather
// than commands keeps undo exact and trivially correct.
//
//   History h; h.reset(History::capture(doc, layers, sel), "Start");
//   ... change something ...
//   h.record(History::capture(doc, layers, sel), "Hide L3");
//   if (auto s = h.undo()) History::apply(*s, doc, layers, sel);
//
// Slider drags coalesce: record(..., "Hip flexion", "hip_flexion_r") called many times in a
// row with the same key makes one undo step, until endCoalescing() or a record with another key.
#include "app/LayerState.h"
#include "app/Selection.h"
#include "core/Error.h"

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace psoas::app {

class Document;

struct Snapshot {
    std::map<std::string, double> coordinates; // empty when the document has no solver
    std::string mode;                          // "free" / "standing"; empty without solver
    std::string body;                          // "standing" / "supine" / "prone"; empty without solver
    LayerState layers;
    std::string selected;

    bool operator==(const Snapshot& o) const;
    bool operator!=(const Snapshot& o) const { return !(*this == o); }
};

class History {
public:
    static constexpr std::size_t kDefaultLimit = 200;

    explicit History(std::size_t limit = kDefaultLimit) : m_limit(limit < 2 ? 2 : limit) {}

    static Snapshot capture(const Document& doc, const LayerState& layers, const Selection& selection);
    // Pushes a snapshot back: mode and coordinates into the solver (then one pose update),
    // layers to the scene, the selection (kept only if visible) and highlights.
    static core::Status apply(const Snapshot& s, Document& doc, LayerState& layers, Selection& selection);

    // Forgets everything; `current` becomes the only state.
    void reset(const Snapshot& current, const std::string& label = {});
    // Records the state after a change. Nothing happens when it equals the current state.
    // With a non-empty coalesceKey equal to the last record's key (and no endCoalescing()
    // since), the last step is updated instead of adding one. Drops the redo branch.
    bool record(const Snapshot& after, const std::string& label, const std::string& coalesceKey = {});
    void endCoalescing() { m_openKey.clear(); }

    bool canUndo() const { return m_index > 0; }
    bool canRedo() const { return m_index + 1 < m_states.size(); }
    // Label of the step undo()/redo() would revert/repeat ("Hide L3"); empty if none.
    std::string undoLabel() const;
    std::string redoLabel() const;
    // The state to apply, or nothing at either end.
    std::optional<Snapshot> undo();
    std::optional<Snapshot> redo();
    const Snapshot* current() const { return m_states.empty() ? nullptr : &m_states[m_index].state; }
    std::size_t size() const { return m_states.size(); }

private:
    struct Step {
        Snapshot state;
        std::string label; // what led to this state
    };
    std::vector<Step> m_states;
    std::size_t m_index = 0;
    std::size_t m_limit;
    std::string m_openKey;
};

} // namespace psoas::app
