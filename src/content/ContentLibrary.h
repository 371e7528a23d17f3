#pragma once
// All content items and sources read from an assets/content folder, plus the cross-file
// checks the build runs: known structure ids, poses, symptoms, sources, and links.
#include "content/ContentItem.h"
#include "content/Diagnostic.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace psoas::content {

class ContentLibrary {
public:
    // Reads <dir>/articles/*.md, <dir>/symptoms/*.md, <dir>/exercises/*.md and <dir>/sources.json
    // (README.md files are skipped). Every problem found is appended to `problems`; items that
    // failed to parse are left out.
    static ContentLibrary load(const std::string& contentDir, std::vector<Diagnostic>& problems);

    // Builds a library from items already parsed (tests, tools).
    static ContentLibrary fromItems(std::vector<ContentItem> items, std::vector<Source> sources);

    // Cross-file validation. `structures` are the catalog's structures (ids and their
    // "content" links), `poses` the pose preset names. Appends one Diagnostic per problem.
    void validate(const std::vector<StructureInfo>& structures, const std::set<std::string>& poses,
                  std::vector<Diagnostic>& problems) const;

    // Citations at the claim (run by psoas-contentbuild after validate()). A *claim section* of
    // an article, topic, symptom note or exercise is its introduction (the text before the
    // first level-1 or level-2 heading after the title) and each part under a level-1 or level-2
    // heading (level-3 and deeper headings belong to the section above them), unless the
    // section has no text or its heading is one of claimSectionExemptions(). Every claim
    // section must contain at least one [text](source:<id>) link to a source a reader can look
    // up (any kind but model-data). Disclaimers are not checked. Also: every source cited in
    // the text is listed in the header's 'sources', and every header source is cited in the
    // text. Appends one Diagnostic (file, heading line) per problem.
    void checkCitations(std::vector<Diagnostic>& problems) const;
    // Headings (compared case-insensitively) whose sections need no citation: see also,
    // related, further reading, sources, what this note does not do, ...
    static const std::vector<std::string>& claimSectionExemptions();

    const std::vector<ContentItem>& items() const { return m_items; }
    const std::vector<Source>& sources() const { return m_sources; }
    const ContentItem* find(const std::string& id) const;

private:
    std::vector<ContentItem> m_items;
    std::vector<Source> m_sources;
    std::map<std::string, std::size_t> m_index;
    std::string m_dir; // the content folder load() read (quiz: links are checked in ../quizzes)
};

} // namespace psoas::content
