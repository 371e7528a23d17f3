#pragma once
// A smooth transition between two sets of coordinate values (preset buttons, lesson steps).
// Plain C++: the caller drives it with elapsed time and applies the values it returns.
// Values ease in and out (smoothstep) and end exactly on the destination.
#include <map>
#include <string>

namespace psoas::app {

class PoseAnimation {
public:
    using Values = std::map<std::string, double>;

    // Names missing from `from` start at their value in `to` (no jump, no motion).
    void start(const Values& from, const Values& to, double durationSeconds = 1.0);
    void stop() { m_active = false; }
    bool active() const { return m_active; }
    // Values at `elapsedSeconds` since start; the last call (elapsed >= duration) ends the
    // animation and returns the destination exactly.
    Values at(double elapsedSeconds);
    const Values& destination() const { return m_to; }
    double duration() const { return m_duration; }

private:
    Values m_from, m_to;
    double m_duration = 1.0;
    bool m_active = false;
};

} // namespace psoas::app
