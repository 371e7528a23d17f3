#pragma once
// Openings cut through the diaphragm's dome (the caval opening in the central tendon and the
// oesophageal hiatus in the muscle beside it). The dome is built as a mid-surface
// triangulation over a grid; an opening removes the triangles inside an ellipse lying in the
// surface and moves the vertices left on its edge onto the ellipse, so the hole has a smooth
// outline. The shell then joins its upper and lower faces along the opening's edge with a wall.
#include "core/BuiltPart.h"
#include "core/RigLayout.h"

#include <glm/glm.hpp>

#include <array>
#include <cstdint>
#include <vector>

namespace psoas::modelbuilder {

struct DomeOpening {
    glm::dvec3 near{0.0};     // a point within 2 cm of the mid-surface (T12 frame); the centre is
                              // its projection onto the surface near it
    glm::dvec3 along{0.0};    // direction of the long axis (projected into the surface)
    double halfLong = 0.0;    // m
    double halfShort = 0.0;   // m
};

// An opening as cut: its ellipse in the mid-surface (T12 frame).
struct PlacedOpening {
    glm::dvec3 centre{0.0}, normal{0.0, 1.0, 0.0}, major{1.0, 0.0, 0.0}, minor{0.0, 0.0, 1.0};
    double a = 0.0, b = 0.0; // half axes along major and minor
    std::uint32_t nearestVertex = 0; // mid-surface vertex nearest the centre before the cut
    double follow = 0.0;             // how much the dome there follows breathing (uv1.y)
};

using Triangle = std::array<std::uint32_t, 3>;

// Removes the triangles of `tris` (indices into `mid`, counter-clockwise seen from above)
// inside each opening, moves the vertices on each opening's edge onto its ellipse and returns
// the edges of the openings and of the outer rim, directed as in the kept triangles. `placed`
// receives each opening as cut.
std::vector<std::array<std::uint32_t, 2>> cutOpenings(std::vector<glm::dvec3>& mid, std::vector<Triangle>& tris,
                                                      const std::vector<DomeOpening>& openings,
                                                      std::vector<PlacedOpening>* placed = nullptr);

// The muscular sling of the right crus round the oesophageal hiatus: a flat band on the
// abdominal face of the dome that comes up behind and below the hiatus (where the right crus
// ends), splits round both sides of it and meets again in front. `below` is how far under the
// mid-surface its centre lies (m); model frame output, uv1 = (0, follow), muscle colour.
BuiltPart hiatusSling(const PlacedOpening& hiatus, const VertebraFrame& t12, double below);

} // namespace psoas::modelbuilder
