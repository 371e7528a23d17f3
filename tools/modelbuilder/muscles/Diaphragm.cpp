#include "muscles/Diaphragm.h"
#include "muscles/DiaphragmOpenings.h"
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
// Crown heights of the cupolae above the tendon's level (domeHeight); tuned so that the right
// dome ends about 25 mm and the left about 13 mm above the xiphisternal junction.
constexpr double kRightCupola = 0.088;
constexpr double kLeftCupola = 0.072;
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

Diaphragm::Diaphragm(const RigLayout& rig)
    : m_rig(rig), m_t12(rig.frame("t12")), m_caval(m_t12.toLocal(rig.landmark("lm_caval_opening"))),
      m_hiatus(m_t12.toLocal(rig.landmark("lm_oesophageal_hiatus")))
{
}

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
    // Towards the median arcuate ligament, which arches in front of the aorta from one crus to
    // the other (about 2.5 cm apart).
    side.medianSide = {-0.012, -0.012, 0.040};
    side.line.push_back(side.medianSide);
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
    // Gaussian bump, wider behind its centre than in front, so the dome falls away in a long
    // curve towards the deep posterior recess and more briefly towards the xiphoid.
    auto bump = [](double dx, double dz, double sx, double sz) {
        const double szSide = dz < 0.0 ? 1.3 * sz : 0.9 * sz;
        return std::exp(-0.5 * ((dx * dx) / (sx * sx) + (dz * dz) / (szSide * szSide)));
    };
    // Crown of the dome (T12 frame, whose y leans back about 10 deg): two broad cupolae a
    // little in front of the middle of the thorax, the right one higher, and a lower saddle
    // between them where the central tendon lies under the heart. The shell only reaches this
    // height at its centre; elsewhere it blends from the rim towards it (see shell()), so the
    // field is higher than the surface it produces.
    // Behind the cupolae the field falls further, so the back of the dome slopes down into the
    // deep posterior recess instead of standing as a wall under a flat top.
    const double back = 0.032 * (1.0 - smooth01((z - 0.005) / 0.070));
    return 0.080 + kRightCupola * bump(x + 0.074, z - 0.094, 0.040, 0.050) +
           kLeftCupola * bump(x - 0.074, z - 0.090, 0.040, 0.050) - 0.005 * bump(x, z - 0.090, 0.024, 0.024) - back;
}

double Diaphragm::tendonDistance(double x, double z) const
{
    // Trefoil: an anterior leaflet under the heart and two posterolateral leaflets (the right
    // one larger) joined by a central part; T12 frame, metres.
    const double anterior = ellipseXZ(x, z, 0.0, 0.086, 1.0, 0.0, 0.031, 0.024);
    const double right = ellipseXZ(x, z, -0.038, 0.052, -1.0, -0.55, 0.030, 0.015);
    const double left = ellipseXZ(x, z, 0.036, 0.054, 1.0, -0.55, 0.027, 0.014);
    const double centre = ellipseXZ(x, z, 0.0, 0.064, 1.0, 0.0, 0.023, 0.018);
    // The caval opening lies wholly in the tendon, where the right leaflet meets the others.
    const double caval = ellipseXZ(x, z, m_caval.x, m_caval.z, -0.45, 0.9, 0.018, 0.015);
    const double tendon = smin(smin(smin(anterior, centre, 0.010), smin(right, left, 0.004), 0.012), caval, 0.008);
    // The oesophageal hiatus is ringed by muscle (the fibres of the right crus), not tendon.
    return std::max(tendon, 0.024 - std::hypot(x - m_hiatus.x, z - m_hiatus.z));
}

