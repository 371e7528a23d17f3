#pragma once
// Scrolling a dock with the mouse wheel must not change the value under the pointer. A slider
// or spin box guarded here takes wheel turns only once it has the keyboard focus (clicked or
// tabbed to); otherwise the turn scrolls the enclosing scroll area (or is left to the parent).
class QAbstractScrollArea;
class QWidget;

namespace psoas::ui {

// Guards `control` (a QAbstractSlider or QAbstractSpinBox): wheel turns over it go to
// `scrollArea` (may be null: then to the control's parent) until it has the focus. The
// control's focus policy becomes Qt::StrongFocus (click or Tab, not the wheel).
void guardWheel(QWidget* control, QAbstractScrollArea* scrollArea = nullptr);

} // namespace psoas::ui
