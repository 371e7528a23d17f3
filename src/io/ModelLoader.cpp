#include "io/ModelLoader.h"

#include "io/ModelPrecheck.h"

#include <algorithm>
#include <assimp/BaseImporter.h>
#include <assimp/Importer.hpp>
#include <assimp/importerdesc.h>
#include <assimp/postprocess.h>
#include <assimp/scene.h>
#include <cmath>
#include <functional>
#include <map>
#include <sstream>

namespace psoas::io {
namespace {

Mat4 toMat4(const aiMatrix4x4& m)
{
    // assimp is row-major; GLM is column-major.
    return Mat4(m.a1, m.b1, m.c1, m.d1, m.a2, m.b2, m.c2, m.d2, m.a3, m.b3, m.c3, m.d3, m.a4, m.b4, m.c4, m.d4);
}

std::string metaToString(const aiMetadataEntry& e)
{
    switch (e.mType) {
    case AI_BOOL: return *static_cast<bool*>(e.mData) ? "true" : "false";
    case AI_INT32: return std::to_string(*static_cast<int32_t*>(e.mData));
    case AI_UINT64: return std::to_string(*static_cast<uint64_t*>(e.mData));
    case AI_FLOAT: return core::formatNumber(*static_cast<float*>(e.mData));
    case AI_DOUBLE: return core::formatNumber(*static_cast<double*>(e.mData));
    case AI_AISTRING: return static_cast<aiString*>(e.mData)->C_Str();
    default: return {};
    }
}

void readMeta(const aiMetadata* meta, std::map<std::string, std::string>& out)
{
    if (!meta) return;
    for (unsigned i = 0; i < meta->mNumProperties; ++i) {
        std::string value = metaToString(meta->mValues[i]);
        if (!value.empty() || meta->mValues[i].mType == AI_AISTRING) out[meta->mKeys[i].C_Str()] = value;
    }
}

bool finite(const aiVector3D& v) { return std::isfinite(v.x) && std::isfinite(v.y) && std::isfinite(v.z); }

// The vertices whose joint weights do not add up to 1 (within 0.05, for 8-bit weights), or "".
std::string unnormalisedWeights(const std::vector<float>& total, unsigned joints)
{
    std::size_t bad = 0, first = 0;
    for (std::size_t v = 0; v < total.size(); ++v)
        if (!(std::abs(total[v] - 1.0f) <= 0.05f) && bad++ == 0) first = v;
    if (bad == 0) return {};
    return std::to_string(bad) + " of " + std::to_string(total.size()) +
           " vertices have joint weights that do not add up to 1 (vertex " + std::to_string(first) + ": " +
           core::formatNumber(total[first]) + "), from a joint index beyond the skin's " + std::to_string(joints) +
           " joints or from weights that are not normalised. Re-export the model with normalised skin weights.";
}

// Leaves registered in `importer` only the readers that list `ext` among their extensions.
// assimp otherwise sniffs a file whose content does not match its extension and hands it to
// any of its forty readers that recognises a keyword; several of those (irrmesh, PLY, ...)
// trust counts written in the file, and fuzz_model_loader found a 1 KB ".glb" holding the word
// "irrmesh" that made one allocate 1.7 GB. Restricted, such a file is simply refused.
void keepOnlyReadersOf(Assimp::Importer& importer, const std::string& ext)
{
    std::vector<Assimp::BaseImporter*> others;
    for (std::size_t i = 0; i < importer.GetImporterCount(); ++i) {
        const aiImporterDesc* desc = importer.GetImporterInfo(i);
        std::istringstream list(desc && desc->mFileExtensions ? desc->mFileExtensions : "");
        bool reads = false;
        for (std::string e; list >> e;)
            reads = reads || e == ext;
        if (!reads) others.push_back(importer.GetImporter(i));
    }
    for (Assimp::BaseImporter* reader : others) {
        importer.UnregisterLoader(reader);
        delete reader; // no longer owned by the importer once unregistered
    }
}

// The vertex attributes of assimp's mesh `am`: positions (refused when not finite or huge),
// normals, TEXCOORD_1/2 and COLOR_0. What is wrong, or "".
std::string readVertices(const aiMesh* am, anatomy::MeshData& mesh)
{
    mesh.positions.resize(am->mNumVertices);
    for (unsigned v = 0; v < am->mNumVertices; ++v) {
        const auto& p = am->mVertices[v];
        if (!finite(p) || std::abs(p.x) > 1e7f || std::abs(p.y) > 1e7f || std::abs(p.z) > 1e7f)
            return "mesh '" + mesh.name + "' has an invalid vertex position (NaN, infinite or huge) at vertex " +
                   std::to_string(v) + ". Re-export the model.";
        mesh.positions[v] = Vec3(p.x, p.y, p.z);
    }
    if (am->HasNormals()) {
        mesh.normals.resize(am->mNumVertices);
        for (unsigned v = 0; v < am->mNumVertices; ++v) {
            const auto& n = am->mNormals[v];
            mesh.normals[v] = finite(n) ? Vec3(n.x, n.y, n.z) : Vec3(0, 1, 0);
        }
    }
    for (int ch = 1; ch <= 2; ++ch) {
        if (!am->HasTextureCoords(unsigned(ch))) continue;
        auto& dst = ch == 1 ? mesh.uv1 : mesh.uv2;
        dst.resize(am->mNumVertices);
        for (unsigned v = 0; v < am->mNumVertices; ++v)
            dst[v] = Vec2(am->mTextureCoords[ch][v].x, am->mTextureCoords[ch][v].y);
    }
    if (am->HasVertexColors(0)) {
        // COLOR_0: rgb tissue colour, a = how much it replaces the catalog colour (for
        // example the diaphragm's paler central tendon). Clamped; NaN counts as "not set".
        mesh.colors.resize(am->mNumVertices);
        for (unsigned v = 0; v < am->mNumVertices; ++v) {
            const aiColor4D& c = am->mColors[0][v];
            auto unit = [](float x) { return std::isfinite(x) ? std::clamp(x, 0.0f, 1.0f) : 0.0f; };
            mesh.colors[v] = Vec4(unit(c.r), unit(c.g), unit(c.b), unit(c.a));
        }
    }
    return {};
}

// The triangles of `am` (faces of other sizes are skipped). What is wrong, or "".
std::string readTriangles(const aiMesh* am, anatomy::MeshData& mesh)
{
    mesh.indices.reserve(std::size_t(am->mNumFaces) * 3);
    for (unsigned f = 0; f < am->mNumFaces; ++f) {
        const aiFace& face = am->mFaces[f];
        if (face.mNumIndices != 3) continue;
        for (unsigned k = 0; k < 3; ++k) {
            if (face.mIndices[k] >= am->mNumVertices)
                return "mesh '" + mesh.name + "' has a triangle index out of range. Re-export the model.";
            mesh.indices.push_back(face.mIndices[k]);
        }
    }
    return {};
}

// The scene's triangle meshes (points/lines are skipped) into model.meshes; meshMap[i] = the
// model mesh of assimp mesh i, or -1. What is wrong, or "".
std::string readMeshes(const aiScene* scene, anatomy::Model& model, std::vector<int>& meshMap)
{
    meshMap.assign(scene->mNumMeshes, -1);
    for (unsigned mi = 0; mi < scene->mNumMeshes; ++mi) {
        const aiMesh* am = scene->mMeshes[mi];
        if (!(am->mPrimitiveTypes & aiPrimitiveType_TRIANGLE)) continue;
        anatomy::MeshData mesh;
        mesh.name = am->mName.C_Str();
        mesh.materialIndex = int(am->mMaterialIndex);
        if (std::string problem = readVertices(am, mesh); !problem.empty()) return problem;
        if (std::string problem = readTriangles(am, mesh); !problem.empty()) return problem;
        if (mesh.indices.empty()) continue;
        if (mesh.normals.empty()) mesh.recomputeNormals();
        meshMap[mi] = int(model.meshes.size());
        model.meshes.push_back(std::move(mesh));
    }
    return {};
}

// The node tree into model.nodes, parents before children; nodeIndex maps each assimp node to
// its model node.
void readNodes(const aiScene* scene, const std::vector<int>& meshMap, anatomy::Model& model,
               std::map<const aiNode*, int>& nodeIndex)
{
    std::function<void(const aiNode*, int)> walk = [&](const aiNode* n, int parent) {
        anatomy::ModelNode node;
        node.name = n->mName.C_Str();
        node.parent = parent;
        node.local = toMat4(n->mTransformation);
        for (unsigned k = 0; k < n->mNumMeshes; ++k) {
            unsigned mi = n->mMeshes[k];
            if (mi < meshMap.size() && meshMap[mi] >= 0) node.meshes.push_back(meshMap[mi]);
        }
        readMeta(n->mMetaData, node.extras);
        int index = int(model.nodes.size());
        nodeIndex[n] = index;
        model.nodes.push_back(std::move(node));
        for (unsigned c = 0; c < n->mNumChildren; ++c) walk(n->mChildren[c], index);
    };
    walk(scene->mRootNode, -1);
}

// Skins: assimp stores bones per mesh; one skin per mesh with bones, its joints and weights
// (up to four per vertex) in the mesh. What is wrong, or "".
std::string readSkins(const aiScene* scene, const std::vector<int>& meshMap, const std::map<const aiNode*, int>& nodeIndex,
                      anatomy::Model& model)
{
    for (unsigned mi = 0; mi < scene->mNumMeshes; ++mi) {
        const aiMesh* am = scene->mMeshes[mi];
        if (!am->HasBones() || meshMap[mi] < 0) continue;
        anatomy::Skin skin;
        skin.name = am->mName.C_Str();
        auto& mesh = model.meshes[std::size_t(meshMap[mi])];
        mesh.joints.assign(mesh.positions.size(), glm::u16vec4(0));
        mesh.weights.assign(mesh.positions.size(), Vec4(0.0f));
        std::vector<int> used(mesh.positions.size(), 0);
        std::vector<float> total(mesh.positions.size(), 0.0f);
        for (unsigned b = 0; b < am->mNumBones; ++b) {
            const aiBone* bone = am->mBones[b];
            const aiNode* bn = scene->mRootNode->FindNode(bone->mName);
            const auto joint = bn ? nodeIndex.find(bn) : nodeIndex.end();
            skin.jointNodes.push_back(joint != nodeIndex.end() ? joint->second : -1);
            skin.inverseBind.push_back(toMat4(bone->mOffsetMatrix));
            for (unsigned w = 0; w < bone->mNumWeights; ++w) {
                unsigned v = bone->mWeights[w].mVertexId;
                if (v < total.size() && std::isfinite(bone->mWeights[w].mWeight)) total[v] += bone->mWeights[w].mWeight;
                if (v >= mesh.positions.size() || used[v] >= 4) continue;
                mesh.joints[v][used[v]] = std::uint16_t(b);
                mesh.weights[v][used[v]] = bone->mWeights[w].mWeight;
                ++used[v];
            }
        }
        // glTF requires every skinned vertex's weights to add up to 1. assimp silently drops an
        // influence whose joint index is beyond the skin's joint list, so a vertex left short
        // is either that or unnormalised weights: both would leave the vertex behind in a pose.
        if (auto problem = unnormalisedWeights(total, am->mNumBones); !problem.empty())
            return "skinned mesh '" + skin.name + "': " + problem;
        model.skins.push_back(std::move(skin));
    }
    return {};
}

} // namespace

core::Result<anatomy::Model> loadModel(const std::string& path)
{
    std::string ext;
    if (const core::Status checked = precheckModel(path, ext); !checked) return core::makeError(checked.message());
    Assimp::Importer importer;
    keepOnlyReadersOf(importer, ext);

    // No PreTransformVertices: the hierarchy and node names must survive.
    const unsigned flags = aiProcess_Triangulate | aiProcess_GenSmoothNormals | aiProcess_ValidateDataStructure |
                           aiProcess_SortByPType | aiProcess_FindInvalidData;
    const aiScene* scene = importer.ReadFile(path, flags);
    if (!scene) {
        std::string why = importer.GetErrorString();
        if (why.empty()) why = "unknown reason";
        return modelError(path, "the file is damaged, truncated or not a model (" + why +
                                    "). Re-export it or use the built-in model.");
    }
    if ((scene->mFlags & AI_SCENE_FLAGS_INCOMPLETE) || !scene->mRootNode)
        return modelError(path, "the file is incomplete (no scene). Re-export it with geometry.");
    if (scene->mNumMeshes == 0) return modelError(path, "the file contains no meshes.");

    anatomy::Model model;
    model.sourcePath = path;
    readMeta(scene->mMetaData, model.extras);
    std::vector<int> meshMap;
    if (std::string problem = readMeshes(scene, model, meshMap); !problem.empty()) return modelError(path, problem);
    if (model.meshes.empty()) return modelError(path, "the file has no triangle meshes.");
    std::map<const aiNode*, int> nodeIndex;
    readNodes(scene, meshMap, model, nodeIndex);
    if (std::string problem = readSkins(scene, meshMap, nodeIndex, model); !problem.empty()) return modelError(path, problem);
    return model;
}

} // namespace psoas::io
