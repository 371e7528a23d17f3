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

ThoracicCage::ThoracicCage(const RigLayout& rig, const VertebraShape& t12)
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

double ThoracicCage::joinParameter(int n)
{
    // Where cartilages 8, 9 and 10 meet the one above, as a fraction of its length from its rib.
    static const double u[] = {0.30, 0.36, 0.42};
    return u[std::clamp(n, 8, 10) - 8];
}

std::vector<glm::dvec3> ThoracicCage::cartilageLocal(int n) const
{
    // A cubic Bezier from the rib's anterior end, leaving in the rib's own direction (down,
    // forwards and in), turning up to arrive at its junction already running along the
    // sternum's edge (7) or along the cartilage it joins (8-10), so the costal margin is one
    // smooth arch with no steps.
    const std::vector<glm::dvec3> rib = ribControl(n);
    const glm::dvec3 p0 = rib.back();
    // The cartilage leaves the rib bent a little upwards (the costochondral junction), so the
    // rest of its turn is gentle.
    const glm::dvec3 t0 = glm::normalize(glm::normalize(rib.back() - rib[rib.size() - 2]) + glm::dvec3(0.0, 0.55, 0.0));
    glm::dvec3 p3, t3;
    double lead = 0.026, tail = 0.024; // long handles: a gentle bend, no kink
    if (n == 7) {
        p3 = {0.012, 0.087, 0.163}; // the seventh costal notch at the xiphisternal junction
        t3 = glm::normalize(glm::dvec3(-1.0, 0.30, 0.12));
        lead = 0.022;
        tail = 0.035;
    } else {
        const std::vector<glm::dvec3> above = cartilageLocal(n - 1);
        const double u = joinParameter(n) * double(above.size() - 1);
        const std::size_t i = std::min(std::size_t(u), above.size() - 2);
        const double f = u - double(i);
        t3 = glm::normalize(above[i + 1] - above[i]);
        // Just under the upper cartilage's lower border, so the two merge into one margin.
        p3 = above[i] + (above[i + 1] - above[i]) * f + glm::dvec3(0.0, -0.0022, -0.0006);
    }
    const glm::dvec3 p1 = p0 + t0 * lead, p2 = p3 - t3 * tail;
    std::vector<glm::dvec3> out;
    const int samples = 32;
    for (int k = 0; k <= samples; ++k) {
        const double u = double(k) / samples, w = 1.0 - u;
        out.push_back(w * w * w * p0 + 3.0 * w * w * u * p1 + 3.0 * w * u * u * p2 + u * u * u * p3);
    }
    return out;
}

std::vector<glm::dvec3> ThoracicCage::cartilageCurve(int n, bool left) const
{
    std::vector<glm::dvec3> pts;
    for (const glm::dvec3& c : cartilageLocal(n))
        pts.push_back(toWorld(c.x, c.y, c.z, left));
    return pts;
}

double ThoracicCage::cartilageHalfHeight() { return cartHeight(0.0); }
double ThoracicCage::cartilageHalfThickness() { return cartThick(0.0); }

std::vector<glm::dvec3> ThoracicCage::costalMarginInner(bool left, double clearance) const
{
    // The lower border of the margin, from the tenth cartilage (lowest) up the ninth, eighth
    // and seventh to the sternum: each cartilage up to where the next one above takes over.
    std::vector<glm::dvec3> centre;
    double from = 0.0;
    for (int n = 10; n >= 7; --n) {
        const std::vector<glm::dvec3> c = cartilageLocal(n);
        const double to = n == 7 ? 0.86 : 1.0;
        const std::size_t i0 = std::size_t(from * double(c.size() - 1) + 0.5);
        const std::size_t i1 = std::size_t(to * double(c.size() - 1) + 0.5);
        for (std::size_t i = i0; i < i1; ++i)
            centre.push_back(c[i]);
        if (n > 7)
            from = joinParameter(n);
    }
    const glm::dvec3 up(0.0, 1.0, 0.0);
    std::vector<glm::dvec3> out;
    for (std::size_t i = 0; i < centre.size(); ++i) {
        const glm::dvec3 t = glm::normalize(centre[std::min(i + 1, centre.size() - 1)] - centre[i > 0 ? i - 1 : 0]);
        const glm::dvec3 u = glm::normalize(up - t * glm::dot(up, t));
        glm::dvec3 v = glm::cross(t, u);
        const glm::dvec3 interior = glm::dvec3(0.0, centre[i].y, 0.030) - centre[i];
        if (glm::dot(v, interior) < 0.0)
            v = -v;
        const glm::dvec3 p = centre[i] + v * (cartThick(0.0) + clearance) - u * (0.45 * cartHeight(0.0));
        out.push_back(toWorld(p.x, p.y, p.z, left));
    }
    std::reverse(out.begin(), out.end());
    return out;
}

