#include "BuiltPart.h"

#include <cassert>

namespace psoas::modelbuilder {

void appendPart(BuiltPart& dst, const BuiltPart& src)
{
    assert(dst.positions.empty() || dst.uv1.empty() == src.uv1.empty());
    const auto base = static_cast<std::uint32_t>(dst.positions.size());
    if (!dst.colors.empty() || !src.colors.empty()) {
        dst.colors.resize(dst.positions.size(), glm::vec4(1.0f, 1.0f, 1.0f, 0.0f));
        if (src.colors.empty())
            dst.colors.insert(dst.colors.end(), src.positions.size(), glm::vec4(1.0f, 1.0f, 1.0f, 0.0f));
        else
            dst.colors.insert(dst.colors.end(), src.colors.begin(), src.colors.end());
    }
    dst.positions.insert(dst.positions.end(), src.positions.begin(), src.positions.end());
    dst.normals.insert(dst.normals.end(), src.normals.begin(), src.normals.end());
    dst.uv1.insert(dst.uv1.end(), src.uv1.begin(), src.uv1.end());
    dst.indices.reserve(dst.indices.size() + src.indices.size());
    for (std::uint32_t i : src.indices) dst.indices.push_back(base + i);
}

void dropUnusedVertices(BuiltPart& part)
{
    std::vector<std::uint32_t> remap(part.positions.size(), 0);
    for (std::uint32_t i : part.indices)
        remap[i] = 1;
    std::uint32_t next = 0;
    for (std::size_t v = 0; v < remap.size(); ++v) {
        if (!remap[v]) {
            remap[v] = UINT32_MAX;
            continue;
        }
        remap[v] = next;
        part.positions[next] = part.positions[v];
        if (v < part.normals.size())
            part.normals[next] = part.normals[v];
        if (v < part.uv1.size())
            part.uv1[next] = part.uv1[v];
        if (v < part.colors.size())
            part.colors[next] = part.colors[v];
        ++next;
    }
    part.positions.resize(next);
    if (!part.normals.empty())
        part.normals.resize(next);
    if (!part.uv1.empty())
        part.uv1.resize(next);
    if (!part.colors.empty())
        part.colors.resize(next);
    for (std::uint32_t& i : part.indices)
        i = remap[i];
}

void computeSmoothNormals(BuiltPart& part)
{
    std::vector<glm::dvec3> acc(part.positions.size(), glm::dvec3(0.0));
    for (std::size_t t = 0; t + 2 < part.indices.size(); t += 3) {
        const std::uint32_t a = part.indices[t], b = part.indices[t + 1], c = part.indices[t + 2];
        const glm::dvec3 pa(part.positions[a]), pb(part.positions[b]), pc(part.positions[c]);
        const glm::dvec3 n = glm::cross(pb - pa, pc - pa); // area-weighted
        acc[a] += n;
        acc[b] += n;
        acc[c] += n;
    }
    part.normals.resize(part.positions.size());
    for (std::size_t i = 0; i < acc.size(); ++i) {
        const double len = glm::length(acc[i]);
        part.normals[i] = len > 0.0 ? glm::vec3(acc[i] / len) : glm::vec3(0.0f, 1.0f, 0.0f);
    }
}

BuiltPart mirrorPart(const BuiltPart& part, const std::string& newId, const std::string& newParentJoint)
{
    BuiltPart out = part;
    out.id = newId;
    out.parentJoint = newParentJoint;
    for (auto& p : out.positions) p.x = -p.x;
    for (auto& n : out.normals) n.x = -n.x;
    for (std::size_t t = 0; t + 2 < out.indices.size(); t += 3) std::swap(out.indices[t + 1], out.indices[t + 2]);
    return out;
}

} // namespace psoas::modelbuilder
