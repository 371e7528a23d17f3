#include "app/Document.h"

#include "core/AssetPaths.h"
#include "io/ModelLoader.h"

#include <filesystem>

namespace psoas::app {

std::string Document::defaultModelPath() { return core::assetPath("models/lumbopelvic.glb"); }
std::string Document::defaultCatalogPath() { return core::assetPath("models/catalog.json"); }

core::Result<std::unique_ptr<Document>> Document::open(const std::string& modelPath, const std::string& catalogPath)
{
    auto model = io::loadModel(modelPath);
    if (!model) return model.error();
    std::unique_ptr<Document> doc(new Document());
    doc->m_model = std::move(model).value();
    if (!catalogPath.empty()) {
        auto cat = anatomy::Catalog::load(catalogPath);
        if (!cat) return cat.error();
        doc->m_catalog = std::move(cat).value();
    }
    doc->m_scene = scene::SceneGraph::fromModel(doc->m_model, doc->catalog());
    return doc;
}

void Document::frameAll(scene::OrbitCamera& camera) const
{
    auto list = drawList();
    if (list.empty()) return;
    camera.frameBounds(list.boundsMin, list.boundsMax);
}

std::string Document::displayName(int node) const
{
    if (node < 0 || std::size_t(node) >= m_scene.size()) return {};
    const auto& name = m_scene.node(node).name;
    if (const auto* s = catalog() ? catalog()->find(name) : nullptr) return s->name;
    return name;
}

} // namespace psoas::app
