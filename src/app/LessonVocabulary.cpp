// What a lesson may name: the catalog's structures, groups and marks, the solver's presets and
// coordinate limits, and the catalog's default layers (Lesson.h).
#include "anatomy/Catalog.h"
#include "app/Document.h"
#include "app/LayerState.h"
#include "app/Lesson.h"
#include "solver/Kinematics.h"

namespace psoas::app {

LessonVocabulary LessonVocabulary::from(const anatomy::Catalog* catalog, const solver::Kinematics* kinematics)
{
    LessonVocabulary v;
    if (catalog)
    {
        for (const auto& s : catalog->structures()) {
            v.structures.insert(s.id);
            if (s.kind == anatomy::StructureKind::Attachment || s.kind == anatomy::StructureKind::Landmark)
                v.marks.insert(s.id);
        }
        for (const auto& g : catalog->groups()) v.structures.insert(g.id); // layers may name a whole group
    }
    if (catalog) v.layers = std::make_shared<const LayerState>(LayerState::fromCatalog(catalog));
    if (kinematics) {
        for (const auto& p : kinematics->presetNames()) v.presets.insert(p);
        for (const auto& c : kinematics->coordinates()) v.coordinates[c.name] = Range{c.min, c.max};
    }
    return v;
}

LessonVocabulary LessonVocabulary::fromDocument(const Document& document)
{
    return from(document.catalog(), document.kinematics());
}

} // namespace psoas::app
