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

    const std::vector<ContentItem>& items() const { return m_items; }
    const std::vector<Source>& sources() const { return m_sources; }
    const ContentItem* find(const std::string& id) const;

private:
    std::vector<ContentItem> m_items;
    std::vector<Source> m_sources;
    std::map<std::string, std::size_t> m_index;
};

} // namespace psoas::content
