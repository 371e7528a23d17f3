#include "SolverTestUtil.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <random>

#include "io/ModelLoader.h"
#include <filesystem>

using namespace psoas;
using namespace psoas::solver;

namespace {

const char* kMuscles[] = {"psoas_major_r", "iliacus_r", "psoas_minor_l", "rectus_femoris_l"};

anatomy::Model syntheticModel(const Kinematics& k, int rings = 40, int segments = 16)
{
    anatomy::Model model;
    model.sourcePath = "synthetic";
    test::addTubeMesh(model, k, "psoas_major_r", 0.012f, rings, segments);
    test::addTubeMesh(model, k, "iliacus_r", 0.02f, rings, segments);
    test::addTubeMesh(model, k, "psoas_minor_l", 0.006f, rings, segments);
    test::addTubeMesh(model, k, "rectus_femoris_l", 0.015f, rings, segments);
    test::addDiscMesh(model, "disc_l4_l5", Vec3(0, 0.177f, -0.022f), Vec3(0, 0.189f, -0.021f), 0.02f);
    test::addDiaphragmMesh(model, Vec3(0, 0.45f, 0.0f), 0.12f, 0.09f, 0.24f);
    return model;
}

const anatomy::MeshData& meshOf(const anatomy::Model& m, const std::string& name)
{
    return m.meshes[static_cast<std::size_t>(m.nodes[static_cast<std::size_t>(m.findNode(name))].meshes.front())];
}

// Mean distance of ring `r` (segments vertices) of path 0 from its centroid.
double ringRadius(const anatomy::MeshData& mesh, int ring, int segments = 16)
{
    Vec3 c(0.0f);
    for (int j = 0; j < segments; ++j) c += mesh.positions[static_cast<std::size_t>(ring * segments + j)];
    c /= static_cast<float>(segments);
    double r = 0;
    for (int j = 0; j < segments; ++j) r += glm::length(mesh.positions[static_cast<std::size_t>(ring * segments + j)] - c);
    return r / segments;
}

} // namespace

TEST_CASE("Binding then deforming at neutral reproduces the rest meshes", "[solver][deform]")
{
    Kinematics k = test::loadFixture();
    anatomy::Model model = syntheticModel(k);
    const anatomy::Model rest = model;
    REQUIRE(k.bind(model).ok());
    CHECK(k.deformer().boundMeshCount() == 6);
    k.deform(model);
    for (std::size_t m = 0; m < model.meshes.size(); ++m) {
        INFO(model.meshes[m].name);
        CHECK(model.meshes[m].version == rest.meshes[m].version + 1);
        for (std::size_t v = 0; v < model.meshes[m].positions.size(); ++v)
            CHECK(glm::length(model.meshes[m].positions[v] - rest.meshes[m].positions[v]) < 1e-5f);
    }
    CHECK(k.deformer().countInvertedTriangles(model) == 0);
}

TEST_CASE("The belly thickens as the muscle shortens, the tendon stays thin, volume is kept", "[solver][deform]")
{
    Kinematics k = test::loadFixture();
    anatomy::Model model = syntheticModel(k);
    REQUIRE(k.bind(model).ok());
    k.deform(model);
    const anatomy::MeshData& psoas = meshOf(model, "psoas_major_r");
    const int bellyRing = 12, tendonRing = 36; // of 40: s = 0.31 and 0.92
    double belly0 = ringRadius(psoas, bellyRing), tendon0 = ringRadius(psoas, tendonRing);
    double vol0 = std::abs(test::meshVolume(psoas));
    const double t12Rest = k.lengthOf("psoas_major_r.t12");
    REQUIRE(k.setCoordinate("hip_flexion_r", 100).ok());
    REQUIRE(k.update().ok());
    k.deform(model);
    CHECK(k.lengthOf("psoas_major_r.t12") < 0.95 * t12Rest);
    CHECK(ringRadius(psoas, bellyRing) > belly0 * 1.04);
    CHECK(ringRadius(psoas, tendonRing) == Approx(tendon0).epsilon(0.03));
    CHECK(std::abs(test::meshVolume(psoas)) == Approx(vol0).epsilon(0.05));
    // stretched: thinner belly
    REQUIRE(k.setCoordinate("hip_flexion_r", -30).ok());
    REQUIRE(k.update().ok());
    k.deform(model);
    CHECK(ringRadius(psoas, bellyRing) < belly0);
    CHECK(std::abs(test::meshVolume(psoas)) == Approx(vol0).epsilon(0.05));
}

