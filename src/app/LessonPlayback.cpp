#include "app/LessonPlayback.h"

#include "app/Quiz.h"

#include <algorithm>
#include <utility>

namespace psoas::app {

const LessonStep* LessonPlayback::step(int index) const
{
    return index >= 0 && index < stepCount() ? &m_lesson.steps[std::size_t(index)] : nullptr;
}

core::Result<std::vector<std::string>> LessonPlayback::open(const std::string& path, const LessonVocabulary& vocabulary)
{
    auto loaded = Lesson::load(path, vocabulary);
    if (!loaded) return core::makeError(loaded.message());
    reset(loaded->lesson, path);
    return loaded->warnings;
}

void LessonPlayback::reset(const Lesson& lesson, const std::string& path, bool modified)
{
    m_lesson = lesson;
    m_path = path;
    m_current = -1;
    m_modified = modified;
}

core::Status LessonPlayback::save(const std::string& path)
{
    if (auto s = m_lesson.save(path); !s) return s;
    m_path = path;
    m_modified = false;
    return core::Status::success();
}

void LessonPlayback::setTitle(const std::string& title)
{
    if (title == m_lesson.title) return;
    m_lesson.title = title;
    m_modified = true;
}

bool LessonPlayback::editStep(int index, const std::string& title, const std::string& text)
{
    if (!step(index)) return false;
    auto& s = m_lesson.steps[std::size_t(index)];
    if (s.title == title && s.text == text) return false;
    s.title = title;
    s.text = text;
    m_modified = true;
    return true;
}

int LessonPlayback::addStep(const LessonStep& step)
{
    m_lesson.steps.push_back(step);
    m_current = stepCount() - 1;
    m_modified = true;
    return m_current;
}

bool LessonPlayback::updateStep(int index, const LessonStep& capture)
{
    if (!step(index)) return false;
    LessonStep& s = m_lesson.steps[std::size_t(index)];
    LessonStep fresh = capture;
    fresh.title = s.title;
    fresh.text = s.text;
    fresh.quiz = s.quiz;
    s = std::move(fresh);
    m_current = index;
    m_modified = true;
    return true;
}

bool LessonPlayback::deleteStep(int index)
{
    if (!step(index)) return false;
    m_lesson.steps.erase(m_lesson.steps.begin() + index);
    m_current = std::min(index, stepCount() - 1);
    m_modified = true;
    return true;
}

bool LessonPlayback::moveStep(int index, int delta)
{
    const int to = index + delta;
    if (!step(index) || !step(to)) return false;
    std::swap(m_lesson.steps[std::size_t(index)], m_lesson.steps[std::size_t(to)]);
    m_current = to;
    m_modified = true;
    return true;
}

bool LessonPlayback::setCurrent(int index)
{
    if (!step(index)) return false;
    m_current = index;
    return true;
}

std::string LessonPlayback::currentQuizPath() const
{
    const LessonStep* s = currentStep();
    return s && !s->quiz.empty() ? Quiz::resolveReference(m_path, s->quiz) : std::string();
}

} // namespace psoas::app
