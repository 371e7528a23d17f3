#pragma once
// Everything the builder reads from tools/modelbuilder/data/*.json, converted to metres in the
// model frame (glTF: +Y up, +Z anterior, +X = patient's left, origin midway between the hip
// centres, neutral standing), plus what is computed from it: the neutral placement of every
// vertebra from the segmental lordosis and the disc heights. The rig's joints, the vertebrae
// and the discs are all placed from these frames, so they agree. (The builder's working layout;
// the rig.json it writes is the viewer's solver::RigData, read back before it is written.)
#include "core/Error.h"

#include <glm/glm.hpp>

#include <map>
#include <string>
#include <vector>

namespace psoas::modelbuilder {

struct VertebraDims {            // metres / degrees
    std::string id;              // t12, l1 ... l5
    double bodyWidth = 0;        // transverse, superior endplate
    double bodyDepth = 0;        // anteroposterior, superior endplate
    double heightAnterior = 0;
    double heightPosterior = 0;
    double pedicleWidth = 0;
    double pedicleHeight = 0;
    double pedicleAngleDeg = 0;  // transverse (medial) angle
    double transverseProcessLength = 0; // from the lateral pedicle wall to the tip
    double spinousLength = 0;    // anteroposterior, from the lamina junction to the tip
    double spinousHeight = 0;
    double canalWidth = 0;
    double canalDepth = 0;
};

struct DiscDims {                // metres
    std::string id;              // disc_l4_l5
    std::string lower, upper;    // "l5", "l4"; for disc_l5_s1 lower is "s1"
    double anterior = 0, middle = 0, posterior = 0; // computed from the lordosis (middle from data)
};

// Neutral placement of one vertebra ("s1" = the sacrum's top: only its superior endplate is used).
struct VertebraFrame {
    std::string id;
    glm::dvec3 center{0.0};      // middle of the body (midpoint of the two endplate centres)
    glm::dmat3 axes{1.0};        // columns: x = left, y = cranial body axis, z = anterior
    glm::dvec3 inferiorEndplate{0.0}, superiorEndplate{0.0}; // endplate centres
    glm::dvec3 inferiorNormal{0.0, -1.0, 0.0}, superiorNormal{0.0, 1.0, 0.0}; // unit, pointing out of the body
    glm::dvec3 toWorld(const glm::dvec3& local) const { return center + axes * local; }
    glm::dvec3 toLocal(const glm::dvec3& world) const { return glm::transpose(axes) * (world - center); }
};

struct JointDef { std::string name, parent; glm::dvec3 position{0.0}; };
struct BodyDef { std::string name, joint; };

struct LandmarkDef {
    std::string name;            // lm_asis_r, psoas_major_r.origin.l3, ...
    std::string body;            // bone it sits on
    glm::dvec3 position{0.0};
    double radius = 0.0;         // attachment areas only
    bool attachment = false;
    bool snap = false;           // moved onto the nearest surface point of its body's mesh when built
    std::string label;           // marker text ("L3 TP"); empty: derived from the name
    std::string layer;           // "deep": marked without a label unless a lesson names it
};

struct PathPoint { std::string body; glm::dvec3 position{0.0}; };
struct MusclePath {
    std::string muscle;          // psoas_major_r
    std::string name;            // t12, l1, ..., tp_l5, main
    std::vector<PathPoint> points; // origin first, insertion last
    std::vector<std::string> wraps;
    int wrapFrom = -1;             // wraps act from this point's segment on (-1: every segment)
};
struct WrapDef {
    std::string name, body, type; // type: cylinder | ellipsoid
    glm::dvec3 center{0.0};
    glm::dvec3 axis{1.0, 0.0, 0.0}; // cylinder
    double radius = 0.0;            // cylinder
    glm::dvec3 radii{0.0};          // ellipsoid
    glm::dvec3 side{0.0};           // optional: the side the path must pass on (zero = none)
};

struct PelvisDims {              // metres / degrees (model frame)
    double interAsis = 0.24;
    double sacralSlopeDeg = 40, pelvicTiltDeg = 12;
    double s1HipDistance = 0.11; // S1 endplate centre to the hip axis midpoint
    double s1Width = 0.047, s1Depth = 0.032;
    double sacralLength = 0.105, sacralWidth = 0.11;
    double acetabulumRadius = 0.026;
};

struct FemurDims {               // metres / degrees
    double headDiameter = 0.048;
    double neckShaftDeg = 130, anteversionDeg = 12;
    double offset = 0.043;       // head centre to the shaft axis
    double length = 0.45;        // head top to the condyles
    double shaftDiameter = 0.028;
};

// Axes of the right femur at neutral (model frame).
struct FemurFrame {
    glm::dvec3 head{0.0};       // head centre = hip centre
    double headRadius = 0.024;
    glm::dvec3 shaftUp{0.0};    // anatomical shaft axis, pointing proximally
    glm::dvec3 neckDir{0.0};    // neck axis, from the neck base towards the head
    glm::dvec3 neckBase{0.0};   // where the neck axis meets the shaft axis (closest point)
    glm::dvec3 knee{0.0};       // knee centre (between the condyles)
    glm::dvec3 medial{0.0};     // unit, perpendicular to shaftUp, towards the midline
    glm::dvec3 anterior{0.0};   // unit, perpendicular to shaftUp and medial
};

struct RigLayout {
    // Reads dimensions.json, landmarks.json and muscles.json from `dataDir`. Errors name the
    // file and the field.
    static core::Result<RigLayout> load(const std::string& dataDir);