TEST_CASE("Discs blend between their vertebrae", "[solver][deform]")
{
    Kinematics k = test::loadFixture();
    anatomy::Model model = syntheticModel(k);
    const anatomy::Model rest = model;
    REQUIRE(k.bind(model).ok());
    REQUIRE(k.setCoordinate("lumbar_flexion", 40).ok());
    REQUIRE(k.setCoordinate("lumbar_bending", 15).ok());
    REQUIRE(k.update().ok());
    k.deform(model);
    const auto& disc = meshOf(model, "disc_l4_l5");
    const auto& disc0 = meshOf(rest, "disc_l4_l5");
    Mat4 lower = k.bodyDelta("l5"), upper = k.bodyDelta("l4");
    for (std::size_t v = 0; v < disc.positions.size(); ++v) {
        float t = disc0.uv1[v].y;
        Vec3 expected = glm::mix(Vec3(lower * Vec4(disc0.positions[v], 1.0f)), Vec3(upper * Vec4(disc0.positions[v], 1.0f)), t);
        CHECK(glm::length(disc.positions[v] - expected) < 1e-5f);
    }
}

TEST_CASE("The diaphragm dome descends with breathing and the crura stay on the vertebrae", "[solver][deform]")
{
    Kinematics k = test::loadFixture();
    anatomy::Model model = syntheticModel(k);
    const anatomy::Model rest = model;
    REQUIRE(k.bind(model).ok());
    const auto& d0 = meshOf(rest, "diaphragm");
    const auto& d = meshOf(model, "diaphragm");
    auto topY = [&]() { return static_cast<double>(d.positions[0].y); }; // ring 0 = dome top, w = 1
    struct Row {
        double breathing, minCm, maxCm;
    };
    for (const Row& r : {Row{25, 1.5, 2.0}, Row{100, 6.0, 7.0}, Row{0, -0.001, 0.001}}) {
        REQUIRE(k.setCoordinate("breathing", r.breathing).ok());
        REQUIRE(k.update().ok());
        k.deform(model);
        double descentCm = (d0.positions[0].y - topY()) * 100.0;
        INFO("breathing " << r.breathing);
        CHECK(descentCm >= r.minCm);
        CHECK(descentCm <= r.maxCm);
        // the rim (w = 0) does not move
        CHECK(glm::length(d.positions[8 * 24] - d0.positions[8 * 24]) < 1e-5f);
    }
    // crura: bottom vertex (w = 0) moves with its lumbar vertebra when the spine flexes
    REQUIRE(k.setCoordinate("lumbar_flexion", 45).ok());
    REQUIRE(k.update().ok());
    k.deform(model);
    std::size_t crusBottom = 9 * 24 + 20; // first crus strip, i = 10 (w = 0), first edge
    REQUIRE(d0.uv1[crusBottom].x == 1.0f);
    REQUIRE(d0.uv1[crusBottom].y == 0.0f);
    Vec3 p0 = d0.positions[crusBottom];
    // It lies between L2 and L3 body centres in the fixture: must be within the span of their motions.
    Vec3 a = Vec3(k.bodyDelta("l2") * Vec4(p0, 1.0f)), b = Vec3(k.bodyDelta("l3") * Vec4(p0, 1.0f));
    Vec3 l1 = Vec3(k.bodyDelta("l1") * Vec4(p0, 1.0f));
    float toSeg = std::min(glm::length(d.positions[crusBottom] - a), glm::length(d.positions[crusBottom] - b));
    CHECK((toSeg < glm::length(a - b) + 1e-4f || glm::length(d.positions[crusBottom] - l1) < 1e-3f));
    CHECK(glm::length(d.positions[crusBottom] - p0) > 0.002f); // it did move with the spine
}

