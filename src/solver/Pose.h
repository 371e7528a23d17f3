#pragma once
// A pose as the solver takes it: the mode and one value per coordinate (Coord order), and
// what solving it gives (PoseResult). Both are plain values: evaluating another pose needs
// no second solver (see Kinematics::solve).
#include "core/Error.h"
#include "solver/CoordinateTable.h"
#include "solver/Rigid.h"
#include "solver/Types.h"

#include <map>
#include <string>
#include <vector>

namespace psoas::solver {

// The one reader of "free" / "standing" (documents, lessons, presets, the command line):
// an error naming the text and the accepted words otherwise.
core::Result<Mode> parseModeName(const std::string& text);

struct Pose {
    Mode mode = Mode::Free;
    CoordValues values{}; // as set; in standing mode the hip and lumbar entries are solved

    // Every coordinate at its default, free mode.
    static Pose neutral(const CoordinateTable& table);
    // `mode` empty keeps `base.mode`; the named coordinates replace base's values (clamped to
    // their limits). An unknown mode or coordinate name, or a value that is not a finite
    // number, is an error naming it.
    static core::Result<Pose> from(const CoordinateTable& table, const Pose& base, const std::string& mode,
                                   const std::map<std::string, double>& coordinates);
    // One coordinate by name: unknown name or NaN gives an error naming it and changes
    // nothing; outside the limits it is clamped and *clampNote says so.
    core::Status set(const CoordinateTable& table, const std::string& name, double value,
                     std::string* clampNote = nullptr);

    bool operator==(const Pose& o) const { return mode == o.mode && values == o.values; }
    bool operator!=(const Pose& o) const { return !(*this == o); }
};

// What Kinematics::solve gives for a pose. Per flat path index (Kinematics::muscleIds order
// of the paths): the posed polyline (model frame, metres) and its length.
struct PoseResult {
    Mode mode = Mode::Free;
    CoordValues values{};       // after the standing solve
    std::vector<Rigid> joints;  // model-space motion per rig joint (posed = M * neutral)
    std::vector<Rigid> bodies;  // the same per rig body
    std::vector<std::vector<DVec3>> polylines; // empty when solved with lengths only
    std::vector<double> lengths;
    std::vector<MuscleReading> readings; // lengths and moment arms (own hip flexion), when asked
    DerivedMeasures measures;
    bool met = true;            // false when a standing target could not be reached
    std::string note;           // why not (empty when met)
    int iterations = 0;         // standing solve iterations
};

// What solve() computes besides joints, bodies and lengths.
struct SolveParts {
    bool polylines = true;
    bool readings = true;
    bool measures = true;
    static SolveParts lengthsOnly() { return {false, false, false}; }
};

} // namespace psoas::solver
