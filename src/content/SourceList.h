#pragma once
// assets/content/sources.json: {"sources":[{"id","title","site","author"?,"url"?,"kind"}]}
#include "content/ContentItem.h"
#include "core/Error.h"

#include <string>
#include <vector>

namespace psoas::content {

class SourceList {
public:
    static core::Result<std::vector<Source>> load(const std::string& path);
    static core::Result<std::vector<Source>> parse(const std::string& jsonText, const std::string& nameForMessages);
};

} // namespace psoas::content