glm::dvec3 ThoracicCage::ribInner(int n, bool left, double s, double clearance, double below) const
{
    const std::vector<glm::dvec3> line = ribCurve(n, left);
    std::vector<double> arc(line.size(), 0.0);
    for (std::size_t i = 1; i < line.size(); ++i)
        arc[i] = arc[i - 1] + glm::length(line[i] - line[i - 1]);
    const double target = std::clamp(s, 0.0, 1.0) * arc.back();
    std::size_t i = 1;
    while (i + 1 < line.size() && arc[i] < target)
        ++i;
    const double f = (target - arc[i - 1]) / std::max(arc[i] - arc[i - 1], 1e-12);
    const glm::dvec3 p = line[i - 1] + (line[i] - line[i - 1]) * f;
    const glm::dvec3 t = glm::normalize(line[i] - line[i - 1]);
    const glm::dvec3 up = m_frame.axes[1];
    const glm::dvec3 axis = m_frame.toWorld({0.0, m_frame.toLocal(p).y, 0.030});
    glm::dvec3 in = axis - p;
    in -= t * glm::dot(in, t);
    in -= up * glm::dot(in, up);
    in = glm::normalize(in);
    const double scale = n == 12 ? 0.85 : 1.0;
    return p + in * (ribThick(s) * scale + clearance) - up * below;
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
        // Body: a flat plate about 28 mm wide and 10 mm thick, leaning back a little towards
        // the top, slightly waisted between the costal notches and thinning at its edges. The
        // cage is simplified: above the sixth costal notch the plate ends in a rounded,
        // thinning upper border instead of a cut.
        const glm::dvec3 a(0.0, 0.088, 0.166), b(0.0, 0.150, 0.158);
        const glm::dvec3 along = glm::normalize(b - a);
        const glm::dvec3 side(1.0, 0.0, 0.0);
        const glm::dmat3 axes(side, along, glm::cross(side, along));
        const glm::dvec3 q = glm::transpose(axes) * (p - 0.5 * (a + b));
        const double len = 0.5 * glm::length(b - a);
        const double h = std::clamp(q.y / len, -1.0, 1.0);
        const double topH = 1.35; // upper end, in half lengths from the middle
        const double hUp = std::clamp(q.y / len, -1.0, topH);
        // Elliptic upper outline from h = 0.75 up to the top.
        const double s = std::clamp((hUp - 0.75) / (topH - 0.75), 0.0, 1.0);
        const double round = std::sqrt(std::max(1.0 - s * s, 0.0));
        const double halfWidth = (0.0140 + 0.0010 * (1.0 - h * h) - 0.0012 * std::exp(-std::pow((h + 0.95) / 0.25, 2.0))) *
                                 std::max(round, 0.08);
        const double edge = std::clamp(std::abs(q.x) / halfWidth, 0.0, 1.0);
        const double halfThick = 0.0050 * (1.0 - 0.35 * std::pow(edge, 4.0)) * (1.0 - 0.30 * s * s);
        const double halfLen = 0.5 * (topH + 1.0) * len, mid = 0.5 * (topH - 1.0) * len;
        double d = sdf::roundedBox(q, glm::dvec3(0.0, mid, 0.0), glm::dmat3(1.0), glm::dvec3(halfWidth, halfLen, halfThick),
                                   std::min(0.0030, 0.95 * std::min(halfWidth, halfThick)));
        // Costal notches for the sixth and seventh cartilages along the lateral borders.
        for (const double y : {-0.95, 0.05})
            for (const double sx : {-1.0, 1.0})
                d = sdf::smoothSubtraction(d, sdf::sphere(q, glm::dvec3(sx * (halfWidth + 0.0022), y * len, 0.0), 0.0040),
                                           0.0015);
        // Xiphoid process: a thin plate hanging from the body's lower end, narrowing to a tip
        // and turning slightly back.
        const glm::dvec3 x0(0.0, 0.094, 0.165), x1(0.0, 0.064, 0.162), x2(0.0, 0.040, 0.156);
        d = sdf::smoothUnion(d, sdf::sweptEllipse(p, {x0, x1, x2}, {0.0100, 0.0072, 0.0035}, {0.0027, 0.0023, 0.0018},
                                                  glm::dvec3(1, 0, 0)),
                             0.003);
        return d;
    };
    glm::dvec3 wmin(1e9), wmax(-1e9);
    for (int c = 0; c < 8; ++c) {
        const glm::dvec3 corner((c & 1) ? 0.025 : -0.025, (c & 2) ? 0.175 : 0.025, (c & 4) ? 0.182 : 0.135);
        wmin = glm::min(wmin, f.toWorld(corner));
        wmax = glm::max(wmax, f.toWorld(corner));
    }
    BuiltPart st = meshSdf("sternum", sternum, wmin, wmax, std::max(voxelSize, 0.0006), 3200);
    st.parentJoint = m_joint;
    parts.push_back(std::move(st));
    return parts;
}

} // namespace psoas::modelbuilder
