#pragma once
// Presentation mode for teaching on a projector: the main window goes full screen, the other
// docks step aside, the lesson panel shows the step's text in large type, and the keys that
// presentation clickers send (Page Down / Page Up, Space, arrow keys) step through the lesson.
// Esc leaves and restores the window as it was (size, position, docks). With no window
// manager to do it, the window is sized to the screen here.
#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>

class QDockWidget;
class QMainWindow;

namespace psoas::ui {

class LessonPanel;

class PresentationMode : public QObject {
    Q_OBJECT
public:
    PresentationMode(QMainWindow* window, LessonPanel* lessonPanel, QObject* parent = nullptr);

    bool active() const { return m_active; }
    // Whether to switch the window to full screen (tests may turn it off).
    void setUseFullScreen(bool on) { m_fullScreen = on; }
    // A dock that stays on screen beside the lesson when it is open (the quiz, in class mode).
    void keepDock(QDockWidget* dock);

public slots:
    void enter();
    void leave();
    void toggle() { m_active ? leave() : enter(); }

signals:
    void activeChanged(bool active);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    static bool isClickerKey(int key);
    void coverScreen();

    QMainWindow* m_window;
    LessonPanel* m_lesson;
    bool m_active = false;
    bool m_fullScreen = true;
    bool m_wasFullScreen = false;
    QByteArray m_savedState;
    QList<QPointer<QDockWidget>> m_kept;
    QByteArray m_savedGeometry;
    QList<QPointer<QDockWidget>> m_hiddenDocks;
};

} // namespace psoas::ui
