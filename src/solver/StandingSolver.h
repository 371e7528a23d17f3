#pragma once
// Standing mode: feet planted and trunk upright.
//
// Given the pelvis coordinates (tilt, obliquity, rotation) the solver finds
//   q_hip,s = (flexion, adduction, rotation) for each side s, and
//   q_lum   = (lumbar flexion, bending, rotation)
// such that each femur and T12 keep their neutral world orientation:
//   minimise || log( R_pelvis * R_hip,s(q_hip,s) ) ||^2        subject to limits on q_hip,s
//   minimise || log( R_pelvis * R_lumbar(q_lum) ) ||^2         subject to limits on q_lum
// where log is the rotation vector (degrees). The three problems are independent (3 unknowns,
// 3 residuals each) and are solved by projected Gauss-Newton: numeric Jacobian, a damped 3x3
// normal-equation step, projection onto the limits. Start: the small-angle answer (hip
// flexion = tilt, lumbar flexion = -tilt, ...). It converges to well below 0.01 deg in 2-4
// iterations. If a limit stops a problem from reaching its target, the report says which.
#include "solver/CoordinateTable.h"
#include "solver/Skeleton.h"

#include <string>

namespace psoas::solver {

struct StandingReport {
    bool met = true;
    int iterations = 0;           // largest count over the three problems
    double residualDeg = 0.0;     // largest remaining orientation error
    std::string message;          // empty when met
};

class StandingSolver {
public:
    // Overwrites the hip and lumbar entries of `v`; the pelvis entries are inputs.
    static StandingReport solve(const Skeleton& skeleton, const CoordinateTable& table, CoordValues& v);
};

} // namespace psoas::solver
