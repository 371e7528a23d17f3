#include "pelvis/HipBone.h"

#include "core/Sdf.h"
#include "core/SurfacePatch.h"
#include "core/Sweep.h"

#include <algorithm>
#include <cmath>
#include <memory>

namespace psoas::modelbuilder {

namespace {
constexpr double kDeg = 3.14159265358979323846 / 180.0;
glm::dvec3 mm(double x, double y, double z) { return glm::dvec3(x, y, z) * 0.001; }

double greaterSciaticNotch(const glm::dvec3& p)
{
    // Elliptic cylinder (along x) whose front half is the notch: its long axis lies on the
    // notch's mouth, from the posterior inferior iliac spine to the ischial spine; its front
    // reaches about 33 mm into the posterior border above the ischial spine.
    const glm::dvec2 piis(0.066, -0.101), ischialSpine(-0.026, -0.064); // (y, z)
    const glm::dvec2 along = glm::normalize(ischialSpine - piis);
    const glm::dvec2 inward(along.y, -along.x); // up and anterior
    const glm::dvec2 centre = piis + 0.55 * (ischialSpine - piis);
    const glm::dvec2 q = glm::dvec2(p.y, p.z) - centre;
    return sdf::ellipsoid(glm::dvec3(glm::dot(q, along), glm::dot(q, inward), 0.0), glm::dvec3(0.0),
                          glm::dvec3(0.044, 0.033, 1.0));
}
} // namespace

glm::dvec3 acetabularAxisRight()
{
    // Radiographic inclination ~40 deg (axis 40 deg from straight down), anteversion ~18 deg.
    const double incl = 40.0 * kDeg, av = 18.0 * kDeg;
    return glm::normalize(glm::dvec3(-std::sin(incl) * std::cos(av), -std::cos(incl), std::sin(incl) * std::sin(av)));
}

BuiltPart buildHipBoneRight(const RigLayout& rig, double voxel, std::size_t targetTriangles)
{
    const glm::dvec3 H = rig.hipCenter(false);
    const glm::dvec3 asis = rig.landmark("lm_asis_r");
    const glm::dvec3 psis = rig.landmark("lm_psis_r");
    const glm::dvec3 ipe = rig.landmark("lm_iliopubic_eminence_r");
    const glm::dvec3 sym = rig.landmark("lm_pubic_symphysis");
    const glm::dvec3 o = acetabularAxisRight();
    const double socketR = rig.pelvis.acetabulumRadius;

    // Iliac crest from the ASIS round to the PSIS (from above a flat S: convex outwards in front,
    // turning in behind the highest point, then running back to the PSIS), and the thick base of
    // the wing from the AIIS along the arcuate line to the auricular region; the wing is the
    // sheet between them.
    const std::vector<glm::dvec3> crestKeys{asis,
                                            mm(-133, 100, 40) + glm::dvec3(0.0),
                                            mm(-139, 120, 16),
                                            mm(-135, 137, -8),
                                            mm(-122, 147, -36),
                                            mm(-88, 143, -64),
                                            mm(-62, 126, -90),
                                            psis};
    const std::vector<glm::dvec3> baseKeys{mm(-99, 37, 36), mm(-97, 44, 22), mm(-93, 50, 6),  mm(-87, 54, -12),
                                           mm(-78, 58, -32), mm(-66, 64, -52), mm(-53, 72, -72), mm(-45, 78, -94)};
    const std::vector<glm::dvec3> crest = smoothPolyline(crestKeys, 10);
    const std::vector<glm::dvec3> base = smoothPolyline(baseKeys, 10);
    const int cols = int(crest.size());
    const int rows = 34;
    const double halfThickness = 0.0021; // the thin middle of the wing; crest and base are bars
    std::vector<double> crestR(crest.size()), baseR(base.size()), baseMl(base.size());
    for (std::size_t i = 0; i < crest.size(); ++i) {
        const double u = double(i) / double(crest.size() - 1);
        crestR[i] = 0.0045 + 0.0020 * std::sin(3.14159 * std::min(1.0, u * 1.3));
    }
    for (std::size_t i = 0; i < base.size(); ++i) {
        const double u = double(i) / double(base.size() - 1);
        baseR[i] = 0.0088 + 0.0035 * std::sin(3.14159 * std::min(1.0, 0.25 + u)); // thick above the acetabulum
        baseMl[i] = 0.7 * baseR[i]; // flatter side to side: a rounded arcuate line, not a tube
    }
    std::vector<glm::dvec3> sheet;
    for (int r = 0; r < rows; ++r) {
        // The sheet's outer rows stay inside the crest and base bars, so its rounded borders
        // (where the patch distance changes rule) never reach the surface.
        const double v = 0.04 + 0.945 * double(r) / (rows - 1);
        for (int c = 0; c < cols; ++c) {
            const double u = double(c) / (cols - 1);
            // Gluteal surface convex in front and gently concave behind (iliac fossa the reverse).
            const double front = 0.55;
            const double shape = u < front ? std::sin(3.14159 * u / front) : -0.45 * std::sin(3.14159 * (u - front) / (1.0 - front));
            const double bow = 0.012 * std::sin(3.14159 * v) * shape;
            // Towards the base the sheet moves out to the lateral side of the base bar, so the
            // gluteal surface runs smoothly down to the body of the ilium (no rim above the
            // acetabulum); the bar stays a rounded border on the pelvic side (arcuate line).
            const double t = std::clamp((v - 0.5) / 0.5, 0.0, 1.0);
            const double flush = (baseMl[std::size_t(c)] - halfThickness - 0.0015) * t * t * (3.0 - 2.0 * t);
            sheet.push_back(crest[std::size_t(c)] * (1.0 - v) + base[std::size_t(c)] * v +
                            glm::dvec3(-bow - flush, 0.0, -0.35 * bow));
        }
    }
    auto wing = std::make_shared<SurfacePatch>(sheet, rows, cols, 0.008);
    // Tubercle of the crest on its outer lip, about 5 cm behind the ASIS.
    glm::dvec3 tubercleA = crest.front(), tubercleB = crest.front();
    {
        double s = 0.0;
        for (std::size_t i = 1; i < crest.size(); ++i) {
            s += glm::length(crest[i] - crest[i - 1]);
            if (s <= 0.045) tubercleA = crest[i] + mm(-3.5, -1, 0);
            if (s <= 0.055) tubercleB = crest[i] + mm(-3.5, -1, 0);
        }
    }
    const glm::dvec3 aiis = baseKeys[0];
    const glm::dvec3 tuber = mm(-62, -68, -38);
    const glm::dvec3 spine = mm(-56, -28, -63);
    // Plate filling the posterior column out behind the notch line; greaterSciaticNotch carves it.
    const std::vector<glm::dvec3> colPlate{mm(-55, 66, -84), mm(-61, 48, -68), mm(-66, 26, -58), mm(-66, 2, -54),
                                           mm(-63, -16, -54)};
    const std::vector<double> colPlateMl{0.0075, 0.0085, 0.0095, 0.0100, 0.0095};
    const std::vector<double> colPlateAp{0.012, 0.016, 0.017, 0.016, 0.010};
    // Posterior column: from the auricular region down behind the acetabulum. Its posterior
    // border is cut back above the ischial spine (greater sciatic notch) and between the spine
    // and the tuberosity (lesser sciatic notch).
    const std::vector<glm::dvec3> postCol{mm(-62, 66, -58), mm(-70, 38, -50), mm(-75, 12, -36), mm(-73, -12, -30)};
    const std::vector<double> postColR{0.010, 0.0105, 0.012, 0.013};
    // Ischial body: a broad plate (wide front to back, thinner side to side) from below the
    // acetabulum to the tuberosity; its front edge is the lateral border of the obturator
    // foramen, its back edge carries the spine and the lesser sciatic notch.
    const std::vector<glm::dvec3> ischium{mm(-76, -8, -20), mm(-74, -30, -20), mm(-70, -50, -22), mm(-64, -64, -26)};
    const std::vector<double> ischiumAp{0.021, 0.020, 0.017, 0.015};
    const std::vector<double> ischiumMl{0.0085, 0.0080, 0.0080, 0.0090};
    // Obturator foramen: an oval about 50 mm high and 30 mm wide, facing anterolaterally and
    // a little down, under the superior ramus and in front of the ischial body.
    const glm::dvec3 forCentre = mm(-46, -36, 22);
    const glm::dvec3 forNormal = glm::normalize(glm::dvec3(-0.485, -0.424, 0.766));
    glm::dvec3 forLong = glm::normalize(glm::dvec3(-0.163, -0.815, -0.554));
    forLong = glm::normalize(forLong - glm::dot(forLong, forNormal) * forNormal);
    const glm::dvec3 forShort = glm::cross(forNormal, forLong);
    // Superior pubic ramus (thick) to the pubic body; inferior pubic ramus joining the ischial
    // ramus back to the tuberosity.
    const glm::dvec3 pubicBody = sym + mm(-10, 0, -3);
    const std::vector<glm::dvec3> supRamus{H + mm(14, 4, 22), ipe + mm(0, -5, -2), mm(-42, -2, 45), pubicBody + mm(-4, 14, 0)};
    const std::vector<double> supRamusR{0.0125, 0.0105, 0.0095, 0.0100};
    const std::vector<glm::dvec3> infRamus{pubicBody + mm(-2, -14, -2), mm(-27, -54, 33), mm(-44, -67, 10), tuber + mm(4, -4, 16)};
    const std::vector<double> infRamusR{0.0085, 0.0075, 0.0075, 0.0095};

    auto field = [=](const glm::dvec3& p) {
        // acetabular cup: thick rim around a socket opening along o
        double cup = sdf::sphere(p, H, socketR + 0.010);
        cup = sdf::smoothIntersection(cup, sdf::plane(p, H + o * 0.004, o), 0.004);
        // the acetabular floor (quadrilateral plate) is flat on the pelvic side
        cup = sdf::smoothIntersection(cup, sdf::plane(p, H + glm::dvec3(socketR + 0.0032, 0.0, 0.0), glm::dvec3(1, 0, 0)), 0.006);
        double d = cup;
        // wing sheet, crest and base bar
        d = sdf::smoothUnion(d, wing->distance(p) - halfThickness, 0.004);
        d = sdf::smoothUnion(d, sdf::sweptCircle(p, crest, crestR), 0.006);
        d = sdf::smoothUnion(d, sdf::sweptEllipse(p, base, baseMl, baseR, glm::dvec3(1, 0, 0)), 0.014);
        d = sdf::smoothUnion(d, sdf::sphere(p, asis + mm(4, -2, -4), 0.0075), 0.006);
        d = sdf::smoothUnion(d, sdf::sphere(p, psis + mm(-2, 0, 5), 0.0085), 0.006);
        d = sdf::smoothUnion(d, sdf::ellipsoid(p, aiis + mm(0, 0, -3), glm::dvec3(0.008, 0.010, 0.008)), 0.006);
        d = sdf::smoothUnion(d, sdf::capsule(p, tubercleA, tubercleB, 0.0058), 0.005);
        // the notch between ASIS and AIIS in the anterior border
        d = sdf::smoothSubtraction(d, sdf::capsule(p, mm(-140, 56, 53), mm(-80, 56, 53), 0.0085), 0.004);
        // the thick posterior ilium behind the auricular surface
        d = sdf::smoothUnion(d, sdf::ellipsoid(p, mm(-56, 86, -88), glm::dvec3(0.009, 0.016, 0.015)), 0.008);
        // body of the ilium joining the wing base to the cup
        d = sdf::smoothUnion(d, sdf::taperedCapsule(p, H + mm(-2, 18, -4), baseKeys[3], 0.020, 0.012), 0.012);
        d = sdf::smoothUnion(d, sdf::sweptCircle(p, postCol, postColR), 0.012);
        // body of the ilium behind and above the acetabulum (no gap under the wing base)
        d = sdf::smoothUnion(d, sdf::ellipsoid(p, mm(-79, 36, -26), glm::dvec3(0.012, 0.020, 0.021)), 0.010);
        d = sdf::smoothUnion(d, sdf::sweptEllipse(p, ischium, ischiumAp, ischiumMl, glm::dvec3(0, 0, 1)), 0.010);
        // tuberosity: a rough oval boss, thick and long, facing down and back
        d = sdf::smoothUnion(d, sdf::ellipsoid(p, tuber, glm::dvec3(0.012, 0.020, 0.017)), 0.010);
        // Posterior column behind the acetabulum: a plate (thin side to side) out to the back,
        // carved by the greater sciatic notch; the ischial spine points back and in below it.
        d = sdf::smoothUnion(d, sdf::sweptEllipse(p, colPlate, colPlateMl, colPlateAp, glm::dvec3(1, 0, 0)), 0.010);
        d = sdf::smoothUnion(d, sdf::taperedCapsule(p, mm(-67, -22, -44), spine, 0.0105, 0.0035), 0.006);
        d = sdf::smoothSubtraction(d, greaterSciaticNotch(p), 0.004);
        // the lesser sciatic notch between spine and tuberosity, a smooth groove in the back edge
        d = sdf::smoothUnion(d, sdf::capsule(p, mm(-64, -32, -48), mm(-63, -58, -47), 0.009), 0.008);
        d = sdf::smoothSubtraction(d, sdf::capsule(p, mm(-80, -45, -62), mm(-50, -45, -62), 0.0085), 0.004);
        d = sdf::smoothUnion(d, sdf::sweptCircle(p, supRamus, supRamusR), 0.010);
        d = sdf::smoothUnion(d, sdf::ellipsoid(p, ipe, glm::dvec3(0.008, 0.007, 0.008)), 0.006);
        d = sdf::smoothUnion(d, sdf::ellipsoid(p, pubicBody, glm::dvec3(0.0090, 0.022, 0.011)), 0.008);
        d = sdf::smoothUnion(d, sdf::sweptCircle(p, infRamus, infRamusR), 0.008);
        // pubic tubercle
        d = sdf::smoothUnion(d, sdf::sphere(p, pubicBody + mm(-12, 14, 4), 0.005), 0.006);
        // Bone framing the obturator foramen: a plate in the foramen's plane filling the ring
        // between the rami, the ischial body and the acetabulum, then the oval foramen itself.
        {
            const glm::dvec3 q = p - forCentre;
            const double u = glm::dot(q, forLong), v = glm::dot(q, forShort), n = glm::dot(q, forNormal);
            const double outer = sdf::ellipsoid(glm::dvec3(u, v, n), glm::dvec3(0.0), glm::dvec3(0.041, 0.033, 0.0055));
            d = sdf::smoothUnion(d, outer, 0.008);
            const double a = 0.025, b = 0.015;
            const double k0 = std::sqrt((u / a) * (u / a) + (v / b) * (v / b));
            const double k1 = std::sqrt((u / (a * a)) * (u / (a * a)) + (v / (b * b)) * (v / (b * b)));
            const double hole2 = k1 > 1e-12 ? k0 * (k0 - 1.0) / k1 : -b;
            d = sdf::smoothSubtraction(d, std::max(hole2, std::abs(n) - 0.030), 0.003);
        }
        // solid bone under the acetabular notch, between the socket and the obturator foramen
        {
            const glm::dvec3 down0 = glm::normalize(glm::dvec3(0, -1, 0) - glm::dot(glm::dvec3(0, -1, 0), o) * o);
            d = sdf::smoothUnion(d, sdf::ellipsoid(p, H + down0 * 0.028 + o * 0.002, glm::dvec3(0.009, 0.009, 0.011)), 0.008);
        }
        // the socket itself, opened along o, with the acetabular notch below
        double socket = sdf::smoothUnion(sdf::sphere(p, H, socketR), sdf::capsule(p, H, H + o * 0.08, socketR - 0.0006), 0.002);
        const glm::dvec3 downPerp = glm::normalize(glm::dvec3(0, -1, 0) - glm::dot(glm::dvec3(0, -1, 0), o) * o);
        socket = sdf::smoothUnion(socket, sdf::capsule(p, H + downPerp * 0.016, H + downPerp * 0.027 + o * 0.010, 0.006), 0.003);
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
