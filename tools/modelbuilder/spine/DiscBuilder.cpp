#include "spine/DiscBuilder.h"

#include <cmath>
#include <vector>

namespace psoas::modelbuilder {

glm::dvec3 DiscBuilder::endplatePoint(const VertebraShape& v, double phi, bool top)
{
    const glm::dvec3 dir(std::sin(phi), 0.0, std::cos(phi));
    auto at = [&](double r) {
        const double z = r * dir.z;
        const double y = (v.halfHeightAt(z) - 0.0015) * (top ? 1.0 : -1.0);
        return glm::dvec3(r * dir.x, y, z);
    };
    double lo = 0.0, hi = 0.08;
    for (int i = 0; i < 40; ++i) {
        const double mid = 0.5 * (lo + hi);
        if (v.bodyDistance(at(mid)) < 0.0)
            lo = mid;
        else
            hi = mid;
    }
    glm::dvec3 p = at(lo);
    p.y = v.halfHeightAt(p.z) * (top ? 1.0 : -1.0);
    return p;
}

BuiltPart DiscBuilder::build(const std::string& id, const VertebraShape& upper, const VertebraFrame& upperFrame,
                             const VertebraShape* lower, const VertebraFrame& lowerFrame, int around, int rings)
{
    const double kPi = 3.14159265358979323846;
    BuiltPart part;
    part.id = id;
    std::vector<glm::dvec3> top(around), bottom(around);
    for (int j = 0; j < around; ++j) {
        const double phi = 2.0 * kPi * j / around;
        top[j] = upperFrame.toWorld(endplatePoint(upper, phi, false));
        if (lower) {
            bottom[j] = lowerFrame.toWorld(endplatePoint(*lower, phi, true));
        } else {
            // Sacrum: same outline as L5's lower endplate, laid on the S1 plane.
            glm::dvec3 q = endplatePoint(upper, phi, false);
            q.y = 0.0;
            bottom[j] = lowerFrame.toWorld(q * 0.97);
        }
    }
    glm::dvec3 cTop(0.0), cBottom(0.0);
    for (int j = 0; j < around; ++j) {
        cTop += top[j];
        cBottom += bottom[j];
    }
    cTop /= double(around);
    cBottom /= double(around);
    // Side wall rings (t from 0 at the lower plate to 1 at the upper one).
    for (int i = 0; i <= rings; ++i) {
        const double t = double(i) / rings;
        const double bulge = 0.0012 * std::sin(kPi * t);
        const glm::dvec3 c = glm::mix(cBottom, cTop, t);
        for (int j = 0; j < around; ++j) {
            const glm::dvec3 p = glm::mix(bottom[j], top[j], t);
            glm::dvec3 out = p - c;
            const glm::dvec3 axis = glm::normalize(cTop - cBottom);
            out -= axis * glm::dot(out, axis);
            const double len = glm::length(out);
            const glm::dvec3 q = len > 0.0 ? p + out / len * bulge : p;
            part.positions.emplace_back(q);
            part.uv1.emplace_back(0.0f, float(t));
        }
    }
    for (int i = 0; i < rings; ++i) {
        for (int j = 0; j < around; ++j) {
            const std::uint32_t a = i * around + j, b = i * around + (j + 1) % around;
            const std::uint32_t c = a + around, d = b + around;
            // phi turns anticlockwise about +y (anterior towards the left): outward winding
            part.indices.insert(part.indices.end(), {a, b, d, a, d, c});
        }
    }
    // Caps: a centre vertex each.
    const std::uint32_t bottomCenter = std::uint32_t(part.positions.size());
    part.positions.emplace_back(cBottom);
    part.uv1.emplace_back(0.0f, 0.0f);
    const std::uint32_t topCenter = std::uint32_t(part.positions.size());
    part.positions.emplace_back(cTop);
    part.uv1.emplace_back(0.0f, 1.0f);
    const std::uint32_t topRing = std::uint32_t(rings * around);
    for (int j = 0; j < around; ++j) {
        const std::uint32_t a = j, b = (j + 1) % around;
        part.indices.insert(part.indices.end(), {bottomCenter, b, a});
        part.indices.insert(part.indices.end(), {topCenter, topRing + a, topRing + b});
    }
    computeSmoothNormals(part);
    return part;
}

} // namespace psoas::modelbuilder
