#pragma once
// What a lesson step does to the view, as plain functions shared by the lesson dock (which
// animates to the result) and the handout (which applies it at once and renders): the camera a
// step asks for, and the pose it ends in.
#include "app/Lesson.h"
#include "app/Pose.h"
#include "core/Error.h"
#include "scene/OrbitCamera.h"

#include <string>
#include <vector>

#include "solver/Kinematics.h"

namespace psoas::app {

class Document;
class Session;

// The camera state a step's camera gives, starting from `current`: a named view looks along
// that view, an orientation replaces the current one; without a target everything visible in
// `doc` is framed; a distance replaces the framed one. With "frame": "show" the step's shown
// items (else its selected muscles' attachments) are framed instead (showBounds).
scene::CameraState lessonCameraState(const LessonCamera& camera, const scene::OrbitCamera& current,
                                     const Document* doc, const std::vector<std::string>& show = {},
                                     const std::vector<std::string>& selection = {});

// The pose a step ends in, solved by `current` without changing it: from the current pose in
// the mode `baseMode` ("free", "standing" or empty for the current one), then the step's
// preset, mode and coordinates. An unknown preset is an error naming it.
core::Result<solver::PoseResult> lessonPoseTarget(const solver::Kinematics& current, const std::string& baseMode,
                                                  const LessonPose& pose);

// A pose as a new lesson step records it: its mode and its preset when it came from one,
// else the coordinates the user can set in that mode (to 0.1) on top of "neutral".
LessonPose lessonPoseOf(const Pose& pose, const std::string& preset);

// Applies a whole step at once through the session (pose, layers, selection: one undo step
// each, as the lesson dock does) and sets `camera` to the step's view. Used where nothing is
// animated (the handout). Errors name the step's bad preset.
core::Status applyLessonStep(Session& session, const LessonStep& step, scene::OrbitCamera& camera);

} // namespace psoas::app
