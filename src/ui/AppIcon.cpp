#include "ui/AppIcon.h"

// Q_INIT_RESOURCE must be used outside a namespace; psoas_ui is a static library, so its
// resources are registered here on first use rather than by a static initialiser.
static void initAppIconResource() { Q_INIT_RESOURCE(AppIcon); }

namespace psoas::ui {

QIcon applicationIcon()
{
    initAppIconResource();
    QIcon icon;
    for (int size : {16, 32, 48, 64, 128, 256})
        icon.addFile(QStringLiteral(":/psoas-atlas/icons/%1.png").arg(size), QSize(size, size));
    return icon;
}

} // namespace psoas::ui
