#pragma once
// Small signed-distance helpers used to sculpt the spine parts (vertebrae, sternum).
// All distances in metres; negative inside. Blended results are not exact distances,
// which the level-set rebuild in the meshing step tolerates.
#include <glm/glm.hpp>

#include <algorithm>
#include <cmath>

namespace psoas::modelbuilder::shape {

using V3 = glm::dvec3;

inline double sphere(const V3& p, const V3& c, double r) { return glm::length(p - c) - r; }

// Capsule from a to b with radii ra at a and rb at b (a cone-ish rounded segment).
inline double capsule(const V3& p, const V3& a, const V3& b, double ra, double rb)
{
    const V3 ab = b - a;
    const double len2 = glm::dot(ab, ab);
    const double t = len2 > 0.0 ? std::clamp(glm::dot(p - a, ab) / len2, 0.0, 1.0) : 0.0;
    return glm::length(p - (a + ab * t)) - (ra + (rb - ra) * t);
}

// Segment with an elliptical cross-section: `up` gives the direction of the semi-axis
// ru; the other semi-axis rs lies perpendicular to it and to the segment.
inline double flatSegment(const V3& p, const V3& a, const V3& b, const V3& up, double ru,
                          double rs)
{
    const V3 ab = b - a;
    const double len2 = glm::dot(ab, ab);
    const double t = len2 > 0.0 ? std::clamp(glm::dot(p - a, ab) / len2, 0.0, 1.0) : 0.0;
    const V3 d = p - (a + ab * t);
    const V3 axis = glm::normalize(ab);
    V3 u = up - axis * glm::dot(up, axis);
    u = glm::normalize(u);
    const V3 s = glm::cross(axis, u);
    const double du = glm::dot(d, u) / ru;
    const double ds = glm::dot(d, s) / rs;
    const double da = glm::dot(d, axis) / std::min(ru, rs); // non-zero only past the ends
    const double k = std::sqrt(du * du + ds * ds + da * da);
    // Scale back to metres with the smaller radius (conservative).
    return (k - 1.0) * std::min(ru, rs);
}

// Flat bar from a to b: a rounded-rectangle section, half height ru along `up` (projected off
// the bar's axis) and half thickness rs across it, both changing linearly from the a end
// (ru0, rs0) to the b end (ru1, rs1); the thin faces are rounded with radius `round` times
// the half thickness, the ends are blunt with rounded edges. Approximate distance.
inline double taperedBar(const V3& p, const V3& a, const V3& b, const V3& up, double ru0, double ru1, double rs0,
                         double rs1, double round = 0.9)
{
    const V3 ab = b - a;
    const double len = glm::length(ab);
    const V3 axis = ab / len;
    const V3 u = glm::normalize(up - axis * glm::dot(up, axis));
    const V3 s = glm::cross(axis, u);
    const V3 d = p - a;
    const double x = glm::dot(d, axis);
    const double t = std::clamp(x / len, 0.0, 1.0);
    const double ru = ru0 + (ru1 - ru0) * t, rs = rs0 + (rs1 - rs0) * t;
    const double r = round * std::min(ru, rs);
    const V3 q = glm::abs(V3(x - 0.5 * len, glm::dot(d, u), glm::dot(d, s))) - V3(0.5 * len, ru, rs) + V3(r);
    return glm::length(glm::max(q, V3(0.0))) + std::min(std::max(q.x, std::max(q.y, q.z)), 0.0) - r;
}

inline double ellipsoid(const V3& p, const V3& c, const V3& r)
{
    const V3 q = (p - c) / r;
    const double k0 = glm::length(q);
    const double k1 = glm::length(q / r);
    return k1 > 0.0 ? k0 * (k0 - 1.0) / k1 : -std::min(r.x, std::min(r.y, r.z));
}

inline double roundBox(const V3& p, const V3& c, const V3& half, double r)
{
    const V3 q = glm::abs(p - c) - half + V3(r);
    return glm::length(glm::max(q, V3(0.0))) + std::min(std::max(q.x, std::max(q.y, q.z)), 0.0) - r;
}

inline double smoothUnion(double a, double b, double k)
{
    const double h = std::clamp(0.5 + 0.5 * (b - a) / k, 0.0, 1.0);
    return b + (a - b) * h - k * h * (1.0 - h);
}

inline double smoothSubtract(double a, double b, double k)
{
    // a minus b
    const double h = std::clamp(0.5 - 0.5 * (a + b) / k, 0.0, 1.0);
    return a + (-b - a) * h + k * h * (1.0 - h);
}

inline double smoothIntersect(double a, double b, double k)
{
    const double h = std::clamp(0.5 - 0.5 * (b - a) / k, 0.0, 1.0);
    return b + (a - b) * h + k * h * (1.0 - h);
}

// 2D rounded ellipse-ish distance (approximate) in the plane.
inline double ellipse2(double x, double y, double a, double b)
{
    const double qx = x / a, qy = y / b;
    const double k0 = std::sqrt(qx * qx + qy * qy);
    const double k1 = std::sqrt(qx * qx / (a * a) + qy * qy / (b * b));
    return k1 > 0.0 ? k0 * (k0 - 1.0) / k1 : -std::min(a, b);
}

} // namespace psoas::modelbuilder::shape
