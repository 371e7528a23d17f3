#pragma once
// The lesson being played or edited: the lesson, its file, the current step and whether it was
// edited since it was opened or saved. Plain C++, owned by the Session (Session::lesson()), so
// the Lesson dock, presentation mode and the keys that step through a lesson all see one state;
// the dock only shows it. Playing a step (its layers, selection and marks) is
// Session::playStep; the camera and pose animations stay with the views that draw them.
#include "app/Lesson.h"
#include "core/Error.h"

#include <string>
#include <vector>

namespace psoas::app {

class LessonPlayback {
public:
    const Lesson& lesson() const { return m_lesson; }
    const std::string& path() const { return m_path; } // empty: never saved
    int current() const { return m_current; }           // -1: no step shown yet
    int stepCount() const { return int(m_lesson.steps.size()); }
    const LessonStep* currentStep() const { return step(m_current); }
    const LessonStep* step(int index) const;
    bool modified() const { return m_modified; }

    // Opens a lesson file (no step is current yet); returns its warnings (skipped parts).
    // Errors name the file; the lesson in hand is kept then.
    core::Result<std::vector<std::string>> open(const std::string& path, const LessonVocabulary& vocabulary);
    // Starts over with `lesson` (no file when `path` is empty), no step current.
    void reset(const Lesson& lesson, const std::string& path = {}, bool modified = false);
    // Writes the lesson atomically; on success it is the lesson's file and not modified.
    core::Status save(const std::string& path);

    // Editing; each returns false (changing nothing) for an index out of range.
    void setTitle(const std::string& title);
    bool editStep(int index, const std::string& title, const std::string& text);
    int addStep(const LessonStep& step); // appended, made current; returns its index
    // Step `index` shows what `capture` shows (camera, pose, layers, selection, marks); its
    // title, text and quiz stay. It becomes current.
    bool updateStep(int index, const LessonStep& capture);
    bool deleteStep(int index);          // the next step (or the new last) becomes current
    bool moveStep(int index, int delta); // the moved step stays current
    bool setCurrent(int index);

    // The current step's quiz file, resolved beside the lesson or in the assets; empty if none.
    std::string currentQuizPath() const;

private:
    Lesson m_lesson;
    std::string m_path;
    int m_current = -1;
    bool m_modified = false;
};

} // namespace psoas::app
