#include "app/Document.h"

#include "core/AssetPaths.h"
#include "io/ModelLoader.h"

#include <algorithm>
#include <filesystem>
#include <limits>
#include <set>

namespace psoas::app {

std::string Document::defaultModelPath() { return core::assetPath("models/lumbopelvic.glb"); }
std::string Document::defaultCatalogPath() { return core::assetPath("models/catalog.json"); }

std::string Document::catalogFor(const std::string& modelPath)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    if (fs::equivalent(modelPath, defaultModelPath(), ec)) return defaultCatalogPath();
    const fs::path beside = fs::path(modelPath).parent_path() / "catalog.json";
    return fs::is_regular_file(beside, ec) ? beside.string() : std::string();
}

namespace {

// The rig of a model with a catalog: rig.json and coordinates.json beside the catalog when
// they are there (a regenerated model's folder), else the built-in ones; the pose presets
// always come from the assets folder.
core::Result<solver::Kinematics> kinematicsFor(const std::string& catalogPath)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path folder = fs::path(catalogPath).parent_path();
    const auto besideOrBuiltIn = [&](const char* name) {
        return fs::is_regular_file(folder / name, ec) ? (folder / name).string() : core::assetPath(std::string("models/") + name);
    };
    return solver::Kinematics::loadFiles(besideOrBuiltIn("rig.json"), besideOrBuiltIn("coordinates.json"),
                                         core::assetsDir() + "/poses");
}

} // namespace

core::Result<std::unique_ptr<Document>> Document::open(const std::string& modelPath, const std::string& catalogPath)
{
    auto model = io::loadModel(modelPath);
    if (!model) return model.error();
    std::unique_ptr<Document> doc(new Document());
    doc->m_model = std::move(model).value();
    // The renderer culls back faces of closed surfaces; finding them is a pass over every edge,
    // done here (on the loading thread of a --render) rather than at the first GPU upload.
    for (auto& mesh : doc->m_model.meshes) mesh.updateClosedWinding();
    if (!catalogPath.empty()) {
        auto cat = anatomy::Catalog::load(catalogPath);
        if (!cat) return cat.error();
        doc->m_catalog = std::move(cat).value();
    }
    doc->m_scene = scene::SceneGraph::fromModel(doc->m_model, doc->catalog());
    for (std::size_t i = 0; i < doc->m_scene.size(); ++i) doc->m_restWorld.push_back(doc->m_scene.world(int(i)));
    if (doc->m_catalog) {
        auto kin = kinematicsFor(catalogPath);
        if (!kin) {
            doc->m_poseError = kin.message();
        } else if (auto b = kin->bind(doc->m_model); !b) {
            doc->m_poseError = b.message();
        } else {
            doc->m_kinematics = std::move(kin).value();
            for (const auto& j : doc->m_kinematics->jointNames())
                if (int n = doc->m_scene.find(j); n >= 0) doc->m_jointNodes.push_back(n);
            doc->addFibreCoordinates();
            doc->updatePose();
        }
    } else {
        doc->m_poseError = "Posing needs the built-in model's rig; this model has none.";
    }
    return doc;
}

void Document::addFibreCoordinates()
{
    const auto& deformer = m_kinematics->deformer();
    for (const auto& muscle : m_kinematics->rig().muscles) {
        const int node = m_scene.find(muscle.id);
        if (node < 0) continue;
        for (int m : m_scene.node(node).meshes) {
            if (m < 0 || std::size_t(m) >= m_model.meshes.size()) continue;
            auto& mesh = m_model.meshes[std::size_t(m)];
            const auto fibre = deformer.fibreCoordinates(m);
            if (fibre.size() != mesh.positions.size()) continue;
            mesh.fibres.resize(fibre.size());
            for (std::size_t v = 0; v < fibre.size(); ++v) mesh.fibres[v] = Vec4(fibre[v], float(muscle.tendonFraction));
        }
    }
}

void Document::frameAll(scene::OrbitCamera& camera) const
{
    auto list = drawList();
    if (list.empty()) return;
    camera.frameBounds(list.boundsMin, list.boundsMax);
}

bool Document::visibleBounds(const std::vector<int>& nodes, Vec3& mn, Vec3& mx) const
{
    mn = Vec3(std::numeric_limits<float>::max());
    mx = Vec3(std::numeric_limits<float>::lowest());
    bool any = false;
    for (const auto& item : drawList().items) {
        if (std::find(nodes.begin(), nodes.end(), item.node) == nodes.end()) continue;
        m_model.meshes[std::size_t(item.mesh)].expandWorldBounds(item.world, mn, mx);
        any = true;
    }
    return any;
}

std::string Document::displayName(int node) const
{
    if (node < 0 || std::size_t(node) >= m_scene.size()) return {};
    const auto& name = m_scene.node(node).name;
    if (const auto* s = catalog() ? catalog()->find(name) : nullptr) return s->name;
    return name;
}

} // namespace psoas::app

namespace psoas::app {

bool Document::hasSolver() const
{
    return m_kinematics.has_value();
}

core::Status Document::setCoordinate(const std::string& name, double value, std::string* note)
{
    if (!m_kinematics) return core::makeError(m_poseError);
    if (auto s = m_kinematics->setCoordinate(name, value, note); !s) return s;
    return updatePose();
}

core::Status Document::applyPreset(const std::string& name)
{
    if (!m_kinematics) return core::makeError(m_poseError);
    auto s = m_kinematics->applyPreset(name);
    auto p = updatePose();
    return s ? p : s;
}

Mat3 Document::bodyRotation() const
{
    if (!m_kinematics) return Mat3(1.0f);
    const float quarter = 0.5f * glm::pi<float>();
    switch (m_kinematics->body()) {
    case solver::Body::Supine: return Mat3(glm::rotate(Mat4(1.0f), -quarter, Vec3(1, 0, 0))); // +Z (front) up
    case solver::Body::Prone: return Mat3(glm::rotate(Mat4(1.0f), quarter, Vec3(1, 0, 0)));   // front down
    default: return Mat3(1.0f);
    }
}

core::Status Document::updatePose()
{
    if (!m_kinematics) return core::makeError(m_poseError);
    core::Status solved = m_kinematics->update();
    // Posed world of each node: joints move by their solver delta, everything else keeps
    // its local transform. Parents precede children. The body orientation then turns every
    // root node (so the whole model) rigidly about the model origin.
    const Mat4 body(bodyRotation());
    std::vector<Mat4> posed(m_scene.size());
    std::vector<char> isJoint(m_scene.size(), 0);
    for (int j : m_jointNodes) isJoint[std::size_t(j)] = 1;
    for (std::size_t i = 0; i < m_scene.size(); ++i) {
        const auto& n = m_scene.node(int(i));
        const Mat4 parentWorld = n.parent >= 0 ? posed[std::size_t(n.parent)] : Mat4(1.0f);
        if (isJoint[i]) {
            posed[i] = m_kinematics->jointDelta(n.name) * m_restWorld[i];
            m_scene.setLocal(int(i), n.parent >= 0 ? glm::inverse(parentWorld) * posed[i] : body * posed[i]);
        } else if (n.parent >= 0) {
            posed[i] = parentWorld * n.local;
        } else {
            posed[i] = m_restWorld[i]; // a root's local is its world
            m_scene.setLocal(int(i), body * posed[i]);
        }
    }
    m_kinematics->deform(m_model);
    return solved;
}

} // namespace psoas::app
