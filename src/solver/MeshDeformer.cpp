#include "solver/MeshDeformer.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <initializer_list>
#include <map>
#include <unordered_map>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace psoas::solver {

namespace {

constexpr std::size_t K = static_cast<std::size_t>(MeshDeformer::kSamples);

double smoothstep(double a, double b, double x)
{
    double t = std::clamp((x - a) / (b - a), 0.0, 1.0);
    return t * t * (3.0 - 2.0 * t);
}

DVec3 toD(const Vec3& v) { return DVec3(v.x, v.y, v.z); }
Vec3 toF(const DVec3& v) { return Vec3(static_cast<float>(v.x), static_cast<float>(v.y), static_cast<float>(v.z)); }

// True when the vertices with weight < 0.5 sit higher on average than those with weight
// >= 0.5 (only region-0 vertices when `region` is given): the weights run top-down.
bool upperEndFirst(const std::vector<Vec3>& positions, const std::vector<float>& weight, const std::vector<float>* region)
{
    double y[2] = {0.0, 0.0};
    int n[2] = {0, 0};
    for (std::size_t v = 0; v < positions.size(); ++v) {
        if (region && (*region)[v] > 0.5f) continue;
        int i = weight[v] < 0.5f ? 0 : 1;
        y[i] += positions[v].y;
        ++n[i];
    }
    return n[0] > 0 && n[1] > 0 && y[0] / n[0] > y[1] / n[1];
}

// n / |n| (or +Y for a zero vector) with the SSE reciprocal square root and one Newton step
// (relative error about 1e-7): the divide and square root were most of the per-vertex cost.
inline Vec3 unit(const Vec3& n)
{
    float l2 = glm::dot(n, n);
    if (!(l2 > 1e-30f)) return Vec3(0, 1, 0);
#if defined(__SSE2__)
    float r = _mm_cvtss_f32(_mm_rsqrt_ss(_mm_set_ss(l2)));
    r = r * (1.5f - 0.5f * l2 * r * r);
#else
    float r = 1.0f / std::sqrt(l2);
#endif
    return n * r;
}

#if defined(__SSE2__)
// Stores nv / |nv| (or +Y for a zero vector) at `out` with the reciprocal square root and one
// Newton step; the 16-byte store spills into the next vertex (written after this one).
inline void storeUnit(Vec3* out, __m128 nv)
{
    __m128 sq = _mm_mul_ps(nv, nv);
    __m128 l2 = _mm_add_ss(_mm_add_ss(sq, _mm_shuffle_ps(sq, sq, 1)), _mm_movehl_ps(sq, sq));
    if (_mm_cvtss_f32(l2) > 1e-30f) {
        __m128 r = _mm_rsqrt_ss(l2);
        r = _mm_mul_ss(r, _mm_sub_ss(_mm_set_ss(1.5f), _mm_mul_ss(_mm_mul_ss(_mm_set_ss(0.5f), l2), _mm_mul_ss(r, r))));
        _mm_storeu_ps(&out->x, _mm_mul_ps(nv, _mm_shuffle_ps(r, r, 0)));
    } else {
        *out = Vec3(0, 1, 0);
    }
}
#endif

void put(float (&dst)[4], const DVec3& v)
{
    dst[0] = static_cast<float>(v.x);
    dst[1] = static_cast<float>(v.y);
    dst[2] = static_cast<float>(v.z);
    dst[3] = 0.0f;
}

Vec3 vec(const float (&src)[4]) { return Vec3(src[0], src[1], src[2]); }

void append(std::vector<double>& out, const DVec3& v)
{
    out.push_back(v.x);
    out.push_back(v.y);
    out.push_back(v.z);
}

} // namespace

void MeshDeformer::prepare(MeshSpan meshes, DeformWorkspace& ws) const
{
    if (ws.owner != this || ws.bindSerial != m_bindSerial || ws.muscles.size() != m_muscles.size() ||
        ws.blendInput.size() != m_blends.size()) {
        ws.clear();
        ws.owner = this;
        ws.bindSerial = m_bindSerial;
        ws.muscles.resize(m_muscles.size());
        for (std::size_t i = 0; i < m_muscles.size(); ++i) {
            ws.muscles[i].posed.resize(m_muscles[i].paths.size());
            ws.muscles[i].samples.resize(m_muscles[i].paths.size() * K);
        }
        ws.blendInput.resize(m_blends.size());
    }
    if (ws.lastMeshes != meshes.data || ws.lastVersion.size() != meshes.size) {
        ws.lastMeshes = meshes.data;
        ws.lastVersion.assign(meshes.size, 0);
    }
}

