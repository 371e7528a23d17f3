#include "SolverTestUtil.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <filesystem>

namespace psoas::solver::test {

std::string dataDir() { return std::string(PSOAS_TEST_DATA_DIR) + "/solver"; }
// PSOAS_TEST_ASSETS_DIR (a copy of assets/ with a regenerated model) overrides the checkout's
// assets, so the real-rig tests can run on a model that is not committed yet.
std::string assetsDir()
{
    const char* over = std::getenv("PSOAS_TEST_ASSETS_DIR");
    return over && *over ? std::string(over) : std::string(PSOAS_ASSETS_DIR);
}
std::string fixtureRig() { return dataDir() + "/rig_fixture.json"; }
std::string realRig() { return assetsDir() + "/models/rig.json"; }
bool exists(const std::string& path) { return std::filesystem::exists(path); }

std::vector<std::string> rigsUnderTest()
{
    std::vector<std::string> r{fixtureRig()};
    if (exists(realRig())) r.push_back(realRig());
    return r;
}

Kinematics loadWith(const std::string& rig, const std::string& coordinates)
{
    auto k = Kinematics::loadFiles(rig, coordinates.empty() ? assetsDir() + "/models/coordinates.json" : coordinates,
                                   assetsDir() + "/poses");
    INFO(rig);
    if (!k) FAIL(k.message());
    return std::move(*k);
}

static void addNode(anatomy::Model& model, const std::string& name, anatomy::MeshData mesh)
{
    mesh.name = name;
    mesh.recomputeNormals();
    anatomy::ModelNode node;
    node.name = name;
    node.meshes.push_back(static_cast<int>(model.meshes.size()));
    model.meshes.push_back(std::move(mesh));
    model.nodes.push_back(node);
}

void addTubeMesh(anatomy::Model& model, const Kinematics& k, const std::string& muscle, float radius, int rings,
                 int segments)
{
    anatomy::MeshData mesh;
    std::vector<std::string> ids = k.muscleIds(true);
    std::vector<std::string> paths;
    for (const auto& id : ids)
        if (id.rfind(muscle + ".", 0) == 0) paths.push_back(id);
    if (paths.empty()) paths.push_back(muscle);
    for (std::size_t p = 0; p < paths.size(); ++p) {
        std::vector<Vec3> poly = k.pathPolyline(paths[p]);
        // arc-length table
        std::vector<float> cum{0.0f};
        for (std::size_t i = 1; i < poly.size(); ++i) cum.push_back(cum.back() + glm::length(poly[i] - poly[i - 1]));
        auto at = [&](float s) {
            float u = s * cum.back();
            std::size_t i = 1;
            while (i + 1 < poly.size() && cum[i] < u) ++i;
            float seg = cum[i] - cum[i - 1];
            float f = seg > 0 ? (u - cum[i - 1]) / seg : 0.0f;
            return poly[i - 1] + (poly[i] - poly[i - 1]) * std::clamp(f, 0.0f, 1.0f);
        };
        auto base = static_cast<std::uint32_t>(mesh.positions.size());
        Vec3 prevN(0.0f);
        for (int r = 0; r < rings; ++r) {
            float s = static_cast<float>(r) / static_cast<float>(rings - 1);
            float ds = 0.5f / static_cast<float>(rings - 1);
            Vec3 t = glm::normalize(at(std::min(1.0f, s + ds)) - at(std::max(0.0f, s - ds)));
            Vec3 n = r == 0 ? glm::normalize(glm::cross(t, std::abs(t.x) < 0.9f ? Vec3(1, 0, 0) : Vec3(0, 1, 0)))
                            : glm::normalize(prevN - glm::dot(prevN, t) * t);
            prevN = n;
            Vec3 b = glm::cross(t, n);
            // belly thick, tendon (last third) thin, rounded ends
            float taper = std::sin(3.14159f * std::clamp(s, 0.02f, 0.98f));
            float rad = radius * (s < 0.6f ? std::max(0.35f, taper) : 0.35f);
            for (int j = 0; j < segments; ++j) {
                float a = 6.2831853f * static_cast<float>(j) / static_cast<float>(segments);
                mesh.positions.push_back(at(s) + (n * std::cos(a) + b * std::sin(a)) * rad);
                mesh.uv1.push_back(Vec2(static_cast<float>(p), s));
            }
        }
        auto seg = static_cast<std::uint32_t>(segments);
        for (std::uint32_t r = 0; r + 1 < static_cast<std::uint32_t>(rings); ++r)
            for (std::uint32_t j = 0; j < seg; ++j) {
                std::uint32_t a = base + r * seg + j, b = base + r * seg + (j + 1) % seg;
                std::uint32_t c = a + seg, d = b + seg;
                mesh.indices.insert(mesh.indices.end(), {a, b, d, a, d, c});
            }
        // caps (fans around the end centres)
        std::uint32_t c0 = static_cast<std::uint32_t>(mesh.positions.size());
        mesh.positions.push_back(at(0.0f));
        mesh.uv1.push_back(Vec2(static_cast<float>(p), 0.0f));
        std::uint32_t c1 = c0 + 1;
        mesh.positions.push_back(at(1.0f));
        mesh.uv1.push_back(Vec2(static_cast<float>(p), 1.0f));
        std::uint32_t last = base + static_cast<std::uint32_t>(rings - 1) * seg;
        for (std::uint32_t j = 0; j < seg; ++j) {
            mesh.indices.insert(mesh.indices.end(), {c0, base + (j + 1) % seg, base + j});
            mesh.indices.insert(mesh.indices.end(), {c1, last + j, last + (j + 1) % seg});
        }
    }
    addNode(model, muscle, std::move(mesh));
}

void addDiscMesh(anatomy::Model& model, const std::string& id, const Vec3& lower, const Vec3& upper, float radius)
{
    anatomy::MeshData mesh;
    const int segs = 24;
    for (int r = 0; r < 3; ++r) {
        float t = static_cast<float>(r) / 2.0f;
        for (int j = 0; j < segs; ++j) {
            float a = 6.2831853f * static_cast<float>(j) / segs;
            mesh.positions.push_back(glm::mix(lower, upper, t) + Vec3(std::cos(a), 0.0f, std::sin(a)) * radius);
            mesh.uv1.push_back(Vec2(0.0f, t));
        }
    }
    for (std::uint32_t r = 0; r < 2; ++r)
        for (std::uint32_t j = 0; j < segs; ++j) {
            std::uint32_t a = r * segs + j, b = r * segs + (j + 1) % segs;
            mesh.indices.insert(mesh.indices.end(), {a, b + segs, b, a, a + segs, b + segs});
        }
    addNode(model, id, std::move(mesh));
}

void addDiaphragmMesh(anatomy::Model& model, const Vec3& top, float radius, float height, float crusBottom)
{
    anatomy::MeshData mesh;
    const int rings = 8, segs = 24;
    for (int r = 0; r <= rings; ++r) {
        float f = static_cast<float>(r) / rings; // 0 top, 1 rim
        for (int j = 0; j < segs; ++j) {
            float a = 6.2831853f * static_cast<float>(j) / segs;
            float rr = radius * f;
            mesh.positions.push_back(top + Vec3(rr * std::cos(a), -height * f * f, rr * std::sin(a)));
            mesh.uv1.push_back(Vec2(0.0f, 1.0f - f));
        }
    }
    for (std::uint32_t r = 0; r < rings; ++r)
        for (std::uint32_t j = 0; j < segs; ++j) {
            std::uint32_t a = r * segs + j, b = r * segs + (j + 1) % segs;
            mesh.indices.insert(mesh.indices.end(), {a, b, b + segs, a, b + segs, a + segs});
        }
    // crura: two vertical strips behind the dome, from the dome level down to crusBottom
    for (int side = 0; side < 2; ++side) {
        float x = side == 0 ? -0.015f : 0.015f;
        auto base = static_cast<std::uint32_t>(mesh.positions.size());
        const int n = 10;
        for (int i = 0; i <= n; ++i) {
            float w = 1.0f - static_cast<float>(i) / n; // 1 at the top, 0 at the bottom
            float y = crusBottom + (top.y - height - crusBottom) * w;
            for (int e = 0; e < 2; ++e) {
                mesh.positions.push_back(Vec3(x + (e ? 0.01f : 0.0f), y, top.z - 0.06f));
                mesh.uv1.push_back(Vec2(side == 0 ? 1.0f : 2.0f, w));
            }
        }
        for (std::uint32_t i = 0; i < n; ++i) {
            std::uint32_t a = base + 2 * i;
            mesh.indices.insert(mesh.indices.end(), {a, a + 1, a + 3, a, a + 3, a + 2});
        }
    }
    addNode(model, "diaphragm", std::move(mesh));
}

double meshVolume(const anatomy::MeshData& mesh)
{
    double v = 0.0;
    for (std::size_t i = 0; i + 2 < mesh.indices.size(); i += 3) {
        glm::dvec3 a(mesh.positions[mesh.indices[i]]), b(mesh.positions[mesh.indices[i + 1]]),
            c(mesh.positions[mesh.indices[i + 2]]);
        v += glm::dot(a, glm::cross(b, c)) / 6.0;
    }
    return v;
}

bool allFinite(const anatomy::MeshData& mesh)
{
    for (const auto& p : mesh.positions)
        if (!std::isfinite(p.x) || !std::isfinite(p.y) || !std::isfinite(p.z)) return false;
    for (const auto& n : mesh.normals)
        if (!std::isfinite(n.x) || !std::isfinite(n.y) || !std::isfinite(n.z)) return false;
    return true;
}

} // namespace psoas::solver::test
