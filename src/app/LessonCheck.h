#pragma once
// `psoas-atlas --check-lesson FILE...`: validates lessons with no display. Every problem is one
// line, "file: step N ("title"), field "f": what to do" (file-level problems have no step);
// the ids, presets and coordinate ranges are checked against the built-in catalog and rig.
// A quiz file (schema "psoas-atlas-quiz") is checked as a quiz: "file: question N (id), field
// "f": what to do"; a lesson step's "quiz" file is checked with the lesson.
#include <iosfwd>
#include <string>
#include <vector>

namespace psoas::app {

// Returns 0 when every file opens with no problem, 1 when any has one, 2 when the built-in
// catalog or rig cannot be read (then nothing could be checked).
int runLessonCheck(const std::vector<std::string>& files, std::ostream& out, std::ostream& err);

} // namespace psoas::app
