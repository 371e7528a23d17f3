#include "render/Renderer.h"

#include <algorithm>
#include <chrono>
#include <epoxy/gl.h>

namespace psoas::render {

void RenderParams::setCamera(const scene::OrbitCamera& camera)
{
    view = camera.view();
    projection = camera.projection();
    cameraPosition = camera.position();
}

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
    GLint maxSamples = 0;
    glGetIntegerv(GL_MAX_SAMPLES, &maxSamples);
    info.maxSamples = maxSamples;
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
    dropLowDetailJob(); // its lists belong to meshes about to go
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
    dropLowDetailJob(); // reductions of the old model's meshes
    m_model = model;
    m_meshes.clear();
}

void Renderer::syncMeshes(bool lowDetail)
{
    if (!m_model) return;
    if (m_meshes.size() != m_model->meshes.size()) {
        m_meshes.clear();
        m_meshes.resize(m_model->meshes.size());
    }
    // Reductions being built on the worker thread: taken when ready, never waited for (the
    // frame draws those meshes whole meanwhile).
    const bool reducing = m_lodJob.valid();
    if (reducing && m_lodJob.wait_for(std::chrono::seconds(0)) == std::future_status::ready) collectLowDetail();
    for (std::size_t i = 0; i < m_meshes.size(); ++i) {
        if (m_meshes[i].upload(m_model->meshes[i])) ++m_uploads;
        if (lowDetail && !m_lodJob.valid()) m_meshes[i].ensureLowDetail(m_model->meshes[i]);
    }
}

bool Renderer::prepareLowDetail()
{
    if (!m_model) return true;
    if (m_lodJob.valid()) {
        if (m_lodJob.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return false;
        collectLowDetail();
        return true;
    }
    // The meshes reach the GPU here (quick); their reductions (slow, plain CPU) on a worker
    // thread, from copies, so that posing may change the model's vertices meanwhile.
    syncMeshes();
    std::vector<std::pair<std::vector<Vec3>, std::vector<std::uint32_t>>> inputs;
    m_lodJobMeshes.clear();
    for (std::size_t i = 0; i < m_meshes.size(); ++i) {
        if (!m_meshes[i].needsLowDetail(m_model->meshes[i])) continue;
        m_lodJobMeshes.push_back(i);
        m_lodJobIndexCounts.push_back(m_model->meshes[i].indices.size());
        inputs.emplace_back(m_model->meshes[i].positions, m_model->meshes[i].indices);
    }
    if (inputs.empty()) return true;
    m_lodJob = std::async(std::launch::async, [inputs = std::move(inputs)] {
        std::vector<std::vector<std::uint32_t>> lists;
        lists.reserve(inputs.size());
        for (const auto& [positions, indices] : inputs) lists.push_back(GpuMesh::reduceIndices(positions, indices));
        return lists;
    });
    return false;
}

void Renderer::dropLowDetailJob()
{
    if (m_lodJob.valid()) m_lodJob.wait();
    m_lodJob = {};
    m_lodJobMeshes.clear();
    m_lodJobIndexCounts.clear();
}

void Renderer::collectLowDetail()
{
    const auto lists = m_lodJob.get();
    for (std::size_t k = 0; k < lists.size() && k < m_lodJobMeshes.size(); ++k) {
        const std::size_t i = m_lodJobMeshes[k];
        // A mesh whose topology changed meanwhile builds its own list when next needed.
        if (i < m_meshes.size() && m_model && m_meshes[i].needsLowDetail(m_model->meshes[i]) &&
            m_model->meshes[i].indices.size() == m_lodJobIndexCounts[k])
            m_meshes[i].setLowDetail(lists[k]);
    }
    m_lodJobMeshes.clear();
    m_lodJobIndexCounts.clear();
}

void Renderer::drawItems(const scene::DrawList& list, const std::vector<std::size_t>& order, bool pickPass,
                         bool cullClosed, bool lowDetail)
{
    ShaderProgram& prog = pickPass ? m_pickProgram : m_meshProgram;
    int culling = 0; // the GL state: 0 off, +1 back faces, -1 front faces
    glDisable(GL_CULL_FACE);
    for (std::size_t idx : order) {
        const auto& item = list.items[idx];
        if (item.mesh < 0 || std::size_t(item.mesh) >= m_meshes.size()) continue;
        const GpuMesh& mesh = m_meshes[std::size_t(item.mesh)];
        // Closed surfaces never show their inside, so half their triangles need no rasterising.
        // A mirroring transform flips the winding.
        int want = cullClosed ? mesh.closedWinding() : 0;
        if (want != 0 && glm::determinant(Mat3(item.world)) < 0.0f) want = -want;
        if (want != culling) {
            if (want == 0) glDisable(GL_CULL_FACE);
            else {
                glEnable(GL_CULL_FACE);
                glCullFace(want > 0 ? GL_BACK : GL_FRONT);
            }
            culling = want;
        }
        prog.set("uModel", item.world);
        prog.set("uNormalMatrix", glm::transpose(glm::inverse(Mat3(item.world))));
        if (pickPass) {
            prog.set("uPickId", unsigned(item.pickId));
        } else {
            prog.set("uColor", item.color);
            prog.set("uOpacity", item.opacity);
            prog.set("uHighlight", item.highlight);
        }
        mesh.draw(lowDetail);
    }
    glDisable(GL_CULL_FACE);
}

void Renderer::render(const scene::DrawList& list, const RenderParams& p)
{
    if (!m_initialized) return;
    m_params = p;
    syncMeshes(p.lowDetail);
    glBindFramebuffer(GL_FRAMEBUFFER, p.framebuffer);
    glViewport(0, 0, p.width, p.height);
    glDisable(GL_BLEND);
    glDisable(GL_SCISSOR_TEST);
    glDepthMask(GL_TRUE);
    glClearColor(p.backgroundBottom.r, p.backgroundBottom.g, p.backgroundBottom.b, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);

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

    // View-space depth of each item's bounds centre (GpuMesh keeps it from the last upload).
    std::vector<float> depth(list.items.size(), 0.0f);
    std::vector<std::size_t> opaque, transparent;
    for (std::size_t i = 0; i < list.items.size(); ++i) {
        const auto& item = list.items[i];
        const Vec3 c = item.mesh >= 0 && std::size_t(item.mesh) < m_meshes.size()
                           ? m_meshes[std::size_t(item.mesh)].centre()
                           : Vec3(0.0f);
        depth[i] = (p.view * item.world * Vec4(c, 1.0f)).z; // negative in front of the camera
        (item.opacity < 0.999f ? transparent : opaque).push_back(i);
    }
    // Opaque front to back, so that the depth test rejects hidden fragments before shading.
    std::sort(opaque.begin(), opaque.end(), [&](std::size_t a, std::size_t b) { return depth[a] > depth[b]; });
    drawItems(list, opaque, false, true, p.lowDetail);

    // Background gradient after the opaque pass, behind everything (z = 0.999) and without
    // depth writes, so only the pixels the model leaves uncovered are shaded.
    glDepthMask(GL_FALSE);
    m_backgroundProgram.use();
    m_backgroundProgram.set("uTop", p.backgroundTop);
    m_backgroundProgram.set("uBottom", p.backgroundBottom);
    glBindVertexArray(m_emptyVao);
    glDrawArrays(GL_TRIANGLES, 0, 3);
    glDepthMask(GL_TRUE);

    if (!transparent.empty()) {
        m_meshProgram.use();
        // Back to front by the distance of each item's bounds centre.
        std::sort(transparent.begin(), transparent.end(), [&](std::size_t a, std::size_t b) { return depth[a] < depth[b]; });
        glEnable(GL_BLEND);
        // Blend colour only; keep the framebuffer opaque (alpha 1). A QOpenGLWidget's image is
        // composited as premultiplied alpha, so translucent alpha here showed as speckles of
        // saturated colour wherever a see-through layer (ghost, x-ray) covered another surface.
        glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ZERO, GL_ONE);
        glDepthMask(GL_FALSE);
        drawItems(list, transparent, false, false, p.lowDetail);
        glDepthMask(GL_TRUE);
        glDisable(GL_BLEND);
    }
    glBindVertexArray(0);
}

