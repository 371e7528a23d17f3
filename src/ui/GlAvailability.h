#pragma once
// Can the viewer draw here? Checked once at start-up, before any window exists: Qt's
// QOpenGLWidget crashes on platforms that cannot compose OpenGL into a window (the
// "offscreen" and "minimal" platforms), and a machine without OpenGL 3.3 cannot draw the model.
#include <QString>

namespace psoas::ui {

// Empty when the viewer can start; else what is missing and what to do instead.
QString openGlProblem();

} // namespace psoas::ui
