#include "scene/CameraAnimation.h"

#include <algorithm>

namespace psoas::scene {

void CameraAnimation::start(const CameraState& from, const CameraState& to, double durationSeconds)
{
    m_from = from;
    m_to = to;
    if (glm::dot(m_from.orientation, m_to.orientation) < 0.0f) m_to.orientation = -m_to.orientation;
    m_duration = std::max(1e-3, durationSeconds);
    m_active = true;
}

CameraState CameraAnimation::at(double elapsed)
{
    if (!m_active) return m_to;
    double t = std::clamp(elapsed / m_duration, 0.0, 1.0);
    if (t >= 1.0) {
        m_active = false;
        return m_to;
    }
    float s = float(t * t * (3.0 - 2.0 * t)); // smoothstep
    CameraState c;
    c.target = glm::mix(m_from.target, m_to.target, s);
    // Interpolate distance geometrically so zooming feels even.
    c.distance = m_from.distance * std::pow(m_to.distance / m_from.distance, s);
    c.orientation = glm::normalize(glm::slerp(m_from.orientation, m_to.orientation, s));
    return c;
}

} // namespace psoas::scene
