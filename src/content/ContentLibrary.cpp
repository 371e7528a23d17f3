#include "content/ContentLibrary.h"

#include "content/ContentParser.h"
#include "content/MarkdownRenderer.h"
#include "content/SourceList.h"
#include "content/TextChecks.h"
#include "core/FolderContainment.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>

namespace psoas::content {
namespace fs = std::filesystem;

namespace {

struct Folder {
    const char* name;
    std::vector<ItemType> types;
};

const std::vector<Folder>& folders()
{
    static const std::vector<Folder> f{{"articles", {ItemType::Article, ItemType::Topic, ItemType::Disclaimer}},
                                       {"symptoms", {ItemType::Symptom}},
                                       {"exercises", {ItemType::Exercise}}};
    return f;
}

// Line of the header key `key` in the item's file (for messages); falls back to line 1.
int headerLine(const ContentItem& item, const std::string& key)
{
    std::error_code ec;
    if (!fs::exists(item.file, ec)) return 1;
    FILE* f = std::fopen(item.file.c_str(), "rb");
    if (!f) return 1;
    char buf[4096];
    int line = 0;
    while (std::fgets(buf, sizeof buf, f)) {
        ++line;
        if (line >= item.bodyLine) break;
        std::string s(buf);
        if (s.compare(0, key.size() + 1, key + ":") == 0) {
            std::fclose(f);
            return line;
        }
    }
    std::fclose(f);
    return 1;
}

// Parser and source-list messages start with "<file>:<line>: " or "<file>: "; split that off
// so the Diagnostic carries the file and line itself (otherwise toString() would print
// ": <file>:5: ..." with an empty file name in front).
Diagnostic diagnosticFor(const std::string& file, const std::string& message)
{
    if (message.compare(0, file.size(), file) == 0 && message.size() > file.size() && message[file.size()] == ':') {
        std::size_t at = file.size() + 1;
        std::size_t digits = at;
        while (digits < message.size() && digits - at < 9 && message[digits] >= '0' && message[digits] <= '9')
            ++digits;
        int line = 0;
        if (digits > at && digits < message.size() && message[digits] == ':') {
            line = std::stoi(message.substr(at, digits - at));
            at = digits + 1;
        }
        while (at < message.size() && message[at] == ' ') ++at;
        return {file, line, message.substr(at)};
    }
    return {file, 0, message};
}

// A content file must really live in the content folder: a symlink (to the file or to one of
// the sub-folders) that leads outside it is not read.
bool insideFolder(const fs::path& file, const fs::path& root)
{
    std::error_code ec;
    const fs::path real = fs::canonical(file, ec);
    return !ec && core::isWithinFolder(real, root);
}

} // namespace

ContentLibrary ContentLibrary::load(const std::string& dir, std::vector<Diagnostic>& problems)
{
    ContentLibrary lib;
    lib.m_dir = dir;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        problems.push_back({dir, 0, "the content folder does not exist; restore assets/content from the repository"});
        return lib;
    }
    const fs::path root = fs::canonical(dir, ec);
    for (const auto& folder : folders()) {
        fs::path sub = fs::path(dir) / folder.name;
        if (!fs::is_directory(sub, ec)) {
            problems.push_back({sub.string(), 0, "folder is missing; create it (the content folder needs articles/, symptoms/ and exercises/)"});
            continue;
        }
        std::vector<fs::path> files;
        for (const auto& entry : fs::directory_iterator(sub, ec)) {
            const fs::path& p = entry.path();
            if (p.extension() != ".md" || p.filename() == "README.md") continue;
            files.push_back(p);
        }
        std::sort(files.begin(), files.end());
        for (const auto& p : files) {
            if (!insideFolder(p, root)) {
                problems.push_back({p.string(), 0, "is a link to a file outside the content folder " + root.string() +
                                                       " and was not read; copy the file into the folder instead"});
                continue;
            }
            auto item = ContentParser::parseFile(p.string());
            if (!item) {
                problems.push_back(diagnosticFor(p.string(), item.message()));
                continue;
            }
            if (std::find(folder.types.begin(), folder.types.end(), item->type) == folder.types.end()) {
                problems.push_back({p.string(), headerLine(item.value(), "type"),
                                    std::string("type '") + toString(item->type) + "' does not belong in " +
                                        folder.name + "/; move the file or fix its type"});
                continue;
            }
            if (lib.m_index.count(item->id)) {
                problems.push_back({p.string(), headerLine(item.value(), "id"),
                                    "id '" + item->id + "' is already used by " +
                                        lib.m_items[lib.m_index[item->id]].file + "; give one of the two items another id"});
                continue;
            }
            lib.m_index[item->id] = lib.m_items.size();
            lib.m_items.push_back(std::move(item.value()));
        }
    }
    const fs::path sourcesPath = fs::path(dir) / "sources.json";
    if (fs::exists(sourcesPath, ec) && !insideFolder(sourcesPath, root)) {
        problems.push_back({sourcesPath.string(), 0, "is a link to a file outside the content folder " + root.string() +
                                                         " and was not read; copy the file into the folder instead"});
        return lib;
    }
    auto sources = SourceList::load(sourcesPath.string());
    if (!sources) problems.push_back(diagnosticFor(sourcesPath.string(), sources.message()));
    else lib.m_sources = std::move(sources.value());
    return lib;
}