bool MeshDeformer::changed(MeshSpan meshes, int mesh, std::vector<double>& last, DeformWorkspace& ws)
{
    std::size_t mi = static_cast<std::size_t>(mesh);
    if (ws.lastVersion[mi] == meshes[mi].version && last == ws.input) return false;
    last = ws.input;
    return true;
}

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
    std::vector<CentrelineTable> tables(real);
    CentrelineTable::Spec spec;
    for (std::size_t k = 0; k < real; ++k) {
        spec = mm.paths[k].spec;
        tables[k].sample((*rest.polylines)[static_cast<std::size_t>(mm.paths[k].flat)], spec, spec.restLength, false);
    }
    auto at = [&](std::size_t k, double s) {
        double x = s * (K - 1);
        std::size_t j = std::min(static_cast<std::size_t>(x), K - 2);
        return glm::mix(tables[k].points()[j], tables[k].points()[j + 1], x - static_cast<double>(j));
    };
    struct Piece {
        int path = -1;
        bool mixed = false;
        double t[2] = {0.0, 0.0};      // towards k - 1, k + 1
        std::size_t beyond[2] = {0, 0}; // vertices on the far side of k from k - 1, k + 1
        std::size_t count = 0;
    };
    std::unordered_map<std::uint32_t, Piece> pieces;
    for (std::size_t v = 0; v < n; ++v) {
        Piece& pc = pieces[root(static_cast<std::uint32_t>(v))];
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
    std::map<std::pair<int, int>, int> blendOf; // (a, t in 1/100) -> path index
    for (std::size_t v = 0; v < n; ++v) {
        const Piece& pc = pieces[root(static_cast<std::uint32_t>(v))];
        if (pc.mixed || pc.count == 0) continue;
        int k = pc.path;
        double tm = pc.t[0] / static_cast<double>(pc.count), tp = pc.t[1] / static_cast<double>(pc.count);
        auto between = [&](int side) { return 5 * pc.beyond[side] <= pc.count; };
        int a;
        double t;
        if (tp >= 0.2 && tp <= 0.8 && k + 1 < static_cast<int>(real) && between(1)) {
            a = k;
            t = tp;
        } else if (tm >= 0.2 && tm <= 0.8 && k > 0 && between(0)) {
            a = k - 1;
            t = 1.0 - tm;
        } else {
            continue;
        }
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
    for (std::size_t k = 0; k < real; ++k) {
        PathBinding pb;
        pb.flat = flat[k];
        pb.originBody = muscle.paths[k].points.front().body;
        pb.spec.restLength = (*rest.lengths)[static_cast<std::size_t>(pb.flat)];
        pb.spec.smoothing = kSmoothing;
        pb.spec.beltCum.resize(K);
        double f = muscle.tendonFraction, prevW = 1.0;
        for (std::size_t j = 0; j < K; ++j) {
            double s = static_cast<double>(j) / (K - 1);
            double w = f > 0.0 ? 1.0 - smoothstep(1.0 - f - 0.05, 1.0 - f + 0.05, s) : 1.0;
            pb.spec.beltCum[j] = j == 0 ? 0.0 : pb.spec.beltCum[j - 1] + 0.5 * (w + prevW) / (K - 1);
            prevW = w;
        }
        if (pb.spec.beltCum.back() < 1e-6) return fail("tendon_fraction leaves no belly");
        const auto& poly = (*rest.polylines)[static_cast<std::size_t>(pb.flat)];
        pb.restNormal0 = perpendicularTo(glm::normalize(poly[1] - poly[0]));
        mm.paths.push_back(std::move(pb));
    }
    // Which path (or sheet between two paths) each vertex follows.
    std::vector<int> pathOf(mesh.positions.size());
    for (std::size_t v = 0; v < mesh.positions.size(); ++v) {
        Vec2 uv = mesh.uv1[v];
        double x = uv.x;
        if (!std::isfinite(uv.x) || !std::isfinite(uv.y) || x < -0.01 || x > static_cast<double>(real) - 0.99)
            return fail("vertex " + std::to_string(v) + " names path " + core::formatNumber(uv.x) + " but the muscle has " +
                        std::to_string(real) + " path(s) in rig.json");
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
    // Which end s = 0 is: some loaders (assimp's glTF importer) hand TEXCOORD_1 over as
    // (u, 1 - v). The vertices with the lowest s must lie at the origin end of their path.
    double nearOrigin = 0.0, nearInsertion = 0.0;
    for (std::size_t v = 0; v < mesh.positions.size(); ++v) {
        if (static_cast<std::size_t>(pathOf[v]) >= real || mesh.uv1[v].y > 0.02f) continue;
        const auto& poly = (*rest.polylines)[static_cast<std::size_t>(mm.paths[static_cast<std::size_t>(pathOf[v])].flat)];
        nearOrigin += glm::length(toD(mesh.positions[v]) - poly.front());
        nearInsertion += glm::length(toD(mesh.positions[v]) - poly.back());
    }
    const bool flipS = nearInsertion < nearOrigin;
    auto arcOf = [&](std::size_t v) {
        double s = std::clamp(static_cast<double>(mesh.uv1[v].y), 0.0, 1.0);
        return flipS ? 1.0 - s : s;
    };
    findSheetFill(mesh, mm, pathOf, arcOf, rest);
    auto buildRest = [&]() {
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
    };
    mm.row.resize(mesh.positions.size());
    mm.frac.resize(mesh.positions.size());
    mm.offset.resize(mesh.positions.size());
    mm.normal.resize(mesh.positions.size());
    auto bindVertices = [&]() {
        for (std::size_t v = 0; v < mesh.positions.size(); ++v) {
            std::size_t k = static_cast<std::size_t>(pathOf[v]);
            double s = arcOf(v) * (K - 1);
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
    };
    // Centre of the mesh's cross-sections around each path (kernel average of the vertex
    // offsets over a few samples), in the frame; added to the current centre line.
    // The volume centroid is used where the mesh encloses volume around the sample (the
    // signed tetrahedra from the centre point to each triangle, binned by the triangle's s):
    // the vertex average alone is pulled towards where vertices are dense (the rims of a
    // fan), and a centre off the centroid loses or gains volume wherever the path bends.
    auto centreMesh = [&]() {
        std::vector<glm::dvec2> sum(mm.paths.size() * K, glm::dvec2(0.0));
        std::vector<double> weight(mm.paths.size() * K, 0.0);
        std::vector<glm::dvec2> vsum(mm.paths.size() * K, glm::dvec2(0.0));
        std::vector<double> vol(mm.paths.size() * K, 0.0), tvol(mm.paths.size(), 0.0);
        for (std::size_t v = 0; v < mesh.positions.size(); ++v) {
            double f = mm.frac[v];
            glm::dvec2 o(mm.offset[v].y, mm.offset[v].z);
            sum[mm.row[v]] += o * (1.0 - f);
            weight[mm.row[v]] += 1.0 - f;
            sum[mm.row[v] + 1] += o * f;
            weight[mm.row[v] + 1] += f;
        }
        for (std::size_t i = 0; i + 2 < mesh.indices.size(); i += 3) {
            const std::uint32_t a = mesh.indices[i], b = mesh.indices[i + 1], c = mesh.indices[i + 2];
            const std::size_t k = mm.row[a] / K;
            if (mm.row[b] / K != k || mm.row[c] / K != k) continue;
            double x = 0.0;
            for (std::uint32_t w : {a, b, c}) x += static_cast<double>(mm.row[w] % K) + static_cast<double>(mm.frac[w]);
            x /= 3.0;
            const std::size_t j = std::min(static_cast<std::size_t>(x), K - 2);
            const double f = x - static_cast<double>(j);
            const CentrelineTable& t = mm.paths[k].rest;
            const DVec3 p = glm::mix(t.centres()[j], t.centres()[j + 1], f);
            const DMat3 F = t.frames()[j] * (1.0 - f) + t.frames()[j + 1] * f;
            const DVec3 pa = toD(mesh.positions[a]) - p, pb = toD(mesh.positions[b]) - p, pc = toD(mesh.positions[c]) - p;
            const double V = glm::dot(pa, glm::cross(pb, pc)) / 6.0;
            const DVec3 q = glm::inverse(F) * ((pa + pb + pc) * 0.25);
            const glm::dvec2 m(q.y * V, q.z * V);
            vsum[k * K + j] += m * (1.0 - f);
            vol[k * K + j] += V * (1.0 - f);
            vsum[k * K + j + 1] += m * f;
            vol[k * K + j + 1] += V * f;
            tvol[k] += V;
        }
        for (std::size_t k = 0; k < mm.paths.size(); ++k) {
            PathBinding& pb = mm.paths[k];
            std::vector<glm::dvec2> c(K, glm::dvec2(0.0));
            // Signed sums: trust a sample's volume only when it is clearly positive.
            const double least = 0.1 * std::abs(tvol[k]) / static_cast<double>(K);
            for (std::size_t j = 0; j < K; ++j) {
                glm::dvec2 num(0.0), vnum(0.0);
                double den = 0.0, vden = 0.0;
                for (std::size_t i = j > 3 ? j - 3 : 0; i <= std::min(j + 3, K - 1); ++i) {
                    double w = 4.0 - std::abs(static_cast<double>(i) - static_cast<double>(j));
                    num += sum[k * K + i] * w;
                    den += weight[k * K + i] * w;
                    vnum += vsum[k * K + i] * w;
                    vden += vol[k * K + i] * w;
                }
                if (tvol[k] < 0.0) {
                    vnum = -vnum;
                    vden = -vden;
                }
                c[j] = vden > least * 16.0 ? vnum / vden : den > 1e-9 ? num / den : glm::dvec2(0.0);
            }
            if (pb.spec.centre.empty()) pb.spec.centre.assign(K, glm::dvec2(0.0));
            const auto& F = pb.rest.frames();
            const auto& P = pb.rest.points();
            const auto& Q = pb.rest.centres();
            for (std::size_t j = 0; j < K; ++j) { // express the new centre on the bare path
                DVec3 q = Q[j] + F[j][1] * c[j].x + F[j][2] * c[j].y - P[j];
                pb.spec.centre[j] = glm::dvec2(glm::dot(q, F[j][1]), glm::dot(q, F[j][2]));
            }
        }
    };
    // 1. Bind against lightly smoothed paths and centre the mesh on them. 2. Smooth each path
    // over about the distance of its vertices from that centre (so the inner side of a bend
    // cannot fold), centre again and bind for good.
    buildRest();
    bindVertices();
    centreMesh();
    buildRest();
    bindVertices();
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
    for (PathBinding& pb : mm.paths) pb.spec.centre.clear();
    buildRest();
    bindVertices();
    centreMesh();
    buildRest();
    bindVertices();
    m_muscles.push_back(std::move(mm));
    return core::Status::success();
}

core::Status MeshDeformer::bind(const anatomy::Model& model, const RigData& rig, const CoordinateTable& table,
                                const std::vector<std::vector<int>>& flatPath, const DeformPose& rest)
{
    m_muscles.clear();
    m_blends.clear();
    m_bound = false;
    static std::uint64_t serials = 0;
    m_bindSerial = ++serials;
    m_breathing = table.breathing();
    int t12Joint = rig.findJoint("j_t12_l1");
    m_t12Body = rig.findBody("t12");
    if (m_t12Body < 0)
        for (std::size_t b = 0; b < rig.bodies.size(); ++b)
            if (rig.bodies[b].joint == t12Joint) m_t12Body = static_cast<int>(b);
    auto meshOf = [&](const std::string& name) -> int {
        int node = model.findNode(name);
        if (node < 0 || model.nodes[static_cast<std::size_t>(node)].meshes.empty()) return -1;
        return model.nodes[static_cast<std::size_t>(node)].meshes.front();
    };
    auto fail = [&](const std::string& mesh, const std::string& what) {
        return core::Status(core::makeError(model.sourcePath + ": mesh \"" + mesh + "\": " + what +
                                            ". Rebuild the model (tools/modelbuilder) so that TEXCOORD_1 holds the solver binding."));
    };
    for (std::size_t m = 0; m < rig.muscles.size(); ++m) {
        int mi = meshOf(rig.muscles[m].id);
        if (mi < 0) continue; // no mesh for this muscle: nothing to deform
        auto st = bindMuscle(model, rig.muscles[m], mi, flatPath[m], rest);
        if (!st) return st;
    }
    auto finishBlend = [](BlendMesh& b) {
        for (int x : b.bodyA) b.usedBodies.push_back(x);
        for (int x : b.bodyB) b.usedBodies.push_back(x);
        std::sort(b.usedBodies.begin(), b.usedBodies.end());
        b.usedBodies.erase(std::unique(b.usedBodies.begin(), b.usedBodies.end()), b.usedBodies.end());
    };
    for (const RigDisc& d : rig.discs) {
        int mi = meshOf(d.id);
        if (mi < 0) continue;
        const anatomy::MeshData& mesh = model.meshes[static_cast<std::size_t>(mi)];
        if (mesh.uv1.size() != mesh.positions.size()) return fail(d.id, "has no TEXCOORD_1 per vertex");
        BlendMesh b;
        b.mesh = mi;
        b.restPositions = mesh.positions;
        b.restNormals = mesh.normals;
        b.restNormals.resize(mesh.positions.size(), Vec3(0, 1, 0));
        b.bodyA.assign(mesh.positions.size(), d.lowerBody);
        b.bodyB.assign(mesh.positions.size(), d.upperBody);
        b.t.resize(mesh.positions.size());
        b.dome.assign(mesh.positions.size(), 0.0f);
        b.region.assign(mesh.positions.size(), 0.0f);
        for (std::size_t v = 0; v < mesh.positions.size(); ++v)
            b.t[v] = std::isfinite(mesh.uv1[v].y) ? std::clamp(mesh.uv1[v].y, 0.0f, 1.0f) : 0.5f;
        if (upperEndFirst(mesh.positions, b.t, nullptr))
            for (float& t : b.t) t = 1.0f - t; // t = 0 must be the lower endplate (see flipS above)
        finishBlend(b);
        m_blends.push_back(std::move(b));
    }
    int di = meshOf("diaphragm");
    if (di >= 0 && m_t12Body >= 0) {
        const anatomy::MeshData& mesh = model.meshes[static_cast<std::size_t>(di)];
        if (mesh.uv1.size() != mesh.positions.size()) return fail("diaphragm", "has no TEXCOORD_1 per vertex");
        // Vertebral bodies by height for the crura.
        std::vector<std::pair<double, int>> levels;
        for (const char* name : {"t12", "l1", "l2", "l3", "l4", "l5"}) {
            int b = rig.findBody(name);
            if (b < 0) continue;
            const RigJoint& j = rig.joints[static_cast<std::size_t>(rig.bodies[static_cast<std::size_t>(b)].joint)];
            levels.push_back({j.position.y + 0.018, b}); // about the body centre, above its lower disc
        }
        std::sort(levels.begin(), levels.end());
        BlendMesh b;
        b.mesh = di;
        b.diaphragm = true;
        b.restPositions = mesh.positions;
        b.restNormals = mesh.normals;
        b.restNormals.resize(mesh.positions.size(), Vec3(0, 1, 0));
        for (Vec3& nr : b.restNormals) nr = unit(nr);
        std::size_t n = mesh.positions.size();
        b.bodyA.assign(n, m_t12Body);
        b.bodyB.assign(n, m_t12Body);
        b.t.assign(n, 0.0f);
        b.dome.resize(n);
        b.region.resize(n);
        for (std::size_t v = 0; v < n; ++v) {
            Vec2 uv = mesh.uv1[v];
            float region = std::isfinite(uv.x) ? std::round(uv.x) : 0.0f;
            b.region[v] = region;
            b.dome[v] = std::isfinite(uv.y) ? std::clamp(uv.y, 0.0f, 1.0f) : 0.0f;
        }
        for (std::size_t v = 0; v < n; ++v) {
            if (b.region[v] < 0.5f || levels.empty()) continue;
            double y = mesh.positions[v].y;
            std::size_t i = 0;
            while (i + 1 < levels.size() && levels[i + 1].first < y) ++i;
            if (y <= levels.front().first) {
                b.bodyA[v] = b.bodyB[v] = levels.front().second;
            } else if (i + 1 >= levels.size()) {
                b.bodyA[v] = b.bodyB[v] = levels.back().second;
            } else {
                b.bodyA[v] = levels[i].second;
                b.bodyB[v] = levels[i + 1].second;
                b.t[v] = static_cast<float>((y - levels[i].first) / (levels[i + 1].first - levels[i].first));
            }
        }
        if (upperEndFirst(mesh.positions, b.dome, &b.region)) // w = 1 is the top of the dome
            for (float& w : b.dome) w = 1.0f - w;
        b.usedBodies.push_back(m_t12Body);
        finishBlend(b);
        m_blends.push_back(std::move(b));
    }
    m_bound = true;
    return core::Status::success();
}

std::size_t MeshDeformer::boundVertexCount() const
{
    std::size_t n = 0;
    for (const MuscleMesh& mm : m_muscles) n += mm.row.size();
    for (const BlendMesh& b : m_blends) n += b.restPositions.size();
    return n;
}

void MeshDeformer::deformMuscle(MeshSpan meshes, const MuscleMesh& mm, DeformWorkspace::Muscle& w,
                                const DeformPose& pose, DeformWorkspace& ws) const
{
    const auto& bodies = *pose.bodyWorld;
    std::vector<double>& input = ws.input;
    input.clear();
    for (const PathBinding& pb : mm.paths) {
        if (pb.flat < 0) continue;
        for (const DVec3& p : (*pose.polylines)[static_cast<std::size_t>(pb.flat)]) append(input, p);
        input.push_back((*pose.lengths)[static_cast<std::size_t>(pb.flat)]);
        append(input, bodies[static_cast<std::size_t>(pb.originBody)].rotate(pb.restNormal0));
    }
    if (!changed(meshes, mm.mesh, w.lastInput, ws)) return;
    for (std::size_t k = 0; k < mm.paths.size(); ++k) {
        const PathBinding& pb = mm.paths[k];
        CentrelineTable& posed = w.posed[k];
        if (pb.flat >= 0)
            posed.sample((*pose.polylines)[static_cast<std::size_t>(pb.flat)], pb.spec,
                         (*pose.lengths)[static_cast<std::size_t>(pb.flat)], true);
        else
            posed.blend(w.posed[static_cast<std::size_t>(pb.blendA)], w.posed[static_cast<std::size_t>(pb.blendB)], pb.blendT);
        posed.finish(pb.spec, bodies[static_cast<std::size_t>(pb.originBody)].rotate(pb.restNormal0), true);
        const auto& Q = posed.centres();
        const auto& F = posed.frames();
        const auto& S = posed.scales();
        const auto& St = posed.stretches();
        for (std::size_t j = 0; j < K; ++j) {
            // r = 1 / sqrt(l): the inverses are sqrt(l) and l * r.
            const double r = S[j], l = St[j], il = r * r, ir = l * r;
            DeformSample& s = w.samples[k * K + j];
            put(s.p, Q[j]);
            put(s.t, F[j][0] * l);
            put(s.tn, F[j][0] * il);
            put(s.n, F[j][1] * r);
            put(s.b, F[j][2] * r);
            put(s.nn, F[j][1] * ir);
            put(s.bn, F[j][2] * ir);
        }
    }
    anatomy::MeshData& mesh = meshes[static_cast<std::size_t>(mm.mesh)];
    mesh.normals.resize(mesh.positions.size());
    const DeformSample* samples = w.samples.data();
    const std::size_t count = mm.row.size();
    Vec3* outP = mesh.positions.data();
    Vec3* outN = mesh.normals.data();
    std::size_t v = 0;
#if defined(__SSE2__)
    // Same arithmetic as the scalar loop below, four lanes at a time; each 16-byte store
    // spills into the next vertex, which is written after it, so the last one is scalar.
    auto ld = [](const float (&a)[4]) { return _mm_load_ps(a); };
    auto mad = [](__m128 acc, __m128 a, float x) { return _mm_add_ps(acc, _mm_mul_ps(a, _mm_set1_ps(x))); };
    for (; v + 1 < count; ++v) {
        const DeformSample& A = samples[mm.row[v]];
        const DeformSample& B = samples[mm.row[v] + 1];
        const __m128 f = _mm_set1_ps(mm.frac[v]), g = _mm_set1_ps(1.0f - mm.frac[v]);
        const Vec3 o = mm.offset[v], n = mm.normal[v];
        __m128 pa = mad(mad(mad(ld(A.p), ld(A.t), o.x), ld(A.n), o.y), ld(A.b), o.z);
        __m128 pb = mad(mad(mad(ld(B.p), ld(B.t), o.x), ld(B.n), o.y), ld(B.b), o.z);
        _mm_storeu_ps(&outP[v].x, _mm_add_ps(_mm_mul_ps(pa, g), _mm_mul_ps(pb, f)));
        __m128 na = mad(mad(_mm_mul_ps(ld(A.tn), _mm_set1_ps(n.x)), ld(A.nn), n.y), ld(A.bn), n.z);
        __m128 nb = mad(mad(_mm_mul_ps(ld(B.tn), _mm_set1_ps(n.x)), ld(B.nn), n.y), ld(B.bn), n.z);
        __m128 nv = _mm_add_ps(_mm_mul_ps(na, g), _mm_mul_ps(nb, f));
        storeUnit(&outN[v], nv);
    }
#endif
    for (; v < count; ++v) {
        const DeformSample& A = samples[mm.row[v]];
        const DeformSample& B = samples[mm.row[v] + 1];
        const float f = mm.frac[v], g = 1.0f - f;
        const Vec3 o = mm.offset[v], n = mm.normal[v];
        Vec3 pa = vec(A.p) + vec(A.t) * o.x + vec(A.n) * o.y + vec(A.b) * o.z;
        Vec3 pb = vec(B.p) + vec(B.t) * o.x + vec(B.n) * o.y + vec(B.b) * o.z;
        outP[v] = pa * g + pb * f;
        Vec3 na = vec(A.tn) * n.x + vec(A.nn) * n.y + vec(A.bn) * n.z;
        Vec3 nb = vec(B.tn) * n.x + vec(B.nn) * n.y + vec(B.bn) * n.z;
        outN[v] = unit(na * g + nb * f);
    }
    ++mesh.version;
    ws.lastVersion[static_cast<std::size_t>(mm.mesh)] = mesh.version;
}

void MeshDeformer::deformBlend(MeshSpan meshes, const BlendMesh& b, std::vector<double>& last, const DeformPose& pose,
                               DeformWorkspace& work) const
{
    std::vector<double>& input = work.input;
    std::vector<Mat3>& bodyR = work.bodyR;
    std::vector<Vec3>& bodyT = work.bodyT;
    auto& bodyCols = work.bodyCols;
    const auto& bodies = *pose.bodyWorld;
    const double descent = b.diaphragm ? m_breathing.domeExcursionAt100 * (pose.breathing - m_breathing.restPercent) / 100.0 : 0.0;
    input.clear();
    for (int body : b.usedBodies) {
        const Rigid& r = bodies[static_cast<std::size_t>(body)];
        for (int c = 0; c < 3; ++c) append(input, r.r[c]);
        append(input, r.t);
    }
    input.push_back(descent);
    if (!changed(meshes, b.mesh, last, work)) return;
    anatomy::MeshData& mesh = meshes[static_cast<std::size_t>(b.mesh)];
    mesh.normals.resize(mesh.positions.size());
    bodyR.resize(bodies.size());
    bodyT.resize(bodies.size());
    for (int body : b.usedBodies) {
        bodyR[static_cast<std::size_t>(body)] = Mat3(bodies[static_cast<std::size_t>(body)].r);
        bodyT[static_cast<std::size_t>(body)] = toF(bodies[static_cast<std::size_t>(body)].t);
    }
    bodyCols.resize(bodies.size());
    for (int body : b.usedBodies) {
        const std::size_t i = static_cast<std::size_t>(body);
        for (int c = 0; c < 4; ++c) {
            const Vec3 col = c < 3 ? bodyR[i][c] : bodyT[i];
            bodyCols[i].c[c][0] = col.x;
            bodyCols[i].c[c][1] = col.y;
            bodyCols[i].c[c][2] = col.z;
            bodyCols[i].c[c][3] = 0.0f;
        }
    }
    const Mat3 t12R = m_t12Body >= 0 ? bodyR[static_cast<std::size_t>(m_t12Body)] : Mat3(1.0f);
    const Vec3 t12T = m_t12Body >= 0 ? bodyT[static_cast<std::size_t>(m_t12Body)] : Vec3(0.0f);
    const float fDescent = static_cast<float>(descent);
    const bool dome = b.diaphragm && m_t12Body >= 0;
    const Vec3 down = t12R[1] * fDescent; // the dome descends along T12's vertical axis
    Vec3* outP = mesh.positions.data();
    Vec3* outN = mesh.normals.data();
    const std::size_t count = b.restPositions.size();
#if defined(__SSE2__)
    // Dome vertices (most of the diaphragm) four lanes at a time; see deformMuscle for the
    // 16-byte stores.
    const __m128 c0 = _mm_setr_ps(t12R[0].x, t12R[0].y, t12R[0].z, 0.0f);
    const __m128 c1 = _mm_setr_ps(t12R[1].x, t12R[1].y, t12R[1].z, 0.0f);
    const __m128 c2 = _mm_setr_ps(t12R[2].x, t12R[2].y, t12R[2].z, 0.0f);
    const __m128 tr = _mm_setr_ps(t12T.x, t12T.y, t12T.z, 0.0f);
    const __m128 dn = _mm_setr_ps(down.x, down.y, down.z, 0.0f);
#endif
    for (std::size_t v = 0; v < count; ++v) {
        const Vec3 x = b.restPositions[v], n = b.restNormals[v];
        Vec3 pos, nor;
#if defined(__SSE2__)
        if (dome && v + 1 < count && b.region[v] < 0.5f) {
            __m128 p = _mm_add_ps(_mm_add_ps(_mm_mul_ps(c0, _mm_set1_ps(x.x)), _mm_mul_ps(c1, _mm_set1_ps(x.y))),
                                  _mm_add_ps(_mm_mul_ps(c2, _mm_set1_ps(x.z)), tr));
            _mm_storeu_ps(&outP[v].x, _mm_sub_ps(p, _mm_mul_ps(dn, _mm_set1_ps(b.dome[v]))));
            _mm_storeu_ps(&outN[v].x, _mm_add_ps(_mm_add_ps(_mm_mul_ps(c0, _mm_set1_ps(n.x)), _mm_mul_ps(c1, _mm_set1_ps(n.y))),
                                                 _mm_mul_ps(c2, _mm_set1_ps(n.z))));
            continue;
        }
        if (v + 1 < count) { // discs and crura: blend of two vertebrae (crura: then towards the dome)
            const DeformWorkspace::BodyColumns& A = bodyCols[static_cast<std::size_t>(b.bodyA[v])];
            const DeformWorkspace::BodyColumns& B = bodyCols[static_cast<std::size_t>(b.bodyB[v])];
            auto col = [](const DeformWorkspace::BodyColumns& m, int c) { return _mm_load_ps(m.c[c]); };
            auto rot = [&](const DeformWorkspace::BodyColumns& m, const Vec3& a) {
                return _mm_add_ps(_mm_add_ps(_mm_mul_ps(col(m, 0), _mm_set1_ps(a.x)), _mm_mul_ps(col(m, 1), _mm_set1_ps(a.y))),
                                  _mm_mul_ps(col(m, 2), _mm_set1_ps(a.z)));
            };
            const __m128 wt = _mm_set1_ps(b.t[v]), ws = _mm_set1_ps(1.0f - b.t[v]);
            __m128 p = _mm_add_ps(_mm_mul_ps(_mm_add_ps(rot(A, x), col(A, 3)), ws), _mm_mul_ps(_mm_add_ps(rot(B, x), col(B, 3)), wt));
            __m128 nv = _mm_add_ps(_mm_mul_ps(rot(A, n), ws), _mm_mul_ps(rot(B, n), wt));
            if (dome) {
                const float w = b.dome[v];
                const __m128 ww = _mm_set1_ps(w), wv = _mm_set1_ps(1.0f - w);
                __m128 dp = _mm_add_ps(_mm_add_ps(_mm_mul_ps(c0, _mm_set1_ps(x.x)), _mm_mul_ps(c1, _mm_set1_ps(x.y))),
                                       _mm_add_ps(_mm_mul_ps(c2, _mm_set1_ps(x.z)), tr));
                dp = _mm_sub_ps(dp, _mm_mul_ps(dn, ww));
                __m128 dnrm = _mm_add_ps(_mm_add_ps(_mm_mul_ps(c0, _mm_set1_ps(n.x)), _mm_mul_ps(c1, _mm_set1_ps(n.y))),
                                         _mm_mul_ps(c2, _mm_set1_ps(n.z)));
                p = _mm_add_ps(_mm_mul_ps(p, wv), _mm_mul_ps(dp, ww));
                nv = _mm_add_ps(_mm_mul_ps(nv, wv), _mm_mul_ps(dnrm, ww));
            }
            _mm_storeu_ps(&outP[v].x, p);
            storeUnit(&outN[v], nv);
            continue;
        }
#endif
        if (dome && b.region[v] < 0.5f) { // dome: rides on T12 and descends by w * excursion
            outP[v] = t12R * x + t12T - down * b.dome[v];
            outN[v] = t12R * n; // unit rest normal, rotated
            continue;
        } else {
            const std::size_t ia = static_cast<std::size_t>(b.bodyA[v]), ib = static_cast<std::size_t>(b.bodyB[v]);
            const float t = b.t[v], s = 1.0f - t;
            pos = (bodyR[ia] * x + bodyT[ia]) * s + (bodyR[ib] * x + bodyT[ib]) * t;
            nor = (bodyR[ia] * n) * s + (bodyR[ib] * n) * t;
            if (dome) { // crura: from their vertebra (w = 0) to the dome motion (w = 1)
                const float w = b.dome[v];
                pos = pos * (1.0f - w) + (t12R * x + t12T - down * w) * w;
                nor = nor * (1.0f - w) + (t12R * n) * w;
            }
        }
        outP[v] = pos;
        outN[v] = unit(nor);
    }
    ++mesh.version;
    work.lastVersion[static_cast<std::size_t>(b.mesh)] = mesh.version;
}

void MeshDeformer::deform(MeshSpan meshes, const DeformPose& pose, DeformWorkspace& ws) const
{
    if (!m_bound) return;
    prepare(meshes, ws);
    for (std::size_t i = 0; i < m_muscles.size(); ++i) deformMuscle(meshes, m_muscles[i], ws.muscles[i], pose, ws);
    for (std::size_t i = 0; i < m_blends.size(); ++i) deformBlend(meshes, m_blends[i], ws.blendInput[i], pose, ws);
}

std::size_t MeshDeformer::countInvertedTriangles(const anatomy::Model& model, std::string* where) const
{
    std::size_t bad = 0;
    for (const MuscleMesh& mm : m_muscles) {
        const anatomy::MeshData& mesh = model.meshes[static_cast<std::size_t>(mm.mesh)];
        for (std::size_t i = 0; i + 2 < mesh.indices.size(); i += 3) {
            auto a = mesh.indices[i], b = mesh.indices[i + 1], c = mesh.indices[i + 2];
            Vec3 g = glm::cross(mesh.positions[b] - mesh.positions[a], mesh.positions[c] - mesh.positions[a]);
            Vec3 ref = mesh.normals[a] + mesh.normals[b] + mesh.normals[c];
            if (glm::dot(g, ref) < 0.0f) {
                ++bad;
                if (where) *where += " " + mesh.name + ":" + std::to_string(i / 3);
            }
        }
    }
    return bad;
}

std::vector<Vec3> MeshDeformer::fibreCoordinates(int mesh) const
{
    std::vector<Vec3> out;
    for (const auto& mm : m_muscles) {
        if (mm.mesh != mesh) continue;
        out.reserve(mm.offset.size());
        for (std::size_t v = 0; v < mm.offset.size(); ++v) {
            const float sample = float(mm.row[v] % std::uint32_t(K)) + mm.frac[v];
            out.emplace_back(mm.offset[v].y, mm.offset[v].z, sample / float(K - 1));
        }
        break;
    }
    return out;
}

} // namespace psoas::solver
