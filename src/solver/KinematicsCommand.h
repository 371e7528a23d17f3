#pragma once
// The kinematics commands of psoas-atlas, given a parsed request (app::parseCommandLine fills
// it from the command line):
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
// on `err`. Returns 0, or 2 with a message naming the bad name or value.
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace psoas::solver {

enum class KinematicsCommandKind { Kinematics, ListCoordinates, ListPoses, ListStructures };

struct KinematicsRequest {
    KinematicsCommandKind command = KinematicsCommandKind::Kinematics;
    std::string assets; // empty: core::assetsDir()
    std::string pose;   // preset name, empty = neutral
    std::string mode;   // "free", "standing" or empty (the preset's)
    std::vector<std::pair<std::string, double>> sets; // applied in order, after pose and mode
    bool sweep = false; // sweep sweepCoord from `from` to `to` by `step` (> 0)
    std::string sweepCoord;
    double from = 0.0, to = 0.0, step = 0.0;
};

int runKinematicsCommand(const KinematicsRequest& request, std::ostream& out, std::ostream& err);

} // namespace psoas::solver
