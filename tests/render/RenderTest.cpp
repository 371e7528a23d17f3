// Off-screen rendering through the real renderer on an EGL context (no display server).
#include "app/Document.h"
#include "app/CommandLine.h"
#include "app/RenderCommand.h"
#include "render/HeadlessContext.h"
#include "render/ShaderProgram.h"

#include <catch2/catch.hpp>
#include <algorithm>
#include <array>
#include <cstdlib>
#include <sstream>

using namespace psoas;

namespace {
std::string data(const std::string& name) { return std::string(PSOAS_TEST_DATA_DIR) + "/io/" + name; }

struct Image {
    int w = 0, h = 0;
    std::vector<std::uint8_t> px;
    const std::uint8_t* at(int x, int y) const { return &px[(std::size_t(y) * std::size_t(w) + std::size_t(x)) * 4]; }
};

Image renderFile(const std::string& file, const std::string& view, int w = 320, int h = 240)
{
    auto doc = app::Document::open(data(file));
    REQUIRE(doc.ok());
    auto pixels = app::renderDocument(*doc.value(), view, w, h, 4);
    INFO((pixels.ok() ? std::string() : pixels.message()));
    REQUIRE(pixels.ok());
    return Image{w, h, std::move(pixels).value()};
}

// A pixel differs from the background gradient when it is brighter than it could be.
bool isModel(const Image& img, int x, int y)
{
    const auto* p = img.at(x, y);
    return p[0] > 90 && p[1] > 90 && p[2] > 90;
}
} // namespace

TEST_CASE("Headless render: background at the corners, model centred and inside the frame", "[gl][render]")
{
    Image img = renderFile("cube.glb", "anterior");
    for (auto [x, y] : {std::pair{0, 0}, {img.w - 1, 0}, {0, img.h - 1}, {img.w - 1, img.h - 1}}) {
        INFO(x << "," << y);
        CHECK_FALSE(isModel(img, x, y));
    }
    long count = 0;
    double cx = 0, cy = 0;
    for (int y = 0; y < img.h; ++y)
        for (int x = 0; x < img.w; ++x)
            if (isModel(img, x, y)) {
                ++count;
                cx += x;
                cy += y;
            }
    const double coverage = double(count) / double(img.w * img.h);
    CHECK(coverage > 0.10);
    CHECK(coverage < 0.80);
    cx /= double(count);
    cy /= double(count);
    CHECK(std::abs(cx - img.w / 2.0) < img.w * 0.05);
    CHECK(std::abs(cy - img.h / 2.0) < img.h * 0.05);
}

TEST_CASE("Headless render: different views give different images", "[gl][render]")
{
    Image a = renderFile("tetra.obj", "anterior");
    Image b = renderFile("tetra.obj", "left");
    Image c = renderFile("tetra.obj", "superior");
    auto diff = [](const Image& x, const Image& y) {
        long n = 0;
        for (std::size_t i = 0; i < x.px.size(); i += 4)
            if (std::abs(int(x.px[i]) - int(y.px[i])) > 30) ++n;
        return n;
    };
    CHECK(diff(a, b) > 500);
    CHECK(diff(a, c) > 500);
    CHECK(diff(b, c) > 500);
}

TEST_CASE("Render command: unknown view and bad size are rejected with exit code 2", "[gl][render]")
{
    int w = 0, h = 0;
    CHECK(app::parseSize("1920x1080", w, h).ok());
    CHECK(w == 1920);
    CHECK(h == 1080);
    for (const char* bad : {"", "1920", "x1080", "0x10", "100000x10", "12ax40", "-5x-5", "nanxnan"}) {
        INFO(bad);
        auto s = app::parseSize(bad, w, h);
        REQUIRE_FALSE(s.ok());
        CHECK(s.message().find("--size") != std::string::npos);
    }
    app::RenderRequest req;
    req.output = "/tmp/psoas_render_test.png";
    req.modelPath = data("cube.glb");
    req.view = "sideways";
    std::ostringstream err;
    CHECK(app::runRenderCommand(req, err) == 2);
    CHECK(err.str().find("sideways") != std::string::npos);
    req.view = "anterior";
    req.modelPath = data("garbage.glb");
    std::ostringstream err2;
    CHECK(app::runRenderCommand(req, err2) == 1);
    CHECK(err2.str().find("garbage.glb") != std::string::npos);
}

TEST_CASE("A shader compile error names the shader file and line", "[gl][render]")
{
    auto ctx = render::HeadlessContext::create();
    REQUIRE(ctx.ok());
    render::ShaderProgram p;
    const char* vs = "#version 330 core\nvoid main() { gl_Position = vec4(0.0); }\n";
    const char* fs = "#version 330 core\nout vec4 c;\nvoid main() {\n  c = vec4(undefinedThing);\n}\n";
    auto s = p.buildFromSource("test.vert", vs, "broken.frag", fs);
    REQUIRE_FALSE(s.ok());
    INFO(s.message());
    CHECK(s.message().find("shaders/broken.frag:4:") != std::string::npos);
}

