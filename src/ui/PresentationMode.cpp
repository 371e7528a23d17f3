#include "ui/PresentationMode.h"

#include "ui/LessonPanel.h"

#include <QApplication>
#include <QDockWidget>
#include <QKeyEvent>
#include <QMainWindow>
#include <QScreen>
#include <QTimer>

namespace psoas::ui {

PresentationMode::PresentationMode(QMainWindow* window, LessonPanel* lessonPanel, QObject* parent)
    : QObject(parent), m_window(window), m_lesson(lessonPanel)
{
}

void PresentationMode::keepDock(QDockWidget* dock) { m_kept.append(QPointer<QDockWidget>(dock)); }

void PresentationMode::enter()
{
    if (m_active) return;
    m_active = true;
    m_savedState = m_window->saveState();
    m_savedGeometry = m_window->saveGeometry();
    m_wasFullScreen = m_window->isFullScreen();
    m_hiddenDocks.clear();
    for (auto* dock : m_window->findChildren<QDockWidget*>()) {
        if (dock == m_lesson || !dock->isVisible() || m_kept.contains(dock)) continue;
        dock->hide();
        m_hiddenDocks.append(dock);
    }
    m_lesson->show();
    m_lesson->setPresenting(true);
    if (m_fullScreen) {
        m_window->showFullScreen();
        QTimer::singleShot(250, this, &PresentationMode::coverScreen);
    }
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
    const bool restoreGeometry = m_fullScreen && !m_wasFullScreen;
    if (restoreGeometry) m_window->showNormal();
    for (auto& dock : m_hiddenDocks)
        if (dock) dock->show();
    m_hiddenDocks.clear();
    m_window->restoreState(m_savedState);
    if (restoreGeometry) {
        // Back where it was, also without a window manager that remembers it (Xvfb, kiosks):
        // now, and once more when the docks have settled (they may have widened it meanwhile).
        m_window->restoreGeometry(m_savedGeometry);
        QTimer::singleShot(250, m_window, [window = m_window, geometry = m_savedGeometry] {
            if (!window->isFullScreen()) window->restoreGeometry(geometry);
        });
    }
    emit activeChanged(false);
}

bool PresentationMode::isClickerKey(int key)
{
    switch (key) {
    case Qt::Key_PageDown:
    case Qt::Key_Space:
    case Qt::Key_Right:
    case Qt::Key_Down:
    case Qt::Key_PageUp:
    case Qt::Key_Backspace:
    case Qt::Key_Left:
    case Qt::Key_Up:
    case Qt::Key_Escape:
        return true;
    default:
        return false;
    }
}

void PresentationMode::coverScreen()
{
    // Without a window manager (kiosks, Xvfb) nobody resizes a full-screen window: do it here.
    if (!m_active || !m_fullScreen || !m_window->isFullScreen()) return;
    if (const QScreen* screen = m_window->screen(); screen && m_window->geometry() != screen->geometry())
        m_window->setGeometry(screen->geometry());
}

bool PresentationMode::eventFilter(QObject* watched, QEvent* event)
{
    // These keys belong to the lesson while presenting, also where a menu action has the same
    // key (Esc clears the selection in the 3D view): claim them before the shortcut does.
    if (m_active && event->type() == QEvent::ShortcutOverride &&
        isClickerKey(static_cast<QKeyEvent*>(event)->key())) {
        event->accept();
        return true;
    }
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
