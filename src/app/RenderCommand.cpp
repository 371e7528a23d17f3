#include "app/RenderCommand.h"

#include "app/Document.h"
#include "app/Lesson.h"
#include "app/LessonStepApply.h"
#include "app/Session.h"
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

core::Status applyPoseRequest(Document& doc, const std::string& pose, const std::string& mode,
                              const std::vector<std::pair<std::string, double>>& sets, std::ostream& notes)
{
    if (pose.empty() && mode.empty() && sets.empty()) return core::Status::success();
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
    if (!mode.empty()) {
        auto m = solver::parseModeName(mode);
        if (!m) return m.error();
        kin->setMode(*m);
    }
    for (const auto& [name, value] : sets) {
        std::string note;
        if (auto s = kin->setCoordinate(name, value, &note); !s) return s;
        if (!note.empty()) notes << "psoas-atlas: " << note << "\n";
    }
    if (auto s = doc.updatePose(); !s) notes << "psoas-atlas: " << s.message() << "\n";
    return core::Status::success();
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
    std::unique_ptr<Session> session;
    scene::OrbitCamera camera; // the lesson step's, else the default one
    std::string error;
    int exitCode = 0;
    std::string notes;
};

// Steps 1..request.step of the lesson, applied at once in order as the Lesson panel's Next
// does (each step's pose, layers, selection and shown marks; its camera starts from the one
// before): the picture a user sees on that step, and the handout's picture of it.
core::Status applyLessonSteps(const RenderRequest& request, Session& session, scene::OrbitCamera& camera,
                              std::ostream& notes)
{
    auto loaded = Lesson::load(request.lesson, LessonVocabulary::fromDocument(*session.document()));
    if (!loaded) return core::makeError(loaded.message());
    for (const auto& w : loaded->warnings) notes << "psoas-atlas: " << w << "\n";
    const auto& steps = loaded->lesson.steps;
    if (request.step < 1 || std::size_t(request.step) > steps.size())
        return core::makeError("--step " + std::to_string(request.step) + ": the lesson '" + request.lesson +
                               "' has " + std::to_string(steps.size()) + " step" + (steps.size() == 1 ? "" : "s") +
                               (steps.empty() ? "; add steps in the viewer's Lesson panel."
                                              : "; give --step 1 to " + std::to_string(steps.size()) + "."));
    for (int i = 0; i < request.step; ++i)
        if (auto s = applyLessonStep(session, steps[std::size_t(i)], camera); !s)
            notes << "psoas-atlas: " << request.lesson << ": step " << i + 1 << " (\"" << steps[std::size_t(i)].title
                  << "\"): " << s.message() << " The step is shown without it.\n";
    return core::Status::success();
}

core::Status unknownStructure(const std::string& option, const std::string& id)
{
    return core::makeError(option + " '" + id + "': no structure has this id. List them with psoas-atlas "
                           "--list-structures (the first column).");
}

// --select: as a search result does (Session::focus): a structure is selected, a landmark or
// attachment area shown with its bone or muscle.
core::Status applySelect(Session& session, const std::string& id)
{
    const Document& doc = *session.document();
    if (!doc.catalog() || !doc.catalog()->find(id) || doc.scene().find(id) < 0) return unknownStructure("--select", id);
    session.focus(id);
    const auto& shown = session.shown();
    if (session.selection().selected() != id && std::find(shown.begin(), shown.end(), id) == shown.end())
        return core::makeError("--select '" + id + "' is hidden (by --layers or the lesson step), and a hidden "
                               "structure cannot be selected; show it (e.g. --layers +" + id + ") or leave --select out.");
    return core::Status::success();
}

// --layers on top of what the lesson step set (or the catalog's defaults).
core::Status applyLayers(Session& session, const std::string& spec)
{
    LayerState layers = session.layers();
    if (auto s = applyLayerSpec(spec, layers); !s) return s;
    session.applyLayersAndSelection(layers.toJson(), session.selection().selected(), "--layers", session.shown());
    return core::Status::success();
}

