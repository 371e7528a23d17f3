#pragma once
// The immutable model as loaded from a file: node hierarchy, meshes, skins and metadata.
// The pose is kept elsewhere (solver); nothing here changes after loading except mesh
// vertex data written by the deformation step.
#include "anatomy/MeshData.h"
#include "core/Math.h"

#include <map>
#include <string>
#include <vector>

namespace psoas::anatomy {

struct ModelNode {
    std::string name;
    int parent = -1;
    Mat4 local{1.0f};
    std::vector<int> meshes; // indices into Model::meshes
    std::map<std::string, std::string> extras; // glTF extras (scalar values as text)
};

struct Skin {
    std::string name;
    std::vector<int> jointNodes;
    std::vector<Mat4> inverseBind;
};

struct Model {
    std::string sourcePath;
    std::vector<ModelNode> nodes; // parents come before children
    std::vector<MeshData> meshes;
    std::vector<Skin> skins;
    std::map<std::string, std::string> extras; // scene/asset extras

    int findNode(const std::string& name) const;
    // World (model-space) transform of a node in the file's rest pose.
    Mat4 restWorld(int node) const;
    std::size_t triangleCount() const;
};

} // namespace psoas::anatomy