BuiltPart Diaphragm::shell(std::vector<PlacedOpening>& placed) const
{
    const std::vector<glm::dvec3> rimPts = rimLocal();
    const int around = int(rimPts.size());
    const int rings = 40;
    const glm::dvec3 centre(0.0, 0.0, 0.068);
    // Mid-surface grid (T12 frame): ring 0 on the rim, ring `rings` at the centre.
    std::vector<glm::dvec3> grid((rings + 1) * around);
    std::vector<double> w((rings + 1) * around), tendon((rings + 1) * around), half((rings + 1) * around);
    // Each spoke runs from its rim point to the centre. Its height blends from the rim's
    // towards the crown (domeHeight) by F(rho) = sin(pi/2 rho), which only reaches 1 at the
    // centre, so the top is a smooth curve with no shoulder. Horizontally the spoke first
    // hardly moves inwards (1 - cos) so the muscle rises along the inner chest wall (the zone of
    // apposition) and then curves over; `lean` adds a straight inward part where the wall has
    // to follow bone inwards: in front (behind the costal cartilages, which run up and in to
    // the sternum) and beside the spine (off the arcuate ligaments, in front of T12 and the
    // rib heads).
    for (int i = 0; i <= rings; ++i) {
        const double rho = double(i) / rings;
        const double theta = 0.5 * kPi * rho;
        const double f = std::sin(theta);
        for (int j = 0; j < around; ++j) {
            const glm::dvec3& r = rimPts[j];
            const double front = smooth01((r.z - 0.090) / 0.050);
            const double spine = (1.0 - smooth01((std::abs(r.x) - 0.040) / 0.035)) * (1.0 - smooth01((r.z - 0.045) / 0.020));
            const double back = 1.0 - smooth01((r.z + 0.005) / 0.045);
            const double lean = 0.28 + 0.32 * front + 0.70 * back;
            // Beside the spine the muscle leaves the arcuate ligaments leaning well forwards
            // (rho^0.7: inwards faster than upwards), clear of the heads of the twelfth ribs.
            const double g = (1.0 - spine) * (lean * rho + (1.0 - lean) * (1.0 - std::cos(theta))) +
                             spine * std::pow(rho, 0.7);
            const double x = r.x + (centre.x - r.x) * g;
            const double z = r.z + (centre.z - r.z) * g;
            const int k = i * around + j;
            grid[k] = {x, r.y + (domeHeight(x, z) - r.y) * f, z};
            w[k] = smooth01(0.3 * f + 0.7 * rho);
            const double dist = tendonDistance(x, z);
            // Tendon only on the upper part of the dome (not where the wall passes under a
            // leaflet), with a soft margin so the boundary does not show the grid.
            const double t = (1.0 - smooth01((dist + 0.0025) / 0.005)) * smooth01((rho - 0.42) / 0.12);
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
    // Beside the spine the wall rising off the medial arcuate ligament passes close to the sides
    // of the T12 and L1 bodies: push any of it that would reach into the bone out along the
    // bone's outward direction, so the whole thickness of the muscle stays outside.
    const BoneClearance bones(m_rig);
    for (int i = 0; i <= rings / 2; ++i)
        for (int j = 0; j < around; ++j) {
            const int k = i * around + j;
            for (int pass = 0; pass < 3; ++pass) {
                const glm::dvec3 p = m_t12.toWorld(grid[k]);
                const double need = half[k] + 0.0004 - bones.vertebraDistance(p);
                if (need <= 0.0)
                    break;
                const double e = 0.0005;
                const glm::dvec3 grad(bones.vertebraDistance(p + glm::dvec3(e, 0, 0)) - bones.vertebraDistance(p - glm::dvec3(e, 0, 0)),
                                      bones.vertebraDistance(p + glm::dvec3(0, e, 0)) - bones.vertebraDistance(p - glm::dvec3(0, e, 0)),
                                      bones.vertebraDistance(p + glm::dvec3(0, 0, e)) - bones.vertebraDistance(p - glm::dvec3(0, 0, e)));
                if (glm::length(grad) < 1e-12)
                    break;
                grid[k] += glm::transpose(m_t12.axes) * (glm::normalize(grad) * need);
            }
        }
    // Mid-surface triangles (counter-clockwise from above); the last ring closes on the pole.
    const std::uint32_t pole = std::uint32_t(rings * around);
    std::vector<Triangle> tris;
    for (int i = 0; i < rings; ++i)
        for (int j = 0; j < around; ++j) {
            const std::uint32_t a = i * around + j, b = i * around + (j + 1) % around;
            if (i + 1 == rings) {
                tris.push_back({a, b, pole});
                continue;
            }
            const std::uint32_t c = a + around, d = b + around;
            tris.push_back({a, b, c});
            tris.push_back({b, d, c});
        }
    // The caval opening and the oesophageal hiatus (the aortic hiatus lies behind the median
    // arcuate ligament, below the dome).
    const std::size_t firstPlaced = placed.size();
    const std::vector<std::array<std::uint32_t, 2>> edges = cutOpenings(grid, tris, openings(), &placed);
    for (std::size_t k = firstPlaced; k < placed.size(); ++k)
        placed[k].follow = w[placed[k].nearestVertex];
    // Normals of the mid-surface (pointing up / into the thorax).
    std::vector<glm::dvec3> nrm(grid.size(), glm::dvec3(0.0, 1.0, 0.0));
    for (int i = 0; i < rings; ++i)
        for (int j = 0; j < around; ++j) {
            const glm::dvec3 dj = grid[i * around + (j + 1) % around] - grid[i * around + (j + around - 1) % around];
            const int i0 = std::max(i - 1, 0), i1 = std::min(i + 1, rings);
            const glm::dvec3 di = grid[i1 * around + (i1 == rings ? 0 : j)] - grid[i0 * around + j];
            glm::dvec3 n = glm::cross(dj, di);
            const double len = glm::length(n);
            nrm[i * around + j] = len > 1e-12 ? n / len : glm::dvec3(0, 1, 0);
        }
    BuiltPart part;
    part.id = "diaphragm";
    auto colour = [&](int k) { return kMuscleColour + (kTendonColour - kMuscleColour) * float(tendon[k]); };
    // Upper surface, then lower surface (vertex k of the grid and k + count). The tendon's upper
    // face sits a little lower than the muscle around it, so its margin shows as a step.
    const std::uint32_t count = pole + 1;
    for (int side = 0; side < 2; ++side) {
        const double sgn = side == 0 ? 1.0 : -1.0;
        for (std::uint32_t k = 0; k < count; ++k) {
            const double drop = side == 0 ? 0.0006 * tendon[k] : 0.0;
            part.positions.emplace_back(m_t12.toWorld(grid[k] + nrm[k] * (sgn * half[k] - drop)));
            part.uv1.emplace_back(0.0f, float(w[k]));
            part.colors.push_back(colour(int(k)));
        }
    }
    for (const Triangle& t : tris) {
        part.indices.insert(part.indices.end(), {t[0], t[1], t[2]});
        part.indices.insert(part.indices.end(), {count + t[0], count + t[2], count + t[1]});
    }
    // Walls joining the two faces along every free edge: the outer rim and the openings.
    for (const auto& [a, b] : edges)
        part.indices.insert(part.indices.end(), {b, a, count + a, b, count + a, count + b});
    dropUnusedVertices(part);
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
    add({side(true, rs.l1Body), side(true, rs.medianSide), m_t12.toWorld(medianArcuate()), side(false, rs.medianSide),
         side(false, rs.l1Body)},
        0.0026);
    return all;
}

BuiltPart Diaphragm::crus(bool right) const
{
    // A crus is a flat band, not a cord: narrow and tendinous where it arises from the front
    // and side of the upper lumbar bodies (right L1-L3, left L1-L2), lying flat on the bone,
    // then running up and forwards beside the aorta (where the median arcuate ligament joins
    // the two in front of it at about T12), widening and thinning into muscle that fans out into
    // the back of the dome behind the central tendon.
    const double sx = right ? -1.0 : 1.0;
    const BoneClearance bones(m_rig);
    // A point on the front-and-side of a vertebral body, `phiDeg` from straight ahead towards
    // this side, `gap` metres clear of the bone.
    auto onBody = [&](const std::string& level, double y, double phiDeg, double gap) {
        const VertebraFrame& f = m_rig.frame(level);
        const double phi = phiDeg * kPi / 180.0;
        const glm::dvec3 dir(sx * std::sin(phi), 0.0, std::cos(phi));
        for (double r = 0.004; r < 0.05; r += 0.0004) {
            const glm::dvec3 p = f.toWorld(glm::dvec3(0.0, y, 0.0) + dir * r);
            if (bones.vertebraDistance(p) >= gap)
                return p;
        }
        return f.toWorld(glm::dvec3(0.0, y, 0.0) + dir * 0.03);
    };
    const double halfBottom = right ? 0.0017 : 0.0016; // half thickness of the tendon on the bone
    std::vector<glm::dvec3> pts;
    if (right)
        pts.push_back(onBody("l3", -0.004, 26.0, halfBottom + 0.0014));
    pts.push_back(onBody("l2", right ? 0.0 : -0.004, 24.0, halfBottom + 0.0014));
    pts.push_back(onBody("l1", 0.0, 22.0, halfBottom + 0.0014));
    // Off the bone at the T12 level, in front of the body beside the aorta, where the median
    // arcuate ligament arches across between the two crura.
    pts.push_back(m_t12.toWorld({sx * 0.025, -0.012, 0.030}));
    // Above that the band rises on the abdominal face of the back of the dome, in front of the
    // aorta (which goes up behind it into the thorax), and fades into it; the right crus ends
    // below the oesophageal hiatus, whose sling it forms (hiatusSling).
    pts.push_back(m_t12.toWorld({sx * 0.022, 0.012, 0.052}));
    pts.push_back(m_t12.toWorld({sx * 0.010, 0.036, 0.062}));
    const std::vector<glm::dvec3> line = smoothPolyline(pts, 8);
    // Where the band leaves the bone (arc fraction): above it the band turns to face the back
    // of the dome, below it lies flat on the vertebral bodies.
    const double leave = right ? 0.55 : 0.42;
    const int rings = 24, segs = 12;
    BuiltPart band;
    band.id = "diaphragm";
    const std::vector<glm::dvec3> centres = resampleEvenly(line, rings);
    std::vector<glm::dvec3> lifted = centres;
    for (int r = 0; r < rings; ++r) {
        const double s = double(r) / (rings - 1);
        const glm::dvec3 c = centres[std::size_t(r)];
        const glm::dvec3 t = glm::normalize(centres[std::size_t(std::min(r + 1, rings - 1))] -
                                            centres[std::size_t(std::max(r - 1, 0))]);
        // Thin axis: facing forwards and out from the front-and-side of the bodies low down
        // (where the band lies on them), turning to face straight forwards higher up (the back
        // of the dome faces forwards and down there). Fixed directions, so the band does not
        // twist where it passes a disc.
        const glm::dvec3 onBone = m_t12.axes * glm::dvec3(sx * 0.40, 0.0, 0.92);
        const double up = smooth01((s - leave + 0.1) / 0.25);
        glm::dvec3 thin = glm::normalize(onBone * (1.0 - up) + m_t12.axes[2] * up);
        thin = thin - glm::dot(thin, t) * t;
        thin = glm::length(thin) > 1e-9 ? glm::normalize(thin) : m_t12.axes[2];
        const glm::dvec3 wide = glm::cross(t, thin);
        // Narrow tendon below (about 7-8 mm wide), fanning to about 26 mm and thinning to
        // the muscle's thickness above; the last few millimetres taper into the dome.
        const double fan = smooth01((s - 0.15) / 0.7);
        const double halfWide = (right ? 0.0040 : 0.0036) + 0.0095 * fan;
        const double endTaper = 1.0 - 0.55 * smooth01((s - 0.88) / 0.12);
        const double halfThin = (halfBottom + (0.0011 - halfBottom) * fan) * endTaper;
        // The body's surface curves away under a flat band: lift the section along its thin
        // axis until none of its points is in the bone (a few tenths of a millimetre).
        glm::dvec3 centre = c;
        for (int pass = 0; pass < 3; ++pass) {
            double lowest = 1e9;
            for (int k = 0; k < segs; ++k) {
                const double a = 2.0 * kPi * k / segs;
                lowest = std::min(lowest, bones.vertebraDistance(centre + wide * (halfWide * std::cos(a)) +
                                                                 thin * (halfThin * std::sin(a))));
            }
            if (lowest >= 0.0003)
                break;
            centre += thin * (0.0003 - lowest);
        }
        lifted[std::size_t(r)] = centre;
        for (int k = 0; k < segs; ++k) {
            const double a = 2.0 * kPi * k / segs;
            band.positions.emplace_back(centre + wide * (halfWide * std::cos(a)) + thin * (halfThin * std::sin(a)));
            band.uv1.emplace_back(right ? 1.0f : 2.0f, float(0.45 * smooth01(s)));
            // Tendinous (pale) where it attaches to the vertebrae, muscular above.
            const double tendon = 1.0 - smooth01((s - 0.18) / 0.22);
            band.colors.push_back(kMuscleColour + (kTendonColour - kMuscleColour) * float(tendon));
        }
    }
    auto vid = [&](int r, int k) { return std::uint32_t(r * segs + ((k % segs) + segs) % segs); };
    for (int r = 0; r + 1 < rings; ++r)
        for (int k = 0; k < segs; ++k) {
            // wide x thin = -tangent: increasing k turns clockwise seen from +t, so this order faces out
            const std::uint32_t a = vid(r, k), b = vid(r, k + 1), cc = vid(r + 1, k + 1), d = vid(r + 1, k);
            band.indices.insert(band.indices.end(), {a, cc, b, a, d, cc});
        }
    // Close both ends with a pole each (one closed mesh).
    const std::uint32_t start = std::uint32_t(band.positions.size());
    band.positions.emplace_back(lifted.front());
    band.uv1.emplace_back(right ? 1.0f : 2.0f, 0.0f);
    band.colors.push_back(kTendonColour);
    const std::uint32_t end = start + 1;
    band.positions.emplace_back(lifted.back());
    band.uv1.emplace_back(right ? 1.0f : 2.0f, 0.45f);
    band.colors.push_back(kMuscleColour);
    for (int k = 0; k < segs; ++k) {
        band.indices.insert(band.indices.end(), {start, vid(0, k), vid(0, k + 1)});
        band.indices.insert(band.indices.end(), {end, vid(rings - 1, k + 1), vid(rings - 1, k)});
    }
    return band;
}

BuiltPart Diaphragm::build() const
{
    std::vector<PlacedOpening> placed;
    BuiltPart part = shell(placed);
    // openings(): the caval opening, then the oesophageal hiatus with the right crus's sling.
    appendPart(part, hiatusSling(placed.at(1), m_t12, kMuscleHalf + 0.0018));
    appendPart(part, crus(true));
    appendPart(part, crus(false));
    appendPart(part, ligaments());
    computeSmoothNormals(part);
    return part;
}

} // namespace psoas::modelbuilder
