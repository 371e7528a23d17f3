// How far posed muscles pass into bone on the built model, in every preset.
#include "SolverTestUtil.h"

#include <catch2/catch.hpp>

#include "io/ModelLoader.h"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <unordered_map>

using namespace psoas;
using namespace psoas::solver;

namespace {

// Bone surface points with their outward normals in a hash grid; a point is "inside by d"
// when the nearest surface point lies within the search radius and the point is at least d
// behind it along that normal. Good for the few millimetres that matter here.
class BoneSurface {
public:
    explicit BoneSurface(double cell) : m_cell(cell) {}
    void add(const Vec3& p, const Vec3& n)
    {
        m_points.push_back(p);
        m_normals.push_back(n);
        m_grid[key(p)].push_back(static_cast<int>(m_points.size() - 1));
    }
    // Depth (m) behind the nearest surface point, 0 when outside or far from any surface.
    double depth(const Vec3& x) const
    {
        long ix = cellOf(x.x), iy = cellOf(x.y), iz = cellOf(x.z);
        double best = 1e9;
        int bi = -1;
        for (long a = -1; a <= 1; ++a)
            for (long b = -1; b <= 1; ++b)
                for (long c = -1; c <= 1; ++c) {
                    auto it = m_grid.find(pack(ix + a, iy + b, iz + c));
                    if (it == m_grid.end()) continue;
                    for (int i : it->second) {
                        double d = glm::length(m_points[static_cast<std::size_t>(i)] - x);
                        if (d < best) {
                            best = d;
                            bi = i;
                        }
                    }
                }
        if (bi < 0) return 0.0;
        double along = glm::dot(x - m_points[static_cast<std::size_t>(bi)], m_normals[static_cast<std::size_t>(bi)]);
        return along < 0.0 ? -along : 0.0;
    }

private:
    long cellOf(float v) const { return static_cast<long>(std::floor(v / m_cell)); }
    static long long pack(long x, long y, long z) { return (x + 100000) * 1000003LL * 1000003LL + (y + 100000) * 1000003LL + (z + 100000); }
    long long key(const Vec3& p) const { return pack(cellOf(p.x), cellOf(p.y), cellOf(p.z)); }
    double m_cell;
    std::vector<Vec3> m_points, m_normals;
    std::unordered_map<long long, std::vector<int>> m_grid;
};

} // namespace

TEST_CASE("On the built model no posed muscle passes more than a few mm into bone", "[solver][deform][real-rig][bone]")
{
    const std::string glb = test::assetsDir() + "/models/lumbopelvic.glb";
    if (!std::filesystem::exists(glb) || !test::exists(test::realRig())) return;
    auto loaded = io::loadModel(glb);
    REQUIRE(loaded.ok());
    anatomy::Model model = std::move(*loaded);
    Kinematics k = test::loadWith(test::realRig());
    REQUIRE(k.bind(model).ok());
    // One surface per rig body (rest, model frame); muscles are mapped back into each body's
    // rest frame with the inverse of its posed motion.
    const auto& rig = k.rig();
    std::vector<BoneSurface> surfaces(rig.bodies.size(), BoneSurface(0.006));
    for (std::size_t b = 0; b < rig.bodies.size(); ++b) {
        int node = model.findNode(rig.bodies[b].name);
        if (node < 0) continue;
        Mat4 world = model.restWorld(node);
        Mat3 nrm = glm::transpose(glm::inverse(Mat3(world)));
        for (int mi : model.nodes[static_cast<std::size_t>(node)].meshes) {
            const auto& mesh = model.meshes[static_cast<std::size_t>(mi)];
            for (std::size_t v = 0; v < mesh.positions.size(); ++v)
                surfaces[b].add(Vec3(world * Vec4(mesh.positions[v], 1.0f)),
                                v < mesh.normals.size() ? glm::normalize(nrm * mesh.normals[v]) : Vec3(0, 1, 0));
        }
    }
    std::vector<std::size_t> muscleMeshes;
    for (const auto& id : k.muscleIds(false)) {
        int node = model.findNode(id);
        if (node >= 0 && !model.nodes[static_cast<std::size_t>(node)].meshes.empty())
            muscleMeshes.push_back(static_cast<std::size_t>(model.nodes[static_cast<std::size_t>(node)].meshes.front()));
    }
    REQUIRE(!muscleMeshes.empty());
    const double kDeep = 0.004; // 4 mm
    auto count = [&](std::string* worst) {
        std::size_t n = 0;
        std::vector<Mat4> toRest(rig.bodies.size());
        for (std::size_t b = 0; b < rig.bodies.size(); ++b) toRest[b] = glm::inverse(k.bodyDelta(rig.bodies[b].name));
        std::map<std::string, std::size_t> per;
        for (std::size_t mi : muscleMeshes)
            for (const Vec3& p : model.meshes[mi].positions)
                for (std::size_t b = 0; b < rig.bodies.size(); ++b)
                    if (surfaces[b].depth(Vec3(toRest[b] * Vec4(p, 1.0f))) > kDeep) {
                        ++n;
                        ++per[model.meshes[mi].name + " in " + rig.bodies[b].name];
                        break;
                    }
        if (worst)
            for (const auto& [what, c] : per) *worst += " " + what + ": " + std::to_string(c);
        return n;
    };
    k.deform(model);
    std::size_t total = 0;
    for (std::size_t mi : muscleMeshes) total += model.meshes[mi].positions.size();
    std::string restWhere;
    const std::size_t atRest = count(&restWhere);
    std::printf("bone penetration > 4 mm, neutral: %zu of %zu muscle vertices%s\n", atRest, total, restWhere.c_str());
    for (const auto& name : k.presetNames()) {
        (void)k.applyPreset(name);
        k.deform(model);
        std::string where;
        std::size_t n = count(&where);
        std::printf("  %s: %zu%s\n", name.c_str(), n, where.c_str());
        INFO(name << ": " << n << " muscle vertices more than 4 mm inside bone (neutral " << atRest << "):" << where);
        CHECK(n <= atRest + total / 100);
    }
}
