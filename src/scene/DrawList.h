#pragma once
// The flat list the renderer draws. Built from the scene graph by SceneGraph::buildDrawList;
// the renderer never walks the scene or calls the solver.
#include "core/Math.h"

#include <cstdint>
#include <vector>

namespace psoas::scene {

struct DrawItem {
    int mesh = -1;            // index into anatomy::Model::meshes
    int node = -1;            // scene node index (for picking)
    Mat4 world{1.0f};
    Vec3 color{0.8f};
    float opacity = 1.0f;     // < 1 goes to the sorted transparent pass
    float highlight = 0.0f;   // 0..1 selection/hover tint
    std::uint32_t pickId = 0; // node + 1; 0 = background
};

struct DrawList {
    std::vector<DrawItem> items;
    Vec3 boundsMin{0.0f};
    Vec3 boundsMax{0.0f};
    bool empty() const { return items.empty(); }
};

} // namespace psoas::scene
