#include "app/GhostPose.h"

#include "app/Document.h"

namespace psoas::app {

bool GhostPose::prepare(Document& doc)
{
    if (m_doc == &doc) return true;
    reset();
#ifdef PSOAS_HAVE_SOLVER
    const auto* live = doc.kinematics();
    if (!live) return false;
    solver::Kinematics k = *live;
    k.setMode(solver::Mode::Free);
    k.resetCoordinates();
    k.update();
    anatomy::Model rest = doc.model();
    k.deform(rest);
    auto& meshes = doc.model().meshes;
    const std::size_t count = meshes.size();
    m_restMesh.resize(count);
    for (std::size_t i = 0; i < count; ++i) {
        if (rest.meshes[i].uv1.empty()) {
            m_restMesh[i] = int(i);
            continue;
        }
        anatomy::MeshData copy = std::move(rest.meshes[i]);
        copy.name += ".neutral";
        copy.version = 1;
        m_restMesh[i] = int(meshes.size());
        meshes.push_back(std::move(copy));
    }
    m_doc = &doc;
    return true;
#else
    (void)doc;
    return false;
#endif
}

void GhostPose::appendTo(const Document& doc, scene::DrawList& list) const
{
    if (m_doc != &doc) return;
    const auto& scene = doc.scene();
    const auto& model = doc.model();
    for (std::size_t n = 0; n < scene.size() && n < model.nodes.size(); ++n) {
        const auto& node = scene.node(int(n));
        if (node.meshes.empty() || !scene.effectivelyVisible(int(n))) continue;
        const Mat4 world = model.restWorld(int(n));
        for (int m : node.meshes) {
            if (m < 0 || std::size_t(m) >= m_restMesh.size()) continue;
            scene::DrawItem item;
            item.mesh = m_restMesh[std::size_t(m)];
            item.node = int(n);
            item.world = world;
            item.color = colour();
            item.opacity = kOpacity * node.material.opacity;
            item.pickId = 0;
            list.items.push_back(item);
        }
    }
}

} // namespace psoas::app
