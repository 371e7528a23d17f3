#include "render/Renderer.h"

#include <algorithm>
#include <epoxy/gl.h>

namespace psoas::render {

GlInfo Renderer::glInfo()
{
    GlInfo info;
    auto str = [](GLenum e) {
        const GLubyte* s = glGetString(e);
        return s ? std::string(reinterpret_cast<const char*>(s)) : std::string();
    };
    info.version = str(GL_VERSION);
    info.renderer = str(GL_RENDERER);
    int v = epoxy_gl_version();
    info.major = v / 10;
    info.minor = v % 10;
    GLint samples = 0;
    glGetIntegerv(GL_SAMPLES, &samples);
    info.samples = samples;
    return info;
}

core::Status Renderer::initialize()
{
    if (m_initialized) return core::Status::success();
    if (epoxy_gl_version() < 33 || epoxy_is_desktop_gl() == 0) {
        auto info = glInfo();
        return core::makeError("Psoas Atlas needs OpenGL 3.3, but this machine offers only '" + info.version +
                               "' (" + info.renderer + "). Update the graphics driver, or install Mesa "
                               "(package libgl1-mesa-dri) for software rendering.");
    }
    if (auto s = m_meshProgram.build("mesh.vert", "mesh.frag"); !s) return s;
    if (auto s = m_backgroundProgram.build("background.vert", "background.frag"); !s) return s;
    if (auto s = m_pickProgram.build("mesh.vert", "pick.frag"); !s) return s;
    glGenVertexArrays(1, &m_emptyVao);
    m_initialized = true;
    return core::Status::success();
}

void Renderer::release()
{
    m_meshes.clear();
    m_meshProgram.release();
    m_backgroundProgram.release();
    m_pickProgram.release();
    if (m_emptyVao) glDeleteVertexArrays(1, &m_emptyVao);
    m_emptyVao = 0;
    m_initialized = false;
}

void Renderer::setModel(const anatomy::Model* model)
{
    if (model == m_model) return;
    m_model = model;
    m_meshes.clear();
}

void Renderer::syncMeshes()
{
    if (!m_model) return;
    if (m_meshes.size() != m_model->meshes.size()) {
        m_meshes.clear();
        m_meshes.resize(m_model->meshes.size());
    }
    for (std::size_t i = 0; i < m_meshes.size(); ++i)
        if (m_meshes[i].upload(m_model->meshes[i])) ++m_uploads;
}

void Renderer::drawItems(const scene::DrawList& list, const std::vector<std::size_t>& order, bool pickPass)
{
    ShaderProgram& prog = pickPass ? m_pickProgram : m_meshProgram;
    for (std::size_t idx : order) {
        const auto& item = list.items[idx];
        if (item.mesh < 0 || std::size_t(item.mesh) >= m_meshes.size()) continue;
        prog.set("uModel", item.world);
        prog.set("uNormalMatrix", glm::transpose(glm::inverse(Mat3(item.world))));
        if (pickPass) {
            prog.set("uPickId", unsigned(item.pickId));
        } else {
            prog.set("uColor", item.color);
            prog.set("uOpacity", item.opacity);
            prog.set("uHighlight", item.highlight);
        }
        m_meshes[std::size_t(item.mesh)].draw();
    }
}

void Renderer::render(const scene::DrawList& list, const RenderParams& p)
{
    if (!m_initialized) return;
    m_params = p;
    syncMeshes();
    glBindFramebuffer(GL_FRAMEBUFFER, p.framebuffer);
    glViewport(0, 0, p.width, p.height);
    glDisable(GL_BLEND);
    glDepthMask(GL_TRUE);
    glClearColor(p.backgroundBottom.r, p.backgroundBottom.g, p.backgroundBottom.b, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);

    // Background gradient, without depth writes.
    glDisable(GL_DEPTH_TEST);
    m_backgroundProgram.use();
    m_backgroundProgram.set("uTop", p.backgroundTop);
    m_backgroundProgram.set("uBottom", p.backgroundBottom);
    glBindVertexArray(m_emptyVao);
    glDrawArrays(GL_TRIANGLES, 0, 3);

    glEnable(GL_DEPTH_TEST);
    glDepthFunc(GL_LESS);
    glEnable(GL_MULTISAMPLE);
    m_meshProgram.use();
    m_meshProgram.set("uView", p.view);
    m_meshProgram.set("uProjection", p.projection);
    m_meshProgram.set("uCameraPos", p.cameraPosition);
    m_meshProgram.set("uHighlightColor", p.highlightColor);
    // Lights follow the camera so every view is well lit: key from upper left front, fill from the right.
    Mat3 camToWorld = glm::inverse(Mat3(p.view));
    m_meshProgram.set("uKeyDir", camToWorld * glm::normalize(Vec3(-0.45f, 0.65f, 0.6f)));
    m_meshProgram.set("uFillDir", camToWorld * glm::normalize(Vec3(0.7f, -0.1f, 0.5f)));

    std::vector<std::size_t> opaque, transparent;
    for (std::size_t i = 0; i < list.items.size(); ++i)
        (list.items[i].opacity < 0.999f ? transparent : opaque).push_back(i);
    glDisable(GL_CULL_FACE);
    drawItems(list, opaque, false);

    if (!transparent.empty()) {
        // Back to front by the distance of each item's origin-transformed bounds centre.
        std::vector<float> depth(list.items.size(), 0.0f);
        for (std::size_t i : transparent) {
            const auto& item = list.items[i];
            Vec3 c(0.0f);
            if (item.mesh >= 0 && m_model && std::size_t(item.mesh) < m_model->meshes.size()) {
                Vec3 mn, mx;
                m_model->meshes[std::size_t(item.mesh)].computeBounds(mn, mx);
                c = 0.5f * (mn + mx);
            }
            Vec4 v = p.view * item.world * Vec4(c, 1.0f);
            depth[i] = v.z;
        }
        std::sort(transparent.begin(), transparent.end(), [&](std::size_t a, std::size_t b) { return depth[a] < depth[b]; });
        glEnable(GL_BLEND);
        // Blend colour only; keep the framebuffer opaque (alpha 1). A QOpenGLWidget's image is
        // composited as premultiplied alpha, so translucent alpha here showed as speckles of
        // saturated colour wherever a see-through layer (ghost, x-ray) covered another surface.
        glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ZERO, GL_ONE);
        glDepthMask(GL_FALSE);
        drawItems(list, transparent, false);
        glDepthMask(GL_TRUE);
        glDisable(GL_BLEND);
    }
    glBindVertexArray(0);
}

