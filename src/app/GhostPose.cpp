#include "app/GhostPose.h"

#include "app/Document.h"

#include <algorithm>
#include <cmath>

namespace psoas::app {

namespace {

// True when the node is drawn (nearly) where the ghost would be: nothing to compare, and
// drawing both would only z-fight. Transforms and, for deformed meshes, sampled vertices.
bool unmoved(const Mat4& a, const Mat4& b, const anatomy::MeshData* live, const anatomy::MeshData* rest)
{
    // Parts that moved by less than about 2 degrees or 8 mm are left out too: a ghost that
    // nearly coincides with the live surface reads as noise, not as a difference.
    for (int c = 0; c < 3; ++c)
        for (int r = 0; r < 3; ++r)
            if (std::abs(a[c][r] - b[c][r]) > 0.035f) return false;
    if (glm::length(Vec3(a[3]) - Vec3(b[3])) > 0.008f) return false;
    if (!live || !rest || live == rest) return true;
    if (live->positions.size() != rest->positions.size()) return false;
    const std::size_t step = std::max<std::size_t>(1, live->positions.size() / 64);
    for (std::size_t i = 0; i < live->positions.size(); i += step)
        if (glm::length(live->positions[i] - rest->positions[i]) > 0.008f) return false;
    return true;
}

} // namespace

bool GhostPose::prepare(Document& doc)
{
    if (m_doc == &doc) return true;
    reset();
    const auto* live = doc.kinematics();
    if (!live) return false;
    const solver::PoseResult neutral = live->solve(solver::Pose::neutral(live->table()), solver::SolveParts{true, false, false});
    auto& meshes = doc.model().meshes;
    const std::size_t count = meshes.size();
    std::vector<anatomy::MeshData> rest(count); // copies of the deformable meshes only, same indices
    for (std::size_t i = 0; i < count; ++i)
        if (!meshes[i].uv1.empty()) rest[i] = meshes[i];
    solver::DeformWorkspace workspace;
    live->deform(neutral, solver::MeshSpan(rest), workspace);
    m_restMesh.resize(count);
    for (std::size_t i = 0; i < count; ++i) {
        if (meshes[i].uv1.empty()) {
            m_restMesh[i] = int(i);
            continue;
        }
        anatomy::MeshData copy = std::move(rest[i]);
        copy.name += ".neutral";
        copy.version = 1;
        copy.recomputeNormals(); // smooth normals of the rest shape
        m_restMesh[i] = int(meshes.size());
        meshes.push_back(std::move(copy));
    }
    m_doc = &doc;
    return true;
}

void GhostPose::appendTo(const Document& doc, scene::DrawList& list) const
{
    if (m_doc != &doc) return;
    const auto& scene = doc.scene();
    const auto& model = doc.model();
    const Mat4 body(doc.bodyRotation()); // the neutral pose lying as the body lies now
    for (std::size_t n = 0; n < scene.size() && n < model.nodes.size(); ++n) {
        const auto& node = scene.node(int(n));
        if (node.meshes.empty() || !scene.effectivelyVisible(int(n))) continue;
        const Mat4 world = body * model.restWorld(int(n));
        for (int m : node.meshes) {
            if (m < 0 || std::size_t(m) >= m_restMesh.size()) continue;
            const int restMesh = m_restMesh[std::size_t(m)];
            if (unmoved(scene.world(int(n)), world, &model.meshes[std::size_t(m)],
                        &model.meshes[std::size_t(restMesh)]))
                continue;
            scene::DrawItem item;
            item.mesh = restMesh;
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
