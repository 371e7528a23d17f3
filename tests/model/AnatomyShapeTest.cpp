// Anatomical shape checks of the committed model (issue #3 review): the lower ribs articulate
// with modelled vertebrae (T7-T12) and ribs 7-10 reach their costal cartilages while 11 and 12
// end free; the obturator foramen is an open oval of about 50 x 30 mm framed by bone; the
// diaphragm's attachment areas exist for every part (sternal, costal, lumbar).
#include "MeshIndex.h"
#include "TestModel.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <string>
#include <vector>

using namespace psoas;
using psoas::test::loadedModel;

namespace {

double minDistance(const test::WorldMesh& from, const test::TriangleGrid& to)
{
    double best = std::numeric_limits<double>::max();
    for (const glm::dvec3& p : from.positions) best = std::min(best, to.distance(p));
    return best;
}

// Ray parity: is p inside the closed mesh? (Moller-Trumbore against every triangle.)
bool inside(const test::WorldMesh& m, const glm::dvec3& p)
{
    const glm::dvec3 dir = glm::normalize(glm::dvec3(0.1234, 0.9811, 0.1487));
    int hits = 0;
    for (std::size_t t = 0; t + 2 < m.indices.size(); t += 3) {
        const glm::dvec3 a = m.positions[m.indices[t]], b = m.positions[m.indices[t + 1]], c = m.positions[m.indices[t + 2]];
        const glm::dvec3 e1 = b - a, e2 = c - a, h = glm::cross(dir, e2);
        const double det = glm::dot(e1, h);
        if (std::abs(det) < 1e-14) continue;
        const glm::dvec3 s = p - a;
        const double u = glm::dot(s, h) / det;
        if (u < 0.0 || u > 1.0) continue;
        const glm::dvec3 q = glm::cross(s, e1);
        const double v = glm::dot(dir, q) / det;
        if (v < 0.0 || u + v > 1.0) continue;
        if (glm::dot(e2, q) / det > 0.0) ++hits;
    }
    return hits % 2 == 1;
}

} // namespace

TEST_CASE("ribs 7-12 articulate with T7-T12, 7-10 join their cartilages, 11-12 end free", "[model][anatomy]")
{
    const auto& l = loadedModel();
    REQUIRE(l.ok);
    const test::WorldMesh column = test::worldMesh(l.model, "thoracic_t7_t11");
    const test::WorldMesh t12 = test::worldMesh(l.model, "t12");
    REQUIRE(column.triangleCount() > 1000);
    const test::TriangleGrid columnGrid(column), t12Grid(t12);
    for (const char* side : {"_l", "_r"}) {
        const test::WorldMesh cart = test::worldMesh(l.model, std::string("costal_cartilage") + side);
        const test::TriangleGrid cartGrid(cart);
        for (int n = 7; n <= 12; ++n) {
            const std::string id = "rib_" + std::to_string(n) + side;
            INFO(id);
            const test::WorldMesh rib = test::worldMesh(l.model, id);
            REQUIRE(rib.triangleCount() > 0);
            // The head (and for 7-10 the tubercle) touches its vertebra: no floating ribs.
            const double toSpine = minDistance(rib, n == 12 ? t12Grid : columnGrid);
            INFO("rib to vertebra (mm) " << toSpine * 1000.0);
            CHECK(toSpine < 0.002);
            // The rib's anterior end: on the cartilage for 7-10, free for the floating ribs.
            glm::dvec3 tip(0.0, 0.0, -1e9);
            for (const glm::dvec3& p : rib.positions)
                if (p.z > tip.z) tip = p;
            const double toCartilage = cartGrid.distance(tip);
            INFO("anterior end to costal cartilage (mm) " << toCartilage * 1000.0);
            if (n <= 10)
                CHECK(toCartilage < 0.006);
            else
                CHECK(toCartilage > 0.010);
        }
    }
}

TEST_CASE("the thoracic column is a closed bone above T12 with a kyphotic curve", "[model][anatomy]")
{
    const auto& l = loadedModel();
    REQUIRE(l.ok);
    const test::WorldMesh column = test::worldMesh(l.model, "thoracic_t7_t11");
    REQUIRE(column.triangleCount() > 0);
    glm::dvec3 mn(1e9), mx(-1e9);
    for (const glm::dvec3& p : column.positions) {
        mn = glm::min(mn, p);
        mx = glm::max(mx, p);
    }
    const glm::dvec3 t12 = test::nodePosition(l.model, "lm_t12_body");
    // Five levels of about 27 mm stacked on T12, symmetric about the midline.
    CHECK(mx.y - t12.y > 0.12);
    CHECK(mx.y - t12.y < 0.17);
    CHECK(std::abs(mx.x + mn.x) < 0.002);
    // Kyphosis: the top of the column (T7 body) is not in front of T12's body centre.
    glm::dvec3 top(0.0, -1e9, 0.0);
    for (const glm::dvec3& p : column.positions)
        if (std::abs(p.x) < 0.004 && p.y > top.y) top = p;
    CHECK(top.z < t12.z + 0.03);
}

