#include "VertebraMeasures.h"

#include <algorithm>
#include <limits>
#include <vector>

namespace psoas::fidelity {

namespace {

// z of every crossing of the line (x, y, *) with the mesh, sorted.
std::vector<double> crossings(const TriMesh& m, double x, double y)
{
    std::vector<double> zs;
    for (const auto& f : m.faces) {
        const Eigen::Vector3d& a = m.vertices[f[0]];
        const Eigen::Vector3d& b = m.vertices[f[1]];
        const Eigen::Vector3d& c = m.vertices[f[2]];
        const double det = (b.x() - a.x()) * (c.y() - a.y()) - (c.x() - a.x()) * (b.y() - a.y());
        if (det == 0.0) continue;
        const double u = ((x - a.x()) * (c.y() - a.y()) - (c.x() - a.x()) * (y - a.y())) / det;
        const double v = ((b.x() - a.x()) * (y - a.y()) - (x - a.x()) * (b.y() - a.y())) / det;
        if (u < 0.0 || v < 0.0 || u + v > 1.0) continue;
        zs.push_back(a.z() + u * (b.z() - a.z()) + v * (c.z() - a.z()));
    }
    std::sort(zs.begin(), zs.end());
    return zs;
}

// At one height: the gap between the most anterior solid run (the body) and the next one
// behind it (the arch), or a negative value when there is no such pair.
double canalGapAt(const TriMesh& m, double x, double y)
{
    const std::vector<double> zs = crossings(m, x, y);
    if (zs.size() < 4 || zs.size() % 2 != 0) return -1.0; // fewer than two runs, or grazing an edge
    const std::size_t n = zs.size();
    return zs[n - 2] - zs[n - 3]; // runs are [z0,z1], [z2,z3], ...; body = last run
}

} // namespace

VertebraMeasures measureVertebra(const TriMesh& mesh)
{
    VertebraMeasures out;
    if (mesh.vertices.empty()) return out;
    Eigen::Vector3d lo = mesh.vertices[0], hi = lo;
    for (const Eigen::Vector3d& v : mesh.vertices) {
        lo = lo.cwiseMin(v);
        hi = hi.cwiseMax(v);
    }
    out.tpSpan = hi.x() - lo.x();
    // Midline: halfway between the lateral extremes, nudged off any exact vertex or edge.
    const double x = 0.5 * (lo.x() + hi.x()) + 1.234567e-4;
    double best = std::numeric_limits<double>::max();
    const int steps = 200;
    for (int i = 1; i < steps; ++i) {
        const double gap = canalGapAt(mesh, x, lo.y() + (hi.y() - lo.y()) * (double(i) + 0.371) / steps);
        if (gap > 0.0) best = std::min(best, gap);
    }
    if (best < std::numeric_limits<double>::max()) out.canalDepth = best;
    return out;
}

} // namespace psoas::fidelity
