#include "anatomy/Model.h"

#include <algorithm>

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

int MeshData::computeClosedWinding() const
{
    const std::size_t n = positions.size();
    if (indices.empty() || indices.size() % 3 != 0) return 0;
    for (std::uint32_t i : indices)
        if (i >= n) return 0;
    // Directed edges grouped by their first vertex (compressed rows; a vertex has ~6 edges).
    std::vector<std::uint32_t> start(n + 1, 0);
    for (std::uint32_t i : indices) ++start[i + 1];
    for (std::size_t v = 0; v < n; ++v) start[v + 1] += start[v];
    std::vector<std::uint32_t> fill(start.begin(), start.end() - 1), to(indices.size());
    double volume = 0.0;
    for (std::size_t t = 0; t < indices.size(); t += 3) {
        const std::uint32_t v[3] = {indices[t], indices[t + 1], indices[t + 2]};
        for (int e = 0; e < 3; ++e) to[fill[v[e]]++] = v[(e + 1) % 3];
        volume += double(glm::dot(positions[v[0]], glm::cross(positions[v[1]], positions[v[2]])));
    }
    auto row = [&](std::uint32_t v) { return std::make_pair(to.begin() + start[v], to.begin() + start[v + 1]); };
    for (std::uint32_t v = 0; v < n; ++v) {
        auto [b, e] = row(v);
        std::sort(b, e);
        if (std::adjacent_find(b, e) != e) return 0; // an edge used twice in one direction
    }
    // Every edge a->b needs its reverse b->a: closed and consistently wound.
    for (std::uint32_t v = 0; v < n; ++v) {
        auto [b, e] = row(v);
        for (auto it = b; it != e; ++it) {
            auto [rb, re] = row(*it);
            if (!std::binary_search(rb, re, v)) return 0;
        }
    }
    return volume > 0.0 ? 1 : (volume < 0.0 ? -1 : 0);
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
