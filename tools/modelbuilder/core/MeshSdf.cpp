// meshSdf: SDF -> OpenVDB level set -> volumeToMesh -> meshoptimizer (see Sdf.h).
#include "Sdf.h"

#include <meshoptimizer.h>
#include <openvdb/openvdb.h>
#include <openvdb/tools/LevelSetFilter.h>
#include <openvdb/tools/LevelSetRebuild.h>
#include <openvdb/tools/SignedFloodFill.h>
#include <openvdb/tools/VolumeToMesh.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <array>
#include <map>
#include <cmath>
#include <mutex>
#include <numeric>
#include <tuple>

namespace psoas::modelbuilder {

namespace {

struct Sample {
    openvdb::Coord ijk;
    float value;
};

// Removes degenerate triangles and pairs of triangles over the same three vertices.
void removeFolds(std::vector<std::uint32_t>& idx)
{
    std::map<std::array<std::uint32_t, 3>, std::vector<std::size_t>> byVertices;
    for (std::size_t t = 0; t + 2 < idx.size(); t += 3) {
        std::array<std::uint32_t, 3> k{idx[t], idx[t + 1], idx[t + 2]};
        std::sort(k.begin(), k.end());
        byVertices[k].push_back(t);
    }
    std::vector<bool> drop(idx.size() / 3, false);
    for (const auto& [k, ts] : byVertices) {
        if (k[0] == k[1] || k[1] == k[2]) {
            for (std::size_t t : ts) drop[t / 3] = true;
        } else if (ts.size() > 1) {
            for (std::size_t t : ts) drop[t / 3] = true;
        }
    }
    std::vector<std::uint32_t> out;
    out.reserve(idx.size());
    for (std::size_t t = 0; t + 2 < idx.size(); t += 3)
        if (!drop[t / 3]) out.insert(out.end(), {idx[t], idx[t + 1], idx[t + 2]});
    idx = std::move(out);
}

// Every directed edge once and its reverse once.
bool isClosedManifold(const std::vector<std::uint32_t>& idx)
{
    std::map<std::pair<std::uint32_t, std::uint32_t>, int> directed;
    for (std::size_t t = 0; t + 2 < idx.size(); t += 3)
        for (std::size_t k = 0; k < 3; ++k)
            if (++directed[{idx[t + k], idx[t + (k + 1) % 3]}] > 1) return false;
    for (const auto& [e, n] : directed)
        if (!directed.count({e.second, e.first})) return false;
    return !idx.empty();
}

} // namespace

BuiltPart meshSdf(const std::string& id, const SdfFunction& sdf, glm::dvec3 boxMin, glm::dvec3 boxMax, double voxelSize,
                  std::size_t targetTriangles)
{
    static std::once_flag once;
    std::call_once(once, [] { openvdb::initialize(); });

    const double halfWidth = 3.0;                 // voxels on each side of the surface
    const double band = halfWidth * voxelSize;    // metres
    auto grid = openvdb::FloatGrid::create(float(band));
    grid->setTransform(openvdb::math::Transform::createLinearTransform(voxelSize));
    grid->setGridClass(openvdb::GRID_LEVEL_SET);

    // Close the shape at the box (two voxels in) so a part that outgrows its box stays
    // watertight instead of flooding the level set; a clipped part shows a flat cut.
    const glm::dvec3 innerMin = boxMin + 2.0 * voxelSize, innerMax = boxMax - 2.0 * voxelSize;
    const SdfFunction clipped = [&sdf, innerMin, innerMax](const glm::dvec3& p) {
        const glm::dvec3 q = glm::max(innerMin - p, p - innerMax);
        const double box = glm::length(glm::max(q, glm::dvec3(0.0))) + std::min(std::max(q.x, std::max(q.y, q.z)), 0.0);
        return std::max(sdf(p), box);
    };
    const glm::ivec3 lo(glm::floor(boxMin / voxelSize)), hi(glm::ceil(boxMax / voxelSize));
    constexpr int B = 8;
    const glm::ivec3 nb = (hi - lo + glm::ivec3(B)) / B;
    const std::size_t blockCount = std::size_t(nb.x) * std::size_t(nb.y) * std::size_t(nb.z);
    std::vector<std::vector<Sample>> blocks(blockCount);
    const double halfDiag = 0.5 * std::sqrt(3.0) * B * voxelSize;

    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, blockCount), [&](const tbb::blocked_range<std::size_t>& range) {
        for (std::size_t b = range.begin(); b != range.end(); ++b) {
            const int bx = int(b % std::size_t(nb.x));
            const int by = int((b / std::size_t(nb.x)) % std::size_t(nb.y));
            const int bz = int(b / (std::size_t(nb.x) * std::size_t(nb.y)));
            const glm::ivec3 o = lo + glm::ivec3(bx, by, bz) * B;
            const glm::dvec3 centre = (glm::dvec3(o) + glm::dvec3(0.5 * (B - 1))) * voxelSize;
            if (std::abs(clipped(centre)) > 1.5 * halfDiag + band) continue;
            auto& out = blocks[b];
            for (int k = 0; k < B; ++k)
                for (int j = 0; j < B; ++j)
                    for (int i = 0; i < B; ++i) {
                        const glm::ivec3 c = o + glm::ivec3(i, j, k);
                        if (c.x > hi.x || c.y > hi.y || c.z > hi.z) continue;
                        const double d = clipped(glm::dvec3(c) * voxelSize);
                        if (std::abs(d) < band) out.push_back({openvdb::Coord(c.x, c.y, c.z), float(d)});
                    }
        }
    });
    {
        auto acc = grid->getAccessor();
        for (const auto& blk : blocks)
            for (const auto& s : blk) acc.setValue(s.ijk, s.value);
    }
    const bool debug = std::getenv("PSOAS_MB_DEBUG") != nullptr;
    if (debug) {
        std::size_t neg = 0;
        for (auto it = grid->cbeginValueOn(); it; ++it) neg += *it < 0 ? 1 : 0;
        std::fprintf(stderr, "%s: band voxels %zu (neg %zu)\n", id.c_str(), std::size_t(grid->activeVoxelCount()), neg);
    }
    openvdb::tools::signedFloodFill(grid->tree());
    grid = openvdb::tools::levelSetRebuild(*grid, 0.0f, float(halfWidth));
    if (debug) {
        std::size_t neg = 0, pos = 0;
        for (auto it = grid->cbeginValueOn(); it; ++it) (*it < 0 ? neg : pos) += 1;
        std::fprintf(stderr, "%s: rebuilt voxels %zu (neg %zu pos %zu) bg %g\n", id.c_str(), std::size_t(grid->activeVoxelCount()), neg, pos, double(grid->background()));
    }
    {
        openvdb::tools::LevelSetFilter<openvdb::FloatGrid> filter(*grid);
        filter.meanCurvature();
    }

    std::vector<openvdb::Vec3s> pts;
    std::vector<openvdb::Vec3I> tris;
    std::vector<openvdb::Vec4I> quads;
    openvdb::tools::volumeToMesh(*grid, pts, tris, quads, 0.0, 0.0);
    if (debug)
        std::fprintf(stderr, "%s: filtered voxels %zu, mesh %zu points %zu tris %zu quads\n", id.c_str(),
                     std::size_t(grid->activeVoxelCount()), pts.size(), tris.size(), quads.size());

    // Canonical order (independent of threading): vertices sorted by position, then triangles.
    std::vector<std::uint32_t> order(pts.size());
    std::iota(order.begin(), order.end(), 0u);
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
        const auto& p = pts[a];
        const auto& q = pts[b];
        return std::make_tuple(p[0], p[1], p[2]) < std::make_tuple(q[0], q[1], q[2]);
    });
    std::vector<std::uint32_t> rank(pts.size());
    for (std::uint32_t i = 0; i < order.size(); ++i) rank[order[i]] = i;
    std::vector<std::array<std::uint32_t, 3>> faces;
    faces.reserve(tris.size() + 2 * quads.size());
    auto addTri = [&](std::uint32_t a, std::uint32_t b, std::uint32_t c) {
        // volumeToMesh winds opposite to glTF: reverse, then rotate the smallest index first.
        std::array<std::uint32_t, 3> f{rank[a], rank[c], rank[b]};
        if (f[0] == f[1] || f[1] == f[2] || f[0] == f[2]) return;
        while (f[0] > f[1] || f[0] > f[2]) f = {f[1], f[2], f[0]};
        faces.push_back(f);
    };
    for (const auto& t : tris) addTri(t[0], t[1], t[2]);
    for (const auto& q : quads) {
        addTri(q[0], q[1], q[2]);
        addTri(q[0], q[2], q[3]);
    }
    std::sort(faces.begin(), faces.end());

    BuiltPart part;
    part.id = id;
    part.positions.resize(pts.size());
    for (std::size_t i = 0; i < pts.size(); ++i) {
        const auto& p = pts[order[i]];
        part.positions[i] = glm::vec3(p[0], p[1], p[2]);
    }
    part.indices.reserve(faces.size() * 3);
    for (const auto& f : faces) part.indices.insert(part.indices.end(), f.begin(), f.end());
    computeSmoothNormals(part); // on the full mesh: simplification keeps a subset of the vertices

    // Simplify; if the collapses left a non-manifold edge (a rare sliver fold), drop
    // opposite-facing duplicate triangles, and if that is not enough retry with a larger budget.
    auto simplify = [&part](const std::vector<std::uint32_t>& src, std::size_t count) {
        std::vector<std::uint32_t> out(src.size());
        float error = 0.0f;
        out.resize(meshopt_simplify(out.data(), src.data(), src.size(), &part.positions[0].x, part.positions.size(),
                                    sizeof(glm::vec3), count, 0.02f, 0, &error));
        removeFolds(out);
        return out;
    };
    if (part.indices.size() > targetTriangles * 12) { // a cheap first stage, kept only if still closed
        std::vector<std::uint32_t> coarse = simplify(part.indices, targetTriangles * 12);
        if (isClosedManifold(coarse)) part.indices = std::move(coarse);
    }
    std::size_t target = targetTriangles * 3;
    while (part.indices.size() > target) {
        std::vector<std::uint32_t> simplified = simplify(part.indices, target);
        if (isClosedManifold(simplified)) {
            part.indices = std::move(simplified);
            break;
        }
        target = target + std::max<std::size_t>(3, (target / 100) / 3 * 3);
    }
    meshopt_optimizeVertexCache(part.indices.data(), part.indices.data(), part.indices.size(), part.positions.size());
    std::vector<unsigned int> remap(part.positions.size());
    const std::size_t used =
        meshopt_optimizeVertexFetchRemap(remap.data(), part.indices.data(), part.indices.size(), part.positions.size());
    std::vector<glm::vec3> pos(used), nrm(used);
    for (std::size_t i = 0; i < remap.size(); ++i)
        if (remap[i] != ~0u) {
            pos[remap[i]] = part.positions[i];
            nrm[remap[i]] = part.normals[i];
        }
    meshopt_remapIndexBuffer(part.indices.data(), part.indices.data(), part.indices.size(), remap.data());
    part.positions = std::move(pos);
    part.normals = std::move(nrm);
    return part;
}

} // namespace psoas::modelbuilder
