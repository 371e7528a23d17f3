#include "app/LessonStepApply.h"

#include "app/Attachments.h"
#include "app/Document.h"
#include "app/Session.h"
#include "scene/ViewPreset.h"

#include <cmath>

namespace psoas::app {

scene::CameraState lessonCameraState(const LessonCamera& cam, const scene::OrbitCamera& current, const Document* doc,
                                     const std::vector<std::string>& show, const std::vector<std::string>& selection)
{
    scene::OrbitCamera target = current;
    if (cam.hasOrientation) {
        auto st = target.state();
        st.orientation = cam.orientation;
        target.setState(st);
    } else if (auto v = scene::findViewPreset(cam.view)) {
        const scene::ViewPreset onBody = doc ? doc->orientedView(*v) : *v;
        target.lookAlong(onBody.viewDir, onBody.up);
    }
    Vec3 mn, mx;
    if (cam.frameShown && doc && showBounds(*doc, show, selection, mn, mx)) {
        target.frameBounds(mn, mx); // "frame": "show": what the step shows fills the picture
        return target.state();
    }
    if (!cam.hasTarget && doc) doc->frameAll(target);
    auto st = target.state();
    if (cam.hasTarget) st.target = cam.target;
    if (cam.distance > 0.0f) st.distance = cam.distance;
    return st;
}

core::Result<solver::PoseResult> lessonPoseTarget(const solver::Kinematics& current, const std::string& baseMode,
                                                  const LessonPose& pose)
{
    solver::Pose target = current.pose();
    if (auto base = solver::parseModeName(baseMode)) target.mode = *base; // empty: keep
    if (!pose.preset.empty()) {
        auto preset = current.presetPose(pose.preset);
        if (!preset) return core::makeError("Unknown pose \"" + pose.preset + "\".");
        target = *preset;
    }
    if (!pose.mode.empty())
        if (auto m = solver::parseModeName(pose.mode)) target.mode = *m;
    for (const auto& [name, value] : pose.coordinates) (void)target.set(current.table(), name, value);
    return current.solve(target, solver::SolveParts{false, false, false});
}

LessonPose lessonPoseOf(const Pose& pose, const std::string& preset)
{
    LessonPose p;
    if (pose.empty()) return p;
    p.mode = pose.mode;
    if (!preset.empty()) {
        p.preset = preset;
        return p;
    }
    const bool standing = pose.mode == "standing";
    for (const auto& [name, value] : pose.coordinates)
        if (!(standing && solver::Kinematics::solvedWhenStanding(name)) && std::isfinite(value))
            p.coordinates[name] = std::round(value * 10.0) / 10.0;
    p.preset = "neutral";
    return p;
}

core::Status applyLessonStep(Session& session, const LessonStep& step, scene::OrbitCamera& camera)
{
    Document* doc = session.document();
    if (!doc) return core::makeError("No model is open.");
    if (doc->hasSolver() && !step.pose.empty()) {
        // As the lesson dock's pose motion ends, at once: the preset, the destination's mode,
        // the step's coordinates.
        if (auto s = session.animatePose(step.pose, 0.0, step.title); !s) return s;
    }
    session.applyLayersAndSelection(step.layers, step.selection.empty() ? std::string() : step.selection.front(),
                                    step.title, step.show);
    // After the layers: the step's framing is of what it shows.
    camera.setState(lessonCameraState(step.camera, camera, doc, step.show, step.selection));
    return core::Status::success();
}

} // namespace psoas::app
