#pragma once
// The command-line front end of the solver (wired into psoas-atlas's main by the app):
//
//   psoas-atlas --kinematics [--assets DIR] [--pose NAME] [--mode free|standing]
//               [--set COORD=VALUE]... [--sweep COORD=FROM:TO:STEP]
//   psoas-atlas --list-coordinates | --list-poses | --list-structures  [--assets DIR]
//
// --kinematics prints CSV with the header `coordinate,value,quantity,amount`: one row per
// sweep step and quantity (coordinate and value are empty without --sweep). Quantities:
// <id>.length_mm, <id>.length_pct, <id>.moment_arm_mm for every muscle and psoas slip (the
// moment arm is about the swept coordinate, or the muscle's own hip flexion without a sweep),
// then lumbar_lordosis_deg, sacral_slope_deg, pelvic_tilt_deg, pelvic_incidence_deg,
// hip_flexion_l_deg, hip_flexion_r_deg. Clamped values and unmet standing targets are noted
// on `err`. Returns 0, or 2 with a message naming the bad option, name or value.
#include <ostream>
#include <string>
#include <vector>

namespace psoas::solver {

// args = argv[1..]. The assets folder is --assets DIR, else core::assetsDir().
int runKinematicsCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

// True when args contain one of the options handled by runKinematicsCommand.
bool isKinematicsCommand(const std::vector<std::string>& args);

} // namespace psoas::solver
