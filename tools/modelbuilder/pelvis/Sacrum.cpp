#include "pelvis/Sacrum.h"

#include "core/Sdf.h"

#include <cmath>

namespace psoas::modelbuilder {

namespace {
constexpr double kDeg = 3.14159265358979323846 / 180.0;
glm::dvec3 down(double phiDeg) { return {0.0, -std::cos(phiDeg * kDeg), -std::sin(phiDeg * kDeg)}; }
glm::dvec3 forward(double phiDeg) { return {0.0, -std::sin(phiDeg * kDeg), std::cos(phiDeg * kDeg)}; }
} // namespace

std::vector<glm::dvec3> sacralCurve(const RigLayout& rig)
{
    const VertebraFrame& s1 = rig.frame("s1");
    const double slope = rig.pelvis.sacralSlopeDeg;
    std::vector<glm::dvec3> c{s1.superiorEndplate - 0.014 * s1.superiorNormal};
    // segment lengths (m) and the forward turn of the curve at each segment (deg)
    const double len[] = {0.026, 0.023, 0.020, 0.018, 0.014, 0.011, 0.009};
    const double turn[] = {14, 16, 16, 14, 12, 10, 8};
    double phi = slope; // direction of "down the sacrum", tilted back by phi from straight down
    for (int i = 0; i < 7; ++i) {
        phi -= turn[i];
        c.push_back(c.back() + len[i] * down(phi + 0.5 * turn[i]));
    }
    return c;
}

BuiltPart buildSacrum(const RigLayout& rig, double voxel, std::size_t targetTriangles)
{
    const VertebraFrame& s1 = rig.frame("s1");
    const glm::dvec3 E = s1.superiorEndplate, nS = s1.superiorNormal;
    const std::vector<glm::dvec3> c = sacralCurve(rig);
    const double halfW = 0.5 * rig.pelvis.sacralWidth;

    // Bodies S1-S5 (indices 0..5 of the curve), coccyx after.
    std::vector<glm::dvec3> bodies(c.begin(), c.begin() + 6);
    const std::vector<double> bodyW{0.5 * rig.pelvis.s1Width, 0.021, 0.017, 0.013, 0.010, 0.008};
    const std::vector<double> bodyD{0.5 * rig.pelvis.s1Depth, 0.012, 0.010, 0.008, 0.006, 0.005};
    // Lateral masses: a plate behind the bodies, wide at the alae, tapering to the apex.
    std::vector<glm::dvec3> plate;
    const std::vector<double> plateW{halfW - 0.004, halfW - 0.012, 0.037, 0.026, 0.016, 0.009};
    const std::vector<double> plateD{0.017, 0.015, 0.012, 0.009, 0.007, 0.005};
    std::vector<glm::dvec3> canal;
    std::vector<double> canalR{0.010, 0.0085, 0.007, 0.0055, 0.004};
    std::vector<glm::dvec3> crest;
    double phi = rig.pelvis.sacralSlopeDeg;
    const double turn[] = {14, 16, 16, 14, 12};
    for (int i = 0; i < 6; ++i) {
        const glm::dvec3 fwd = forward(phi);
        plate.push_back(c[std::size_t(i)] - fwd * (bodyD[std::size_t(i)] + 0.004));
        if (i < 5) canal.push_back(c[std::size_t(i)] - fwd * (bodyD[std::size_t(i)] + 0.010));
        crest.push_back(c[std::size_t(i)] - fwd * (bodyD[std::size_t(i)] + 0.005 + plateD[std::size_t(i)]));
        if (i < 5) phi -= turn[i];
    }
    canal.insert(canal.begin(), canal.front() + 0.02 * nS);
    canalR.insert(canalR.begin(), canalR.front());
    const glm::dmat3 s1Axes = s1.axes;

    auto field = [=](const glm::dvec3& p) {
        double body = sdf::sweptEllipse(p, bodies, bodyW, bodyD, glm::dvec3(1, 0, 0));
        body = sdf::smoothIntersection(body, sdf::plane(p, E, nS), 0.002); // flat S1 endplate
        double d = body;
        d = sdf::smoothUnion(d, sdf::sweptEllipse(p, plate, plateW, plateD, glm::dvec3(1, 0, 0)), 0.010);
        // alae: flat-topped wings beside the S1 body whose upper surface slopes down and
        // forwards from the promontory to the pelvic brim (rounded boxes tilted 18 deg)
        for (double sx : {-1.0, 1.0}) {
            const double th = 20.0 * kDeg;
            const glm::dmat3 local(glm::dvec3(sx * std::cos(th), -std::sin(th), 0.0), glm::dvec3(sx * std::sin(th), std::cos(th), 0.0),
                                   glm::dvec3(0.0, 0.0, 1.0));
            const glm::dmat3 axes = s1Axes * local;
            // from beside the S1 body (which keeps its own oval endplate) out to the auricular edge
            const glm::dvec3 ala = E + s1Axes * glm::dvec3(sx * (halfW - 0.019), -0.015, -0.009);
            d = sdf::smoothUnion(d, sdf::roundedBox(p, ala, axes, glm::dvec3(0.019, 0.0095, 0.016), 0.0065), 0.007);
            // superior articular processes
            const glm::dvec3 sap = E + s1Axes * glm::dvec3(sx * 0.019, 0.002, -0.036);
            d = sdf::smoothUnion(d, sdf::ellipsoid(p, sap, s1Axes, glm::dvec3(0.007, 0.011, 0.006)), 0.005);
        }
        // auricular surfaces: the lateral faces of the upper lateral masses are flat where they
        // meet the ilium
        for (double sx : {-1.0, 1.0})
            d = sdf::smoothIntersection(d, sdf::plane(p, E + s1Axes[0] * (sx * (halfW - 0.002)), s1Axes[0] * sx), 0.003);
        // median sacral crest with its spinous tubercles
        d = sdf::smoothUnion(d, sdf::sweptCircle(p, {crest[0], crest[1], crest[2]}, {0.004, 0.0045, 0.0038}), 0.006);
        for (int i = 0; i < 3; ++i)
            d = sdf::smoothUnion(d, sdf::sphere(p, 0.5 * (crest[std::size_t(i)] + crest[std::size_t(i + 1)]), 0.0055), 0.004);
        // sacral canal, open at the top behind S1 and at the hiatus
        d = sdf::smoothSubtraction(d, sdf::sweptCircle(p, canal, canalR), 0.002);
        // anterior (and posterior) sacral foramina: four pairs between the segments
        for (int i = 0; i < 4; ++i) {
            const glm::dvec3 mid = 0.5 * (c[std::size_t(i)] + c[std::size_t(i + 1)]);
            const glm::dvec3 dir = glm::normalize(plate[std::size_t(i)] - c[std::size_t(i)]);
            const double r = 0.0055 - 0.0008 * i;
            const double x = bodyW[std::size_t(i + 1)] + 0.006;
            for (double sx : {-1.0, 1.0}) {
                const glm::dvec3 a = mid + glm::dvec3(sx * x, 0, 0) - dir * 0.02;
                d = sdf::smoothSubtraction(d, sdf::capsule(p, a, a + dir * 0.06, r), 0.002);
            }
        }
        // coccyx: three small fused segments
        for (std::size_t i = 6; i < c.size(); ++i) {
            const double k = double(i - 6);
            d = sdf::smoothUnion(d, sdf::ellipsoid(p, c[i], glm::dvec3(0.011 - 0.003 * k, 0.006, 0.005 - 0.001 * k)), 0.004);
        }
        return d;
    };
    glm::dvec3 lo(1e9), hi(-1e9);
    for (const auto& q : c) {
        lo = glm::min(lo, q);
        hi = glm::max(hi, q);
    }
    lo = glm::min(lo, E) - glm::dvec3(halfW + 0.01, 0.03, 0.05);
    hi = glm::max(hi, E) + glm::dvec3(halfW + 0.01, 0.05, 0.04);
    BuiltPart part = meshSdf("sacrum", field, lo, hi, voxel, targetTriangles);
    part.parentJoint = "pelvis";
    return part;
}

} // namespace psoas::modelbuilder
