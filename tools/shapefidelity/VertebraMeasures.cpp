#include "VertebraMeasures.h"

#include <algorithm>
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

struct Section {
    double gap = -1.0;       // back of the body to the front of the arch; < 0 without both
    double bodyLength = 0.0; // antero-posterior length of the body's run
};

// At one height the midline crosses solid runs [z0,z1], [z2,z3], ... (posterior to anterior);
// the most anterior run is the body, the one behind it the arch.
Section sectionAt(const TriMesh& m, double x, double y)
{
    const std::vector<double> zs = crossings(m, x, y);
    Section s;
    const std::size_t n = zs.size();
    if (n % 2 != 0 || n < 2) return s; // grazing an edge, or missing the bone
    s.bodyLength = zs[n - 1] - zs[n - 2];
    if (n >= 4) s.gap = zs[n - 2] - zs[n - 3];
    return s;
}

double canalDepth(const TriMesh& mesh, double x, double ylo, double yhi)
{
    const int steps = 200;
    std::vector<Section> sections;
    double longestBody = 0.0;
    for (int i = 0; i < steps; ++i) {
        sections.push_back(sectionAt(mesh, x, ylo + (yhi - ylo) * (double(i) + 0.5) / steps));
        longestBody = std::max(longestBody, sections.back().bodyLength);
    }
    // Near the endplates the midline cuts the concave endplate, which splits the body into a
    // thin rim and a shorter front part: only heights where the body is (nearly) whole count.
    double best = 0.0;
    for (const Section& s : sections)
        if (s.gap > 0.0 && s.bodyLength > 0.8 * longestBody && (best == 0.0 || s.gap < best)) best = s.gap;
    return best;
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
    out.canalDepth = canalDepth(mesh, 0.5 * (lo.x() + hi.x()) + 1.234567e-4, lo.y(), hi.y());
    return out;
}

} // namespace psoas::fidelity
