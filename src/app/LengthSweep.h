#pragma once
// A muscle's length against one coordinate (hip flexion for the length plot), computed with
// the pure solver (Kinematics::solveInto), so the pose on screen is untouched and nothing is
// copied. Plain C++.
#include "core/Error.h"

#include <string>
#include <vector>

namespace psoas::solver { class Kinematics; }

namespace psoas::app {

struct LengthSample {
    double value = 0.0;    // coordinate value (degrees)
    double lengthMm = 0.0;
    double lengthPct = 0.0; // % of the neutral length
};

struct LengthSweep {
    std::string muscle;     // "psoas_major_r"
    std::string coordinate; // "hip_flexion_r"
    std::vector<LengthSample> samples;

    // The coordinate the plot sweeps for a muscle: hip_flexion_<side of the muscle>
    // (right for muscles without a side).
    static std::string hipFlexionFor(const std::string& muscle);
    // Sweeps `coordinate` from `from` to `to` (inclusive) in `step` degrees, all other
    // coordinates held at their current (solved) values, in free mode.
    static core::Result<LengthSweep> compute(const solver::Kinematics& kinematics, const std::string& muscle,
                                             const std::string& coordinate, double from = -20.0,
                                             double to = 120.0, double step = 5.0);
    // CSV with the --kinematics header: coordinate,value,quantity,amount.
    std::string toCsv() const;
};

} // namespace psoas::app
