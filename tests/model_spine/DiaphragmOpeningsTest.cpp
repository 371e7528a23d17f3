// The diaphragm's three openings ("I 8 10 EGGS AT 12"): the caval opening in the central
// tendon right of the midline at about T8, the oesophageal hiatus in the muscle left of the
// midline (textbook T10; in this model the muscle behind the tendon lies higher, so it is
// checked between T10 and T8/T9), and the aortic hiatus behind the median arcuate ligament at
// T12, between the crura. Each is checked on the built mesh with rays through its landmark.
#include "MeshChecks.h"

#include "muscles/BoneClearance.h"
#include "spine/Spine.h"
#include "spine/ThoracicCage.h"
#include "spine/VertebraShape.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

using namespace psoas::modelbuilder;
using namespace psoas::modelbuilder::test;

namespace {

const BuiltPart& diaphragm() { return *findPart(muscleParts(), "diaphragm"); }

// Does the segment from `a` to `b` (model frame) cross any triangle of the part?
bool segmentHits(const BuiltPart& part, const glm::dvec3& a, const glm::dvec3& b)
{
    const glm::dvec3 dir = b - a;
    for (std::size_t t = 0; t + 2 < part.indices.size(); t += 3) {
        const glm::dvec3 p0(part.positions[part.indices[t]]), p1(part.positions[part.indices[t + 1]]),
            p2(part.positions[part.indices[t + 2]]);
        const glm::dvec3 e1 = p1 - p0, e2 = p2 - p0, h = glm::cross(dir, e2);
        const double det = glm::dot(e1, h);
        if (std::abs(det) < 1e-18)
            continue;
        const glm::dvec3 s = a - p0;
        const double u = glm::dot(s, h) / det;
        if (u < 0.0 || u > 1.0)
            continue;
        const glm::dvec3 q = glm::cross(s, e1);
        const double v = glm::dot(dir, q) / det;
        if (v < 0.0 || u + v > 1.0)
            continue;
        const double f = glm::dot(e2, q) / det;
        if (f >= 0.0 && f <= 1.0)
            return true;
    }
    return false;
}

const VertebraFrame& t12() { return rig().frame("t12"); }

// Does a segment through `centreLocal` + `offset` (T12 frame) along `axis` (T12 frame, unit),
// +-reach, meet the diaphragm?
bool axisHits(const glm::dvec3& centreLocal, const glm::dvec3& offset, const glm::dvec3& axis, double reach)
{
    const glm::dvec3 c = centreLocal + offset;
    return segmentHits(diaphragm(), t12().toWorld(c - axis * reach), t12().toWorld(c + axis * reach));
}

// Size of a hole round the line through `c` along `axis` (T12 frame): for each direction
// across the axis, the distance at which a segment of +-reach first meets the diaphragm;
// returns the longest and shortest diameter (sum of opposite directions).
std::pair<double, double> holeDiameters(const glm::dvec3& c, const glm::dvec3& axis, double reach)
{
    const glm::dvec3 e1 = glm::normalize(glm::cross(axis, std::abs(axis.x) < 0.9 ? glm::dvec3(1, 0, 0) : glm::dvec3(0, 0, 1)));
    const glm::dvec3 e2 = glm::cross(axis, e1);
    const int dirs = 12;
    std::vector<double> r(dirs, 0.0);
    for (int k = 0; k < dirs; ++k) {
        const double a = 2.0 * M_PI * k / dirs;
        double d = 0.0;
        while (d < 0.05 && !axisHits(c, (e1 * std::cos(a) + e2 * std::sin(a)) * d, axis, reach))
            d += 0.001;
        r[std::size_t(k)] = d;
    }
    double longest = 0.0, shortest = 1e9;
    for (int k = 0; k < dirs / 2; ++k) {
        const double diameter = r[std::size_t(k)] + r[std::size_t(k + dirs / 2)];
        longest = std::max(longest, diameter);
        shortest = std::min(shortest, diameter);
    }
    return {longest, shortest};
}

// The dome's direction across its surface near `c` (T12 frame): the mean of the vertex normals
// of the dome within 20 mm (upper and lower faces turned the same way).
glm::dvec3 surfaceAxis(const glm::dvec3& c)
{
    const BuiltPart& d = diaphragm();
    glm::dvec3 sum(0.0), first(0.0);
    for (std::size_t i = 0; i < d.positions.size(); ++i) {
        if (d.uv1[i].x != 0.0f || glm::length(t12().toLocal(glm::dvec3(d.positions[i])) - c) > 0.02)
            continue;
        const glm::dvec3 n = glm::transpose(t12().axes) * glm::dvec3(d.normals[i]);
        if (glm::length(first) == 0.0)
            first = n;
        sum += glm::dot(n, first) < 0.0 ? -n : n;
    }
    return glm::normalize(sum);
}

// Height (T12 frame y) of the diaphragm's dome vertices ringing a vertical line through `c`
// (within `radius` of it in x/z and `reach` of c.y), and their mean tendon weight.
struct Ring {
    int count = 0;
    double y = 0.0, tendon = 0.0;
};
Ring ringAround(const glm::dvec3& c, double radius, double reach)
{
    const BuiltPart& d = diaphragm();
    Ring out;
    for (std::size_t i = 0; i < d.positions.size(); ++i) {
        if (d.uv1[i].x != 0.0f)
            continue;
        const glm::dvec3 p = t12().toLocal(glm::dvec3(d.positions[i]));
        if (std::hypot(p.x - c.x, p.z - c.z) > radius || std::abs(p.y - c.y) > reach)
            continue;
        ++out.count;
        out.y += p.y;
        out.tendon += d.colors[i].a;
    }
    if (out.count > 0) {
        out.y /= out.count;
        out.tendon /= out.count;
    }
    return out;
}

ThoracicCage cage() { return ThoracicCage(rig(), VertebraShape(vertebraDimensionsFrom(rig(), "t12"))); }

// Height (T12 frame) of a thoracic body's centre, 7..12.
double levelY(int level) { return t12().toLocal(cage().spine().frame(level).center).y; }

} // namespace

