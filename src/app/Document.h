#pragma once
// What the viewer has open: the model, its catalog and the scene graph built from them.
// Plain C++ (no Qt widgets, no GL): the UI and the command line both drive it.
#include "anatomy/Catalog.h"
#include "anatomy/Model.h"
#include "core/Error.h"
#include "scene/DrawList.h"
#include "scene/OrbitCamera.h"
#include "scene/SceneGraph.h"

#ifdef PSOAS_HAVE_SOLVER
#include "solver/Kinematics.h"
#endif

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

#ifdef PSOAS_HAVE_SOLVER
    // The joint-angle solver for the built-in model (null for foreign models, or when the
    // rig could not be loaded: poseError() then says why; the viewer still works).
    solver::Kinematics* kinematics() { return m_kinematics ? &*m_kinematics : nullptr; }
    const solver::Kinematics* kinematics() const { return m_kinematics ? &*m_kinematics : nullptr; }
#endif
    const std::string& poseError() const { return m_poseError; }
    bool hasSolver() const;
    // Sets one coordinate (see solver::Kinematics::setCoordinate), solves and poses the scene.
    core::Status setCoordinate(const std::string& name, double value, std::string* note = nullptr);
    core::Status applyPreset(const std::string& name);
    // Solves and applies the current coordinates to the scene graph and the meshes.
    core::Status updatePose();

private:
    anatomy::Model m_model;
    std::optional<anatomy::Catalog> m_catalog;
    scene::SceneGraph m_scene;
    std::vector<Mat4> m_restWorld; // per scene node, neutral pose
    std::string m_poseError;
#ifdef PSOAS_HAVE_SOLVER
    std::optional<solver::Kinematics> m_kinematics;
    std::vector<int> m_jointNodes; // scene nodes that are rig joints
#endif
};

} // namespace psoas::app
