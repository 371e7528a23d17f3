// The committed lumbopelvic model: it loads through the app's loader, names every catalogued
// structure and landmark, stays within the triangle budget, has closed bones, mirrors left to
// right, and its attachment areas sit on their bones.
#include "MeshIndex.h"
#include "TestModel.h"

#include <catch2/catch.hpp>

#include <map>
#include <set>

using namespace psoas;
using psoas::test::loadedModel;

TEST_CASE("the model, catalog and rig load through the project's loaders", "[model]")
{
    const auto& l = loadedModel();
    INFO(l.error);
    REQUIRE(l.ok);
    CHECK(l.model.nodes.size() > 100);
    CHECK(l.catalog.structures().size() > 90);
}

TEST_CASE("every catalog structure and every rig landmark is a node of the model", "[model]")
{
    const auto& l = loadedModel();
    REQUIRE(l.ok);
    for (const auto& s : l.catalog.structures()) {
        INFO("catalog id " << s.id);
        CHECK(l.model.findNode(s.id) >= 0);
    }
    for (const auto& lm : l.rig["landmarks"]) {
        const std::string name = lm["name"].get<std::string>();
        INFO("landmark " << name);
        REQUIRE(l.model.findNode(name) >= 0);
        // the node sits where rig.json says (the solver reads rig.json, the viewer the node)
        CHECK(glm::length(test::nodePosition(l.model, name) - test::jsonVec(lm["position"])) < 1e-4);
    }
    for (const char* joint : {"pelvis", "j_l5_s1", "j_l4_l5", "j_l3_l4", "j_l2_l3", "j_l1_l2", "j_t12_l1", "j_hip_l", "j_hip_r"})
        CHECK(l.model.findNode(joint) >= 0);
}

TEST_CASE("catalog: every bone, disc and muscle has a mesh, psoas minor is optional", "[model]")
{
    const auto& l = loadedModel();
    REQUIRE(l.ok);
    for (const auto& s : l.catalog.structures()) {
        if (s.kind == anatomy::StructureKind::Landmark || s.kind == anatomy::StructureKind::Attachment) continue;
        INFO("structure " << s.id);
        CHECK(test::worldMesh(l.model, s.id).triangleCount() > 50);
    }
    REQUIRE(l.catalog.find("psoas_minor_r"));
    CHECK(l.catalog.find("psoas_minor_r")->optional);
    CHECK(l.catalog.find("psoas_minor_l")->optional);
    CHECK_FALSE(l.catalog.find("psoas_major_r")->optional);
}

TEST_CASE("the whole model stays within the triangle budget (at most 300k)", "[model]")
{
    const auto& l = loadedModel();
    REQUIRE(l.ok);
    const std::size_t triangles = l.model.triangleCount();
    INFO("triangles " << triangles);
    CHECK(triangles <= 300000);
    CHECK(triangles >= 50000);
}

TEST_CASE("bones are closed, consistently oriented manifolds facing outwards", "[model]")
{
    const auto& l = loadedModel();
    REQUIRE(l.ok);
    for (const auto& s : l.catalog.structures()) {
        if (s.kind != anatomy::StructureKind::Bone) continue;
        const test::WorldMesh m = test::worldMesh(l.model, s.id);
        INFO("bone " << s.id);
        REQUIRE(m.triangleCount() > 0);
        std::map<std::pair<std::uint32_t, std::uint32_t>, int> directed;
        for (std::size_t t = 0; t + 2 < m.indices.size(); t += 3)
            for (int k = 0; k < 3; ++k) directed[{m.indices[t + std::size_t(k)], m.indices[t + std::size_t((k + 1) % 3)]}]++;
        std::size_t open = 0, nonManifold = 0;
        for (const auto& [e, n] : directed) {
            auto back = directed.find({e.second, e.first});
            if (n != 1) ++nonManifold;
            if (back == directed.end()) ++open;
            else if (back->second != 1) ++nonManifold;
        }
        CHECK(open == 0);
        CHECK(nonManifold == 0);
        double volume = 0.0;
        for (std::size_t t = 0; t + 2 < m.indices.size(); t += 3)
            volume += glm::dot(m.positions[m.indices[t]], glm::cross(m.positions[m.indices[t + 1]], m.positions[m.indices[t + 2]])) / 6.0;
        CHECK(volume > 0.0);
    }
}

