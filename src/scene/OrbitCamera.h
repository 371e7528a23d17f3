#pragma once
// Orbit camera around a target point. Left-drag is a turntable about the body's vertical
// axis (world +Y), so the spine stays upright; free rotation (a modifier) may roll.
#include "core/Math.h"

namespace psoas::scene {

struct CameraState {
    Vec3 target{0.0f};
    float distance = 1.0f;
    Quat orientation{1.0f, 0.0f, 0.0f, 0.0f}; // camera-to-world rotation; camera looks down its -Z
};

class OrbitCamera {
public:
    const CameraState& state() const { return m_state; }
    void setState(const CameraState& s) { m_state = s; }

    Vec3 target() const { return m_state.target; }
    float distance() const { return m_state.distance; }
    Vec3 position() const;
    Vec3 forward() const; // unit view direction
    Vec3 up() const;      // unit screen-up direction in world space
    Vec3 right() const;

    void setViewport(int width, int height);
    int viewportWidth() const { return m_width; }
    int viewportHeight() const { return m_height; }
    float aspect() const { return m_height > 0 ? float(m_width) / float(m_height) : 1.0f; }
    float fovY() const { return m_fovY; } // radians

    Mat4 view() const;
    Mat4 projection() const;

    // Sets the orientation so the camera looks along `viewDir` with screen-up `upHint`.
    void lookAlong(const Vec3& viewDir, const Vec3& upHint);
    // Turntable: dx radians about world +Y, dy radians of elevation (clamped, no roll).
    void rotateTurntable(float dx, float dy);
    // Free rotation about the camera's own up and right axes (may roll).
    void rotateFree(float dx, float dy);
    // Pans by a pixel delta so the point under the cursor follows it (at target depth).
    void panPixels(float dxPixels, float dyPixels);
    // Zooms by `factor` (< 1 moves closer) keeping the point under the cursor fixed at the
    // depth of `pivot` (the surface point under the cursor, or the target plane).
    void zoomTowards(float pixelX, float pixelY, float factor, const Vec3& pivot);
    void zoomTowards(float pixelX, float pixelY, float factor);
    // Fits a bounding box into the view, keeping the orientation.
    void frameBounds(const Vec3& mn, const Vec3& mx);
    // Moves the target to `point`, keeping orientation and distance.
    void centreOn(const Vec3& point) { m_state.target = point; }

    // Projects a world point to pixel coordinates (origin top-left); z is NDC depth.
    Vec3 project(const Vec3& world) const;
    // Ray through a pixel: origin and unit direction in world space.
    void pixelRay(float pixelX, float pixelY, Vec3& origin, Vec3& dir) const;
    // World point at pixel (x, y) with NDC depth z (as read from a depth buffer, -1..1).
    Vec3 unproject(float pixelX, float pixelY, float ndcZ) const;

    float nearPlane() const;
    float farPlane() const;

private:
    CameraState m_state;
    int m_width = 800;
    int m_height = 600;
    float m_fovY = 0.6f; // about 34 degrees
};

} // namespace psoas::scene
