#include "MeshIndex.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace psoas::test {

namespace {
glm::dvec3 closestOnTriangle(const glm::dvec3& p, const glm::dvec3& a, const glm::dvec3& b, const glm::dvec3& c)
{
    const glm::dvec3 ab = b - a, ac = c - a, ap = p - a;
    const double d1 = glm::dot(ab, ap), d2 = glm::dot(ac, ap);
    if (d1 <= 0 && d2 <= 0) return a;
    const glm::dvec3 bp = p - b;
    const double d3 = glm::dot(ab, bp), d4 = glm::dot(ac, bp);
    if (d3 >= 0 && d4 <= d3) return b;
    const double vc = d1 * d4 - d3 * d2;
    if (vc <= 0 && d1 >= 0 && d3 <= 0) return a + ab * (d1 / (d1 - d3));
    const glm::dvec3 cp = p - c;
    const double d5 = glm::dot(ab, cp), d6 = glm::dot(ac, cp);
    if (d6 >= 0 && d5 <= d6) return c;
    const double vb = d5 * d2 - d1 * d6;
    if (vb <= 0 && d2 >= 0 && d6 <= 0) return a + ac * (d2 / (d2 - d6));
    const double va = d3 * d6 - d5 * d4;
    if (va <= 0 && (d4 - d3) >= 0 && (d5 - d6) >= 0) return b + (c - b) * ((d4 - d3) / ((d4 - d3) + (d5 - d6)));
    const double denom = 1.0 / (va + vb + vc);
    return a + ab * (vb * denom) + ac * (vc * denom);
}
} // namespace

WorldMesh worldMesh(const anatomy::Model& model, const std::string& name)
{
    WorldMesh out;
    const int node = model.findNode(name);
    if (node < 0) return out;
    const glm::dmat4 world(model.restWorld(node));
    std::map<std::tuple<float, float, float>, std::uint32_t> weld;
    for (int mi : model.nodes[std::size_t(node)].meshes) {
        const auto& mesh = model.meshes[std::size_t(mi)];
        std::vector<std::uint32_t> remap(mesh.positions.size());
        for (std::size_t i = 0; i < mesh.positions.size(); ++i) {
            const glm::vec3 p = mesh.positions[i];
            auto key = std::make_tuple(p.x, p.y, p.z);
            auto it = weld.find(key);
            if (it == weld.end()) {
                it = weld.emplace(key, std::uint32_t(out.positions.size())).first;
                out.positions.push_back(glm::dvec3(world * glm::dvec4(glm::dvec3(p), 1.0)));
            }
            remap[i] = it->second;
        }
        for (std::uint32_t i : mesh.indices) out.indices.push_back(remap[i]);
        out.uv1.insert(out.uv1.end(), mesh.uv1.begin(), mesh.uv1.end());
    }
    return out;
}

glm::dvec3 nodePosition(const anatomy::Model& model, const std::string& name)
{
    const int node = model.findNode(name);
    if (node < 0) return glm::dvec3(std::numeric_limits<double>::quiet_NaN());
    const glm::dmat4 world(model.restWorld(node));
    return glm::dvec3(world[3]);
}

TriangleGrid::TriangleGrid(const WorldMesh& mesh, double cell) : m_mesh(mesh), m_cell(cell)
{
    for (std::uint32_t t = 0; t + 2 < mesh.indices.size(); t += 3) {
        glm::dvec3 lo = mesh.positions[mesh.indices[t]], hi = lo;
        for (int k = 1; k < 3; ++k) {
            lo = glm::min(lo, mesh.positions[mesh.indices[t + std::uint32_t(k)]]);
            hi = glm::max(hi, mesh.positions[mesh.indices[t + std::uint32_t(k)]]);
        }
        const auto a = cellOf(lo), b = cellOf(hi);
        for (int x = std::get<0>(a); x <= std::get<0>(b); ++x)
            for (int y = std::get<1>(a); y <= std::get<1>(b); ++y)
                for (int z = std::get<2>(a); z <= std::get<2>(b); ++z) m_cells[{x, y, z}].push_back(t);
    }
}

std::tuple<int, int, int> TriangleGrid::cellOf(const glm::dvec3& p) const
{
    return {int(std::floor(p.x / m_cell)), int(std::floor(p.y / m_cell)), int(std::floor(p.z / m_cell))};
}

double TriangleGrid::distance(const glm::dvec3& p) const
{
    const auto c = cellOf(p);
    double best = std::numeric_limits<double>::max();
    for (int ring = 0; ring < 40; ++ring) {
        for (int x = -ring; x <= ring; ++x)
            for (int y = -ring; y <= ring; ++y)
                for (int z = -ring; z <= ring; ++z) {
                    if (std::max({std::abs(x), std::abs(y), std::abs(z)}) != ring) continue;
                    auto it = m_cells.find({std::get<0>(c) + x, std::get<1>(c) + y, std::get<2>(c) + z});
                    if (it == m_cells.end()) continue;
                    for (std::uint32_t t : it->second) {
                        const glm::dvec3 q = closestOnTriangle(p, m_mesh.positions[m_mesh.indices[t]],
                                                               m_mesh.positions[m_mesh.indices[t + 1]],
                                                               m_mesh.positions[m_mesh.indices[t + 2]]);
                        best = std::min(best, glm::length(q - p));
                    }
                }
        // everything within ring * cell has been seen
        if (best <= ring * m_cell) break;
    }
    return best;
}

} // namespace psoas::test
