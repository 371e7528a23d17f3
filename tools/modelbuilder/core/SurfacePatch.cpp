#include "SurfacePatch.h"

#include <cmath>
#include <utility>
#include <limits>

namespace psoas::modelbuilder {

SurfacePatch::SurfacePatch(std::vector<glm::dvec3> points, int rows, int cols, double cellSize)
    : m_points(std::move(points)), m_cell(cellSize)
{
    m_normals.resize(m_points.size());
    m_border.resize(m_points.size());
    auto at = [&](int r, int c) { return m_points[std::size_t(r * cols + c)]; };
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c) {
            const glm::dvec3 du = at(r, std::min(cols - 1, c + 1)) - at(r, std::max(0, c - 1));
            const glm::dvec3 dv = at(std::min(rows - 1, r + 1), c) - at(std::max(0, r - 1), c);
            glm::dvec3 n = glm::cross(du, dv);
            const double len = glm::length(n);
            const std::size_t i = std::size_t(r * cols + c);
            m_normals[i] = len > 0 ? n / len : glm::dvec3(1, 0, 0);
            m_border[i] = c == 0 || c == cols - 1 || r == 0 || r == rows - 1;
        }
    for (std::size_t i = 0; i < m_points.size(); ++i) {
        const glm::ivec3 k(glm::floor(m_points[i] / m_cell));
        m_buckets[key(k.x, k.y, k.z)].push_back(int(i));
    }
}

long long SurfacePatch::key(int x, int y, int z) const
{
    return ((long long)(x + 100000) * 200003LL + (long long)(y + 100000)) * 200003LL + (long long)(z + 100000);
}

double SurfacePatch::distance(const glm::dvec3& p) const
{
    // Every sample within one cell (all of them lie in the 3x3x3 buckets around p) gives its
    // plane distance (its free-border rule on the outer rows); they are blended with weights
    // that fall smoothly to zero at one cell, plus a tiny weight on "one cell away", so the
    // field is continuous everywhere: where the nearest sample changes, across bucket
    // borders, and where the last sample drops out of reach. (A single nearest sample, or a
    // cut-off at the k-th nearest, left small facets and creases on the surface.)
    const glm::ivec3 k(glm::floor(p / m_cell));
    const double reach2 = m_cell * m_cell;
    double sum = 0.0, weight = 0.0;
    for (int dz = -1; dz <= 1; ++dz)
        for (int dy = -1; dy <= 1; ++dy)
            for (int dx = -1; dx <= 1; ++dx) {
                auto it = m_buckets.find(key(k.x + dx, k.y + dy, k.z + dz));
                if (it == m_buckets.end()) continue;
                for (int i : it->second) {
                    const glm::dvec3 d = p - m_points[std::size_t(i)];
                    const double dd = glm::dot(d, d);
                    if (dd >= reach2) continue;
                    const double along = std::abs(glm::dot(d, m_normals[std::size_t(i)]));
                    // Beyond the free border: full distance; inside it: along the normal, but
                    // never less than the distance to the sample minus about one sample
                    // spacing, so inner rows do not extend the sheet's plane past its border.
                    const double plane = std::max(along, std::sqrt(dd) - (m_border[std::size_t(i)] ? 0.0015 : 0.0065));
                    const double w = (reach2 - dd) * (reach2 - dd);
                    sum += w * plane;
                    weight += w;
                }
            }
    const double far = 1e-14 * reach2 * reach2 / (0.008 * 0.008 * 0.008 * 0.008);
    return (sum + far * m_cell) / (weight + far);
}

} // namespace psoas::modelbuilder
