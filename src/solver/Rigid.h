#pragma once
// A rigid motion x -> R x + t in double precision, and the rotations the solver uses.
#include "core/Math.h"

namespace psoas::solver {

struct Rigid {
    DMat3 r{1.0};
    DVec3 t{0.0};

    DVec3 apply(const DVec3& p) const { return r * p + t; }
    DVec3 rotate(const DVec3& v) const { return r * v; }
    Rigid operator*(const Rigid& o) const { return Rigid{r * o.r, r * o.t + t}; }
    Rigid inverse() const
    {
        DMat3 rt = glm::transpose(r);
        return Rigid{rt, -(rt * t)};
    }
    // Rotation `rot` about the point `pivot`.
    static Rigid about(const DVec3& pivot, const DMat3& rot) { return Rigid{rot, pivot - rot * pivot}; }
    Mat4 toMat4() const;
};

// Right-handed rotations by `deg` degrees about the model axes (+X left, +Y up, +Z anterior).
DMat3 rotX(double deg);
DMat3 rotY(double deg);
DMat3 rotZ(double deg);
// Rotation vector (axis * angle, degrees) of a rotation matrix.
DVec3 rotationVectorDeg(const DMat3& r);

} // namespace psoas::solver