TEST_CASE("left and right structures mirror each other within 1 mm", "[model]")
{
    const auto& l = loadedModel();
    REQUIRE(l.ok);
    for (const auto& s : l.catalog.structures()) {
        if (s.side != "right" || s.kind == anatomy::StructureKind::Landmark || s.kind == anatomy::StructureKind::Attachment)
            continue;
        std::string left = s.id;
        left[left.size() - 1] = 'l';
        const test::WorldMesh r = test::worldMesh(l.model, s.id);
        const test::WorldMesh lm = test::worldMesh(l.model, left);
        INFO(s.id << " vs " << left);
        REQUIRE(r.triangleCount() > 0);
        REQUIRE(lm.triangleCount() > 0);
        const test::TriangleGrid grid(r);
        double worst = 0.0;
        for (std::size_t i = 0; i < lm.positions.size(); i += 7) {
            const glm::dvec3 p = lm.positions[i];
            worst = std::max(worst, grid.distance(glm::dvec3(-p.x, p.y, p.z)));
        }
        INFO("worst mirror distance (mm) " << worst * 1000.0);
        CHECK(worst <= 0.001);
    }
    for (const auto& lm : l.rig["landmarks"]) {
        const std::string name = lm["name"].get<std::string>();
        std::string other = name;
        const auto pos = other.find("_l");
        if (pos == std::string::npos || (pos + 2 != other.size() && other[pos + 2] != '.') || name.rfind("diaphragm", 0) == 0)
            continue;
        other[pos + 1] = 'r';
        const glm::dvec3 a = test::nodePosition(l.model, name), b = test::nodePosition(l.model, other);
        INFO(name << " vs " << other);
        CHECK(glm::length(glm::dvec3(-a.x, a.y, a.z) - b) < 0.001);
    }
}

TEST_CASE("every attachment area lies within 3 mm of its bone's surface", "[model]")
{
    const auto& l = loadedModel();
    REQUIRE(l.ok);
    std::map<std::string, test::WorldMesh> meshes;
    for (const auto& lm : l.rig["landmarks"]) {
        if (!lm.contains("radius")) continue;
        const std::string name = lm["name"].get<std::string>();
        const std::string body = lm["body"].get<std::string>();
        if (!meshes.count(body)) meshes[body] = test::worldMesh(l.model, body);
        const auto& mesh = meshes[body];
        INFO(name << " on " << body);
        REQUIRE(mesh.triangleCount() > 0);
        const test::TriangleGrid grid(mesh);
        const double d = grid.distance(test::nodePosition(l.model, name));
        INFO("distance (mm) " << d * 1000.0);
        CHECK(d <= 0.003);
        CHECK(lm["radius"].get<double>() > 0.0);
    }
}

TEST_CASE("muscles carry their path binding in TEXCOORD_1", "[model]")
{
    const auto& l = loadedModel();
    REQUIRE(l.ok);
    for (const auto& m : l.rig["muscles"]) {
        const std::string id = m["id"].get<std::string>();
        const test::WorldMesh mesh = test::worldMesh(l.model, id);
        INFO("muscle " << id);
        REQUIRE(mesh.triangleCount() > 0);
        REQUIRE_FALSE(mesh.uv1.empty());
        const float paths = float(m["paths"].size());
        bool ok = true;
        for (const auto& uv : mesh.uv1) ok = ok && uv.x >= 0.0f && uv.x < paths && uv.y >= -1e-4f && uv.y <= 1.0001f;
        CHECK(ok);
    }
}
