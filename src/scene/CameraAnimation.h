#pragma once
// Smooth camera transitions (view presets, framing): slerp orientation, ease target and distance.
#include "scene/OrbitCamera.h"

namespace psoas::scene {

class CameraAnimation {
public:
    void start(const CameraState& from, const CameraState& to, double durationSeconds = 0.3);
    bool active() const { return m_active; }
    // Advances to `elapsedSeconds` since start; returns the state to show. Ends exactly on `to`.
    CameraState at(double elapsedSeconds);
    const CameraState& destination() const { return m_to; }

private:
    CameraState m_from, m_to;
    double m_duration = 0.3;
    bool m_active = false;
};

} // namespace psoas::scene
