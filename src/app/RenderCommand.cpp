#include "app/RenderCommand.h"

#include "app/Document.h"
#include "io/PngWriter.h"
#include "render/HeadlessContext.h"
#include "render/RenderTarget.h"
#include "render/Renderer.h"
#include "scene/ViewPreset.h"

#include <ostream>

namespace psoas::app {

core::Status parseSize(const std::string& text, int& width, int& height)
{
    auto x = text.find_first_of("xX");
    auto bad = [&] {
        return core::makeError("--size '" + text + "' is not valid. Use WIDTHxHEIGHT with each side from 16 to 8192, "
                               "for example 1920x1080.");
    };
    if (x == std::string::npos || x == 0 || x + 1 >= text.size()) return bad();
    try {
        std::size_t used = 0;
        long w = std::stol(text.substr(0, x), &used);
        if (used != x) return bad();
        std::string hs = text.substr(x + 1);
        long h = std::stol(hs, &used);
        if (used != hs.size()) return bad();
        if (w < 16 || h < 16 || w > 8192 || h > 8192) return bad();
        width = int(w);
        height = int(h);
    } catch (const std::exception&) {
        return bad();
    }
    return core::Status::success();
}

core::Result<std::vector<std::uint8_t>> renderDocument(Document& doc, const std::string& viewName, int width,
                                                       int height, int samples)
{
    auto view = scene::findViewPreset(viewName);
    if (!view)
        return core::makeError("Unknown view '" + viewName + "'. Choose one of: " + scene::viewPresetNames() + ".");
    auto ctx = render::HeadlessContext::create();
    if (!ctx) return ctx.error();
    render::Renderer renderer;
    if (auto s = renderer.initialize(); !s) return core::makeError(s.message());
    render::RenderTarget target;
    if (auto s = target.create(width, height, samples); !s) return core::makeError(s.message());

    scene::OrbitCamera camera;
    camera.setViewport(width, height);
    camera.lookAlong(view->viewDir, view->up);
    doc.frameAll(camera);

    render::RenderParams params;
    params.view = camera.view();
    params.projection = camera.projection();
    params.cameraPosition = camera.position();
    params.width = width;
    params.height = height;
    params.framebuffer = target.drawFramebuffer();
    renderer.setModel(&doc.model());
    renderer.render(doc.drawList(), params);
    auto pixels = target.readPixels();
    renderer.release();
    return pixels;
}

int runRenderCommand(const RenderRequest& request, std::ostream& err)
{
    if (request.output.empty()) {
        err << "psoas-atlas: --render needs an output file, for example --render front.png\n";
        return 2;
    }
    std::string modelPath = request.modelPath.empty() ? Document::defaultModelPath() : request.modelPath;
    std::string catalogPath = request.modelPath.empty() ? Document::defaultCatalogPath() : std::string();
    auto doc = Document::open(modelPath, catalogPath);
    if (!doc) {
        err << "psoas-atlas: " << doc.message() << "\n";
        return 1;
    }
    auto pixels = renderDocument(*doc.value(), request.view, request.width, request.height, request.samples);
    if (!pixels) {
        err << "psoas-atlas: " << pixels.message() << "\n";
        return pixels.message().rfind("Unknown view", 0) == 0 ? 2 : 1;
    }
    if (auto s = io::writePng(request.output, request.width, request.height, pixels.value()); !s) {
        err << "psoas-atlas: " << s.message() << "\n";
        return 1;
    }
    return 0;
}

} // namespace psoas::app
