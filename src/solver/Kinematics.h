#pragma once
// The solver: coordinates -> joint motions (free or standing), muscle paths with lengths and
// moment arms, spinopelvic measures, and deformation of the bound model meshes.
//
// The solver proper is pure: solve(Pose) returns a PoseResult and changes nothing, the
// result-taking readers (lengthOf(result, id), readings(result), ...) and
// deform(result, meshes, workspace) read it. Evaluating other poses (a sweep, the neutral
// ghost, a quiz answer) therefore needs no copy of the solver or of the model.
//
// Around it, a stateful wrapper for the pose on screen (the app layer):
//   auto k = Kinematics::load(core::assetsDir());          // rig.json, coordinates.json, poses/
//   k->bind(model);                                         // once, after io::loadModel
//   k->setCoordinate("hip_flexion_r", 45.0); k->update(); k->deform(model);
//   posed bone world = k->jointDelta(boneParentJoint) * rest world
// update() + deform() allocate nothing once the first update has run.
#include "anatomy/Model.h"
#include "core/Error.h"
#include "core/Math.h"
#include "solver/CoordinateTable.h"
#include "solver/MeshDeformer.h"
#include "solver/Pose.h"
#include "solver/PresetLibrary.h"
#include "solver/RigData.h"
#include "solver/Rigid.h"
#include "solver/Skeleton.h"
#include "solver/Types.h"

#include <string>
#include <vector>

namespace psoas::solver {

class Kinematics {
public:
    // assetsDir/models/rig.json, assetsDir/models/coordinates.json, assetsDir/poses/
    static core::Result<Kinematics> load(const std::string& assetsDir);
    static core::Result<Kinematics> loadFiles(const std::string& rigJson, const std::string& coordinatesJson,
                                              const std::string& posesDir);

    // ---- the pure solver ----
    // Solves `pose` (standing solve in standing mode, joints, paths, measures, readings) and
    // changes nothing. A standing target that cannot be met gives met = false and the note.
    PoseResult solve(const Pose& pose, const SolveParts& parts = {}) const;
    // The same into `out`, reusing its storage (no allocation once sized): for sweeps.
    void solveInto(const Pose& pose, PoseResult& out, const SolveParts& parts = {}) const;
    const CoordinateTable& table() const { return m_table; }
    // Readers of a result (same meaning as the wrapper's readers below).
    double lengthOf(const PoseResult& r, const std::string& muscleOrSlip) const;
    double lengthPctOf(const PoseResult& r, const std::string& muscleOrSlip) const; // % of neutral
    std::vector<MuscleReading> readings(const PoseResult& r, const std::string& aboutCoordinate = "") const;
    std::vector<Vec3> pathPolyline(const PoseResult& r, const std::string& muscleOrSlip) const;
    double momentArmMm(const PoseResult& r, const std::string& muscleOrSlip, const std::string& coordinate) const;
    Mat4 jointDelta(const PoseResult& r, const std::string& joint) const;
    Mat4 bodyDelta(const PoseResult& r, const std::string& body) const;
    // Deforms the bound meshes (indexed as the bound model's meshes) to `r`, which must have
    // been solved with polylines. The workspace holds the scratch and the change cache.
    void deform(const PoseResult& r, MeshSpan meshes, DeformWorkspace& workspace) const;

    // ---- the wrapper: the current pose ----
    const Pose& pose() const { return m_pose; }
    void setPose(const Pose& pose) { m_pose = pose; m_result.values = pose.values; m_result.mode = pose.mode; }
    const PoseResult& result() const { return m_result; } // of the last update()

    // ---- coordinates ----
    const std::vector<CoordinateInfo>& coordinates() const { return m_table.infos(); }
    // Unknown name or NaN: error naming it, nothing changes. Outside the limits: clamped,
    // success, and *clampNote says what happened. In standing mode the hip and lumbar
    // coordinates are solved by update(); setting them then has no effect (noted).
    core::Status setCoordinate(const std::string& name, double value, std::string* clampNote = nullptr);
    // Current value (after update(): the solved value in standing mode). NaN for unknown names.
    double coordinate(const std::string& name) const;
    // True for the coordinates the standing solver computes itself (lumbar and hip angles):
    // setting one in standing mode is noted, not applied.
    static bool solvedWhenStanding(const std::string& name);
    void resetCoordinates(); // all to their defaults
    void setMode(Mode mode) { m_pose.mode = mode; }
    Mode mode() const { return m_pose.mode; }
    // The body orientation of the pose (see Body in Types.h): set by applyPreset from the
    // preset, kept by coordinate changes; never used by the solve.
    void setBody(Body body) { m_body = body; }
    Body body() const { return m_body; }