TEST_CASE("Diaphragm caval opening is a hole in the central tendon right of the midline at about T8", "[model_muscles]")
{
    const glm::dvec3 c = t12().toLocal(rig().landmark("lm_caval_opening"));
    INFO("caval landmark (T12 frame, mm) " << c.x * 1000.0 << ", " << c.y * 1000.0 << ", " << c.z * 1000.0);
    INFO("T8 " << levelY(8) * 1000.0 << " mm, T9 " << levelY(9) * 1000.0 << " mm above T12's centre");
    // Open: nothing of the diaphragm across the vertical line through it, but the dome all round.
    CHECK_FALSE(axisHits(c, glm::dvec3(0.0), glm::dvec3(0, 1, 0), 0.04));
    const auto [longest, shortest] = holeDiameters(c, glm::dvec3(0, 1, 0), 0.02);
    INFO("opening " << longest * 1000.0 << " x " << shortest * 1000.0 << " mm (seen from above)");
    CHECK(longest > 0.020);
    CHECK(longest < 0.032);
    CHECK(shortest > 0.014);
    // Surrounded by tendon: the rim of the hole is pale (COLOR_0 weight near 1).
    const Ring ring = ringAround(c, 0.016, 0.02);
    REQUIRE(ring.count > 10);
    INFO("rim height " << ring.y * 1000.0 << " mm, tendon weight " << ring.tendon);
    CHECK(ring.tendon > 0.9);
    CHECK(std::abs(ring.y - c.y) < 0.006); // the landmark sits in the opening
    // Right of the midline (x is to the left), at about T8: within half a vertebral level.
    CHECK(c.x < -0.012);
    CHECK(std::abs(ring.y - levelY(8)) < 0.5 * (levelY(8) - levelY(9)) + 0.004);
}

TEST_CASE("Diaphragm oesophageal hiatus is an oval hole in the muscle left of the midline, between the T8 and T12 openings", "[model_muscles]")
{
    const glm::dvec3 c = t12().toLocal(rig().landmark("lm_oesophageal_hiatus"));
    const glm::dvec3 caval = t12().toLocal(rig().landmark("lm_caval_opening"));
    const glm::dvec3 aortic = t12().toLocal(rig().landmark("lm_aortic_hiatus"));
    INFO("hiatus landmark (T12 frame, mm) " << c.x * 1000.0 << ", " << c.y * 1000.0 << ", " << c.z * 1000.0);
    INFO("T10 " << levelY(10) * 1000.0 << " mm above T12's centre");
    // Across the dome there (which rises steeply at the back): open along its normal.
    const glm::dvec3 axis = surfaceAxis(c);
    INFO("dome normal there (T12 frame) " << axis.x << ", " << axis.y << ", " << axis.z);
    CHECK_FALSE(axisHits(c, glm::dvec3(0.0), axis, 0.012));
    const auto [longest, shortest] = holeDiameters(c, axis, 0.012);
    INFO("hiatus " << longest * 1000.0 << " x " << shortest * 1000.0 << " mm (across the dome)");
    // Seen from above it is open too (the oesophagus passes down through it).
    CHECK_FALSE(axisHits(c, glm::dvec3(0.0), glm::dvec3(0, 1, 0), 0.012));
    CHECK(longest > 0.020);
    CHECK(longest < 0.032);
    CHECK(shortest > 0.010);
    const Ring ring = ringAround(c, 0.016, 0.012);
    REQUIRE(ring.count > 10);
    INFO("rim height " << ring.y * 1000.0 << " mm, tendon weight " << ring.tendon);
    CHECK(ring.tendon < 0.3); // in the muscular part
    CHECK(std::abs(ring.y - c.y) < 0.008);
    // Left of the midline, in front of the aortic hiatus, below the caval opening; about T10.
    CHECK(c.x > 0.005);
    CHECK(c.z > aortic.z + 0.008);
    CHECK(c.y < caval.y - 0.010);
    // Its level: between the caval opening (T8) and the aortic hiatus (T12), no lower than
    // half a level below T10. (The model's dome is high at the back beside the midline, so the
    // muscle just behind the tendon, where the hiatus is, lies nearer T9 than T10.)
    INFO("T9 " << levelY(9) * 1000.0 << " mm");
    CHECK(ring.y < ringAround(caval, 0.016, 0.02).y - 0.010);
    CHECK(ring.y > levelY(10) - 0.5 * (levelY(10) - levelY(11)));
    CHECK(ring.y < levelY(9) + 0.5 * (levelY(8) - levelY(9)));
}

