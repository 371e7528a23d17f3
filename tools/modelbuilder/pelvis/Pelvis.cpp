#include "pelvis/Pelvis.h"

#include "pelvis/Femur.h"
#include "pelvis/HipBone.h"
#include "pelvis/Sacrum.h"

namespace psoas::modelbuilder {

std::vector<BuiltPart> buildPelvis(const RigLayout& rig, double voxelSize)
{
    std::vector<BuiltPart> parts;
    parts.push_back(buildSacrum(rig, voxelSize, 9000));
    BuiltPart hip = buildHipBoneRight(rig, voxelSize, 24000);
    parts.push_back(mirrorPart(hip, "hip_bone_l", "pelvis"));
    parts.push_back(std::move(hip));
    BuiltPart femur = buildFemurRight(rig, voxelSize, 8000);
    parts.push_back(mirrorPart(femur, "femur_l", "j_hip_l"));
    parts.push_back(std::move(femur));
    return parts;
}

} // namespace psoas::modelbuilder
