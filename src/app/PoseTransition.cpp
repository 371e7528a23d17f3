#include "app/PoseTransition.h"

#include "app/Document.h"
#include "app/LessonStepApply.h"

#include <algorithm>

namespace psoas::app {

namespace {

PoseAnimation::Values valuesOf(const solver::Kinematics& k)
{
    PoseAnimation::Values v;
    for (const auto& c : k.coordinates()) v[c.name] = k.coordinate(c.name);
    return v;
}

} // namespace

core::Status PoseTransition::start(Document& doc, const LessonPose& wanted, const std::string& baseMode, double seconds)
{
    auto* k = doc.kinematics();
    if (!k) return core::makeError(doc.poseError());
    auto solved = lessonPoseTarget(*k, baseMode, wanted);
    if (!solved) return core::makeError(solved.message());
    const solver::PoseResult& target = solved.value();
    PoseAnimation::Values to;
    for (const auto& c : k->coordinates()) to[c.name] = target.values[static_cast<std::size_t>(solver::coordIndex(c.name))];

    m_wanted = wanted;
    m_targetMode = solver::modeName(target.mode);
    m_elapsed = 0.0;
    m_animation.start(valuesOf(*k), to, std::max(0.0, seconds));
    k->setMode(solver::Mode::Free); // in between, the interpolated values are shown as they are
    if (const auto* p = wanted.preset.empty() ? nullptr : k->preset(wanted.preset)) k->setBody(p->body);
    return core::Status::success();
}

bool PoseTransition::advance(Document& doc, double elapsedSeconds, std::string& notes)
{
    auto* k = doc.kinematics();
    if (!k || !m_animation.active()) return false;
    m_elapsed = elapsedSeconds;
    const auto values = m_animation.at(elapsedSeconds);
    if (!m_animation.active()) {
        complete(doc, notes);
        return true;
    }
    for (const auto& [name, value] : values) k->setCoordinate(name, value);
    (void)doc.updatePose();
    return false;
}

void PoseTransition::finish(Document& doc, std::string& notes)
{
    if (!m_animation.active()) return;
    m_animation.stop();
    complete(doc, notes);
}

void PoseTransition::cancel(Document& doc, const std::string& modeInForce)
{
    if (!m_animation.active()) return;
    m_animation.stop();
    auto* k = doc.kinematics();
    if (!k) return;
    if (auto m = solver::parseModeName(modeInForce)) k->setMode(*m);
    (void)doc.updatePose();
}

void PoseTransition::complete(Document& doc, std::string& notes)
{
    // The end: the destination exactly, in the destination's mode.
    auto* k = doc.kinematics();
    if (!k) return;
    core::Status s;
    if (!m_wanted.preset.empty()) s = k->applyPreset(m_wanted.preset);
    if (auto m = solver::parseModeName(m_targetMode)) k->setMode(*m);
    for (const auto& [name, value] : m_wanted.coordinates) {
        std::string note;
        (void)k->setCoordinate(name, value, &note);
        if (!note.empty()) notes += note + "\n";
    }
    core::Status p = doc.updatePose();
    if (!s) notes += s.message() + "\n";
    else if (!p) notes += p.message() + "\n";
    while (!notes.empty() && notes.back() == '\n') notes.pop_back();
}

std::string PoseTransition::presetApplied() const
{
    return m_wanted.coordinates.empty() && m_wanted.mode.empty() ? m_wanted.preset : std::string();
}

} // namespace psoas::app
