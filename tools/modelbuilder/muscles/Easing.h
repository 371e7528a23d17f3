#pragma once
// Small shaping helpers shared by the muscle builders.
#include <algorithm>

namespace psoas::modelbuilder {

constexpr double kPi = 3.14159265358979323846;

// Smoothstep on [0, 1]: 0 below, 1 above, with zero slope at both ends.
inline double smooth01(double t)
{
    t = std::clamp(t, 0.0, 1.0);
    return t * t * (3.0 - 2.0 * t);
}

} // namespace psoas::modelbuilder
