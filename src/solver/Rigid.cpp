#include "solver/Rigid.h"

#include <cmath>

namespace psoas::solver {

Mat4 Rigid::toMat4() const
{
    Mat4 m(1.0f);
    for (int c = 0; c < 3; ++c)
        for (int k = 0; k < 3; ++k) m[c][k] = static_cast<float>(r[c][k]);
    m[3] = Vec4(static_cast<float>(t.x), static_cast<float>(t.y), static_cast<float>(t.z), 1.0f);
    return m;
}

DMat3 rotX(double deg)
{
    double a = degToRad(deg), c = std::cos(a), s = std::sin(a);
    DMat3 m(1.0);
    m[1][1] = c; m[1][2] = s;
    m[2][1] = -s; m[2][2] = c;
    return m;
}

DMat3 rotY(double deg)
{
    double a = degToRad(deg), c = std::cos(a), s = std::sin(a);
    DMat3 m(1.0);
    m[0][0] = c; m[0][2] = -s;
    m[2][0] = s; m[2][2] = c;
    return m;
}

DMat3 rotZ(double deg)
{
    double a = degToRad(deg), c = std::cos(a), s = std::sin(a);
    DMat3 m(1.0);
    m[0][0] = c; m[0][1] = s;
    m[1][0] = -s; m[1][1] = c;
    return m;
}

DVec3 rotationVectorDeg(const DMat3& r)
{
    // m[col][row]: element (row i, col j) = r[j][i]
    DVec3 v(r[1][2] - r[2][1], r[2][0] - r[0][2], r[0][1] - r[1][0]);
    v *= 0.5; // sin(angle) * axis
    double s = glm::length(v);
    double c = 0.5 * (r[0][0] + r[1][1] + r[2][2] - 1.0);
    double angle = std::atan2(s, c);
    if (s < 1e-12) return DVec3(0.0); // no rotation (angles near 180 deg never occur here)
    return v * (radToDeg(angle) / s);
}

} // namespace psoas::solver
