#include "app/RenderCommand.h"

#include "app/Document.h"
#include "app/LayerSpec.h"
#include "app/LayerState.h"
#include "app/OffscreenRenderer.h"
#include "io/PngWriter.h"
#include "core/FileKind.h"
#include "scene/ViewPreset.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <future>
#include <memory>
#include <sstream>
#include <cmath>
#include <ostream>
#include <stdexcept>

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

core::Status parseSamples(const std::string& text, int& samples)
{
    for (int n : {1, 2, 4, 8}) {
        if (text == std::to_string(n)) {
            samples = n;
            return core::Status::success();
        }
    }
    return core::makeError("--samples '" + text + "' is not valid. Use 1 (no anti-aliasing), 2, 4 or 8.");
}

core::Status parseAssignment(const std::string& text, std::string& name, double& value)
{
    auto eq = text.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 >= text.size())
        return core::makeError("--set '" + text + "' is not valid. Use COORD=VALUE, for example hip_flexion_r=30.");
    name = text.substr(0, eq);
    const std::string v = text.substr(eq + 1);
    try {
        std::size_t used = 0;
        value = std::stod(v, &used);
        if (used != v.size()) throw std::invalid_argument(v);
    } catch (const std::exception&) {
        return core::makeError("--set " + name + ": '" + v + "' is not a number. Use degrees (or % for breathing).");
    }
    if (!std::isfinite(value))
        return core::makeError("--set " + name + ": '" + v + "' is not a finite number. Use degrees (or % for breathing), for example hip_flexion_r=30.");
    return core::Status::success();
}

core::Status applyPoseRequest(Document& doc, const std::string& pose, const std::string& mode,
                              const std::vector<std::string>& sets, std::ostream& notes)
{
    if (pose.empty() && mode.empty() && sets.empty()) return core::Status::success();
#ifdef PSOAS_HAVE_SOLVER
    auto* kin = doc.kinematics();
    if (!kin) return core::makeError(doc.poseError());
    if (!pose.empty()) {
        auto names = kin->presetNames();
        if (std::find(names.begin(), names.end(), pose) == names.end()) {
            std::string list;
            for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
            return core::makeError("Unknown pose '" + pose + "'. Choose one of: " + list + ".");
        }
        if (auto s = kin->applyPreset(pose); !s) notes << "psoas-atlas: " << s.message() << "\n";
    }
    if (mode == "free") kin->setMode(solver::Mode::Free);
    else if (mode == "standing") kin->setMode(solver::Mode::Standing);
    else if (!mode.empty()) return core::makeError("Unknown mode '" + mode + "'. Use free or standing.");
    for (const auto& set : sets) {
        std::string name;
        double value = 0;
        if (auto s = parseAssignment(set, name, value); !s) return s;
        std::string note;
        if (auto s = kin->setCoordinate(name, value, &note); !s) return s;
        if (!note.empty()) notes << "psoas-atlas: " << note << "\n";
    }
    if (auto s = doc.updatePose(); !s) notes << "psoas-atlas: " << s.message() << "\n";
    return core::Status::success();
#else
    (void)doc; (void)notes;
    return core::makeError("This build has no joint-angle solver; --pose, --mode and --set are not available.");
#endif
}

