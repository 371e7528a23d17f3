#include "muscles/DiaphragmOpenings.h"
#include "muscles/Diaphragm.h"

#include "core/Sweep.h"
#include "muscles/Easing.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <stdexcept>

namespace psoas::modelbuilder {

namespace {

// (u/a)^2 + (v/b)^2 of p's projection into the ellipse's plane; h its height above it.
double ellipseQ(const PlacedOpening& e, const glm::dvec3& p, double* h = nullptr)
{
    const glm::dvec3 d = p - e.centre;
    if (h)
        *h = glm::dot(d, e.normal);
    const double u = glm::dot(d, e.major) / e.a, v = glm::dot(d, e.minor) / e.b;
    return u * u + v * v;
}

PlacedOpening placeOpening(const std::vector<glm::dvec3>& mid, const std::vector<Triangle>& tris, const DomeOpening& o)
{
    // The mid-surface vertex nearest the landmark, the surface's normal there (its triangles'
    // area-weighted normals) and the landmark moved along it into the surface.
    PlacedOpening e;
    double nearest = 1e9;
    for (const Triangle& t : tris)
        for (std::uint32_t v : t)
            if (glm::length(mid[v] - o.near) < nearest) {
                nearest = glm::length(mid[v] - o.near);
                e.nearestVertex = v;
            }
    if (nearest > 0.02)
        throw std::runtime_error("diaphragm opening is not on the dome");
    glm::dvec3 n(0.0);
    for (const Triangle& t : tris)
        if (t[0] == e.nearestVertex || t[1] == e.nearestVertex || t[2] == e.nearestVertex)
            n += glm::cross(mid[t[1]] - mid[t[0]], mid[t[2]] - mid[t[0]]);
    e.normal = glm::normalize(n);
    const glm::dvec3& v = mid[e.nearestVertex];
    e.centre = o.near - e.normal * glm::dot(o.near - v, e.normal);
    e.major = o.along - glm::dot(o.along, e.normal) * e.normal;
    e.major = glm::normalize(e.major);
    e.minor = glm::cross(e.normal, e.major);
    e.a = o.halfLong;
    e.b = o.halfShort;
    return e;
}

} // namespace

std::vector<std::array<std::uint32_t, 2>> cutOpenings(std::vector<glm::dvec3>& mid, std::vector<Triangle>& tris,
                                                      const std::vector<DomeOpening>& openings,
                                                      std::vector<PlacedOpening>* placed)
{
    for (const DomeOpening& o : openings) {
        const PlacedOpening e = placeOpening(mid, tris, o);
        if (placed)
            placed->push_back(e);
        // Triangles whose centre lies inside the ellipse (and near its plane, not on another
        // part of the dome far above or below).
        std::vector<bool> removed(tris.size(), false);
        for (std::size_t k = 0; k < tris.size(); ++k) {
            const glm::dvec3 g = (mid[tris[k][0]] + mid[tris[k][1]] + mid[tris[k][2]]) / 3.0;
            double h = 0.0;
            removed[k] = ellipseQ(e, g, &h) < 1.0 && std::abs(h) < 0.6 * e.a;
        }
        // Vertices on the edge: used by both removed and kept triangles. A kept triangle with
        // all three on the edge would be flattened onto the ellipse: remove it too.
        std::set<std::uint32_t> edge;
        for (bool changed = true; changed;) {
            changed = false;
            std::set<std::uint32_t> inRemoved, inKept;
            for (std::size_t k = 0; k < tris.size(); ++k)
                for (std::uint32_t v : tris[k])
                    (removed[k] ? inRemoved : inKept).insert(v);
            edge.clear();
            for (std::uint32_t v : inRemoved)
                if (inKept.count(v))
                    edge.insert(v);
            for (std::size_t k = 0; k < tris.size(); ++k)
                if (!removed[k] && edge.count(tris[k][0]) && edge.count(tris[k][1]) && edge.count(tris[k][2])) {
                    removed[k] = true;
                    changed = true;
                }
        }
        // Move the edge vertices (within the ellipse's plane) onto the ellipse.
        for (std::uint32_t v : edge) {
            double h = 0.0;
            const double q = std::sqrt(std::max(ellipseQ(e, mid[v], &h), 1e-12));
            const glm::dvec3 d = mid[v] - e.centre;
            const double u = glm::dot(d, e.major), w = glm::dot(d, e.minor);
            mid[v] = e.centre + e.major * (u / q) + e.minor * (w / q) + e.normal * h;
        }
        std::vector<Triangle> kept;
        for (std::size_t k = 0; k < tris.size(); ++k)
            if (!removed[k])
                kept.push_back(tris[k]);
        tris.swap(kept);
    }
    // Edges of the openings: directed edges of the kept triangles whose reverse is not used
    // (the caller leaves out the outer rim of the dome).
    std::set<std::pair<std::uint32_t, std::uint32_t>> directed;
    for (const Triangle& t : tris)
        for (int i = 0; i < 3; ++i)
            directed.insert({t[std::size_t(i)], t[std::size_t((i + 1) % 3)]});
    std::vector<std::array<std::uint32_t, 2>> out;
    for (const auto& [a, b] : directed)
        if (!directed.count({b, a}))
            out.push_back({a, b});
    return out;
}

BuiltPart hiatusSling(const PlacedOpening& h, const VertebraFrame& t12, double below)
{
    const double margin = 0.0045; // from the edge of the hole to the middle of the band
    const glm::dvec3 under = h.centre - h.normal * below;
    std::vector<glm::dvec3> keys;
    keys.push_back(t12.toWorld(under - h.major * (h.a + 0.016) - h.minor * 0.0015));
    const int n = 14;
    for (int k = 0; k <= n; ++k) {
        const double t = -kPi + 0.45 + (2.0 * kPi - 0.9) * k / n;
        keys.push_back(t12.toWorld(under + h.major * ((h.a + margin) * std::cos(t)) + h.minor * ((h.b + margin) * std::sin(t))));
    }
    keys.push_back(t12.toWorld(under - h.major * (h.a + 0.016) + h.minor * 0.0015));
    SweepOptions o;
    o.rings = 48;
    o.segments = 8;
    o.flatten = [](double) { return 0.45; };
    o.flattenAxis = t12.axes * h.normal;
    BuiltPart band = sweepTube("diaphragm", smoothPolyline(keys, 4), [](double s) {
        return 0.0032 * (0.8 + 0.2 * std::sin(kPi * s));
    }, o);
    for (glm::vec2& uv : band.uv1)
        uv = glm::vec2(0.0f, float(h.follow));
    band.colors.assign(band.positions.size(), glm::vec4(1.0f, 1.0f, 1.0f, 0.0f));
    return band;
}

std::vector<DomeOpening> Diaphragm::openings() const
{
    // Caval opening: roughly quadrilateral, about 2.5 x 2 cm, its long axis running forwards
    // and to the right. Oesophageal hiatus: an oval slit about 2.6 x 1.4 cm running up,
    // forwards and to the left through the muscle of the back of the dome.
    DomeOpening caval;
    caval.near = m_caval;
    caval.along = {-0.45, 0.0, 0.9};
    caval.halfLong = 0.013;
    caval.halfShort = 0.010;
    DomeOpening hiatus;
    hiatus.near = m_hiatus;
    hiatus.along = {0.3, 0.4, 0.85};
    hiatus.halfLong = 0.013;
    hiatus.halfShort = 0.0075;
    return {caval, hiatus};
}

} // namespace psoas::modelbuilder
