#pragma once
#include "core/Error.h"

#include <nlohmann/json.hpp>
#include <string>

namespace psoas::core {

// Parses a JSON file; the error names the file, the line and column, and what is wrong.
Result<nlohmann::json> readJsonFile(const std::string& path);
Result<nlohmann::json> parseJson(const std::string& text, const std::string& nameForMessages);

} // namespace psoas::core
