#pragma once
// INTERNAL to psoas_app (included only by QuizRun.cpp and QuizAnswers.cpp, never by a public
// header): what the running of a quiz and the checking of its answers both use.
#include "solver/Kinematics.h"

#include <cstdio>
#include <string>

namespace psoas::app::quizrun {

// v with `decimals` decimals ("2.1").
inline std::string fmt(double v, int decimals = 1)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

// A preset's pose solved (lengths only), or nothing when it is unknown or its standing
// target cannot be met.
inline bool solvePreset(const solver::Kinematics& k, const std::string& preset, solver::PoseResult& out)
{
    auto pose = k.presetPose(preset);
    if (!pose) return false;
    k.solveInto(*pose, out, solver::SolveParts::lengthsOnly());
    return out.met;
}

} // namespace psoas::app::quizrun
