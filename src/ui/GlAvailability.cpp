#include "ui/GlAvailability.h"

#include <QGuiApplication>
#include <QOffscreenSurface>
#include <QOpenGLContext>
#include <QSurfaceFormat>

namespace psoas::ui {

QString openGlProblem()
{
    const QString platform = QGuiApplication::platformName();
    const QString instead =
        QObject::tr(" Start the viewer on an X11 or Wayland desktop (or under xvfb-run), or use "
                    "psoas-atlas --render FILE.png, which needs no display.");
    // These platforms have no windows that OpenGL can draw into (QOpenGLWidget is unsupported).
    for (const char* name : {"offscreen", "minimal", "linuxfb", "vnc"})
        if (platform == QLatin1String(name))
            return QObject::tr("the viewer cannot draw on the Qt platform \"%1\": it has no OpenGL windows.")
                       .arg(platform) +
                   instead;
    QOpenGLContext context;
    context.setFormat(QSurfaceFormat::defaultFormat());
    if (!context.create())
        return QObject::tr("no OpenGL context could be created on the Qt platform \"%1\".").arg(platform) + instead;
    QOffscreenSurface surface;
    surface.setFormat(context.format());
    surface.create();
    if (!surface.isValid() || !context.makeCurrent(&surface))
        return QObject::tr("an OpenGL context was created on the Qt platform \"%1\" but cannot be used.")
                   .arg(platform) +
               instead;
    const auto version = context.format().version();
    context.doneCurrent();
    if (version < qMakePair(3, 3))
        return QObject::tr("the viewer needs OpenGL 3.3, but this display offers %1.%2. Update the graphics "
                           "driver, or install Mesa (package libgl1-mesa-dri) for software rendering.")
            .arg(version.first)
            .arg(version.second);
    return {};
}

} // namespace psoas::ui
