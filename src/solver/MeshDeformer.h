#pragma once
// Deforms the muscle, disc and diaphragm meshes of a loaded model to follow the pose.
//
// Binding (once, from TEXCOORD_1 = MeshData::uv1):
//  * muscle vertex (path k, s): the solver's own rest path k is sampled into a table of
//    frames (point, tangent, normal, binormal) by arc-length fraction; the vertex stores its
//    offset in the frame at s. The neutral pose therefore reproduces the rest mesh exactly.
//  * disc vertex (0, t): blend of the lower (t = 0) and upper (t = 1) vertebra motions.
//  * diaphragm vertex (region, w): region 0 rides on T12 (thoracic cage) and descends by
//    w * excursion(breathing); crura (regions 1, 2) blend from the lumbar vertebra at their
//    height (w = 0) to the dome motion (w = 1).
// Deforming: the posed path is sampled at the same fractions. Tendon (the distal
// `tendon_fraction` of the path) keeps its length; the belly takes the length change with a
// local stretch lambda(s) and is scaled radially by 1/sqrt(lambda) (volume kept).
// Allocation-free after bind.
#include "anatomy/Model.h"
#include "core/Error.h"
#include "solver/CoordinateTable.h"
#include "solver/RigData.h"
#include "solver/Rigid.h"

#include <string>
#include <vector>

namespace psoas::solver {

// What the deformer needs from the current pose.
struct DeformPose {
    const std::vector<Rigid>* bodyWorld = nullptr;
    const std::vector<std::vector<DVec3>>* polylines = nullptr; // per flat path index
    const std::vector<double>* lengths = nullptr;               // per flat path index (m)
    double breathing = 0.0;                                     // %
};

class MeshDeformer {
public:
    static constexpr int kSamples = 64;
    static constexpr int kSmoothing = 2; // least half-width (samples) of the centreline smoothing
    static constexpr double kMinBelly = 0.45, kMaxBelly = 1.8; // belly stretch range before tendons give

    // flatPath[m][k] = flat index of muscle m's path k into polylines/lengths.
    core::Status bind(const anatomy::Model& model, const RigData& rig, const CoordinateTable& table,
                      const std::vector<std::vector<int>>& flatPath, const DeformPose& rest);
    void deform(anatomy::Model& model, const DeformPose& pose) const;
    bool bound() const { return m_bound; }
    std::size_t boundMeshCount() const { return m_muscles.size() + m_discs.size() + m_diaphragm.size(); }

    // For tests and debugging: triangles of bound muscle meshes whose normal points against
    // the rest normal carried by the local frame (0 means nothing turned inside out).
    std::size_t countInvertedTriangles(const anatomy::Model& model, std::string* where = nullptr) const;

private:
    struct Table {
        std::vector<DVec3> point;  // kSamples
        std::vector<DMat3> frame;  // columns: tangent, normal, binormal
        std::vector<double> scale; // radial scale
        std::vector<double> segment; // rest table only: centreline segment lengths
        std::vector<DVec3> scratch;  // prefix sums for smoothing
    };
    struct PathBinding {
        int flat = -1;
        int originBody = -1;
        double restLength = 0.0;
        DVec3 restNormal0{0.0}; // normal of the first rest frame
        int smoothing = kSmoothing; // smoothing half-width in samples, from the muscle's thickness
        std::vector<double> beltW;   // belly weight per sample
        std::vector<double> beltCum; // cumulative belly weight (0..W(1)) per sample
        Table rest;
        mutable Table posed;
        // Single-precision copy of `posed` for the per-vertex loop.
        mutable std::vector<Vec3> fPoint;
        mutable std::vector<Mat3> fFrame;
        mutable std::vector<float> fScale;
    };
    struct MuscleVertex {
        int path = 0;   // index into MuscleMesh::paths
        int sample = 0; // lower sample
        float frac = 0.0f;
        Vec3 offset{0.0f}; // in the local frame
        Vec3 normal{0.0f}; // in the local frame
    };
    struct MuscleMesh {
        int mesh = -1;
        std::vector<PathBinding> paths;
        std::vector<MuscleVertex> vertices;
        std::vector<Vec3> restPositions;
    };
    struct BlendMesh { // discs and diaphragm
        int mesh = -1;
        std::vector<Vec3> restPositions;
        std::vector<Vec3> restNormals;
        std::vector<int> bodyA, bodyB;
        std::vector<float> t;      // blend A -> B
        std::vector<float> dome;   // diaphragm: dome weight w (0 for discs)
        std::vector<float> region; // diaphragm region (0 dome)
    };

    void buildTable(const std::vector<DVec3>& polyline, const PathBinding& pb, double length, const DVec3& normal0,
                    bool posed, Table& out) const;

    std::vector<MuscleMesh> m_muscles;
    std::vector<BlendMesh> m_discs;
    std::vector<BlendMesh> m_diaphragm;
    int m_t12Body = -1;
    BreathingParams m_breathing;
    bool m_bound = false;
};

} // namespace psoas::solver
