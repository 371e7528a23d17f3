#include "scene/OrbitCamera.h"

#include <algorithm>
#include <cmath>

namespace psoas::scene {

Vec3 OrbitCamera::forward() const { return glm::normalize(m_state.orientation * Vec3(0, 0, -1)); }
Vec3 OrbitCamera::up() const { return glm::normalize(m_state.orientation * Vec3(0, 1, 0)); }
Vec3 OrbitCamera::right() const { return glm::normalize(m_state.orientation * Vec3(1, 0, 0)); }
Vec3 OrbitCamera::position() const { return m_state.target - forward() * m_state.distance; }

void OrbitCamera::setViewport(int width, int height)
{
    m_width = std::max(1, width);
    m_height = std::max(1, height);
}

float OrbitCamera::nearPlane() const { return std::max(0.001f, m_state.distance * 0.02f); }
float OrbitCamera::farPlane() const { return m_state.distance * 20.0f + 2.0f; }

Mat4 OrbitCamera::view() const { return glm::lookAt(position(), m_state.target, up()); }

Mat4 OrbitCamera::projection() const { return glm::perspective(m_fovY, aspect(), nearPlane(), farPlane()); }

void OrbitCamera::lookAlong(const Vec3& viewDir, const Vec3& upHint)
{
    Vec3 f = glm::normalize(viewDir);
    Vec3 r = glm::cross(f, upHint);
    if (glm::length(r) < 1e-5f) r = glm::cross(f, std::abs(f.y) < 0.9f ? Vec3(0, 1, 0) : Vec3(0, 0, 1));
    r = glm::normalize(r);
    Vec3 u = glm::cross(r, f);
    Mat3 m(r, u, -f); // columns: camera x, y, z axes in world space
    m_state.orientation = glm::normalize(glm::quat_cast(m));
}

void OrbitCamera::rotateTurntable(float dx, float dy)
{
    const Vec3 worldUp(0, 1, 0);
    Vec3 f = forward();
    // Rotate about world up.
    Quat yaw = glm::angleAxis(-dx, worldUp);
    f = yaw * f;
    // Elevation, clamped so the view never flips over the pole.
    float elevation = std::asin(std::clamp(-f.y, -1.0f, 1.0f)); // > 0 looking down
    float limit = glm::radians(89.0f);
    float newElevation = std::clamp(elevation + dy, -limit, limit);
    Vec3 horizontal = glm::normalize(Vec3(f.x, 0.0f, f.z));
    if (!std::isfinite(horizontal.x)) horizontal = glm::normalize(yaw * (m_state.orientation * Vec3(0, 1, 0)));
    Vec3 nf = horizontal * std::cos(newElevation) - worldUp * std::sin(newElevation);
    lookAlong(nf, worldUp);
}

void OrbitCamera::rotateFree(float dx, float dy)
{
    Quat q = glm::angleAxis(-dx, up()) * glm::angleAxis(-dy, right());
    m_state.orientation = glm::normalize(q * m_state.orientation);
}

void OrbitCamera::panPixels(float dxPixels, float dyPixels)
{
    float worldPerPixel = 2.0f * m_state.distance * std::tan(m_fovY * 0.5f) / float(m_height);
    m_state.target += (-dxPixels * right() + dyPixels * up()) * worldPerPixel;
}

void OrbitCamera::pixelRay(float px, float py, Vec3& origin, Vec3& dir) const
{
    Vec3 a = unproject(px, py, -1.0f);
    Vec3 b = unproject(px, py, 1.0f);
    origin = position();
    dir = glm::normalize(b - a);
}

Vec3 OrbitCamera::unproject(float px, float py, float ndcZ) const
{
    float x = 2.0f * px / float(m_width) - 1.0f;
    float y = 1.0f - 2.0f * py / float(m_height);
    Mat4 inv = glm::inverse(projection() * view());
    Vec4 w = inv * Vec4(x, y, ndcZ, 1.0f);
    return Vec3(w) / w.w;
}

Vec3 OrbitCamera::project(const Vec3& world) const
{
    Vec4 c = projection() * view() * Vec4(world, 1.0f);
    Vec3 ndc = Vec3(c) / c.w;
    return Vec3((ndc.x + 1.0f) * 0.5f * float(m_width), (1.0f - ndc.y) * 0.5f * float(m_height), ndc.z);
}

void OrbitCamera::zoomTowards(float px, float py, float factor, const Vec3& pivot)
{
    // Point under the cursor at the pivot's depth (a plane facing the camera).
    Vec3 origin, dir;
    pixelRay(px, py, origin, dir);
    Vec3 f = forward();
    float denom = glm::dot(dir, f);
    float depth = glm::dot(pivot - origin, f);
    if (denom <= 1e-6f || depth <= 0.0f) {
        m_state.distance *= factor;
        return;
    }
    Vec3 p = origin + dir * (depth / denom);
    // Scaling the camera position about p keeps p's projection fixed.
    Vec3 newPos = p + (origin - p) * factor;
    m_state.target = p + (m_state.target - p) * factor;
    m_state.distance = glm::length(m_state.target - newPos);
    m_state.distance = std::clamp(m_state.distance, 0.01f, 100.0f);
}

void OrbitCamera::zoomTowards(float px, float py, float factor) { zoomTowards(px, py, factor, m_state.target); }

void OrbitCamera::frameBounds(const Vec3& mn, const Vec3& mx)
{
    Vec3 centre = 0.5f * (mn + mx);
    float radius = std::max(0.01f, 0.5f * glm::length(mx - mn));
    float halfFov = 0.5f * std::min(m_fovY, 2.0f * std::atan(std::tan(0.5f * m_fovY) * aspect()));
    m_state.target = centre;
    m_state.distance = radius / std::sin(halfFov) * 1.02f;
}

} // namespace psoas::scene