// Everything a render needs that is not GL: model, catalog, solver, lesson steps, pose,
// layers and selection.
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
    out.session = std::make_unique<Session>();
    out.session->setDocument(doc.value().get());
    out.camera.setViewport(request.width, request.height);
    std::ostringstream notes;
    auto fail = [&](const core::Status& s, int code) {
        out.notes = notes.str();
        out.error = s.message();
        out.exitCode = code;
        out.session.reset();
        return std::move(out);
    };
    if (!request.lesson.empty())
        if (auto s = applyLessonSteps(request, *out.session, out.camera, notes); !s)
            return fail(s, s.message().find("--step") == 0 ? 2 : 1);
    if (auto s = applyPoseRequest(*doc.value(), request.pose, request.mode, request.sets, notes); !s) return fail(s, 2);
    if (!request.layers.empty())
        if (auto s = applyLayers(*out.session, request.layers); !s) return fail(s, 2);
    if (!request.select.empty())
        if (auto s = applySelect(*out.session, request.select); !s) return fail(s, 2);
    out.notes = notes.str();
    out.doc = std::move(doc).value();
    return out;
}

// The direction along which the camera looks for --camera YAW,PITCH: from the anterior view,
// turned about the body's vertical axis (+Y) towards the patient's left (+X), then raised.
Vec3 cameraDirection(const RenderCamera& c)
{
    const double yaw = c.yawDeg * M_PI / 180.0, pitch = c.pitchDeg * M_PI / 180.0;
    const Vec3 fromTarget(float(std::sin(yaw) * std::cos(pitch)), float(std::sin(pitch)),
                          float(std::cos(yaw) * std::cos(pitch)));
    return -fromTarget;
}

// The camera of the picture: the lesson step's, or a view preset framing everything; --camera
// replaces the direction and distance, --frame the framing (see RenderRequest).
core::Status placeCamera(const RenderRequest& request, const Document& doc, const scene::ViewPreset& view,
                         scene::OrbitCamera& camera)
{
    const bool fromLesson = !request.lesson.empty();
    const bool newDirection = request.camera.given || request.viewGiven || !fromLesson;
    if (request.camera.given) camera.lookAlong(cameraDirection(request.camera), Vec3(0, 1, 0));
    else if (newDirection) camera.lookAlong(view.viewDir, view.up);
    if (!request.frame.empty()) {
        std::vector<int> nodes;
        for (const auto& id : request.frame) {
            const int node = doc.scene().find(id);
            if (node < 0 || !doc.catalog() || !doc.catalog()->find(id)) return unknownStructure("--frame", id);
            nodes.push_back(node);
        }
        Vec3 mn, mx;
        if (!doc.visibleBounds(nodes, mn, mx))
            return core::makeError("--frame: nothing of '" + request.frame.front() + (nodes.size() > 1 ? "', ..." : "'") +
                                   " is visible (hidden by --layers or the lesson step); show it or frame another "
                                   "structure.");
        camera.frameBounds(mn, mx);
    } else if (request.viewGiven || !fromLesson) {
        doc.frameAll(camera); // as the viewer's view buttons do
    }
    if (request.camera.given) {
        auto st = camera.state();
        st.distance = float(request.camera.distance);
        camera.setState(st);
    }
    return core::Status::success();
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
    scene::OrbitCamera camera = opened.camera;
    camera.setViewport(request.width, request.height);
    if (auto s = placeCamera(request, *opened.doc, *view, camera); !s) {
        err << "psoas-atlas: " << s.message() << "\n";
        return 2;
    }
    auto pixels = renderer.value()->draw(*opened.doc, camera);
    const Session& session = *opened.session;
    const std::string& selected = session.selection().selected();
    const ShownMarks marks = shownMarks(*opened.doc, session.shown(), session.isMuscle(selected) ? selected : "");
    if (request.labels || !marks.empty()) {
        std::string error = "this build cannot draw marks or labels on the image.";
        if (!request.decorate ||
            !request.decorate(pixels, request.width, request.height, camera, *opened.doc, marks, request.labels, error)) {
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
