#include "muscles/Diaphragm.h"
#include "muscles/Easing.h"

#include "core/Sweep.h"
#include "muscles/BoneClearance.h"
#include "spine/Spine.h"
#include "spine/ThoracicCage.h"
#include "spine/VertebraShape.h"

#include <algorithm>
#include <cmath>

namespace psoas::modelbuilder {

namespace {

constexpr double kMuscleHalf = 0.0020;   // muscular part, half thickness
constexpr double kTendonHalf = 0.0009;   // central tendon: a thin aponeurosis
const glm::vec4 kTendonColour(0.90f, 0.87f, 0.79f, 1.0f);
const glm::vec4 kMuscleColour(1.0f, 1.0f, 1.0f, 0.0f); // keep the catalog colour

// Rotated ellipse in the x/z plane (approximate signed distance).
double ellipseXZ(double x, double z, double cx, double cz, double dirX, double dirZ, double a, double b)
{
    const double len = std::sqrt(dirX * dirX + dirZ * dirZ);
    const double ux = dirX / len, uz = dirZ / len;
    const double dx = x - cx, dz = z - cz;
    const double u = dx * ux + dz * uz, v = -dx * uz + dz * ux;
    const double k0 = std::sqrt((u / a) * (u / a) + (v / b) * (v / b));
    const double k1 = std::sqrt((u / (a * a)) * (u / (a * a)) + (v / (b * b)) * (v / (b * b)));
    return k1 > 1e-12 ? k0 * (k0 - 1.0) / k1 : -std::min(a, b);
}

double smin(double a, double b, double k)
{
    const double h = std::max(k - std::abs(a - b), 0.0) / k;
    return std::min(a, b) - h * h * k * 0.25;
}

// Closed Catmull-Rom loop through `pts`, `per` samples per span.
std::vector<glm::dvec3> closedSpline(const std::vector<glm::dvec3>& pts, int per)
{
    std::vector<glm::dvec3> out;
    const int n = int(pts.size());
    for (int i = 0; i < n; ++i) {
        const glm::dvec3 p0 = pts[(i + n - 1) % n], p1 = pts[i], p2 = pts[(i + 1) % n], p3 = pts[(i + 2) % n];
        for (int k = 0; k < per; ++k) {
            const double t = double(k) / per, t2 = t * t, t3 = t2 * t;
            out.push_back(0.5 * ((2.0 * p1) + (-p0 + p2) * t + (2.0 * p0 - 5.0 * p1 + 4.0 * p2 - p3) * t2 +
                                 (-p0 + 3.0 * p1 - 3.0 * p2 + p3) * t3));
        }
    }
    return out;
}

} // namespace

Diaphragm::Diaphragm(const RigData& rig) : m_rig(rig), m_t12(rig.frame("t12")) {}

Diaphragm::RimSide Diaphragm::rimSide() const
{
    const ThoracicCage cage(m_rig, VertebraShape(vertebraDimensionsFrom(m_rig, "t12")));
    const double clearance = 0.0022; // mid-surface just inside the bone surface
    auto local = [&](const glm::dvec3& world) { return m_t12.toLocal(world); };
    RimSide side;
    // Sternal part: the back of the xiphoid, the highest and most anterior point.
    const glm::dvec3 xiphoid(0.0, 0.074, 0.1575);
    side.line.push_back(xiphoid);
    // Costal part: along the inner surface of the costal margin, from the seventh cartilage
    // (where it has come down to about the xiphoid's level) to the end of the tenth rib.
    for (const glm::dvec3& w : cage.costalMarginInner(false, clearance)) {
        const glm::dvec3 p = local(w);
        if (p.y < xiphoid.y + 0.002 && -p.x > 0.012)
            side.line.push_back(p);
    }
    // Tips of the floating ribs (inner surfaces), then along the twelfth rib to the lateral
    // arcuate ligament.
    side.line.push_back(local(cage.ribInner(11, false, 0.99, clearance + 0.0025, 0.003)));
    side.line.push_back(local(cage.ribInner(12, false, 0.96, clearance, 0.002)));
    side.rib12 = local(cage.ribInner(12, false, 0.72, clearance, 0.003));
    side.line.push_back(side.rib12);
    // Lumbar part: lateral arcuate ligament over quadratus lumborum to the tip of the L1
    // transverse process, medial arcuate ligament arching forwards over psoas to the side of
    // the L1 body.
    const VertebraDimensions l1 = vertebraDimensionsFrom(m_rig, "l1");
    const VertebraFrame& f1 = m_rig.frame("l1");
    auto fromL1 = [&](const glm::dvec3& p) { return local(f1.toWorld(p)); };
    const double tpX = 0.5 * l1.canalWidth + l1.pedicleWidth + l1.transverseLength;
    const double b = 0.5 * l1.bodyDepth;
    side.l1Transverse = fromL1({-tpX, 0.004, -b - 0.006});
    side.lateralArcuate = 0.5 * (side.rib12 + side.l1Transverse) + glm::dvec3(0.0, 0.011, 0.006);
    side.medialArcuate = fromL1({-tpX + 0.006, 0.017, 0.008});
    side.l1Body = fromL1({-0.5 * l1.bodyWidth - 0.002, 0.006, 0.006});
    side.line.push_back(side.lateralArcuate);
    side.line.push_back(side.l1Transverse);
    side.line.push_back(side.medialArcuate);
    side.line.push_back(side.l1Body);
    side.line.push_back({-0.012, -0.012, 0.040}); // towards the median arcuate ligament
    return side;
}

glm::dvec3 Diaphragm::medianArcuate() const { return {0.0, -0.008, 0.042}; }

std::vector<glm::dvec3> Diaphragm::rimLocal() const
{
    const RimSide side = rimSide();
    std::vector<glm::dvec3> keys = side.line; // xiphoid first
    keys.push_back(medianArcuate());
    for (auto it = side.line.rbegin(); it + 1 != side.line.rend(); ++it)
        keys.push_back({-it->x, it->y, it->z});
    // Smooth closed curve through the keys, then evenly spaced points, the xiphoid first.
    const std::vector<glm::dvec3> dense = closedSpline(keys, 6);
    std::vector<double> arc(dense.size() + 1, 0.0);
    for (std::size_t i = 0; i < dense.size(); ++i)
        arc[i + 1] = arc[i] + glm::length(dense[(i + 1) % dense.size()] - dense[i]);
    const int count = 208;
    std::vector<glm::dvec3> out;
    std::size_t k = 0;
    for (int j = 0; j < count; ++j) {
        const double target = arc.back() * double(j) / count;
        while (k + 1 < dense.size() && arc[k + 1] < target)
            ++k;
        const double f = (target - arc[k]) / std::max(arc[k + 1] - arc[k], 1e-12);
        out.push_back(dense[k] + (dense[(k + 1) % dense.size()] - dense[k]) * f);
    }
    // Exact left-right symmetry: the left half is the mirror of the right half.
    for (int j = 1; j < count / 2; ++j)
        out[std::size_t(count - j)] = glm::dvec3(-out[std::size_t(j)].x, out[std::size_t(j)].y, out[std::size_t(j)].z);
    out[0].x = 0.0;
    out[std::size_t(count / 2)].x = 0.0;
    return out;
}

std::vector<glm::dvec3> Diaphragm::rim() const
{
    std::vector<glm::dvec3> out;
    for (const glm::dvec3& p : rimLocal())
        out.push_back(m_t12.toWorld(p));
    return out;
}

double Diaphragm::domeHeight(double x, double z) const
{
    auto bump = [](double dx, double dz, double s) { return std::exp(-(dx * dx + dz * dz) / (2.0 * s * s)); };
    // Fitted in the T12 frame (whose y leans back about 10 deg) so that, in the model's
    // vertical, the tendon's centre lies at the xiphisternal junction, the right cupola about
    // 25 mm and the left about 13 mm above it; the heart presses a shallow saucer into the
    // anterior leaflet.
    return 0.0891 + 0.0456 * bump(x + 0.058, z - 0.050, 0.040) + 0.0339 * bump(x - 0.060, z - 0.046, 0.040) -
           0.004 * bump(x, z - 0.082, 0.026);
}

double Diaphragm::tendonDistance(double x, double z) const
{
    // Trefoil: an anterior leaflet under the heart and two posterolateral leaflets (the right
    // one larger) joined by a central part; T12 frame, metres.
    const double anterior = ellipseXZ(x, z, 0.0, 0.086, 1.0, 0.0, 0.031, 0.024);
    const double right = ellipseXZ(x, z, -0.045, 0.042, -1.0, -0.62, 0.037, 0.016);
    const double left = ellipseXZ(x, z, 0.043, 0.044, 1.0, -0.62, 0.033, 0.015);
    const double centre = ellipseXZ(x, z, 0.0, 0.060, 1.0, 0.0, 0.024, 0.022);
    return smin(smin(anterior, centre, 0.010), smin(right, left, 0.004), 0.012);
}

BuiltPart Diaphragm::shell() const
{
    const std::vector<glm::dvec3> rimPts = rimLocal();
    const int around = int(rimPts.size());
    const int rings = 40;
    const glm::dvec3 centre(0.0, 0.0, 0.068);
    // Mid-surface grid (T12 frame): ring 0 on the rim, ring `rings` at the centre.
    std::vector<glm::dvec3> grid((rings + 1) * around);
    std::vector<double> w((rings + 1) * around), tendon((rings + 1) * around), half((rings + 1) * around);
    for (int i = 0; i <= rings; ++i) {
        const double rho = double(i) / rings;
        const double f = std::sin(0.5 * kPi * std::min(1.0, rho / 0.75)); // vertical progress
        for (int j = 0; j < around; ++j) {
            const glm::dvec3& r = rimPts[j];
            // Horizontal progress: the costal part rises steeply inside the ribs (the zone of
            // apposition); the lumbar part leans forwards off the arcuate ligaments, in front
            // of the T12 body and the heads of the twelfth ribs.
            const double g = std::pow(rho, 0.7 + 0.65 * smooth01((r.z - 0.005) / 0.045));
            const double x = r.x + (centre.x - r.x) * g;
            const double z = r.z + (centre.z - r.z) * g;
            const int k = i * around + j;
            grid[k] = {x, r.y + (domeHeight(x, z) - r.y) * f, z};
            w[k] = smooth01(0.15 * f + 0.85 * rho);
            const double dist = tendonDistance(x, z);
            // Tendon only on the dome's top (not where a steep wall passes under a leaflet), with a
            // soft margin so the boundary does not show the grid.
            const double t = (1.0 - smooth01((dist + 0.0025) / 0.005)) * smooth01((f - 0.86) / 0.08);
            tendon[k] = t;
            // Muscle: radial fascicles (fine ridges round the dome) and a slight lip where they
            // end on the tendon; thin at the very rim where it meets bone.
            const double u = double(j) / around;
            const double ridge = 0.5 + 0.5 * std::cos(2.0 * kPi * 72.0 * u);
            const double lip = std::exp(-std::pow((dist - 0.004) / 0.004, 2.0));
            const double rimTaper = 0.55 + 0.45 * smooth01(rho / 0.15);
            const double muscle = (kMuscleHalf + 0.00045 * ridge * smooth01(rho / 0.1) + 0.0008 * lip) * rimTaper;
            half[k] = muscle + (kTendonHalf - muscle) * t;
        }
    }
    // Normals of the mid-surface (pointing up / into the thorax).
    std::vector<glm::dvec3> nrm(grid.size());
    for (int i = 0; i <= rings; ++i)
        for (int j = 0; j < around; ++j) {
            const glm::dvec3 dj = grid[i * around + (j + 1) % around] - grid[i * around + (j + around - 1) % around];
            const int i0 = std::max(i - 1, 0), i1 = std::min(i + 1, rings);
            const glm::dvec3 di = grid[i1 * around + j] - grid[i0 * around + j];
            glm::dvec3 n = glm::cross(dj, di);
            const double len = glm::length(n);
            n = len > 1e-12 ? n / len : glm::dvec3(0, 1, 0);
            if (n.y < -0.2 && i == rings)
                n = -n;
            nrm[i * around + j] = n;
        }
    BuiltPart part;
    part.id = "diaphragm";
    auto colour = [&](int k) { return kMuscleColour + (kTendonColour - kMuscleColour) * float(tendon[k]); };
    // Upper surface, then lower surface; the last ring collapses to a pole each. The tendon's
    // upper face sits a little lower than the muscle around it, so its margin shows as a step.
    const int usedRings = rings; // rings 0..rings-1 as full rings, ring `rings` is the pole
    for (int side = 0; side < 2; ++side) {
        const double sgn = side == 0 ? 1.0 : -1.0;
        for (int i = 0; i < usedRings; ++i)
            for (int j = 0; j < around; ++j) {
                const int k = i * around + j;
                const double drop = side == 0 ? 0.0006 * tendon[k] : 0.0;
                part.positions.emplace_back(m_t12.toWorld(grid[k] + nrm[k] * (sgn * half[k] - drop)));
                part.uv1.emplace_back(0.0f, float(w[k]));
                part.colors.push_back(colour(k));
            }
    }
    const int pole = rings * around;
    const glm::dvec3 poleMid = grid[pole];
    const std::uint32_t poleTop = std::uint32_t(part.positions.size());
    part.positions.emplace_back(m_t12.toWorld(poleMid + glm::dvec3(0, half[pole] - 0.0006 * tendon[pole], 0)));
    part.uv1.emplace_back(0.0f, 1.0f);
    part.colors.push_back(colour(pole));
    const std::uint32_t poleBottom = poleTop + 1;
    part.positions.emplace_back(m_t12.toWorld(poleMid - glm::dvec3(0, half[pole], 0)));
    part.uv1.emplace_back(0.0f, 1.0f);
    part.colors.push_back(colour(pole));
    const std::uint32_t bottomBase = std::uint32_t(usedRings * around);
    auto quad = [&](std::uint32_t a, std::uint32_t b, std::uint32_t c, std::uint32_t d, bool flip) {
        if (flip)
            part.indices.insert(part.indices.end(), {a, c, b, b, c, d});
        else
            part.indices.insert(part.indices.end(), {a, b, c, b, d, c});
    };
    for (int i = 0; i + 1 < usedRings; ++i)
        for (int j = 0; j < around; ++j) {
            const std::uint32_t a = i * around + j, b = i * around + (j + 1) % around;
            const std::uint32_t c = a + around, d = b + around;
            quad(a, b, c, d, false);
            quad(bottomBase + a, bottomBase + b, bottomBase + c, bottomBase + d, true);
        }
    const std::uint32_t last = std::uint32_t((usedRings - 1) * around);
    for (int j = 0; j < around; ++j) {
        const std::uint32_t a = last + j, b = last + (j + 1) % around;
        part.indices.insert(part.indices.end(), {a, b, poleTop});
        part.indices.insert(part.indices.end(), {bottomBase + b, bottomBase + a, poleBottom});
        // Rim strip joining the upper and lower surfaces.
        const std::uint32_t ra = j, rb = (j + 1) % around;
        quad(bottomBase + ra, bottomBase + rb, ra, rb, false);
    }
    return part;
}

BuiltPart Diaphragm::ligaments() const
{
    // Tendinous arches of the lumbar part, along the rim: the median arcuate ligament joining
    // the crura in front of the aorta, the medial arcuate over psoas (L1 body to its transverse
    // process) and the lateral arcuate over quadratus lumborum (L1 transverse process to the
    // 12th rib). They ride with T12 (region 0, w 0).
    const RimSide rs = rimSide();
    auto side = [&](bool right, const glm::dvec3& p) { return m_t12.toWorld(right ? p : glm::dvec3(-p.x, p.y, p.z)); };
    BuiltPart all;
    auto add = [&](const std::vector<glm::dvec3>& keys, double r) {
        SweepOptions o;
        o.rings = 18;
        o.segments = 8;
        o.flatten = [](double) { return 0.6; };
        o.flattenAxis = m_t12.axes[1];
        BuiltPart tube = sweepTube("diaphragm", smoothPolyline(keys, 6), [r](double s) {
            return r * (0.75 + 0.25 * std::sin(kPi * s));
        }, o);
        for (glm::vec2& uv : tube.uv1)
            uv = glm::vec2(0.0f, 0.0f);
        tube.colors.assign(tube.positions.size(), kTendonColour);
        appendPart(all, tube);
    };
    for (const bool right : {true, false}) {
        add({side(right, rs.rib12), side(right, rs.lateralArcuate), side(right, rs.l1Transverse)}, 0.0022);
        add({side(right, rs.l1Transverse), side(right, rs.medialArcuate), side(right, rs.l1Body)}, 0.0024);
    }
    add({side(true, rs.l1Body), m_t12.toWorld(medianArcuate()), side(false, rs.l1Body)}, 0.0026);
    return all;
}

BuiltPart Diaphragm::crus(bool right) const
{
    const double sx = right ? -1.0 : 1.0;
    std::vector<glm::dvec3> pts;
    // From the lowest vertebral attachment up along the bodies into the dome.
    const std::vector<std::string> levels = right ? std::vector<std::string>{"l3", "l2", "l1"}
                                                  : std::vector<std::string>{"l2", "l1"};
    for (const std::string& lv : levels) {
        const VertebraDimensions d = vertebraDimensionsFrom(m_rig, lv);
        pts.push_back(m_rig.frame(lv).toWorld({sx * 0.010, lv == levels.front() ? -0.004 : 0.0, 0.5 * d.bodyDepth + 0.004}));
    }
    pts.push_back(m_t12.toWorld({sx * 0.014, -0.014, 0.034}));
    pts.push_back(m_t12.toWorld({sx * 0.016, 0.020, 0.052}));
    pts.push_back(m_t12.toWorld({sx * 0.010, 0.055, 0.062}));
    std::vector<glm::dvec3> line = smoothPolyline(pts, 8);
    const double rBottom = right ? 0.0065 : 0.0055;
    auto radius = [rBottom](double s) { return rBottom + 0.006 * smooth01(s / 0.6); };
    const BoneClearance clearance(m_rig);
    line = clearance.clear(line, [&](double s) { return 0.5 * radius(s); }, {}, 0.02, 0.2);
    SweepOptions o;
    o.rings = 30;
    o.segments = 10;
    o.flatten = [](double) { return 0.55; };
    o.flattenAxis = m_t12.axes[2];
    BuiltPart tube = sweepTube("diaphragm", line, radius, o);
    // The crura are tendinous where they attach to the vertebrae and muscular above.
    tube.colors.resize(tube.positions.size());
    for (std::size_t v = 0; v < tube.uv1.size(); ++v) {
        const float s = tube.uv1[v].y;
        const float t = 1.0f - float(smooth01((s - 0.12) / 0.18));
        tube.colors[v] = kMuscleColour + (kTendonColour - kMuscleColour) * t;
        tube.uv1[v] = glm::vec2(right ? 1.0f : 2.0f, float(0.45 * smooth01(s)));
    }
    return tube;
}

BuiltPart Diaphragm::build() const
{
    BuiltPart part = shell();
    appendPart(part, crus(true));
    appendPart(part, crus(false));
    appendPart(part, ligaments());
    computeSmoothNormals(part);
    return part;
}

} // namespace psoas::modelbuilder
