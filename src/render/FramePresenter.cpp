#include "render/FramePresenter.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <epoxy/gl.h>
#include <thread>

namespace psoas::render {

void FramePresenter::frameSize(int windowWidth, int windowHeight, FrameQuality quality, int& width, int& height) const
{
    float s = quality == FrameQuality::Still ? 1.0f : std::clamp(m_settings.movingScale, 0.1f, 1.0f);
    if (!std::isfinite(s)) s = 1.0f;
    width = std::max(1, int(std::lround(float(windowWidth) * s)));
    height = std::max(1, int(std::lround(float(windowHeight) * s)));
}

int FramePresenter::samplesFor(int width, int height, FrameQuality quality) const
{
    if (quality == FrameQuality::Moving) return m_settings.movingSamples;
    const long long pixels = std::max(1LL, (long long)width * height);
    int samples = std::max(0, m_settings.stillSamples);
    while (samples > 1 && samples * pixels > m_settings.stillSampleBudget) samples /= 2;
    return samples;
}

core::Status FramePresenter::prepare(const RenderParams& params, FrameQuality quality, RenderParams& p)
{
    int w = 0, h = 0;
    frameSize(params.width, params.height, quality, w, h);
    const int samples = samplesFor(w, h, quality);
    RenderTarget& t = target(quality);
    // create() clamps the samples to what the driver offers, so compare with the request kept aside.
    if (t.width() != w || t.height() != h || t.requestedSamples() != samples)
        if (auto s = t.create(w, h, samples); !s) return s;
    p = params;
    p.width = w;
    p.height = h;
    p.framebuffer = t.drawFramebuffer();
    p.lowDetail = quality == FrameQuality::Moving && m_settings.movingLowDetail;
    return core::Status::success();
}

bool FramePresenter::hasDepth(unsigned fbo)
{
    if (fbo == 0) return false; // a window surface's own buffers: asked for without depth
    GLint previous = 0;
    glGetIntegerv(GL_FRAMEBUFFER_BINDING, &previous);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo);
    GLint type = GL_NONE;
    glGetFramebufferAttachmentParameteriv(GL_FRAMEBUFFER, GL_DEPTH_ATTACHMENT, GL_FRAMEBUFFER_ATTACHMENT_OBJECT_TYPE,
                                          &type);
    glBindFramebuffer(GL_FRAMEBUFFER, GLuint(previous));
    return type != GL_NONE;
}

bool FramePresenter::drawsStillIntoWindow(int width, int height, unsigned windowFbo)
{
    return samplesFor(width, height, FrameQuality::Still) <= 1 && hasDepth(windowFbo);
}

core::Status FramePresenter::present(Renderer& renderer, const scene::DrawList& list, const RenderParams& params,
                                     unsigned windowFbo, FrameQuality quality)
{
    if (quality == FrameQuality::Still &&
        (long long)m_moving.width() * m_moving.height() > m_settings.keepMovingPixels)
        m_moving.release();
    if (quality == FrameQuality::Still && drawsStillIntoWindow(params.width, params.height, windowFbo)) {
        // No MSAA at this size and the window can depth-test: an off-screen copy would only add
        // two window-sized buffers (66 MB at 3840x2160), so draw straight into the window.
        m_still.release();
        RenderParams p = params;
        p.framebuffer = windowFbo;
        p.lowDetail = false;
        renderer.render(list, p);
        glBindFramebuffer(GL_FRAMEBUFFER, windowFbo);
        glViewport(0, 0, params.width, params.height);
        return core::Status::success();
    }
    RenderParams p;
    if (auto s = prepare(params, quality, p); !s) return s;
    renderer.render(list, p);
    target(quality).blitTo(windowFbo, params.width, params.height, m_settings.smoothUpscale);
    glViewport(0, 0, params.width, params.height);
    return core::Status::success();
}

core::Status FramePresenter::prewarmStep(Renderer& renderer, const scene::DrawList& list, const RenderParams& params,
                                         bool& done)
{
    done = false;
    // First the reduced meshes (meshoptimizer's simplifier, on a worker thread).
    if (m_settings.movingLowDetail && !renderer.prepareLowDetail()) return core::Status::success();
    // Then one moving frame into its own target, and the scaled copy a real frame makes, into
    // our window-sized single-sample buffer instead of the window.
    RenderParams moving;
    if (auto s = prepare(params, FrameQuality::Moving, moving); !s) return s;
    renderer.render(list, moving);
    // The scaled copy, into a small scratch image (the driver's copy program does not depend on
    // the size; a window-sized scratch would cost 33 MB at 3840x2160 for one frame).
    RenderTarget scratch;
    const int sw = std::min(moving.width, 128), sh = std::min(moving.height, 128);
    if (auto s = scratch.create(2 * sw, 2 * sh, 0); !s) return s;
    glBindFramebuffer(GL_READ_FRAMEBUFFER, m_moving.resolveFramebuffer());
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, scratch.resolveFramebuffer());
    glBlitFramebuffer(0, 0, sw, sh, 0, 0, 2 * sw, 2 * sh, GL_COLOR_BUFFER_BIT,
                      m_settings.smoothUpscale ? GL_LINEAR : GL_NEAREST);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    glViewport(0, 0, params.width, params.height);
    // Submitted, not waited for: the driver compiles its shader variants while the draws are
    // issued (here), and rasterises on its own threads; waiting (glFinish) would also wait for
    // the frame still being drawn for the screen, a whole still frame of blocked input.
    glFlush();
    done = true;
    return core::Status::success();
}

core::Status FramePresenter::prewarm(Renderer& renderer, const scene::DrawList& list, const RenderParams& params)
{
    for (bool done = false; !done;) {
        if (auto s = prewarmStep(renderer, list, params, done); !s) return s;
        if (!done) std::this_thread::sleep_for(std::chrono::milliseconds(2)); // the reductions
    }
    return core::Status::success();
}

long long FramePresenter::offscreenBytes() const { return m_still.bytes() + m_moving.bytes(); }

void FramePresenter::release()
{
    m_still.release();
    m_moving.release();
}

} // namespace psoas::render
