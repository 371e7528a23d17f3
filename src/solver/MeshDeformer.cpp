#include "solver/MeshDeformer.h"

#include "solver/DeformMath.h"

#include <algorithm>
#include <cmath>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

// Deforming the bound meshes (binding: MuscleBinding.cpp, BlendBinding.cpp).
namespace psoas::solver {

using deform::K;
using deform::toF;
using deform::unit;

namespace {

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

std::size_t MeshDeformer::boundVertexCount() const
{
    std::size_t n = 0;
    for (const MuscleMesh& mm : m_muscles) n += mm.row.size();
    for (const BlendMesh& b : m_blends) n += b.restPositions.size();
    return n;
}

void MeshDeformer::sampleMuscle(const MuscleMesh& mm, DeformWorkspace::Muscle& w, const DeformPose& pose)
{
    const auto& bodies = *pose.bodyWorld;
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
}

void MeshDeformer::writeMuscle(const MuscleMesh& mm, const DeformSample* samples, Vec3* outP, Vec3* outN)
{
    const std::size_t count = mm.row.size();
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
    sampleMuscle(mm, w, pose);
    anatomy::MeshData& mesh = meshes[static_cast<std::size_t>(mm.mesh)];
    mesh.normals.resize(mesh.positions.size());
    writeMuscle(mm, w.samples.data(), mesh.positions.data(), mesh.normals.data());
    ++mesh.version;
    ws.lastVersion[static_cast<std::size_t>(mm.mesh)] = mesh.version;
}

void MeshDeformer::bodyMatrices(const BlendMesh& b, const std::vector<Rigid>& bodies, DeformWorkspace& work)
{
    std::vector<Mat3>& bodyR = work.bodyR;
    std::vector<Vec3>& bodyT = work.bodyT;
    auto& bodyCols = work.bodyCols;
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
}

void MeshDeformer::writeBlend(const BlendMesh& b, const DeformWorkspace& work, double descent, Vec3* outP, Vec3* outN) const
{
    const std::vector<Mat3>& bodyR = work.bodyR;
    const std::vector<Vec3>& bodyT = work.bodyT;
    const auto& bodyCols = work.bodyCols;
    const Mat3 t12R = m_t12Body >= 0 ? bodyR[static_cast<std::size_t>(m_t12Body)] : Mat3(1.0f);
    const Vec3 t12T = m_t12Body >= 0 ? bodyT[static_cast<std::size_t>(m_t12Body)] : Vec3(0.0f);
    const float fDescent = static_cast<float>(descent);
    const bool dome = b.diaphragm && m_t12Body >= 0;
    const Vec3 down = t12R[1] * fDescent; // the dome descends along T12's vertical axis
    const std::size_t count = b.restPositions.size();
#if defined(__SSE2__)
    // Dome vertices (most of the diaphragm) four lanes at a time; see writeMuscle for the
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
}

void MeshDeformer::deformBlend(MeshSpan meshes, const BlendMesh& b, std::vector<double>& last, const DeformPose& pose,
                               DeformWorkspace& work) const
{
    std::vector<double>& input = work.input;
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
    bodyMatrices(b, bodies, work);
    writeBlend(b, work, descent, mesh.positions.data(), mesh.normals.data());
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
