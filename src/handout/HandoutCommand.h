#pragma once
// `psoas-atlas --handout OUT.pdf LESSON.json [--page a4|letter] [--note TEXT] [--model FILE]`:
// opens the lesson and the model, applies each step as the viewer does (pose, layers,
// selection, camera), renders it off screen (EGL, no display), and writes the handout PDF
// atomically. The viewer's Export Handout runs this same command.
#include "core/Error.h"

#include <functional>
#include <iosfwd>
#include <string>

namespace psoas::handout {

struct HandoutRequest {
    std::string output;    // the PDF
    std::string lesson;    // the lesson file
    std::string page = "a4";
    std::string note;      // the clinician's note (may be empty)
    std::string modelPath; // empty: the built-in model
};

// Called before each step is rendered (1-based) and once more with step == count at the end.
using HandoutProgress = std::function<void(int step, int count)>;

// The whole command; messages (each naming the file or value and what to do) go to `err`.
// Exit code: 0 written, 1 a file could not be read or written, 2 a bad value or target.
int runHandoutCommand(const HandoutRequest& request, std::ostream& err, const HandoutProgress& progress = {});

} // namespace psoas::handout
