// The right hip bone seen from the side (lateral view, the y-z plane of the model frame):
// a deep greater sciatic notch in the posterior border between the posterior inferior iliac
// spine and a pointed ischial spine, the shallower lesser sciatic notch below the spine, and
// the notch between the anterior superior and anterior inferior iliac spines. All measured on
// the outline of the generated mesh; the search windows are set from the hip centre and the
// ASIS/PSIS landmarks, not from the builder's constants.
#include "MeshIndex.h"
#include "TestModel.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

using namespace psoas;
using psoas::test::loadedModel;

namespace {

constexpr double kBin = 0.002; // metres of height (or depth) per outline sample

// The outline of the mesh seen from the side: for each 2 mm band of height, the point
// furthest back (posterior = true, lowest z) or furthest forward (highest z), as (y, z).
std::map<int, glm::dvec2> sideOutline(const test::WorldMesh& m, bool posterior)
{
    std::map<int, glm::dvec2> out;
    for (const glm::dvec3& p : m.positions) {
        const int k = int(std::floor(p.y / kBin));
        auto it = out.find(k);
        if (it == out.end() || (posterior ? p.z < it->second.y : p.z > it->second.y)) out[k] = {p.y, p.z};
    }
    return out;
}

// Outline point furthest back (or forward) between heights y0 and y1.
glm::dvec2 extreme(const std::map<int, glm::dvec2>& outline, double y0, double y1, bool posterior)
{
    glm::dvec2 best(0.0, posterior ? 1e9 : -1e9);
    for (const auto& [k, p] : outline)
        if (p.x >= y0 && p.x <= y1 && (posterior ? p.y < best.y : p.y > best.y)) best = p;
    return best;
}

// Deepest point of the outline between a and b (heights), measured from the chord a-b
// towards `inward` (+1: anterior of a posterior chord, -1: posterior of an anterior chord).
double notchDepth(const std::map<int, glm::dvec2>& outline, glm::dvec2 a, glm::dvec2 b, double inward)
{
    const glm::dvec2 t = glm::normalize(b - a);
    glm::dvec2 n(-t.y, t.x); // perpendicular in (y, z)
    if (n.y * inward < 0.0) n = -n;
    double depth = -1e9;
    for (const auto& [k, p] : outline)
        if (p.x > std::min(a.x, b.x) && p.x < std::max(a.x, b.x)) depth = std::max(depth, glm::dot(p - a, n));
    return depth;
}

} // namespace

TEST_CASE("hip bone, lateral view: deep greater sciatic notch above a pointed ischial spine", "[model][anatomy]")
{
    const auto& l = loadedModel();
    REQUIRE(l.ok);
    const test::WorldMesh hip = test::worldMesh(l.model, "hip_bone_r");
    REQUIRE(hip.triangleCount() > 0);
    const glm::dvec3 h = test::nodePosition(l.model, "lm_hip_center_r");
    const glm::dvec3 psis = test::nodePosition(l.model, "lm_psis_r");
    const auto back = sideOutline(hip, true);

    // Posterior inferior iliac spine: the back of the posterior border below the PSIS.
    const glm::dvec2 piis = extreme(back, h.y + 0.045, psis.y - 0.020, true);
    // Ischial spine: furthest back 10-40 mm below the hip centre, and a point: the border
    // 10-16 mm above and below it lies at least 6 mm further forward.
    const glm::dvec2 spine = extreme(back, h.y - 0.040, h.y - 0.010, true);
    const glm::dvec2 above = extreme(back, spine.x + 0.010, spine.x + 0.016, true);
    const glm::dvec2 below = extreme(back, spine.x - 0.016, spine.x - 0.010, true);
    INFO("PIIS (y, z) mm " << piis.x * 1e3 << ", " << piis.y * 1e3 << "; ischial spine " << spine.x * 1e3 << ", "
                           << spine.y * 1e3 << "; border 10-16 mm above / below it at z " << above.y * 1e3 << " / "
                           << below.y * 1e3);
    CHECK(above.y - spine.y > 0.006);
    CHECK(below.y - spine.y > 0.006);
    // The spine lies behind the acetabulum, below the hip centre.
    CHECK(spine.y < h.y - 0.012);
    CHECK(h.z - spine.y > 0.045);

    // Greater sciatic notch: the border between PIIS and spine reaches far forward of the
    // line joining them (adult notch depth about 25-40 mm).
    const double greater = notchDepth(back, piis, spine, +1.0);
    // Lesser sciatic notch: shallower, between the spine and the ischial tuberosity.
    const glm::dvec2 tuber = extreme(back, h.y - 0.085, h.y - 0.050, true);
    const double lesser = notchDepth(back, spine, tuber, +1.0);
    INFO("greater sciatic notch depth " << greater * 1e3 << " mm, lesser " << lesser * 1e3 << " mm");
    CHECK(greater > 0.028);
    CHECK(greater < 0.045);
    CHECK(lesser > 0.005);
    CHECK(lesser < greater - 0.010);
}

TEST_CASE("hip bone, lateral view: a notch in the anterior border between ASIS and AIIS", "[model][anatomy]")
{
    const auto& l = loadedModel();
    REQUIRE(l.ok);
    const test::WorldMesh hip = test::worldMesh(l.model, "hip_bone_r");
    REQUIRE(hip.triangleCount() > 0);
    const glm::dvec3 h = test::nodePosition(l.model, "lm_hip_center_r");
    const glm::dvec3 asis = test::nodePosition(l.model, "lm_asis_r");
    const auto front = sideOutline(hip, false);
    // ASIS: the front of the outline at its height; AIIS: the front 20-50 mm above the hip centre.
    const glm::dvec2 asisTip = extreme(front, asis.y - 0.010, asis.y + 0.010, false);
    const glm::dvec2 aiisTip = extreme(front, h.y + 0.020, h.y + 0.050, false);
    const double notch = notchDepth(front, asisTip, aiisTip, -1.0);
    INFO("ASIS (y, z) mm " << asisTip.x * 1e3 << ", " << asisTip.y * 1e3 << "; AIIS " << aiisTip.x * 1e3 << ", "
                           << aiisTip.y * 1e3 << "; notch between them " << notch * 1e3 << " mm deep");
    CHECK(asisTip.x - aiisTip.x > 0.020);
    CHECK(notch > 0.006);
    CHECK(notch < 0.020);
}
