#include "app/LessonCheck.h"

#include "anatomy/Catalog.h"
#include "app/Document.h"
#include "app/Lesson.h"
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
    int status = 0;
    for (const auto& file : files) {
        auto loaded = Lesson::load(file, vocabulary);
        if (!loaded) {
            out << loaded.error().message << "\n";
            status = 1;
            continue;
        }
        for (const auto& w : loaded->warnings) out << w << "\n";
        if (!loaded->warnings.empty()) {
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
