#include "ui/GlAvailability.h"

#include <QGuiApplication>

namespace psoas::ui {

QString openGlProblem()
{
    const QString platform = QGuiApplication::platformName();
    // These platforms have no windows that OpenGL can draw into (QOpenGLWidget is unsupported).
    for (const char* name : {"offscreen", "minimal", "linuxfb", "vnc"})
        if (platform == QLatin1String(name))
            return QObject::tr("the viewer cannot draw on the Qt platform \"%1\": it has no OpenGL windows. Start "
                               "the viewer on an X11 or Wayland desktop (or under xvfb-run), or use psoas-atlas "
                               "--render FILE.png, which needs no display.")
                .arg(platform);
    return {};
}

} // namespace psoas::ui
