#pragma once
// Simplified T7-T11 with their discs (T7/T8 ... T11/T12) as one rigid structure,
// `thoracic_t7_t11`, that moves with T12. It gives the heads and tubercles of ribs 7-11
// something to articulate with. The vertebrae are stacked up from T12 with a small kyphosis
// (each level's endplate wedge plus a degree of disc wedge) and use the shared VertebraShape:
// heart-shaped bodies, pedicles, laminae, transverse processes sweeping back to clubbed tips,
// steep downward spinous processes.
#include "core/BuiltPart.h"
#include "core/RigLayout.h"
#include "spine/VertebraShape.h"

#include <glm/glm.hpp>

#include <string>
#include <vector>

namespace psoas::modelbuilder {

class ThoracicSpine {
public:
    ThoracicSpine(const RigLayout& rig, const VertebraDimensions& t12);

    // Frame (model) and shape parameters of level 7..12 (12 = the rig's T12).
    const VertebraFrame& frame(int level) const;
    const VertebraDimensions& dimensions(int level) const;

    // Centre of rib n's head (7..12) against its vertebral body and, for 7..10, of the
    // tubercle against the transverse process tip (model frame, right side; mirror for left).
    glm::dvec3 ribHead(int n) const;
    glm::dvec3 ribTubercle(int n) const;

    // Signed distance of the structure (T7-T11 and the discs down to T12's endplate).
    double distance(const glm::dvec3& world) const;

    BuiltPart build(double voxelSize, const std::string& parentJoint) const;

private:
    double discDistance(int upperLevel, const glm::dvec3& world) const;

    std::vector<VertebraFrame> m_frames;      // index level - 7
    std::vector<VertebraDimensions> m_dims;   // index level - 7
    std::vector<VertebraShape> m_shapes;      // index level - 7
};

} // namespace psoas::modelbuilder
