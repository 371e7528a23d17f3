// Interactive frame time: the built-in model (or $PSOAS_BENCH_MODEL) with every layer
// visible, rendered headless (EGL) at 1920x1080 while the camera turns a little every frame,
// as when the user drags. glFinish per frame, so the time is the whole frame.
//   render_bench --benchmark_filter=Frame   (see bench/run.sh)
// BM_frame_drag_1920x1080 / BM_frame_still_1920x1080 measure what the viewer really does
// (render::FramePresenter): off screen at the moving or still quality, then copied into a
// 1920x1080 window-sized framebuffer. $PSOAS_DRAG_SCALE overrides the moving scale.
// BM_pick_1920x1080: one hover/click pick pass.
#include "app/Document.h"
#include "render/FramePresenter.h"
#include "render/HeadlessContext.h"
#include "render/RenderTarget.h"
#include "render/Renderer.h"
#include "scene/OrbitCamera.h"

#include <GL/gl.h>
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <sys/resource.h>
#include <cstdlib>
#include <memory>

using namespace psoas;

namespace {

// CPU time of the whole process (every llvmpipe thread), in ms: on a loaded machine a steadier
// measure of the work per frame than the wall clock.
double processCpuMs()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return (double(u.ru_utime.tv_sec) + double(u.ru_stime.tv_sec)) * 1e3 +
           (double(u.ru_utime.tv_usec) + double(u.ru_stime.tv_usec)) * 1e-3;
}


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
    params.setCamera(camera);
    fx.renderer.render(list, params);
    glFinish();

    const double cpu0 = processCpuMs();
    for (auto _ : state) {
        camera.rotateTurntable(6.0f, 1.0f); // a few pixels of mouse drag per frame
        params.setCamera(camera);
        fx.renderer.render(list, params);
        glFinish();
    }
    state.counters["cpu_ms_all_threads"] = (processCpuMs() - cpu0) / double(std::max<std::int64_t>(1, state.iterations()));
    state.counters["fps"] = benchmark::Counter(double(state.iterations()), benchmark::Counter::kIsRate);
    state.counters["triangles"] = double(triangles);
    state.counters["items"] = double(list.items.size());
}

struct Turning {
    scene::OrbitCamera camera;
    render::RenderParams params;
    Turning(app::Document& doc, int width, int height)
    {
        camera.setViewport(width, height);
        camera.lookAlong(Vec3(0, 0, -1), Vec3(0, 1, 0));
        doc.frameAll(camera);
        params.width = width;
        params.height = height;
        step(0.0f);
    }
    void step(float pixels)
    {
        camera.rotateTurntable(pixels, pixels / 6.0f);
        params.setCamera(camera);
    }
};

void framePresented(benchmark::State& state, render::FrameQuality quality)
{
    const int width = 1920, height = 1080;
    Fixture& fx = fixture();
    render::RenderTarget window; // stands in for the QOpenGLWidget's framebuffer
    if (auto s = window.create(width, height, 0); !s) {
        state.SkipWithError(s.message().c_str());
        return;
    }
    render::FramePresenter presenter;
    render::FrameSettings settings;
    if (const char* env = std::getenv("PSOAS_DRAG_SCALE"); env && *env) settings.movingScale = float(std::atof(env));
    if (const char* env = std::getenv("PSOAS_DRAG_LOD"); env && *env) settings.movingLowDetail = env[0] != '0';
    if (const char* env = std::getenv("PSOAS_DRAG_SMOOTH"); env && *env) settings.smoothUpscale = env[0] != '0';
    presenter.setSettings(settings);
    scene::DrawList list = fx.doc->drawList();
    if (const char* env = std::getenv("PSOAS_BENCH_EMPTY"); env && *env == '1') list.items.clear(); // fixed costs only
    Turning turn(*fx.doc, width, height);
    if (auto s = presenter.present(fx.renderer, list, turn.params, window.resolveFramebuffer(), quality); !s) {
        state.SkipWithError(s.message().c_str());
        return;
    }
    glFinish();
    const double cpu0 = processCpuMs();
    for (auto _ : state) {
        turn.step(6.0f);
        (void)presenter.present(fx.renderer, list, turn.params, window.resolveFramebuffer(), quality);
        glFinish();
    }
    state.counters["cpu_ms_all_threads"] = (processCpuMs() - cpu0) / double(std::max<std::int64_t>(1, state.iterations()));
    int w = 0, h = 0;
    presenter.frameSize(width, height, quality, w, h);
    state.counters["fps"] = benchmark::Counter(double(state.iterations()), benchmark::Counter::kIsRate);
    state.counters["render_w"] = double(w);
    state.counters["render_h"] = double(h);
}

