// Solver timings: one full pose update (standing solve, all paths, measures, deformation of
// every bound mesh), the update alone, the standing solve alone, and the readings table.
// Uses assets/models/rig.json (the fixture rig when it is missing) and the built model when
// it loads; otherwise synthetic muscle tubes of a similar size.
#include "solver/Kinematics.h"
#include "solver/StandingSolver.h"

#include <benchmark/benchmark.h>

#include <cmath>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "io/ModelLoader.h"

using namespace psoas;
using namespace psoas::solver;

namespace {

std::string rigPath()
{
    std::string real = std::string(PSOAS_ASSETS_DIR) + "/models/rig.json";
    return std::filesystem::exists(real) ? real : std::string(PSOAS_TEST_DATA_DIR) + "/solver/rig_fixture.json";
}

Kinematics& kinematics()
{
    static std::unique_ptr<Kinematics> k;
    if (!k) {
        auto r = Kinematics::loadFiles(rigPath(), std::string(PSOAS_ASSETS_DIR) + "/models/coordinates.json",
                                       std::string(PSOAS_ASSETS_DIR) + "/poses");
        if (!r) std::abort();
        k = std::make_unique<Kinematics>(std::move(*r));
    }
    return *k;
}

// A tube of rings x segments around every path of every muscle (about 60k vertices).
anatomy::Model syntheticModel(const Kinematics& k)
{
    anatomy::Model model;
    const int rings = 60, segments = 20;
    for (const auto& muscle : k.muscleIds(false)) {
        anatomy::MeshData mesh;
        std::vector<std::string> paths;
        for (const auto& id : k.muscleIds(true))
            if (id.rfind(muscle + ".", 0) == 0) paths.push_back(id);
        if (paths.empty()) paths.push_back(muscle);
        for (std::size_t p = 0; p < paths.size(); ++p) {
            auto poly = k.pathPolyline(paths[p]);
            auto base = static_cast<std::uint32_t>(mesh.positions.size());
            for (int r = 0; r < rings; ++r) {
                float s = static_cast<float>(r) / (rings - 1);
                float x = s * static_cast<float>(poly.size() - 1);
                auto i = std::min(static_cast<std::size_t>(x), poly.size() - 2);
                Vec3 c = glm::mix(poly[i], poly[i + 1], x - static_cast<float>(i));
                for (int j = 0; j < segments; ++j) {
                    float a = 6.2831853f * static_cast<float>(j) / segments;
                    mesh.positions.push_back(c + Vec3(std::cos(a), 0.0f, std::sin(a)) * 0.01f);
                    mesh.uv1.push_back(Vec2(static_cast<float>(p), s));
                }
            }
            for (std::uint32_t r = 0; r + 1 < rings; ++r)
                for (std::uint32_t j = 0; j < segments; ++j) {
                    std::uint32_t a = base + r * segments + j, b = base + r * segments + (j + 1) % segments;
                    mesh.indices.insert(mesh.indices.end(), {a, b, b + segments, a, b + segments, a + segments});
                }
        }
        mesh.recomputeNormals();
        mesh.name = muscle;
        anatomy::ModelNode node;
        node.name = muscle;
        node.meshes.push_back(static_cast<int>(model.meshes.size()));
        model.meshes.push_back(std::move(mesh));
        model.nodes.push_back(node);
    }
    return model;
}

anatomy::Model& model()
{
    static std::unique_ptr<anatomy::Model> m;
    if (!m) {
        auto loaded = io::loadModel(std::string(PSOAS_ASSETS_DIR) + "/models/lumbopelvic.glb");
        if (loaded && kinematics().bind(*loaded).ok()) m = std::make_unique<anatomy::Model>(std::move(*loaded));
        if (!m) {
            m = std::make_unique<anatomy::Model>(syntheticModel(kinematics()));
            if (!kinematics().bind(*m).ok()) std::abort();
        }
    }
    return *m;
}

std::size_t boundVertices(const anatomy::Model& m)
{
    std::size_t n = 0;
    for (const auto& mesh : m.meshes) n += mesh.positions.size();
    return n;
}

void BM_FullUpdate(benchmark::State& state)
{
    Kinematics& k = kinematics();
    anatomy::Model& m = model();
    k.setMode(Mode::Standing);
    double t = 0;
    for (auto _ : state) {
        t = std::fmod(t + 0.37, 30.0);
        (void)k.setCoordinate("pelvis_tilt", t - 15.0);
        (void)k.setCoordinate("breathing", t * 3.0);
        benchmark::DoNotOptimize(k.update());
        k.deform(m);
    }
    state.counters["vertices"] = static_cast<double>(boundVertices(m));
    state.counters["deformed"] = static_cast<double>(k.deformer().boundVertexCount());
}
BENCHMARK(BM_FullUpdate)->Unit(benchmark::kMicrosecond);

void BM_UpdateWithoutMeshes(benchmark::State& state)
{
    Kinematics& k = kinematics();
    k.setMode(Mode::Free);
    double t = 0;
    for (auto _ : state) {
        t = std::fmod(t + 0.37, 120.0);
        (void)k.setCoordinate("hip_flexion_r", t);
        benchmark::DoNotOptimize(k.update());
    }
}
BENCHMARK(BM_UpdateWithoutMeshes)->Unit(benchmark::kMicrosecond);

void BM_StandingSolve(benchmark::State& state)
{
    const Kinematics& k = kinematics();
    auto table = CoordinateTable::load(std::string(PSOAS_ASSETS_DIR) + "/models/coordinates.json");
    auto sk = Skeleton::create(k.rig(), *table);
    if (!table || !sk) std::abort();
    CoordValues v = table->defaults();
    double t = 0;
    for (auto _ : state) {
        t = std::fmod(t + 0.37, 40.0);
        v[PelvisTilt] = t - 20.0;
        v[PelvisObliquity] = 0.3 * (t - 20.0);
        v[PelvisRotation] = 0.2 * (t - 20.0);
        benchmark::DoNotOptimize(StandingSolver::solve(*sk, *table, v));
    }
}
BENCHMARK(BM_StandingSolve)->Unit(benchmark::kMicrosecond);

void BM_ReadingsWithMomentArms(benchmark::State& state)
{
    Kinematics& k = kinematics();
    (void)k.update();
    for (auto _ : state) benchmark::DoNotOptimize(k.readings());
}
BENCHMARK(BM_ReadingsWithMomentArms)->Unit(benchmark::kMicrosecond);


// A 141-point length sweep (hip_flexion_r -20..120 step 1, psoas_major_r length at each
// point) done as the length plot did it before solve(): copy the solver, hold every
// coordinate, then setCoordinate + update + readings per point. Kept so that the copy path
// and the pure path are measured in the same run.
void BM_Sweep141_CopySolver(benchmark::State& state)
{
    const Kinematics& live = kinematics();
    (void)model(); // bound, as in the app: the copy carries the deformer's bindings
    double sum = 0.0;
    for (auto _ : state) {
        Kinematics k = live;
        std::vector<std::pair<std::string, double>> held;
        for (const auto& c : k.coordinates()) held.emplace_back(c.name, k.coordinate(c.name));
        k.setMode(Mode::Free);
        for (const auto& [name, v] : held) (void)k.setCoordinate(name, v);
        for (int i = 0; i <= 140; ++i) {
            (void)k.setCoordinate("hip_flexion_r", -20.0 + i);
            (void)k.update();
            for (const auto& r : k.readings())
                if (r.id == "psoas_major_r") {
                    sum += r.lengthMm;
                    break;
                }
        }
        benchmark::DoNotOptimize(sum);
    }
}
BENCHMARK(BM_Sweep141_CopySolver)->Unit(benchmark::kMicrosecond);

// The same sweep through the pure solver: one Pose, solveInto() with lengths only into one
// reused result, no solver or model copy (as LengthSweep does it now).
void BM_Sweep141(benchmark::State& state)
{
    const Kinematics& live = kinematics();
    (void)model();
    double sum = 0.0;
    PoseResult r;
    for (auto _ : state) {
        Pose pose{Mode::Free, live.result().values};
        for (int i = 0; i <= 140; ++i) {
            (void)pose.set(live.table(), "hip_flexion_r", -20.0 + i);
            live.solveInto(pose, r, SolveParts::lengthsOnly());
            sum += live.lengthOf(r, "psoas_major_r") * 1000.0;
        }
        benchmark::DoNotOptimize(sum);
    }
}
BENCHMARK(BM_Sweep141)->Unit(benchmark::kMicrosecond);

} // namespace

BENCHMARK_MAIN();
