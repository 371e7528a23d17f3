#include "muscles/BoneSurface.h"

#include "core/MeshQuery.h"

#include <algorithm>
#include <cmath>

namespace psoas::modelbuilder {

std::int64_t BoneSurface::key(int x, int y, int z) const
{
    return (std::int64_t(x) + 4096) * 8192 * 8192 + (std::int64_t(y) + 4096) * 8192 + (std::int64_t(z) + 4096);
}

void BoneSurface::add(const BuiltPart& bone)
{
    for (std::size_t t = 0; t + 2 < bone.indices.size(); t += 3) {
        Tri tri{glm::dvec3(bone.positions[bone.indices[t]]), glm::dvec3(bone.positions[bone.indices[t + 1]]),
                glm::dvec3(bone.positions[bone.indices[t + 2]]), glm::dvec3(0.0)};
        const glm::dvec3 n = glm::cross(tri.b - tri.a, tri.c - tri.a);
        const double len = glm::length(n);
        if (len < 1e-18)
            continue;
        tri.n = n / len;
        const glm::ivec3 lo(glm::floor(glm::min(tri.a, glm::min(tri.b, tri.c)) / m_cell));
        const glm::ivec3 hi(glm::floor(glm::max(tri.a, glm::max(tri.b, tri.c)) / m_cell));
        const auto index = std::uint32_t(m_tris.size());
        m_tris.push_back(tri);
        for (int x = lo.x; x <= hi.x; ++x)
            for (int y = lo.y; y <= hi.y; ++y)
                for (int z = lo.z; z <= hi.z; ++z)
                    m_grid[key(x, y, z)].push_back(index);
    }
}

double BoneSurface::signedDistance(const glm::dvec3& p, double far) const
{
    const glm::ivec3 c(glm::floor(p / m_cell));
    double best = 1e18;
    const Tri* nearest = nullptr;
    glm::dvec3 at(0.0);
    for (int x = -1; x <= 1; ++x)
        for (int y = -1; y <= 1; ++y)
            for (int z = -1; z <= 1; ++z) {
                const auto it = m_grid.find(key(c.x + x, c.y + y, c.z + z));
                if (it == m_grid.end())
                    continue;
                for (const std::uint32_t i : it->second) {
                    const Tri& t = m_tris[i];
                    const glm::dvec3 q = closestPointOnTriangle(p, t.a, t.b, t.c);
                    const double d = glm::dot(q - p, q - p);
                    if (d < best) {
                        best = d;
                        nearest = &t;
                        at = q;
                    }
                }
            }
    if (!nearest || best > m_cell * m_cell)
        return far;
    const double d = std::sqrt(best);
    return glm::dot(p - at, nearest->n) < 0.0 ? -d : d;
}

} // namespace psoas::modelbuilder
