#include "solver/MeshDeformer.h"

#include <algorithm>
#include <initializer_list>
#include <cmath>

namespace psoas::solver {

namespace {

double smoothstep(double a, double b, double x)
{
    double t = std::clamp((x - a) / (b - a), 0.0, 1.0);
    return t * t * (3.0 - 2.0 * t);
}

DVec3 leastAlignedAxis(const DVec3& t)
{
    DVec3 a = glm::abs(t);
    if (a.x <= a.y && a.x <= a.z) return DVec3(1, 0, 0);
    if (a.y <= a.z) return DVec3(0, 1, 0);
    return DVec3(0, 0, 1);
}

DVec3 toD(const Vec3& v) { return DVec3(v.x, v.y, v.z); }
Vec3 toF(const DVec3& v) { return Vec3(static_cast<float>(v.x), static_cast<float>(v.y), static_cast<float>(v.z)); }

} // namespace

void MeshDeformer::buildTable(const std::vector<DVec3>& poly, const PathBinding& pb, double length,
                              const DVec3& normal0, bool posed, Table& out) const
{
    const int K = kSamples;
    double polyLength = 0.0;
    for (std::size_t i = 1; i < poly.size(); ++i) polyLength += glm::length(poly[i] - poly[i - 1]);
    const double L0 = pb.restLength, L = posed ? length : L0;
    const double W1 = pb.beltCum.back();
    // Stretch of belly and tendon: the tendon keeps its length while the belly stretch stays
    // within [kMinBelly, kMaxBelly]; beyond that the tendon takes its share too.
    const double Lb0 = L0 * W1, Lt0 = L0 - Lb0;
    double lb = 1.0, lt = 1.0;
    if (posed) {
        lb = (L - Lt0) / Lb0;
        if ((lb < kMinBelly || lb > kMaxBelly) && Lt0 > 1e-9) {
            lb = std::clamp(lb, kMinBelly, kMaxBelly);
            lt = std::max(0.05, (L - lb * Lb0) / Lt0);
        } else if (Lt0 <= 1e-9) {
            lb = L / L0;
        }
        lb = std::max(lb, 0.05);
    }
    // Points at the mapped arc positions.
    std::size_t seg = 1;
    double segStart = 0.0;
    for (int j = 0; j < K; ++j) {
        double s = static_cast<double>(j) / (K - 1);
        double g = L > 0 ? L0 * (lt * s + (lb - lt) * pb.beltCum[static_cast<std::size_t>(j)]) / L : s;
        double u = std::clamp(g, 0.0, 1.0) * polyLength;
        while (seg + 1 < poly.size() && segStart + glm::length(poly[seg] - poly[seg - 1]) < u) {
            segStart += glm::length(poly[seg] - poly[seg - 1]);
            ++seg;
        }
        double segLen = glm::length(poly[seg] - poly[seg - 1]);
        double f = segLen > 1e-12 ? std::clamp((u - segStart) / segLen, 0.0, 1.0) : 0.0;
        out.point[static_cast<std::size_t>(j)] = poly[seg - 1] + (poly[seg] - poly[seg - 1]) * f;
    }
    // Smooth the centreline (end points fixed) so that its curvature radius stays well above
    // the muscle's thickness at via points and wrap arcs; the rest table is smoothed the same
    // way, so the neutral pose is still reproduced exactly.
    // Three box-filter passes (prefix sums, O(K) each) with a window that shrinks towards
    // the ends, so the end points stay fixed.
    std::vector<DVec3>& sum = out.scratch;
    sum.resize(static_cast<std::size_t>(K + 1));
    for (int pass = 0; pass < 3; ++pass) {
        sum[0] = DVec3(0.0);
        for (int j = 0; j < K; ++j) sum[static_cast<std::size_t>(j + 1)] = sum[static_cast<std::size_t>(j)] + out.point[static_cast<std::size_t>(j)];
        for (int j = 1; j + 1 < K; ++j) {
            int h = std::min({pb.smoothing, j, K - 1 - j});
            out.point[static_cast<std::size_t>(j)] =
                (sum[static_cast<std::size_t>(j + h + 1)] - sum[static_cast<std::size_t>(j - h)]) / static_cast<double>(2 * h + 1);
        }
    }
    // Radial scale from the local stretch of the centreline: area * length is kept.
    for (int j = 0; j < K; ++j) {
        if (!posed) {
            out.scale[static_cast<std::size_t>(j)] = 1.0;
            continue;
        }
        double stretch = 0.0;
        int n = 0;
        for (int seg2 : {j - 1, j}) {
            if (seg2 < 0 || seg2 + 1 >= K) continue;
            double rest = pb.rest.segment[static_cast<std::size_t>(seg2)];
            double now = glm::length(out.point[static_cast<std::size_t>(seg2 + 1)] - out.point[static_cast<std::size_t>(seg2)]);
            stretch += rest > 1e-12 ? now / rest : 1.0;
            ++n;
        }
        stretch = n ? stretch / n : 1.0;
        out.scale[static_cast<std::size_t>(j)] = 1.0 / std::sqrt(std::clamp(stretch, 0.05, 20.0));
    }
    if (!posed) {
        out.segment.resize(static_cast<std::size_t>(K));
        for (int j = 0; j + 1 < K; ++j)
            out.segment[static_cast<std::size_t>(j)] =
                glm::length(out.point[static_cast<std::size_t>(j + 1)] - out.point[static_cast<std::size_t>(j)]);
    }
    // Rotation-minimising frames.
    DVec3 prevT(0, -1, 0), n = normal0;
    for (int j = 0; j < K; ++j) {
        std::size_t a = static_cast<std::size_t>(std::max(j - 1, 0)), b = static_cast<std::size_t>(std::min(j + 1, K - 1));
        DVec3 t = out.point[b] - out.point[a];
        double tl = glm::length(t);
        t = tl > 1e-12 ? t / tl : prevT;
        DVec3 nn = n - glm::dot(n, t) * t;
        double nl = glm::length(nn);
        nn = nl > 1e-9 ? nn / nl : glm::normalize(glm::cross(t, leastAlignedAxis(t)));
        DVec3 bn = glm::cross(t, nn);
        out.frame[static_cast<std::size_t>(j)] = DMat3(t, nn, bn);
        n = nn;
        prevT = t;
    }
}

core::Status MeshDeformer::bind(const anatomy::Model& model, const RigData& rig, const CoordinateTable& table,
                                const std::vector<std::vector<int>>& flatPath, const DeformPose& rest)
{
    m_muscles.clear();
    m_discs.clear();
    m_diaphragm.clear();
    m_bound = false;
    m_breathing = table.breathing();
    int t12Joint = rig.findJoint("j_t12_l1");
    m_t12Body = rig.findBody("t12");
    if (m_t12Body < 0)
        for (std::size_t b = 0; b < rig.bodies.size(); ++b)
            if (rig.bodies[b].joint == t12Joint) m_t12Body = static_cast<int>(b);
    const int K = kSamples;
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
        const RigMuscle& muscle = rig.muscles[m];
        int mi = meshOf(muscle.id);
        if (mi < 0) continue; // no mesh for this muscle: nothing to deform
        const anatomy::MeshData& mesh = model.meshes[static_cast<std::size_t>(mi)];
        if (mesh.uv1.size() != mesh.positions.size()) return fail(muscle.id, "has no TEXCOORD_1 per vertex");
        MuscleMesh mm;
        mm.mesh = mi;
        for (std::size_t k = 0; k < muscle.paths.size(); ++k) {
            PathBinding pb;
            pb.flat = flatPath[m][k];
            pb.originBody = muscle.paths[k].points.front().body;
            pb.restLength = (*rest.lengths)[static_cast<std::size_t>(pb.flat)];
            pb.beltW.resize(K);
            pb.beltCum.resize(K);
            double f = muscle.tendonFraction;
            for (int j = 0; j < K; ++j) {
                double s = static_cast<double>(j) / (K - 1);
                pb.beltW[static_cast<std::size_t>(j)] = f > 0.0 ? 1.0 - smoothstep(1.0 - f - 0.05, 1.0 - f + 0.05, s) : 1.0;
                pb.beltCum[static_cast<std::size_t>(j)] =
                    j == 0 ? 0.0
                           : pb.beltCum[static_cast<std::size_t>(j - 1)] +
                                 0.5 * (pb.beltW[static_cast<std::size_t>(j)] + pb.beltW[static_cast<std::size_t>(j - 1)]) / (K - 1);
            }
            if (pb.beltCum.back() < 1e-6) return fail(muscle.id, "tendon_fraction leaves no belly");
            const auto& poly = (*rest.polylines)[static_cast<std::size_t>(pb.flat)];
            DVec3 t0 = glm::normalize(poly[1] - poly[0]);
            DVec3 ref = leastAlignedAxis(t0);
            pb.restNormal0 = glm::normalize(ref - glm::dot(ref, t0) * t0);
            for (Table* t : {&pb.rest, &pb.posed}) {
                t->point.resize(K);
                t->frame.resize(K);
                t->scale.resize(K);
            }
            buildTable(poly, pb, pb.restLength, pb.restNormal0, false, pb.rest);
            mm.paths.push_back(std::move(pb));
        }
        mm.restPositions = mesh.positions;
        mm.vertices.resize(mesh.positions.size());
        // Pass 1 binds against lightly smoothed centrelines to measure how far vertices sit
        // from each path; pass 2 smooths each centreline over about that distance (so that
        // the inner side of a bend cannot fold) and binds again.
        for (int pass = 0; pass < 2; ++pass) {
            if (pass == 1) {
                std::vector<double> reach(mm.paths.size(), 0.0);
                for (const MuscleVertex& mv : mm.vertices)
                    reach[static_cast<std::size_t>(mv.path)] = std::max(
                        reach[static_cast<std::size_t>(mv.path)],
                        std::sqrt(static_cast<double>(mv.offset.y * mv.offset.y + mv.offset.z * mv.offset.z)));
                for (std::size_t k = 0; k < mm.paths.size(); ++k) {
                    PathBinding& pb = mm.paths[k];
                    double spacing = pb.restLength / (K - 1);
                    double ratio = reach[k] / spacing;
                    pb.smoothing = std::clamp(static_cast<int>(std::ceil(1.2 * ratio)), kSmoothing, 24);
                    const auto& poly = (*rest.polylines)[static_cast<std::size_t>(pb.flat)];
                    buildTable(poly, pb, pb.restLength, pb.restNormal0, false, pb.rest);
                }
            }
            for (std::size_t v = 0; v < mesh.positions.size(); ++v) {
                Vec2 uv = mesh.uv1[v];
                int k = static_cast<int>(std::lround(uv.x));
                if (!std::isfinite(uv.x) || !std::isfinite(uv.y) || k < 0 || k >= static_cast<int>(mm.paths.size()))
                    return fail(muscle.id, "vertex " + std::to_string(v) + " names path " + core::formatNumber(uv.x) +
                                               " but the muscle has " + std::to_string(mm.paths.size()) + " path(s) in rig.json");
                double s = std::clamp(static_cast<double>(uv.y), 0.0, 1.0) * (K - 1);
                int j = std::min(static_cast<int>(s), K - 2);
                double fr = s - j;
                const Table& t = mm.paths[static_cast<std::size_t>(k)].rest;
                DVec3 p = glm::mix(t.point[static_cast<std::size_t>(j)], t.point[static_cast<std::size_t>(j + 1)], fr);
                DMat3 F = t.frame[static_cast<std::size_t>(j)] * (1.0 - fr) + t.frame[static_cast<std::size_t>(j + 1)] * fr;
                DMat3 Fi = glm::inverse(F);
                MuscleVertex& mv = mm.vertices[v];
                mv.path = k;
                mv.sample = j;
                mv.frac = static_cast<float>(fr);
                mv.offset = toF(Fi * (toD(mesh.positions[v]) - p));
                DVec3 n = v < mesh.normals.size() ? toD(mesh.normals[v]) : DVec3(0, 1, 0);
                mv.normal = toF(Fi * n);
            }
        }
        m_muscles.push_back(std::move(mm));
    }
    // Discs.
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
        m_discs.push_back(std::move(b));
    }
    // Diaphragm.
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
        b.restPositions = mesh.positions;
        b.restNormals = mesh.normals;
        b.restNormals.resize(mesh.positions.size(), Vec3(0, 1, 0));
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
            if (region < 0.5f || levels.empty()) continue;
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
        m_diaphragm.push_back(std::move(b));
    }
    m_bound = true;
    return core::Status::success();
}

