#include "content/ContentParser.h"

#include "content/TextChecks.h"
#include "core/AtomicFile.h"

#include <filesystem>
#include <set>
#include <vector>

namespace psoas::content {
namespace {

const char* const kAllowedKeys = "id, type, title, latin, structures, poses, symptoms, pose, sources, summary";

bool isKnownKey(const std::string& k)
{
    static const std::set<std::string> keys{"id",    "type",     "title", "latin",   "structures",
                                            "poses", "symptoms", "pose",  "sources", "summary"};
    return keys.count(k) > 0;
}

bool isListKey(const std::string& k)
{
    return k == "structures" || k == "poses" || k == "symptoms" || k == "sources";
}

std::vector<std::string> splitLines(const std::string& text)
{
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t nl = text.find('\n', start);
        std::string line = text.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        lines.push_back(std::move(line));
        if (nl == std::string::npos) break;
        start = nl + 1;
    }
    if (!lines.empty() && lines.back().empty() && !text.empty() && text.back() == '\n') lines.pop_back();
    return lines;
}

// A '#' starts a comment only after whitespace.
std::string stripComment(const std::string& value)
{
    for (std::size_t i = 1; i < value.size(); ++i)
        if (value[i] == '#' && (value[i - 1] == ' ' || value[i - 1] == '\t')) return value.substr(0, i);
    return value;
}

// The entries of a one-line list "[a, b]" of header key `key`; what is wrong, or "".
std::string parseList(const std::string& key, const std::string& value, std::vector<std::string>& list)
{
    if (value.size() < 2 || value.front() != '[' || value.back() != ']')
        return "'" + key + "' must be a list on one line, like [a, b] (or [] for none); found '" + value + "'";
    std::string inner = trim(value.substr(1, value.size() - 2));
    if (inner.empty()) return {};
    std::size_t start = 0;
    while (true) {
        std::size_t comma = inner.find(',', start);
        std::string entry = trim(inner.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
        if (entry.empty()) return "'" + key + "' has an empty entry; remove the extra comma";
        if (key == "structures" ? !isValidStructureId(entry) : !isValidId(entry))
            return "'" + key + "' entry '" + entry + "' is not a valid id (use lower-case letters, digits and _)";
        for (const auto& e : list)
            if (e == entry) return "'" + key + "' lists '" + entry + "' twice; remove one";
        list.push_back(entry);
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return {};
}

// Sets the single-value header key `key` of `item`; what is wrong, or "".
std::string setValue(ContentItem& item, const std::string& key, const std::string& value, const std::string& fileName)
{
    if (value.empty()) return "'" + key + "' has no value; write one after the colon or remove the line";
    if (key == "id") {
        if (!isValidId(value)) return "id '" + value + "' is not valid (use lower-case letters, digits and _)";
        std::string stem = std::filesystem::path(fileName).stem().string();
        if (value != stem)
            return "id '" + value + "' does not match the file name '" + stem + ".md'; rename the file or change the id";
        item.id = value;
    } else if (key == "type") {
        auto t = itemTypeFromString(value);
        if (!t) return "type '" + value + "' is unknown (use article, topic, symptom, exercise or disclaimer)";
        item.type = *t;
    } else if (key == "title") {
        item.title = value;
    } else if (key == "latin") {
        item.latin = value;
    } else if (key == "pose") {
        if (!isValidId(value)) return "pose '" + value + "' is not a valid preset name; use the name of a file in assets/poses/";
        item.pose = value;
    } else if (key == "summary") {
        item.summary = value;
    }
    return {};
}

// One "key: value" line of the header (trimmed, not empty, not a comment) into `item`;
// `seen` holds the keys read so far. What is wrong, or "".
std::string readHeaderLine(const std::string& line, const std::string& fileName, ContentItem& item,
                           std::set<std::string>& seen)
{
    std::size_t colon = line.find(':');
    if (colon == std::string::npos || colon == 0)
        return "expected 'key: value' in the metadata header, found '" + line + "' (did you forget the closing '---'?)";
    std::string key = trim(line.substr(0, colon));
    std::string value = trim(stripComment(line.substr(colon + 1)));
    bool lower = true;
    for (char c : key)
        if (!((c >= 'a' && c <= 'z') || c == '_')) lower = false;
    if (!lower) return "header key '" + key + "' must be lower-case letters; rename it to one of: " + kAllowedKeys;
    if (!isKnownKey(key)) return "unknown header key '" + key + "'; remove it or use one of: " + kAllowedKeys;
    if (!seen.insert(key).second) return "header key '" + key + "' appears twice; keep one";
    if (!isListKey(key)) return setValue(item, key, value, fileName);
    std::vector<std::string> list;
    if (std::string problem = parseList(key, value, list); !problem.empty()) return problem;
    if (key == "structures") item.structures = std::move(list);
    else if (key == "poses") item.poses = std::move(list);
    else if (key == "symptoms") item.symptoms = std::move(list);
    else item.sources = std::move(list);
    return {};
}

// The checks of a whole header (required keys, sources, an exercise's pose); what is wrong, or "".
std::string checkHeader(const ContentItem& item, const std::set<std::string>& seen)
{
    for (const char* required : {"id", "type", "title", "summary", "sources"})
        if (!seen.count(required)) return std::string("the header has no '") + required + "' key; add it";
    if (item.sources.empty()) return "'sources' is empty; cite at least one source id from sources.json";
    if (item.type == ItemType::Exercise && item.pose.empty())
        return "an exercise needs 'pose: <preset>' naming the pose that shows it on the model";
    if (item.type != ItemType::Exercise && !item.pose.empty())
        return "only exercises have a 'pose' key; use 'poses: [...]' to link presets";
    return {};
}

} // namespace

core::Result<ContentItem> ContentParser::parse(const std::string& textIn, const std::string& fileName)
{
    auto fail = [&](int line, const std::string& what) {
        return core::makeError(fileName + ":" + std::to_string(line) + ": " + what);
    };
    if (textIn.size() > maxFileBytes)
        return core::makeError(fileName + ": the file is " + std::to_string(textIn.size()) +
                               " bytes; the limit is " + std::to_string(maxFileBytes) + ". Split it into several items.");
    std::string text = textIn;
    if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3); // UTF-8 byte-order mark
    if (TextProblem p = checkText(text, maxLineBytes); p.line > 0) return fail(p.line, p.message);

    const std::vector<std::string> lines = splitLines(text);
    if (lines.empty() || lines[0] != "---")
        return fail(1, "the file must start with a metadata header: a first line of exactly '---', then "
                       "'key: value' lines, then another '---'");

    ContentItem item;
    item.file = fileName;
    std::set<std::string> seen;
    std::size_t close = 0;
    for (std::size_t i = 1; i < lines.size(); ++i) {
        if (lines[i] == "---") {
            close = i;
            break;
        }
        std::string line = trim(lines[i]);
        if (line.empty() || line[0] == '#') continue;
        if (std::string problem = readHeaderLine(line, fileName, item, seen); !problem.empty())
            return fail(static_cast<int>(i) + 1, problem);
    }
    if (close == 0)
        return fail(static_cast<int>(lines.size()), "the metadata header opened on line 1 is never closed; add a "
                                                    "line of exactly '---' after the last key");
    const int closeLine = static_cast<int>(close) + 1;
    if (std::string problem = checkHeader(item, seen); !problem.empty()) return fail(closeLine, problem);

    item.bodyLine = closeLine + 1;
    std::string body;
    for (std::size_t i = close + 1; i < lines.size(); ++i) {
        body += lines[i];
        body += '\n';
    }
    if (trim(body).empty() || body.find_first_not_of(" \t\r\n") == std::string::npos)
        return fail(closeLine, "the item has no text after the header; write the body in Markdown");
    item.body = std::move(body);
    return item;
}

core::Result<ContentItem> ContentParser::parseFile(const std::string& path)
{
    auto text = core::readFile(path, maxFileBytes);
    if (!text) return text.error();
    return parse(text.value(), path);
}

} // namespace psoas::content
