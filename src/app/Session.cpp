#include "app/Session.h"

#include "anatomy/Catalog.h"
#include "app/Document.h"

#include <nlohmann/json.hpp>

namespace psoas::app {

void Session::setDocument(Document* doc)
{
    m_transition = PoseTransition();
    m_currentPreset.clear();
    m_poseNote.clear();
    m_doc = doc;
    m_layers = doc ? LayerState::fromDocument(*doc) : LayerState();
    m_selection = Selection();
    m_shown.clear();
    if (doc) {
        m_layers.apply(doc->scene());
        m_selection.apply(doc->scene());
        m_history.reset(History::capture(*doc, m_layers, m_selection), "Open");
    } else {
        m_history = History();
    }
    Change c;
    c.document = c.pose = c.layers = c.selection = c.hover = c.history = true;
    c.label = "Open";
    notify(c);
}

Pose Session::pose() const { return m_doc ? Pose::of(*m_doc) : Pose{}; }

std::string Session::nameOf(const std::string& id) const
{
    if (m_doc && m_doc->catalog())
        if (const auto* s = m_doc->catalog()->find(id)) return s->name;
    return id;
}

bool Session::isMuscle(const std::string& id) const
{
    if (!m_doc || !m_doc->catalog()) return false;
    const auto* s = m_doc->catalog()->find(id);
    return s && s->kind == anatomy::StructureKind::Muscle;
}

// ---- selection and layers ----

bool Session::select(const std::string& id)
{
    if (!m_doc) return false;
    m_pick = PickPoint{};
    const bool changed = id.empty() ? m_selection.clear() : m_selection.select(id, m_layers);
    if (!changed) return false;
    m_selection.apply(m_doc->scene());
    Change c;
    c.selection = c.history = true;
    c.shown = !m_shown.empty(); // the user moved on from the lesson step's marks
    m_shown.clear();
    c.label = id.empty() ? "Clear selection" : "Select " + nameOf(id);
    record(c.label);
    notify(c);
    return true;
}

bool Session::focus(const std::string& id)
{
    if (!m_doc || id.empty()) return select(id);
    const auto* catalog = m_doc->catalog();
    const auto* s = catalog ? catalog->find(id) : nullptr;
    const bool mark = s && (s->kind == anatomy::StructureKind::Landmark || s->kind == anatomy::StructureKind::Attachment);
    if (!mark) return select(id);
    const auto& scene = m_doc->scene();
    const int node = scene.find(id);
    if (node < 0) return false; // not in this model
    std::string owner;
    if (s->kind == anatomy::StructureKind::Attachment)
        owner = id.substr(0, id.find('.')); // psoas_major_r.origin.l3 -> psoas_major_r
    else if (scene.node(node).parent >= 0)
        owner = scene.node(scene.node(node).parent).name; // the bone it sits on
    // Its bone or muscle is shown if it was hidden: the mark must be seen where it is.
    nlohmann::json layers = nullptr;
    if (!owner.empty() && m_layers.contains(owner) && !m_layers.isVisible(owner)) {
        LayerState l = m_layers;
        l.setVisible(owner, true);
        layers = l.toJson();
    }
    return applyLayersAndSelection(layers, m_layers.contains(owner) ? owner : std::string(), "Show " + nameOf(id), {id});
}

bool Session::pick(const std::string& id, const Vec3& point)
{
    if (!m_doc) return false;
    const bool changed = id.empty() ? m_selection.clear() : m_selection.select(id, m_layers);
    const bool shown = !id.empty() && m_selection.selected() == id;
    m_pick = PickPoint{shown ? id : std::string(), point, shown};
    Change c;
    c.pick = true;
    if (changed) {
        m_selection.apply(m_doc->scene());
        c.selection = c.history = true;
        c.shown = !m_shown.empty(); // a click moves on from a lesson step's marks
        m_shown.clear();
        c.label = id.empty() ? "Clear selection" : "Select " + nameOf(id);
        record(c.label);
    }
    notify(c); // once, also when the same structure was clicked again
    return changed;
}

void Session::setNamesHidden(bool hidden)
{
    if (hidden == m_namesHidden) return;
    m_namesHidden = hidden;
    Change c;
    c.names = true;
    notify(c);
}

bool Session::setHovered(const std::string& id)
{
    if (!m_doc) return false;
    const bool changed = id.empty() ? m_selection.clearHovered() : m_selection.setHovered(id, m_layers);
    if (!changed) return false;
    m_selection.apply(m_doc->scene());
    Change c;
    c.hover = true;
    notify(c);
    return true;
}

bool Session::layersChanged(const std::string& label, const std::string& coalesceKey)
{
    if (!m_doc) return false;
    m_layers.apply(m_doc->scene());
    Change c;
    c.layers = c.history = true;
    c.selection = m_selection.validate(m_layers); // a hidden structure cannot stay selected
    m_selection.apply(m_doc->scene());
    c.label = label;
    record(label, coalesceKey);
    notify(c);
    return true;
}

bool Session::setVisible(const std::string& id, bool visible)
{
    return m_layers.setVisible(id, visible) && layersChanged((visible ? "Show " : "Hide ") + nameOf(id));
}

bool Session::setOpacity(const std::string& id, float opacity, bool final)
{
    const bool changed = m_layers.setOpacity(id, opacity) && layersChanged("Opacity of " + nameOf(id), "opacity:" + id);
    if (final) m_history.endCoalescing();
    return changed;
}

bool Session::isolate(const std::string& id) { return m_layers.isolate(id) && layersChanged("Isolate " + nameOf(id)); }
bool Session::xray(const std::string& id) { return m_layers.xray(id) && layersChanged("X-ray " + nameOf(id)); }
bool Session::showAll() { return m_layers.showAll() && layersChanged("Show all"); }
bool Session::resetLayers() { return m_layers.reset() && layersChanged("Reset layers"); }

bool Session::applyLayersAndSelection(const nlohmann::json& layers, const std::string& selected,
                                      const std::string& label, const std::vector<std::string>& shown)
{
    if (!m_doc) return false;
    const bool shownChanged = shown != m_shown;
    m_shown = shown;
    const Snapshot before = History::capture(*m_doc, m_layers, m_selection);
    if (!layers.is_null()) m_layers.fromJson(layers, "lesson"); // the lesson loader reported bad entries
    // A step's selection is always shown (its layers, or the user's when it states none, may hide
    // it; the lesson check reports the first case): never keep the previous selection instead.
    if (!selected.empty() && m_layers.contains(selected)) m_layers.setVisible(selected, true);
    m_layers.apply(m_doc->scene());
    if (selected.empty()) m_selection.clear();
    else if (!m_selection.select(selected, m_layers) && m_selection.selected() != selected) m_selection.clear();
    m_selection.validate(m_layers);
    m_selection.apply(m_doc->scene());
    const Snapshot after = History::capture(*m_doc, m_layers, m_selection);
    Change c;
    c.shown = shownChanged;
    if (after == before) {
        if (shownChanged) notify(c);
        return shownChanged;
    }
    c.layers = after.layers != before.layers;
    c.selection = after.selected != before.selected;
    c.history = true;
    c.label = label;
    record(label);
    notify(c);
    return true;
}

// ---- undo ----

void Session::applySnapshot(const Snapshot& s, Change c)
{
    m_currentPreset.clear();
    const Snapshot before = History::capture(*m_doc, m_layers, m_selection);
    auto status = History::apply(s, *m_doc, m_layers, m_selection);
    if (!status) c.label += " (" + status.message() + ")";
    c.pose = s.coordinates != before.coordinates || s.mode != before.mode || s.body != before.body;
    c.layers = !(m_layers == before.layers);
    c.selection = m_selection.selected() != before.selected;
    c.history = true;
    notify(c);
}

bool Session::undo()
{
    if (!m_doc) return false;
    if (m_transition.active() && m_history.current()) {
        // A pose still moving is the change in progress: undo goes back to where it started.
        stopPose(false);
        revertToCurrent();
        return true;
    }
    stopPose(false);
    const std::string label = "Undone: " + m_history.undoLabel();
    return step(m_history.undo(), label);
}

bool Session::redo()
{
    if (!m_doc) return false;
    stopPose(false);
    const std::string label = "Redone: " + m_history.redoLabel();
    return step(m_history.redo(), label);
}

bool Session::step(const std::optional<Snapshot>& s, const std::string& label)
{
    if (!s) return false;
    Change c;
    c.label = label;
    applySnapshot(*s, c);
    return true;
}

void Session::revertToCurrent()
{
    if (!m_doc || !m_history.current()) return;
    Change c;
    c.label = "Undone: pose animation";
    applySnapshot(*m_history.current(), c);
}

Snapshot Session::snapshot() const
{
    return m_doc ? History::capture(*m_doc, m_layers, m_selection) : Snapshot{};
}

core::Status Session::restore(const Snapshot& s, const std::string& label)
{
    if (!m_doc) return core::makeError("no model is open");
    auto status = History::apply(s, *m_doc, m_layers, m_selection);
    m_history.reset(History::capture(*m_doc, m_layers, m_selection), label);
    Change c;
    c.pose = c.layers = c.selection = c.history = true;
    c.label = label;
    notify(c);
    return status;
}

void Session::record(const std::string& label, const std::string& coalesceKey)
{
    if (m_doc) m_history.record(History::capture(*m_doc, m_layers, m_selection), label, coalesceKey);
}

// ---- observers ----

int Session::subscribe(Listener listener)
{
    const int token = m_nextToken++;
    m_listeners.emplace(token, std::move(listener));
    return token;
}

void Session::unsubscribe(int token) { m_listeners.erase(token); }

void Session::notify(const Change& change)
{
    Change c = change;
    c.lesson = c.lesson || m_lessonPending;
    m_lessonPending = false;
    // A copy: a listener may subscribe or unsubscribe while being told.
    const auto listeners = m_listeners;
    for (const auto& [token, listener] : listeners)
        if (m_listeners.count(token)) listener(c);
}

void Session::notifyLesson()
{
    Change c;
    c.lesson = true;
    notify(c);
}

core::Result<std::vector<std::string>> Session::openLesson(const std::string& path)
{
    auto warnings = m_lesson.open(path, m_doc ? LessonVocabulary::fromDocument(*m_doc) : LessonVocabulary{});
    if (warnings) notifyLesson();
    return warnings;
}

void Session::resetLesson(const Lesson& lesson, const std::string& path, bool modified)
{
    m_lesson.reset(lesson, path, modified);
    notifyLesson();
}

core::Status Session::saveLesson(const std::string& path)
{
    auto s = m_lesson.save(path);
    if (s) notifyLesson();
    return s;
}

bool Session::editLesson(const std::function<bool(LessonPlayback&)>& edit)
{
    if (!edit || !edit(m_lesson)) return false;
    notifyLesson();
    return true;
}

bool Session::playStep(int index, const std::string& label, double poseSeconds)
{
    if (!m_lesson.setCurrent(index)) return false;
    const LessonStep s = *m_lesson.currentStep();
    m_lessonPending = true; // told with the step's layers and selection, or alone
    applyLayersAndSelection(s.layers, s.selection.empty() ? std::string() : s.selection.front(), label, s.show);
    if (m_lessonPending) notifyLesson();
    if (!s.pose.empty() && m_doc && m_doc->hasSolver()) (void)animatePose(s.pose, poseSeconds, label); // its own undo step
    return true;
}

} // namespace psoas::app
