#include "MeshQuery.h"

#include <limits>

namespace psoas::modelbuilder {

glm::dvec3 closestPointOnTriangle(const glm::dvec3& p, const glm::dvec3& a, const glm::dvec3& b, const glm::dvec3& c)
{
    // Ericson, Real-Time Collision Detection, 5.1.5
    const glm::dvec3 ab = b - a, ac = c - a, ap = p - a;
    const double d1 = glm::dot(ab, ap), d2 = glm::dot(ac, ap);
    if (d1 <= 0 && d2 <= 0) return a;
    const glm::dvec3 bp = p - b;
    const double d3 = glm::dot(ab, bp), d4 = glm::dot(ac, bp);
    if (d3 >= 0 && d4 <= d3) return b;
    const double vc = d1 * d4 - d3 * d2;
    if (vc <= 0 && d1 >= 0 && d3 <= 0) return a + ab * (d1 / (d1 - d3));
    const glm::dvec3 cp = p - c;
    const double d5 = glm::dot(ab, cp), d6 = glm::dot(ac, cp);
    if (d6 >= 0 && d5 <= d6) return c;
    const double vb = d5 * d2 - d1 * d6;
    if (vb <= 0 && d2 >= 0 && d6 <= 0) return a + ac * (d2 / (d2 - d6));
    const double va = d3 * d6 - d5 * d4;
    if (va <= 0 && (d4 - d3) >= 0 && (d5 - d6) >= 0) return b + (c - b) * ((d4 - d3) / ((d4 - d3) + (d5 - d6)));
    const double denom = 1.0 / (va + vb + vc);
    return a + ab * (vb * denom) + ac * (vc * denom);
}

glm::dvec3 closestPointOnMesh(const BuiltPart& part, const glm::dvec3& p)
{
    double best = std::numeric_limits<double>::max();
    glm::dvec3 out = p;
    for (std::size_t t = 0; t + 2 < part.indices.size(); t += 3) {
        const glm::dvec3 q = closestPointOnTriangle(p, glm::dvec3(part.positions[part.indices[t]]),
                                                    glm::dvec3(part.positions[part.indices[t + 1]]),
                                                    glm::dvec3(part.positions[part.indices[t + 2]]));
        const double d = glm::dot(q - p, q - p);
        if (d < best) {
            best = d;
            out = q;
        }
    }
    return out;
}

} // namespace psoas::modelbuilder