ContentLibrary ContentLibrary::fromItems(std::vector<ContentItem> items, std::vector<Source> sources)
{
    ContentLibrary lib;
    for (auto& item : items) {
        lib.m_index[item.id] = lib.m_items.size();
        lib.m_items.push_back(std::move(item));
    }
    lib.m_sources = std::move(sources);
    return lib;
}

const ContentItem* ContentLibrary::find(const std::string& id) const
{
    auto it = m_index.find(id);
    return it == m_index.end() ? nullptr : &m_items[it->second];
}

void ContentLibrary::validate(const std::vector<StructureInfo>& structures, const std::set<std::string>& poses,
                              std::vector<Diagnostic>& problems) const
{
    std::set<std::string> structureIds;
    for (const auto& s : structures) structureIds.insert(s.id);
    std::set<std::string> sourceIds;
    for (const auto& s : m_sources) sourceIds.insert(s.id);

    for (const auto& item : m_items) {
        auto report = [&](const std::string& key, const std::string& what) {
            problems.push_back({item.file, headerLine(item, key), what});
        };
        for (const auto& s : item.structures)
            if (!structureIds.count(s))
                report("structures", "unknown structure id '" + s + "'; use an id from assets/models/catalog.json");
        for (const auto& p : item.poses)
            if (!poses.count(p)) report("poses", "unknown pose '" + p + "'; use a preset name from assets/poses/");
        if (!item.pose.empty() && !poses.count(item.pose))
            report("pose", "unknown pose '" + item.pose + "'; use a preset name from assets/poses/");
        for (const auto& s : item.symptoms) {
            const ContentItem* target = find(s);
            if (!target || target->type != ItemType::Symptom)
                report("symptoms", "unknown symptom '" + s + "'; use the id of a file in symptoms/");
        }
        for (const auto& s : item.sources)
            if (!sourceIds.count(s)) report("sources", "source '" + s + "' is not listed in sources.json; add it there");
        for (const auto& link : MarkdownRenderer::links(item.body)) {
            int line = link.line > 0 ? item.bodyLine + link.line - 1 : item.bodyLine;
            auto bad = [&](const std::string& what) { problems.push_back({item.file, line, what}); };
            if (link.image) {
                bad("image '" + link.target + "' is not supported; describe it in words or link it");
                continue;
            }
            std::string id;
            switch (classifyLink(link.target, &id)) {
            case LinkKind::Content:
                if (!find(id)) bad("broken link 'content:" + id + "': no content item has that id; use the id of a file in articles/, "
                    "symptoms/ or exercises/");
                break;
            case LinkKind::Structure:
                if (!structureIds.count(id)) bad("broken link 'structure:" + id + "': no structure has that id; use an id from assets/models/catalog.json");
                break;
            case LinkKind::Source:
                if (!sourceIds.count(id)) bad("broken citation 'source:" + id + "': no source in sources.json has that id; add it there or fix the id");
                break;
            case LinkKind::Quiz: {
                std::error_code ec;
                if (!m_dir.empty() &&
                    !std::filesystem::is_regular_file(std::filesystem::path(m_dir).parent_path() / "quizzes" / (id + ".json"), ec))
                    bad("broken link 'quiz:" + id + "': no quiz file quizzes/" + id + ".json beside the content folder");
                break;
            }
            case LinkKind::External: break;
            case LinkKind::Invalid:
                bad("link '" + link.target + "' is not allowed; use content:<id>, structure:<id>, source:<id>, quiz:<id> or an http(s) address");
                break;
            }
        }
    }
    for (const auto& s : structures)
        for (const auto& c : s.content)
            if (!find(c))
                problems.push_back({"assets/models/catalog.json", 0,
                                    "structure '" + s.id + "' links content '" + c +
                                        "', but no content item has that id; fix the catalog or add the item"});
}

} // namespace psoas::content

