#include "core/JsonFile.h"

#include "core/AtomicFile.h"

namespace psoas::core {

Result<nlohmann::json> parseJson(const std::string& text, const std::string& name)
{
    try {
        return nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        // Translate the byte offset into line:column for the message.
        std::size_t line = 1, col = 1;
        for (std::size_t i = 0; i < e.byte && i < text.size(); ++i) {
            if (text[i] == '\n') { ++line; col = 1; } else { ++col; }
        }
        std::string what = e.what();
        auto pos = what.find("parse error");
        if (pos != std::string::npos) what = what.substr(pos);
        return makeError(name + ":" + std::to_string(line) + ":" + std::to_string(col) +
                         ": not valid JSON (" + what + "). Fix the file or restore it from a backup.");
    } catch (const nlohmann::json::exception& e) {
        // Not a syntax error but still unusable, e.g. a number too large for a double (1e999).
        return makeError(name + ": cannot read the JSON (" + std::string(e.what()) +
                         "). Fix the value or restore the file from a backup.");
    }
}

Result<nlohmann::json> readJsonFile(const std::string& path)
{
    auto text = readFile(path, 64u << 20);
    if (!text) return text.error();
    return parseJson(text.value(), path);
}

} // namespace psoas::core
