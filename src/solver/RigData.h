#pragma once
// The rig as read from assets/models/rig.json (written by the model builder): joints,
// bodies, landmarks, wrapping surfaces, muscle paths and discs, all in the model frame at
// neutral (metres, +Y up, +Z anterior, +X patient's left). Immutable after loading.
#include "core/Error.h"
#include "core/Math.h"

#include <string>
#include <vector>

namespace psoas::solver {

struct RigJoint {
    std::string name;
    int parent = -1; // index into RigData::joints, -1 for the root
    DVec3 position{0.0};
};

struct RigBody {
    std::string name;
    int joint = -1;
};

struct RigLandmark {
    std::string name;
    int body = -1;
    DVec3 position{0.0};
    double radius = 0.0; // attachment areas only
};

enum class WrapType { Cylinder, Ellipsoid };

struct RigWrap {
    std::string name;
    int body = -1;
    WrapType type = WrapType::Cylinder;
    DVec3 center{0.0};
    DVec3 axis{1.0, 0.0, 0.0}; // cylinder axis (unit)
    double radius = 0.0;       // cylinder
    DVec3 radii{0.0};          // ellipsoid semi-axes along the model axes at neutral
    // Optional "side": the path must pass the surface on this side (a direction in the
    // model frame at neutral). Without it the path wraps only when it cuts the surface.
    DVec3 side{0.0};
    bool hasSide = false;
};

struct RigPathPoint {
    int body = -1;
    DVec3 position{0.0};
};

struct RigPath {
    std::string name; // "t12", "tp_l3", "main" ...
    std::vector<RigPathPoint> points; // origin first, insertion last
    std::vector<int> wraps;           // indices into RigData::wraps
    // Wraps act only on segments that start at this point index or later ("wrap_from" in
    // rig.json; default 0 = every segment). Keeps a pelvis-fixed pulley from acting on the
    // lumbar part of a psoas slip far above it.
    std::size_t wrapFrom = 0;

    // Whether the wraps act on segment `segment` (from point segment to segment + 1).
    bool wrapsSegment(std::size_t segment) const { return segment >= wrapFrom && segment < wrapTo; }
    // The same path walked from insertion to origin (same length in every pose).
    RigPath reversed() const;

    std::size_t wrapTo = static_cast<std::size_t>(-1); // exclusive end (segments), set by reversed()
};

struct RigMuscle {
    std::string id;
    std::vector<RigPath> paths;
    double tendonFraction = 0.0; // distal share of the rest path that is tendon
};

struct RigDisc {
    std::string id;
    int lowerBody = -1;
    int upperBody = -1;
};

struct RigData {
    std::string sourcePath;
    std::vector<RigJoint> joints;   // parents before children
    std::vector<RigBody> bodies;
    std::vector<RigLandmark> landmarks;
    std::vector<RigWrap> wraps;
    std::vector<RigMuscle> muscles;
    std::vector<RigDisc> discs;

    static core::Result<RigData> load(const std::string& path);
    static core::Result<RigData> fromJsonText(const std::string& text, const std::string& nameForMessages);

    int findJoint(const std::string& name) const;
    int findBody(const std::string& name) const;
    int findMuscle(const std::string& id) const;
    const RigLandmark* findLandmark(const std::string& name) const;
};

} // namespace psoas::solver
