#include "ui/PoseClock.h"

#include "app/Session.h"

namespace psoas::ui {

PoseClock::PoseClock(app::Session& session, QObject* parent) : QObject(parent), m_session(session)
{
    m_timer.setInterval(33);
    connect(&m_timer, &QTimer::timeout, this, &PoseClock::tick);
    m_subscription = m_session.subscribe([this](const app::Change& c) { sessionChanged(c); });
}

PoseClock::~PoseClock() { m_session.unsubscribe(m_subscription); }

void PoseClock::sessionChanged(const app::Change& c)
{
    if (!c.pose) return;
    if (!m_session.poseMoving()) {
        m_timer.stop();
    } else if (!m_timer.isActive()) {
        m_clock.start(); // a motion began: its time starts now
        m_timer.start();
    }
}

void PoseClock::tick()
{
    const double seconds = static_cast<double>(m_clock.restart()) / 1000.0;
    if (!m_session.advancePose(seconds)) m_timer.stop();
}

} // namespace psoas::ui
