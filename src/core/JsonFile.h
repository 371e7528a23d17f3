#pragma once
#include "core/Error.h"

#include <nlohmann/json.hpp>
#include <string>

namespace psoas::core {

// Parses a JSON file; the error names the file, the line and column, and what is wrong.
Result<nlohmann::json> readJsonFile(const std::string& path);
Result<nlohmann::json> parseJson(const std::string& text, const std::string& nameForMessages);
// Parses one of our documents: a JSON object with a `listKey` array (a lesson's "steps", a
// quiz's "questions"). Errors: the parse error, or "NAME: a KIND must be a JSON object with
// "title" and "LISTKEY". HINT", or "NAME: a KIND needs a "LISTKEY" list; this file has none, so
// it is not a KIND."
Result<nlohmann::json> parseJsonDocument(const std::string& text, const std::string& nameForMessages,
                                         const std::string& kind, const std::string& listKey,
                                         const std::string& hint = {});

} // namespace psoas::core
