#pragma once
// A triangle mesh in millimetres, and the similarity transform (rotation, uniform scale,
// translation) the fidelity check aligns meshes with. Plain C++ and Eigen.
#include <Eigen/Core>

#include <array>
#include <cstdint>
#include <vector>

namespace psoas::fidelity {

struct TriMesh {
    std::vector<Eigen::Vector3d> vertices;
    std::vector<std::array<std::uint32_t, 3>> faces;
};

// p -> scale * rotation * p + translation.
struct Similarity {
    Eigen::Matrix3d rotation = Eigen::Matrix3d::Identity();
    Eigen::Vector3d translation = Eigen::Vector3d::Zero();
    double scale = 1.0;
    Eigen::Vector3d apply(const Eigen::Vector3d& p) const { return scale * (rotation * p) + translation; }
    Similarity inverse() const
    {
        Similarity inv;
        inv.rotation = rotation.transpose();
        inv.scale = 1.0 / scale;
        inv.translation = -(inv.scale * (inv.rotation * translation));
        return inv;
    }
};

inline TriMesh transformed(const TriMesh& mesh, const Similarity& t)
{
    TriMesh out = mesh;
    for (Eigen::Vector3d& v : out.vertices) v = t.apply(v);
    return out;
}

inline std::vector<Eigen::Vector3d> transformed(const std::vector<Eigen::Vector3d>& points, const Similarity& t)
{
    std::vector<Eigen::Vector3d> out;
    out.reserve(points.size());
    for (const Eigen::Vector3d& p : points) out.push_back(t.apply(p));
    return out;
}

} // namespace psoas::fidelity
