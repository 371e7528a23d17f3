#pragma once
// An off-screen framebuffer: multisampled colour + depth, resolved into a single-sample
// framebuffer for reading pixels back.
#include "core/Error.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace psoas::render {

class ShaderProgram;

class RenderTarget {
public:
    RenderTarget() = default;
    ~RenderTarget();
    RenderTarget(const RenderTarget&) = delete;
    RenderTarget& operator=(const RenderTarget&) = delete;

    core::Status create(int width, int height, int samples);
    void release();
    unsigned drawFramebuffer() const { return m_msFbo ? m_msFbo : m_fbo; }
    int width() const { return m_width; }
    int height() const { return m_height; }
    int samples() const { return m_samples; } // what the driver gave (0 or 1: none)
    int requestedSamples() const { return m_requestedSamples; }
    // Bytes of its colour and depth buffers (4 bytes a sample each), 0 when released.
    long long bytes() const
    {
        const long long px = (long long)m_width * m_height;
        return px * 8 + (m_msFbo ? px * m_samples * 8 : 0);
    }
    // Resolves MSAA and returns RGBA8 pixels, top row first.
    std::vector<std::uint8_t> readPixels();
    // The single-sample framebuffer (pick passes render here; MSAA is resolved into it).
    unsigned resolveFramebuffer() const { return m_fbo; }
    // Copies the colour into another framebuffer (e.g. a QOpenGLWidget's) of dstWidth x dstHeight,
    // resolving MSAA and scaling when the sizes differ (bilinear when `smooth`). Leaves `dstFbo`
    // bound as the framebuffer.
    void blitTo(unsigned dstFbo, int dstWidth, int dstHeight, bool smooth = true);
    // Resolves the multisampled image into resolveFramebuffer() (nothing to do without MSAA).
    // GL state other than the framebuffer binding is left as it was.
    void resolve();

private:
    bool resolveWithShader();

    unsigned m_fbo = 0, m_color = 0, m_depth = 0;
    unsigned m_msFbo = 0, m_msColor = 0, m_msDepth = 0; // m_msColor: a multisample texture
    unsigned m_resolveVao = 0;
    std::unique_ptr<ShaderProgram> m_resolveProgram;
    bool m_resolveFailed = false;
    int m_width = 0, m_height = 0, m_samples = 0, m_requestedSamples = 0;
};

} // namespace psoas::render
