#pragma once
// A curved sheet given as a grid of points (rows x cols, row-major), used to sculpt thin bone
// plates such as the iliac wing: distance(p) - halfThickness is the plate's signed distance.
// The distance is measured along the nearest sample's normal inside the sheet and to the
// sample itself on the outer rows and columns, so the borders are rounded.
#include <glm/glm.hpp>

#include <unordered_map>
#include <vector>

namespace psoas::modelbuilder {

class SurfacePatch {
public:
    SurfacePatch(std::vector<glm::dvec3> points, int rows, int cols, double cellSize = 0.01);

    // Unsigned distance (m) to the sheet; a lower bound (cellSize) when nothing is near.
    double distance(const glm::dvec3& p) const;

private:
    long long key(int x, int y, int z) const;

    std::vector<glm::dvec3> m_points;
    std::vector<glm::dvec3> m_normals;
    std::vector<bool> m_border;
    double m_cell;
    std::unordered_map<long long, std::vector<int>> m_buckets;
};

} // namespace psoas::modelbuilder
