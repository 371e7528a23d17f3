#pragma once
// Signed-distance primitives (negative inside, metres) for sculpting bones, and the meshing
// pipeline: SDF -> OpenVDB narrow-band level set -> rebuild + light smoothing -> volumeToMesh
// -> meshoptimizer simplify + vertex-cache order -> BuiltPart with smooth normals.
// Blended fields are not exact distances; meshSdf rebuilds the level set, so only the zero
// crossing matters.
#include "BuiltPart.h"

#include <glm/glm.hpp>

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace psoas::modelbuilder {

namespace sdf {

double sphere(const glm::dvec3& p, const glm::dvec3& center, double radius);
// Axis-aligned ellipsoid (approximate distance, exact zero set).
double ellipsoid(const glm::dvec3& p, const glm::dvec3& center, const glm::dvec3& radii);
// Ellipsoid whose semi-axes lie along the columns of `axes` (orthonormal).
double ellipsoid(const glm::dvec3& p, const glm::dvec3& center, const glm::dmat3& axes, const glm::dvec3& radii);
double capsule(const glm::dvec3& p, const glm::dvec3& a, const glm::dvec3& b, double radius);
// Capsule whose radius changes linearly from ra (at a) to rb (at b).
double taperedCapsule(const glm::dvec3& p, const glm::dvec3& a, const glm::dvec3& b, double ra, double rb);
// Box with rounded edges: half extents along the columns of `axes`, edge radius `rounding`.
double roundedBox(const glm::dvec3& p, const glm::dvec3& center, const glm::dmat3& axes,
                  const glm::dvec3& halfExtents, double rounding);
double torus(const glm::dvec3& p, const glm::dvec3& center, const glm::dvec3& axis, double majorRadius,
             double minorRadius);
// Tube of circular section along a polyline; radii[i] belongs to points[i], linear in between.
double sweptCircle(const glm::dvec3& p, const std::vector<glm::dvec3>& points, const std::vector<double>& radii);
// Tube of elliptical section: semi-axis `radiiA[i]` along `up` (projected off the tangent),
// `radiiB[i]` along tangent x up. Approximate distance.
double sweptEllipse(const glm::dvec3& p, const std::vector<glm::dvec3>& points, const std::vector<double>& radiiA,
                    const std::vector<double>& radiiB, const glm::dvec3& up);
// Half space: negative on the side opposite to `normal`.
double plane(const glm::dvec3& p, const glm::dvec3& point, const glm::dvec3& normal);

// Polynomial smooth min/max with blend radius k (metres); k = 0 gives the sharp operation.
double smoothUnion(double a, double b, double k);
double smoothSubtraction(double a, double b, double k); // a minus b
double smoothIntersection(double a, double b, double k);

} // namespace sdf

using SdfFunction = std::function<double(const glm::dvec3&)>;

// Meshes the zero set of `sdf` inside [boxMin, boxMax] (the box needs a few voxels of margin)
// at `voxelSize` metres, simplified to about `targetTriangles`. The result is closed, welded,
// counter-clockwise from outside, with smooth normals; parentJoint is left empty.
// Deterministic: the same inputs give the same vertices in the same order.
BuiltPart meshSdf(const std::string& id, const SdfFunction& sdf, glm::dvec3 boxMin, glm::dvec3 boxMax,
                  double voxelSize, std::size_t targetTriangles);

} // namespace psoas::modelbuilder
