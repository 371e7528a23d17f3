#pragma once
// CPU mesh data. The solver writes new vertex positions here and bumps `version`;
// the renderer re-uploads a mesh whose version changed (one upload function).
#include "core/Math.h"

#include <cstdint>
#include <string>
#include <vector>

namespace psoas::anatomy {

struct MeshData {
    std::string name;
    std::vector<Vec3> positions;
    std::vector<Vec3> normals;
    std::vector<std::uint32_t> indices; // triangle list
    // Optional extra attributes (glTF TEXCOORD_1 / TEXCOORD_2). Muscles store their
    // path coordinates here (see README "Muscle binding").
    std::vector<Vec2> uv1;
    std::vector<Vec2> uv2;
    // Optional per-vertex tissue colour (glTF COLOR_0): rgb, and in a how much it replaces the
    // catalog colour (0 = catalog colour only). Empty for most meshes.
    std::vector<Vec4> colors;
    // Optional fibre coordinates of a muscle surface, derived when the document opens (not in
    // the file): x, y = the vertex's rest offset across its path (metres, in the path's frame),
    // z = s (fraction of the path from origin to insertion), w = the muscle's tendon_fraction.
    // The renderer draws fibres along the path and the distal tendon from them. Empty for
    // everything that is not a muscle.
    std::vector<Vec4> fibres;
    // Optional skin (glTF JOINTS_0 / WEIGHTS_0).
    std::vector<glm::u16vec4> joints;
    std::vector<Vec4> weights;
    int materialIndex = -1;
    std::uint64_t version = 1;
    // Whether the surface is closed and consistently wound (+1 outward, -1 inward, 0 open or
    // unknown), so the renderer may cull back faces. Filled by updateClosedWinding(), which the
    // document calls while the model loads (off the GL thread); a deforming muscle keeps its value
    // because its topology never changes.
    int closedWinding = 0;
    bool closedWindingKnown = false;

    std::size_t triangleCount() const { return indices.size() / 3; }
    void computeBounds(Vec3& mn, Vec3& mx) const;
    // Grows [mn, mx] by this mesh's bounding box transformed by `world` (its eight corners).
    void expandWorldBounds(const Mat4& world, Vec3& mn, Vec3& mx) const;
    // Area-weighted smooth normals from positions and indices.
    void recomputeNormals();
    // +1 / -1 when every directed edge appears once and its reverse once (closed, consistently
    // wound), signed by the enclosed volume; 0 otherwise.
    int computeClosedWinding() const;
    // Stores computeClosedWinding() in closedWinding and marks it known.
    void updateClosedWinding()
    {
        closedWinding = computeClosedWinding();
        closedWindingKnown = true;
    }
};

} // namespace psoas::anatomy
