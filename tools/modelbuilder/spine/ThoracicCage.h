#pragma once
// The lower thoracic cage, simplified but placed for the diaphragm's attachments: ribs 7-12
// (flattened curved tubes from the spine round to the front, descending), the costal
// cartilages of ribs 7-10 merged per side (forming the costal margin), and the lower sternum
// with the xiphoid, and the simplified T7-T11 column (ThoracicSpine) that the heads of ribs
// 7-11 and the tubercles of ribs 7-10 articulate with. Everything moves with T12 (parent
// joint j_t12_l1).
#include "core/BuiltPart.h"
#include "core/RigLayout.h"
#include "spine/ThoracicSpine.h"
#include "spine/VertebraShape.h"

#include <glm/glm.hpp>

#include <string>
#include <vector>

namespace psoas::modelbuilder {

class ThoracicCage {
public:
    ThoracicCage(const RigLayout& rig, const VertebraShape& t12);

    // thoracic_t7_t11, rib_7_l ... rib_12_r, costal_cartilage_l/_r, sternum.
    std::vector<BuiltPart> build(double voxelSize) const;

    // Centre line of rib n (7..12) of one side, model frame, head to tip.
    std::vector<glm::dvec3> ribCurve(int n, bool left) const;
    // Centre line of the costal cartilage of rib n (7..10), rib end to its junction: a smooth
    // curve leaving the rib in its own direction and turning up to join the sternum (7) or
    // the lower border of the cartilage above (8-10) tangentially.
    std::vector<glm::dvec3> cartilageCurve(int n, bool left) const;
    // Where the diaphragm's costal part attaches: the inner (thoracic) surface of the costal
    // margin near its lower border, from the xiphisternal junction along cartilages 7, 8, 9
    // and 10 down to the end of rib 10 (model frame). Points lie `clearance` metres inside the
    // cartilage surface.
    std::vector<glm::dvec3> costalMarginInner(bool left, double clearance) const;
    // Inner surface of rib n (7..12) at fraction s of its centre line from head (0) to tip (1),
    // `clearance` metres inside the bone (towards the thorax) and `below` metres down.
    glm::dvec3 ribInner(int n, bool left, double s, double clearance, double below = 0.0) const;
    // Cartilage section half sizes (m): along the section's up axis and across it.
    static double cartilageHalfHeight();
    static double cartilageHalfThickness();
    // Tip of the xiphoid process and the xiphisternal junction (model frame).
    glm::dvec3 xiphoidTip() const;
    glm::dvec3 xiphisternalJunction() const;
    // T12 frame (model) and its cranial axis.
    const VertebraFrame& frame() const { return m_frame; }
    const ThoracicSpine& spine() const { return m_spine; }

private:
    glm::dvec3 toWorld(double lateralRight, double y, double z, bool left) const;
    std::vector<glm::dvec3> ribControl(int n) const; // right side, (lateral, y, z) in T12 frame
    // Right side, (lateral, y, z) in the T12 frame, densely sampled; n = 7..10.
    std::vector<glm::dvec3> cartilageLocal(int n) const;
    // Parameter (0..1 along cartilageLocal(n - 1)) where cartilage n (8..10) joins it.
    static double joinParameter(int n);

    VertebraFrame m_frame;
    VertebraDimensions m_t12;
    std::string m_joint;
    ThoracicSpine m_spine;
};

} // namespace psoas::modelbuilder
