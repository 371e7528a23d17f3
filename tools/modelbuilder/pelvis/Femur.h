#pragma once
// The right femur (whole bone) as a signed-distance sculpture; the left one is its mirror.
#include "core/BuiltPart.h"
#include "core/RigData.h"

namespace psoas::modelbuilder {

// Axes of the right femur at neutral (model frame).
struct FemurFrame {
    glm::dvec3 head{0.0};       // head centre = hip centre
    double headRadius = 0.024;
    glm::dvec3 shaftUp{0.0};    // anatomical shaft axis, pointing proximally
    glm::dvec3 neckDir{0.0};    // neck axis, from the neck base towards the head
    glm::dvec3 neckBase{0.0};   // where the neck axis meets the shaft axis (closest point)
    glm::dvec3 knee{0.0};       // knee centre (between the condyles)
    glm::dvec3 medial{0.0};     // unit, perpendicular to shaftUp, towards the midline
    glm::dvec3 anterior{0.0};   // unit, perpendicular to shaftUp and medial
};

FemurFrame femurFrame(const RigData& rig);

// Mesh node "femur_r" parented to j_hip_r.
BuiltPart buildFemurRight(const RigData& rig, double voxelSize, std::size_t targetTriangles);

} // namespace psoas::modelbuilder
