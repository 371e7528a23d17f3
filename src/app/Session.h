#pragma once
// One application session: the open document's layers, selection, undo history and pose, and
// the commands that change them. Plain C++ (no Qt): the widgets observe it and call its
// commands; no widget keeps a copy of state another widget needs. Every command that changes
// something tells each subscriber once, with what changed (Change), after the state is
// consistent, so the order in which listeners were added does not matter.
//
//   Session s;
//   s.setDocument(doc.get());
//   s.subscribe([&](const Change& c) { if (c.selection) panel.show(s.selection().selected()); });
//   s.select("psoas_major_r");
//   s.applyPreset("anterior_tilt");   // one undo step, listeners see pose = true
//   s.undo();                         // listeners see what came back
#include "app/History.h"
#include "app/LessonPlayback.h"
#include "app/LayerState.h"
#include "app/Pose.h"
#include "app/PoseTransition.h"
#include "app/Selection.h"
#include "core/Error.h"
#include "core/Math.h"

#include <nlohmann/json_fwd.hpp>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace psoas::app {

class Document;

// What a command changed. `label` is the undo step's name (or the undone/redone one), for a
// status bar; `preset` the preset a pose change applied (empty for slider changes).
struct Change {
    bool document = false;
    bool pose = false;
    bool layers = false;
    bool selection = false;
    bool hover = false;
    bool history = false;
    bool shown = false; // the lesson step's marks and labels (Session::shown)
    bool pick = false; // a click on the model (Session::pick), also when the selection stayed
    bool names = false; // namesHidden() changed
    bool lesson = false; // the lesson, its current step or its edited state (Session::lesson)
    bool poseFrame = false; // an in-between frame of a pose motion (pose is set too; no undo step)
    bool coalescing = false; // a pose step the next slider change continues (until endCoalescing)
    std::string label;
    std::string preset;
    bool any() const
    {
        return document || pose || layers || selection || hover || history || shown || pick || names || lesson || poseFrame;
    }
};

// Where the last click on the model hit (Session::pick): the structure and the surface point
// (model frame, metres). `valid` is false after a selection made any other way.
struct PickPoint {
    std::string id;
    Vec3 point{0.0f};
    bool valid = false;
};

class Session {
public:
    using Listener = std::function<void(const Change&)>;

    Session() = default;
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    // A new document (or none): layers from its catalog, no selection, history reset to "Open".
    void setDocument(Document* doc);
    Document* document() const { return m_doc; }

    // ---- state (read-only; change it through the commands) ----
    const LayerState& layers() const { return m_layers; }
    const Selection& selection() const { return m_selection; }
    const History& history() const { return m_history; }
    // What a lesson step marks and labels besides the selection (attachment-area and landmark
    // ids, see LessonStep::show); cleared when the user selects something else.
    const std::vector<std::string>& shown() const { return m_shown; }
    // The lesson being played or edited (change it through the lesson commands below).
    const LessonPlayback& lesson() const { return m_lesson; }
    // The pose in force, as a value (empty without a solver).
    Pose pose() const;
    // Catalog name of a structure ("right psoas major"), else the id.
    std::string nameOf(const std::string& id) const;
    // True for a catalog structure of kind muscle.
    bool isMuscle(const std::string& id) const;

