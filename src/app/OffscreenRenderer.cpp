#include "app/OffscreenRenderer.h"

#include "app/Document.h"
#include "render/HeadlessContext.h"
#include "render/RenderTarget.h"
#include "render/Renderer.h"
#include "scene/OrbitCamera.h"

#include <optional>

namespace psoas::app {

struct OffscreenRenderer::Gl {
    std::unique_ptr<render::HeadlessContext> context;
    render::Renderer renderer;
    render::RenderTarget target;
    int width = 0;
    int height = 0;
    std::optional<Vec3> backgroundTop, backgroundBottom;
};

OffscreenRenderer::OffscreenRenderer(std::unique_ptr<Gl> gl) : m_gl(std::move(gl)) {}
OffscreenRenderer::~OffscreenRenderer()
{
    // GL objects go while the context (destroyed last) is still current.
    m_gl->renderer.release();
    m_gl->target.release();
}

core::Result<std::unique_ptr<OffscreenRenderer>> OffscreenRenderer::create(int width, int height, int samples)
{
    auto gl = std::make_unique<Gl>();
    auto ctx = render::HeadlessContext::create();
    if (!ctx) return ctx.error();
    gl->context = std::move(ctx).value();
    if (auto s = gl->renderer.initialize(); !s) return core::makeError(s.message());
    if (auto s = gl->target.create(width, height, samples); !s) return core::makeError(s.message());
    gl->width = width;
    gl->height = height;
    return std::unique_ptr<OffscreenRenderer>(new OffscreenRenderer(std::move(gl)));
}

int OffscreenRenderer::width() const { return m_gl->width; }
int OffscreenRenderer::height() const { return m_gl->height; }

void OffscreenRenderer::setBackground(const Vec3& top, const Vec3& bottom)
{
    m_gl->backgroundTop = top;
    m_gl->backgroundBottom = bottom;
}

std::vector<std::uint8_t> OffscreenRenderer::draw(const Document& doc, scene::OrbitCamera& camera)
{
    camera.setViewport(m_gl->width, m_gl->height);
    render::RenderParams params;
    params.setCamera(camera);
    params.width = m_gl->width;
    params.height = m_gl->height;
    params.framebuffer = m_gl->target.drawFramebuffer();
    if (m_gl->backgroundTop) params.backgroundTop = *m_gl->backgroundTop;
    if (m_gl->backgroundBottom) params.backgroundBottom = *m_gl->backgroundBottom;
    // The meshes stay uploaded between draws; a posed mesh (a new version) is uploaded again.
    m_gl->renderer.setModel(&doc.model());
    m_gl->renderer.render(doc.drawList(), params);
    return m_gl->target.readPixels();
}

} // namespace psoas::app
