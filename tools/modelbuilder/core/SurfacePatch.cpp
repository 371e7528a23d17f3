#include "SurfacePatch.h"

#include <array>
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
    // The nearest few samples, each giving its plane distance (its free-border rule on the
    // outer rows), blended with weights that fall to zero at the next sample's distance, so
    // the field stays continuous where the nearest sample changes (a single nearest sample
    // leaves small steps on the surface).
    constexpr int kNear = 6;
    const glm::ivec3 k(glm::floor(p / m_cell));
    std::array<std::pair<double, int>, kNear + 1> best;
    best.fill({std::numeric_limits<double>::max(), -1});
    for (int dz = -1; dz <= 1; ++dz)
        for (int dy = -1; dy <= 1; ++dy)
            for (int dx = -1; dx <= 1; ++dx) {
                auto it = m_buckets.find(key(k.x + dx, k.y + dy, k.z + dz));
                if (it == m_buckets.end()) continue;
                for (int i : it->second) {
                    const glm::dvec3 d = p - m_points[std::size_t(i)];
                    const double dd = glm::dot(d, d);
                    if (dd >= best[kNear].first) continue;
                    int j = kNear;
                    while (j > 0 && best[std::size_t(j - 1)].first > dd) {
                        best[std::size_t(j)] = best[std::size_t(j - 1)];
                        --j;
                    }
                    best[std::size_t(j)] = {dd, i};
                }
            }
    if (best[0].second < 0) return m_cell;
    auto planeDistance = [&](int index, double dd) {
        const glm::dvec3 d = p - m_points[std::size_t(index)];
        const double along = std::abs(glm::dot(d, m_normals[std::size_t(index)]));
        // Beyond the free border: full distance; inside it: along the normal.
        return m_border[std::size_t(index)] ? std::max(along, std::sqrt(dd) - 0.0015) : along;
    };
    const double limit = best[kNear].second >= 0 ? best[kNear].first : 4.0 * best[0].first + m_cell * m_cell;
    double sum = 0.0, weight = 0.0;
    for (int j = 0; j < kNear && best[std::size_t(j)].second >= 0; ++j) {
        const double w = (limit - best[std::size_t(j)].first) * (limit - best[std::size_t(j)].first);
        sum += w * planeDistance(best[std::size_t(j)].second, best[std::size_t(j)].first);
        weight += w;
    }
    return weight > 0.0 ? sum / weight : planeDistance(best[0].second, best[0].first);
}

} // namespace psoas::modelbuilder
