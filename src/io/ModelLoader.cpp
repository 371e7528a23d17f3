#include "io/ModelLoader.h"

#include <algorithm>
#include <assimp/Importer.hpp>
#include <assimp/postprocess.h>
#include <assimp/scene.h>
#include <cmath>
#include <filesystem>
#include <functional>
#include <sstream>

namespace psoas::io {
namespace {

core::Error fail(const std::string& path, const std::string& why)
{
    return core::makeError("Cannot open model '" + path + "': " + why);
}

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

} // namespace

std::vector<std::string> supportedModelExtensions()
{
    Assimp::Importer importer;
    aiString list;
    importer.GetExtensionList(list); // "*.3ds;*.obj;..."
    std::vector<std::string> out;
    std::stringstream ss(list.C_Str());
    std::string item;
    while (std::getline(ss, item, ';')) {
        auto dot = item.find('.');
        if (dot != std::string::npos) out.push_back(item.substr(dot + 1));
    }
    return out;
}

core::Result<anatomy::Model> loadModel(const std::string& path)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    if (path.empty()) return core::makeError("No model file given. Pass a file such as assets/models/lumbopelvic.glb.");
    if (!fs::exists(path, ec)) return fail(path, "the file does not exist. Check the path.");
    if (fs::is_directory(path, ec)) return fail(path, "it is a folder, not a model file.");
    auto size = fs::file_size(path, ec);
    if (ec || size == 0) return fail(path, "the file is empty. Choose another file or regenerate it.");

    std::string ext = fs::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    Assimp::Importer importer;
    if (ext.empty() || !importer.IsExtensionSupported(ext))
        return fail(path, "'" + (ext.empty() ? std::string("(no extension)") : ext) +
                              "' is not a supported model format. Use glTF (.glb, .gltf), OBJ, FBX, DAE or STL.");

    // No PreTransformVertices: the hierarchy and node names must survive.
    const unsigned flags = aiProcess_Triangulate | aiProcess_GenSmoothNormals | aiProcess_ValidateDataStructure |
                           aiProcess_SortByPType | aiProcess_FindInvalidData;
    const aiScene* scene = importer.ReadFile(path, flags);
    if (!scene) {
        std::string why = importer.GetErrorString();
        if (why.empty()) why = "unknown reason";
        return fail(path, "the file is damaged, truncated or not a model (" + why +
                              "). Re-export it or use the built-in model.");
    }
    if ((scene->mFlags & AI_SCENE_FLAGS_INCOMPLETE) || !scene->mRootNode)
        return fail(path, "the file is incomplete (no scene). Re-export it with geometry.");
    if (scene->mNumMeshes == 0) return fail(path, "the file contains no meshes.");

    anatomy::Model model;
    model.sourcePath = path;
    readMeta(scene->mMetaData, model.extras);

    // Meshes (triangles only; points/lines are skipped).
    std::vector<int> meshMap(scene->mNumMeshes, -1);
    for (unsigned mi = 0; mi < scene->mNumMeshes; ++mi) {
        const aiMesh* am = scene->mMeshes[mi];
        if (!(am->mPrimitiveTypes & aiPrimitiveType_TRIANGLE)) continue;
        anatomy::MeshData mesh;
        mesh.name = am->mName.C_Str();
        mesh.materialIndex = int(am->mMaterialIndex);
        mesh.positions.resize(am->mNumVertices);
        for (unsigned v = 0; v < am->mNumVertices; ++v) {
            const auto& p = am->mVertices[v];
            if (!finite(p) || std::abs(p.x) > 1e7f || std::abs(p.y) > 1e7f || std::abs(p.z) > 1e7f)
                return fail(path, "mesh '" + mesh.name + "' has an invalid vertex position (NaN, infinite or huge) at vertex " +
                                      std::to_string(v) + ". Re-export the model.");
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
        mesh.indices.reserve(std::size_t(am->mNumFaces) * 3);
        for (unsigned f = 0; f < am->mNumFaces; ++f) {
            const aiFace& face = am->mFaces[f];
            if (face.mNumIndices != 3) continue;
            for (unsigned k = 0; k < 3; ++k) {
                if (face.mIndices[k] >= am->mNumVertices)
                    return fail(path, "mesh '" + mesh.name + "' has a triangle index out of range. Re-export the model.");
                mesh.indices.push_back(face.mIndices[k]);
            }
        }
        if (mesh.indices.empty()) continue;
        if (mesh.normals.empty()) mesh.recomputeNormals();
        meshMap[mi] = int(model.meshes.size());
        model.meshes.push_back(std::move(mesh));
    }
    if (model.meshes.empty()) return fail(path, "the file has no triangle meshes.");

    // Nodes, parents before children.
    std::map<const aiNode*, int> nodeIndex;
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

    // Skins: assimp stores bones per mesh; collect one skin per mesh with bones.
    for (unsigned mi = 0; mi < scene->mNumMeshes; ++mi) {
        const aiMesh* am = scene->mMeshes[mi];
        if (!am->HasBones() || meshMap[mi] < 0) continue;
        anatomy::Skin skin;
        skin.name = am->mName.C_Str();
        auto& mesh = model.meshes[std::size_t(meshMap[mi])];
        mesh.joints.assign(mesh.positions.size(), glm::u16vec4(0));
        mesh.weights.assign(mesh.positions.size(), Vec4(0.0f));
        std::vector<int> used(mesh.positions.size(), 0);
        for (unsigned b = 0; b < am->mNumBones; ++b) {
            const aiBone* bone = am->mBones[b];
            const aiNode* bn = scene->mRootNode->FindNode(bone->mName);
            skin.jointNodes.push_back(bn && nodeIndex.count(bn) ? nodeIndex[bn] : -1);
            skin.inverseBind.push_back(toMat4(bone->mOffsetMatrix));
            for (unsigned w = 0; w < bone->mNumWeights; ++w) {
                unsigned v = bone->mWeights[w].mVertexId;
                if (v >= mesh.positions.size() || used[v] >= 4) continue;
                mesh.joints[v][used[v]] = std::uint16_t(b);
                mesh.weights[v][used[v]] = bone->mWeights[w].mWeight;
                ++used[v];
            }
        }
        model.skins.push_back(std::move(skin));
    }
    return model;
}

} // namespace psoas::io
