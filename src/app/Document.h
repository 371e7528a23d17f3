#pragma once
// What the viewer has open: the model, its catalog and the scene graph built from them.
// Plain C++ (no Qt widgets, no GL): the UI and the command line both drive it.
#include "anatomy/Catalog.h"
#include "anatomy/Model.h"
#include "core/Error.h"
#include "scene/DrawList.h"
#include "scene/OrbitCamera.h"
#include "scene/SceneGraph.h"

#include <memory>
#include <optional>
#include <string>

namespace psoas::app {

class Document {
public:
    // Opens a model file. The catalog is optional (a foreign model has none); when given
    // but unreadable, the error names it.
    static core::Result<std::unique_ptr<Document>> open(const std::string& modelPath,
                                                        const std::string& catalogPath = {});
    // The built-in model and catalog from the assets folder.
    static std::string defaultModelPath();
    static std::string defaultCatalogPath();

    anatomy::Model& model() { return m_model; }
    const anatomy::Model& model() const { return m_model; }
    scene::SceneGraph& scene() { return m_scene; }
    const scene::SceneGraph& scene() const { return m_scene; }
    const anatomy::Catalog* catalog() const { return m_catalog ? &*m_catalog : nullptr; }

    scene::DrawList drawList() const { return m_scene.buildDrawList(m_model); }
    // Frames all visible geometry.
    void frameAll(scene::OrbitCamera& camera) const;
    // Display name of a node (catalog name, else the node name).
    std::string displayName(int node) const;

private:
    anatomy::Model m_model;
    std::optional<anatomy::Catalog> m_catalog;
    scene::SceneGraph m_scene;
};

} // namespace psoas::app
