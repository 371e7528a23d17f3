#pragma once
// Test helpers: a node's mesh in world coordinates, welded by position, with a uniform grid
// for closest-point queries.
#include "anatomy/Model.h"

#include <glm/glm.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <vector>

namespace psoas::test {

struct WorldMesh {
    std::vector<glm::dvec3> positions;      // welded (identical positions merged)
    std::vector<std::uint32_t> indices;
    std::vector<glm::vec2> uv1;             // unwelded copy of TEXCOORD_1 (may be empty)
    std::size_t triangleCount() const { return indices.size() / 3; }
};

// All meshes of node `name` in world space (rest pose); empty when the node has no mesh.
WorldMesh worldMesh(const anatomy::Model& model, const std::string& name);
glm::dvec3 nodePosition(const anatomy::Model& model, const std::string& name);

class TriangleGrid {
public:
    explicit TriangleGrid(const WorldMesh& mesh, double cell = 0.004);
    // Distance from p to the nearest triangle (searches outwards ring by ring).
    double distance(const glm::dvec3& p) const;

private:
    std::tuple<int, int, int> cellOf(const glm::dvec3& p) const;
    const WorldMesh& m_mesh;
    double m_cell;
    std::map<std::tuple<int, int, int>, std::vector<std::uint32_t>> m_cells;
};

} // namespace psoas::test
