#pragma once
// Deforms the muscle, disc and diaphragm meshes of a loaded model to follow the pose.
//
// Binding (once, from TEXCOORD_1 = MeshData::uv1):
//  * muscle vertex (path k, s): the solver's own rest path k is sampled into a
//    CentrelineTable (points, frames) by arc-length fraction; the vertex stores its offset in
//    the frame at s, so the neutral pose reproduces the rest mesh exactly. A fractional path
//    value k + t (0 < t < 1) binds to a sheet between paths k and k + 1 (the blend of their
//    tables with weight t): the fill of sheet-like muscles such as the gluteus maximus.
//  * disc vertex (0, t): blend of the lower (t = 0) and upper (t = 1) vertebra motions.
//  * diaphragm vertex (region, w): region 0 rides on T12 (thoracic cage) and descends by
//    w * excursion(breathing); crura (regions 1, 2) blend from the lumbar vertebra at their
//    height (w = 0) to the dome motion (w = 1).
// Deforming: the posed path is sampled at the same fractions. Tendon (the distal
// `tendon_fraction` of the path) keeps its length; the belly takes the length change with a
// local stretch lambda(s) and is scaled radially by 1/sqrt(lambda) (volume kept). Each
// centre line is smoothed over about the muscle's thickness, so the inner side of a bend
// cannot fold. (A sheet such as the iliacus fan is one mesh bound to one path, its vertices
// s measured at right angles to it, so one orthonormal frame per section carries the whole
// fan.) A mesh whose inputs did not change since the last call on the same model is left
// alone (its version is not bumped). Allocation-free after the first deform.
//
// The deformer is immutable once bound: deform() is const and writes only the meshes it is
// given and the caller's DeformWorkspace (posed tables, per-mesh input cache, scratch).
// One workspace per set of meshes kept in step (the live model; the ghost's rest copies).
#include "anatomy/Model.h"
#include "core/Error.h"
#include "solver/CentrelineTable.h"
#include "solver/CoordinateTable.h"
#include "solver/RigData.h"
#include "solver/Rigid.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace psoas::solver {

// The meshes to deform, indexed as the bound model's meshes (a model's meshes, or copies of
// them in the same order). Minimal stand-in for std::span (C++20).
struct MeshSpan {
    anatomy::MeshData* data = nullptr;
    std::size_t size = 0;
    MeshSpan() = default;
    MeshSpan(anatomy::MeshData* d, std::size_t n) : data(d), size(n) {}
    explicit MeshSpan(std::vector<anatomy::MeshData>& v) : data(v.data()), size(v.size()) {}
    anatomy::MeshData& operator[](std::size_t i) const { return data[i]; }
};

// One sample of a posed table in single precision: position, frame columns scaled for
// positions (tangent * stretch, normal * r, binormal * r) and for normals (the inverse
// transpose: tangent / stretch, normal / r, binormal / r). Offsets along the path stretch
// with it, so a vertex bound a little before or after its sample keeps its place.
// Four floats per vector (the fourth is 0) so the vertex loop can use SSE.
struct alignas(16) DeformSample {
    float p[4], t[4], n[4], b[4], tn[4], nn[4], bn[4];
};

class MeshDeformer;

// Everything deform() writes besides the meshes. Sized by the first deform with a deformer
// (again after a re-bind or with another deformer); allocation-free after that.
class DeformWorkspace {
public:
    void clear() { *this = DeformWorkspace(); }

private:
    friend class MeshDeformer;
    struct Muscle {
        std::vector<CentrelineTable> posed; // per path binding
        std::vector<DeformSample> samples;
        std::vector<double> lastInput;
    };
    struct BodyColumns { // body rotations and translations as four-float columns (SSE loops)
        alignas(16) float c[4][4];
    };
    const MeshDeformer* owner = nullptr;
    std::uint64_t bindSerial = 0;
    std::vector<Muscle> muscles;
    std::vector<std::vector<double>> blendInput; // per blend mesh: last input
    std::vector<double> input;
    std::vector<Mat3> bodyR;
    std::vector<Vec3> bodyT;
    std::vector<BodyColumns> bodyCols;
    const anatomy::MeshData* lastMeshes = nullptr;
    std::vector<std::uint64_t> lastVersion; // per mesh, after our last write
};

// What the deformer needs from the current pose.
struct DeformPose {
    const std::vector<Rigid>* bodyWorld = nullptr;
    const std::vector<std::vector<DVec3>>* polylines = nullptr; // per flat path index
    const std::vector<double>* lengths = nullptr;               // per flat path index (m)
    double breathing = 0.0;                                     // %
};

class MeshDeformer {
public:
    static constexpr int kSamples = CentrelineTable::kSamples;
    static constexpr int kSmoothing = 2; // least half-width (samples) of the centreline smoothing

    // flatPath[m][k] = flat index of muscle m's path k into polylines/lengths.
    core::Status bind(const anatomy::Model& model, const RigData& rig, const CoordinateTable& table,
                      const std::vector<std::vector<int>>& flatPath, const DeformPose& rest);
    void deform(MeshSpan meshes, const DeformPose& pose, DeformWorkspace& workspace) const;
    bool bound() const { return m_bound; }
    std::size_t boundMeshCount() const { return m_muscles.size() + m_blends.size(); }
    std::size_t boundVertexCount() const;