void MeshDeformer::deform(anatomy::Model& model, const DeformPose& pose) const
{
    if (!m_bound) return;
    const int K = kSamples;
    const auto& bodies = *pose.bodyWorld;
    for (const MuscleMesh& mm : m_muscles) {
        for (const PathBinding& pb : mm.paths) {
            const auto& poly = (*pose.polylines)[static_cast<std::size_t>(pb.flat)];
            double len = (*pose.lengths)[static_cast<std::size_t>(pb.flat)];
            DVec3 n0 = bodies[static_cast<std::size_t>(pb.originBody)].rotate(pb.restNormal0);
            buildTable(poly, pb, len, n0, true, pb.posed);
            pb.fPoint.resize(K);
            pb.fFrame.resize(K);
            pb.fScale.resize(K);
            for (std::size_t j = 0; j < static_cast<std::size_t>(K); ++j) {
                pb.fPoint[j] = toF(pb.posed.point[j]);
                pb.fFrame[j] = Mat3(pb.posed.frame[j]);
                pb.fScale[j] = static_cast<float>(pb.posed.scale[j]);
            }
        }
        anatomy::MeshData& mesh = model.meshes[static_cast<std::size_t>(mm.mesh)];
        mesh.normals.resize(mesh.positions.size());
        for (std::size_t v = 0; v < mm.vertices.size(); ++v) {
            const MuscleVertex& mv = mm.vertices[v];
            const PathBinding& pb = mm.paths[static_cast<std::size_t>(mv.path)];
            std::size_t j = static_cast<std::size_t>(mv.sample);
            const float f = mv.frac, g = 1.0f - f;
            Vec3 p = pb.fPoint[j] * g + pb.fPoint[j + 1] * f;
            const Mat3& A = pb.fFrame[j];
            const Mat3& B = pb.fFrame[j + 1];
            Mat3 F(A[0] * g + B[0] * f, A[1] * g + B[1] * f, A[2] * g + B[2] * f);
            float r = pb.fScale[j] * g + pb.fScale[j + 1] * f;
            mesh.positions[v] = p + F * Vec3(mv.offset.x, mv.offset.y * r, mv.offset.z * r);
            Vec3 n = F * Vec3(mv.normal.x, mv.normal.y / r, mv.normal.z / r);
            float len2 = glm::dot(n, n);
            mesh.normals[v] = len2 > 0.0f ? n * (1.0f / std::sqrt(len2)) : Vec3(0, 1, 0);
        }
        ++mesh.version;
    }
    auto blend = [&](const BlendMesh& b, bool diaphragm) {
        anatomy::MeshData& mesh = model.meshes[static_cast<std::size_t>(b.mesh)];
        double descent = m_breathing.domeExcursionAt100 * (pose.breathing - m_breathing.restPercent) / 100.0;
        const Rigid* t12 = m_t12Body >= 0 ? &bodies[static_cast<std::size_t>(m_t12Body)] : nullptr;
        mesh.normals.resize(mesh.positions.size());
        for (std::size_t v = 0; v < b.restPositions.size(); ++v) {
            DVec3 x = toD(b.restPositions[v]), n = toD(b.restNormals[v]);
            const Rigid& A = bodies[static_cast<std::size_t>(b.bodyA[v])];
            const Rigid& B = bodies[static_cast<std::size_t>(b.bodyB[v])];
            double t = b.t[v];
            DVec3 pos = A.apply(x) * (1.0 - t) + B.apply(x) * t;
            DVec3 nor = A.rotate(n) * (1.0 - t) + B.rotate(n) * t;
            if (diaphragm && t12) {
                double w = b.dome[v];
                DVec3 domePos = t12->apply(x - DVec3(0.0, descent * w, 0.0));
                if (b.region[v] < 0.5f) {
                    pos = domePos;
                    nor = t12->rotate(n);
                } else {
                    pos = pos * (1.0 - w) + domePos * w;
                    nor = nor * (1.0 - w) + t12->rotate(n) * w;
                }
            }
            mesh.positions[v] = toF(pos);
            double nl = glm::length(nor);
            mesh.normals[v] = nl > 0 ? toF(nor / nl) : Vec3(0, 1, 0);
        }
        ++mesh.version;
    };
    for (const BlendMesh& b : m_discs) blend(b, false);
    for (const BlendMesh& b : m_diaphragm) blend(b, true);
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

} // namespace psoas::solver
