#pragma once
// Scene graph: nodes with name, parent, local transform, mesh instances, material and
// visibility. World transforms are cached and recomputed only for nodes whose own or an
// ancestor's local transform changed.
#include "anatomy/Model.h"
#include "core/Math.h"
#include "scene/DrawList.h"

#include <string>
#include <unordered_map>
#include <vector>

namespace psoas::anatomy { class Catalog; }

namespace psoas::scene {

struct Material {
    Vec3 color{0.8f};
    float opacity = 1.0f;
};

struct Node {
    std::string name;
    int parent = -1;
    Mat4 local{1.0f};
    std::vector<int> meshes; // indices into anatomy::Model::meshes
    Material material;
    bool visible = true;
    float highlight = 0.0f;
};

class SceneGraph {
public:
    // Builds nodes from the loaded model; colours come from the catalog when it names the node.
    static SceneGraph fromModel(const anatomy::Model& model, const anatomy::Catalog* catalog);

    int addNode(Node node); // parent must already exist (or -1)
    int find(const std::string& name) const;
    std::size_t size() const { return m_nodes.size(); }
    const Node& node(int i) const { return m_nodes[static_cast<std::size_t>(i)]; }

    void setLocal(int i, const Mat4& local);
    void setVisible(int i, bool visible);
    void setOpacity(int i, float opacity);
    void setColor(int i, const Vec3& color);
    void setHighlight(int i, float amount);

    // Cached world transform; recomputes dirty nodes on demand.
    const Mat4& world(int i) const;
    // True when the node and all its ancestors are visible.
    bool effectivelyVisible(int i) const;
    // Number of world matrices recomputed since construction (for tests and benchmarks).
    std::size_t worldUpdates() const { return m_worldUpdates; }

    // Flat list of visible mesh instances; bounds from the meshes' vertices.
    DrawList buildDrawList(const anatomy::Model& model) const;

private:
    void markDirty(int i);
    void updateWorlds() const;

    std::vector<Node> m_nodes;
    std::vector<std::vector<int>> m_children;
    std::unordered_map<std::string, int> m_byName;
    mutable std::vector<Mat4> m_world;
    mutable std::vector<char> m_dirty;
    mutable bool m_anyDirty = false;
    mutable std::size_t m_worldUpdates = 0;
};

} // namespace psoas::scene
