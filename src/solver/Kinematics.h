#pragma once
// The solver facade: coordinates -> joint motions (free or standing), muscle paths with
// lengths and moment arms, spinopelvic measures, and deformation of the bound model meshes.
//
// Typical use (the app layer):
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

    // ---- coordinates ----
    const std::vector<CoordinateInfo>& coordinates() const { return m_table.infos(); }
    // Unknown name or NaN: error naming it, nothing changes. Outside the limits: clamped,
    // success, and *clampNote says what happened. In standing mode the hip and lumbar
    // coordinates are solved by update(); setting them then has no effect (noted).
    core::Status setCoordinate(const std::string& name, double value, std::string* clampNote = nullptr);
    // Current value (after update(): the solved value in standing mode). NaN for unknown names.
    double coordinate(const std::string& name) const;
    void resetCoordinates(); // all to their defaults
    void setMode(Mode mode) { m_mode = mode; }
    Mode mode() const { return m_mode; }
    // The body orientation of the pose (see Body in Types.h): set by applyPreset from the
    // preset, kept by coordinate changes; never used by the solve.
    void setBody(Body body) { m_body = body; }
    Body body() const { return m_body; }

    // ---- presets ----
    std::vector<std::string> presetNames() const;
    const Preset* preset(const std::string& name) const { return m_presets.find(name); }
    // Sets the preset's mode, body orientation and coordinates (others to default) and runs update().
    core::Status applyPreset(const std::string& name);

    // ---- solve ----
    // Standing solve (if in standing mode), joint motions, muscle paths, measures.
    // Returns an error only when a standing target cannot be met (the pose is still the best
    // reachable one and everything is updated); lastSolveNote() keeps that message.
    core::Status update();
    const std::string& lastSolveNote() const { return m_note; }
    int lastSolveIterations() const { return m_iterations; }

    // ---- results ----
    std::vector<std::string> jointNames() const;
    // Model-space rigid motion of everything attached to `joint`: posed = M * neutral.
    // Identity for unknown names.
    Mat4 jointDelta(const std::string& joint) const;
    Mat4 bodyDelta(const std::string& body) const; // same, by body name (bone id)

    // Per muscle (id) and, for muscles with several paths, per path ("psoas_major_r.t12").
    // Moment arm about `aboutCoordinate`, or about the muscle's own hip_flexion_<side> when
    // empty (lumbar_flexion for muscles without a side).
    std::vector<MuscleReading> readings(const std::string& aboutCoordinate = "") const;
    // Names accepted by pathPolyline()/readings(): muscle ids and muscle.path ids.
    std::vector<std::string> muscleIds(bool includePaths = true) const;
    // Posed polyline (model frame, metres). A muscle id with several paths gives its first path.
    std::vector<Vec3> pathPolyline(const std::string& muscleOrSlip) const;
    // Length in metres of a muscle (mean of its paths) or a path; NaN when unknown.
    double lengthOf(const std::string& muscleOrSlip) const;
    double momentArmMm(const std::string& muscleOrSlip, const std::string& coordinate) const;
    DerivedMeasures measures() const { return m_measures; }

    // ---- meshes ----
    core::Status bind(const anatomy::Model& model); // reads uv1 (TEXCOORD_1); after load
    void deform(anatomy::Model& model) const;       // positions + normals, ++version
    const MeshDeformer& deformer() const { return m_deformer; }
    const RigData& rig() const { return m_rig; }

private:
    struct PathRef {
        int muscle = -1, path = -1;
        std::string id; // "psoas_major_r.t12" or the muscle id for single-path muscles
    };
    void poseBodies(const CoordValues& v, std::vector<Rigid>& joints, std::vector<Rigid>& bodies) const;
    void computeMeasures();
    double pathLength(int flat, const std::vector<Rigid>& bodies) const;
    bool resolve(const std::string& id, int& muscle, int& flat) const; // flat = -1 for a whole muscle
    std::string defaultCoordinateFor(int muscle) const;

    RigData m_rig;
    CoordinateTable m_table;
    PresetLibrary m_presets;
    Skeleton m_skeleton;
    Mode m_mode = Mode::Free;
    Body m_body = Body::Standing;
    CoordValues m_values{};    // as set by the user
    CoordValues m_effective{}; // after the standing solve
    std::vector<Rigid> m_joints, m_bodies;
    std::vector<PathRef> m_paths;
    std::vector<std::vector<int>> m_flat; // [muscle][path] -> flat index
    std::vector<double> m_restLengths, m_lengths;
    std::vector<std::vector<DVec3>> m_polylines, m_restPolylines;
    DerivedMeasures m_measures;
    double m_pelvicIncidence = 0.0;
    // Neutral geometry for the measures
    int m_sacrumBody = -1, m_l1Body = -1;
    DVec3 m_s1Mid{0.0}, m_s1Dir{0.0, 0.0, 1.0}, m_l1Axis{0.0, 1.0, 0.0};
    MeshDeformer m_deformer;
    std::string m_note;
    int m_iterations = 0;
};

} // namespace psoas::solver
