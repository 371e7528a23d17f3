#pragma once
// Forward kinematics: coordinate values -> model-space rigid motion of every rig joint
// (posed = M * neutral). Sign conventions (model frame +X left, +Y up, +Z anterior):
//   pelvis_tilt      + anterior (ASIS forward/down): rotation about +X
//   pelvis_obliquity + left side up: about +Z;  pelvis_rotation + anterior faces left: about +Y
//   lumbar_flexion   + flexion (trunk forward), shared over the six levels j_l5_s1..j_t12_l1
//   lumbar_bending   + bending to the left;      lumbar_rotation + trunk turns left
//   hip_flexion      + knee forward;  hip_adduction + knee towards the midline;
//   hip_rotation     + internal (anterior femur turns medially)
// Rotations are applied in the order rotation(Y) * side(Z) * sagittal(X) about each joint centre.
#include "core/Error.h"
#include "solver/CoordinateTable.h"
#include "solver/RigData.h"
#include "solver/Rigid.h"

#include <array>
#include <vector>

namespace psoas::solver {

class Skeleton {
public:
    static core::Result<Skeleton> create(const RigData& rig, const CoordinateTable& table);

    // jointWorld gets one entry per rig joint (resized if needed; no allocation once sized).
    void pose(const CoordValues& v, std::vector<Rigid>& jointWorld) const;

    DMat3 pelvisRotation(const CoordValues& v) const;
    // side 0 = left, 1 = right; relative to the pelvis
    DMat3 hipRotation(int side, const CoordValues& v) const;
    // Product of the six lumbar level rotations, bottom to top (T12 relative to the sacrum).
    DMat3 lumbarRotation(const CoordValues& v) const;
    DMat3 lumbarLevelRotation(int level, const CoordValues& v) const;

    int pelvisJoint() const { return m_pelvis; }
    int hipJoint(int side) const { return m_hip[static_cast<std::size_t>(side)]; }
    int lumbarJoint(int level) const { return m_lumbar[static_cast<std::size_t>(level)]; }

private:
    enum class Role { Fixed, Pelvis, Lumbar, HipL, HipR };
    struct JointRole { Role role = Role::Fixed; int level = 0; };
    std::vector<JointRole> m_roles;
    std::vector<DVec3> m_pivots;
    std::vector<int> m_parents;
    std::array<double, kLumbarLevels> m_shares{};
    int m_pelvis = -1;
    std::array<int, 2> m_hip{{-1, -1}};
    std::array<int, kLumbarLevels> m_lumbar{};
};

} // namespace psoas::solver
