#include "ui/PresentationMode.h"

#include "ui/LessonPanel.h"

#include <QApplication>
#include <QDockWidget>
#include <QKeyEvent>
#include <QMainWindow>

namespace psoas::ui {

PresentationMode::PresentationMode(QMainWindow* window, LessonPanel* lessonPanel, QObject* parent)
    : QObject(parent), m_window(window), m_lesson(lessonPanel)
{
}

void PresentationMode::enter()
{
    if (m_active) return;
    m_active = true;
    m_savedState = m_window->saveState();
    m_wasFullScreen = m_window->isFullScreen();
    m_hiddenDocks.clear();
    for (auto* dock : m_window->findChildren<QDockWidget*>()) {
        if (dock == m_lesson || !dock->isVisible()) continue;
        dock->hide();
        m_hiddenDocks.append(dock);
    }
    m_lesson->show();
    m_lesson->setPresenting(true);
    if (m_fullScreen) m_window->showFullScreen();
    qApp->installEventFilter(this);
    if (m_lesson->currentStep() < 0 && m_lesson->stepCount() > 0) m_lesson->goToStep(0);
    emit activeChanged(true);
}

void PresentationMode::leave()
{
    if (!m_active) return;
    m_active = false;
    qApp->removeEventFilter(this);
    m_lesson->setPresenting(false);
    if (m_fullScreen && !m_wasFullScreen) m_window->showNormal();
    for (auto& dock : m_hiddenDocks)
        if (dock) dock->show();
    m_hiddenDocks.clear();
    m_window->restoreState(m_savedState);
    emit activeChanged(false);
}

bool PresentationMode::eventFilter(QObject* watched, QEvent* event)
{
    if (m_active && event->type() == QEvent::KeyPress) {
        auto* key = static_cast<QKeyEvent*>(event);
        switch (key->key()) {
        case Qt::Key_PageDown:
        case Qt::Key_Space:
        case Qt::Key_Right:
        case Qt::Key_Down:
            m_lesson->nextStep();
            return true;
        case Qt::Key_PageUp:
        case Qt::Key_Backspace:
        case Qt::Key_Left:
        case Qt::Key_Up:
            m_lesson->previousStep();
            return true;
        case Qt::Key_Escape:
            leave();
            return true;
        default:
            break;
        }
    }
    return QObject::eventFilter(watched, event);
}

} // namespace psoas::ui
