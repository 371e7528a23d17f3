#include "content/ContentLibrary.h"

#include "content/ContentParser.h"
#include "content/MarkdownRenderer.h"
#include "content/SourceList.h"

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

} // namespace

ContentLibrary ContentLibrary::load(const std::string& dir, std::vector<Diagnostic>& problems)
{
    ContentLibrary lib;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        problems.push_back({dir, 0, "the content folder does not exist; check out assets/content"});
        return lib;
    }
    for (const auto& folder : folders()) {
        fs::path sub = fs::path(dir) / folder.name;
        if (!fs::is_directory(sub, ec)) {
            problems.push_back({sub.string(), 0, "folder is missing; content needs articles/, symptoms/ and exercises/"});
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
            auto item = ContentParser::parseFile(p.string());
            if (!item) {
                problems.push_back({"", 0, item.message()}); // message already starts with file:line
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
                                        lib.m_items[lib.m_index[item->id]].file + "; ids must be unique"});
                continue;
            }
            lib.m_index[item->id] = lib.m_items.size();
            lib.m_items.push_back(std::move(item.value()));
        }
    }
    auto sources = SourceList::load((fs::path(dir) / "sources.json").string());
    if (!sources) problems.push_back({"", 0, sources.message()});
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
                if (!find(id)) bad("broken link 'content:" + id + "': no content item has that id");
                break;
            case LinkKind::Structure:
                if (!structureIds.count(id)) bad("broken link 'structure:" + id + "': no structure has that id");
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
