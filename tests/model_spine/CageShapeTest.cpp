// MODEL-B shape checks from the issue #3 render review: costal cartilages are smooth curves
// joining the cartilage above (7 the sternum), the lower sternal body is a flat plate, and
// the lumbar vertebrae have a triangular canal and hatchet-shaped spinous processes.
#include "MeshChecks.h"

#include "spine/Spine.h"
#include "spine/ThoracicCage.h"
#include "spine/VertebraShape.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

using namespace psoas::modelbuilder;
using namespace psoas::modelbuilder::test;

namespace {

ThoracicCage cage() { return ThoracicCage(rig(), VertebraShape(vertebraDimensionsFrom(rig(), "t12"))); }

double distanceToPolyline(const glm::dvec3& p, const std::vector<glm::dvec3>& line)
{
    double best = std::numeric_limits<double>::max();
    for (std::size_t i = 0; i + 1 < line.size(); ++i) {
        const glm::dvec3 ab = line[i + 1] - line[i];
        const double t = std::clamp(glm::dot(p - line[i], ab) / std::max(glm::dot(ab, ab), 1e-18), 0.0, 1.0);
        best = std::min(best, glm::length(p - (line[i] + ab * t)));
    }
    return best;
}

// Extent of bone along `dir` through `from` (local frame of `shape`), scanning both ways.
double boneExtent(const VertebraShape& shape, const glm::dvec3& from, const glm::dvec3& dir)
{
    double lo = 0.0, hi = 0.0;
    for (double t = 0.0; t < 0.04 && shape.distance(from + dir * t) < 0.0; t += 0.0002)
        hi = t;
    for (double t = 0.0; t < 0.04 && shape.distance(from - dir * t) < 0.0; t += 0.0002)
        lo = t;
    return lo + hi;
}

} // namespace

TEST_CASE("Costal cartilages are smooth curves joining the cartilage above, the seventh reaches the sternum", "[model_spine]")
{
    const ThoracicCage c = cage();
    for (const bool left : {false, true})
        for (int n = 7; n <= 10; ++n) {
            INFO("cartilage " << n << (left ? " left" : " right"));
            const std::vector<glm::dvec3> line = c.cartilageCurve(n, left);
            REQUIRE(line.size() > 8);
            // Tightest bend radius along the centre line (segment length over turning angle).
            double tightest = 1e9;
            for (std::size_t i = 1; i + 1 < line.size(); ++i) {
                const glm::dvec3 a = line[i] - line[i - 1], b = line[i + 1] - line[i];
                const double angle = std::acos(std::clamp(glm::dot(glm::normalize(a), glm::normalize(b)), -1.0, 1.0));
                if (angle > 1e-9)
                    tightest = std::min(tightest, 0.5 * (glm::length(a) + glm::length(b)) / angle);
            }
            INFO("tightest bend radius (mm) " << tightest * 1000.0);
            // A smooth curve with no steps: the bend radius stays above the cartilage's half
            // height plus a millimetre, so the inside of the bend never folds.
            CHECK(tightest > ThoracicCage::cartilageHalfHeight() + 0.001);
            // It starts at its rib's anterior end and rises towards its junction.
            const std::vector<glm::dvec3> rib = c.ribCurve(n, left);
            CHECK(glm::length(line.front() - rib.back()) < 1e-6);
            CHECK(line.back().y > line.front().y + 0.02);
            if (n == 7) {
                CHECK(std::abs(line.back().x) < 0.016); // at the sternum's edge
            } else {
                const double toAbove = distanceToPolyline(line.back(), c.cartilageCurve(n - 1, left));
                INFO("junction to the cartilage above (mm) " << toAbove * 1000.0);
                CHECK(toAbove < 0.003);
            }
        }
}

