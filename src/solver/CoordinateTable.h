#pragma once
// assets/models/coordinates.json: the coordinates (names, titles, units, limits, defaults),
// the per-level shares of the lumbar coordinates and the breathing parameters. Limits are
// data so that they can be tuned without a recompile.
#include "core/Error.h"
#include "solver/Types.h"

#include <array>
#include <string>
#include <vector>

namespace psoas::solver {

// Fixed order of the coordinates inside the solver (the names are the interface).
enum Coord : int {
    PelvisTilt, PelvisObliquity, PelvisRotation,
    LumbarFlexion, LumbarBending, LumbarRotation,
    HipFlexionL, HipFlexionR, HipAdductionL, HipAdductionR, HipRotationL, HipRotationR,
    Breathing,
    CoordCount
};

using CoordValues = std::array<double, CoordCount>;

// The interface name of a coordinate ("pelvis_tilt" ...), and the reverse look-up (-1 if unknown).
const char* coordName(int coord);
int coordIndex(const std::string& name);

// Lumbar levels from the bottom: j_l5_s1, j_l4_l5, j_l3_l4, j_l2_l3, j_l1_l2, j_t12_l1.
constexpr int kLumbarLevels = 6;
const char* lumbarJointName(int level);

struct BreathingParams {
    double domeExcursionAt100 = 0.065; // metres of dome descent from 0 % to 100 %
    double restPercent = 0.0;          // breathing value the rest diaphragm mesh shows
};

class CoordinateTable {
public:
    static core::Result<CoordinateTable> load(const std::string& path);
    static core::Result<CoordinateTable> fromJsonText(const std::string& text, const std::string& nameForMessages);

    const std::vector<CoordinateInfo>& infos() const { return m_infos; } // in Coord order
    const CoordinateInfo& info(int coord) const { return m_infos[static_cast<std::size_t>(coord)]; }
    CoordValues defaults() const;
    // Share of each lumbar coordinate carried by each level (sums to 1).
    const std::array<double, kLumbarLevels>& lumbarShares() const { return m_shares; }
    const BreathingParams& breathing() const { return m_breathing; }
    double standingToleranceDeg() const { return m_tolerance; }
    int standingMaxIterations() const { return m_maxIterations; }

private:
    std::vector<CoordinateInfo> m_infos;
    std::array<double, kLumbarLevels> m_shares{};
    BreathingParams m_breathing;
    double m_tolerance = 0.01;
    int m_maxIterations = 20;
};

} // namespace psoas::solver
