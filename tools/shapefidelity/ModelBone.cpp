#include "ModelBone.h"

#include "anatomy/Model.h"
#include "io/ModelLoader.h"

#include <glm/glm.hpp>

namespace psoas::fidelity {

bool modelBone(const anatomy::Model& model, const std::string& id, TriMesh& out, std::string& error)
{
    out = TriMesh{};
    const int node = model.findNode(id);
    if (node < 0 || model.nodes[std::size_t(node)].meshes.empty()) {
        error = "the model has no mesh named '" + id + "'";
        return false;
    }
    const glm::dmat4 world(model.restWorld(node));
    for (int mi : model.nodes[std::size_t(node)].meshes) {
        const auto& mesh = model.meshes[std::size_t(mi)];
        const std::uint32_t base = std::uint32_t(out.vertices.size());
        for (const glm::vec3& p : mesh.positions) {
            const glm::dvec3 w = glm::dvec3(world * glm::dvec4(glm::dvec3(p), 1.0)) * kModelMetresToMm;
            out.vertices.emplace_back(w.x, w.y, w.z);
        }
        for (std::size_t i = 0; i + 2 < mesh.indices.size(); i += 3)
            out.faces.push_back({base + mesh.indices[i], base + mesh.indices[i + 1], base + mesh.indices[i + 2]});
    }
    return true;
}

bool loadModelBone(const std::string& glbPath, const std::string& id, TriMesh& out, std::string& error)
{
    auto model = io::loadModel(glbPath);
    if (!model) {
        error = model.message();
        return false;
    }
    return modelBone(model.value(), id, out, error);
}

} // namespace psoas::fidelity
