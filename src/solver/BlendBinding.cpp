// MeshDeformer::bind: every mesh of the rig's muscles (MuscleBinding.cpp), and here the meshes
// that blend the motions of vertebrae: the discs (lower to upper vertebra) and the diaphragm
// (dome on T12, crura from their lumbar vertebra to the dome). See MeshDeformer.h.
#include "solver/MeshDeformer.h"

#include "solver/DeformMath.h"

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <utility>

namespace psoas::solver {

using deform::unit;

namespace {

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

// The first mesh of the model's node `name`, or -1.
int meshOf(const anatomy::Model& model, const std::string& name)
{
    int node = model.findNode(name);
    if (node < 0 || model.nodes[static_cast<std::size_t>(node)].meshes.empty()) return -1;
    return model.nodes[static_cast<std::size_t>(node)].meshes.front();
}

core::Status fail(const anatomy::Model& model, const std::string& mesh, const std::string& what)
{
    return core::Status(core::makeError(model.sourcePath + ": mesh \"" + mesh + "\": " + what +
                                        ". Rebuild the model (tools/modelbuilder) so that TEXCOORD_1 holds the solver binding."));
}

// T12's body: the body named t12, else the one below the joint j_t12_l1; -1 when neither.
int t12BodyOf(const RigData& rig)
{
    int t12Joint = rig.findJoint("j_t12_l1");
    int body = rig.findBody("t12");
    if (body < 0)
        for (std::size_t b = 0; b < rig.bodies.size(); ++b)
            if (rig.bodies[b].joint == t12Joint) body = static_cast<int>(b);
    return body;
}

// Vertebral bodies T12 to L5 by height (about each body's centre) for the crura.
std::vector<std::pair<double, int>> vertebralLevels(const RigData& rig)
{
    std::vector<std::pair<double, int>> levels;
    for (const char* name : {"t12", "l1", "l2", "l3", "l4", "l5"}) {
        int b = rig.findBody(name);
        if (b < 0) continue;
        const RigJoint& j = rig.joints[static_cast<std::size_t>(rig.bodies[static_cast<std::size_t>(b)].joint)];
        levels.push_back({j.position.y + 0.018, b}); // about the body centre, above its lower disc
    }
    std::sort(levels.begin(), levels.end());
    return levels;
}

// Adds the bodies of `a` and `b` to `used`, which ends sorted and without repeats.
void addUsedBodies(const std::vector<int>& a, const std::vector<int>& b, std::vector<int>& used)
{
    for (int x : a) used.push_back(x);
    for (int x : b) used.push_back(x);
    std::sort(used.begin(), used.end());
    used.erase(std::unique(used.begin(), used.end()), used.end());
}

} // namespace

core::Status MeshDeformer::bind(const anatomy::Model& model, const RigData& rig, const CoordinateTable& table,
                                const std::vector<std::vector<int>>& flatPath, const DeformPose& rest)
{
    m_muscles.clear();
    m_blends.clear();
    m_bound = false;
    static std::uint64_t serials = 0;
    m_bindSerial = ++serials;
    m_breathing = table.breathing();
    m_t12Body = t12BodyOf(rig);
    for (std::size_t m = 0; m < rig.muscles.size(); ++m) {
        int mi = meshOf(model, rig.muscles[m].id);
        if (mi < 0) continue; // no mesh for this muscle: nothing to deform
        auto st = bindMuscle(model, rig.muscles[m], mi, flatPath[m], rest);
        if (!st) return st;
    }
    for (const RigDisc& d : rig.discs) {
        int mi = meshOf(model, d.id);
        if (mi < 0) continue;
        auto st = bindDisc(model, d, mi);
        if (!st) return st;
    }
    int di = meshOf(model, "diaphragm");
    if (di >= 0 && m_t12Body >= 0) {
        auto st = bindDiaphragm(model, rig, di);
        if (!st) return st;
    }
    m_bound = true;
    return core::Status::success();
}

core::Status MeshDeformer::bindDisc(const anatomy::Model& model, const RigDisc& d, int mi)
{
    const anatomy::MeshData& mesh = model.meshes[static_cast<std::size_t>(mi)];
    if (mesh.uv1.size() != mesh.positions.size()) return fail(model, d.id, "has no TEXCOORD_1 per vertex");
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
        for (float& t : b.t) t = 1.0f - t; // t = 0 must be the lower endplate (as s in bindMuscle)
    addUsedBodies(b.bodyA, b.bodyB, b.usedBodies);
    m_blends.push_back(std::move(b));
    return core::Status::success();
}

core::Status MeshDeformer::bindDiaphragm(const anatomy::Model& model, const RigData& rig, int di)
{
    const anatomy::MeshData& mesh = model.meshes[static_cast<std::size_t>(di)];
    if (mesh.uv1.size() != mesh.positions.size()) return fail(model, "diaphragm", "has no TEXCOORD_1 per vertex");
    const std::vector<std::pair<double, int>> levels = vertebralLevels(rig);
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
    for (std::size_t v = 0; v < n; ++v) { // crura: between the vertebrae at their height
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
    addUsedBodies(b.bodyA, b.bodyB, b.usedBodies);
    m_blends.push_back(std::move(b));
    return core::Status::success();
}

} // namespace psoas::solver
