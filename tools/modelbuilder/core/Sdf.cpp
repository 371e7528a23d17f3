#include "Sdf.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace psoas::modelbuilder::sdf {

double sphere(const glm::dvec3& p, const glm::dvec3& c, double r) { return glm::length(p - c) - r; }

double ellipsoid(const glm::dvec3& p, const glm::dvec3& c, const glm::dvec3& radii)
{
    const glm::dvec3 q = p - c;
    const double k0 = glm::length(q / radii);
    const double k1 = glm::length(q / (radii * radii));
    if (k1 < 1e-12) return -std::min(radii.x, std::min(radii.y, radii.z));
    return k0 * (k0 - 1.0) / k1;
}

double ellipsoid(const glm::dvec3& p, const glm::dvec3& c, const glm::dmat3& axes, const glm::dvec3& radii)
{
    const glm::dvec3 local = glm::transpose(axes) * (p - c);
    return ellipsoid(local, glm::dvec3(0.0), radii);
}

double capsule(const glm::dvec3& p, const glm::dvec3& a, const glm::dvec3& b, double r)
{
    const glm::dvec3 pa = p - a, ba = b - a;
    const double bb = glm::dot(ba, ba);
    const double h = bb > 0.0 ? std::clamp(glm::dot(pa, ba) / bb, 0.0, 1.0) : 0.0;
    return glm::length(pa - ba * h) - r;
}

double taperedCapsule(const glm::dvec3& p, const glm::dvec3& a, const glm::dvec3& b, double ra, double rb)
{
    const glm::dvec3 pa = p - a, ba = b - a;
    const double bb = glm::dot(ba, ba);
    const double h = bb > 0.0 ? std::clamp(glm::dot(pa, ba) / bb, 0.0, 1.0) : 0.0;
    return glm::length(pa - ba * h) - (ra + (rb - ra) * h);
}

double roundedBox(const glm::dvec3& p, const glm::dvec3& c, const glm::dmat3& axes, const glm::dvec3& he, double rounding)
{
    const glm::dvec3 q = glm::abs(glm::transpose(axes) * (p - c)) - (he - glm::dvec3(rounding));
    return glm::length(glm::max(q, glm::dvec3(0.0))) + std::min(std::max(q.x, std::max(q.y, q.z)), 0.0) - rounding;
}

double torus(const glm::dvec3& p, const glm::dvec3& c, const glm::dvec3& axis, double R, double r)
{
    const glm::dvec3 q = p - c;
    const glm::dvec3 n = glm::normalize(axis);
    const double h = glm::dot(q, n);
    const double radial = glm::length(q - h * n);
    return std::sqrt((radial - R) * (radial - R) + h * h) - r;
}

double sweptCircle(const glm::dvec3& p, const std::vector<glm::dvec3>& pts, const std::vector<double>& radii)
{
    double d = std::numeric_limits<double>::max();
    if (pts.size() == 1) return sphere(p, pts[0], radii[0]);
    for (std::size_t i = 0; i + 1 < pts.size(); ++i)
        d = std::min(d, taperedCapsule(p, pts[i], pts[i + 1], radii[i], radii[i + 1]));
    return d;
}

double sweptEllipse(const glm::dvec3& p, const std::vector<glm::dvec3>& pts, const std::vector<double>& ra,
                    const std::vector<double>& rb, const glm::dvec3& up)
{
    double d = std::numeric_limits<double>::max();
    for (std::size_t i = 0; i + 1 < pts.size(); ++i) {
        const glm::dvec3 a = pts[i], b = pts[i + 1];
        const glm::dvec3 ba = b - a;
        const double len = glm::length(ba);
        if (len < 1e-12) continue;
        const glm::dvec3 t = ba / len;
        const double h = std::clamp(glm::dot(p - a, t), 0.0, len);
        const double f = h / len;
        const glm::dvec3 c = a + t * h;
        glm::dvec3 u = up - glm::dot(up, t) * t;
        if (glm::length(u) < 1e-9) u = std::abs(t.x) < 0.9 ? glm::dvec3(1, 0, 0) : glm::dvec3(0, 1, 0);
        u = glm::normalize(u - glm::dot(u, t) * t);
        const glm::dvec3 w = glm::cross(t, u);
        const double rA = ra[i] + (ra[i + 1] - ra[i]) * f;
        const double rB = rb[i] + (rb[i + 1] - rb[i]) * f;
        const glm::dvec3 q = p - c;
        const glm::dvec3 local(glm::dot(q, u), glm::dot(q, w), glm::dot(q, t));
        d = std::min(d, ellipsoid(local, glm::dvec3(0.0), glm::dvec3(rA, rB, std::min(rA, rB))));
    }
    return d;
}

double plane(const glm::dvec3& p, const glm::dvec3& point, const glm::dvec3& normal)
{
    return glm::dot(p - point, glm::normalize(normal));
}

double smoothUnion(double a, double b, double k)
{
    if (k <= 0.0) return std::min(a, b);
    const double h = std::max(k - std::abs(a - b), 0.0) / k;
    return std::min(a, b) - h * h * k * 0.25;
}

double smoothSubtraction(double a, double b, double k) { return -smoothUnion(-a, b, k); }

double smoothIntersection(double a, double b, double k) { return -smoothUnion(-a, -b, k); }

} // namespace psoas::modelbuilder::sdf
