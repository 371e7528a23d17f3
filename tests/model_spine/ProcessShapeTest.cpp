// MODEL-B shape checks of the lumbar processes (issue #3, bones): transverse processes are flat
// bars (taller than thick, L3 longest, L5 a thick cone), superior articular processes are
// curved plates with a concave facet looking back and in, and the inferior articular processes
// of each vertebra sit inside the superior ones of the vertebra below without overlapping.
#include "MeshChecks.h"

#include "spine/Spine.h"
#include "spine/VertebraShape.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

using namespace psoas::modelbuilder;
using namespace psoas::modelbuilder::test;

namespace {

struct Section {
    double height = 0.0; // vertical extent (m)
    double depth = 0.0;  // anteroposterior extent (m)
};

// Cross-section of a transverse process at fraction `f` of its length beyond the pedicle: the
// extent of bone in the sculpted shape on a 0.25 mm grid in the vertebra's frame, between the
// body and the back of the canal (clear of the articular and mammillary processes).
Section transverseSection(const std::string& id, double f)
{
    const VertebraDimensions d = vertebraDimensionsFrom(rig(), id);
    const VertebraShape shape = vertebraShapeFrom(rig(), id);
    const double x = 0.5 * d.canalWidth + d.pedicleWidth + f * d.transverseLength;
    const double b = 0.5 * d.bodyDepth;
    double yMin = 1e9, yMax = -1e9, zMin = 1e9, zMax = -1e9;
    for (double y = -0.015; y <= 0.015; y += 0.00025)
        for (double z = -b - d.canalDepth; z <= -b; z += 0.00025)
            if (shape.distance({x, y, z}) < 0.0) {
                yMin = std::min(yMin, y);
                yMax = std::max(yMax, y);
                zMin = std::min(zMin, z);
                zMax = std::max(zMax, z);
            }
    return {yMax - yMin, zMax - zMin};
}

// How far the transverse processes reach beyond the lateral border of the pedicle (m).
double transverseReach(const std::string& id)
{
    const VertebraDimensions d = vertebraDimensionsFrom(rig(), id);
    const VertebraFrame& frame = rig().frame(id);
    double reach = 0.0;
    for (const glm::vec3& pw : findPart(spineParts(), id)->positions)
        reach = std::max(reach, std::abs(frame.toLocal(glm::dvec3(pw)).x));
    return reach - (0.5 * d.canalWidth + d.pedicleWidth);
}

// Angle (rad, from the sagittal plane) of a transverse-plane normal pointing medially and back.
double facetAngle(const glm::dvec3& n) { return std::atan2(-n.z, -n.x); }

} // namespace

TEST_CASE("Lumbar transverse processes are flat bars: taller than they are thick", "[model_spine]")
{
    for (const char* id : {"l1", "l2", "l3", "l4"}) {
        INFO(id);
        const Section s = transverseSection(id, 0.6);
        INFO("section at 60% of the length: height " << s.height * 1000.0 << " mm, depth " << s.depth * 1000.0 << " mm");
        CHECK(s.height > 0.005);
        CHECK(s.height < 0.0095);
        CHECK(s.height > 1.5 * s.depth); // flattened front to back, not a round rod
        // The root is broader than the shaft.
        const Section root = transverseSection(id, 0.15);
        INFO("root height " << root.height * 1000.0 << " mm, depth " << root.depth * 1000.0 << " mm");
        CHECK(root.height > 1.25 * s.height);
    }
}

TEST_CASE("L3 has the longest transverse processes, L5's are thick cones", "[model_spine]")
{
    const double l2 = transverseReach("l2"), l3 = transverseReach("l3"), l4 = transverseReach("l4");
    INFO("reach beyond the pedicle (mm): L2 " << l2 * 1000.0 << ", L3 " << l3 * 1000.0 << ", L4 " << l4 * 1000.0);
    CHECK(l3 > l2 + 0.002);
    CHECK(l3 > l4 + 0.002);
    CHECK(l3 > 0.015);
    // Real lumbar transverse processes span about 90-95 mm tip to tip (the mean L3 of Clouthier
    // et al. 2023: 92.8 mm). Each tip is half the span from the midline, and the reach is counted
    // from the pedicle's lateral border, canalWidth / 2 + pedicleWidth from the midline (L3:
    // 12 + 10.3 = 22.3 mm), so a 90-95 mm span is a reach of 45-47.5 mm minus that (22.7-25.2 mm
    // at L3); 1 mm either side for the meshing and the vertebra's tilt in the model frame.
    const VertebraDimensions d3 = vertebraDimensionsFrom(rig(), "l3");
    const double pedicleBorder = 0.5 * d3.canalWidth + d3.pedicleWidth;
    INFO("L3 tip-to-tip span about " << 2.0 * (l3 + pedicleBorder) * 1000.0 << " mm");
    CHECK(l3 > 0.045 - pedicleBorder - 0.001);
    CHECK(l3 < 0.0475 - pedicleBorder + 0.001);
    // L5: thicker than L4 at the root and along the process, tapering to the tip.
    const Section l5Root = transverseSection("l5", 0.25), l5Tip = transverseSection("l5", 0.8);
    const Section l4Root = transverseSection("l4", 0.25);
    INFO("L5 root " << l5Root.height * 1000.0 << " x " << l5Root.depth * 1000.0 << " mm, tip " << l5Tip.height * 1000.0
                    << " x " << l5Tip.depth * 1000.0 << " mm; L4 root " << l4Root.height * 1000.0 << " x "
                    << l4Root.depth * 1000.0 << " mm");
    CHECK(l5Root.depth > 1.5 * l4Root.depth);
    CHECK(l5Root.height * l5Root.depth > 1.5 * l4Root.height * l4Root.depth);
    CHECK(l5Tip.height * l5Tip.depth < 0.7 * l5Root.height * l5Root.depth);
}