void BM_frame_drag_1920x1080(benchmark::State& state) { framePresented(state, render::FrameQuality::Moving); }
void BM_frame_still_1920x1080(benchmark::State& state) { framePresented(state, render::FrameQuality::Still); }

double msSince(std::chrono::steady_clock::time_point t0)
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

// The frame the user waits for after a drag: a few moving frames, then the first full-quality
// frame. Timed per iteration: only the still frame. Counters: the very first moving frame and
// the very first settle frame of a fresh presenter (where one-time costs would show up as a
// stall), with and without the viewer's pre-warm (FramePresenter::prewarm) before them.
void BM_settle_after_drag_1920x1080(benchmark::State& state)
{
    const int width = 1920, height = 1080;
    Fixture& fx = fixture();
    render::RenderTarget window;
    if (auto s = window.create(width, height, 0); !s) {
        state.SkipWithError(s.message().c_str());
        return;
    }
    const bool prewarm = state.range(0) != 0;
    // A renderer of its own: nothing built or compiled by the other cases.
    render::Renderer renderer;
    if (auto s = renderer.initialize(); !s) {
        state.SkipWithError(s.message().c_str());
        return;
    }
    renderer.setModel(&fx.doc->model());
    render::FramePresenter presenter;
    scene::DrawList list = fx.doc->drawList();
    Turning turn(*fx.doc, width, height);
    const unsigned fbo = window.resolveFramebuffer();
    // Start-up: the first still frame, then (optionally) the idle-time pre-warm.
    (void)presenter.present(renderer, list, turn.params, fbo, render::FrameQuality::Still);
    glFinish();
    if (prewarm) {
        (void)presenter.prewarm(renderer, list, turn.params);
        glFinish();
    }
    auto t0 = std::chrono::steady_clock::now();
    turn.step(6.0f);
    (void)presenter.present(renderer, list, turn.params, fbo, render::FrameQuality::Moving);
    glFinish();
    const double firstMoving = msSince(t0);
    for (int i = 0; i < 3; ++i) {
        turn.step(6.0f);
        (void)presenter.present(renderer, list, turn.params, fbo, render::FrameQuality::Moving);
    }
    glFinish();
    t0 = std::chrono::steady_clock::now();
    (void)presenter.present(renderer, list, turn.params, fbo, render::FrameQuality::Still);
    glFinish();
    const double firstSettle = msSince(t0);
    for (auto _ : state) {
        state.PauseTiming();
        for (int i = 0; i < 3; ++i) {
            turn.step(6.0f);
            (void)presenter.present(renderer, list, turn.params, fbo, render::FrameQuality::Moving);
        }
        glFinish();
        state.ResumeTiming();
        (void)presenter.present(renderer, list, turn.params, fbo, render::FrameQuality::Still);
        glFinish();
    }
    state.counters["first_moving_ms"] = firstMoving;
    state.counters["first_settle_ms"] = firstSettle;
}

void BM_pick_1920x1080(benchmark::State& state)
{
    Fixture& fx = fixture();
    render::RenderTarget pickTarget;
    if (auto s = pickTarget.create(1, 1, 0); !s) {
        state.SkipWithError(s.message().c_str());
        return;
    }
    const scene::DrawList list = fx.doc->drawList();
    Turning turn(*fx.doc, 1920, 1080);
    turn.params.framebuffer = pickTarget.resolveFramebuffer();
    int x = 900;
    std::size_t hits = 0;
    for (auto _ : state) {
        x = x >= 1020 ? 900 : x + 7; // the cursor moving over the middle of the body
        hits += fx.renderer.pick(list, turn.params, x, 540).id != 0;
    }
    state.counters["hit_rate"] = double(hits) / double(std::max<std::int64_t>(1, state.iterations()));
}

} // namespace

BENCHMARK(BM_frame_drag_1920x1080)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(3.0);
BENCHMARK(BM_frame_still_1920x1080)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(3.0);
BENCHMARK(BM_settle_after_drag_1920x1080)->ArgName("prewarm")->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(8);
BENCHMARK(BM_pick_1920x1080)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(1.0);

BENCHMARK(BM_FrameWhileRotating)
    ->ArgNames({"w", "h", "msaa"})
    ->Args({1920, 1080, 4})  // full quality, as when the view is still
    ->Args({1920, 1080, 0})  // no MSAA
    ->Args({960, 540, 0})    // drag quality: half size, no MSAA, scaled up by the widget
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->MinTime(3.0);

BENCHMARK_MAIN();
