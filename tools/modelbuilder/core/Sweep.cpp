#include "Sweep.h"

#include <algorithm>
#include <cmath>

namespace psoas::modelbuilder {

namespace {

constexpr double kTwoPi = 6.28318530717958647692;

glm::dvec3 anyPerpendicular(const glm::dvec3& t)
{
    const glm::dvec3 a = std::abs(t.y) < 0.9 ? glm::dvec3(0, 1, 0) : glm::dvec3(1, 0, 0);
    return glm::normalize(glm::cross(t, a));
}

} // namespace

std::vector<glm::dvec3> resampleEvenly(const std::vector<glm::dvec3>& polyline, int count)
{
    std::vector<glm::dvec3> out;
    if (polyline.size() < 2 || count < 2) return out;
    std::vector<double> cum(polyline.size(), 0.0);
    for (std::size_t i = 1; i < polyline.size(); ++i) cum[i] = cum[i - 1] + glm::length(polyline[i] - polyline[i - 1]);
    const double total = std::max(cum.back(), 1e-9);
    out.reserve(std::size_t(count));
    for (int r = 0; r < count; ++r) {
        const double d = double(r) / (count - 1) * total;
        std::size_t i = std::size_t(std::upper_bound(cum.begin(), cum.end(), d) - cum.begin());
        i = std::clamp<std::size_t>(i, 1, polyline.size() - 1);
        const double len = cum[i] - cum[i - 1];
        const double f = len > 0 ? (d - cum[i - 1]) / len : 0.0;
        out.push_back(polyline[i - 1] + (polyline[i] - polyline[i - 1]) * f);
    }
    return out;
}

std::vector<glm::dvec3> smoothPolyline(const std::vector<glm::dvec3>& p, int perSegment)
{
    if (p.size() < 3 || perSegment < 2) return p;
    std::vector<glm::dvec3> out;
    const std::size_t n = p.size();
    for (std::size_t i = 0; i + 1 < n; ++i) {
        const glm::dvec3 p0 = i == 0 ? 2.0 * p[0] - p[1] : p[i - 1];
        const glm::dvec3 p1 = p[i], p2 = p[i + 1];
        const glm::dvec3 p3 = i + 2 < n ? p[i + 2] : 2.0 * p[n - 1] - p[n - 2];
        for (int k = 0; k < perSegment; ++k) {
            const double t = double(k) / perSegment;
            const double t2 = t * t, t3 = t2 * t;
            out.push_back(0.5 * ((2.0 * p1) + (-p0 + p2) * t + (2.0 * p0 - 5.0 * p1 + 4.0 * p2 - p3) * t2 +
                                 (-p0 + 3.0 * p1 - 3.0 * p2 + p3) * t3));
        }
    }
    out.push_back(p.back());
    return out;
}

BuiltPart sweepTube(const std::string& id, const std::vector<glm::dvec3>& polyline,
                    const std::function<double(double)>& radius, const SweepOptions& o)
{
    BuiltPart part;
    part.id = id;
    if (polyline.size() < 2) return part;
    const int rings = std::max(2, o.rings);
    const int segs = std::max(3, o.segments);


    // Centres, tangents and rotation-minimising frames (double reflection).
    const auto nr = static_cast<std::size_t>(rings);
    const std::vector<glm::dvec3> c = resampleEvenly(polyline, rings);
    std::vector<glm::dvec3> t(nr), u(nr);
    for (int r = 0; r < rings; ++r) {
        const std::size_t a = std::size_t(std::max(0, r - 1)), b = std::size_t(std::min(rings - 1, r + 1));
        glm::dvec3 d = c[b] - c[a];
        t[std::size_t(r)] = glm::length(d) > 1e-12 ? glm::normalize(d) : glm::dvec3(0, 1, 0);
    }
    u[0] = anyPerpendicular(t[0]);
    for (std::size_t r = 1; r < std::size_t(rings); ++r) {
        const glm::dvec3 v1 = c[r] - c[r - 1];
        const double c1 = glm::dot(v1, v1);
        if (c1 < 1e-18) {
            u[r] = u[r - 1];
            continue;
        }
        const glm::dvec3 uL = u[r - 1] - (2.0 / c1) * glm::dot(v1, u[r - 1]) * v1;
        const glm::dvec3 tL = t[r - 1] - (2.0 / c1) * glm::dot(v1, t[r - 1]) * v1;
        const glm::dvec3 v2 = t[r] - tL;
        const double c2 = glm::dot(v2, v2);
        u[r] = c2 < 1e-18 ? uL : uL - (2.0 / c2) * glm::dot(v2, uL) * v2;
        u[r] = glm::normalize(u[r] - glm::dot(u[r], t[r]) * t[r]);
    }

    for (int r = 0; r < rings; ++r) {
        const std::size_t ri = std::size_t(r);
        const double s = double(r) / (rings - 1);
        const double rad = std::max(1e-5, radius(s));
        // Section axes: "thin" = flattenAxis off the tangent (falls back to the RMF frame).
        glm::dvec3 thin = o.flattenAxis - glm::dot(o.flattenAxis, t[ri]) * t[ri];
        if (!o.flatten || glm::length(thin) < 1e-6) thin = u[ri];
        thin = glm::normalize(thin);
        const glm::dvec3 wide = glm::cross(t[ri], thin);
        const double ratio = o.flatten ? std::clamp(o.flatten(s), 0.05, 1.0) : 1.0;
        for (int k = 0; k < segs; ++k) {
            const double a = kTwoPi * k / segs;
            const glm::dvec3 off = wide * (rad * std::cos(a)) + thin * (rad * ratio * std::sin(a));
            part.positions.push_back(glm::vec3(c[ri] + off));
            part.uv1.push_back(glm::vec2(o.pathIndex, float(s)));
        }
    }
    auto vid = [&](int r, int k) { return std::uint32_t(r * segs + ((k % segs) + segs) % segs); };
    for (int r = 0; r + 1 < rings; ++r)
        for (int k = 0; k < segs; ++k) {
            // wide x thin = -tangent: increasing k turns clockwise seen from +t, so this order faces out
            const std::uint32_t a = vid(r, k), b = vid(r, k + 1), cc = vid(r + 1, k + 1), d = vid(r + 1, k);
            part.indices.insert(part.indices.end(), {a, cc, b, a, d, cc});
        }
    if (o.capped) {
        const auto start = std::uint32_t(part.positions.size());
        part.positions.push_back(glm::vec3(c.front()));
        part.uv1.push_back(glm::vec2(o.pathIndex, 0.0f));
        const auto end = std::uint32_t(part.positions.size());
        part.positions.push_back(glm::vec3(c.back()));
        part.uv1.push_back(glm::vec2(o.pathIndex, 1.0f));
        for (int k = 0; k < segs; ++k) {
            part.indices.insert(part.indices.end(), {start, vid(0, k), vid(0, k + 1)});
            part.indices.insert(part.indices.end(), {end, vid(rings - 1, k + 1), vid(rings - 1, k)});
        }
    }
    computeSmoothNormals(part);
    return part;
}

BuiltPart sweepTube(const std::string& id, const std::vector<glm::dvec3>& polyline,
                    const std::function<double(double)>& radius, int rings, int segments, bool capped, float pathIndex,
                    const std::function<double(double)>& flatten, const glm::dvec3& flattenAxis)
{
    SweepOptions o;
    o.rings = rings;
    o.segments = segments;
    o.capped = capped;
    o.pathIndex = pathIndex;
    o.flatten = flatten;
    o.flattenAxis = flattenAxis;
    return sweepTube(id, polyline, radius, o);
}

} // namespace psoas::modelbuilder
