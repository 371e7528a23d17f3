#include "SurfaceSampler.h"

#include <Eigen/Geometry>

#include <algorithm>
#include <cmath>
#include <random>

namespace psoas::fidelity {

namespace {

double triangleArea(const TriMesh& m, const std::array<std::uint32_t, 3>& f)
{
    return 0.5 * (m.vertices[f[1]] - m.vertices[f[0]]).cross(m.vertices[f[2]] - m.vertices[f[0]]).norm();
}

double unit(std::mt19937_64& rng) { return double(rng() >> 11) * (1.0 / 9007199254740992.0); } // [0, 1)

} // namespace

double surfaceArea(const TriMesh& mesh)
{
    double a = 0.0;
    for (const auto& f : mesh.faces) a += triangleArea(mesh, f);
    return a;
}

std::vector<Eigen::Vector3d> sampleSurface(const TriMesh& mesh, std::size_t count, std::uint64_t seed)
{
    std::vector<double> cumulative;
    cumulative.reserve(mesh.faces.size());
    double total = 0.0;
    for (const auto& f : mesh.faces) cumulative.push_back(total += triangleArea(mesh, f));
    std::vector<Eigen::Vector3d> out;
    if (total <= 0.0) return out;
    out.reserve(count);
    std::mt19937_64 rng(seed);
    for (std::size_t i = 0; i < count; ++i) {
        const double r = unit(rng) * total;
        const std::size_t t = std::size_t(std::upper_bound(cumulative.begin(), cumulative.end(), r) - cumulative.begin());
        const auto& f = mesh.faces[std::min(t, mesh.faces.size() - 1)];
        const double su = std::sqrt(unit(rng)), v = unit(rng);
        const Eigen::Vector3d& a = mesh.vertices[f[0]];
        const Eigen::Vector3d& b = mesh.vertices[f[1]];
        const Eigen::Vector3d& c = mesh.vertices[f[2]];
        out.push_back((1.0 - su) * a + su * (1.0 - v) * b + su * v * c);
    }
    return out;
}

} // namespace psoas::fidelity
