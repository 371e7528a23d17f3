#pragma once
// assets/content/sources.json:
//   {"sources":[{"id","title","site","author"?,"url"?,"doi"?,"isbn"?,"kind"}]}
// kind is one of kinds(); the older names "seed" and "reference" are still read (as
// popular-article and model-data) so older content folders keep working, but shipped files
// use the new names (a coverage test checks assets/content/sources.json).
#include "content/ContentItem.h"
#include "core/Error.h"

#include <string>
#include <vector>

namespace psoas::content {

class SourceList {
public:
    static core::Result<std::vector<Source>> load(const std::string& path);
    static core::Result<std::vector<Source>> parse(const std::string& jsonText, const std::string& nameForMessages);
    // The kinds a source may have: popular-article, textbook, study, review, guideline, model-data.
    static const std::vector<std::string>& kinds();
    // The current name for a kind ("seed" -> "popular-article", "reference" -> "model-data");
    // "" if it is not a kind at all.
    static std::string normalizeKind(const std::string& kind);
};

} // namespace psoas::content
