#pragma once
// Intervertebral discs as lofted, closed meshes between two endplates. The outline follows
// the vertebral body's kidney shape; the wall bulges slightly outwards (annulus).
// uv1 = (0, t): t = 0 on the lower endplate, 1 on the upper one.
#include "core/BuiltPart.h"
#include "core/RigLayout.h"
#include "spine/VertebraShape.h"

#include <glm/glm.hpp>

#include <string>

namespace psoas::modelbuilder {

class DiscBuilder {
public:
    // `upper`/`lower`: the vertebrae whose endplates bound the disc. If `lowerIsSacrum`,
    // `lower` is null and `lowerFrame` is the S1 frame re-centred on its superior
    // endplate; the lower outline then copies the upper one.
    static BuiltPart build(const std::string& id, const VertebraShape& upper, const VertebraFrame& upperFrame,
                           const VertebraShape* lower, const VertebraFrame& lowerFrame, int around = 48,
                           int rings = 6);

    // Point on the outline of a body's endplate (local frame) in direction phi (radians, in
    // the xz plane), `top` selects the superior endplate.
    static glm::dvec3 endplatePoint(const VertebraShape& v, double phi, bool top);
};

} // namespace psoas::modelbuilder
