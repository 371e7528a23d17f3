#pragma once
// GLM aliases used across modules. Model frame (glTF): metres, +Y up, +Z anterior,
// +X towards the patient's left.
#include <glm/glm.hpp>
#include <glm/gtc/quaternion.hpp>
#include <glm/gtc/matrix_transform.hpp>

namespace psoas {
using Vec2 = glm::vec2;
using Vec3 = glm::vec3;
using Vec4 = glm::vec4;
using Mat3 = glm::mat3;
using Mat4 = glm::mat4;
using Quat = glm::quat;
using DVec3 = glm::dvec3;
using DMat3 = glm::dmat3;
using DMat4 = glm::dmat4;
using DQuat = glm::dquat;

constexpr double kPi = 3.14159265358979323846;
inline double degToRad(double d) { return d * kPi / 180.0; }
inline double radToDeg(double r) { return r * 180.0 / kPi; }
} // namespace psoas
