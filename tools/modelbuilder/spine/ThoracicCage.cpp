#include "spine/ThoracicCage.h"

#include "core/Sdf.h"
#include "core/Sweep.h"

#include <algorithm>
#include <cmath>

namespace psoas::modelbuilder {

namespace {

constexpr double kPi = 3.14159265358979323846;

// Closed tube with an elliptical section: semi-axis h(s) along `up` projected off the tangent,
// semi-axis w(s) across it. Poles close both ends.
BuiltPart ellipticTube(const std::string& id, const std::vector<glm::dvec3>& line, const glm::dvec3& up,
                       double (*halfHeight)(double), double (*halfThick)(double), double scale = 1.0)
{
    BuiltPart part;
    part.id = id;
    const int n = int(line.size());
    const int seg = 12;
    std::vector<double> arc(n, 0.0);
    for (int i = 1; i < n; ++i)
        arc[i] = arc[i - 1] + glm::length(line[i] - line[i - 1]);
    const double total = std::max(arc.back(), 1e-9);
    for (int i = 0; i < n; ++i) {
        const glm::dvec3 t = glm::normalize(line[std::min(i + 1, n - 1)] - line[std::max(i - 1, 0)]);
        glm::dvec3 u = up - t * glm::dot(up, t);
        u = glm::normalize(u);
        const glm::dvec3 v = glm::cross(t, u);
        const double s = arc[i] / total;
        // Taper the ends a little so the pole caps are rounded.
        const double endTaper = std::sqrt(std::clamp(std::min(i, n - 1 - i) / 1.5 + 0.35, 0.0, 1.0));
        const double hu = halfHeight(s) * scale * endTaper, hv = halfThick(s) * scale * endTaper;
        for (int j = 0; j < seg; ++j) {
            const double a = 2.0 * kPi * j / seg;
            part.positions.emplace_back(line[i] + u * (hu * std::cos(a)) + v * (hv * std::sin(a)));
        }
    }
    for (int i = 0; i + 1 < n; ++i)
        for (int j = 0; j < seg; ++j) {
            const std::uint32_t a = i * seg + j, b = i * seg + (j + 1) % seg, c = a + seg, d = b + seg;
            part.indices.insert(part.indices.end(), {a, b, d, a, d, c});
        }
    const std::uint32_t p0 = std::uint32_t(part.positions.size());
    part.positions.emplace_back(line.front() - glm::normalize(line[1] - line[0]) * (halfThick(0.0) * scale));
    const std::uint32_t p1 = p0 + 1;
    part.positions.emplace_back(line.back() + glm::normalize(line[n - 1] - line[n - 2]) * (halfThick(1.0) * scale));
    const std::uint32_t last = std::uint32_t((n - 1) * seg);
    for (int j = 0; j < seg; ++j) {
        const std::uint32_t a = j, b = (j + 1) % seg;
        part.indices.insert(part.indices.end(), {p0, b, a});
        part.indices.insert(part.indices.end(), {p1, last + a, last + b});
    }
    return part;
}

double ribHeight(double s) { return 0.0042 + 0.0028 * std::sin(kPi * std::min(1.0, s * 1.3)); }
double ribThick(double s) { return 0.0042 - 0.0014 * std::min(1.0, s * 3.0); }
double cartHeight(double) { return 0.0048; }
double cartThick(double) { return 0.0036; }

} // namespace

ThoracicCage::ThoracicCage(const RigData& rig, const VertebraShape& t12)
    : m_frame(rig.frame("t12")), m_t12(t12.dimensions()), m_joint("j_t12_l1"), m_spine(rig, t12.dimensions())
{
    for (const BodyDef& b : rig.bodies)
        if (b.name == "t12")
            m_joint = b.joint;
}

glm::dvec3 ThoracicCage::toWorld(double lateralRight, double y, double z, bool left) const
{
    return m_frame.toWorld(glm::dvec3(left ? lateralRight : -lateralRight, y, z));
}

std::vector<glm::dvec3> ThoracicCage::ribControl(int n) const
{
    // Posterior end from the thoracic column: the head against its vertebral body, the neck
    // running back and out to the tubercle on the transverse process tip (ribs 7-10; 11 and
    // 12 have no costotransverse joint), then the angle, the lateral shaft and (7-10) the
    // costochondral end low at the front. (lateral to the right, y, z) in the T12 frame.
    auto local = [this](const glm::dvec3& world) {
        const glm::dvec3 l = m_frame.toLocal(world);
        return glm::dvec3(-l.x, l.y, l.z);
    };
    const glm::dvec3 head = local(m_spine.ribHead(n));
    const glm::dvec3 tub = n <= 10 ? local(m_spine.ribTubercle(n)) : head + glm::dvec3(0.020, -0.004, -0.015);
    const double yh = head.y;
    static const double lmax[] = {0.128, 0.136, 0.140, 0.141, 0.136, 0.106}; // ribs 7..12
    const double L = lmax[n - 7];
    std::vector<glm::dvec3> c = {
        head,
        tub,
        {tub.x + 0.030, tub.y - 0.009, tub.z - 0.007}, // angle of the rib
        {L - 0.022, yh - 0.034, -0.018},
        {L, yh - 0.060, 0.035},
    };
    // Anterior (costochondral) ends of ribs 7-10; 11 and 12 end free.
    static const glm::dvec3 ends[] = {{0.100, 0.050, 0.125}, {0.116, 0.012, 0.108}, {0.126, -0.024, 0.090},
                                      {0.131, -0.058, 0.070}};
    if (n <= 10) {
        const glm::dvec3 e = ends[n - 7];
        c.push_back({L - 0.004, 0.5 * (yh - 0.060 + e.y), 0.5 * (0.035 + e.z) + 0.010});
        c.push_back(e);
    } else if (n == 11) {
        // Floating rib: its cartilage-capped tip ends free in the flank, below and behind the
        // tenth costal cartilage.
        c.push_back({L - 0.008, yh - 0.090, 0.052});
    } else {
        // The 12th rib is short: it ends in the posterior abdominal wall.
        c.resize(4);
        c[2] = {tub.x + 0.026, tub.y - 0.012, tub.z - 0.004};
        c[3] = {0.092, yh - 0.040, -0.012};
        c.push_back({0.106, yh - 0.060, 0.010});
    }
    return c;
}

std::vector<glm::dvec3> ThoracicCage::ribCurve(int n, bool left) const
{
    std::vector<glm::dvec3> pts;
    for (const glm::dvec3& c : ribControl(n))
        pts.push_back(toWorld(c.x, c.y, c.z, left));
    return smoothPolyline(pts, 8);
}

std::vector<glm::dvec3> ThoracicCage::cartilageCurve(int n, bool left) const
{
    static const glm::dvec3 chain[][3] = {
        {{0.075, 0.042, 0.150}, {0.040, 0.064, 0.162}, {0.013, 0.086, 0.163}},
        {{0.098, 0.008, 0.134}, {0.085, 0.024, 0.145}, {0.072, 0.040, 0.151}},
        {{0.112, -0.028, 0.117}, {0.104, -0.012, 0.128}, {0.095, 0.006, 0.136}},
        {{0.121, -0.062, 0.097}, {0.117, -0.046, 0.108}, {0.110, -0.026, 0.119}},
    };
    const glm::dvec3 e = ribControl(n).back();
    std::vector<glm::dvec3> pts = {toWorld(e.x, e.y, e.z, left)};
    for (const glm::dvec3& c : chain[n - 7])
        pts.push_back(toWorld(c.x, c.y, c.z, left));
    return smoothPolyline(pts, 6);
}

glm::dvec3 ThoracicCage::xiphisternalJunction() const { return m_frame.toWorld({0.0, 0.088, 0.166}); }
glm::dvec3 ThoracicCage::xiphoidTip() const { return m_frame.toWorld({0.0, 0.040, 0.158}); }

std::vector<BuiltPart> ThoracicCage::build(double voxelSize) const
{
    std::vector<BuiltPart> parts;
    parts.push_back(m_spine.build(std::max(voxelSize, 0.0005), m_joint));
    const glm::dvec3 up = m_frame.axes[1];
    for (int side = 0; side < 2; ++side) {
        const bool left = side == 1;
        for (int n = 7; n <= 12; ++n) {
            const double scale = n == 12 ? 0.85 : 1.0;
            BuiltPart rib = ellipticTube("rib_" + std::to_string(n) + (left ? "_l" : "_r"), ribCurve(n, left), up,
                                         ribHeight, ribThick, scale);
            rib.parentJoint = m_joint;
            computeSmoothNormals(rib);
            parts.push_back(std::move(rib));
        }
        BuiltPart cart;
        cart.id = left ? "costal_cartilage_l" : "costal_cartilage_r";
        for (int n = 7; n <= 10; ++n) {
            BuiltPart c = ellipticTube(cart.id, cartilageCurve(n, left), up, cartHeight, cartThick);
            appendPart(cart, c);
        }
        cart.parentJoint = m_joint;
        computeSmoothNormals(cart);
        parts.push_back(std::move(cart));
    }
    // Lower sternal body and xiphoid process, sculpted in the T12 frame.
    const VertebraFrame f = m_frame;
    const SdfFunction sternum = [f](const glm::dvec3& pw) {
        const glm::dvec3 p = f.toLocal(pw);
        const glm::dvec3 a(0.0, 0.090, 0.167), b(0.0, 0.135, 0.160);
        double d = sdf::sweptEllipse(p, {a, b}, {0.0145, 0.0125}, {0.0055, 0.0060}, glm::dvec3(1, 0, 0));
        const glm::dvec3 x0(0.0, 0.092, 0.166), x1(0.0, 0.062, 0.163), x2(0.0, 0.040, 0.158);
        d = sdf::smoothUnion(d, sdf::sweptEllipse(p, {x0, x1, x2}, {0.0105, 0.0075, 0.0040}, {0.0030, 0.0025, 0.0020},
                                                  glm::dvec3(1, 0, 0)),
                             0.003);
        return d;
    };
    glm::dvec3 wmin(1e9), wmax(-1e9);
    for (int c = 0; c < 8; ++c) {
        const glm::dvec3 corner((c & 1) ? 0.025 : -0.025, (c & 2) ? 0.155 : 0.025, (c & 4) ? 0.180 : 0.135);
        wmin = glm::min(wmin, f.toWorld(corner));
        wmax = glm::max(wmax, f.toWorld(corner));
    }
    BuiltPart st = meshSdf("sternum", sternum, wmin, wmax, std::max(voxelSize, 0.0006), 2500);
    st.parentJoint = m_joint;
    parts.push_back(std::move(st));
    return parts;
}

} // namespace psoas::modelbuilder
