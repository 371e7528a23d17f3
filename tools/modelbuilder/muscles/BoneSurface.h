#pragma once
// Signed distance (m) from a point to a set of closed bone meshes (hip bones, sacrum, femurs)
// near their surface, for keeping muscle sheets off the bone they lie on. Triangles are
// bucketed in a uniform grid; the sign comes from the nearest triangle's face normal.
#include "core/BuiltPart.h"

#include <glm/glm.hpp>

#include <cstdint>
#include <unordered_map>
#include <vector>

namespace psoas::modelbuilder {

class BoneSurface {
public:
    explicit BoneSurface(double cell = 0.01) : m_cell(cell) {}
    void add(const BuiltPart& bone);
    bool empty() const { return m_tris.empty(); }
    // Negative inside a bone; `far` when no bone surface lies within about one cell.
    double signedDistance(const glm::dvec3& p, double far = 1.0) const;

private:
    struct Tri {
        glm::dvec3 a, b, c, n;
    };
    std::int64_t key(int x, int y, int z) const;
    double m_cell;
    std::vector<Tri> m_tris;
    std::unordered_map<std::int64_t, std::vector<std::uint32_t>> m_grid;
};

} // namespace psoas::modelbuilder
