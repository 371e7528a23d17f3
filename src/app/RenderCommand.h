#pragma once
// `psoas-atlas --render OUT.png [--view NAME] [--size WxH] ...`: renders off screen with no
// display server (EGL) and writes a PNG.
#include "app/Attachments.h"
#include "core/Error.h"

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <string>
#include <utility>
#include <vector>

namespace psoas::scene { class OrbitCamera; }

namespace psoas::app {

class Document;

// Draws on a rendered image before it is written: RGBA8 pixels (top row first) of
// width x height, seen by `camera` (viewport = the image size): the marks and labels of
// `marks` (a lesson step's shown items, a selected muscle's attachments) and, when `labels`
// (--labels), every landmark label, as the viewer's overlay does. Drawn with Qt, which this
// module does not link. False: the image cannot be decorated (the command then fails, naming
// why in `error`).
using RenderDecorator =
    std::function<bool(std::vector<std::uint8_t>& rgba, int width, int height, const scene::OrbitCamera& camera,
                       const Document& doc, const ShownMarks& marks, bool labels, std::string& error)>;

// --camera: the orbit camera's direction and distance (see parseCamera in CommandLine.h).
struct RenderCamera {
    bool given = false;
    double yawDeg = 0.0;   // about the body's vertical axis; 0 = anterior, 90 = from the left
    double pitchDeg = 0.0; // elevation; > 0 from above
    double distance = 1.0; // metres from the target
};

struct RenderRequest {
    std::string output;          // PNG path
    std::string view = "anterior";
    bool viewGiven = false;      // --view given (with --lesson: replaces the step's direction)
    int width = 1280;
    int height = 720;
    int samples = 4;
    std::string modelPath;       // empty = built-in
    std::string pose;            // preset name, empty = neutral
    std::string mode;            // "free" or "standing", empty = the preset's
    std::vector<std::pair<std::string, double>> sets; // --set COORD=VALUE, in order
    std::string layers;          // --layers SPEC (see LayerSpec.h), empty = catalog defaults
    std::string lesson;          // --lesson FILE: steps 1..step are applied as the Lesson panel does
    int step = 0;                // --step N, 1-based
    std::string select;          // --select ID: selected (a landmark or attachment area: shown)
    std::vector<std::string> frame; // --frame ID,...: these structures fill the picture
    RenderCamera camera;         // --camera YAW,PITCH,DISTANCE
    bool labels = false;         // --labels: every landmark label
    RenderDecorator decorate;    // draws marks and labels; empty = the plain render (no marks)
    // The command line ends the process as soon as the PNG is safely written (flushed, renamed),
    // skipping the teardown of the GL context and the model: tens of milliseconds of a --render.
    bool exitWhenWritten = false;
};

// Applies pose, mode and coordinate values (in order) to the document. Errors name the bad value.
core::Status applyPoseRequest(Document& doc, const std::string& pose, const std::string& mode,
                              const std::vector<std::pair<std::string, double>>& sets, std::ostream& notes);

// Renders a document to RGBA pixels (top row first) with a headless GL context.
core::Result<std::vector<std::uint8_t>> renderDocument(Document& doc, const std::string& view, int width, int height,
                                                       int samples);

// Whole command: open, render, write. Returns the process exit code; messages go to `err`.
int runRenderCommand(const RenderRequest& request, std::ostream& err);

} // namespace psoas::app