namespace {

// The camera of a view preset, framing everything visible.
void lookFrom(scene::OrbitCamera& camera, const Document& doc, const scene::ViewPreset& view, int width, int height)
{
    camera.setViewport(width, height);
    const scene::ViewPreset onBody = doc.orientedView(view); // a lying body's anterior is seen from above
    camera.lookAlong(onBody.viewDir, onBody.up);
    doc.frameAll(camera);
}

core::Status unknownView(const std::string& name)
{
    return core::makeError("Unknown view '" + name + "'. Choose one of: " + scene::viewPresetNames() + ".");
}

struct OpenedDocument {
    std::unique_ptr<Document> doc;
    std::string error;
    int exitCode = 0;
    std::string notes;
};

// Everything a render needs that is not GL: model, catalog, solver, pose and layers.
OpenedDocument openForRender(const RenderRequest& request)
{
    OpenedDocument out;
    std::string modelPath = request.modelPath.empty() ? Document::defaultModelPath() : request.modelPath;
    std::string catalogPath = Document::catalogFor(modelPath);
    auto doc = Document::open(modelPath, catalogPath);
    if (!doc) {
        out.error = doc.message();
        out.exitCode = 1;
        return out;
    }
    std::ostringstream notes;
    if (auto s = applyPoseRequest(*doc.value(), request.pose, request.mode, request.sets, notes); !s) {
        out.notes = notes.str();
        out.error = s.message();
        out.exitCode = 2;
        return out;
    }
    out.notes = notes.str();
    if (!request.layers.empty()) {
        auto layers = LayerState::fromDocument(*doc.value());
        if (auto s = applyLayerSpec(request.layers, layers); !s) {
            out.error = s.message();
            out.exitCode = 2;
            return out;
        }
        layers.apply(doc.value()->scene());
    }
    out.doc = std::move(doc).value();
    return out;
}

} // namespace

core::Result<std::vector<std::uint8_t>> renderDocument(Document& doc, const std::string& viewName, int width,
                                                       int height, int samples)
{
    auto view = scene::findViewPreset(viewName);
    if (!view) return core::makeError(unknownView(viewName).message());
    auto renderer = OffscreenRenderer::create(width, height, samples);
    if (!renderer) return core::makeError(renderer.message());
    scene::OrbitCamera camera;
    lookFrom(camera, doc, *view, width, height);
    return renderer.value()->draw(doc, camera);
}

int runRenderCommand(const RenderRequest& request, std::ostream& err)
{
    if (request.output.empty()) {
        err << "psoas-atlas: --render needs an output file, for example --render front.png\n";
        return 2;
    }
    // Checked before the work as well as by the writer: a FIFO, device or folder is never replaced.
    if (const std::string kind = core::specialFileKind(request.output); !kind.empty()) {
        err << "psoas-atlas: cannot write the image to '" << request.output << "': it is " << kind
            << ", not a regular file, and is left as it is. Give a file name such as front.png.\n";
        return 2;
    }
    auto view = scene::findViewPreset(request.view);
    if (!view) {
        err << "psoas-atlas: " << unknownView(request.view).message() << "\n";
        return 2;
    }
    // Start-up is most of a --render: load the model and bind the solver on a worker thread while
    // this thread brings up the GL context (llvmpipe's LLVM start, shader compiles, MSAA target).
    auto opening = std::async(std::launch::async, [&request] { return openForRender(request); });
    auto renderer = OffscreenRenderer::create(request.width, request.height, request.samples);
    OpenedDocument opened = opening.get();
    err << opened.notes;
    if (!opened.doc) {
        err << "psoas-atlas: " << opened.error << "\n";
        return opened.exitCode;
    }
    if (!renderer) {
        err << "psoas-atlas: " << renderer.message() << "\n";
        return 1;
    }
    scene::OrbitCamera camera;
    lookFrom(camera, *opened.doc, *view, request.width, request.height);
    auto pixels = renderer.value()->draw(*opened.doc, camera);
    if (request.decorate) {
        std::string error;
        if (!request.decorate(pixels, request.width, request.height, camera, *opened.doc, error)) {
            err << "psoas-atlas: " << (error.empty() ? std::string("could not draw on the image.") : error) << "\n";
            return 1;
        }
    }
    if (auto s = io::writePng(request.output, request.width, request.height, pixels); !s) {
        err << "psoas-atlas: " << s.message() << "\n";
        return 1;
    }
    if (request.exitWhenWritten) {
        err.flush();
        std::fflush(nullptr);
        std::_Exit(0);
    }
    return 0;
}

} // namespace psoas::app
