#include "spine/VertebraShape.h"

#include "spine/ShapeSdf.h"

#include <algorithm>
#include <cmath>

namespace psoas::modelbuilder {

using shape::V3;

namespace {
constexpr double kFacetGap = 0.0014; // articular cartilage and joint space between the facets (m)
// Depth of the shallow concavity in the back of the body at the midline (m): real lumbar bodies
// are barely notched (the mean L3/L4 of Clouthier et al. 2023 about 1-2 mm); the canal's depth
// is measured from it.
constexpr double kLumbarNotchDepth = VertebraShape::kLumbarNotchDepth;
}

VertebraDimensions defaultVertebraDimensions(const std::string& id)
{
    // Body sizes from the data sheet table 1a (mm), pedicles 1c, processes 1d.
    struct Row {
        const char* id;
        double ah, ph, w, d, pw, phh, cw, tpl, tpt, up, spl, sph, facet;
    };
    static const Row rows[] = {
        // Simplified lower thoracic levels (no sheet values: typical adult sizes, U).
        {"t7", 19, 20.5, 31, 27, 6.5, 13.0, 16, 16, 8, 3, 38, 10, 0},
        {"t8", 19.5, 21, 32, 28, 6.8, 13.5, 16, 15, 8, 3, 38, 10, 0},
        {"t9", 20, 21.5, 33, 29, 7.0, 14.0, 16.5, 13, 8, 3, 36, 11, 0},
        {"t10", 21, 22.5, 35, 30, 7.3, 14.5, 17, 11, 8, 2, 32, 12, 0},
        {"t11", 22, 24, 37, 30, 7.6, 15.0, 18, 7, 8, 1, 28, 14, 0},
        {"t12", 24, 26, 40, 31, 8.0, 16.0, 21, 6, 8, 0, 25, 19, 0},
        {"l1", 26, 27, 42, 32, 8.7, 15.4, 22, 10, 8, 0, 27, 21, 25},
        {"l2", 27, 27, 44, 33, 8.9, 15.0, 23, 15, 8, 0, 28, 22, 30},
        {"l3", 28, 27, 46, 34, 10.3, 14.9, 24, 19, 8.5, 1, 29, 23, 35},
        {"l4", 28, 26, 48, 35, 12.9, 14.8, 25, 15, 9, 3, 27, 22, 40},
        {"l5", 30, 26, 49, 36, 16.1, 12.9, 27, 15, 15, 5, 23, 19, 48},
    };
    VertebraDimensions v;
    v.id = id;
    for (const Row& r : rows) {
        if (id != r.id)
            continue;
        v.anteriorHeight = r.ah * 1e-3;
        v.posteriorHeight = r.ph * 1e-3;
        v.bodyWidth = r.w * 1e-3;
        v.bodyDepth = r.d * 1e-3;
        v.pedicleWidth = r.pw * 1e-3;
        v.pedicleHeight = r.phh * 1e-3;
        v.canalWidth = r.cw * 1e-3;
        v.canalDepth = (id == "l5" ? 15.6 : 17.0) * 1e-3;
        v.transverseLength = r.tpl * 1e-3;
        v.transverseThickness = r.tpt * 1e-3;
        v.transverseUpturn = r.up * 1e-3;
        v.spinousLength = r.spl * 1e-3;
        v.spinousHeight = r.sph * 1e-3;
        v.facetAngleDeg = r.facet;
        v.thoracic = id[0] == 't';
        v.costalPits = id == "t12";
    }
    // Lower thoracic spinous processes slope steeply down; transverse processes sweep back to
    // meet the rib tubercles.
    static const std::pair<const char*, std::pair<double, double>> thoracic[] = {
        {"t7", {58, 0.013}}, {"t8", {58, 0.012}}, {"t9", {50, 0.011}}, {"t10", {40, 0.009}}, {"t11", {26, 0.006}}};
    for (const auto& [tid, v2] : thoracic)
        if (id == tid) {
            v.spinousDropDeg = v2.first;
            v.transverseBack = v2.second;
            v.canalDepth = 0.0155;
        }
    // Lumbar transverse processes run back as they run out: the mean L3/L4 of Clouthier et al.
    // 2023 have their tips about 7 and 4 mm behind a process at right angles to the body.
    static const std::pair<const char*, double> lumbarBack[] = {{"l3", 0.0075}, {"l4", 0.0045}};
    for (const auto& [lid, back] : lumbarBack)
        if (id == lid)
            v.transverseBack = back;
    return v;
}

VertebraShape::VertebraShape(const VertebraDimensions& dims) : m_d(dims) {}

double VertebraShape::halfHeightAt(double z) const
{
    const double t = std::clamp((z + 0.5 * m_d.bodyDepth) / m_d.bodyDepth, 0.0, 1.0);
    return 0.5 * (m_d.posteriorHeight + (m_d.anteriorHeight - m_d.posteriorHeight) * t);
}

double VertebraShape::bodyDistance(const V3& p) const
{
    const double a = 0.5 * m_d.bodyWidth;
    const double b = 0.5 * m_d.bodyDepth;
    const double hh = halfHeightAt(p.z);
    // Waist: the body is narrower at mid-height than at the endplates.
    const double u = std::clamp(p.y / hh, -1.0, 1.0);
    // L1-L4 bodies: the sides deeply waisted, the front less so, flaring out to the endplate
    // rims in the outer third of the height (the mean L3/L4 of Clouthier et al. 2023). Thoracic
    // bodies and L5 (whose front overhangs the sacral promontory) keep an even, shallow waist.
    const double w = 1.0 - u * u;
    const bool evenWaist = m_d.thoracic || m_d.id == "l5";
    const double sx = evenWaist ? 1.0 - 0.07 * w : 1.0 - 0.14 * w * w * w;
    const double sz = evenWaist ? sx : 1.0 - 0.05 * w * w * w;
    const double s = std::min(sx, sz);
    const double x = p.x / sx, z = p.z / sz;
    // Kidney outline: an ellipse with a shallow posterior notch for the canal.
    double d2 = shape::ellipse2(x, z, a, b);
    const double notchR = 0.55 * m_d.canalWidth;
    const double notchDepth = m_d.thoracic ? 0.38 * notchR : kLumbarNotchDepth;
    const double notchZ = z + b + notchR - notchDepth;
    const double notch = std::sqrt(x * x + notchZ * notchZ) - notchR;
    d2 = shape::smoothSubtract(d2, notch, 0.004) * s;
    const double dy = std::abs(p.y) - hh;
    double d = std::min(std::max(d2, dy), 0.0) + glm::length(glm::dvec2(std::max(d2, 0.0), std::max(dy, 0.0)));
    d -= 0.0012; // rounded edges
    // Endplates: slightly concave inside a raised rim (ring apophysis).
    const double plateTop = shape::ellipsoid(p, V3(0.0, hh + 0.0016, -0.05 * b), V3(0.72 * a, 0.0022, 0.68 * b));
    const double plateBottom = shape::ellipsoid(p, V3(0.0, -hh - 0.0016, -0.05 * b), V3(0.72 * a, 0.0022, 0.68 * b));
    // The approximate ellipsoid distance overstates the depth inside these flat dishes; capped
    // at their half thickness, the subtraction never reports bone farther than it is (the
    // mesher skips blocks by the distance at their centres).
    d = shape::smoothSubtract(d, std::max(std::min(plateTop, plateBottom), -0.0022), 0.0012);
    return d;
}

void VertebraShape::setLowerNeighbour(const VertebraDimensions& lower, const glm::dmat3& rot, const glm::dvec3& offset)
{
    m_hasLower = true;
    m_lower = lower;
    m_lowerRot = rot;
    m_lowerOffset = offset;
}

VertebraShape::FacetArc VertebraShape::superiorFacetArc(const VertebraDimensions& v)
{
    // The facet's middle lies just behind and lateral to the canal at the pillar; its mean
    // normal looks medially and back at the facet angle from the sagittal plane.
    const double b = 0.5 * v.bodyDepth;
    const double th = glm::radians(v.facetAngleDeg);
    const glm::dvec2 normal(-std::cos(th), -std::sin(th));
    const glm::dvec2 middle(0.5 * v.canalWidth + 0.0038, -b - 0.72 * v.canalDepth - 0.0025);
    FacetArc a;
    a.radius = 0.012;
    a.centre = middle + normal * a.radius;
    a.midAngle = th;
    a.halfAngle = 0.55;
    return a;
}

namespace {

// A curved vertical plate: the part of the cylindrical shell rIn..rOut around the arc's axis
// within its angular extent (widened by `extraAngle`), between heights yLo and yHi, edges
// rounded with radius `round`. `q` is in the arc's frame; `y` is the height used.
double arcPlate(const glm::dvec3& q, double y, const VertebraShape::FacetArc& arc, double rIn, double rOut, double yLo,
                double yHi, double extraAngle, double round)
{
    const double dx = q.x - arc.centre.x, dz = q.z - arc.centre.y;
    const double r = std::sqrt(dx * dx + dz * dz);
    const double c = std::cos(arc.midAngle), s = std::sin(arc.midAngle);
    const double ang = std::atan2(-s * dx + c * dz, c * dx + s * dz); // from the middle direction
    const double dr = std::abs(r - 0.5 * (rIn + rOut)) - 0.5 * (rOut - rIn);
    // Distance to the plane of the nearer angular edge (to the axis once past a right angle).
    const double excess = std::abs(ang) - arc.halfAngle - extraAngle;
    const double da = excess < 1.5707963267948966 ? r * std::sin(excess) : r;
    const double dy = std::abs(y - 0.5 * (yLo + yHi)) - 0.5 * (yHi - yLo);
    const glm::dvec3 k = glm::dvec3(dr, da, dy) + glm::dvec3(round);
    return glm::length(glm::max(k, glm::dvec3(0.0))) + std::min(std::max(k.x, std::max(k.y, k.z)), 0.0) - round;
}

} // namespace

double VertebraShape::lumbarSuperiorProcess(const V3& q, const VertebraDimensions& v)
{
    // A curved vertical plate rising from the pedicle-lamina junction: its articular face is
    // concave and looks back and in, cradling the inferior process of the vertebra above; the
    // mammillary process bulges from its posterior border.
    const double hh = 0.5 * v.posteriorHeight;
    const double th = glm::radians(v.facetAngleDeg);
    const FacetArc arc = superiorFacetArc(v);
    const double thick = 0.0050;
    const double top = hh + 0.010;
    double sap = arcPlate(q, q.y, arc, arc.radius, arc.radius + thick, -0.1 * hh, top, 0.0, 0.0019);
    // Rounded, slightly tapering top: the plate narrows towards its tip.
    const glm::dvec2 middle = arc.centre + (arc.radius + 0.5 * thick) * glm::dvec2(std::cos(th), std::sin(th));
    sap = shape::smoothIntersect(sap, glm::length(glm::dvec2(q.x, q.z) - middle) + 0.8 * (q.y - top) - 0.0070, 0.002);
    const double back = arc.midAngle - arc.halfAngle - 0.05;
    const V3 mammillary(arc.centre.x + (arc.radius + thick) * std::cos(back), 0.45 * top,
                        arc.centre.y + (arc.radius + thick) * std::sin(back) - 0.0012);
    return shape::smoothUnion(sap, shape::ellipsoid(q, mammillary, V3(0.0030, 0.0048, 0.0030)), 0.0025);
}

double VertebraShape::articularProcesses(const V3& q) const
{
    const VertebraDimensions& v = m_d;
    const double b = 0.5 * v.bodyDepth;
    const double hh = 0.5 * v.posteriorHeight;
    const double th = glm::radians(v.facetAngleDeg);
    // Plate direction in the transverse plane (the facet face is perpendicular to it).
    const V3 plate = glm::normalize(V3(-std::sin(th), 0.0, std::cos(th)));
    const double zPillar = -b - 0.72 * v.canalDepth;
    double sap;
    if (v.thoracic) {
        // Thoracic-type: a flat coronal facet facing backwards.
        const double xs = 0.5 * v.canalWidth + 0.0045;
        sap = shape::flatSegment(q, V3(xs, 0.25 * hh, zPillar), V3(xs + 0.001, hh + 0.011, zPillar - 0.002), V3(1, 0, 0),
                                 0.0055, 0.0030);
    } else {
        sap = lumbarSuperiorProcess(q, v);
    }
    // Inferior articular process: hangs from the lamina into the superior process below.
    double iap;
    if (m_hasLower && !m_lower.thoracic) {
        const V3 ql = m_lowerRot * q + m_lowerOffset; // in the lower vertebra's frame
        const FacetArc arc = superiorFacetArc(m_lower);
        const double rOut = arc.radius - kFacetGap;
        const double lowerHh = 0.5 * m_lower.posteriorHeight;
        // Vertical extent: from the lamina (own frame) down to its tip beside the lower pillar.
        const double yTopLocal = -0.15 * hh;
        const double yTipLower = 0.45 * lowerHh;
        const double dTop = q.y - yTopLocal, dTip = yTipLower - ql.y;
        // A plate concentric with the lower facet, cut between the two heights.
        iap = arcPlate(ql, ql.y, arc, rOut - 0.0072, rOut, -1e3, 1e3, -0.05, 0.0022);
        const double dy = std::max(dTop, dTip);
        iap = shape::smoothIntersect(iap, dy, 0.0030);
        // Joined to the lamina of its own vertebra.
        iap = shape::smoothUnion(iap, shape::capsule(q, V3(0.5 * v.canalWidth - 0.001, -0.2 * hh, zPillar - 0.004),
                                                      V3(0.5 * v.canalWidth + 0.001, -0.55 * hh, zPillar - 0.006), 0.0036, 0.0032),
                                 0.003);
    } else {
        const double xi = 0.5 * v.canalWidth - 0.0015;
        const V3 iBase(xi, -0.35 * hh, zPillar - 0.006);
        const V3 iBottom(xi - 0.001, -hh - 0.010, zPillar - 0.004);
        iap = shape::flatSegment(q, iBase, iBottom, plate, 0.0060, 0.0030);
    }
    return std::min(sap, iap);
}

double VertebraShape::posteriorElements(const V3& p) const
{
    const VertebraDimensions& v = m_d;
    const double b = 0.5 * v.bodyDepth;
    const double hh = 0.5 * v.posteriorHeight;
    const V3 q(std::abs(p.x), p.y, p.z); // bilateral symmetry
    const double xp = 0.5 * v.canalWidth + 0.5 * v.pedicleWidth;
    const double yp = 0.18 * hh;
    // Pedicles: from the upper posterolateral body back to the pillar.
    const V3 pa(xp - 0.001, yp, -b + 0.006);
    const V3 pb(xp, yp, -b - 0.72 * v.canalDepth);
    double d = shape::flatSegment(q, pa, pb, V3(0, 1, 0), 0.5 * v.pedicleHeight, 0.5 * v.pedicleWidth);
    if (!v.thoracic) {
        d = shape::smoothUnion(d, lumbarArch(q), 0.003);
    } else {
    // Laminae meet behind the canal.
    const V3 la(xp - 0.001, -0.15 * hh, -b - 0.72 * v.canalDepth);
    const V3 lb(0.0, -0.30 * hh, -b - v.canalDepth - 0.004);
    d = shape::smoothUnion(d, shape::flatSegment(q, la, lb, V3(0, 1, 0), 0.55 * hh, 0.0030), 0.003);
    // Spinous process: horizontal hatchet with a thickened posterior border.
    const V3 sa(0.0, -0.25 * hh, -b - v.canalDepth - 0.002);
    // Lumbar: horizontal hatchet (spinousLength is its AP length). Thoracic with a drop angle:
    // spinousLength runs along the sloping process.
    const bool sloped = v.spinousDropDeg >= 0.0;
    const double spAngle = glm::radians(std::max(v.spinousDropDeg, 0.0));
    const double slope = sloped ? v.spinousLength * std::sin(spAngle) : (v.thoracic ? 0.010 : 0.004);
    const double spAp = sloped ? v.spinousLength * std::cos(spAngle) : v.spinousLength;
    const V3 sb(0.0, -0.25 * hh - slope, -b - v.canalDepth - spAp);
    d = shape::smoothUnion(d, shape::flatSegment(q, sa, sb, V3(0, 1, 0), 0.5 * v.spinousHeight, 0.0030), 0.003);
    d = shape::smoothUnion(d, shape::ellipsoid(q, sb + V3(0, 0, 0.003), V3(0.0042, 0.5 * v.spinousHeight + 0.001, 0.005)),
                           0.003);
    }
    // Transverse processes.
    const double tipX = xp + 0.5 * v.pedicleWidth + v.transverseLength;
    double tp;
    if (v.thoracic) {
        const V3 ta(xp, yp - 0.001, -b - 0.35 * v.canalDepth);
        const double back = v.transverseBack >= 0.0 ? v.transverseBack : 0.010;
        const V3 tb(tipX, yp + v.transverseUpturn, -b - 0.55 * v.canalDepth - back);
        tp = shape::flatSegment(q, ta, tb, V3(0, 1, 0), 0.5 * v.transverseThickness, 0.0030);
        if (v.spinousDropDeg >= 0.0) // clubbed tip carrying the facet for the rib tubercle
            tp = shape::smoothUnion(tp, shape::sphere(q, tb + V3(0.0, 0.0, 0.001), 0.0052), 0.003);
    } else {
        tp = lumbarTransverse(q, xp, yp, tipX);
    }
    d = shape::smoothUnion(d, tp, 0.003);
    d = shape::smoothUnion(d, articularProcesses(q), 0.0025);
    // Keep the vertebral canal open.
    const double canal = v.thoracic ? shape::ellipse2(q.x, q.z + b + 0.5 * v.canalDepth, 0.5 * v.canalWidth, 0.5 * v.canalDepth)
                                    : lumbarCanal(q);
    d = shape::smoothSubtract(d, canal, 0.0015);
    // Leave room for the superior articular processes of the lumbar vertebra below (the joint
    // space): nothing of this vertebra reaches into them.
    if (m_hasLower && !m_lower.thoracic)
        d = shape::smoothSubtract(d, lumbarSuperiorProcess(m_lowerRot * q + m_lowerOffset, m_lower) - kFacetGap, 0.001);
    return d;
}

namespace {

// z of the front of the lumbar arch at the midline: canalDepth behind the back of the body
// (which the shallow midline concavity puts kLumbarNotchDepth in front of -bodyDepth/2).
double lumbarArchFront(const VertebraDimensions& v) { return -0.5 * v.bodyDepth + kLumbarNotchDepth - v.canalDepth; }

// Rounded intersection of two half-space distances (negative inside both), corner radius r.
double roundedAnd(double a, double b, double r)
{
    return glm::length(glm::dvec2(std::max(a + r, 0.0), std::max(b + r, 0.0))) + std::min(std::max(a + r, b + r), 0.0) - r;
}

// Distance bound to a convex polygon in a plane (vertices counter-clockwise): the largest
// distance outside any of its edges.
double convexPolygon(const glm::dvec2& p, const glm::dvec2* v, int n)
{
    double d = -1e9;
    for (int i = 0; i < n; ++i) {
        const glm::dvec2 e = v[(i + 1) % n] - v[i];
        const glm::dvec2 out = glm::normalize(glm::dvec2(e.y, -e.x));
        d = std::max(d, glm::dot(p - v[i], out));
    }
    return d;
}

} // namespace

double VertebraShape::lumbarTransverse(const V3& q, double xp, double yp, double tipX) const
{
    // A flat bar (flattened front to back, taller than thick) from the junction of pedicle and
    // lamina out to a blunt tip, laterally and a little backwards (upwards at L4-L5), with a
    // root that broadens onto the pedicle. L5's is a thick cone fused to pedicle and body.
    const VertebraDimensions& v = m_d;
    const double b = 0.5 * v.bodyDepth;
    const bool heavy = v.transverseThickness > 0.012;
    const double y0 = heavy ? yp - 0.001 : yp + 0.001;
    const V3 root(xp, y0, -b - 0.35 * v.canalDepth);
    const double back = v.transverseBack >= 0.0 ? v.transverseBack : 0.002;
    const V3 tip(tipX, y0 + v.transverseUpturn, -b - 0.55 * v.canalDepth - back);
    const V3 up(0, 1, 0);
    const double ru1 = (heavy ? 0.30 : 0.44) * v.transverseThickness; // half height at the tip
    const double rs1 = heavy ? 0.0034 : 0.27 * v.transverseThickness;   // half thickness at the tip
    const double ru0 = std::max(0.42 * v.pedicleHeight, heavy ? 0.5 * v.transverseThickness : 0.0);
    const double rs0 = heavy ? 0.0062 : 0.0032;
    double tp;
    if (heavy) {
        tp = shape::taperedBar(q, root, tip, up, ru0, ru1, rs0, rs1);
        // Broad fusion with the side of the body.
        const V3 side(xp - 0.004, yp, -b + 0.004);
        tp = shape::smoothUnion(tp, shape::taperedBar(q, side, root + 0.55 * (tip - root), up, 0.0060, ru1, 0.0045, rs1), 0.004);
    } else {
        // Flat (about 9 x 5 mm), tapering a little to a rounded tip.
        tp = shape::taperedBar(q, root, tip, up, 1.2 * ru1, ru1, 1.15 * rs1, rs1);
        tp = shape::smoothUnion(tp, shape::taperedBar(q, root, root + 0.6 * (tip - root), up, ru0, ru1, rs0, rs1), 0.003);
    }
    // Accessory process: a small tubercle on the back of the root, below the mammillary process.
    const V3 acc = root + V3(0.0035, -0.5 * ru1, -rs0 - 0.0008);
    return shape::smoothUnion(tp, shape::sphere(q, acc, 0.0020), 0.002);
}

double VertebraShape::lumbarCanal(const V3& q) const
{
    // Base on the back of the body, lateral recesses between the pedicles, sides running back
    // along the laminae to an apex at their junction (x >= 0 half).
    const VertebraDimensions& v = m_d;
    const double b = 0.5 * v.bodyDepth;
    const double zFront = -b + 0.001, zMid = -b - 0.32 * v.canalDepth, zBack = lumbarArchFront(v);
    const glm::dvec2 p(q.x, q.z);
    const glm::dvec2 corner(0.5 * v.canalWidth, zMid), apex(0.0, zBack);
    const glm::dvec2 side = glm::normalize(corner - apex);
    const double sideDist = glm::dot(p - apex, glm::dvec2(side.y, -side.x)); // outward: lateral and back
    const double box = roundedAnd(q.z - zFront, q.x - 0.5 * v.canalWidth, 0.002);
    return roundedAnd(box, sideDist, 0.0025);
}

double VertebraShape::lumbarArch(const V3& q) const
{
    const VertebraDimensions& v = m_d;
    const double b = 0.5 * v.bodyDepth;
    const double hh = 0.5 * v.posteriorHeight;
    // Lamina: a broad, short plate from the pillar (pedicle and articular processes) to the
    // midline, its inner face along the canal's side, its lower border further back than its
    // upper border.
    const double zMid = -b - 0.32 * v.canalDepth, zBack = lumbarArchFront(v);
    const double thick = 0.0028;
    const glm::dvec2 corner(0.5 * v.canalWidth, zMid), apex(0.0, zBack);
    const glm::dvec2 along2 = glm::normalize(apex - corner);
    const glm::dvec2 out2(-along2.y, along2.x); // lateral and back (x >= 0 half)
    const V3 along(along2.x, 0.0, along2.y);
    const V3 outward = glm::normalize(V3(out2.x, 0.0, out2.y) * (out2.y < 0.0 ? 1.0 : -1.0));
    const V3 up = glm::normalize(V3(0, 1, 0) - 0.42 * outward);
    const V3 normal = glm::cross(along, up);
    const double len = glm::length(apex - corner);
    const V3 centre = V3(0.5 * (corner.x + apex.x), -0.40 * hh, 0.5 * (corner.y + apex.y)) + outward * (thick + 0.0002);
    const V3 l = glm::transpose(glm::dmat3(along, up, normal)) * (q - centre);
    double d = shape::roundBox(l, V3(0.0), V3(0.5 * len + 0.004, 0.72 * hh + 0.002, thick), 0.0018);
    // Spinous process: a horizontal hatchet, tallest two thirds of the way back, its free end
    // rounded off and tapering (no ball at the tip), thin side to side near the lamina and
    // thicker along its rough posterior half (the mean L3/L4 of Clouthier et al. 2023: about
    // 6 mm wide at the root, 8 mm behind, the tip at the height of the lamina's lower border).
    const double sh = v.spinousHeight, y0 = -0.25 * hh;
    const double z0 = zBack - 0.002, z1 = zBack - 0.004 - v.spinousLength;
    const double zm = z0 + 0.6 * (z1 - z0);
    // Counter-clockwise in (z, y) seen from the left (z decreasing along the top): front top,
    // tallest part, back, the rounded tip, and back along the lower border.
    const glm::dvec2 poly[] = {{z0, y0 - 0.38 * sh},         {zm, y0 - 0.004 - 0.56 * sh},  {z1, y0 - 0.004 - 0.52 * sh},
                               {z1 - 0.0030, y0 - 0.004 - 0.36 * sh}, {z1 - 0.0042, y0 - 0.14 * sh},
                               {z1 - 0.0030, y0 + 0.08 * sh}, {z1, y0 + 0.27 * sh},         {zm, y0 + 0.34 * sh},
                               {z0, y0 + 0.30 * sh}};
    constexpr int n = int(sizeof(poly) / sizeof(poly[0]));
    double area = 0.0;
    for (int i = 0; i < n; ++i)
        area += poly[i].x * poly[(i + 1) % n].y - poly[(i + 1) % n].x * poly[i].y;
    glm::dvec2 ccw[n];
    for (int i = 0; i < n; ++i)
        ccw[i] = area > 0.0 ? poly[i] : poly[n - 1 - i];
    const double side2 = convexPolygon(glm::dvec2(q.z, q.y), ccw, n);
    const double t = std::clamp((z0 - q.z) / (0.7 * (z0 - z1)), 0.0, 1.0);
    const double halfWidth = (0.0028 + 0.0010 * t) * sh / 0.024;
    const double sp = roundedAnd(side2, std::abs(q.x) - halfWidth, 0.0020);
    d = shape::smoothUnion(d, sp, 0.004);
    return d;
}

double VertebraShape::distance(const V3& p) const
{
    double d = shape::smoothUnion(bodyDistance(p), posteriorElements(p), 0.0025);
    if (m_d.costalPits) {
        // Costal facets for the 12th rib heads: shallow pits on the upper body sides.
        const double hx = 0.5 * m_d.bodyWidth - 0.001;
        const double pit = std::min(shape::sphere(p, V3(hx + 0.003, 0.004, -0.30 * m_d.bodyDepth), 0.0045),
                                    shape::sphere(p, V3(-hx - 0.003, 0.004, -0.30 * m_d.bodyDepth), 0.0045));
        d = shape::smoothSubtract(d, pit, 0.001);
    }
    return d;
}

glm::dvec3 VertebraShape::boundsMin() const
{
    const VertebraDimensions& v = m_d;
    const double x = 0.5 * v.canalWidth + 1.5 * v.pedicleWidth + v.transverseLength + 0.012;
    const double drop = v.spinousDropDeg >= 0.0 ? v.spinousLength * std::sin(glm::radians(v.spinousDropDeg)) : 0.0;
    return {-std::max(x, 0.5 * v.bodyWidth + 0.006), -0.5 * std::max(v.anteriorHeight, v.posteriorHeight) - 0.026 - drop,
            -0.5 * v.bodyDepth - v.canalDepth - v.spinousLength - 0.014};
}

glm::dvec3 VertebraShape::boundsMax() const
{
    const glm::dvec3 mn = boundsMin();
    return {-mn.x, 0.5 * std::max(m_d.anteriorHeight, m_d.posteriorHeight) + 0.020, 0.5 * m_d.bodyDepth + 0.006};
}

} // namespace psoas::modelbuilder