TEST_CASE("100,000 random poses within limits: no NaN, no inverted triangle, volume within 5 %", "[solver][deform][random]")
{
    Kinematics k = test::loadFixture();
    anatomy::Model model = syntheticModel(k, 20, 10); // coarser tubes: 100,000 poses must stay quick
    REQUIRE(k.bind(model).ok());
    k.deform(model);
    std::vector<double> vol0;
    for (const char* m : kMuscles) vol0.push_back(std::abs(test::meshVolume(meshOf(model, m))));
    std::mt19937 rng(20261121u);
    std::size_t failures = 0;
    double worstVolume = 0.0;
    for (int i = 0; i < 100000; ++i) {
        for (const auto& c : k.coordinates()) {
            std::uniform_real_distribution<double> dist(c.min, c.max);
            REQUIRE(k.setCoordinate(c.name, dist(rng)).ok());
        }
        REQUIRE(k.update().ok());
        k.deform(model);
        bool ok = true;
        std::string why;
        for (std::size_t m = 0; m < model.meshes.size(); ++m)
            if (!test::allFinite(model.meshes[m])) {
                ok = false;
                why += " NaN in " + model.meshes[m].name;
            }
        std::string where;
        if (std::size_t inv = k.deformer().countInvertedTriangles(model, &where)) {
            ok = false;
            why += " " + std::to_string(inv) + " inverted triangles:" + where;
        }
        for (std::size_t m = 0; m < std::size(kMuscles); ++m) {
            double ratio = std::abs(test::meshVolume(meshOf(model, kMuscles[m]))) / vol0[m];
            worstVolume = std::max(worstVolume, std::abs(ratio - 1.0));
            if (std::abs(ratio - 1.0) > 0.05) {
                ok = false;
                why += std::string(" volume of ") + kMuscles[m] + " x" + std::to_string(ratio);
            }
        }
        if (i % 50 == 0)
            for (const auto& r : k.readings("hip_flexion_r")) ok = ok && std::isfinite(r.lengthMm) && std::isfinite(r.momentArmMm);
        if (!ok && ++failures <= 3) {
            std::string pose;
            for (const auto& c : k.coordinates()) pose += " " + c.name + "=" + std::to_string(k.coordinate(c.name));
            FAIL_CHECK("pose " << i << ":" << why << " at" << pose);
        }
        if (i % 997 == 0) k.resetCoordinates(); // also visit the neutral pose now and then
    }
    INFO("worst volume change " << worstVolume);
    CHECK(failures == 0);
    CHECK(worstVolume <= 0.05);
}

TEST_CASE("Binding refuses meshes without the solver's TEXCOORD_1 binding", "[solver][deform]")
{
    Kinematics k = test::loadFixture();
    anatomy::Model model = syntheticModel(k);
    auto& psoas = model.meshes[static_cast<std::size_t>(model.nodes[static_cast<std::size_t>(model.findNode("psoas_major_r"))].meshes[0])];
    auto saved = psoas.uv1;
    psoas.uv1.clear();
    auto st = k.bind(model);
    REQUIRE_FALSE(st.ok());
    CHECK_THAT(st.message(), Catch::Contains("psoas_major_r"));
    CHECK_THAT(st.message(), Catch::Contains("TEXCOORD_1"));
    psoas.uv1 = saved;
    psoas.uv1[5].x = 14.0f; // path 14 does not exist
    st = k.bind(model);
    REQUIRE_FALSE(st.ok());
    CHECK_THAT(st.message(), Catch::Contains("path 14"));
}

namespace {

// Mean distance from their centroid of the vertices of `mesh` on path `path` whose s is the
// swept ring nearest to `s` (the builder sweeps rings of equal s).
double realRingRadius(const anatomy::MeshData& rest, const anatomy::MeshData& now, float path, float s)
{
    float best = 2.0f;
    for (const Vec2& uv : rest.uv1)
        if (uv.x == path && std::abs(uv.y - s) < std::abs(best - s)) best = uv.y;
    Vec3 c(0.0f);
    int n = 0;
    for (std::size_t v = 0; v < rest.uv1.size(); ++v)
        if (rest.uv1[v].x == path && rest.uv1[v].y == best) {
            c += now.positions[v];
            ++n;
        }
    if (n == 0) return 0.0;
    c /= static_cast<float>(n);
    double r = 0.0;
    for (std::size_t v = 0; v < rest.uv1.size(); ++v)
        if (rest.uv1[v].x == path && rest.uv1[v].y == best) r += glm::length(now.positions[v] - c);
    return r / n;
}

bool loadBuiltModel(anatomy::Model& model)
{
    namespace fs = std::filesystem;
    std::string glb = test::assetsDir() + "/models/lumbopelvic.glb";
    if (!fs::exists(glb) || !test::exists(test::realRig())) return false;
    auto loaded = io::loadModel(glb);
    INFO((loaded.ok() ? std::string() : loaded.message()));
    REQUIRE(loaded.ok());
    model = std::move(*loaded);
    return true;
}

} // namespace

