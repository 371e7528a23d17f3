#include "ui/WheelGuard.h"

#include <QAbstractScrollArea>
#include <QCoreApplication>
#include <QEvent>
#include <QPointer>
#include <QScrollBar>
#include <QWheelEvent>
#include <QWidget>

namespace psoas::ui {

namespace {

class WheelFilter : public QObject {
public:
    WheelFilter(QWidget* control, QAbstractScrollArea* area) : QObject(control), m_area(area) {}

    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() != QEvent::Wheel) return false;
        auto* control = static_cast<QWidget*>(watched);
        if (control->hasFocus()) return false;
        if (m_area) {
            // The turn scrolls the dock as if the pointer were over its background.
            QCoreApplication::sendEvent(m_area->verticalScrollBar(), event);
            return true;
        }
        event->ignore(); // the parent may scroll
        return true;
    }

private:
    QPointer<QAbstractScrollArea> m_area;
};

} // namespace

void guardWheel(QWidget* control, QAbstractScrollArea* scrollArea)
{
    if (!control) return;
    control->setFocusPolicy(Qt::StrongFocus);
    control->installEventFilter(new WheelFilter(control, scrollArea));
}

} // namespace psoas::ui
