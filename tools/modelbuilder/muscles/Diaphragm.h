#pragma once
// The thoracic diaphragm as one closed mesh (model frame, neutral, end of quiet expiration):
// a thin muscular shell whose rim follows its attachments (back of the xiphoid, inner surfaces
// of costal cartilages 7-10, ribs 11-12, lateral and medial arcuate ligaments, median arcuate
// ligament), rising steeply along the chest wall and doming up (right cupola higher than the
// left) to the central tendon; plus the right crus (L1-L3) and left crus (L1-L2).
// uv1 = (region, w): region 0 dome/costal/sternal part, 1 right crus, 2 left crus; w in [0,1]
// is how much the vertex follows the dome (0 at the attachments, 1 at the top).
#include "core/BuiltPart.h"
#include "core/RigData.h"

#include <glm/glm.hpp>

#include <vector>

namespace psoas::modelbuilder {

class Diaphragm {
public:
    explicit Diaphragm(const RigData& rig);

    BuiltPart build() const;

    // Attachment rim (model frame), a closed loop starting at the xiphoid and running round
    // the right side to the back, then the left side.
    std::vector<glm::dvec3> rim() const;

private:
    std::vector<glm::dvec3> rimLocal() const; // in the T12 frame
    double domeHeight(double x, double z) const; // T12 frame
    BuiltPart shell() const;
    BuiltPart crus(bool right) const;

    const RigData& m_rig;
    VertebraFrame m_t12;
};

} // namespace psoas::modelbuilder
