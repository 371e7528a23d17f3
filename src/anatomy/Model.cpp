#include "anatomy/Model.h"

#include <limits>

namespace psoas::anatomy {

void MeshData::computeBounds(Vec3& mn, Vec3& mx) const
{
    mn = Vec3(std::numeric_limits<float>::max());
    mx = Vec3(std::numeric_limits<float>::lowest());
    for (const auto& p : positions) {
        mn = glm::min(mn, p);
        mx = glm::max(mx, p);
    }
}

void MeshData::expandWorldBounds(const Mat4& world, Vec3& mn, Vec3& mx) const
{
    Vec3 bmn, bmx;
    computeBounds(bmn, bmx);
    for (int c = 0; c < 8; ++c) {
        Vec3 corner((c & 1) ? bmx.x : bmn.x, (c & 2) ? bmx.y : bmn.y, (c & 4) ? bmx.z : bmn.z);
        Vec3 w = Vec3(world * Vec4(corner, 1.0f));
        mn = glm::min(mn, w);
        mx = glm::max(mx, w);
    }
}

void MeshData::recomputeNormals()
{
    normals.assign(positions.size(), Vec3(0.0f));
    for (std::size_t i = 0; i + 2 < indices.size(); i += 3) {
        auto a = indices[i], b = indices[i + 1], c = indices[i + 2];
        if (a >= positions.size() || b >= positions.size() || c >= positions.size()) continue;
        Vec3 n = glm::cross(positions[b] - positions[a], positions[c] - positions[a]);
        normals[a] += n;
        normals[b] += n;
        normals[c] += n;
    }
    for (auto& n : normals) {
        float len = glm::length(n);
        n = len > 0.0f ? n / len : Vec3(0.0f, 1.0f, 0.0f);
    }
}

int Model::findNode(const std::string& name) const
{
    for (std::size_t i = 0; i < nodes.size(); ++i)
        if (nodes[i].name == name) return static_cast<int>(i);
    return -1;
}

Mat4 Model::restWorld(int node) const
{
    Mat4 m(1.0f);
    while (node >= 0) {
        m = nodes[static_cast<std::size_t>(node)].local * m;
        node = nodes[static_cast<std::size_t>(node)].parent;
    }
    return m;
}

std::size_t Model::triangleCount() const
{
    std::size_t n = 0;
    for (const auto& m : meshes) n += m.triangleCount();
    return n;
}

} // namespace psoas::anatomy
