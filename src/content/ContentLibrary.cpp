#include "content/ContentLibrary.h"

#include "content/ContentParser.h"
#include "content/MarkdownRenderer.h"
#include "content/SourceList.h"
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
            case LinkKind::External: break;
            case LinkKind::Invalid:
                bad("link '" + link.target + "' is not allowed; use content:<id>, structure:<id> or an http(s) address");
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