namespace psoas::content {

const std::vector<std::string>& ContentLibrary::claimSectionExemptions()
{
    static const std::vector<std::string> e{"see also", "related", "related items", "related reading",
                                            "further reading", "sources", "what this note does not do",
                                            "what this page does not do", "what this item does not do"};
    return e;
}

namespace {

struct Section {
    std::string heading; // "" for the introduction
    int line = 0;        // 1-based body line of the heading (or of the first text line)
    bool hasText = false;
    std::vector<std::string> cited; // source ids cited in the section
};

// Heading level of an ATX heading line ("## Text" -> 2), 0 if it is not one.
int headingLevel(const std::string& line, std::string* text)
{
    std::size_t i = 0;
    while (i < line.size() && i < 3 && line[i] == ' ') ++i;
    std::size_t hashes = 0;
    while (i + hashes < line.size() && line[i + hashes] == '#') ++hashes;
    if (hashes == 0 || hashes > 6) return 0;
    std::size_t after = i + hashes;
    if (after < line.size() && line[after] != ' ' && line[after] != '\t') return 0;
    if (text) {
        std::string t = trim(line.substr(after));
        while (!t.empty() && t.back() == '#') t.pop_back();
        *text = trim(t);
    }
    return static_cast<int>(hashes);
}

std::string lowerAscii(std::string s)
{
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

} // namespace

void ContentLibrary::checkCitations(std::vector<Diagnostic>& problems) const
{
    std::map<std::string, const Source*> sources;
    for (const auto& s : m_sources) sources[s.id] = &s;
    for (const auto& item : m_items) {
        if (item.type == ItemType::Disclaimer) continue;
        // Split the body into sections by line.
        std::vector<Section> sections(1);
        std::vector<std::string> lines;
        {
            std::size_t start = 0;
            while (start < item.body.size()) {
                std::size_t nl = item.body.find('\n', start);
                lines.push_back(item.body.substr(start, nl == std::string::npos ? std::string::npos : nl - start));
                if (nl == std::string::npos) break;
                start = nl + 1;
            }
        }
        std::vector<std::size_t> sectionOfLine(lines.size() + 2, 0);
        bool fenced = false, titleSeen = false;
        for (std::size_t i = 0; i < lines.size(); ++i) {
            const std::string t = trim(lines[i]);
            const int lineNo = static_cast<int>(i) + 1;
            if (t.compare(0, 3, "```") == 0 || t.compare(0, 3, "~~~") == 0) fenced = !fenced;
            std::string headingText;
            const int level = fenced ? 0 : headingLevel(lines[i], &headingText);
            if (level == 1 && !titleSeen && !sections.back().hasText && sections.size() == 1) {
                titleSeen = true; // the item's own title: the introduction follows it
                sections.back().line = lineNo;
            } else if (level == 1 || level == 2) {
                sections.push_back({headingText, lineNo, false, {}});
            } else if (!t.empty() && level == 0 && t != "[Medical disclaimer](content:disclaimer)") {
                if (!sections.back().hasText && sections.back().line == 0) sections.back().line = lineNo;
                sections.back().hasText = true;
            }
            sectionOfLine[static_cast<std::size_t>(lineNo)] = sections.size() - 1;
        }
        std::set<std::string> citedAnywhere;
        for (const auto& link : MarkdownRenderer::links(item.body)) {
            std::string id;
            if (classifyLink(link.target, &id) != LinkKind::Source) continue;
            citedAnywhere.insert(id);
            std::size_t line = link.line > 0 && static_cast<std::size_t>(link.line) < sectionOfLine.size()
                                   ? static_cast<std::size_t>(link.line) : 0;
            sections[sectionOfLine[line]].cited.push_back(id);
        }
        auto at = [&](int bodyLine) { return item.bodyLine + std::max(bodyLine, 1) - 1; };
        for (const auto& sec : sections) {
            if (!sec.hasText) continue;
            const std::string lower = lowerAscii(sec.heading);
            const auto& ex = claimSectionExemptions();
            if (!sec.heading.empty() && std::find(ex.begin(), ex.end(), lower) != ex.end()) continue;
            bool checkable = false;
            for (const auto& id : sec.cited) {
                auto it = sources.find(id);
                if (it != sources.end() && isCheckableSource(*it->second)) checkable = true;
            }
            if (checkable) continue;
            const std::string name = sec.heading.empty() ? std::string("the introduction")
                                                         : "the section '" + sec.heading + "'";
            problems.push_back({item.file, at(sec.line),
                                name + " cites no source a reader can look up; add a citation such as "
                                       "[Gray's Anatomy](source:grays_anatomy) at the claim it supports "
                                       "(model-data notes do not count)"});
        }
        for (const auto& id : citedAnywhere)
            if (std::find(item.sources.begin(), item.sources.end(), id) == item.sources.end())
                problems.push_back({item.file, headerLine(item, "sources"),
                                    "the text cites source '" + id + "' but the header's 'sources' does not list it; add it"});
        for (const auto& id : item.sources)
            if (!citedAnywhere.count(id))
                problems.push_back({item.file, headerLine(item, "sources"),
                                    "the header lists source '" + id + "' but the text never cites it; cite it at the "
                                    "claim it supports with [text](source:" + id + ") or remove it from 'sources'"});
    }
}

} // namespace psoas::content
