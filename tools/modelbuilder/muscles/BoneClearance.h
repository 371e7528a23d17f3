#pragma once
// Keeps muscle centre lines off the bones they pass in neutral: the vertebrae (sculpted
// shapes in their rig frames) and the rig's wrap surfaces (pelvic brim cylinder, hip capsule
// ellipsoid). A muscle may still touch the bone where it attaches (its ends).
#include "core/RigLayout.h"
#include "spine/VertebraShape.h"

#include <glm/glm.hpp>

#include <functional>
#include <vector>

namespace psoas::modelbuilder {

class BoneClearance {
public:
    explicit BoneClearance(const RigLayout& rig);

    // Signed distance (m) from a model-frame point to the nearest obstacle.
    double distance(const glm::dvec3& p) const;
    // Distance to the vertebrae only.
    double vertebraDistance(const glm::dvec3& p) const;

    // Moves the samples of `line` (model frame) so that each lies at least
    // `clearance(s)` from every obstacle, except within `freeEnds` (arc fraction) of either
    // end, then smooths the line. `wraps` restricts the wrap surfaces used (names).
    std::vector<glm::dvec3> clear(const std::vector<glm::dvec3>& line, const std::function<double(double)>& clearance,
                                  const std::vector<std::string>& wraps, double freeStart, double freeEnd) const;

private:
    double wrapDistance(const WrapDef& w, const glm::dvec3& p) const;
    double obstacleDistance(const glm::dvec3& p, const std::vector<const WrapDef*>& wraps) const;

    std::vector<VertebraShape> m_shapes;
    std::vector<VertebraFrame> m_frames;
    std::vector<WrapDef> m_wraps;
};

} // namespace psoas::modelbuilder
