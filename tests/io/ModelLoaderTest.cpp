#include "io/ModelLoader.h"
#include "io/PngWriter.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

using namespace psoas;

static std::string data(const std::string& name) { return std::string(PSOAS_TEST_DATA_DIR) + "/io/" + name; }

TEST_CASE("A glTF loads with node names, hierarchy and extras", "[io]")
{
    for (const char* file : {"cube.glb", "cube.gltf"}) {
        INFO(file);
        auto r = io::loadModel(data(file));
        REQUIRE(r.ok());
        const auto& m = r.value();
        int pelvis = m.findNode("pelvis");
        int cube = m.findNode("cube");
        REQUIRE(pelvis >= 0);
        REQUIRE(cube >= 0);
        CHECK(m.nodes[std::size_t(cube)].parent == pelvis);
        REQUIRE(m.nodes[std::size_t(cube)].meshes.size() == 1);
        CHECK(m.triangleCount() == 12);
        CHECK(m.nodes[std::size_t(cube)].extras.count("structure") == 1);
        Vec3 p = Vec3(m.restWorld(cube)[3]);
        CHECK(p.x == Approx(0.2f));
        CHECK(p.y == Approx(0.1f));
    }
}

TEST_CASE("Other formats assimp reads load too (OBJ)", "[io]")
{
    auto r = io::loadModel(data("tetra.obj"));
    REQUIRE(r.ok());
    CHECK(r->triangleCount() == 4);
    CHECK(r->meshes[0].normals.size() == r->meshes[0].positions.size());
}

TEST_CASE("Bad model files give an error that names the file, never a crash", "[io]")
{
    struct Case { std::string path; const char* expect; };
    const Case cases[] = {
        {data("missing.glb"), "does not exist"},
        {data("truncated.glb"), "damaged, truncated or not a model"},
        {data("garbage.glb"), "damaged, truncated or not a model"},
        {data("notes.txt"), "not a supported model format"},
        {std::string(PSOAS_TEST_DATA_DIR) + "/io", "folder"},
    };
    for (const auto& c : cases) {
        INFO(c.path);
        auto r = io::loadModel(c.path);
        REQUIRE_FALSE(r.ok());
        CHECK(r.message().find(c.path) != std::string::npos);
        CHECK(r.message().find(c.expect) != std::string::npos);
    }
    auto empty = io::loadModel("");
    CHECK_FALSE(empty.ok());
}

TEST_CASE("An empty file is reported as empty", "[io]")
{
    auto path = (std::filesystem::temp_directory_path() / "psoas_empty.glb").string();
    { std::ofstream(path).flush(); }
    auto r = io::loadModel(path);
    REQUIRE_FALSE(r.ok());
    CHECK(r.message().find("empty") != std::string::npos);
    std::filesystem::remove(path);
}

TEST_CASE("PNG writer rejects a wrong pixel count", "[io]")
{
    std::vector<std::uint8_t> px(10);
    CHECK_FALSE(io::writePng("/tmp/psoas_bad.png", 4, 4, px).ok());
}

TEST_CASE("Per-vertex tissue colours (COLOR_0) load, so the diaphragm's central tendon can be paler",
          "[io][model]")
{
    auto r = io::loadModel(std::string(PSOAS_ASSETS_DIR) + "/models/lumbopelvic.glb");
    REQUIRE(r.ok());
    const auto& m = r.value();
    int diaphragm = m.findNode("diaphragm");
    REQUIRE(diaphragm >= 0);
    REQUIRE_FALSE(m.nodes[std::size_t(diaphragm)].meshes.empty());
    const auto& mesh = m.meshes[std::size_t(m.nodes[std::size_t(diaphragm)].meshes.front())];
    REQUIRE(mesh.colors.size() == mesh.positions.size());
    std::size_t tendon = 0;
    for (const auto& c : mesh.colors) {
        CHECK(c.a >= 0.0f);
        CHECK(c.a <= 1.0f);
        if (c.a > 0.5f) ++tendon;
    }
    // The central tendon is a real part of the sheet, not a stray vertex or the whole dome.
    CHECK(tendon > mesh.positions.size() / 20);
    CHECK(tendon < mesh.positions.size() / 2);
    // Bones carry no colours: they use the catalog's.
    int femur = m.findNode("femur_l");
    REQUIRE(femur >= 0);
    CHECK(m.meshes[std::size_t(m.nodes[std::size_t(femur)].meshes.front())].colors.empty());
}
