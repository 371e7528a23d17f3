// Off-screen rendering through the real renderer on an EGL context (no display server).
#include "app/Document.h"
#include "app/CommandLine.h"
#include "app/RenderCommand.h"
#include "render/HeadlessContext.h"
#include "render/ShaderProgram.h"

#include <catch2/catch.hpp>
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
