#pragma once
// Adaptive frame quality for an on-screen view. The view renders off screen and copies the
// result into the window's framebuffer:
//   - Still: full size with MSAA (default 4x), resolved into the window; in windows too large
//     for MSAA (the sample budget), drawn straight into the window with no off-screen copy.
//   - Moving (dragging, animating): a reduced size without MSAA, scaled up bilinearly.
// On software GL (llvmpipe) fill rate and MSAA dominate the frame time, so the moving quality
// keeps camera drags fluid, and the full-quality frame follows once the input stops.
#include "core/Error.h"
#include "render/RenderTarget.h"
#include "render/Renderer.h"

namespace psoas::render {

enum class FrameQuality { Still, Moving };

struct FrameSettings {
    int stillSamples = 4;      // MSAA samples when still (within stillSampleBudget)
    // Samples x pixels of the still frame's multisampled buffer, at most: 4x at 1920x1080. A
    // larger window gets fewer samples (2x at 2560x1440, 1x at 3840x2160, where a pixel is
    // small enough that edges stay smooth), so the buffer stays under about 70 MB; 4x MSAA at
    // 4K alone took 265 MB and the view's memory went past 800 MB.
    long long stillSampleBudget = 4LL * 1920 * 1080;
    float movingScale = 0.5f;  // linear size of the moving frame relative to the window (0.1..1)
    int movingSamples = 0;     // MSAA samples while moving
    bool movingLowDetail = true; // reduced-triangle meshes while moving
    bool smoothUpscale = true;   // bilinear (else nearest) when the moving frame is scaled up
    // A still frame frees the moving frame's buffer when it has more pixels than this (windows
    // larger than 2560x1440): 16 MB at 3840x2160, made again at the next drag in a few
    // milliseconds. Smaller windows keep it, so their first drag frame costs nothing extra.
    long long keepMovingPixels = 1280LL * 720;
};

class FramePresenter {
public:
    FramePresenter() = default;
    FramePresenter(const FramePresenter&) = delete;
    FramePresenter& operator=(const FramePresenter&) = delete;

    void setSettings(const FrameSettings& settings) { m_settings = settings; }
    const FrameSettings& settings() const { return m_settings; }

    // Renders `list` for a window framebuffer `windowFbo` of params.width x params.height
    // pixels at the given quality, then blits into it (leaving it bound). Needs the GL
    // context current. Fails only when an off-screen buffer cannot be created.
    core::Status present(Renderer& renderer, const scene::DrawList& list, const RenderParams& params,
                         unsigned windowFbo, FrameQuality quality);
    // Does once, ahead of time, what would otherwise stall the first moving frame: builds the
    // reduced meshes, creates the moving target for this window size and draws one moving
    // frame into it (not into the window) with the scaled copy a real frame makes, so that the
    // driver compiles its shader variants. The still target and its variants already exist:
    // the first frame shown was a still one (call after it), so it is not drawn again.
    // prewarmStep() does one short slice of this and sets `done` when nothing is left, so that
    // a caller can spread it over idle moments of an event loop: it starts the reductions on a
    // worker thread, returns at once while they run, takes them when ready, then draws the
    // moving frame (submitted with glFlush, not waited for). prewarm() does all of it. Need
    // the GL context current; leave no framebuffer of ours bound.
    core::Status prewarmStep(Renderer& renderer, const scene::DrawList& list, const RenderParams& params,
                             bool& done);
    core::Status prewarm(Renderer& renderer, const scene::DrawList& list, const RenderParams& params);
    // MSAA samples of a frame of this size at this quality (the budget applied).
    int samplesFor(int width, int height, FrameQuality quality) const;
    // Size of the off-screen image used for a window of this size at this quality.
    void frameSize(int windowWidth, int windowHeight, FrameQuality quality, int& width, int& height) const;
    // True when a still frame of this size goes straight into `windowFbo`, with no off-screen
    // buffer: no MSAA at this size (see stillSampleBudget) and the window's framebuffer has a
    // depth buffer (a QOpenGLWidget's has; the default framebuffer 0 is taken to have none).
    // Context current.
    bool drawsStillIntoWindow(int width, int height, unsigned windowFbo);
    // Bytes held by the off-screen buffers now (colour and depth, 4 bytes a sample).
    long long offscreenBytes() const;
    // Frees the off-screen buffers (context current).
    void release();

private:
    RenderTarget& target(FrameQuality q) { return q == FrameQuality::Still ? m_still : m_moving; }
    // Creates (or keeps) the target of this quality for a window of this size; the params to
    // draw into it.
    core::Status prepare(const RenderParams& window, FrameQuality quality, RenderParams& out);
    static bool hasDepth(unsigned fbo);

    FrameSettings m_settings;
    RenderTarget m_still;
    RenderTarget m_moving;
};

} // namespace psoas::render
