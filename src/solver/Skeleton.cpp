#include "solver/Skeleton.h"

namespace psoas::solver {

core::Result<Skeleton> Skeleton::create(const RigData& rig, const CoordinateTable& table)
{
    Skeleton s;
    auto need = [&](const char* name, int& out) {
        out = rig.findJoint(name);
        return out >= 0;
    };
    const char* missing = nullptr;
    if (!need("pelvis", s.m_pelvis)) missing = "pelvis";
    if (!need("j_hip_l", s.m_hip[0])) missing = "j_hip_l";
    if (!need("j_hip_r", s.m_hip[1])) missing = "j_hip_r";
    for (int l = 0; l < kLumbarLevels; ++l)
        if (!need(lumbarJointName(l), s.m_lumbar[static_cast<std::size_t>(l)])) missing = lumbarJointName(l);
    if (missing)
        return core::makeError(rig.sourcePath + ": the rig has no joint \"" + missing +
                               "\"; the solver needs pelvis, j_l5_s1 ... j_t12_l1, j_hip_l and j_hip_r.");
    if (rig.joints[static_cast<std::size_t>(s.m_pelvis)].parent != -1)
        return core::makeError(rig.sourcePath + ": joint \"pelvis\" must be the root (\"parent\": null).");
    s.m_roles.resize(rig.joints.size());
    s.m_pivots.resize(rig.joints.size());
    s.m_parents.resize(rig.joints.size());
    for (std::size_t i = 0; i < rig.joints.size(); ++i) {
        s.m_pivots[i] = rig.joints[i].position;
        s.m_parents[i] = rig.joints[i].parent;
    }
    s.m_roles[static_cast<std::size_t>(s.m_pelvis)].role = Role::Pelvis;
    s.m_roles[static_cast<std::size_t>(s.m_hip[0])].role = Role::HipL;
    s.m_roles[static_cast<std::size_t>(s.m_hip[1])].role = Role::HipR;
    for (int l = 0; l < kLumbarLevels; ++l)
        s.m_roles[static_cast<std::size_t>(s.m_lumbar[static_cast<std::size_t>(l)])] = {Role::Lumbar, l};
    s.m_shares = table.lumbarShares();
    return s;
}

DMat3 Skeleton::pelvisRotation(const CoordValues& v) const
{
    return rotY(v[PelvisRotation]) * rotZ(v[PelvisObliquity]) * rotX(v[PelvisTilt]);
}

DMat3 Skeleton::hipRotation(int side, const CoordValues& v) const
{
    if (side == 0) return rotX(-v[HipFlexionL]) * rotZ(-v[HipAdductionL]) * rotY(-v[HipRotationL]);
    return rotX(-v[HipFlexionR]) * rotZ(v[HipAdductionR]) * rotY(v[HipRotationR]);
}

DMat3 Skeleton::lumbarLevelRotation(int level, const CoordValues& v) const
{
    double w = m_shares[static_cast<std::size_t>(level)];
    return rotY(v[LumbarRotation] * w) * rotZ(-v[LumbarBending] * w) * rotX(v[LumbarFlexion] * w);
}

DMat3 Skeleton::lumbarRotation(const CoordValues& v) const
{
    DMat3 r(1.0);
    for (int l = 0; l < kLumbarLevels; ++l) r = r * lumbarLevelRotation(l, v);
    return r;
}

void Skeleton::pose(const CoordValues& v, std::vector<Rigid>& out) const
{
    out.resize(m_roles.size());
    for (std::size_t i = 0; i < m_roles.size(); ++i) {
        DMat3 local(1.0);
        switch (m_roles[i].role) {
        case Role::Pelvis: local = pelvisRotation(v); break;
        case Role::HipL: local = hipRotation(0, v); break;
        case Role::HipR: local = hipRotation(1, v); break;
        case Role::Lumbar: local = lumbarLevelRotation(m_roles[i].level, v); break;
        case Role::Fixed: break;
        }
        Rigid m = Rigid::about(m_pivots[i], local);
        out[i] = m_parents[i] >= 0 ? out[static_cast<std::size_t>(m_parents[i])] * m : m;
    }
}

} // namespace psoas::solver
