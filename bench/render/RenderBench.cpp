// Interactive frame time: the built-in model (or $PSOAS_BENCH_MODEL) with every layer
// visible, rendered headless (EGL) at 1920x1080 while the camera turns a little every frame,
// as when the user drags. glFinish per frame, so the time is the whole frame.
//   render_bench --benchmark_filter=Frame   (see bench/run.sh)
#include "app/Document.h"
#include "render/HeadlessContext.h"
#include "render/RenderTarget.h"
#include "render/Renderer.h"
#include "scene/OrbitCamera.h"

#include <GL/gl.h>
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <memory>

using namespace psoas;

namespace {

struct Fixture {
    std::unique_ptr<render::HeadlessContext> context;
    std::unique_ptr<app::Document> doc;
    render::Renderer renderer;
};

Fixture& fixture()
{
    static std::unique_ptr<Fixture> f = [] {
        auto fx = std::make_unique<Fixture>();
        auto ctx = render::HeadlessContext::create();
        if (!ctx) {
            std::fprintf(stderr, "render_bench: %s\n", ctx.message().c_str());
            std::exit(1);
        }
        fx->context = std::move(ctx.value());
        const char* env = std::getenv("PSOAS_BENCH_MODEL");
        const bool builtIn = !(env && *env);
        auto doc = app::Document::open(builtIn ? app::Document::defaultModelPath() : env,
                                       builtIn ? app::Document::defaultCatalogPath() : std::string());
        if (!doc) {
            std::fprintf(stderr, "render_bench: %s\n", doc.message().c_str());
            std::exit(1);
        }
        fx->doc = std::move(doc.value());
        auto& scene = fx->doc->scene();
        for (std::size_t i = 0; i < scene.size(); ++i) scene.setVisible(int(i), true); // every layer
        if (auto s = fx->renderer.initialize(); !s) {
            std::fprintf(stderr, "render_bench: %s\n", s.message().c_str());
            std::exit(1);
        }
        fx->renderer.setModel(&fx->doc->model());
        return fx;
    }();
    return *f;
}

// args: width, height, MSAA samples
void BM_FrameWhileRotating(benchmark::State& state)
{
    const int width = int(state.range(0)), height = int(state.range(1)), samples = int(state.range(2));
    Fixture& fx = fixture();
    render::RenderTarget target;
    if (auto s = target.create(width, height, samples); !s) {
        state.SkipWithError(s.message().c_str());
        return;
    }
    scene::OrbitCamera camera;
    camera.setViewport(width, height);
    camera.lookAlong(Vec3(0, 0, -1), Vec3(0, 1, 0));
    fx.doc->frameAll(camera);
    const scene::DrawList list = fx.doc->drawList();
    std::size_t triangles = 0;
    for (const auto& mesh : fx.doc->model().meshes) triangles += mesh.triangleCount();

    render::RenderParams params;
    params.width = width;
    params.height = height;
    params.framebuffer = target.drawFramebuffer();
    // One warm-up frame uploads the meshes.
    params.view = camera.view();
    params.projection = camera.projection();
    params.cameraPosition = camera.position();
    fx.renderer.render(list, params);
    glFinish();

    for (auto _ : state) {
        camera.rotateTurntable(6.0f, 1.0f); // a few pixels of mouse drag per frame
        params.view = camera.view();
        params.projection = camera.projection();
        params.cameraPosition = camera.position();
        fx.renderer.render(list, params);
        glFinish();
    }
    state.counters["fps"] = benchmark::Counter(double(state.iterations()), benchmark::Counter::kIsRate);
    state.counters["triangles"] = double(triangles);
    state.counters["items"] = double(list.items.size());
}

} // namespace

BENCHMARK(BM_FrameWhileRotating)
    ->ArgNames({"w", "h", "msaa"})
    ->Args({1920, 1080, 4})  // full quality, as when the view is still
    ->Args({1920, 1080, 0})  // no MSAA
    ->Args({960, 540, 0})    // drag quality: half size, no MSAA, scaled up by the widget
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->MinTime(3.0);

BENCHMARK_MAIN();
