#pragma once
// The application's icon, embedded in the program (AppIcon.qrc: PNGs rendered from
// packaging/psoas-atlas.svg), so it shows from the build tree too and needs no SVG plugin. The
// desktop's menus take the same icon from the hicolor theme (Icon=psoas-atlas).
#include <QIcon>

namespace psoas::ui {

QIcon applicationIcon();

} // namespace psoas::ui