    std::vector<VertebraDims> vertebrae;   // t12, l1 ... l5 (cranial to caudal)
    std::vector<DiscDims> discs;           // disc_t12_l1 ... disc_l5_s1
    std::vector<VertebraFrame> frames;     // s1, l5, l4, ..., t12 (caudal to cranial)
    std::map<std::string, double> segmentLordosisDeg; // "l5_s1" -> 21.6 ...
    PelvisDims pelvis;
    FemurDims femur;
    FemurFrame femurRight;                 // computed from `femur` and the hip centre (left = mirror)

    std::vector<JointDef> joints;          // rig joints in parent-before-child order
    std::vector<BodyDef> bodies;
    std::vector<LandmarkDef> landmarkDefs; // landmarks and attachment areas, both sides
    std::map<std::string, glm::dvec3> landmarks; // name -> position (same set as landmarkDefs)
    std::vector<MusclePath> musclePaths;   // both sides
    std::vector<WrapDef> wraps;            // both sides
    std::map<std::string, double> tendonFraction; // muscle id -> fraction of the path that is tendon
    std::map<std::string, std::string> structureColors; // structure id -> "#rrggbb" (data/catalog.json)
    std::map<std::string, std::string> structureKinds;  // structure id -> bone, disc, muscle, ...

    // Lookups; they assert (programming error) when the id is unknown.
    const VertebraFrame& frame(const std::string& id) const;
    const VertebraDims& dims(const std::string& id) const;
    const DiscDims& disc(const std::string& id) const;
    const JointDef& joint(const std::string& name) const;
    glm::dvec3 landmark(const std::string& name) const;
    bool hasLandmark(const std::string& name) const { return landmarks.count(name) != 0; }
    std::vector<const MusclePath*> pathsOf(const std::string& muscle) const;

    glm::dvec3 hipCenter(bool left) const { return landmark(left ? "lm_hip_center_l" : "lm_hip_center_r"); }
};

// x -> -x (sagittal mirror) and the matching name swap: "_r" before the end or a '.' becomes "_l".
glm::dvec3 mirrorX(const glm::dvec3& p);
std::string mirrorName(const std::string& rightName);

} // namespace psoas::modelbuilder
