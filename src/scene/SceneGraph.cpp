#include "scene/SceneGraph.h"

#include "anatomy/Catalog.h"

#include <cassert>
#include <limits>

namespace psoas::scene {

SceneGraph SceneGraph::fromModel(const anatomy::Model& model, const anatomy::Catalog* catalog)
{
    SceneGraph g;
    for (const auto& mn : model.nodes) {
        Node n;
        n.name = mn.name;
        n.parent = mn.parent;
        n.local = mn.local;
        n.meshes = mn.meshes;
        if (catalog) {
            if (const auto* s = catalog->find(mn.name)) {
                n.material.color = s->color;
                n.visible = s->visibleByDefault;
            }
        }
        g.addNode(std::move(n));
    }
    return g;
}

int SceneGraph::addNode(Node node)
{
    assert(node.parent < static_cast<int>(m_nodes.size()) && "SceneGraph::addNode: parent must exist");
    int index = static_cast<int>(m_nodes.size());
    if (!node.name.empty()) m_byName.emplace(node.name, index);
    if (node.parent >= 0) m_children[static_cast<std::size_t>(node.parent)].push_back(index);
    m_nodes.push_back(std::move(node));
    m_children.emplace_back();
    m_world.emplace_back(1.0f);
    m_dirty.push_back(1);
    m_anyDirty = true;
    return index;
}

int SceneGraph::find(const std::string& name) const
{
    auto it = m_byName.find(name);
    return it == m_byName.end() ? -1 : it->second;
}

void SceneGraph::markDirty(int i)
{
    auto& d = m_dirty[static_cast<std::size_t>(i)];
    if (d) return; // already dirty: its subtree was marked then
    d = 1;
    m_anyDirty = true;
    for (int c : m_children[static_cast<std::size_t>(i)]) markDirty(c);
}

void SceneGraph::setLocal(int i, const Mat4& local)
{
    auto& n = m_nodes[static_cast<std::size_t>(i)];
    if (n.local == local) return;
    n.local = local;
    m_dirty[static_cast<std::size_t>(i)] = 0; // force propagation below
    markDirty(i);
}

void SceneGraph::setVisible(int i, bool visible) { m_nodes[static_cast<std::size_t>(i)].visible = visible; }
void SceneGraph::setOpacity(int i, float opacity) { m_nodes[static_cast<std::size_t>(i)].material.opacity = opacity; }
void SceneGraph::setColor(int i, const Vec3& color) { m_nodes[static_cast<std::size_t>(i)].material.color = color; }
void SceneGraph::setHighlight(int i, float amount) { m_nodes[static_cast<std::size_t>(i)].highlight = amount; }

void SceneGraph::updateWorlds() const
{
    if (!m_anyDirty) return;
    // Parents precede children, so one forward pass is enough.
    for (std::size_t i = 0; i < m_nodes.size(); ++i) {
        if (!m_dirty[i]) continue;
        const auto& n = m_nodes[i];
        m_world[i] = n.parent >= 0 ? m_world[static_cast<std::size_t>(n.parent)] * n.local : n.local;
        m_dirty[i] = 0;
        ++m_worldUpdates;
    }
    m_anyDirty = false;
}

const Mat4& SceneGraph::world(int i) const
{
    updateWorlds();
    return m_world[static_cast<std::size_t>(i)];
}

bool SceneGraph::effectivelyVisible(int i) const
{
    while (i >= 0) {
        if (!m_nodes[static_cast<std::size_t>(i)].visible) return false;
        i = m_nodes[static_cast<std::size_t>(i)].parent;
    }
    return true;
}

DrawList SceneGraph::buildDrawList(const anatomy::Model& model) const
{
    updateWorlds();
    DrawList list;
    Vec3 mn(std::numeric_limits<float>::max()), mx(std::numeric_limits<float>::lowest());
    for (std::size_t i = 0; i < m_nodes.size(); ++i) {
        const auto& n = m_nodes[i];
        if (n.meshes.empty() || !effectivelyVisible(static_cast<int>(i)) || n.material.opacity <= 0.0f) continue;
        for (int m : n.meshes) {
            if (m < 0 || static_cast<std::size_t>(m) >= model.meshes.size()) continue;
            DrawItem item;
            item.mesh = m;
            item.node = static_cast<int>(i);
            item.world = m_world[i];
            item.color = n.material.color;
            item.opacity = n.material.opacity;
            item.highlight = n.highlight;
            item.pickId = static_cast<std::uint32_t>(i) + 1u;
            model.meshes[static_cast<std::size_t>(m)].expandWorldBounds(item.world, mn, mx);
            list.items.push_back(item);
        }
    }
    if (!list.items.empty()) {
        list.boundsMin = mn;
        list.boundsMax = mx;
    }
    return list;
}

} // namespace psoas::scene
