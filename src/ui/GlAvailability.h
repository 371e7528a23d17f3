#pragma once
// Can the viewer draw here? Checked once at start-up, before any window exists: Qt's
// QOpenGLWidget crashes (in QPlatformBackingStore::rhiFlush) on platforms that cannot compose
// OpenGL into a window, such as "offscreen" and "minimal". A machine whose OpenGL is older
// than 3.3 is told so by the viewport itself (Viewport::glFailed, a dialog).
#include <QString>

namespace psoas::ui {

// Empty when the Qt platform in use can show OpenGL windows; else what is wrong and what to do.
QString openGlProblem();

} // namespace psoas::ui
