#pragma once
// A pose change shown as a motion (the Pose dock's preset buttons, lesson steps). The
// destination is solved first without touching the pose shown; then the coordinates ease
// towards it with the solver free in between (the interpolated values are shown as they are),
// and the last frame applies the destination exactly, in its own mode. Plain C++: the Session
// owns one and drives it with elapsed time.
#include "app/Lesson.h"
#include "app/PoseAnimation.h"
#include "core/Error.h"

#include <string>

namespace psoas::app {

class Document;

class PoseTransition {
public:
    // Starts from the document's current pose towards `wanted` (preset, then mode, then
    // coordinates), from the mode in force `baseMode` ("standing"/"free"). A body orientation
    // the preset states is taken at once (the body lies down first, then moves). An unknown
    // preset is an error naming it, and nothing changes.
    core::Status start(Document& doc, const LessonPose& wanted, const std::string& baseMode, double seconds);
    bool active() const { return m_animation.active(); }
    // The mode the motion ends in ("standing"/"free").
    const std::string& targetMode() const { return m_targetMode; }
    // Shows the frame `elapsedSeconds` after the start. Returns true when that was the last
    // frame: the destination is then applied exactly, and `notes` names values that were
    // clamped or refused.
    bool advance(Document& doc, double elapsedSeconds, std::string& notes);
    double elapsed() const { return m_elapsed; }
    // Ends at once on the destination (as the last frame).
    void finish(Document& doc, std::string& notes);
    // Stops where it is; the solver returns to `modeInForce` and poses the scene.
    void cancel(Document& doc, const std::string& modeInForce);
    // The preset a finished motion stands for: its preset when it set nothing else, else "".
    std::string presetApplied() const;

private:
    void complete(Document& doc, std::string& notes);

    PoseAnimation m_animation;
    LessonPose m_wanted;
    std::string m_targetMode;
    double m_elapsed = 0.0;
};

} // namespace psoas::app
