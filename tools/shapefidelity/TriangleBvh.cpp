#include "TriangleBvh.h"

#include <algorithm>
#include <limits>

namespace psoas::fidelity {

// Ericson, Real-Time Collision Detection, 5.1.5: Voronoi regions of the triangle.
Eigen::Vector3d closestOnTriangle(const Eigen::Vector3d& p, const Eigen::Vector3d& a, const Eigen::Vector3d& b,
                                  const Eigen::Vector3d& c)
{
    const Eigen::Vector3d ab = b - a, ac = c - a, ap = p - a;
    const double d1 = ab.dot(ap), d2 = ac.dot(ap);
    if (d1 <= 0 && d2 <= 0) return a;
    const Eigen::Vector3d bp = p - b;
    const double d3 = ab.dot(bp), d4 = ac.dot(bp);
    if (d3 >= 0 && d4 <= d3) return b;
    const double vc = d1 * d4 - d3 * d2;
    if (vc <= 0 && d1 >= 0 && d3 <= 0) return a + ab * (d1 / (d1 - d3));
    const Eigen::Vector3d cp = p - c;
    const double d5 = ab.dot(cp), d6 = ac.dot(cp);
    if (d6 >= 0 && d5 <= d6) return c;
    const double vb = d5 * d2 - d1 * d6;
    if (vb <= 0 && d2 >= 0 && d6 <= 0) return a + ac * (d2 / (d2 - d6));
    const double va = d3 * d6 - d5 * d4;
    if (va <= 0 && (d4 - d3) >= 0 && (d5 - d6) >= 0) return b + (c - b) * ((d4 - d3) / ((d4 - d3) + (d5 - d6)));
    const double denom = 1.0 / (va + vb + vc);
    return a + ab * (vb * denom) + ac * (vc * denom);
}

namespace {
constexpr std::uint32_t kLeafSize = 4;

double boxDistance2(const Eigen::Vector3d& p, const Eigen::Vector3d& lo, const Eigen::Vector3d& hi)
{
    return (lo - p).cwiseMax(p - hi).cwiseMax(0.0).squaredNorm();
}
} // namespace

TriangleBvh::TriangleBvh(const TriMesh& mesh) : m_mesh(mesh)
{
    std::vector<Eigen::Vector3d> centres;
    centres.reserve(mesh.faces.size());
    for (const auto& f : mesh.faces)
        centres.push_back((mesh.vertices[f[0]] + mesh.vertices[f[1]] + mesh.vertices[f[2]]) / 3.0);
    m_order.resize(mesh.faces.size());
    for (std::uint32_t i = 0; i < m_order.size(); ++i) m_order[i] = i;
    m_nodes.reserve(2 * mesh.faces.size() / kLeafSize + 2);
    if (!mesh.faces.empty()) build(0, std::uint32_t(mesh.faces.size()), centres);
}

std::uint32_t TriangleBvh::build(std::uint32_t first, std::uint32_t count, std::vector<Eigen::Vector3d>& centres)
{
    const std::uint32_t index = std::uint32_t(m_nodes.size());
    m_nodes.emplace_back();
    Eigen::Vector3d lo = Eigen::Vector3d::Constant(std::numeric_limits<double>::max()), hi = -lo;
    Eigen::Vector3d clo = lo, chi = hi;
    for (std::uint32_t i = first; i < first + count; ++i) {
        for (std::uint32_t v : m_mesh.faces[m_order[i]]) {
            lo = lo.cwiseMin(m_mesh.vertices[v]);
            hi = hi.cwiseMax(m_mesh.vertices[v]);
        }
        clo = clo.cwiseMin(centres[m_order[i]]);
        chi = chi.cwiseMax(centres[m_order[i]]);
    }
    m_nodes[index].lo = lo;
    m_nodes[index].hi = hi;
    if (count <= kLeafSize) {
        m_nodes[index].first = first;
        m_nodes[index].count = count;
        return index;
    }
    int axis = 0;
    (chi - clo).maxCoeff(&axis);
    const std::uint32_t half = count / 2;
    std::nth_element(m_order.begin() + first, m_order.begin() + first + half, m_order.begin() + first + count,
                     [&](std::uint32_t a, std::uint32_t b) { return centres[a][axis] < centres[b][axis]; });
    const std::uint32_t left = build(first, half, centres);
    const std::uint32_t right = build(first + half, count - half, centres);
    m_nodes[index].left = left;
    m_nodes[index].right = right;
    return index;
}

Eigen::Vector3d TriangleBvh::closest(const Eigen::Vector3d& p) const
{
    if (m_nodes.empty()) return p;
    Eigen::Vector3d best = p;
    double best2 = std::numeric_limits<double>::max();
    std::uint32_t stack[64];
    int top = 0;
    stack[top++] = 0;
    while (top > 0) {
        const Node& n = m_nodes[stack[--top]];
        if (boxDistance2(p, n.lo, n.hi) >= best2) continue;
        if (n.count > 0) {
            for (std::uint32_t i = n.first; i < n.first + n.count; ++i) {
                const auto& f = m_mesh.faces[m_order[i]];
                const Eigen::Vector3d q = closestOnTriangle(p, m_mesh.vertices[f[0]], m_mesh.vertices[f[1]], m_mesh.vertices[f[2]]);
                const double d2 = (q - p).squaredNorm();
                if (d2 < best2) {
                    best2 = d2;
                    best = q;
                }
            }
            continue;
        }
        const double dl = boxDistance2(p, m_nodes[n.left].lo, m_nodes[n.left].hi);
        const double dr = boxDistance2(p, m_nodes[n.right].lo, m_nodes[n.right].hi);
        // Push the farther child first so the nearer one is searched first.
        stack[top++] = dl < dr ? n.right : n.left;
        stack[top++] = dl < dr ? n.left : n.right;
    }
    return best;
}

} // namespace psoas::fidelity
