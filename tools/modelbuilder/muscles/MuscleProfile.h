#pragma once
// Cross-section of one swept muscle path: radius (half width) r(s), flattening (thickness /
// width) f(s) and the direction in which the section is thin, for s in [0,1] from origin to
// insertion. The shape depends on the muscle and on where its belly and tendon lie.
#include "core/RigLayout.h"

#include <glm/glm.hpp>

#include <string>
#include <vector>

namespace psoas::modelbuilder {

class MuscleProfile {
public:
    // `line` is the path's smoothed centre line; `path` the rig path it came from.
    MuscleProfile(const std::string& muscleId, const MusclePath& path, const std::vector<glm::dvec3>& line,
                  double tendonFraction);

    double radius(double s) const;
    double flatten(double s) const;
    glm::dvec3 thinAxis() const { return m_thinAxis; }
    // Psoas slips: how far (m, model frame) the slip's belly sits off the shared path, as a
    // function of s (zero at the origin and from the tendon on), so the slips form one belly.
    glm::dvec3 spread(double s) const;
    // Arc fractions of the path's control points (nearest line sample).
    const std::vector<double>& pointFractions() const { return m_pointS; }

private:
    enum class Kind { PsoasBody, PsoasTransverse, PsoasMinor, Iliacus, Quadratus, Gluteus, Rectus, Generic };

    Kind m_kind = Kind::Generic;
    std::vector<double> m_pointS;
    double m_peak = 0.5;    // belly widest here
    double m_tendon = 0.7;  // tendon from here on (psoas: reaches the femur)
    double m_tendonFraction = 0.3;
    glm::dvec3 m_thinAxis{0.0, 0.0, 1.0};
    glm::dvec3 m_spread{0.0};
    bool m_main = false; // psoas major: the slip that carries the whole belly
};

} // namespace psoas::modelbuilder