TEST_CASE("The built model binds and deforms in every preset", "[solver][deform][real-rig]")
{
    anatomy::Model model;
    if (!loadBuiltModel(model)) return;
    const anatomy::Model rest = model;
    Kinematics k = test::loadWith(test::realRig());
    auto st = k.bind(model);
    INFO(st.message());
    REQUIRE(st.ok());
    CHECK(k.deformer().boundMeshCount() > 0);
    k.deform(model);
    CHECK(k.deformer().countInvertedTriangles(model) == 0);
    for (std::size_t m = 0; m < model.meshes.size(); ++m)
        for (std::size_t v = 0; v < model.meshes[m].positions.size(); ++v)
            REQUIRE(glm::length(model.meshes[m].positions[v] - rest.meshes[m].positions[v]) < 1e-4f);
    std::vector<std::pair<std::size_t, double>> volumes; // muscle meshes and their rest volume
    for (const auto& id : k.muscleIds(false)) {
        int node = model.findNode(id);
        if (node < 0 || model.nodes[static_cast<std::size_t>(node)].meshes.empty()) continue;
        auto mi = static_cast<std::size_t>(model.nodes[static_cast<std::size_t>(node)].meshes.front());
        volumes.push_back({mi, std::abs(test::meshVolume(rest.meshes[mi]))});
    }
    CHECK(volumes.size() >= 8);
    for (const auto& name : k.presetNames()) {
        INFO(name);
        (void)k.applyPreset(name);
        k.deform(model);
        for (const auto& mesh : model.meshes) CHECK(test::allFinite(mesh));
        std::string where;
        std::size_t inverted = k.deformer().countInvertedTriangles(model, &where);
        INFO("inverted:" << where);
        CHECK(inverted == 0);
        for (const auto& [mi, v0] : volumes) {
            INFO(model.meshes[mi].name);
            CHECK(std::abs(test::meshVolume(model.meshes[mi])) == Approx(v0).epsilon(0.05));
        }
    }
}

TEST_CASE("On the built model the psoas belly thickens as it shortens and its tendon stays thin", "[solver][deform][real-rig]")
{
    anatomy::Model model;
    if (!loadBuiltModel(model)) return;
    const anatomy::Model rest = model;
    Kinematics k = test::loadWith(test::realRig());
    REQUIRE(k.bind(model).ok());
    const auto& r0 = meshOf(rest, "psoas_major_r");
    const auto& now = meshOf(model, "psoas_major_r");
    k.deform(model);
    // Loaders may hand TEXCOORD_1 over as (u, 1 - v): find which end of path 0 is the
    // insertion (the lowest), then take the belly at 45 % and the tendon at 95 % from the origin.
    float lowY[2] = {0.0f, 0.0f};
    for (std::size_t v = 0; v < r0.uv1.size(); ++v)
        if (r0.uv1[v].x == 0.0f && (r0.uv1[v].y == 0.0f || r0.uv1[v].y == 1.0f))
            lowY[r0.uv1[v].y == 0.0f ? 0 : 1] += r0.positions[v].y;
    const bool flipped = lowY[0] < lowY[1];
    const float sBelly = flipped ? 0.55f : 0.45f, sTendon = flipped ? 0.05f : 0.95f;
    const double belly0 = realRingRadius(r0, now, 0.0f, sBelly), tendon0 = realRingRadius(r0, now, 0.0f, sTendon);
    REQUIRE(belly0 > 0.005);
    REQUIRE(tendon0 > 0.0);
    REQUIRE(k.applyPreset("sitting").ok());
    k.deform(model);
    CHECK(realRingRadius(r0, now, 0.0f, sBelly) > belly0 * 1.05);
    CHECK(realRingRadius(r0, now, 0.0f, sTendon) == Approx(tendon0).epsilon(0.05));
    REQUIRE(k.applyPreset("kneeling_lunge").ok()); // right hip in extension: stretched
    k.deform(model);
    CHECK(realRingRadius(r0, now, 0.0f, sBelly) < belly0);
    CHECK(realRingRadius(r0, now, 0.0f, sTendon) == Approx(tendon0).epsilon(0.05));
}
