#pragma once
// Drives the session's pose motion in real time: while Session::poseMoving(), a 30 Hz timer
// moves it on by the time since the last frame. The only Qt part of a pose animation; the
// motion itself (where it is, where it ends, what is recorded) is the session's.
#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace psoas::app { class Session; struct Change; }

namespace psoas::ui {

class PoseClock : public QObject {
    Q_OBJECT
public:
    explicit PoseClock(app::Session& session, QObject* parent = nullptr);
    ~PoseClock() override;
    bool running() const { return m_timer.isActive(); }

private:
    void sessionChanged(const app::Change& c);
    void tick();

    app::Session& m_session;
    int m_subscription = 0;
    QTimer m_timer;
    QElapsedTimer m_clock;
};

} // namespace psoas::ui
