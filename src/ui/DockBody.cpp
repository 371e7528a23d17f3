#include "ui/DockBody.h"

#include <QDockWidget>
#include <QScrollArea>

namespace psoas::ui {

void setScrollableDockWidget(QDockWidget* dock, QWidget* body)
{
    auto* area = new QScrollArea(dock);
    area->setObjectName(dock->objectName() + "Scroll");
    area->setFrameShape(QFrame::NoFrame);
    area->setWidgetResizable(true);
    area->setWidget(body);
    dock->setWidget(area);
}

} // namespace psoas::ui
