// The viewer's frame path on an EGL context: still (MSAA) and moving (reduced size, fewer
// triangles) frames copied into a window-sized framebuffer show the same picture, and the
// one-pixel pick pass finds what the full frame shows.
#include "app/Document.h"
#include "render/FramePresenter.h"
#include "render/HeadlessContext.h"
#include "scene/OrbitCamera.h"

#include <catch2/catch.hpp>
#include <cmath>

using namespace psoas;

namespace {

struct Centroid {
    double x = 0, y = 0;
    long count = 0;
};

Centroid modelCentroid(const std::vector<std::uint8_t>& px, int w, int h)
{
    Centroid c;
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            const auto* p = &px[(std::size_t(y) * std::size_t(w) + std::size_t(x)) * 4];
            if (p[0] > 110 && p[1] > 90) { // ivory bone or red muscle, brighter than the background
                c.x += x;
                c.y += y;
                ++c.count;
            }
        }
    if (c.count) {
        c.x /= double(c.count);
        c.y /= double(c.count);
    }
    return c;
}

} // namespace

TEST_CASE("Still and moving frames reach the window at its size and show the same picture", "[gl][render]")
{
    auto ctx = render::HeadlessContext::create();
    REQUIRE(ctx.ok());
    auto doc = app::Document::open(app::Document::defaultModelPath(), app::Document::defaultCatalogPath());
    REQUIRE(doc.ok());
    render::Renderer renderer;
    REQUIRE(renderer.initialize().ok());
    renderer.setModel(&doc.value()->model());

    const int w = 640, h = 400;
    scene::OrbitCamera cam;
    cam.setViewport(w, h);
    cam.lookAlong(Vec3(0, 0, -1), Vec3(0, 1, 0));
    doc.value()->frameAll(cam);
    render::RenderParams p;
    p.setCamera(cam);
    p.width = w;
    p.height = h;
    const scene::DrawList list = doc.value()->drawList();

    render::RenderTarget window;
    REQUIRE(window.create(w, h, 0).ok());
    render::FramePresenter presenter;
    REQUIRE(presenter.present(renderer, list, p, window.resolveFramebuffer(), render::FrameQuality::Still).ok());
    const auto still = window.readPixels();
    REQUIRE(presenter.present(renderer, list, p, window.resolveFramebuffer(), render::FrameQuality::Moving).ok());
    const auto moving = window.readPixels();
    int mw = 0, mh = 0;
    presenter.frameSize(w, h, render::FrameQuality::Moving, mw, mh);
    CHECK(mw == w / 2);
    CHECK(mh == h / 2);

    const Centroid a = modelCentroid(still, w, h), b = modelCentroid(moving, w, h);
    REQUIRE(a.count > 2000);
    CHECK(std::abs(double(b.count - a.count)) < 0.1 * double(a.count)); // same coverage
    CHECK(std::abs(a.x - b.x) < 3.0);
    CHECK(std::abs(a.y - b.y) < 3.0);

    // Pick at the centroid of the still image: it hits something there, and misses the corner.
    render::RenderTarget pickTarget; // one pixel is all a pick needs, whatever the view's size
    REQUIRE(pickTarget.create(1, 1, 0).ok());
    p.framebuffer = pickTarget.resolveFramebuffer();
    int hx = int(a.x), hy = int(a.y);
    for (int r = 0; r < 40; ++r) { // nearest model pixel to the centroid
        const auto* px = &still[(std::size_t(hy) * std::size_t(w) + std::size_t(hx + r)) * 4];
        if (px[0] > 110 && px[1] > 90) {
            hx += r;
            break;
        }
    }
    const auto hit = renderer.pick(list, p, hx, hy);
    CHECK(hit.id != 0);
    CHECK(hit.ndcDepth > -1.0f);
    CHECK(hit.ndcDepth < 1.0f);
    CHECK(renderer.pick(list, p, 1, 1).id == 0);
    CHECK(renderer.pick(list, p, -5, 10).id == 0); // outside the view: nothing, no crash
    presenter.release();

    // A window too large for MSAA (here: a budget of one sample a pixel) gets its still frame
    // drawn straight into its own framebuffer, with no off-screen buffer, and the same picture.
    render::FramePresenter large;
    render::FrameSettings one;
    one.stillSampleBudget = (long long)w * h;
    large.setSettings(one);
    p.framebuffer = window.resolveFramebuffer();
    CHECK(large.drawsStillIntoWindow(w, h, window.resolveFramebuffer()));
    CHECK_FALSE(large.drawsStillIntoWindow(w, h, 0)); // a window surface without depth: off screen
    REQUIRE(large.present(renderer, list, p, window.resolveFramebuffer(), render::FrameQuality::Still).ok());
    CHECK(large.offscreenBytes() == 0);
    const auto direct = window.readPixels();
    long differing = 0;
    for (std::size_t i = 0; i < direct.size(); i += 4)
        for (int c = 0; c < 3; ++c)
            if (std::abs(int(direct[i + std::size_t(c)]) - int(still[i + std::size_t(c)])) > 40) {
                ++differing; // edges (no MSAA here); a missing depth test would change whole areas
                break;
            }
    CHECK(differing < a.count / 10);
    // Moving frames still use their small buffer; the still one stays freed.
    REQUIRE(large.present(renderer, list, p, window.resolveFramebuffer(), render::FrameQuality::Moving).ok());
    CHECK(large.offscreenBytes() == (long long)(w / 2) * (h / 2) * 8);
    // ... until a still frame follows in a window whose moving buffer is above the keep size.
    one.keepMovingPixels = (long long)(w / 2) * (h / 2) - 1;
    large.setSettings(one);
    REQUIRE(large.present(renderer, list, p, window.resolveFramebuffer(), render::FrameQuality::Still).ok());
    CHECK(large.offscreenBytes() == 0);
    large.release();
}

TEST_CASE("Still frames keep 4x MSAA up to 1920x1080 and use fewer samples in larger windows", "[render]")
{
    psoas::render::FramePresenter presenter;
    using psoas::render::FrameQuality;
    CHECK(presenter.samplesFor(1280, 720, FrameQuality::Still) == 4);
    CHECK(presenter.samplesFor(1920, 1080, FrameQuality::Still) == 4);
    CHECK(presenter.samplesFor(2560, 1440, FrameQuality::Still) == 2);
    CHECK(presenter.samplesFor(3840, 2160, FrameQuality::Still) == 1);
    CHECK(presenter.samplesFor(3840, 2160, FrameQuality::Moving) == 0);
    // The multisampled buffer of a 4K still frame stays within the 1080p budget.
    CHECK(presenter.samplesFor(3840, 2160, FrameQuality::Still) * 3840LL * 2160 <= 4LL * 1920 * 1080);
}