    // ---- presets ----
    std::vector<std::string> presetNames() const;
    const Preset* preset(const std::string& name) const { return m_presets.find(name); }
    // The preset's pose: its mode and coordinates, the others at their default (its body
    // orientation is Preset::body).
    core::Result<Pose> presetPose(const std::string& name) const;
    // Sets the preset's mode, body orientation and coordinates (others to default) and runs update().
    core::Status applyPreset(const std::string& name);

    // ---- solve ----
    // Standing solve (if in standing mode), joint motions, muscle paths, measures.
    // Returns an error only when a standing target cannot be met (the pose is still the best
    // reachable one and everything is updated); lastSolveNote() keeps that message.
    core::Status update();
    const std::string& lastSolveNote() const { return m_result.note; }
    int lastSolveIterations() const { return m_result.iterations; }

    // ---- results ----
    std::vector<std::string> jointNames() const;
    // Model-space rigid motion of everything attached to `joint`: posed = M * neutral.
    // Identity for unknown names.
    Mat4 jointDelta(const std::string& joint) const { return jointDelta(m_result, joint); }
    Mat4 bodyDelta(const std::string& body) const { return bodyDelta(m_result, body); } // by body name (bone id)

    // Per muscle (id) and, for muscles with several paths, per path ("psoas_major_r.t12").
    // Moment arm about `aboutCoordinate`, or about the muscle's own hip_flexion_<side> when
    // empty (lumbar_flexion for muscles without a side).
    std::vector<MuscleReading> readings(const std::string& aboutCoordinate = "") const
    {
        return readings(m_result, aboutCoordinate);
    }
    // Names accepted by pathPolyline()/readings(): muscle ids and muscle.path ids.
    std::vector<std::string> muscleIds(bool includePaths = true) const;
    // Posed polyline (model frame, metres). A muscle id with several paths gives its first path.
    std::vector<Vec3> pathPolyline(const std::string& muscleOrSlip) const { return pathPolyline(m_result, muscleOrSlip); }
    // Length in metres of a muscle (mean of its paths) or a path; NaN when unknown.
    double lengthOf(const std::string& muscleOrSlip) const { return lengthOf(m_result, muscleOrSlip); }
    double momentArmMm(const std::string& muscleOrSlip, const std::string& coordinate) const
    {
        return momentArmMm(m_result, muscleOrSlip, coordinate);
    }
    DerivedMeasures measures() const { return m_result.measures; }

    // ---- meshes ----
    core::Status bind(const anatomy::Model& model); // reads uv1 (TEXCOORD_1); after load
    void deform(anatomy::Model& model);             // the current pose: positions + normals, ++version
    const MeshDeformer& deformer() const { return m_deformer; }
    const RigData& rig() const { return m_rig; }

private:
    struct PathRef {
        int muscle = -1, path = -1;
        std::string id; // "psoas_major_r.t12" or the muscle id for single-path muscles
    };
    void poseBodies(const CoordValues& v, std::vector<Rigid>& joints, std::vector<Rigid>& bodies) const;
    void computeMeasures(PoseResult& r) const;
    double pathLength(int flat, const std::vector<Rigid>& bodies) const;
    bool resolve(const std::string& id, int& muscle, int& flat) const; // flat = -1 for a whole muscle
    std::string defaultCoordinateFor(int muscle) const;

    RigData m_rig;
    CoordinateTable m_table;
    PresetLibrary m_presets;
    Skeleton m_skeleton;
    Body m_body = Body::Standing;
    std::vector<PathRef> m_paths;
    std::vector<std::vector<int>> m_flat; // [muscle][path] -> flat index
    std::vector<double> m_restLengths;
    std::vector<std::vector<DVec3>> m_restPolylines;
    double m_pelvicIncidence = 0.0;
    // Neutral geometry for the measures
    int m_sacrumBody = -1, m_l1Body = -1;
    DVec3 m_s1Mid{0.0}, m_s1Dir{0.0, 0.0, 1.0}, m_l1Axis{0.0, 1.0, 0.0};
    MeshDeformer m_deformer;
    // The wrapper's state: the pose as set, its result and the deformer's workspace.
    Pose m_pose;
    PoseResult m_result;
    DeformWorkspace m_workspace;
};

} // namespace psoas::solver
