#include "render/RenderTarget.h"

#include <algorithm>
#include <epoxy/gl.h>

namespace psoas::render {

RenderTarget::~RenderTarget() { release(); }

void RenderTarget::release()
{
    GLuint fbos[2] = {m_fbo, m_msFbo};
    GLuint rbs[4] = {m_color, m_depth, m_msColor, m_msDepth};
    if (m_fbo || m_msFbo) glDeleteFramebuffers(2, fbos);
    if (m_color || m_depth || m_msColor || m_msDepth) glDeleteRenderbuffers(4, rbs);
    m_fbo = m_color = m_depth = m_msFbo = m_msColor = m_msDepth = 0;
    m_width = m_height = m_samples = m_requestedSamples = 0;
}

core::Status RenderTarget::create(int width, int height, int samples)
{
    release();
    GLint maxSize = 0, maxSamples = 0;
    glGetIntegerv(GL_MAX_RENDERBUFFER_SIZE, &maxSize);
    glGetIntegerv(GL_MAX_SAMPLES, &maxSamples);
    if (width <= 0 || height <= 0 || width > maxSize || height > maxSize)
        return core::makeError("Image size " + std::to_string(width) + "x" + std::to_string(height) +
                               " is not possible here (1 to " + std::to_string(maxSize) + " pixels per side).");
    m_width = width;
    m_height = height;
    m_requestedSamples = samples;
    m_samples = std::min(samples, int(maxSamples));
    auto makeFbo = [&](GLuint& fbo, GLuint& color, GLuint& depth, int s) {
        glGenFramebuffers(1, &fbo);
        glBindFramebuffer(GL_FRAMEBUFFER, fbo);
        glGenRenderbuffers(1, &color);
        glBindRenderbuffer(GL_RENDERBUFFER, color);
        if (s > 1) glRenderbufferStorageMultisample(GL_RENDERBUFFER, s, GL_RGBA8, width, height);
        else glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, width, height);
        glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, color);
        glGenRenderbuffers(1, &depth);
        glBindRenderbuffer(GL_RENDERBUFFER, depth);
        if (s > 1) glRenderbufferStorageMultisample(GL_RENDERBUFFER, s, GL_DEPTH_COMPONENT24, width, height);
        else glRenderbufferStorage(GL_RENDERBUFFER, GL_DEPTH_COMPONENT24, width, height);
        glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_ATTACHMENT, GL_RENDERBUFFER, depth);
        return glCheckFramebufferStatus(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE;
    };
    if (!makeFbo(m_fbo, m_color, m_depth, 0))
        return core::makeError("Cannot create an off-screen image of " + std::to_string(width) + "x" +
                               std::to_string(height) + " (framebuffer incomplete).");
    if (m_samples > 1 && !makeFbo(m_msFbo, m_msColor, m_msDepth, m_samples)) {
        GLuint f = m_msFbo, rb[2] = {m_msColor, m_msDepth};
        glDeleteFramebuffers(1, &f);
        glDeleteRenderbuffers(2, rb);
        m_msFbo = m_msColor = m_msDepth = 0;
        m_samples = 0;
    }
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    return core::Status::success();
}

void RenderTarget::blitTo(unsigned dstFbo, int dstWidth, int dstHeight, bool smooth)
{
    if (!m_fbo || dstWidth <= 0 || dstHeight <= 0) return;
    GLuint src = m_fbo;
    if (m_msFbo) {
        const bool sameSize = dstWidth == m_width && dstHeight == m_height;
        // A multisampled source can only be resolved at its own size: straight into the
        // destination when it matches, else into our single-sample buffer first.
        glBindFramebuffer(GL_READ_FRAMEBUFFER, m_msFbo);
        glBindFramebuffer(GL_DRAW_FRAMEBUFFER, sameSize ? dstFbo : m_fbo);
        glBlitFramebuffer(0, 0, m_width, m_height, 0, 0, m_width, m_height, GL_COLOR_BUFFER_BIT, GL_NEAREST);
        if (sameSize) {
            glBindFramebuffer(GL_FRAMEBUFFER, dstFbo);
            return;
        }
    }
    const bool scaled = dstWidth != m_width || dstHeight != m_height;
    glBindFramebuffer(GL_READ_FRAMEBUFFER, src);
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, dstFbo);
    glBlitFramebuffer(0, 0, m_width, m_height, 0, 0, dstWidth, dstHeight, GL_COLOR_BUFFER_BIT,
                      scaled && smooth ? GL_LINEAR : GL_NEAREST);
    glBindFramebuffer(GL_FRAMEBUFFER, dstFbo);
}

std::vector<std::uint8_t> RenderTarget::readPixels()
{
    if (m_msFbo) {
        glBindFramebuffer(GL_READ_FRAMEBUFFER, m_msFbo);
        glBindFramebuffer(GL_DRAW_FRAMEBUFFER, m_fbo);
        glBlitFramebuffer(0, 0, m_width, m_height, 0, 0, m_width, m_height, GL_COLOR_BUFFER_BIT, GL_NEAREST);
    }
    glBindFramebuffer(GL_FRAMEBUFFER, m_fbo);
    std::vector<std::uint8_t> pixels(std::size_t(m_width) * std::size_t(m_height) * 4);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, m_width, m_height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
    // Flip to top row first.
    const std::size_t row = std::size_t(m_width) * 4;
    for (int y = 0; y < m_height / 2; ++y)
        std::swap_ranges(pixels.begin() + std::ptrdiff_t(std::size_t(y) * row),
                         pixels.begin() + std::ptrdiff_t(std::size_t(y) * row + row),
                         pixels.begin() + std::ptrdiff_t(std::size_t(m_height - 1 - y) * row));
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    return pixels;
}

} // namespace psoas::render
