#pragma once
// Closest point on a mesh's surface (on its triangles, not only at vertices) through a bounding
// volume hierarchy: axis-aligned boxes split at the median of the longest axis, searched nearer
// child first and pruned by box distance, so far-away queries cost as little as near ones.
#include "TriMesh.h"

#include <cstdint>
#include <vector>

namespace psoas::fidelity {

Eigen::Vector3d closestOnTriangle(const Eigen::Vector3d& p, const Eigen::Vector3d& a, const Eigen::Vector3d& b,
                                  const Eigen::Vector3d& c);

class TriangleBvh {
public:
    explicit TriangleBvh(const TriMesh& mesh); // keeps a reference to mesh
    // Closest surface point to p (p itself for a mesh without triangles).
    Eigen::Vector3d closest(const Eigen::Vector3d& p) const;
    double distance(const Eigen::Vector3d& p) const { return (closest(p) - p).norm(); }

private:
    struct Node {
        Eigen::Vector3d lo, hi;
        std::uint32_t first = 0, count = 0; // leaf: triangles m_order[first, first+count)
        std::uint32_t left = 0, right = 0;  // inner node (count == 0)
    };
    std::uint32_t build(std::uint32_t first, std::uint32_t count, std::vector<Eigen::Vector3d>& centres);

    const TriMesh& m_mesh;
    std::vector<Node> m_nodes;
    std::vector<std::uint32_t> m_order;
};

} // namespace psoas::fidelity
