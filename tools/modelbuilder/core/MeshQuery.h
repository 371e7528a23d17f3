#pragma once
// Small geometric queries on BuiltPart meshes (landmark snapping, tests).
#include "BuiltPart.h"

#include <glm/glm.hpp>

namespace psoas::modelbuilder {

glm::dvec3 closestPointOnTriangle(const glm::dvec3& p, const glm::dvec3& a, const glm::dvec3& b, const glm::dvec3& c);
// Closest point on the surface of `part` (brute force over its triangles).
glm::dvec3 closestPointOnMesh(const BuiltPart& part, const glm::dvec3& p);

} // namespace psoas::modelbuilder