    // ---- commands; each returns true when something changed (and then notifies) ----
    bool select(const std::string& id); // empty clears; hidden or unknown ids change nothing
    // What a search result or a structure: link names: a structure is selected (as select());
    // a landmark or attachment area, which cannot be selected itself, is shown (its label or
    // mark, see shown()) with the bone it lies on or its muscle selected. Unknown ids change nothing.
    bool focus(const std::string& id);
    // A click on the model at `point` on structure `id` (empty: empty space): selects as
    // select() does and notifies with pick = true even when the selection did not change
    // (a quiz reads where the click landed). Returns true when the selection changed.
    bool pick(const std::string& id, const Vec3& point);
    const PickPoint& lastPick() const { return m_pick; }
    // While a quiz asks to find or name a structure, the viewer shows no names (hover tooltip,
    // selection in the panels and status bar). Not an undo step.
    void setNamesHidden(bool hidden);
    bool namesHidden() const { return m_namesHidden; }
    bool setHovered(const std::string& id);
    bool setVisible(const std::string& id, bool visible);
    // Opacity slider drags coalesce until `final`.
    bool setOpacity(const std::string& id, float opacity, bool final = true);
    bool isolate(const std::string& id);
    bool xray(const std::string& id);
    bool showAll();
    bool resetLayers();
    // Layers, selection and shown marks as a lesson step states them (null layers: keep them).
    bool applyLayersAndSelection(const nlohmann::json& layers, const std::string& selected, const std::string& label,
                                 const std::vector<std::string>& shown = {});
    // Lesson commands. openLesson checks ids against the document's catalog and returns the
    // warnings (skipped parts); its errors name the file. editLesson runs `edit` on the lesson
    // and notifies when it returns true. playStep makes step `index` current and applies its
    // layers, selection and marks (one undo step, one notification); the caller moves the
    // camera and animates the pose. False for an index out of range.
    core::Result<std::vector<std::string>> openLesson(const std::string& path);
    void resetLesson(const Lesson& lesson, const std::string& path = {}, bool modified = false);
    core::Status saveLesson(const std::string& path);
    bool editLesson(const std::function<bool(LessonPlayback&)>& edit);
    // The step's pose moves there over poseSeconds (0: at once; see animatePose).
    bool playStep(int index, const std::string& label = "Lesson step", double poseSeconds = 0.0);
    // Pose commands: solve, pose the scene, one undo step (coordinate changes coalesce until
    // endCoalescing). Each stops a pose motion first, where it is. Errors name the value;
    // poseNote() then says what was refused or clamped.
    core::Status setCoordinate(const std::string& name, double value);
    core::Status setMode(const std::string& mode); // "standing" / "free"; the same mode changes nothing
    core::Status applyPreset(const std::string& name);
    core::Status setPose(const Pose& pose, const std::string& label);
    // A pose motion (preset buttons, lesson steps): eases from the pose shown to `wanted` over
    // `seconds` (0: at once). advancePose() shows the next frame (Change::poseFrame, no undo
    // step); the last one applies the destination exactly and is one undo step (`label`, else
    // "Pose: <preset>"). Any other pose command, undo, redo or a new document stops it.
    core::Status animatePose(const LessonPose& wanted, double seconds, const std::string& label = {});
    // Moves the motion on by the time since the last frame; true while it is still moving.
    bool advancePose(double secondsSinceLastFrame);
    bool poseMoving() const { return m_transition.active(); }
    // Ends a motion at once on its destination (settings saved, a lesson step captured).
    void finishPose();
    // Stops a motion where it is, in the mode in force; notifies (pose) when asked to.
    void stopPose(bool notifyListeners = true);
    // "standing" or "free" (empty without a solver): while a motion runs, the mode it ends in
    // (the solver is free in between, but the switch, lessons and settings see the destination).
    std::string mode() const;
    // The preset the pose in force came from; empty after slider changes, undo and redo.
    const std::string& currentPreset() const { return m_currentPreset; }
    // What the last pose command clamped, left to the solver or refused (empty: nothing).
    const std::string& poseNote() const { return m_poseNote; }
    // The pose was changed directly on the document's solver (a drag of a handle, a step applied
    // at once): record it as an undo step and notify. coalesce: a drag continues the last pose step.
    void poseChanged(const std::string& label, const std::string& preset = {}, bool coalesce = true);
    // Ends a run of coalesced steps (a drag stopped).
    void endCoalescing() { m_history.endCoalescing(); }

    bool undo();
    bool redo();
    // Back to the state of the current undo step (a pose animation interrupted by undo).
    void revertToCurrent();
    // The whole state as an undo snapshot, and a saved one brought back as the new start
    // (settings restored at start-up: the history begins there, labelled `label`).
    Snapshot snapshot() const;
    core::Status restore(const Snapshot& s, const std::string& label);

    // ---- observers ----
    int subscribe(Listener listener);
    void unsubscribe(int token);

private:
    void notify(const Change& c);
    void notifyLesson();
    void endPose(const std::string& notes);
    bool layersChanged(const std::string& label, const std::string& coalesceKey = {});
    void record(const std::string& label, const std::string& coalesceKey = {});
    void applySnapshot(const Snapshot& s, Change c);
    bool step(const std::optional<Snapshot>& s, const std::string& label);

    Document* m_doc = nullptr;
    LayerState m_layers;
    Selection m_selection;
    PickPoint m_pick;
    bool m_namesHidden = false;
    History m_history;
    std::vector<std::string> m_shown;
    std::map<int, Listener> m_listeners;
    int m_nextToken = 1;
    LessonPlayback m_lesson;
    bool m_lessonPending = false; // the next notification also says lesson = true
    PoseTransition m_transition;
    std::string m_poseLabel;     // the undo step the running motion ends in
    Pose m_poseStart;            // where it began
    std::string m_currentPreset;
    std::string m_poseNote;
};

} // namespace psoas::app
