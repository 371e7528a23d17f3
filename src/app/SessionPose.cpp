// Session: the pose commands and the pose motion (see Session.h).
#include "app/Session.h"

#include "app/Document.h"

namespace psoas::app {

std::string Session::mode() const
{
    const auto* k = m_doc ? m_doc->kinematics() : nullptr;
    if (!k) return {};
    if (m_transition.active()) return m_transition.targetMode();
    return solver::modeName(k->mode());
}

void Session::poseChanged(const std::string& label, const std::string& preset, bool coalesce)
{
    if (!m_doc) return;
    if (!coalesce) m_history.endCoalescing();
    m_currentPreset = preset;
    record(label.empty() ? "Change pose" : label, coalesce ? "pose" : "");
    Change c;
    c.pose = c.history = true;
    c.coalescing = coalesce;
    c.label = label.empty() ? "Change pose" : label;
    c.preset = preset;
    notify(c);
}

core::Status Session::setCoordinate(const std::string& name, double value)
{
    if (!m_doc) return core::makeError("no model is open");
    stopPose(false); // mid-motion: from the pose shown, in the mode in force
    std::string note;
    auto s = m_doc->setCoordinate(name, value, &note);
    m_poseNote = s ? note : (note.empty() ? s.message() : note + "\n" + s.message());
    if (s) poseChanged("Change " + name, {}, true); // a refused value changes nothing and tells no one
    return s;
}

core::Status Session::setMode(const std::string& mode)
{
    if (!m_doc) return core::makeError("no model is open");
    auto m = solver::parseModeName(mode);
    if (!m) return core::makeError(m.message());
    stopPose(false);
    if (mode == this->mode()) return core::Status::success();
    Pose p = pose();
    p.mode = mode;
    return setPose(p, "Mode: " + mode);
}

core::Status Session::applyPreset(const std::string& name)
{
    if (!m_doc) return core::makeError("no model is open");
    stopPose(false);
    auto s = m_doc->applyPreset(name);
    m_poseNote = s ? std::string() : s.message();
    if (s) poseChanged("Pose: " + name, name, false);
    return s;
}

core::Status Session::setPose(const Pose& p, const std::string& label)
{
    if (!m_doc) return core::makeError("no model is open");
    stopPose(false);
    auto s = p.applyTo(*m_doc);
    m_poseNote = s ? std::string() : s.message();
    poseChanged(label, {}, false); // what was applied is recorded even when one value was refused
    return s;
}

// ---- pose motion ----

core::Status Session::animatePose(const LessonPose& wanted, double seconds, const std::string& label)
{
    if (!m_doc) return core::makeError("no model is open");
    const std::string inForce = mode();
    stopPose(false);
    m_poseStart = pose();
    auto s = m_transition.start(*m_doc, wanted, inForce, seconds);
    if (!s) {
        m_poseNote = s.message();
        return s;
    }
    m_poseLabel = label.empty() ? (wanted.preset.empty() ? std::string("Change pose") : "Pose: " + wanted.preset) : label;
    m_poseNote.clear();
    if (seconds <= 0.0) {
        advancePose(0.0);
        return core::Status::success();
    }
    Change c; // the switch shows the destination's mode from the start
    c.pose = c.poseFrame = true;
    notify(c);
    return core::Status::success();
}

bool Session::advancePose(double secondsSinceLastFrame)
{
    if (!m_doc || !m_transition.active()) return false;
    std::string notes;
    if (!m_transition.advance(*m_doc, m_transition.elapsed() + secondsSinceLastFrame, notes)) {
        Change c;
        c.pose = c.poseFrame = true;
        notify(c);
        return true;
    }
    endPose(notes);
    return false;
}

void Session::finishPose()
{
    if (!m_doc || !m_transition.active()) return;
    std::string notes;
    m_transition.finish(*m_doc, notes);
    endPose(notes);
}

void Session::endPose(const std::string& notes)
{
    m_poseNote = notes;
    if (pose() == m_poseStart) { // it ended where it began (a step played again): nothing to record
        m_currentPreset = m_transition.presetApplied().empty() ? m_currentPreset : m_transition.presetApplied();
        return;
    }
    poseChanged(m_poseLabel, m_transition.presetApplied(), false);
}

void Session::stopPose(bool notifyListeners)
{
    if (!m_doc || !m_transition.active()) return;
    m_transition.cancel(*m_doc, m_transition.targetMode()); // the mode in force while moving
    if (!notifyListeners) return;
    Change c;
    c.pose = true;
    notify(c);
}

} // namespace psoas::app
