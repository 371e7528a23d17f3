// MODEL-B muscles: every muscle mesh exists, carries a valid path binding on every vertex,
// the psoas major has one sweep per slip, the diaphragm has its three regions.
#include "MeshChecks.h"

#include "muscles/BoneClearance.h"
#include "muscles/Muscles.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <set>
#include <string>

using namespace psoas::modelbuilder;
using namespace psoas::modelbuilder::test;

namespace {

const char* kMuscles[] = {"psoas_major_l", "psoas_major_r", "psoas_minor_l",        "psoas_minor_r",
                          "iliacus_l",     "iliacus_r",     "quadratus_lumborum_l", "quadratus_lumborum_r",
                          "gluteus_maximus_l", "gluteus_maximus_r", "rectus_femoris_l", "rectus_femoris_r"};

} // namespace

TEST_CASE("Every muscle of the model is built", "[model_muscles]")
{
    const auto& parts = muscleParts();
    for (const char* id : kMuscles)
        CHECK(findPart(parts, id) != nullptr);
    CHECK(findPart(parts, "diaphragm") != nullptr);
    for (const BuiltPart& p : parts)
        CHECK(p.parentJoint.empty());
}

TEST_CASE("Every muscle vertex is bound to one of its paths at s in [0,1]", "[model_muscles]")
{
    const auto& parts = muscleParts();
    for (const char* id : kMuscles) {
        INFO(id);
        const BuiltPart& m = *findPart(parts, id);
        const auto paths = rig().pathsOf(id);
        REQUIRE(m.uv1.size() == m.positions.size());
        REQUIRE(m.normals.size() == m.positions.size());
        std::set<int> used;
        bool valid = true;
        for (const glm::vec2& uv : m.uv1) {
            valid = valid && uv.x == std::floor(uv.x) && uv.x >= 0.0f && uv.x < float(paths.size()) &&
                    uv.y >= 0.0f && uv.y <= 1.0f;
            used.insert(int(uv.x));
        }
        CHECK(valid);
        CHECK(used.size() == paths.size());
        // s = 0 lies near the origin and s = 1 near the insertion of that path.
        for (std::size_t i = 0; i < m.positions.size(); ++i) {
            const glm::vec2 uv = m.uv1[i];
            const auto& pts = paths[std::size_t(uv.x)]->points;
            if (uv.y == 0.0f)
                CHECK(glm::length(glm::dvec3(m.positions[i]) - pts.front().position) < 0.03);
            if (uv.y == 1.0f)
                CHECK(glm::length(glm::dvec3(m.positions[i]) - pts.back().position) < 0.03);
        }
    }
}

TEST_CASE("Psoas major has ten slips: T12-L4 bodies and L1-L5 transverse processes", "[model_muscles]")
{
    for (const char* id : {"psoas_major_l", "psoas_major_r"}) {
        INFO(id);
        const auto paths = rig().pathsOf(id);
        REQUIRE(paths.size() == 10);
        std::set<std::string> names;
        for (const MusclePath* p : paths)
            names.insert(p->name);
        CHECK(names == std::set<std::string>{"t12", "l1", "l2", "l3", "l4", "tp_l1", "tp_l2", "tp_l3", "tp_l4", "tp_l5"});
        std::set<float> slips;
        for (const glm::vec2& uv : findPart(muscleParts(), id)->uv1)
            slips.insert(uv.x);
        CHECK(slips.size() == 10);
    }
    // Left and right are mirror images.
    CHECK(findPart(muscleParts(), "psoas_major_l")->positions.size() ==
          findPart(muscleParts(), "psoas_major_r")->positions.size());
}

TEST_CASE("Psoas major stays off the lumbar vertebrae in neutral", "[model_muscles]")
{
    const BoneClearance bones(rig());
    for (const char* id : {"psoas_major_l", "psoas_major_r", "psoas_minor_r"}) {
        INFO(id);
        const BuiltPart& m = *findPart(muscleParts(), id);
        std::size_t deep = 0, counted = 0;
        for (std::size_t i = 0; i < m.positions.size(); ++i) {
            if (m.uv1[i].y < 0.1f) // the origins attach to the bone
                continue;
            ++counted;
            if (bones.vertebraDistance(glm::dvec3(m.positions[i])) < -0.002)
                ++deep;
        }
        CHECK(double(deep) < 0.01 * double(counted));
    }
}

TEST_CASE("Diaphragm has the dome and both crura with their binding", "[model_muscles]")
{
    const BuiltPart& d = *findPart(muscleParts(), "diaphragm");
    REQUIRE(d.uv1.size() == d.positions.size());
    std::set<int> regions;
    double rightTop = -1e9, leftTop = -1e9, rightCrusLow = 1e9, leftCrusLow = 1e9;
    for (std::size_t i = 0; i < d.positions.size(); ++i) {
        const glm::vec2 uv = d.uv1[i];
        REQUIRE((uv.x == 0.0f || uv.x == 1.0f || uv.x == 2.0f));
        REQUIRE(uv.y >= 0.0f);
        REQUIRE(uv.y <= 1.0f);
        regions.insert(int(uv.x));
        const glm::vec3 p = d.positions[i];
        if (uv.x == 0.0f)
            (p.x < 0.0f ? rightTop : leftTop) = std::max(p.x < 0.0f ? rightTop : leftTop, double(p.y));
        if (uv.x == 1.0f)
            rightCrusLow = std::min(rightCrusLow, double(p.y));
        if (uv.x == 2.0f)
            leftCrusLow = std::min(leftCrusLow, double(p.y));
    }
    CHECK(regions == std::set<int>{0, 1, 2});
    // Right cupola higher than the left.
    CHECK(rightTop > leftTop + 0.004);
    // Right crus reaches L3, left crus only L2.
    const double l3 = rig().frame("l3").center.y, l2 = rig().frame("l2").center.y;
    CHECK(rightCrusLow < l3 + 0.012);
    CHECK(leftCrusLow < l2 + 0.012);
    CHECK(leftCrusLow > l3 + 0.005);
    // The dome rises well above T12 and w reaches 1 at its top.
    CHECK(std::max(rightTop, leftTop) > rig().frame("t12").center.y + 0.07);
    float wMax = 0.0f;
    for (const glm::vec2& uv : d.uv1)
        wMax = std::max(wMax, uv.y);
    CHECK(wMax == Approx(1.0f));
}
