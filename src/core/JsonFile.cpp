#include "core/JsonFile.h"

#include "core/AtomicFile.h"

#include <cmath>
#include <set>
#include <vector>

namespace psoas::core {
namespace {

// A first, strict reading of the text: JSON that two parsers could read differently is refused
// before any value is used. Duplicate keys (one parser keeps the first, another the last),
// nesting deeper than kMaxDepth (recursive readers overflow their stack) and numbers that are
// not finite doubles are problems; bytes that are not UTF-8 and syntax errors are reported by
// nlohmann's own lexer.
class StrictReader : public nlohmann::json_sax<nlohmann::json> {
public:
    static constexpr std::size_t kMaxDepth = 100;
    std::string problem;

    bool null() override { return value(); }
    bool boolean(bool) override { return value(); }
    bool number_integer(number_integer_t) override { return value(); }
    bool number_unsigned(number_unsigned_t) override { return value(); }
    bool number_float(number_float_t v, const string_t& text) override
    {
        if (!std::isfinite(v)) return fail("the number " + text.substr(0, 40) + " at " + where() + " is too large");
        return value();
    }
    bool string(string_t&) override { return value(); }
    bool binary(binary_t&) override { return value(); }
    bool start_object(std::size_t) override { return open(true); }
    bool end_object() override { return close(); }
    bool start_array(std::size_t) override { return open(false); }
    bool end_array() override { return close(); }
    bool key(string_t& k) override
    {
        Level& level = m_levels.back();
        level.current.clear(); // name the object, not its previous key
        if (!level.keys.insert(k).second) return fail("the key \"" + k.substr(0, 60) + "\" appears twice in " + where());
        level.current = k;
        return true;
    }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override
    {
        return false; // the DOM parse that follows reports it with line and column
    }

private:
    struct Level {
        bool object = false;
        std::set<std::string> keys;
        std::string current; // the key being read (objects)
        std::size_t index = 0; // the element being read (arrays)
    };
    std::vector<Level> m_levels;

    std::string where() const
    {
        std::string path;
        for (const Level& l : m_levels)
            path += l.object ? (l.current.empty() ? std::string() : "." + l.current.substr(0, 40))
                             : "[" + std::to_string(l.index) + "]";
        if (path.size() > 120) path = "..." + path.substr(path.size() - 117);
        return path.empty() ? std::string("the top level") : "\"" + path.substr(path[0] == '.' ? 1 : 0) + "\"";
    }
    bool fail(const std::string& what)
    {
        problem = what;
        return false;
    }
    bool value()
    {
        if (!m_levels.empty() && !m_levels.back().object) ++m_levels.back().index;
        return true;
    }
    bool open(bool object)
    {
        if (m_levels.size() >= kMaxDepth)
            return fail("values are nested more than " + std::to_string(kMaxDepth) + " levels deep at " + where());
        m_levels.push_back(Level{object, {}, {}, 0});
        return true;
    }
    bool close()
    {
        m_levels.pop_back();
        return value();
    }
};

} // namespace

Result<nlohmann::json> parseJson(const std::string& text, const std::string& name)
{
    StrictReader strict;
    if (!nlohmann::json::sax_parse(text, &strict) && !strict.problem.empty())
        return makeError(name + ": cannot be read safely: " + strict.problem +
                         ". Fix the file (each key once, at most 100 levels, ordinary numbers) or export it again.");
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

Result<nlohmann::json> parseJsonDocument(const std::string& text, const std::string& name, const std::string& kind,
                                         const std::string& listKey, const std::string& hint)
{
    auto parsed = parseJson(text, name);
    if (!parsed) return parsed.error();
    if (!parsed->is_object())
        return makeError(name + ": a " + kind + " must be a JSON object with \"title\" and \"" + listKey + "\"." +
                         (hint.empty() ? std::string() : " " + hint));
    auto it = parsed->find(listKey);
    if (it == parsed->end() || !it->is_array())
        return makeError(name + ": a " + kind + " needs a \"" + listKey + "\" list; this file has none, so it is not a " +
                         kind + ".");
    return parsed;
}

} // namespace psoas::core
