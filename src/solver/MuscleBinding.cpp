// MeshDeformer: binding of a muscle mesh to its rig paths (and to sheets between them), from
// TEXCOORD_1 (MeshData::uv1 = path k + t, arc fraction s). See MeshDeformer.h.
#include "solver/MeshDeformer.h"

#include "solver/DeformMath.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <initializer_list>
#include <map>
#include <unordered_map>

namespace psoas::solver {

using deform::K;
using deform::toD;
using deform::toF;

namespace {

double smoothstep(double a, double b, double x)
{
    double t = std::clamp((x - a) / (b - a), 0.0, 1.0);
    return t * t * (3.0 - 2.0 * t);
}

// The arc fraction vertex v is bound at (TEXCOORD_1's s, turned when `flipS`).
double arcOf(const anatomy::MeshData& mesh, std::size_t v, bool flipS)
{
    double s = std::clamp(static_cast<double>(mesh.uv1[v].y), 0.0, 1.0);
    return flipS ? 1.0 - s : s;
}

// The connected pieces of a mesh: per vertex, a representative vertex of its piece.
std::vector<std::uint32_t> connectedPieces(const anatomy::MeshData& mesh)
{
    const std::size_t n = mesh.positions.size();
    std::vector<std::uint32_t> parent(n);
    for (std::size_t v = 0; v < n; ++v) parent[v] = static_cast<std::uint32_t>(v);
    auto root = [&](std::uint32_t v) {
        while (parent[v] != v) v = parent[v] = parent[parent[v]];
        return v;
    };
    for (std::size_t i = 0; i + 2 < mesh.indices.size(); i += 3)
        for (int e = 1; e < 3; ++e) {
            std::uint32_t a = root(mesh.indices[i]), b = root(mesh.indices[i + static_cast<std::size_t>(e)]);
            if (a != b) parent[a] = b;
        }
    for (std::size_t v = 0; v < n; ++v) parent[v] = root(static_cast<std::uint32_t>(v));
    return parent;
}

// Where the vertices of one connected piece lie between their path k and its neighbours.
struct Piece {
    int path = -1;
    bool mixed = false;
    double t[2] = {0.0, 0.0};      // towards k - 1, k + 1
    std::size_t beyond[2] = {0, 0}; // vertices on the far side of k from k - 1, k + 1
    std::size_t count = 0;
};

// Per piece (by its representative vertex): the average way towards each neighbouring rest
// path `tables` (at the same s) of its vertices.
std::unordered_map<std::uint32_t, Piece> measurePieces(const anatomy::MeshData& mesh, const std::vector<std::uint32_t>& piece,
                                                       const std::vector<int>& pathOf,
                                                       const std::function<double(std::size_t)>& arcOf,
                                                       const std::vector<CentrelineTable>& tables)
{
    const std::size_t real = tables.size();
    auto at = [&](std::size_t k, double s) {
        double x = s * (K - 1);
        std::size_t j = std::min(static_cast<std::size_t>(x), K - 2);
        return glm::mix(tables[k].points()[j], tables[k].points()[j + 1], x - static_cast<double>(j));
    };
    std::unordered_map<std::uint32_t, Piece> pieces;
    for (std::size_t v = 0; v < mesh.positions.size(); ++v) {
        Piece& pc = pieces[piece[v]];
        int k = pathOf[v];
        if (pc.path < 0) pc.path = k;
        if (pc.path != k || static_cast<std::size_t>(k) >= real) {
            pc.mixed = true;
            continue;
        }
        double s = arcOf(v);
        DVec3 own = at(static_cast<std::size_t>(k), s), x = toD(mesh.positions[v]);
        for (int side = 0; side < 2; ++side) {
            int nb = k + (side == 0 ? -1 : 1);
            if (nb < 0 || nb >= static_cast<int>(real)) continue;
            DVec3 d = at(static_cast<std::size_t>(nb), s) - own;
            double dd = glm::dot(d, d);
            if (dd <= 1e-10) continue;
            double tv = glm::dot(x - own, d) / dd;
            pc.t[side] += tv;
            if (tv < 0.0) ++pc.beyond[side];
        }
        ++pc.count;
    }
    return pieces;
}

// The sheet a piece is a fill of: its lower path `a` and the way `t` towards a + 1; false
// when it is not a fill (mixed, spanning its path, or not between 20 % and 80 %).
bool fillOf(const Piece& pc, std::size_t real, int& a, double& t)
{
    if (pc.mixed || pc.count == 0) return false;
    int k = pc.path;
    double tm = pc.t[0] / static_cast<double>(pc.count), tp = pc.t[1] / static_cast<double>(pc.count);
    auto between = [&](int side) { return 5 * pc.beyond[side] <= pc.count; };
    if (tp >= 0.2 && tp <= 0.8 && k + 1 < static_cast<int>(real) && between(1)) {
        a = k;
        t = tp;
    } else if (tm >= 0.2 && tm <= 0.8 && k > 0 && between(0)) {
        a = k - 1;
        t = 1.0 - tm;
    } else {
        return false;
    }
    return true;
}

// Belt weights of a path: cumulative belly share along the samples (the distal
// `tendonFraction` is tendon and keeps its length).
void fillBelt(CentrelineTable::Spec& spec, double tendonFraction)
{
    spec.beltCum.resize(K);
    double f = tendonFraction, prevW = 1.0;
    for (std::size_t j = 0; j < K; ++j) {
        double s = static_cast<double>(j) / (K - 1);
        double w = f > 0.0 ? 1.0 - smoothstep(1.0 - f - 0.05, 1.0 - f + 0.05, s) : 1.0;
        spec.beltCum[j] = j == 0 ? 0.0 : spec.beltCum[j - 1] + 0.5 * (w + prevW) / (K - 1);
        prevW = w;
    }
}

// Sums per sample of a muscle's vertex offsets and of its enclosed volume (centreMesh).
struct CentreSums {
    std::vector<glm::dvec2> sum, vsum;
    std::vector<double> weight, vol, tvol;
    explicit CentreSums(std::size_t paths)
        : sum(paths * K, glm::dvec2(0.0)), vsum(paths * K, glm::dvec2(0.0)), weight(paths * K, 0.0),
          vol(paths * K, 0.0), tvol(paths, 0.0)
    {
    }
};

// Adds the vertex offsets across the path (in the rest frame) to the samples they lie between.
void addOffsetSums(const std::vector<std::uint32_t>& row, const std::vector<float>& frac, const std::vector<Vec3>& offset,
                   CentreSums& c)
{
    for (std::size_t v = 0; v < row.size(); ++v) {
        double f = frac[v];
        glm::dvec2 o(offset[v].y, offset[v].z);
        c.sum[row[v]] += o * (1.0 - f);
        c.weight[row[v]] += 1.0 - f;
        c.sum[row[v] + 1] += o * f;
        c.weight[row[v] + 1] += f;
    }
}

// Adds a mesh's enclosed volume around each sample and its first moment (in the rest frame).
void addVolumeSums(const anatomy::MeshData& mesh, const std::vector<std::uint32_t>& row, const std::vector<float>& frac,
                   const std::vector<const CentrelineTable*>& rest, CentreSums& c)
{
    // The signed tetrahedra from the centre point to each triangle, binned by the triangle's s.
    for (std::size_t i = 0; i + 2 < mesh.indices.size(); i += 3) {
        const std::uint32_t a = mesh.indices[i], b = mesh.indices[i + 1], cc = mesh.indices[i + 2];
        const std::size_t k = row[a] / K;
        if (row[b] / K != k || row[cc] / K != k) continue;
        double x = 0.0;
        for (std::uint32_t w : {a, b, cc}) x += static_cast<double>(row[w] % K) + static_cast<double>(frac[w]);
        x /= 3.0;
        const std::size_t j = std::min(static_cast<std::size_t>(x), K - 2);
        const double f = x - static_cast<double>(j);
        const CentrelineTable& t = *rest[k];
        const DVec3 p = glm::mix(t.centres()[j], t.centres()[j + 1], f);
        const DMat3 F = t.frames()[j] * (1.0 - f) + t.frames()[j + 1] * f;
        const DVec3 pa = toD(mesh.positions[a]) - p, pb = toD(mesh.positions[b]) - p, pc = toD(mesh.positions[cc]) - p;
        const double V = glm::dot(pa, glm::cross(pb, pc)) / 6.0;
        const DVec3 q = glm::inverse(F) * ((pa + pb + pc) * 0.25);
        const glm::dvec2 m(q.y * V, q.z * V);
        c.vsum[k * K + j] += m * (1.0 - f);
        c.vol[k * K + j] += V * (1.0 - f);
        c.vsum[k * K + j + 1] += m * f;
        c.vol[k * K + j + 1] += V * f;
        c.tvol[k] += V;
    }
}

// The kernel average over a few samples of path k's centre sums: the volume centroid where
// the sample's volume is clearly positive, the vertex average elsewhere.
std::vector<glm::dvec2> smoothedCentres(const CentreSums& c, std::size_t k)
{
    std::vector<glm::dvec2> out(K, glm::dvec2(0.0));
    // Signed sums: trust a sample's volume only when it is clearly positive.
    const double least = 0.1 * std::abs(c.tvol[k]) / static_cast<double>(K);
    for (std::size_t j = 0; j < K; ++j) {
        glm::dvec2 num(0.0), vnum(0.0);
        double den = 0.0, vden = 0.0;
        for (std::size_t i = j > 3 ? j - 3 : 0; i <= std::min(j + 3, K - 1); ++i) {
            double w = 4.0 - std::abs(static_cast<double>(i) - static_cast<double>(j));
            num += c.sum[k * K + i] * w;
            den += c.weight[k * K + i] * w;
            vnum += c.vsum[k * K + i] * w;
            vden += c.vol[k * K + i] * w;
        }
        if (c.tvol[k] < 0.0) {
            vnum = -vnum;
            vden = -vden;
        }
        out[j] = vden > least * 16.0 ? vnum / vden : den > 1e-9 ? num / den : glm::dvec2(0.0);
    }
    return out;
}

} // namespace

void MeshDeformer::findSheetFill(const anatomy::MeshData& mesh, MuscleMesh& mm, std::vector<int>& pathOf,
                                 const std::function<double(std::size_t)>& arcOf, const DeformPose& rest) const
{
    // A muscle swept as a sheet (tubes along its paths and fill tubes between neighbouring
    // paths, all bound to integer paths) deforms best when each fill follows the blend of
    // the two paths it lies between. Each connected piece bound to path k whose vertices lie,
    // on average, between 20 % and 80 % of the way towards path k - 1 or k + 1 (at the same s)
    // is re-bound to that blend, as if TEXCOORD_1 had said k + t. A piece that spans path k
    // itself (more than a fifth of its vertices on the far side of k from that neighbour,
    // like the iliacus fan bound to its middle path) is not a fill: it keeps path k.
    std::size_t real = 0;
    while (real < mm.paths.size() && mm.paths[real].flat >= 0) ++real;
    if (real < 2) return;
    const std::vector<std::uint32_t> piece = connectedPieces(mesh);
    std::vector<CentrelineTable> tables(real);
    CentrelineTable::Spec spec;
    for (std::size_t k = 0; k < real; ++k) {
        spec = mm.paths[k].spec;
        tables[k].sample((*rest.polylines)[static_cast<std::size_t>(mm.paths[k].flat)], spec, spec.restLength, false);
    }
    std::unordered_map<std::uint32_t, Piece> pieces = measurePieces(mesh, piece, pathOf, arcOf, tables);
    std::map<std::pair<int, int>, int> blendOf; // (a, t in 1/100) -> path index
    for (std::size_t v = 0; v < mesh.positions.size(); ++v) {
        int a = 0;
        double t = 0.0;
        if (!fillOf(pieces[piece[v]], real, a, t)) continue;
        int key = static_cast<int>(std::lround(t * 100.0));
        auto it = blendOf.find({a, key});
        if (it == blendOf.end()) {
            PathBinding pb;
            pb.blendA = a;
            pb.blendB = a + 1;
            pb.blendT = key / 100.0;
            pb.originBody = mm.paths[static_cast<std::size_t>(a)].originBody;
            it = blendOf.emplace(std::make_pair(a, key), static_cast<int>(mm.paths.size())).first;
            mm.paths.push_back(std::move(pb));
        }
        pathOf[v] = it->second;
    }
}

bool MeshDeformer::addRigPaths(MuscleMesh& mm, const RigMuscle& muscle, const std::vector<int>& flat,
                               const DeformPose& rest)
{
    for (std::size_t k = 0; k < muscle.paths.size(); ++k) {
        PathBinding pb;
        pb.flat = flat[k];
        pb.originBody = muscle.paths[k].points.front().body;
        pb.spec.restLength = (*rest.lengths)[static_cast<std::size_t>(pb.flat)];
        pb.spec.smoothing = kSmoothing;
        fillBelt(pb.spec, muscle.tendonFraction);
        if (pb.spec.beltCum.back() < 1e-6) return false;
        const auto& poly = (*rest.polylines)[static_cast<std::size_t>(pb.flat)];
        pb.restNormal0 = perpendicularTo(glm::normalize(poly[1] - poly[0]));
        mm.paths.push_back(std::move(pb));
    }
    return true;
}

std::string MeshDeformer::assignPaths(const anatomy::MeshData& mesh, MuscleMesh& mm, std::size_t real,
                                      std::vector<int>& pathOf)
{
    pathOf.assign(mesh.positions.size(), 0);
    for (std::size_t v = 0; v < mesh.positions.size(); ++v) {
        Vec2 uv = mesh.uv1[v];
        double x = uv.x;
        if (!std::isfinite(uv.x) || !std::isfinite(uv.y) || x < -0.01 || x > static_cast<double>(real) - 0.99)
            return "vertex " + std::to_string(v) + " names path " + core::formatNumber(uv.x) + " but the muscle has " +
                   std::to_string(real) + " path(s) in rig.json";
        int a = static_cast<int>(std::floor(x + 1e-3));
        double t = std::round((x - a) * 1000.0) / 1000.0;
        if (t <= 0.0 || a + 1 >= static_cast<int>(real)) {
            pathOf[v] = std::clamp(a, 0, static_cast<int>(real) - 1);
            continue;
        }
        int found = -1;
        for (std::size_t k = real; k < mm.paths.size(); ++k)
            if (mm.paths[k].blendA == a && mm.paths[k].blendT == t) found = static_cast<int>(k);
        if (found < 0) {
            PathBinding pb;
            pb.blendA = a;
            pb.blendB = a + 1;
            pb.blendT = t;
            pb.originBody = mm.paths[static_cast<std::size_t>(a)].originBody;
            found = static_cast<int>(mm.paths.size());
            mm.paths.push_back(std::move(pb));
        }
        pathOf[v] = found;
    }
    return {};
}

bool MeshDeformer::sFromInsertion(const anatomy::MeshData& mesh, const MuscleMesh& mm, std::size_t real,
                                  const std::vector<int>& pathOf, const DeformPose& rest)
{
    // Some loaders (assimp's glTF importer) hand TEXCOORD_1 over as (u, 1 - v). The vertices
    // with the lowest s must lie at the origin end of their path.
    double nearOrigin = 0.0, nearInsertion = 0.0;
    for (std::size_t v = 0; v < mesh.positions.size(); ++v) {
        if (static_cast<std::size_t>(pathOf[v]) >= real || mesh.uv1[v].y > 0.02f) continue;
        const auto& poly = (*rest.polylines)[static_cast<std::size_t>(mm.paths[static_cast<std::size_t>(pathOf[v])].flat)];
        nearOrigin += glm::length(toD(mesh.positions[v]) - poly.front());
        nearInsertion += glm::length(toD(mesh.positions[v]) - poly.back());
    }
    return nearInsertion < nearOrigin;
}

void MeshDeformer::buildRest(MuscleMesh& mm, const DeformPose& rest)
{
    for (PathBinding& pb : mm.paths) {
        if (pb.flat >= 0) {
            pb.rest.sample((*rest.polylines)[static_cast<std::size_t>(pb.flat)], pb.spec, pb.spec.restLength, false);
        } else {
            pb.rest.blend(mm.paths[static_cast<std::size_t>(pb.blendA)].rest, mm.paths[static_cast<std::size_t>(pb.blendB)].rest, pb.blendT);
            const auto& p = pb.rest.points();
            pb.restNormal0 = perpendicularTo(glm::normalize(p[1] - p[0]));
        }
        pb.rest.finish(pb.spec, pb.restNormal0, false);
        pb.spec.restSegment = pb.rest.segmentLengths();
        pb.spec.restSegmentInv.resize(pb.spec.restSegment.size());
        for (std::size_t j = 0; j < pb.spec.restSegment.size(); ++j)
            pb.spec.restSegmentInv[j] = pb.spec.restSegment[j] > 1e-12 ? 1.0 / pb.spec.restSegment[j] : 0.0;
    }
}

void MeshDeformer::bindVertices(const anatomy::MeshData& mesh, MuscleMesh& mm, const std::vector<int>& pathOf, bool flipS)
{
    mm.row.resize(mesh.positions.size());
    mm.frac.resize(mesh.positions.size());
    mm.offset.resize(mesh.positions.size());
    mm.normal.resize(mesh.positions.size());
    for (std::size_t v = 0; v < mesh.positions.size(); ++v) {
        std::size_t k = static_cast<std::size_t>(pathOf[v]);
        double s = arcOf(mesh, v, flipS) * (K - 1);
        std::size_t j = std::min(static_cast<std::size_t>(s), K - 2);
        double fr = s - static_cast<double>(j);
        const CentrelineTable& t = mm.paths[k].rest;
        DVec3 p = glm::mix(t.centres()[j], t.centres()[j + 1], fr);
        DMat3 F = t.frames()[j] * (1.0 - fr) + t.frames()[j + 1] * fr;
        DVec3 n = v < mesh.normals.size() ? toD(mesh.normals[v]) : DVec3(0, 1, 0);
        mm.row[v] = static_cast<std::uint32_t>(k * K + j);
        mm.frac[v] = static_cast<float>(fr);
        DMat3 Fi = glm::inverse(F);
        mm.offset[v] = toF(Fi * (toD(mesh.positions[v]) - p));
        mm.normal[v] = toF(Fi * n);
    }
}

void MeshDeformer::centreMesh(const anatomy::MeshData& mesh, MuscleMesh& mm)
{
    // Centre of the mesh's cross-sections around each path (kernel average of the vertex
    // offsets over a few samples), in the frame; added to the current centre line.
    // The volume centroid is used where the mesh encloses volume around the sample: the
    // vertex average alone is pulled towards where vertices are dense (the rims of a fan),
    // and a centre off the centroid loses or gains volume wherever the path bends.
    CentreSums sums(mm.paths.size());
    addOffsetSums(mm.row, mm.frac, mm.offset, sums);
    std::vector<const CentrelineTable*> rest;
    for (const PathBinding& pb : mm.paths) rest.push_back(&pb.rest);
    addVolumeSums(mesh, mm.row, mm.frac, rest, sums);
    for (std::size_t k = 0; k < mm.paths.size(); ++k) {
        PathBinding& pb = mm.paths[k];
        const std::vector<glm::dvec2> c = smoothedCentres(sums, k);
        if (pb.spec.centre.empty()) pb.spec.centre.assign(K, glm::dvec2(0.0));
        const auto& F = pb.rest.frames();
        const auto& P = pb.rest.points();
        const auto& Q = pb.rest.centres();
        for (std::size_t j = 0; j < K; ++j) { // express the new centre on the bare path
            DVec3 q = Q[j] + F[j][1] * c[j].x + F[j][2] * c[j].y - P[j];
            pb.spec.centre[j] = glm::dvec2(glm::dot(q, F[j][1]), glm::dot(q, F[j][2]));
        }
    }
}

void MeshDeformer::fitSmoothing(const anatomy::MeshData& mesh, MuscleMesh& mm, const std::vector<int>& pathOf,
                                std::size_t real)
{
    std::vector<double> reach(mm.paths.size(), 0.0);
    for (std::size_t v = 0; v < mesh.positions.size(); ++v) {
        std::size_t k = static_cast<std::size_t>(pathOf[v]);
        const Vec3& o = mm.offset[v];
        reach[k] = std::max(reach[k], std::sqrt(static_cast<double>(o.y * o.y + o.z * o.z)));
    }
    for (std::size_t k = 0; k < real; ++k) {
        PathBinding& pb = mm.paths[k];
        double spacing = pb.spec.restLength / (K - 1);
        pb.spec.smoothing = std::clamp(static_cast<int>(std::ceil(1.2 * reach[k] / spacing)), kSmoothing,
                                       CentrelineTable::kMaxSmoothing);
    }
}

void MeshDeformer::bindCentred(const anatomy::MeshData& mesh, MuscleMesh& mm, const std::vector<int>& pathOf, bool flipS,
                               const DeformPose& rest)
{
    buildRest(mm, rest);
    bindVertices(mesh, mm, pathOf, flipS);
    centreMesh(mesh, mm);
    buildRest(mm, rest);
    bindVertices(mesh, mm, pathOf, flipS);
}

core::Status MeshDeformer::bindMuscle(const anatomy::Model& model, const RigMuscle& muscle, int mi,
                                      const std::vector<int>& flat, const DeformPose& rest)
{
    const anatomy::MeshData& mesh = model.meshes[static_cast<std::size_t>(mi)];
    auto fail = [&](const std::string& what) {
        return core::Status(core::makeError(model.sourcePath + ": mesh \"" + muscle.id + "\": " + what +
                                            ". Rebuild the model (tools/modelbuilder) so that TEXCOORD_1 holds the solver binding."));
    };
    if (mesh.uv1.size() != mesh.positions.size()) return fail("has no TEXCOORD_1 per vertex");
    MuscleMesh mm;
    mm.mesh = mi;
    const std::size_t real = muscle.paths.size();
    if (!addRigPaths(mm, muscle, flat, rest)) return fail("tendon_fraction leaves no belly");
    // Which path (or sheet between two paths) each vertex follows.
    std::vector<int> pathOf;
    if (std::string why = assignPaths(mesh, mm, real, pathOf); !why.empty()) return fail(why);
    // Which end s = 0 is.
    const bool flipS = sFromInsertion(mesh, mm, real, pathOf, rest);
    findSheetFill(mesh, mm, pathOf, [&](std::size_t v) { return arcOf(mesh, v, flipS); }, rest);
    // 1. Bind against lightly smoothed paths and centre the mesh on them. 2. Smooth each path
    // over about the distance of its vertices from that centre (so the inner side of a bend
    // cannot fold), centre again and bind for good.
    bindCentred(mesh, mm, pathOf, flipS, rest);
    fitSmoothing(mesh, mm, pathOf, real);
    for (PathBinding& pb : mm.paths) pb.spec.centre.clear();
    bindCentred(mesh, mm, pathOf, flipS, rest);
    m_muscles.push_back(std::move(mm));
    return core::Status::success();
}

} // namespace psoas::solver
