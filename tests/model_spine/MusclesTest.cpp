// MODEL-B muscles: every muscle mesh exists, carries a valid path binding on every vertex,
// the psoas major has one sweep per slip, the diaphragm has its three regions.
#include "MeshChecks.h"

#include "muscles/BoneClearance.h"
#include "muscles/Muscles.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>
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
        // The iliacus sheet follows its middle path only (see IliacusSheet.h).
        if (std::string(id).rfind("iliacus", 0) == 0)
            CHECK(used == std::set<int>{1});
        else
            CHECK(used.size() == paths.size());
        // s = 0 lies at the origin and s = 1 at the insertion of that path (sheet muscles
        // fill between their paths, so allow a few centimetres across the sheet).
        for (std::size_t i = 0; i < m.positions.size(); ++i) {
            const glm::vec2 uv = m.uv1[i];
            const auto& pts = paths[std::size_t(uv.x)]->points;
            const glm::dvec3 p(m.positions[i]);
            const double toOrigin = glm::length(p - pts.front().position);
            const double toInsertion = glm::length(p - pts.back().position);
            if (uv.y == 0.0f) {
                CHECK(toOrigin < 0.06);
                CHECK(toOrigin < toInsertion);
            }
            if (uv.y == 1.0f) {
                CHECK(toInsertion < 0.06);
                CHECK(toInsertion < toOrigin);
            }
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

namespace {

// Area (m^2) of the union of a muscle's sweeps cut by a plane: each sweep's section is a
// closed polygon; a grid point is inside when it lies inside any of them (even-odd rule).
double sectionArea(const BuiltPart& m, const glm::dvec3& origin, const glm::dvec3& normal)
{
    const glm::dvec3 n = glm::normalize(normal);
    const glm::dvec3 u = glm::normalize(glm::cross(n, glm::dvec3(0, 0, 1)));
    const glm::dvec3 v = glm::cross(n, u);
    struct Segment { glm::dvec2 a, b; int slip; };
    std::vector<Segment> segs;
    for (std::size_t i = 0; i + 2 < m.indices.size(); i += 3) {
        glm::dvec3 p[3];
        double d[3];
        for (int k = 0; k < 3; ++k) {
            p[k] = glm::dvec3(m.positions[m.indices[i + k]]) - origin;
            d[k] = glm::dot(p[k], n);
        }
        std::vector<glm::dvec2> hits;
        for (int k = 0; k < 3; ++k) {
            const int k2 = (k + 1) % 3;
            if ((d[k] < 0.0) != (d[k2] < 0.0)) {
                const glm::dvec3 q = p[k] + (p[k2] - p[k]) * (d[k] / (d[k] - d[k2]));
                hits.emplace_back(glm::dot(q, u), glm::dot(q, v));
            }
        }
        if (hits.size() == 2)
            segs.push_back({hits[0], hits[1], int(m.uv1[m.indices[i]].x)});
    }
    glm::dvec2 mn(1e9), mx(-1e9);
    for (const Segment& s : segs) {
        mn = glm::min(mn, glm::min(s.a, s.b));
        mx = glm::max(mx, glm::max(s.a, s.b));
    }
    const double h = 0.0005;
    std::size_t inside = 0;
    for (double y = mn.y + 0.5 * h; y < mx.y; y += h)
        for (double x = mn.x + 0.5 * h; x < mx.x; x += h) {
            std::map<int, int> crossings;
            for (const Segment& s : segs)
                if ((s.a.y > y) != (s.b.y > y) && s.a.x + (y - s.a.y) / (s.b.y - s.a.y) * (s.b.x - s.a.x) > x)
                    ++crossings[s.slip];
            for (const auto& [slip, c] : crossings)
                if (c % 2 == 1) {
                    ++inside;
                    break;
                }
        }
    return double(inside) * h * h;
}

} // namespace

TEST_CASE("Psoas major is about 9 cm2 per side at L3", "[model_muscles]")
{
    // Data sheet 4a: total psoas area at L3 about 18.7 cm2 for a 1.78 m man, about 9 per side.
    const VertebraFrame& l3 = rig().frame("l3");
    for (const char* id : {"psoas_major_l", "psoas_major_r"}) {
        const double area = sectionArea(*findPart(muscleParts(), id), l3.center, l3.axes[1]);
        INFO(id << " area at L3 " << area * 1e4 << " cm2");
        CHECK(area > 7.0e-4);
        CHECK(area < 11.0e-4);
    }
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
