#pragma once
// An off-screen framebuffer: multisampled colour + depth, resolved into a single-sample
// framebuffer for reading pixels back.
#include "core/Error.h"

#include <cstdint>
#include <vector>

namespace psoas::render {

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
    int samples() const { return m_samples; }
    // Resolves MSAA and returns RGBA8 pixels, top row first.
    std::vector<std::uint8_t> readPixels();
    // Reads the depth (NDC, -1..1) at a pixel of the single-sample buffer (after a pick/render into it).
    unsigned resolveFramebuffer() const { return m_fbo; }

private:
    unsigned m_fbo = 0, m_color = 0, m_depth = 0;
    unsigned m_msFbo = 0, m_msColor = 0, m_msDepth = 0;
    int m_width = 0, m_height = 0, m_samples = 0;
};

} // namespace psoas::render