TEST_CASE("The lower sternal body is a flat plate with the xiphoid below it", "[model_spine]")
{
    const BuiltPart& st = *findPart(spineParts(), "sternum");
    const VertebraFrame& t12 = rig().frame("t12");
    const ThoracicCage c = cage();
    const double junction = t12.toLocal(c.xiphisternalJunction()).y;
    // Two narrow bands across the body (clear of the costal notches): width and, on the
    // midline, front-to-back thickness (narrow, so the body's backward lean adds little).
    double bodyWidth = 0.0, thickness = 0.0, xiphoidWidth = 0.0, lowest = 1e9;
    for (const double band : {0.014, 0.046}) {
        double front = -1e9, back = 1e9;
        for (const glm::vec3& pw : st.positions) {
            const glm::dvec3 p = t12.toLocal(glm::dvec3(pw));
            if (std::abs(p.y - (junction + band)) > 0.003)
                continue;
            bodyWidth = std::max(bodyWidth, 2.0 * std::abs(p.x));
            if (std::abs(p.x) < 0.006) {
                front = std::max(front, p.z);
                back = std::min(back, p.z);
            }
        }
        thickness = std::max(thickness, front - back);
    }
    for (const glm::vec3& pw : st.positions) {
        const glm::dvec3 p = t12.toLocal(glm::dvec3(pw));
        lowest = std::min(lowest, p.y);
        if (p.y < junction - 0.020 && p.y > junction - 0.035)
            xiphoidWidth = std::max(xiphoidWidth, 2.0 * std::abs(p.x));
    }
    INFO("sternal body width " << bodyWidth * 1000.0 << " mm, thickness " << thickness * 1000.0 << " mm, xiphoid width "
                               << xiphoidWidth * 1000.0 << " mm");
    CHECK(bodyWidth > 0.025);
    CHECK(bodyWidth < 0.032);
    CHECK(thickness > 0.008);
    CHECK(thickness < 0.012);
    CHECK(bodyWidth > 2.5 * thickness); // a plate, not a rod
    CHECK(xiphoidWidth > 0.006);
    CHECK(xiphoidWidth < 0.7 * bodyWidth);
    CHECK(lowest < junction - 0.035); // the xiphoid hangs well below the junction
}

TEST_CASE("Lumbar vertebrae have a triangular canal and hatchet-shaped spinous processes", "[model_spine]")
{
    for (const char* id : {"l1", "l2", "l3", "l4", "l5"}) {
        INFO(id);
        const VertebraDimensions d = vertebraDimensionsFrom(rig(), id);
        const VertebraShape shape(d);
        const double b = 0.5 * d.bodyDepth;
        // Canal half widths near its base (behind the body) and near its apex (the laminae).
        auto halfWidth = [&](double z) {
            double x = 0.0;
            while (x < 0.03 && shape.distance({x, 0.0, z}) > 0.0)
                x += 0.0002;
            return x;
        };
        const double front = halfWidth(-b - 0.25 * d.canalDepth), back = halfWidth(-b - 0.80 * d.canalDepth);
        INFO("canal half width (mm) front " << front * 1000.0 << " back " << back * 1000.0);
        CHECK(front > 0.4 * d.canalWidth);
        CHECK(back < 0.6 * front);
        CHECK(back > 0.001); // still open at the back
        // Spinous process: taller at its free end than at its root, thin side to side.
        const double root = -b - d.canalDepth - 0.007, tip = -b - d.canalDepth - d.spinousLength + 0.001;
        const double y0 = -0.25 * 0.5 * d.posteriorHeight;
        const double rootHeight = boneExtent(shape, {0.0, y0, root}, {0, 1, 0});
        const double tipHeight = boneExtent(shape, {0.0, y0, tip}, {0, 1, 0});
        const double midWidth = boneExtent(shape, {0.0, y0, 0.5 * (root + tip)}, {1, 0, 0});
        INFO("spinous height (mm) root " << rootHeight * 1000.0 << " tip " << tipHeight * 1000.0 << ", thickness "
                                         << midWidth * 1000.0);
        // The mean L3 of Clouthier et al. 2023 is about 1.1-1.15 times as tall 3 mm from its end as
        // 7 mm behind the arch (its free end rounds off rather than ending in a tall square edge).
        CHECK(tipHeight > 1.10 * rootHeight);
        CHECK(tipHeight > 0.8 * d.spinousHeight);
        CHECK(midWidth < 0.35 * tipHeight);
    }
}
