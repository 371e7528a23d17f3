#pragma once
// The window's own shortcuts win over the text fields' emacs-style keys. On Linux desktops a line
// edit claims Ctrl+E (end of line), Ctrl+K and others before the window's actions see them, so
// Ctrl+E (Export Image) did nothing while the search box had the focus. For text fields inside
// `window`, a key that one of the window's actions uses goes to that action, unless it is one of
// the standard editing keys (copy, cut, paste, undo, redo, select all, delete), which stay with
// the text.
class QWidget;

namespace psoas::ui {

void giveWindowShortcutsPriority(QWidget* window);

} // namespace psoas::ui
