#include "spine/ThoracicSpine.h"

#include "core/Sdf.h"
#include "spine/ShapeSdf.h"

#include <algorithm>
#include <cmath>

namespace psoas::modelbuilder {

namespace {

constexpr double kDiscHeight = 0.0048;   // lower thoracic discs, about 5 mm
constexpr double kDiscWedgeDeg = 1.0;    // extra kyphosis per disc

// Endplate slope dy/dz of the superior endplate in the vertebra's own frame.
double endplateSlope(const VertebraDimensions& d) { return 0.5 * (d.anteriorHeight - d.posteriorHeight) / d.bodyDepth; }

glm::dmat3 rotX(double a)
{
    // Columns: x stays; y tilts towards +z (anterior) for a > 0.
    return glm::dmat3(glm::dvec3(1, 0, 0), glm::dvec3(0, std::cos(a), std::sin(a)), glm::dvec3(0, -std::sin(a), std::cos(a)));
}

} // namespace

ThoracicSpine::ThoracicSpine(const RigLayout& rig, const VertebraDimensions& t12)
{
    m_frames.resize(6);
    m_dims.resize(6);
    m_dims[5] = t12;
    m_frames[5] = rig.frame("t12");
    for (int level = 11; level >= 7; --level) {
        const int i = level - 7;
        m_dims[i] = defaultVertebraDimensions("t" + std::to_string(level));
        const VertebraFrame& lower = m_frames[i + 1];
        const VertebraDimensions& ld = m_dims[i + 1];
        const VertebraDimensions& ud = m_dims[i];
        // Kyphosis: the lower body's top and the upper body's bottom are wedged (posterior
        // taller), and the disc adds a little.
        const double tilt = std::atan(-endplateSlope(ld)) + std::atan(-endplateSlope(ud)) + glm::radians(kDiscWedgeDeg);
        VertebraFrame f;
        f.id = "t" + std::to_string(level);
        f.axes = lower.axes * rotX(tilt);
        const double lowerHalf = 0.25 * (ld.anteriorHeight + ld.posteriorHeight);
        const double upperHalf = 0.25 * (ud.anteriorHeight + ud.posteriorHeight);
        const glm::dvec3 discCentre = lower.toWorld({0.0, lowerHalf + 0.5 * kDiscHeight, 0.0});
        const glm::dvec3 midAxis = glm::normalize(lower.axes[1] + f.axes[1]);
        f.inferiorEndplate = discCentre + midAxis * (0.5 * kDiscHeight);
        f.center = f.inferiorEndplate + f.axes[1] * upperHalf;
        f.superiorEndplate = f.center + f.axes[1] * upperHalf;
        f.inferiorNormal = -f.axes[1];
        f.superiorNormal = f.axes[1];
        m_frames[i] = f;
    }
    for (const VertebraDimensions& d : m_dims)
        m_shapes.emplace_back(d);
}

const VertebraFrame& ThoracicSpine::frame(int level) const { return m_frames[std::size_t(std::clamp(level, 7, 12) - 7)]; }
const VertebraDimensions& ThoracicSpine::dimensions(int level) const
{
    return m_dims[std::size_t(std::clamp(level, 7, 12) - 7)];
}

glm::dvec3 ThoracicSpine::ribHead(int n) const
{
    // Ribs 7-9 meet the upper edge of their body (the demifacet shared with the disc above);
    // 10-12 a single facet on the upper half of their own body. Heads sit in the posterior
    // third, just outside the body (right side: -x).
    const VertebraDimensions& d = dimensions(n);
    const double y = n <= 9 ? 0.34 * d.posteriorHeight : 0.14 * d.posteriorHeight;
    const double halfWidthHere = 0.5 * d.bodyWidth * 0.86; // the body narrows towards the back
    return frame(n).toWorld({-(halfWidthHere + 0.0040), y, -0.24 * d.bodyDepth});
}

glm::dvec3 ThoracicSpine::ribTubercle(int n) const
{
    // In front of the transverse process tip (same construction as VertebraShape).
    const VertebraDimensions& v = dimensions(n);
    const double b = 0.5 * v.bodyDepth;
    const double xp = 0.5 * v.canalWidth + 0.5 * v.pedicleWidth;
    const double yp = 0.18 * 0.5 * v.posteriorHeight;
    const double tipX = xp + 0.5 * v.pedicleWidth + v.transverseLength;
    const double back = v.transverseBack >= 0.0 ? v.transverseBack : 0.010;
    const glm::dvec3 tip(-tipX, yp + v.transverseUpturn, -b - 0.55 * v.canalDepth - back);
    return frame(n).toWorld(tip + glm::dvec3(-0.0015, -0.0015, 0.0085));
}

double ThoracicSpine::discDistance(int upperLevel, const glm::dvec3& world) const
{
    const VertebraFrame& u = frame(upperLevel);
    const VertebraFrame& l = frame(upperLevel + 1);
    const VertebraDimensions& ud = dimensions(upperLevel);
    const VertebraDimensions& ld = dimensions(upperLevel + 1);
    const glm::dvec3 centre = 0.5 * (u.inferiorEndplate + l.toWorld({0.0, 0.25 * (ld.anteriorHeight + ld.posteriorHeight), 0.0}));
    glm::dmat3 axes = u.axes;
    axes[1] = glm::normalize(u.axes[1] + l.axes[1]);
    axes[2] = glm::normalize(glm::cross(axes[0], axes[1]));
    const glm::dvec3 p = glm::transpose(axes) * (world - centre);
    const double a = 0.5 * std::min(ud.bodyWidth, ld.bodyWidth) * 0.97, b = 0.5 * std::min(ud.bodyDepth, ld.bodyDepth) * 0.95;
    double d2 = shape::ellipse2(p.x, p.z, a, b);
    // Same posterior notch as the bodies.
    const double notchR = 0.55 * std::min(ud.canalWidth, ld.canalWidth);
    const double nz = p.z + b + 0.62 * notchR;
    d2 = shape::smoothSubtract(d2, std::sqrt(p.x * p.x + nz * nz) - notchR, 0.004);
    const double dy = std::abs(p.y) - (0.5 * kDiscHeight + 0.0012);
    return std::min(std::max(d2, dy), 0.0) + glm::length(glm::dvec2(std::max(d2, 0.0), std::max(dy, 0.0))) - 0.0008;
}

double ThoracicSpine::distance(const glm::dvec3& world) const
{
    double d = 1e9;
    for (int level = 7; level <= 11; ++level) {
        const VertebraFrame& f = frame(level);
        // Cheap bound: far from this vertebra, its centre distance minus a radius will do.
        const double far = glm::length(world - f.center) - 0.075;
        if (far > 0.0) {
            d = std::min(d, far);
            continue;
        }
        d = shape::smoothUnion(d, m_shapes[std::size_t(level - 7)].distance(f.toLocal(world)), 0.0008);
        d = shape::smoothUnion(d, discDistance(level, world), 0.0012);
    }
    // The T11/T12 disc stops at T12's superior endplate (T12 is its own mesh).
    const VertebraFrame& t12 = frame(12);
    const double above = -(glm::dot(world - t12.superiorEndplate, t12.axes[1]) - 0.0004);
    return std::max(d, above);
}

BuiltPart ThoracicSpine::build(double voxelSize, const std::string& parentJoint) const
{
    glm::dvec3 wmin(1e9), wmax(-1e9);
    for (int level = 7; level <= 11; ++level) {
        const VertebraShape& s = m_shapes[std::size_t(level - 7)];
        const glm::dvec3 lmin = s.boundsMin(), lmax = s.boundsMax();
        for (int c = 0; c < 8; ++c) {
            const glm::dvec3 corner((c & 1) ? lmax.x : lmin.x, (c & 2) ? lmax.y : lmin.y, (c & 4) ? lmax.z : lmin.z);
            const glm::dvec3 w = frame(level).toWorld(corner);
            wmin = glm::min(wmin, w);
            wmax = glm::max(wmax, w);
        }
    }
    const SdfFunction sdf = [this](const glm::dvec3& p) { return distance(p); };
    BuiltPart part = meshSdf("thoracic_t7_t11", sdf, wmin, wmax, voxelSize, 22000);
    part.parentJoint = parentJoint;
    return part;
}

} // namespace psoas::modelbuilder
