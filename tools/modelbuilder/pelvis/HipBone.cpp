#include "pelvis/HipBone.h"

#include "core/Sdf.h"
#include "core/SurfacePatch.h"
#include "core/Sweep.h"

#include <cmath>
#include <memory>

namespace psoas::modelbuilder {

namespace {
constexpr double kDeg = 3.14159265358979323846 / 180.0;
glm::dvec3 mm(double x, double y, double z) { return glm::dvec3(x, y, z) * 0.001; }
} // namespace

glm::dvec3 acetabularAxisRight()
{
    // Radiographic inclination ~40 deg (axis 40 deg from straight down), anteversion ~18 deg.
    const double incl = 40.0 * kDeg, av = 18.0 * kDeg;
    return glm::normalize(glm::dvec3(-std::sin(incl) * std::cos(av), -std::cos(incl), std::sin(incl) * std::sin(av)));
}

BuiltPart buildHipBoneRight(const RigData& rig, double voxel, std::size_t targetTriangles)
{
    const glm::dvec3 H = rig.hipCenter(false);
    const glm::dvec3 asis = rig.landmark("lm_asis_r");
    const glm::dvec3 psis = rig.landmark("lm_psis_r");
    const glm::dvec3 ipe = rig.landmark("lm_iliopubic_eminence_r");
    const glm::dvec3 sym = rig.landmark("lm_pubic_symphysis");
    const glm::dvec3 o = acetabularAxisRight();
    const double socketR = rig.pelvis.acetabulumRadius;

    // Iliac crest from the ASIS round to the PSIS, and the thick base of the wing from the AIIS
    // along the arcuate line to the auricular region; the wing is the sheet between them.
    const std::vector<glm::dvec3> crestKeys{asis,
                                            mm(-133, 100, 40) + glm::dvec3(0.0),
                                            mm(-139, 120, 16),
                                            mm(-135, 137, -8),
                                            mm(-122, 147, -36),
                                            mm(-100, 143, -66),
                                            mm(-74, 128, -90),
                                            psis};
    const std::vector<glm::dvec3> baseKeys{mm(-99, 37, 36), mm(-97, 44, 22), mm(-93, 50, 6),  mm(-87, 54, -12),
                                           mm(-78, 58, -32), mm(-66, 64, -52), mm(-53, 72, -72), mm(-45, 78, -94)};
    const std::vector<glm::dvec3> crest = smoothPolyline(crestKeys, 5);
    const std::vector<glm::dvec3> base = smoothPolyline(baseKeys, 5);
    const int cols = int(crest.size());
    const int rows = 22;
    std::vector<glm::dvec3> sheet;
    for (int r = 0; r < rows; ++r) {
        const double v = double(r) / (rows - 1);
        for (int c = 0; c < cols; ++c) {
            const double u = double(c) / (cols - 1);
            // bow the middle of the wing outwards (gluteal surface convex, iliac fossa concave)
            const double bow = 0.013 * std::sin(3.14159 * v) * std::sin(3.14159 * std::min(1.0, u * 1.15));
            sheet.push_back(crest[std::size_t(c)] * (1.0 - v) + base[std::size_t(c)] * v + glm::dvec3(-bow, 0.0, -0.35 * bow));
        }
    }
    auto wing = std::make_shared<SurfacePatch>(sheet, rows, cols, 0.008);
    std::vector<double> crestR(crest.size()), baseR(base.size());
    for (std::size_t i = 0; i < crest.size(); ++i) {
        const double u = double(i) / double(crest.size() - 1);
        crestR[i] = 0.0045 + 0.0025 * std::sin(3.14159 * std::min(1.0, u * 1.3)); // thicker at the tubercle
    }
    for (std::size_t i = 0; i < base.size(); ++i) {
        const double u = double(i) / double(base.size() - 1);
        baseR[i] = 0.0075 + 0.0045 * std::sin(3.14159 * std::min(1.0, 0.25 + u)); // thick above the acetabulum
    }
    const glm::dvec3 aiis = baseKeys[0];
    const glm::dvec3 tuber = mm(-60, -70, -40);
    const glm::dvec3 spine = mm(-50, -27, -58);
    // Posterior column: from the auricular region down behind the acetabulum to the tuberosity.
    const std::vector<glm::dvec3> postCol{mm(-62, 66, -56), mm(-70, 36, -52), mm(-72, 8, -42), mm(-68, -30, -42), tuber};
    const std::vector<double> postColR{0.010, 0.010, 0.011, 0.010, 0.011};
    // Superior pubic ramus to the pubic body, inferior ramus and ischial ramus back to the tuberosity.
    const glm::dvec3 pubicBody = sym + mm(-10, 0, -3);
    const std::vector<glm::dvec3> supRamus{H + mm(14, 4, 22), ipe + mm(0, -4, -2), mm(-42, 0, 46), pubicBody + mm(-4, 14, 0)};
    const std::vector<double> supRamusR{0.011, 0.0085, 0.0075, 0.0085};
    const std::vector<glm::dvec3> infRamus{pubicBody + mm(-2, -14, -2), mm(-28, -54, 34), mm(-44, -66, 8), tuber + mm(4, -2, 14)};
    const std::vector<double> infRamusR{0.008, 0.0065, 0.0065, 0.009};

    auto field = [=](const glm::dvec3& p) {
        // acetabular cup: thick rim around a socket opening along o
        double cup = sdf::sphere(p, H, socketR + 0.010);
        cup = sdf::smoothIntersection(cup, sdf::plane(p, H + o * 0.004, o), 0.004);
        double d = cup;
        // wing sheet, crest and base bar
        d = sdf::smoothUnion(d, wing->distance(p) - 0.0028, 0.004);
        d = sdf::smoothUnion(d, sdf::sweptCircle(p, crest, crestR), 0.006);
        d = sdf::smoothUnion(d, sdf::sweptCircle(p, base, baseR), 0.010);
        d = sdf::smoothUnion(d, sdf::sphere(p, asis + mm(4, -2, -4), 0.0075), 0.006);
        d = sdf::smoothUnion(d, sdf::sphere(p, psis + mm(-2, 0, 5), 0.0085), 0.006);
        d = sdf::smoothUnion(d, sdf::ellipsoid(p, aiis + mm(0, 0, -3), glm::dvec3(0.008, 0.010, 0.008)), 0.006);
        // body of the ilium joining the wing base to the cup
        d = sdf::smoothUnion(d, sdf::taperedCapsule(p, H + mm(-2, 18, -4), baseKeys[3], 0.020, 0.012), 0.012);
        d = sdf::smoothUnion(d, sdf::sweptCircle(p, postCol, postColR), 0.012);
        d = sdf::smoothUnion(d, sdf::ellipsoid(p, tuber, glm::dvec3(0.011, 0.018, 0.015)), 0.010);
        d = sdf::smoothUnion(d, sdf::taperedCapsule(p, mm(-66, -24, -44), spine, 0.006, 0.003), 0.005);
        d = sdf::smoothUnion(d, sdf::sweptCircle(p, supRamus, supRamusR), 0.010);
        d = sdf::smoothUnion(d, sdf::ellipsoid(p, ipe, glm::dvec3(0.007, 0.006, 0.007)), 0.006);
        d = sdf::smoothUnion(d, sdf::ellipsoid(p, pubicBody, glm::dvec3(0.0085, 0.021, 0.010)), 0.008);
        d = sdf::smoothUnion(d, sdf::sweptCircle(p, infRamus, infRamusR), 0.008);
        // pubic tubercle
        d = sdf::smoothUnion(d, sdf::sphere(p, pubicBody + mm(-12, 14, 4), 0.005), 0.006);
        // the socket itself, opened along o, with the acetabular notch below
        double socket = sdf::smoothUnion(sdf::sphere(p, H, socketR), sdf::capsule(p, H, H + o * 0.08, socketR - 0.0006), 0.002);
        const glm::dvec3 downPerp = glm::normalize(glm::dvec3(0, -1, 0) - glm::dot(glm::dvec3(0, -1, 0), o) * o);
        socket = sdf::smoothUnion(socket, sdf::capsule(p, H + downPerp * 0.012, H + downPerp * 0.032 + o * 0.006, 0.007), 0.003);
        d = sdf::smoothSubtraction(d, socket, 0.002);
        // keep the symphyseal face flat, short of the midline
        d = sdf::smoothIntersection(d, sdf::plane(p, glm::dvec3(-0.0022, 0, 0), glm::dvec3(1, 0, 0)), 0.002);
        return d;
    };
    const glm::dvec3 lo = mm(-152, -92, -118), hi = mm(0, 162, 70);
    BuiltPart part = meshSdf("hip_bone_r", field, lo, hi, voxel, targetTriangles);
    part.parentJoint = "pelvis";
    return part;
}

} // namespace psoas::modelbuilder
