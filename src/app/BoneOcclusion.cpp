#include "app/BoneOcclusion.h"

#include "anatomy/Catalog.h"
#include "app/Document.h"

#include <cmath>

namespace psoas::app {

namespace {

bool isOccluder(const Document& doc, const std::string& name)
{
    const auto* cat = doc.catalog();
    if (!cat) return true; // a foreign model: every mesh counts
    const auto* s = cat->find(name);
    if (!s) return false;
    return s->kind == anatomy::StructureKind::Bone || s->kind == anatomy::StructureKind::Cartilage ||
           s->kind == anatomy::StructureKind::Disc;
}

// Segment o + t*d, t in (0, 1) against a box (slab test).
bool segmentHitsBox(const Vec3& o, const Vec3& d, const Vec3& mn, const Vec3& mx)
{
    float t0 = 0.0f, t1 = 1.0f;
    for (int a = 0; a < 3; ++a) {
        if (std::abs(d[a]) < 1e-12f) {
            if (o[a] < mn[a] || o[a] > mx[a]) return false;
            continue;
        }
        float inv = 1.0f / d[a];
        float ta = (mn[a] - o[a]) * inv, tb = (mx[a] - o[a]) * inv;
        if (ta > tb) std::swap(ta, tb);
        t0 = std::max(t0, ta);
        t1 = std::min(t1, tb);
        if (t0 > t1) return false;
    }
    return true;
}

// Möller–Trumbore; returns t along o + t*d or -1.
float segmentTriangle(const Vec3& o, const Vec3& d, const Vec3& a, const Vec3& b, const Vec3& c)
{
    const Vec3 e1 = b - a, e2 = c - a;
    const Vec3 p = glm::cross(d, e2);
    const float det = glm::dot(e1, p);
    if (std::abs(det) < 1e-14f) return -1.0f;
    const float inv = 1.0f / det;
    const Vec3 s = o - a;
    const float u = glm::dot(s, p) * inv;
    if (u < 0.0f || u > 1.0f) return -1.0f;
    const Vec3 q = glm::cross(s, e1);
    const float v = glm::dot(d, q) * inv;
    if (v < 0.0f || u + v > 1.0f) return -1.0f;
    return glm::dot(e2, q) * inv;
}

} // namespace

std::vector<bool> BoneOcclusion::occluded(const Document& doc, const Vec3& eye,
                                          const std::vector<OcclusionQuery>& queries, float ownTolerance)
{
    std::vector<bool> out(queries.size(), false);
    if (queries.empty()) return out;
    const auto list = doc.drawList();
    const auto& model = doc.model();
    const auto& scene = doc.scene();
    for (const auto& item : list.items) {
        if (item.opacity < 0.99f || item.mesh < 0 || std::size_t(item.mesh) >= model.meshes.size()) continue;
        const std::string& name = scene.node(item.node).name;
        if (!isOccluder(doc, name)) continue;
        const auto& mesh = model.meshes[std::size_t(item.mesh)];
        if (mesh.positions.empty()) continue;
        Vec3 mn, mx;
        mesh.computeBounds(mn, mx);
        const Mat4 toLocal = glm::inverse(item.world);
        const Vec3 o = Vec3(toLocal * Vec4(eye, 1.0f));
        for (std::size_t q = 0; q < queries.size(); ++q) {
            if (out[q]) continue;
            const Vec3 target = Vec3(toLocal * Vec4(queries[q].point, 1.0f));
            const Vec3 d = target - o;
            const float len = glm::length(d);
            if (len < 1e-9f || !segmentHitsBox(o, d, mn, mx)) continue;
            const bool own = name == queries[q].ownBody;
            // Only hits in front of the point (minus the own-bone allowance) count.
            const float tolerance = queries[q].ownTolerance >= 0.0f ? queries[q].ownTolerance : ownTolerance;
            const float tMax = own ? 1.0f - tolerance / len : 1.0f - 1e-4f;
            if (tMax <= 0.0f) continue;
            for (std::size_t t = 0; t + 2 < mesh.indices.size(); t += 3) {
                float hit = segmentTriangle(o, d, mesh.positions[mesh.indices[t]], mesh.positions[mesh.indices[t + 1]],
                                            mesh.positions[mesh.indices[t + 2]]);
                if (hit > 1e-5f && hit < tMax) {
                    out[q] = true;
                    break;
                }
            }
        }
    }
    return out;
}

} // namespace psoas::app
