#pragma once
// Puts a dock's contents in a frameless scroll area, so that the dock can be made smaller than
// its contents (they scroll) instead of growing the window's minimum size: with every dock
// open the window still fits a 1280x720 projector or a 1366x768 laptop, at larger fonts too.
class QDockWidget;
class QWidget;

namespace psoas::ui {

void setScrollableDockWidget(QDockWidget* dock, QWidget* body);

} // namespace psoas::ui
