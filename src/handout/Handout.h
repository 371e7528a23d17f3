#pragma once
// What a printed lesson holds, as plain data ready to lay out: the lesson's title and
// description, the clinician's note, per step its title, text (HTML from the step's Markdown,
// links turned into plain text) and rendered image, the disclaimer and the sources.
#include "app/Lesson.h"
#include "core/Error.h"

#include <QImage>
#include <QString>

#include <vector>

namespace psoas::content { class ContentStore; struct Source; }

namespace psoas::handout {

struct HandoutStep {
    QString title;
    QString html;   // the step's text
    QImage image;   // the view of the step (at print resolution)
};

struct Handout {
    QString title;
    QString descriptionHtml;
    QString note;   // the clinician's note, plain text; empty: none
    std::vector<HandoutStep> steps;
    QString disclaimerTitle;
    QString disclaimerHtml;
    std::vector<QString> sourcesHtml; // one entry per cited source, in order of first mention
};

// The step's Markdown as HTML for print: the project's safe renderer, with links (structure:,
// content:, source:, web) kept as their text only; a web link's address follows in brackets.
QString printableHtml(const std::string& markdown);

// One source as a printed line: author, title (italic), site, kind note, DOI/ISBN, address.
QString sourceHtml(const content::Source& source);

// The disclaimer item and the sources to cite for a lesson: of the articles about each
// structure a step selects, of the content items the steps link to (content:<id>), the
// sources the steps cite (source:<id>, looked up in `allSources`) and the disclaimer's own.
// Fails (naming the database) when the disclaimer is not in the content store.
core::Status addContent(Handout& handout, const app::Lesson& lesson, const content::ContentStore& store,
                        const std::vector<content::Source>& allSources);

} // namespace psoas::handout