    // Per vertex of the bound muscle mesh `mesh`: x, y = its rest offset across its path (the
    // normal and binormal components in the path's local frame, metres), z = the fraction of
    // the path from origin to insertion it is bound at (TEXCOORD_1's s, whichever way the
    // loader turned it). Empty when `mesh` is not a bound muscle. Fixed at bind time, so
    // whatever the pose a point keeps its coordinates.
    std::vector<Vec3> fibreCoordinates(int mesh) const;

    // For tests and debugging: triangles of bound muscle meshes whose normal points against
    // the rest normal carried by the local frame (0 means nothing turned inside out).
    std::size_t countInvertedTriangles(const anatomy::Model& model, std::string* where = nullptr) const;

private:
    struct PathBinding {
        int flat = -1;               // flat path index; -1 for a sheet between two paths
        int blendA = -1, blendB = -1; // sheet: the two paths (indices into MuscleMesh::paths)
        double blendT = 0.0;
        int originBody = -1;
        DVec3 restNormal0{0.0}; // normal of the first rest frame
        CentrelineTable::Spec spec;
        CentrelineTable rest;
    };
    struct MuscleMesh {
        int mesh = -1;
        std::vector<PathBinding> paths; // rig paths first, then sheets
        std::vector<std::uint32_t> row; // per vertex: path * kSamples + lower sample
        std::vector<float> frac;
        std::vector<Vec3> offset, normal; // in the local frame
    };
    struct BlendMesh { // discs and diaphragm
        int mesh = -1;
        bool diaphragm = false;
        std::vector<Vec3> restPositions;
        std::vector<Vec3> restNormals;
        std::vector<int> bodyA, bodyB;
        std::vector<float> t;      // blend A -> B
        std::vector<float> dome;   // diaphragm: dome weight w (0 for discs)
        std::vector<float> region; // diaphragm region (0 dome)
        std::vector<int> usedBodies;
    };

    // Binding a muscle mesh (MuscleBinding.cpp).
    core::Status bindMuscle(const anatomy::Model& model, const RigMuscle& muscle, int mesh,
                            const std::vector<int>& flat, const DeformPose& rest);
    // The muscle's rig paths; false when a tendon_fraction leaves no belly.
    static bool addRigPaths(MuscleMesh& mm, const RigMuscle& muscle, const std::vector<int>& flat, const DeformPose& rest);
    // Per vertex the path (or sheet, added to mm.paths) it follows; what is wrong, or "".
    static std::string assignPaths(const anatomy::MeshData& mesh, MuscleMesh& mm, std::size_t real,
                                   std::vector<int>& pathOf);
    // True when TEXCOORD_1's s runs from the insertion (it must be turned).
    static bool sFromInsertion(const anatomy::MeshData& mesh, const MuscleMesh& mm, std::size_t real,
                               const std::vector<int>& pathOf, const DeformPose& rest);
    void findSheetFill(const anatomy::MeshData& mesh, MuscleMesh& mm, std::vector<int>& pathOf,
                       const std::function<double(std::size_t)>& arcOf, const DeformPose& rest) const;
    static void buildRest(MuscleMesh& mm, const DeformPose& rest); // rest tables from the specs
    static void bindVertices(const anatomy::MeshData& mesh, MuscleMesh& mm, const std::vector<int>& pathOf, bool flipS);
    static void centreMesh(const anatomy::MeshData& mesh, MuscleMesh& mm); // spec.centre from the bound vertices
    // Each path's smoothing from how far its vertices reach from it.
    static void fitSmoothing(const anatomy::MeshData& mesh, MuscleMesh& mm, const std::vector<int>& pathOf,
                             std::size_t real);
    // Binds, centres the mesh on the paths and binds again.
    static void bindCentred(const anatomy::MeshData& mesh, MuscleMesh& mm, const std::vector<int>& pathOf, bool flipS,
                            const DeformPose& rest);
    // Binding the discs and the diaphragm (BlendBinding.cpp).
    core::Status bindDisc(const anatomy::Model& model, const RigDisc& disc, int mesh);
    core::Status bindDiaphragm(const anatomy::Model& model, const RigData& rig, int mesh);

    void deformMuscle(MeshSpan meshes, const MuscleMesh& mm, DeformWorkspace::Muscle& w, const DeformPose& pose,
                      DeformWorkspace& ws) const;
    static void sampleMuscle(const MuscleMesh& mm, DeformWorkspace::Muscle& w, const DeformPose& pose); // posed tables
    static void writeMuscle(const MuscleMesh& mm, const DeformSample* samples, Vec3* outP, Vec3* outN);
    void deformBlend(MeshSpan meshes, const BlendMesh& b, std::vector<double>& last, const DeformPose& pose,
                     DeformWorkspace& work) const;
    // The bodies b uses as matrices and as four-float columns, in work.
    static void bodyMatrices(const BlendMesh& b, const std::vector<Rigid>& bodies, DeformWorkspace& work);
    void writeBlend(const BlendMesh& b, const DeformWorkspace& work, double descent, Vec3* outP, Vec3* outN) const;
    void prepare(MeshSpan meshes, DeformWorkspace& ws) const; // sizes ws for this deformer and these meshes
    // True (and the cache updated) when ws.input differs from the last call's on these meshes.
    static bool changed(MeshSpan meshes, int mesh, std::vector<double>& last, DeformWorkspace& ws);

    std::vector<MuscleMesh> m_muscles;
    std::vector<BlendMesh> m_blends;
    int m_t12Body = -1;
    BreathingParams m_breathing;
    bool m_bound = false;
    std::uint64_t m_bindSerial = 0; // a new one per bind (workspaces of an older bind resize)
};

} // namespace psoas::solver
