#pragma once
// Smooth wrapping of a straight segment p -> s over a cylinder or an ellipsoid. Pure
// functions. Each returns the length of the shortest path from p to s that stays outside the
// surface (and, with a side, passes the surface on that side), and can append the interior
// points of that path (tangent points and arc samples) to `points`.
//
// Continuity: the path switches between "straight" and "wrapped" only where the straight
// segment touches the surface, where the wrapped arc has zero length; length and its
// derivative are therefore continuous (no via-point switching).
// Cylinder: exact geodesic (the helix is a straight line on the unrolled surface).
// Ellipsoid: the ellipsoid is mapped to a unit sphere, the great-circle wrap is computed
// there and mapped back; the length is measured on that (sampled) curve in real space.
// If p or s lies inside the surface the segment is left straight.
#include "core/Math.h"

#include <vector>

namespace psoas::solver {

struct WrapSide {
    DVec3 direction{0.0}; // unit, in the same frame as p and s
    bool enabled = false;
};

double wrapCylinder(const DVec3& p, const DVec3& s, const DVec3& center, const DVec3& axis, double radius,
                    const WrapSide& side, std::vector<DVec3>* points);

// `axes` columns are the ellipsoid's unit axes, `radii` the semi-axes along them.
double wrapEllipsoid(const DVec3& p, const DVec3& s, const DVec3& center, const DMat3& axes, const DVec3& radii,
                     const WrapSide& side, std::vector<DVec3>* points);

} // namespace psoas::solver
