#include "muscles/BoneClearance.h"

#include "spine/Spine.h"

#include <algorithm>
#include <cmath>

namespace psoas::modelbuilder {

BoneClearance::BoneClearance(const RigLayout& rig) : m_wraps(rig.wraps)
{
    for (const VertebraDims& d : rig.vertebrae) {
        m_shapes.emplace_back(vertebraDimensionsFrom(rig, d.id));
        m_frames.push_back(rig.frame(d.id));
    }
}

double BoneClearance::vertebraDistance(const glm::dvec3& p) const
{
    double d = 1e9;
    for (std::size_t i = 0; i < m_shapes.size(); ++i) {
        const glm::dvec3 q = m_frames[i].toLocal(p);
        // Cheap reject far from this vertebra.
        if (glm::length(q) > 0.09)
            continue;
        d = std::min(d, m_shapes[i].distance(q));
    }
    return d;
}

double BoneClearance::wrapDistance(const WrapDef& w, const glm::dvec3& p) const
{
    if (w.type == "cylinder") {
        const glm::dvec3 axis = glm::normalize(w.axis);
        const glm::dvec3 d = p - w.center;
        const double along = glm::dot(d, axis);
        if (std::abs(along) > 0.035)
            return 1e9;
        return glm::length(d - axis * along) - w.radius;
    }
    if (w.type == "ellipsoid") {
        const glm::dvec3 q = (p - w.center) / w.radii;
        const double k = glm::length(q);
        return (k - 1.0) * std::min(w.radii.x, std::min(w.radii.y, w.radii.z));
    }
    return 1e9;
}

double BoneClearance::obstacleDistance(const glm::dvec3& p, const std::vector<const WrapDef*>& wraps) const
{
    double d = vertebraDistance(p);
    for (const WrapDef* w : wraps)
        d = std::min(d, wrapDistance(*w, p));
    return d;
}

double BoneClearance::distance(const glm::dvec3& p) const
{
    std::vector<const WrapDef*> all;
    for (const WrapDef& w : m_wraps)
        all.push_back(&w);
    return obstacleDistance(p, all);
}

std::vector<glm::dvec3> BoneClearance::clear(const std::vector<glm::dvec3>& line,
                                             const std::function<double(double)>& clearance,
                                             const std::vector<std::string>& wraps, double freeStart,
                                             double freeEnd) const
{
    std::vector<const WrapDef*> used;
    for (const WrapDef& w : m_wraps)
        if (std::find(wraps.begin(), wraps.end(), w.name) != wraps.end())
            used.push_back(&w);
    std::vector<glm::dvec3> out = line;
    const std::size_t n = out.size();
    if (n < 3)
        return out;
    std::vector<double> s(n, 0.0);
    for (std::size_t i = 1; i < n; ++i)
        s[i] = s[i - 1] + glm::length(line[i] - line[i - 1]);
    for (double& v : s)
        v /= std::max(s.back(), 1e-9);
    const double h = 0.0005;
    for (int iter = 0; iter < 6; ++iter) {
        for (std::size_t i = 1; i + 1 < n; ++i) {
            if (s[i] < freeStart || s[i] > 1.0 - freeEnd)
                continue;
            // Blend in the clearance after the free start so the attachment stays put.
            const double ramp = std::clamp((s[i] - freeStart) / 0.08, 0.0, 1.0) *
                                std::clamp((1.0 - freeEnd - s[i]) / 0.08, 0.0, 1.0);
            const double want = clearance(s[i]) * ramp;
            const glm::dvec3 p = out[i];
            const double d = obstacleDistance(p, used);
            if (d >= want)
                continue;
            glm::dvec3 g(obstacleDistance(p + glm::dvec3(h, 0, 0), used) - obstacleDistance(p - glm::dvec3(h, 0, 0), used),
                         obstacleDistance(p + glm::dvec3(0, h, 0), used) - obstacleDistance(p - glm::dvec3(0, h, 0), used),
                         obstacleDistance(p + glm::dvec3(0, 0, h), used) - obstacleDistance(p - glm::dvec3(0, 0, h), used));
            const double len = glm::length(g);
            if (len < 1e-12)
                continue;
            out[i] = p + g / len * (want - d);
        }
        // Light smoothing keeps the line free of kinks.
        std::vector<glm::dvec3> sm = out;
        for (std::size_t i = 1; i + 1 < n; ++i)
            sm[i] = 0.25 * out[i - 1] + 0.5 * out[i] + 0.25 * out[i + 1];
        out.swap(sm);
    }
    return out;
}

} // namespace psoas::modelbuilder