TEST_CASE("Diaphragm aortic hiatus is an arch behind the median arcuate ligament at T12, between the crura", "[model_muscles]")
{
    const BuiltPart& d = diaphragm();
    const glm::dvec3 c = t12().toLocal(rig().landmark("lm_aortic_hiatus"));
    INFO("aortic landmark (T12 frame, mm) " << c.x * 1000.0 << ", " << c.y * 1000.0 << ", " << c.z * 1000.0);
    // At T12: within the height of its body.
    CHECK(std::abs(c.y) < 0.014);
    // A free channel about 2 cm across for the aorta, from the front of L1 up past T10:
    // nothing of the diaphragm (dome, crura or ligaments) across it.
    for (const auto& [dx, dz] : std::vector<std::pair<double, double>>{{0, 0}, {-0.008, 0}, {0.008, 0}, {0, -0.006}, {0, 0.006}}) {
        INFO("offset " << dx * 1000.0 << ", " << dz * 1000.0 << " mm");
        const glm::dvec3 p = c + glm::dvec3(dx, 0.0, dz);
        CHECK_FALSE(segmentHits(d, t12().toWorld(p - glm::dvec3(0, 0.03, 0)), t12().toWorld(p + glm::dvec3(0, 0.06, 0))));
    }
    // In front of it, on the midline at its level, the median arcuate ligament (tendinous).
    double front = 1e9, frontTendon = 0.0, ligament = 1e9;
    double rightCrus = -1e9, leftCrus = 1e9; // nearest crus on each side at its level (x)
    for (std::size_t i = 0; i < d.positions.size(); ++i) {
        const glm::dvec3 p = t12().toLocal(glm::dvec3(d.positions[i]));
        if (std::abs(p.y - c.y) > 0.008)
            continue;
        if (std::abs(p.x) < 0.003 && p.z > c.z && p.z - c.z < front) {
            front = p.z - c.z;
            frontTendon = d.colors[i].a;
        }
        if (std::abs(p.x) < 0.0045 && p.z > c.z && d.colors[i].a > 0.9f)
            ligament = std::min(ligament, p.z - c.z);
        if (d.uv1[i].x == 1.0f && p.x < c.x)
            rightCrus = std::max(rightCrus, p.x);
        if (d.uv1[i].x == 2.0f && p.x > c.x)
            leftCrus = std::min(leftCrus, p.x);
    }
    INFO("median arcuate ligament " << front * 1000.0 << " mm in front; crura at x " << rightCrus * 1000.0 << " and "
                                    << leftCrus * 1000.0 << " mm");
    INFO("nearest in front is " << (frontTendon > 0.5f ? "tendinous" : "muscular") << "; the ligament "
                                << ligament * 1000.0 << " mm in front");
    CHECK(front > 0.006);
    CHECK(ligament < front + 0.005); // the arch is the ligament, not muscle
    CHECK(ligament < 0.025);
    // Between the crura, which leave a gap of about 2-3.5 cm for the aorta.
    CHECK(leftCrus - rightCrus > 0.020);
    CHECK(leftCrus - rightCrus < 0.035);
    // The channel lies in front of the T12 body, not in it.
    CHECK(BoneClearance(rig()).vertebraDistance(t12().toWorld(c)) > 0.004);
}
