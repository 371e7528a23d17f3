#include "render/RenderTarget.h"

#include "render/ShaderProgram.h"

#include <algorithm>
#include <epoxy/gl.h>

namespace psoas::render {

RenderTarget::~RenderTarget() { release(); }

void RenderTarget::release()
{
    GLuint fbos[2] = {m_fbo, m_msFbo};
    GLuint rbs[3] = {m_color, m_depth, m_msDepth};
    if (m_fbo || m_msFbo) glDeleteFramebuffers(2, fbos);
    if (m_color || m_depth || m_msDepth) glDeleteRenderbuffers(3, rbs);
    if (m_msColor) glDeleteTextures(1, &m_msColor);
    if (m_resolveVao) glDeleteVertexArrays(1, &m_resolveVao);
    m_resolveProgram.reset();
    m_resolveVao = 0;
    m_resolveFailed = false;
    m_fbo = m_color = m_depth = m_msFbo = m_msColor = m_msDepth = 0;
    m_width = m_height = m_samples = m_requestedSamples = 0;
}

core::Status RenderTarget::create(int width, int height, int samples)
{
    release();
    GLint maxSize = 0, maxSamples = 0, maxTextureSamples = 0;
    glGetIntegerv(GL_MAX_RENDERBUFFER_SIZE, &maxSize);
    glGetIntegerv(GL_MAX_SAMPLES, &maxSamples);
    glGetIntegerv(GL_MAX_COLOR_TEXTURE_SAMPLES, &maxTextureSamples);
    maxSamples = std::min(maxSamples, maxTextureSamples);
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
        if (s > 1) { // a texture, so that resolve() can read its samples in a shader
            glGenTextures(1, &color);
            glBindTexture(GL_TEXTURE_2D_MULTISAMPLE, color);
            glTexImage2DMultisample(GL_TEXTURE_2D_MULTISAMPLE, s, GL_RGBA8, width, height, GL_TRUE);
            glBindTexture(GL_TEXTURE_2D_MULTISAMPLE, 0);
            glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D_MULTISAMPLE, color, 0);
        } else {
            glGenRenderbuffers(1, &color);
            glBindRenderbuffer(GL_RENDERBUFFER, color);
            glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, width, height);
            glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, color);
        }
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
        GLuint f = m_msFbo, t = m_msColor, rb = m_msDepth;
        glDeleteFramebuffers(1, &f);
        glDeleteTextures(1, &t);
        glDeleteRenderbuffers(1, &rb);
        m_msFbo = m_msColor = m_msDepth = 0;
        m_samples = 0;
    }
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    return core::Status::success();
}

void RenderTarget::blitTo(unsigned dstFbo, int dstWidth, int dstHeight, bool smooth)
{
    if (!m_fbo || dstWidth <= 0 || dstHeight <= 0) return;
    const GLuint src = m_fbo;
    resolve(); // a multisampled image is resolved into our single-sample buffer first
    const bool scaled = dstWidth != m_width || dstHeight != m_height;
    glBindFramebuffer(GL_READ_FRAMEBUFFER, src);
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, dstFbo);
    glBlitFramebuffer(0, 0, m_width, m_height, 0, 0, dstWidth, dstHeight, GL_COLOR_BUFFER_BIT,
                      scaled && smooth ? GL_LINEAR : GL_NEAREST);
    glBindFramebuffer(GL_FRAMEBUFFER, dstFbo);
}

void RenderTarget::resolve()
{
    if (!m_msFbo) return;
    if (resolveWithShader()) return;
    glBindFramebuffer(GL_READ_FRAMEBUFFER, m_msFbo);
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, m_fbo);
    glBlitFramebuffer(0, 0, m_width, m_height, 0, 0, m_width, m_height, GL_COLOR_BUFFER_BIT, GL_NEAREST);
}

bool RenderTarget::resolveWithShader()
{
    if (m_resolveFailed) return false;
    if (!m_resolveProgram) {
        m_resolveProgram = std::make_unique<ShaderProgram>();
        if (!m_resolveProgram->build("background.vert", "resolve.frag")) {
            m_resolveFailed = true; // the blit below still resolves, only slower to start
            return false;
        }
        glGenVertexArrays(1, &m_resolveVao);
    }
    // Save what this pass changes, so callers (Renderer, Qt's paint engine) see no difference.
    GLint program = 0, vao = 0, activeTexture = 0, texture = 0, viewport[4] = {};
    glGetIntegerv(GL_CURRENT_PROGRAM, &program);
    glGetIntegerv(GL_VERTEX_ARRAY_BINDING, &vao);
    glGetIntegerv(GL_ACTIVE_TEXTURE, &activeTexture);
    glActiveTexture(GL_TEXTURE0);
    glGetIntegerv(GL_TEXTURE_BINDING_2D_MULTISAMPLE, &texture);
    glGetIntegerv(GL_VIEWPORT, viewport);
    const GLenum caps[] = {GL_DEPTH_TEST, GL_BLEND, GL_SCISSOR_TEST, GL_CULL_FACE, GL_STENCIL_TEST};
    GLboolean enabled[5];
    for (int i = 0; i < 5; ++i) {
        enabled[i] = glIsEnabled(caps[i]);
        glDisable(caps[i]);
    }
    GLboolean colorMask[4], depthMask = GL_TRUE;
    glGetBooleanv(GL_COLOR_WRITEMASK, colorMask);
    glGetBooleanv(GL_DEPTH_WRITEMASK, &depthMask);
    glColorMask(GL_TRUE, GL_TRUE, GL_TRUE, GL_TRUE);
    glDepthMask(GL_FALSE);

    glBindFramebuffer(GL_FRAMEBUFFER, m_fbo);
    glViewport(0, 0, m_width, m_height);
    m_resolveProgram->use();
    m_resolveProgram->set("uSamples", unsigned(m_samples));
    glBindTexture(GL_TEXTURE_2D_MULTISAMPLE, m_msColor);
    glBindVertexArray(m_resolveVao);
    glDrawArrays(GL_TRIANGLES, 0, 3);

    glBindVertexArray(GLuint(vao));
    glBindTexture(GL_TEXTURE_2D_MULTISAMPLE, GLuint(texture));
    glActiveTexture(GLenum(activeTexture));
    glUseProgram(GLuint(program));
    glViewport(viewport[0], viewport[1], viewport[2], viewport[3]);
    for (int i = 0; i < 5; ++i)
        if (enabled[i]) glEnable(caps[i]);
    glColorMask(colorMask[0], colorMask[1], colorMask[2], colorMask[3]);
    glDepthMask(depthMask);
    return true;
}

std::vector<std::uint8_t> RenderTarget::readPixels()
{
    resolve();
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
