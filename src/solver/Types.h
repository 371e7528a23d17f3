#pragma once
// Plain value types shared by the solver's public API (see Kinematics.h).
#include <map>
#include <string>
#include <vector>

namespace psoas::solver {

// Free: every coordinate is set directly, the pelvis is the root.
// Standing: feet planted and trunk upright; the hip and lumbar coordinates are solved
// from the pelvis coordinates (see StandingSolver.h).
enum class Mode { Free, Standing };

const char* modeName(Mode mode);
bool parseMode(const std::string& text, Mode& out);

// How the whole body lies in the room while a preset is done: standing (the model frame),
// supine (lying on the back) or prone (lying face down). The solver never uses it: it is
// carried with the pose and applied to the scene as one rigid turn after the solve, so
// lengths, moment arms and measures are the same in every orientation.
enum class Body { Standing, Supine, Prone };

const char* bodyName(Body body);
bool parseBody(const std::string& text, Body& out);

// One row of assets/models/coordinates.json.
struct CoordinateInfo {
    std::string name;        // interface name, e.g. "hip_flexion_r"
    std::string title;       // display text with the sign convention
    std::string unit;        // "deg" or "%"
    double min = 0.0;
    double max = 0.0;
    double defaultValue = 0.0;
    std::string description;
};

// One pose preset (assets/poses/<name>.json).
struct Preset {
    std::string name;
    std::string title;
    std::string description;
    Mode mode = Mode::Free;
    Body body = Body::Standing;           // optional "body" field
    std::map<std::string, double> values; // coordinates not listed take their default
    std::string sourcePath;
};

// Length and moment arm of one muscle or one of its paths (slips).
struct MuscleReading {
    std::string id;           // "iliacus_r", or "psoas_major_r.t12" for a slip
    std::string muscle;       // "psoas_major_r"
    double lengthMm = 0.0;    // musculotendon length along the wrapped path
    double lengthPct = 100.0; // % of the neutral (all coordinates at default, free mode) length
    double momentArmMm = 0.0; // -dL/dtheta (theta in radians) about `coordinate`
    std::string coordinate;   // the coordinate the moment arm refers to
};

// Spinopelvic and hip measures of the current pose (degrees).
struct DerivedMeasures {
    double lumbarLordosisDeg = 0.0; // L1 superior endplate to S1 endplate (Cobb, sagittal)
    double sacralSlopeDeg = 0.0;    // S1 endplate to the horizontal
    double pelvicTiltDeg = 0.0;     // radiographic PT: hip axis-to-S1 line vs vertical; grows with RETROversion
    double pelvicIncidenceDeg = 0.0; // PT + SS, a constant of the model
    double hipFlexionLDeg = 0.0;    // femur relative to pelvis, sagittal
    double hipFlexionRDeg = 0.0;
};

} // namespace psoas::solver
