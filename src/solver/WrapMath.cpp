#include "solver/WrapMath.h"

#include <algorithm>
#include <cmath>

namespace psoas::solver {

namespace {

constexpr int kArcSamples = 8;

double cross2(const glm::dvec2& a, const glm::dvec2& b) { return a.x * b.y - a.y * b.x; }

double wrap2pi(double a)
{
    const double twoPi = 2.0 * kPi;
    a = std::fmod(a, twoPi);
    return a < 0.0 ? a + twoPi : a;
}

// Wrap of p -> s around the circle of radius r at the origin.
struct Circle {
    bool wrapped = false;
    double theta1 = 0.0; // tangent point seen from p
    double arc = 0.0;    // >= 0
    double sense = 1.0;  // +1 counter-clockwise
    double l1 = 0.0, l2 = 0.0;
    double radius = 0.0; // effective radius (see below)
};

// C1 smooth minimum (quadratic blend over a band of width k).
double smoothMin(double a, double b, double k)
{
    double h = std::max(k - std::abs(a - b), 0.0) / k;
    return std::min(a, b) - h * h * k * 0.25;
}

Circle circleWrap(const glm::dvec2& p, const glm::dvec2& s, double r, const glm::dvec2& side, bool hasSide)
{
    Circle c;
    double dp = glm::length(p), ds = glm::length(s);
    // A via point that moves into the surface would make the path jump. Instead the surface
    // shrinks smoothly (C1) so that it always stays just inside both end points.
    r = smoothMin(r, 0.995 * std::min(dp, ds), 0.15 * r);
    if (r <= 1e-9) return c;
    c.radius = r;
    glm::dvec2 d = s - p;
    double dd = glm::dot(d, d);
    if (dd < 1e-18) return c;
    double tLine = -glm::dot(p, d) / dd;
    glm::dvec2 qLine = p + tLine * d;
    glm::dvec2 qSeg = p + std::clamp(tLine, 0.0, 1.0) * d;
    bool intersects = glm::length(qSeg) < r;
    if (hasSide && glm::length(side) > 1e-9) {
        bool allowed = glm::dot(qLine, side) > 0.0;
        if (!intersects && allowed) return c;
        c.sense = cross2(side, d) >= 0.0 ? 1.0 : -1.0;
    } else {
        if (!intersects) return c;
        c.sense = cross2(qLine, d) >= 0.0 ? 1.0 : -1.0;
    }
    double phiP = std::atan2(p.y, p.x), phiS = std::atan2(s.y, s.x);
    double aP = std::acos(r / dp), aS = std::acos(r / ds);
    double theta2;
    if (c.sense > 0) {
        c.theta1 = phiP + aP;
        theta2 = phiS - aS;
        c.arc = wrap2pi(theta2 - c.theta1);
    } else {
        c.theta1 = phiP - aP;
        theta2 = phiS + aS;
        c.arc = wrap2pi(c.theta1 - theta2);
    }
    c.l1 = std::sqrt(std::max(0.0, dp * dp - r * r));
    c.l2 = std::sqrt(std::max(0.0, ds * ds - r * r));
    c.wrapped = true;
    return c;
}

void orthoBasis(const DVec3& axis, DVec3& u, DVec3& v)
{
    DVec3 ref = std::abs(axis.x) < 0.9 ? DVec3(1, 0, 0) : DVec3(0, 1, 0);
    u = glm::normalize(glm::cross(axis, ref));
    v = glm::cross(axis, u);
}

} // namespace

double wrapCylinder(const DVec3& p, const DVec3& s, const DVec3& center, const DVec3& axis, double radius,
                    const WrapSide& side, std::vector<DVec3>* points)
{
    DVec3 u, v;
    orthoBasis(axis, u, v);
    DVec3 pr = p - center, sr = s - center;
    glm::dvec2 p2(glm::dot(pr, u), glm::dot(pr, v)), s2(glm::dot(sr, u), glm::dot(sr, v));
    glm::dvec2 n2(glm::dot(side.direction, u), glm::dot(side.direction, v));
    Circle c = circleWrap(p2, s2, radius, n2, side.enabled);
    if (!c.wrapped) return glm::length(s - p);
    double zp = glm::dot(pr, axis), zs = glm::dot(sr, axis);
    const double rr = c.radius;
    double planar = c.l1 + rr * c.arc + c.l2;
    if (points) {
        for (int i = 0; i <= kArcSamples; ++i) {
            double f = static_cast<double>(i) / kArcSamples;
            double th = c.theta1 + c.sense * c.arc * f;
            double along = planar > 0 ? (c.l1 + rr * c.arc * f) / planar : 0.0;
            double z = zp + (zs - zp) * along;
            points->push_back(center + u * (rr * std::cos(th)) + v * (rr * std::sin(th)) + axis * z);
        }
    }
    double dz = zs - zp;
    return std::sqrt(planar * planar + dz * dz);
}

double wrapEllipsoid(const DVec3& p, const DVec3& s, const DVec3& center, const DMat3& axes, const DVec3& radii,
                     const WrapSide& side, std::vector<DVec3>* points)
{
    // To unit-sphere space: x' = D^-1 A^T (x - c)
    DMat3 at = glm::transpose(axes);
    DVec3 inv(1.0 / radii.x, 1.0 / radii.y, 1.0 / radii.z);
    DVec3 pu = (at * (p - center)) * inv, su = (at * (s - center)) * inv;
    DVec3 nu = (at * side.direction) * inv;
    // Wrap plane: with a side, the plane through p' spanned by (s' - p') and the side
    // direction (it turns smoothly with the pose, and the path bends towards the side);
    // without one, the great-circle plane through the centre.
    DVec3 m = side.enabled ? glm::cross(su - pu, nu) : glm::cross(pu, su);
    if (glm::length(m) < 1e-9 * (glm::length(su - pu) + 1e-12)) {
        m = glm::cross(pu, su);
        if (glm::length(m) < 1e-12) m = glm::cross(pu, DVec3(1, 0, 0));
        if (glm::length(m) < 1e-12) m = glm::cross(pu, DVec3(0, 1, 0));
    }
    m = glm::normalize(m);
    double delta = glm::dot(m, pu);
    if (std::abs(delta) >= 0.999) return glm::length(s - p); // the plane misses the sphere
    double rho = std::sqrt(1.0 - delta * delta);
    DVec3 c0 = m * delta;
    DVec3 e1 = side.enabled ? nu - glm::dot(nu, m) * m : pu - c0;
    if (glm::length(e1) < 1e-12) e1 = pu - c0;
    e1 = glm::normalize(e1);
    DVec3 e2 = glm::cross(m, e1);
    glm::dvec2 p2(glm::dot(pu - c0, e1) / rho, glm::dot(pu - c0, e2) / rho);
    glm::dvec2 s2(glm::dot(su - c0, e1) / rho, glm::dot(su - c0, e2) / rho);
    glm::dvec2 n2(1.0, 0.0);
    Circle c = circleWrap(p2, s2, 1.0, n2, side.enabled);
    if (!c.wrapped) return glm::length(s - p);
    auto back = [&](double a, double b) { return center + axes * ((c0 + (e1 * a + e2 * b) * rho) * radii); };
    double length = 0.0;
    DVec3 prev = p;
    for (int i = 0; i <= kArcSamples; ++i) {
        double th = c.theta1 + c.sense * c.arc * (static_cast<double>(i) / kArcSamples);
        DVec3 q = back(c.radius * std::cos(th), c.radius * std::sin(th));
        length += glm::length(q - prev);
        prev = q;
        if (points) points->push_back(q);
    }
    return length + glm::length(s - prev);
}

} // namespace psoas::solver