Renderer::PickResult Renderer::pick(const scene::DrawList& list, const RenderParams& p, int x, int y)
{
    if (!m_initialized || x < 0 || y < 0 || x >= p.width || y >= p.height) return {};
    syncMeshes();
    // Only one pixel matters: a pick matrix widens that pixel to the whole clip volume and the
    // viewport shrinks to the target's pixel (0, 0), so the rasteriser clips away everything else
    // (on software GL a full-size pick pass costs as much as a frame) and a 1x1 target is enough.
    // Depth is unchanged by the pick matrix.
    const int px = x, py = p.height - 1 - y;
    const float cx = (2.0f * (float(px) + 0.5f)) / float(p.width) - 1.0f;
    const float cy = (2.0f * (float(py) + 0.5f)) / float(p.height) - 1.0f;
    Mat4 pickMatrix(1.0f);
    pickMatrix[0][0] = float(p.width);
    pickMatrix[1][1] = float(p.height);
    pickMatrix[3][0] = -cx * float(p.width);
    pickMatrix[3][1] = -cy * float(p.height);
    glBindFramebuffer(GL_FRAMEBUFFER, p.framebuffer);
    glViewport(0, 0, 1, 1);
    glEnable(GL_SCISSOR_TEST);
    glScissor(0, 0, 1, 1);
    glDisable(GL_BLEND);
    glDisable(GL_MULTISAMPLE);
    glEnable(GL_DEPTH_TEST);
    glDepthFunc(GL_LESS);
    glDepthMask(GL_TRUE);
    glClearColor(0, 0, 0, 0);
    glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
    m_pickProgram.use();
    m_pickProgram.set("uView", p.view);
    m_pickProgram.set("uProjection", pickMatrix * p.projection);
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < list.items.size(); ++i) order.push_back(i);
    drawItems(list, order, true, false);
    unsigned char px4[4] = {0, 0, 0, 0};
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, px4);
    float depth = 1.0f;
    glReadPixels(0, 0, 1, 1, GL_DEPTH_COMPONENT, GL_FLOAT, &depth);
    glBindVertexArray(0);
    glDisable(GL_SCISSOR_TEST);
    glViewport(0, 0, p.width, p.height);
    glEnable(GL_MULTISAMPLE);
    PickResult r;
    r.id = std::uint32_t(px4[0]) | (std::uint32_t(px4[1]) << 8) | (std::uint32_t(px4[2]) << 16) |
           (std::uint32_t(px4[3]) << 24);
    r.ndcDepth = depth * 2.0f - 1.0f;
    return r;
}

} // namespace psoas::render
