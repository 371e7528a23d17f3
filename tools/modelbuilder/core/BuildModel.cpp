#include "BuildModel.h"

#include "core/GltfWriter.h"
#include "core/MeshQuery.h"
#include "pelvis/Pelvis.h"

#include "core/AtomicFile.h"

#include <chrono>
#include <cstdio>
#include <map>

#if __has_include("spine/Spine.h")
#include "spine/Spine.h"
#define PSOAS_MB_HAVE_SPINE 1
#endif
#if __has_include("muscles/Muscles.h")
#include "muscles/Muscles.h"
#define PSOAS_MB_HAVE_MUSCLES 1
#endif

namespace psoas::modelbuilder {

namespace {
constexpr double kBoneVoxel = 0.0008;
}

core::Status buildModel(RigLayout& rig, const std::string& glbPath)
{
    using Clock = std::chrono::steady_clock;
    const auto t0 = Clock::now();
    std::vector<BuiltPart> parts = buildPelvis(rig, kBoneVoxel);
    const auto t1 = Clock::now();
#ifdef PSOAS_MB_HAVE_SPINE
    for (auto& p : buildSpine(rig)) parts.push_back(std::move(p));
#endif
    const auto t2 = Clock::now();
    // Snap surface landmarks and attachment areas onto their bones before the muscles are
    // swept, so muscle ends and highlighted areas sit on the bone.
    std::map<std::string, const BuiltPart*> byId;
    for (const auto& p : parts) byId[p.id] = &p;
    for (auto& l : rig.landmarkDefs) {
        if (!l.snap) continue;
        auto it = byId.find(l.body);
        if (it == byId.end()) continue;
        l.position = closestPointOnMesh(*it->second, l.position);
        rig.landmarks[l.name] = l.position;
    }
#ifdef PSOAS_MB_HAVE_MUSCLES
    for (auto& p : buildMuscles(rig, parts)) parts.push_back(std::move(p));
#endif
    const auto t3 = Clock::now();
    std::size_t triangles = 0;
    for (const auto& p : parts) triangles += p.indices.size() / 3;
    auto bytes = glbBytes(rig, parts);
    if (!bytes) return core::makeError(glbPath + ": " + bytes.message());
    auto st = core::writeFileAtomically(glbPath, bytes.value());
    if (!st) return st;
    auto secs = [](Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double>(b - a).count(); };
    std::printf("psoas-modelbuilder: %zu parts, %zu triangles; pelvis %.1f s, spine %.1f s, muscles %.1f s\n", parts.size(),
                triangles, secs(t0, t1), secs(t1, t2), secs(t2, t3));
    return core::Status::success();
}

} // namespace psoas::modelbuilder
