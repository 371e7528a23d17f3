#include "app/PoseAnimation.h"

#include <algorithm>

namespace psoas::app {

void PoseAnimation::start(const Values& from, const Values& to, double durationSeconds)
{
    m_from = from;
    m_to = to;
    m_duration = std::max(0.0, durationSeconds);
    m_active = true;
}

PoseAnimation::Values PoseAnimation::at(double elapsedSeconds)
{
    if (!m_active || m_duration <= 0.0 || elapsedSeconds >= m_duration) {
        m_active = false;
        return m_to;
    }
    const double t = std::clamp(elapsedSeconds / m_duration, 0.0, 1.0);
    const double s = t * t * (3.0 - 2.0 * t);
    Values out;
    for (const auto& [name, target] : m_to) {
        auto it = m_from.find(name);
        const double a = it == m_from.end() ? target : it->second;
        out[name] = a + (target - a) * s;
    }
    return out;
}

} // namespace psoas::app
