#pragma once
// One generated glTF mesh node (bone, disc, muscle, ...), shared by every part builder.
#include <glm/glm.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace psoas::modelbuilder {

struct BuiltPart {                     // one glTF mesh node
    std::string id;                    // structure id, e.g. "l3", "psoas_major_r", "disc_l4_l5"
    std::string parentJoint;           // "" = scene root (muscles, discs, diaphragm); else joint node (bones)
    std::vector<glm::vec3> positions;  // model frame, metres, at neutral
    std::vector<glm::vec3> normals;    // smooth, unit
    std::vector<std::uint32_t> indices; // triangles, counter-clockwise seen from outside
    std::vector<glm::vec2> uv1;        // TEXCOORD_1 binding (muscles/discs/diaphragm), else empty
    // Optional COLOR_0 (linear RGBA): rgb a tissue colour, a how much it replaces the structure's
    // catalog colour (0 = keep the catalog colour). The diaphragm marks its pale central tendon.
    std::vector<glm::vec4> colors;
};

// Appends `src` to `dst` (indices are offset). Both must agree on whether uv1 is present;
// colours are padded with (1, 1, 1, 0) when only one side has them.
void appendPart(BuiltPart& dst, const BuiltPart& src);
// Removes the vertices no triangle uses (keeping the order of the others) and renumbers.
void dropUnusedVertices(BuiltPart& part);
// Area-weighted smooth normals from positions and indices (unit length; +Y for isolated vertices).
void computeSmoothNormals(BuiltPart& part);
// The mirror image of a right-side part across the sagittal plane (x -> -x), with the winding
// flipped so it stays counter-clockwise from outside. The id is left to the caller.
BuiltPart mirrorPart(const BuiltPart& part, const std::string& newId, const std::string& newParentJoint);

} // namespace psoas::modelbuilder