TEST_CASE("Superior articular facets are concave and look back and in at the facet angle", "[model_spine]")
{
    for (const char* id : {"l1", "l2", "l3", "l4", "l5"}) {
        INFO(id);
        const VertebraDimensions d = vertebraDimensionsFrom(rig(), id);
        const VertebraShape shape = vertebraShapeFrom(rig(), id);
        const double hh = 0.5 * d.posteriorHeight;
        const VertebraShape::FacetArc arc = VertebraShape::superiorFacetArc(d);
        // Walk along the facet in a horizontal section above the body: from each point on the
        // arc step out of the concave side until the bone's surface, and take its normal.
        const double y = hh + 0.004;
        std::vector<double> angles;
        for (double a = arc.midAngle - 0.7 * arc.halfAngle; a <= arc.midAngle + 0.7 * arc.halfAngle; a += 0.1) {
            const glm::dvec3 dir(std::cos(a), 0.0, std::sin(a));
            const glm::dvec3 inside = glm::dvec3(arc.centre.x, y, arc.centre.y) + dir * (arc.radius + 0.002);
            REQUIRE(shape.distance(inside) < 0.0); // the plate is there
            glm::dvec3 p = inside;
            while (shape.distance(p) < 0.0)
                p -= dir * 0.0001;
            const double h = 1e-5;
            const glm::dvec3 n = glm::normalize(glm::dvec3(shape.distance(p + glm::dvec3(h, 0, 0)) - shape.distance(p - glm::dvec3(h, 0, 0)), 0.0,
                                                           shape.distance(p + glm::dvec3(0, 0, h)) - shape.distance(p - glm::dvec3(0, 0, h))));
            angles.push_back(facetAngle(n));
        }
        REQUIRE(angles.size() >= 5);
        double mean = 0.0;
        for (double a : angles)
            mean += a;
        mean /= double(angles.size());
        INFO("facet normal angles (deg) from the posterior end " << glm::degrees(angles.front()) << " to the anterior end "
                                                                << glm::degrees(angles.back()) << ", mean " << glm::degrees(mean));
        // Looks medially and back, at the data sheet's facet angle on average.
        CHECK(std::abs(glm::degrees(mean) - d.facetAngleDeg) < 8.0);
        // Concave: the normal turns from medial (posterior part) towards posterior (anterior part).
        CHECK(angles.back() - angles.front() > glm::radians(25.0));
        for (std::size_t i = 1; i < angles.size(); ++i)
            CHECK(angles[i] > angles[i - 1]);
    }
}

TEST_CASE("Inferior articular processes sit in the superior processes below without overlapping", "[model_spine]")
{
    const std::pair<const char*, const char*> pairs[] = {{"t12", "l1"}, {"l1", "l2"}, {"l2", "l3"}, {"l3", "l4"}, {"l4", "l5"}};
    for (const auto& [upperId, lowerId] : pairs) {
        INFO(upperId << " on " << lowerId);
        const VertebraShape lower = vertebraShapeFrom(rig(), lowerId);
        const VertebraFrame& lowerFrame = rig().frame(lowerId);
        const VertebraDimensions ld = lower.dimensions();
        const VertebraShape::FacetArc arc = VertebraShape::superiorFacetArc(ld);
        // Vertices of the upper vertebra near the lower one's facets (both sides).
        double nearest = 1e9, deepest = 0.0;
        glm::dvec3 deepestAt(0.0);
        int near = 0;
        for (const glm::vec3& pw : findPart(spineParts(), upperId)->positions) {
            glm::dvec3 p = lowerFrame.toLocal(glm::dvec3(pw));
            p.x = std::abs(p.x);
            const double r = glm::length(glm::dvec2(p.x - arc.centre.x, p.z - arc.centre.y));
            if (p.y < 0.0 || r > arc.radius + 0.008)
                continue;
            const double dist = lower.distance(p);
            nearest = std::min(nearest, dist);
            if (dist < deepest) {
                deepest = dist;
                deepestAt = p;
            }
            if (dist < 0.003)
                ++near;
        }
        INFO("closest approach " << nearest * 1000.0 << " mm, deepest overlap " << -deepest * 1000.0 << " mm, " << near
                                 << " vertices within 3 mm; deepest at (mm, lower frame) " << deepestAt.x * 1000.0 << ", "
                                 << deepestAt.y * 1000.0 << ", " << deepestAt.z * 1000.0);
        CHECK(nearest < 0.0025);  // the processes meet at the joint
        CHECK(deepest > -0.0008); // and do not pass through each other (meshing tolerance)
        CHECK(near > 20);         // over an area, not a point
    }
}