TEST_CASE("the obturator foramen is an open oval of about 50 x 30 mm framed by bone", "[model][anatomy]")
{
    const auto& l = loadedModel();
    REQUIRE(l.ok);
    const test::WorldMesh hip = test::worldMesh(l.model, "hip_bone_r");
    REQUIRE(hip.triangleCount() > 0);
    // The foramen's plane as the builder sculpts it (right side, model frame, metres).
    const glm::dvec3 centre(-0.046, -0.036, 0.022);
    const glm::dvec3 normal = glm::normalize(glm::dvec3(-0.485, -0.424, 0.766));
    glm::dvec3 longAxis = glm::normalize(glm::dvec3(-0.163, -0.815, -0.554));
    longAxis = glm::normalize(longAxis - glm::dot(longAxis, normal) * normal);
    const glm::dvec3 shortAxis = glm::cross(normal, longAxis);
    int open = 0, openTotal = 0, framed = 0, frameTotal = 0;
    for (int i = 0; i < 24; ++i) {
        const double a = 2.0 * 3.14159265358979 * i / 24.0;
        for (double r : {0.0, 0.5, 1.0}) {
            // Inside a 44 x 24 mm oval: open (no bone).
            const glm::dvec3 p = centre + longAxis * (0.022 * r * std::cos(a)) + shortAxis * (0.012 * r * std::sin(a));
            ++openTotal;
            if (!inside(hip, p)) ++open;
        }
        // On a 64 x 42 mm oval: bone all round (superior and inferior rami, ischium, pubis).
        const glm::dvec3 q = centre + longAxis * (0.032 * std::cos(a)) + shortAxis * (0.021 * std::sin(a));
        ++frameTotal;
        if (inside(hip, q)) ++framed;
    }
    CHECK(open == openTotal);
    CHECK(framed >= frameTotal - 2);
}

TEST_CASE("the diaphragm's sternal, costal and lumbar attachments are all marked", "[model][anatomy]")
{
    const auto& l = loadedModel();
    REQUIRE(l.ok);
    for (const char* name : {"diaphragm.origin.xiphoid", "diaphragm.origin.costal_r", "diaphragm.origin.costal_l",
                             "diaphragm.origin.rib_12_r", "diaphragm.origin.rib_12_l", "diaphragm.origin.medial_arcuate_r",
                             "diaphragm.origin.medial_arcuate_l", "diaphragm.origin.lateral_arcuate_r",
                             "diaphragm.origin.lateral_arcuate_l", "diaphragm.crus_r", "diaphragm.crus_l"}) {
        INFO(name);
        CHECK(l.model.findNode(name) >= 0);
        CHECK(l.catalog.find(name) != nullptr);
    }
}

TEST_CASE("the thoracic column, ribs, cartilages and sternum are rig bodies rigid with T12", "[model][anatomy]")
{
    const auto& l = loadedModel();
    REQUIRE(l.ok);
    std::map<std::string, std::string> jointOf;
    for (const auto& b : l.rig["bodies"]) jointOf[b["name"].get<std::string>()] = b["joint"].get<std::string>();
    REQUIRE(jointOf.count("t12"));
    std::vector<std::string> thorax{"thoracic_t7_t11", "sternum", "costal_cartilage_l", "costal_cartilage_r"};
    for (int n = 7; n <= 12; ++n)
        for (const char* side : {"_l", "_r"}) thorax.push_back("rib_" + std::to_string(n) + side);
    for (const std::string& id : thorax) {
        INFO(id);
        REQUIRE(jointOf.count(id));
        CHECK(jointOf[id] == jointOf["t12"]);
        // and the glTF node hangs under that joint, so every pose moves it with T12
        const int node = l.model.findNode(id);
        REQUIRE(node >= 0);
        const int parent = l.model.nodes[std::size_t(node)].parent;
        REQUIRE(parent >= 0);
        CHECK(l.model.nodes[std::size_t(parent)].name == jointOf["t12"]);
    }
}