TEST_CASE("Shader log formatting handles common driver formats", "[render]")
{
    CHECK(render::formatShaderLog("a.frag", "0:12(5): error: x") == "shaders/a.frag:12: error: x");
    CHECK(render::formatShaderLog("a.frag", "0(7) : error C1008: y") == "shaders/a.frag:7: error C1008: y");
    CHECK(render::formatShaderLog("a.frag", "ERROR: 0:3: z") == "shaders/a.frag:3: z");
}

namespace {
std::unique_ptr<app::Document> openBuiltIn()
{
    auto doc = app::Document::open(app::Document::defaultModelPath(), app::Document::defaultCatalogPath());
    REQUIRE(doc.ok());
    REQUIRE(doc.value()->hasSolver());
    return std::move(doc).value();
}

// Bounding box of the model's pixels (brighter than the background gradient can be).
struct Box {
    int x0 = 1 << 30, y0 = 1 << 30, x1 = -1, y1 = -1;
    int width() const { return x1 - x0 + 1; }
    int height() const { return y1 - y0 + 1; }
};
Box modelBox(const Image& img)
{
    Box b;
    for (int y = 0; y < img.h; ++y)
        for (int x = 0; x < img.w; ++x) {
            const auto* p = img.at(x, y);
            if (std::max({p[0], p[1], p[2]}) < 80) continue;
            b.x0 = std::min(b.x0, x);
            b.y0 = std::min(b.y0, y);
            b.x1 = std::max(b.x1, x);
            b.y1 = std::max(b.y1, y);
        }
    return b;
}
} // namespace

TEST_CASE("Headless render: a preset done lying on the back is drawn lying, seen from the side", "[gl][render]")
{
    auto doc = openBuiltIn();
    auto standing = app::renderDocument(*doc, "left", 320, 240, 1);
    REQUIRE(standing.ok());
    const Box up = modelBox(Image{320, 240, std::move(standing).value()});
    std::ostringstream notes;
    REQUIRE(app::applyPoseRequest(*doc, "supine_leg_lift", "", {}, notes).ok());
    auto lying = app::renderDocument(*doc, "left", 320, 240, 1);
    REQUIRE(lying.ok());
    const Box down = modelBox(Image{320, 240, std::move(lying).value()});
    INFO("standing " << up.width() << "x" << up.height() << ", lying " << down.width() << "x" << down.height());
    CHECK(up.height() > up.width());     // upright: taller than wide
    CHECK(down.width() > 3 * down.height() / 2); // on the table: wider than tall, even with a leg raised
}

TEST_CASE("Headless render: the psoas tendon is paler than its belly", "[gl][render]")
{
    auto doc = openBuiltIn();
    auto& scene = doc->scene();
    for (std::size_t i = 0; i < scene.size(); ++i)
        if (!scene.node(int(i)).meshes.empty()) scene.setVisible(int(i), scene.node(int(i)).name == "psoas_major_r");
    auto pixels = app::renderDocument(*doc, "anterior", 240, 480, 4);
    REQUIRE(pixels.ok());
    Image img{240, 480, std::move(pixels).value()};
    const Box b = modelBox(img);
    REQUIRE(b.height() > 200);
    // Mean colour of the muscle's pixels in a band of rows (a fraction of its height).
    auto band = [&](double from, double to) {
        double r = 0, g = 0, bl = 0;
        long n = 0;
        for (int y = b.y0 + int(from * b.height()); y < b.y0 + int(to * b.height()); ++y)
            for (int x = b.x0; x <= b.x1; ++x) {
                const auto* p = img.at(x, y);
                if (std::max({p[0], p[1], p[2]}) < 80) continue;
                r += p[0];
                g += p[1];
                bl += p[2];
                ++n;
            }
        REQUIRE(n > 50);
        return std::array<double, 3>{r / double(n), g / double(n), bl / double(n)};
    };
    const auto belly = band(0.35, 0.55);  // L3-L5: the fleshy belly
    const auto tendon = band(0.88, 0.98); // the distal tendon to the lesser trochanter
    INFO("belly " << belly[0] << "," << belly[1] << "," << belly[2] << "  tendon " << tendon[0] << ","
                  << tendon[1] << "," << tendon[2]);
    CHECK(belly[0] - belly[1] > 60.0);  // the belly reads red
    CHECK(tendon[0] - tendon[1] < 30.0); // the tendon is whitish, not red
    CHECK(tendon[1] > belly[1] + 35.0);  // and much paler
}
