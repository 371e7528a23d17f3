#include "app/LessonCheck.h"

#include "anatomy/Catalog.h"
#include "app/Document.h"
#include "app/Lesson.h"
#include "app/Quiz.h"
#include "core/AtomicFile.h"
#include "core/JsonFile.h"
#include "core/AssetPaths.h"
#include "solver/Kinematics.h"

#include <ostream>

namespace psoas::app {

int runLessonCheck(const std::vector<std::string>& files, std::ostream& out, std::ostream& err)
{
    auto catalog = anatomy::Catalog::load(Document::defaultCatalogPath());
    if (!catalog) {
        err << "psoas-atlas: cannot check lessons: " << catalog.error().message
            << " Reinstall Psoas Atlas or pass --assets DIR.\n";
        return 2;
    }
    auto kinematics = solver::Kinematics::load(core::assetsDir());
    if (!kinematics) {
        err << "psoas-atlas: cannot check lessons: " << kinematics.error().message
            << " Reinstall Psoas Atlas or pass --assets DIR.\n";
        return 2;
    }
    const LessonVocabulary vocabulary = LessonVocabulary::from(&*catalog, &*kinematics);
    const QuizVocabulary quizVocabulary = QuizVocabulary::from(&*catalog, &*kinematics);
    int status = 0;
    // A quiz file: every problem "file: question N (id), field "f": what to do".
    auto checkQuiz = [&](const std::string& file, const std::string& context) {
        auto loaded = Quiz::load(file, quizVocabulary);
        if (!loaded) {
            out << context << loaded.error().message << "\n";
            return false;
        }
        for (const auto& w : loaded->warnings) out << context << w << "\n";
        if (!loaded->warnings.empty()) return false;
        if (loaded->quiz.questions.empty()) {
            out << context << file << ": the quiz has no questions; add at least one with id, kind and prompt.\n";
            return false;
        }
        if (context.empty())
            out << file << ": OK, " << loaded->quiz.questions.size() << " question"
                << (loaded->quiz.questions.size() == 1 ? "" : "s") << ", no problems.\n";
        return true;
    };
    for (const auto& file : files) {
        if (Quiz::isQuizFile(file)) {
            if (!checkQuiz(file, {})) status = 1;
            continue;
        }
        auto loaded = Lesson::load(file, vocabulary);
        if (!loaded) {
            out << loaded.error().message << "\n";
            status = 1;
            continue;
        }
        for (const auto& w : loaded->warnings) out << w << "\n";
        bool quizzesOk = true;
        for (std::size_t i = 0; i < loaded->lesson.steps.size(); ++i) {
            const auto& step = loaded->lesson.steps[i];
            if (step.quiz.empty()) continue;
            const std::string context = file + ": step " + std::to_string(i + 1) + ", field \"quiz\": ";
            const std::string path = Quiz::resolveReference(file, step.quiz);
            if (path.empty()) {
                out << context << "no quiz file \"" << step.quiz
                    << "\" beside the lesson or in the assets folder; fix the path.\n";
                quizzesOk = false;
            } else if (!checkQuiz(path, context)) {
                quizzesOk = false;
            }
        }
        if (!loaded->warnings.empty() || !quizzesOk) {
            status = 1;
        } else if (loaded->lesson.steps.empty()) {
            out << file << ": the lesson has no steps; add at least one step with a title and text.\n";
            status = 1;
        } else {
            out << file << ": OK, " << loaded->lesson.steps.size() << " step"
                << (loaded->lesson.steps.size() == 1 ? "" : "s") << ", no problems.\n";
        }
    }
    return status;
}

} // namespace psoas::app
