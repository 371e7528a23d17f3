#include "muscles/MuscleProfile.h"
#include "muscles/Easing.h"

#include <algorithm>
#include <cmath>

namespace psoas::modelbuilder {

namespace {

bool startsWith(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

} // namespace

MuscleProfile::MuscleProfile(const std::string& muscleId, const MusclePath& path,
                             const std::vector<glm::dvec3>& line, double tendonFraction)
    : m_tendonFraction(tendonFraction)
{
    // Arc fraction of each control point along the smoothed line.
    std::vector<double> arc(line.size(), 0.0);
    for (std::size_t i = 1; i < line.size(); ++i)
        arc[i] = arc[i - 1] + glm::length(line[i] - line[i - 1]);
    const double total = std::max(arc.back(), 1e-9);
    for (const PathPoint& pp : path.points) {
        std::size_t best = 0;
        double bestD = 1e9;
        for (std::size_t i = 0; i < line.size(); ++i) {
            const double d = glm::length(line[i] - pp.position);
            if (d < bestD) {
                bestD = d;
                best = i;
            }
        }
        m_pointS.push_back(arc[best] / total);
    }
    const bool left = muscleId.size() > 2 && muscleId.compare(muscleId.size() - 2, 2, "_l") == 0;
    const double side = left ? -1.0 : 1.0; // right side: medial is +x
    auto firstOn = [&](const char* bodyPrefix) {
        for (std::size_t i = 0; i < path.points.size(); ++i)
            if (startsWith(path.points[i].body, bodyPrefix))
                return m_pointS[i];
        return 1.0 - tendonFraction;
    };
    if (startsWith(muscleId, "psoas_major")) {
        m_kind = startsWith(path.name, "tp_") ? Kind::PsoasTransverse : Kind::PsoasBody;
        // Widest around L4-L5: just above the first pelvic point; tendon by the femur.
        const double brim = firstOn("hip_bone");
        m_peak = std::max(0.12, brim - 0.10);
        m_tendon = firstOn("femur");
        // One fusiform belly: the highest slip (T12) carries the whole belly and the tendon;
        // every other slip is thinner and runs inside it once it has joined, so only its
        // origin (a finger from a disc or a flat band from the front of a transverse
        // process) shows, blending into the belly.
        m_main = path.name == "t12";
        if (m_kind == Kind::PsoasTransverse)
            m_thinAxis = {0.0, 0.0, 1.0}; // flat on the front of the transverse process
    } else if (startsWith(muscleId, "psoas_minor")) {
        m_kind = Kind::PsoasMinor;
        m_tendon = 1.0 - tendonFraction;
        m_peak = 0.5 * m_tendon;
    } else if (startsWith(muscleId, "iliacus")) {
        m_kind = Kind::Iliacus;
        m_peak = 0.30;
        m_tendon = firstOn("femur");
        // The iliac fossa faces anteromedially and a little upward.
        m_thinAxis = glm::normalize(glm::dvec3(0.55 * side, 0.15, 0.80));
    } else if (startsWith(muscleId, "quadratus")) {
        m_kind = Kind::Quadratus;
        m_thinAxis = {0.0, 0.0, 1.0};
    } else if (startsWith(muscleId, "gluteus")) {
        m_kind = Kind::Gluteus;
        m_thinAxis = glm::normalize(glm::dvec3(-0.45 * side, 0.0, -0.90));
    } else if (startsWith(muscleId, "rectus")) {
        m_kind = Kind::Rectus;
        m_thinAxis = {0.0, 0.0, 1.0};
    }
}

glm::dvec3 MuscleProfile::spread(double s) const
{
    const double in = smooth01(s / 0.12);
    const double out = 1.0 - smooth01((s - m_peak) / std::max(m_tendon - 0.05 - m_peak, 1e-3));
    return m_spread * (in * out);
}

double MuscleProfile::radius(double s) const
{
    switch (m_kind) {
    case Kind::PsoasBody:
    case Kind::PsoasTransverse: {
        // Main belly (T12 slip): widest above the brim, tapering to the tendon. Other slips:
        // a short origin that reaches its full (smaller) width within a few centimetres.
        const bool tp = m_kind == Kind::PsoasTransverse;
        const double r0 = m_main ? 0.0065 : (tp ? 0.0075 : 0.0055);
        const double rmax = m_main ? 0.0228 : (tp ? 0.0115 : 0.0105);
        const double rt = m_main ? 0.0055 : 0.0038;
        const double peak = m_main ? m_peak : std::min(m_peak, 0.25);
        if (s < peak)
            return r0 + (rmax - r0) * std::pow(smooth01(s / peak), 0.6);
        if (s < m_tendon)
            return rt + (rmax - rt) * (1.0 - smooth01((s - std::max(m_peak, peak)) / std::max(m_tendon - m_peak, 1e-3)));
        return rt + (m_main ? 0.001 : 0.0) * smooth01((s - 0.93) / 0.07);
    }
    case Kind::PsoasMinor:
        if (s < m_tendon)
            return 0.0025 + 0.0040 * std::sin(kPi * std::min(1.0, s / m_tendon * 0.85 + 0.1));
        return 0.0045;
    case Kind::Iliacus: {
        if (s < m_peak) // rounded fleshy origin along the crest and fossa
            return (0.012 + 0.010 * smooth01(s / m_peak)) * (0.35 + 0.65 * smooth01(s / 0.10));
        if (s < m_tendon)
            return 0.007 + 0.015 * (1.0 - smooth01((s - m_peak) / std::max(m_tendon - m_peak, 1e-3)));
        return 0.007;
    }
    case Kind::Quadratus:
        return (0.009 + 0.009 * std::sin(kPi * s)) * (0.5 + 0.5 * smooth01(s / 0.08));
    case Kind::Gluteus:
        return (0.020 + 0.016 * std::sin(kPi * std::pow(s, 0.8)) - 0.006 * smooth01((s - 0.85) / 0.15)) *
               (0.4 + 0.6 * smooth01(s / 0.10));
    case Kind::Rectus:
        if (s < 0.06)
            return 0.0055;
        return 0.0055 + 0.0125 * std::sin(kPi * std::min(1.0, (s - 0.06) / 0.94)) + 0.002 * smooth01((s - 0.85) / 0.15);
    case Kind::Generic:
        break;
    }
    return 0.004 + 0.008 * std::sin(kPi * s);
}

double MuscleProfile::flatten(double s) const
{
    switch (m_kind) {
    case Kind::PsoasBody:
        return s < m_tendon ? 0.85 : 0.7;
    case Kind::PsoasTransverse: // a flat band at the transverse process, rounder inside the belly
        return s < m_tendon ? 0.55 + 0.30 * smooth01((s - 0.05) / 0.25) : 0.7;
    case Kind::PsoasMinor:
        return s < m_tendon ? 0.8 : 0.3; // flat tendon
    case Kind::Iliacus:
        return s < m_tendon ? 0.40 + 0.4 * smooth01((s - m_peak) / 0.4) : 0.8;
    case Kind::Quadratus:
        return 0.45;
    case Kind::Gluteus:
        return 0.38;
    case Kind::Rectus:
        return 0.8;
    case Kind::Generic:
        break;
    }
    return 1.0;
}

} // namespace psoas::modelbuilder
