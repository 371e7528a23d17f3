// The `--render` command as scripts use it: option values, exit codes and the image it writes.
#include "app/Document.h"
#include "app/CommandLine.h"
#include "app/RenderCommand.h"
#include "core/AtomicFile.h"
#include "scene/OrbitCamera.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <sstream>

using namespace psoas::app;

TEST_CASE("Render option --samples accepts 1, 2, 4 and 8 and names anything else", "[app][render-command]")
{
    int samples = 0;
    for (int n : {1, 2, 4, 8}) {
        REQUIRE(parseSamples(std::to_string(n), samples).ok());
        CHECK(samples == n);
    }
    for (const char* bad : {"", "0", "3", "16", "four", "4x", "-4", "nan"}) {
        INFO(bad);
        samples = 4;
        auto s = parseSamples(bad, samples);
        REQUIRE_FALSE(s.ok());
        CHECK(s.message().find("--samples '" + std::string(bad) + "'") != std::string::npos);
        CHECK(samples == 4);
    }
}

TEST_CASE("Render command writes a PNG, and a posed document renders with the model in frame", "[app][render-command][gl]")
{
    namespace fs = std::filesystem;
    const fs::path out = fs::temp_directory_path() / "psoas-render-command-test.png";
    fs::remove(out);
    RenderRequest r;
    r.output = out.string();
    r.width = 320;
    r.height = 240;
    r.samples = 1;
    r.pose = "sitting";
    r.view = "right";
    std::ostringstream err;
    REQUIRE(runRenderCommand(r, err) == 0);
    INFO(err.str());
    REQUIRE(fs::exists(out));
    auto bytes = psoas::core::readFile(out.string());
    REQUIRE(bytes);
    CHECK(bytes.value().compare(1, 3, "PNG") == 0);

    auto doc = Document::open(Document::defaultModelPath(), Document::defaultCatalogPath());
    REQUIRE(doc);
    std::ostringstream notes;
    REQUIRE(applyPoseRequest(*doc.value(), "sitting", "", {}, notes).ok());
    auto pixels = renderDocument(*doc.value(), "right", 320, 240, 1);
    REQUIRE(pixels);
    // The model covers a good part of the frame (not just background).
    std::size_t different = 0;
    const auto& px = pixels.value();
    for (std::size_t i = 0; i + 3 < px.size(); i += 4)
        if (px[i] > 120 && px[i + 1] > 100) ++different; // ivory bone or red muscle, not the dark background
    CHECK(different > px.size() / 4 / 50);
    fs::remove(out);
}

TEST_CASE("Render command reports a bad pose before touching the output file", "[app][render-command]")
{
    namespace fs = std::filesystem;
    RenderRequest r;
    r.output = (fs::temp_directory_path() / "psoas-render-command-never.png").string();
    r.pose = "cartwheel";
    std::ostringstream err;
    CHECK(runRenderCommand(r, err) == 2);
    CHECK(err.str().find("Unknown pose 'cartwheel'") != std::string::npos);
    CHECK_FALSE(fs::exists(r.output));
}

TEST_CASE("Render command hands the image and its camera to a decorator before writing, and reports its failure",
          "[app][render-command][gl]")
{
    namespace fs = std::filesystem;
    const fs::path out = fs::temp_directory_path() / "psoas-render-command-decorated.png";
    fs::remove(out);
    RenderRequest r;
    r.output = out.string();
    r.width = 200;
    r.height = 150;
    r.samples = 1;
    r.labels = true; // the decorator runs for --labels (and for shown marks)
    int calls = 0;
    // The decorator sees the rendered pixels at the request's size and a camera for that size
    // that shows the model's centre inside the image (what --labels needs to place labels).
    r.decorate = [&](std::vector<std::uint8_t>& rgba, int w, int h, const psoas::scene::OrbitCamera& camera,
                     const Document& doc, const ShownMarks& marks, bool labels, std::string&) {
        CHECK(labels);
        CHECK(marks.empty());
        ++calls;
        CHECK(w == 200);
        CHECK(h == 150);
        CHECK(rgba.size() == std::size_t(w) * std::size_t(h) * 4);
        CHECK(camera.aspect() == Approx(200.0 / 150.0));
        const psoas::Vec3 c = camera.project(camera.target());
        CHECK(c.x > 0.0f);
        CHECK(c.x < float(w));
        CHECK(doc.scene().size() > 0);
        std::fill(rgba.begin(), rgba.begin() + 4 * 10, std::uint8_t(255)); // a white mark, top left
        return true;
    };
    std::ostringstream err;
    REQUIRE(runRenderCommand(r, err) == 0);
    CHECK(calls == 1);
    CHECK(fs::exists(out));

    // A decorator that fails: exit 1, its message, and no image.
    fs::remove(out);
    r.decorate = [](std::vector<std::uint8_t>&, int, int, const psoas::scene::OrbitCamera&, const Document&,
                    const ShownMarks&, bool, std::string& error) {
        error = "no fonts for the labels.";
        return false;
    };
    std::ostringstream err2;
    CHECK(runRenderCommand(r, err2) == 1);
    CHECK(err2.str().find("no fonts for the labels.") != std::string::npos);
    CHECK_FALSE(fs::exists(out));
}

TEST_CASE("A model opened from its own folder brings the catalog and rig beside it, a lone model has none",
          "[app][render-command][gl]")
{
    // A model regenerated by the builder into a folder of its own (model, catalog, rig,
    // coordinates): --render --model takes its layers and poses from that folder.
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / "psoas-render-own-folder";
    const fs::path lone = fs::temp_directory_path() / "psoas-render-lone-model";
    fs::remove_all(dir);
    fs::remove_all(lone);
    fs::create_directories(dir);
    fs::create_directories(lone);
    const fs::path models = fs::path(Document::defaultModelPath()).parent_path();
    for (const char* f : {"lumbopelvic.glb", "catalog.json", "rig.json", "coordinates.json"})
        fs::copy_file(models / f, dir / f);
    fs::copy_file(models / "lumbopelvic.glb", lone / "lumbopelvic.glb");

    CHECK(Document::catalogFor(Document::defaultModelPath()) == Document::defaultCatalogPath());
    CHECK(Document::catalogFor((dir / "lumbopelvic.glb").string()) == (dir / "catalog.json").string());
    CHECK(Document::catalogFor((lone / "lumbopelvic.glb").string()).empty());

    RenderRequest r;
    r.output = (dir / "out.png").string();
    r.modelPath = (dir / "lumbopelvic.glb").string();
    r.width = 160;
    r.height = 120;
    r.samples = 1;
    r.pose = "sitting";
    r.layers = "skeleton,deep_muscles";
    std::ostringstream err;
    CHECK(runRenderCommand(r, err) == 0);
    INFO(err.str());
    CHECK(fs::exists(r.output));

    // Alone, the model has no groups to name and no rig to pose: both are refused by name.
    r.modelPath = (lone / "lumbopelvic.glb").string();
    r.output = (lone / "out.png").string();
    std::ostringstream err2;
    CHECK(runRenderCommand(r, err2) == 2);
    INFO(err2.str());
    CHECK(err2.str().find("rig") != std::string::npos);
    CHECK_FALSE(fs::exists(r.output));
    fs::remove_all(dir);
    fs::remove_all(lone);
}
