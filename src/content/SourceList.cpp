#include "content/SourceList.h"

#include "content/MarkdownRenderer.h"
#include "content/TextChecks.h"
#include "core/AtomicFile.h"
#include "core/JsonFile.h"

#include <set>

namespace psoas::content {

const std::vector<std::string>& SourceList::kinds()
{
    static const std::vector<std::string> k{"popular-article", "textbook", "study", "review", "guideline", "model-data"};
    return k;
}

std::string SourceList::normalizeKind(const std::string& kind)
{
    if (kind == "seed") return "popular-article"; // name used before issue 18
    if (kind == "reference") return "model-data";  // likewise
    for (const auto& k : kinds())
        if (k == kind) return k;
    return {};
}

namespace {

bool isValidDoi(const std::string& doi)
{
    if (doi.size() < 7 || doi.compare(0, 3, "10.") != 0 || doi.find('/') == std::string::npos) return false;
    for (char c : doi)
        if (static_cast<unsigned char>(c) <= 0x20 || c == '"' || c == '<' || c == '>') return false;
    return true;
}

bool isValidIsbn(const std::string& isbn)
{
    int digits = 0;
    for (std::size_t i = 0; i < isbn.size(); ++i) {
        char c = isbn[i];
        if (c >= '0' && c <= '9') ++digits;
        else if ((c == 'X' || c == 'x') && i + 1 == isbn.size()) ++digits;
        else if (c != '-') return false;
    }
    return digits == 10 || digits == 13;
}

} // namespace

core::Result<std::vector<Source>> SourceList::load(const std::string& path)
{
    auto text = core::readFile(path, 4u << 20);
    if (!text) return core::makeError(text.message() + " The content folder needs a sources.json that lists every cited source; restore it from the repository (assets/content/sources.json).");
    return parse(text.value(), path);
}

core::Result<std::vector<Source>> SourceList::parse(const std::string& text, const std::string& name)
{
    if (!isValidUtf8(text)) return core::makeError(name + ": is not valid UTF-8; save it as UTF-8.");
    auto json = core::parseJson(text, name);
    if (!json) return json.error();
    const auto& j = json.value();
    auto fail = [&](const std::string& what) { return core::makeError(name + ": " + what); };
    if (!j.is_object() || !j.contains("sources") || !j["sources"].is_array())
        return fail("expected {\"sources\": [ ... ]} at the top level; put the list of sources in a \"sources\" array");
    std::vector<Source> out;
    std::set<std::string> ids;
    std::size_t index = 0;
    for (const auto& s : j["sources"]) {
        ++index;
        std::string where = "source #" + std::to_string(index);
        if (!s.is_object()) return fail(where + " is not an object; write it as {\"id\": ..., \"title\": ..., \"site\": ..., \"kind\": ...}");
        for (auto it = s.begin(); it != s.end(); ++it) {
            static const std::set<std::string> allowed{"id", "title", "site", "author", "url", "doi", "isbn", "kind"};
            if (!allowed.count(it.key()))
                return fail(where + " has unknown key '" + it.key() +
                            "'; remove it or use one of id, title, site, author, url, doi, isbn, kind");
            if (!it.value().is_string()) return fail(where + " key '" + it.key() + "' must be a string; put the value in double quotes");
        }
        Source src;
        src.id = s.value("id", "");
        if (!src.id.empty()) where = "source '" + src.id + "'";
        if (!isValidId(src.id)) return fail(where + " needs an 'id'; give it one made of lower-case letters, digits and _");
        if (!ids.insert(src.id).second) return fail("source id '" + src.id + "' appears twice; rename or remove one of them");
        src.title = s.value("title", "");
        src.site = s.value("site", "");
        src.author = s.value("author", "");
        src.url = s.value("url", "");
        src.kind = s.value("kind", "");
        src.doi = s.value("doi", "");
        src.isbn = s.value("isbn", "");
        if (trim(src.title).empty()) return fail(where + " has no 'title'; add the title of the cited work");
        if (trim(src.site).empty()) return fail(where + " has no 'site'; add where it was published (journal, publisher or web site)");
        const std::string kind = normalizeKind(src.kind);
        if (kind.empty())
            return fail(where + " has kind '" + src.kind +
                        "'; use popular-article, textbook, study, review, guideline or model-data");
        src.kind = kind;
        if (!src.doi.empty() && !isValidDoi(src.doi))
            return fail(where + " has doi '" + src.doi + "'; write it as 10.<prefix>/<suffix>, without https://doi.org/");
        if (!src.isbn.empty() && !isValidIsbn(src.isbn))
            return fail(where + " has isbn '" + src.isbn + "'; write its 10 or 13 digits (hyphens allowed)");
        if (!src.url.empty() && classifyLink(src.url) != LinkKind::External)
            return fail(where + " has url '" + src.url + "'; use an http:// or https:// address, or remove the url");
        out.push_back(std::move(src));
    }
    return out;
}

} // namespace psoas::content