Renderer::PickResult Renderer::pick(const scene::DrawList& list, const RenderParams& p, int x, int y)
{
    if (!m_initialized || x < 0 || y < 0 || x >= p.width || y >= p.height) return {};
    syncMeshes();
    glBindFramebuffer(GL_FRAMEBUFFER, p.framebuffer);
    glViewport(0, 0, p.width, p.height);
    glDisable(GL_BLEND);
    glDisable(GL_MULTISAMPLE);
    glEnable(GL_DEPTH_TEST);
    glDepthMask(GL_TRUE);
    glClearColor(0, 0, 0, 0);
    glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
    m_pickProgram.use();
    m_pickProgram.set("uView", p.view);
    m_pickProgram.set("uProjection", p.projection);
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < list.items.size(); ++i) order.push_back(i);
    drawItems(list, order, true);
    unsigned char px[4] = {0, 0, 0, 0};
    glReadPixels(x, p.height - 1 - y, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, px);
    float depth = 1.0f;
    glReadPixels(x, p.height - 1 - y, 1, 1, GL_DEPTH_COMPONENT, GL_FLOAT, &depth);
    glBindVertexArray(0);
    glEnable(GL_MULTISAMPLE);
    PickResult r;
    r.id = std::uint32_t(px[0]) | (std::uint32_t(px[1]) << 8) | (std::uint32_t(px[2]) << 16) |
           (std::uint32_t(px[3]) << 24);
    r.ndcDepth = depth * 2.0f - 1.0f;
    return r;
}

} // namespace psoas::render
