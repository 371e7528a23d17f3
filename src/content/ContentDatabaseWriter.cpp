#include "content/ContentDatabaseWriter.h"

#include "content/MarkdownRenderer.h"
#include "content/internal/SqliteHandle.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>

namespace psoas::content {
namespace {

const char* const kSchema = R"SQL(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE items(id TEXT PRIMARY KEY, type TEXT NOT NULL, title TEXT NOT NULL, latin TEXT NOT NULL,
  summary TEXT NOT NULL, pose TEXT NOT NULL, body TEXT NOT NULL, file TEXT NOT NULL, ord INTEGER NOT NULL);
CREATE TABLE item_structures(item_id TEXT NOT NULL, structure_id TEXT NOT NULL, ord INTEGER NOT NULL,
  PRIMARY KEY(item_id, structure_id));
CREATE INDEX item_structures_by_structure ON item_structures(structure_id);
CREATE TABLE item_poses(item_id TEXT NOT NULL, pose TEXT NOT NULL, listed INTEGER NOT NULL,
  PRIMARY KEY(item_id, pose));
CREATE INDEX item_poses_by_pose ON item_poses(pose);
CREATE TABLE item_symptoms(item_id TEXT NOT NULL, symptom_id TEXT NOT NULL, ord INTEGER NOT NULL,
  PRIMARY KEY(item_id, symptom_id));
CREATE TABLE item_sources(item_id TEXT NOT NULL, source_id TEXT NOT NULL, ord INTEGER NOT NULL,
  PRIMARY KEY(item_id, source_id));
CREATE TABLE item_links(item_id TEXT NOT NULL, target_id TEXT NOT NULL, PRIMARY KEY(item_id, target_id));
CREATE TABLE sources(id TEXT PRIMARY KEY, title TEXT NOT NULL, site TEXT NOT NULL, author TEXT NOT NULL,
  url TEXT NOT NULL, kind TEXT NOT NULL, ord INTEGER NOT NULL, doi TEXT NOT NULL, isbn TEXT NOT NULL);
CREATE TABLE structures(id TEXT PRIMARY KEY, name TEXT NOT NULL, latin TEXT NOT NULL, ord INTEGER NOT NULL);
CREATE TABLE structure_items(structure_id TEXT NOT NULL, item_id TEXT NOT NULL, ord INTEGER NOT NULL,
  PRIMARY KEY(structure_id, item_id));
CREATE VIRTUAL TABLE search USING fts5(title, alt, body, kind UNINDEXED, ref UNINDEXED,
  tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3');
)SQL";

int typeOrder(ItemType t)
{
    switch (t) {
    case ItemType::Article: return 0;
    case ItemType::Topic: return 1;
    case ItemType::Symptom: return 2;
    case ItemType::Exercise: return 3;
    case ItemType::Disclaimer: return 4;
    }
    return 5;
}

// FNV-1a over everything that goes in, so two builds of the same content compare equal.
struct Hash {
    unsigned long long h = 1469598103934665603ull;
    void add(const std::string& s)
    {
        for (unsigned char c : s) {
            h ^= c;
            h *= 1099511628211ull;
        }
        h ^= 0xff;
        h *= 1099511628211ull;
    }
};

// Runs one statement with its text and integer parameters (in that order), adding the texts
// to the content hash; false with `err` set when SQLite refuses it.
struct Inserter {
    sqlite3* db = nullptr;
    Hash hash;
    std::string err;

    bool run(const char* sql, std::initializer_list<std::string> texts, std::initializer_list<long long> ints)
    {
        sqlite::Statement st(db, sql);
        if (!st.valid()) {
            err = sqlite3_errmsg(db);
            return false;
        }
        int i = 1;
        for (const auto& t : texts) {
            st.bind(i++, t);
            hash.add(t);
        }
        for (long long v : ints) st.bind(i++, v);
        if (st.step() != SQLITE_DONE) {
            err = sqlite3_errmsg(db);
            return false;
        }
        return true;
    }
};

// The library's items in a stable order: by type, then id.
std::vector<const ContentItem*> sortedItems(const ContentLibrary& library)
{
    std::vector<const ContentItem*> items;
    for (const auto& it : library.items()) items.push_back(&it);
    std::stable_sort(items.begin(), items.end(), [](const ContentItem* a, const ContentItem* b) {
        return typeOrder(a->type) != typeOrder(b->type) ? typeOrder(a->type) < typeOrder(b->type) : a->id < b->id;
    });
    return items;
}

// One item: its row, its lists (structures, poses, symptoms, sources, links) and its search entry.
bool insertItem(Inserter& in, const ContentItem& item, long long ord)
{
    const std::string type = toString(item.type);
    std::string file = std::filesystem::path(item.file).filename().string();
    if (!in.run("INSERT INTO items VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9)",
                {item.id, type, item.title, item.latin, item.summary, item.pose, item.body, file}, {ord}))
        return false;
    long long k = 0;
    for (const auto& s : item.structures)
        if (!in.run("INSERT OR IGNORE INTO item_structures VALUES(?1,?2,?3)", {item.id, s}, {k++})) return false;
    for (const auto& p : item.poses)
        if (!in.run("INSERT OR IGNORE INTO item_poses VALUES(?1,?2,1)", {item.id, p}, {})) return false;
    if (!item.pose.empty() && !in.run("INSERT OR IGNORE INTO item_poses VALUES(?1,?2,0)", {item.id, item.pose}, {}))
        return false;
    k = 0;
    for (const auto& s : item.symptoms)
        if (!in.run("INSERT OR IGNORE INTO item_symptoms VALUES(?1,?2,?3)", {item.id, s}, {k++})) return false;
    k = 0;
    for (const auto& s : item.sources)
        if (!in.run("INSERT OR IGNORE INTO item_sources VALUES(?1,?2,?3)", {item.id, s}, {k++})) return false;
    for (const auto& link : MarkdownRenderer::links(item.body)) {
        std::string id;
        if (classifyLink(link.target, &id) == LinkKind::Content &&
            !in.run("INSERT OR IGNORE INTO item_links VALUES(?1,?2)", {item.id, id}, {}))
            return false;
    }
    std::string alt = item.latin + " " + item.summary;
    return in.run("INSERT INTO search(title, alt, body, kind, ref) VALUES(?1,?2,?3,?4,?5)",
                  {item.title, alt, MarkdownRenderer::plainText(item.body), type, item.id}, {});
}

bool insertSources(Inserter& in, const ContentLibrary& library)
{
    long long ord = 0;
    for (const auto& s : library.sources())
        if (!in.run("INSERT INTO sources(id, title, site, author, url, kind, doi, isbn, ord) "
                    "VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9)",
                    {s.id, s.title, s.site, s.author, s.url, s.kind, s.doi, s.isbn}, {ord++}))
            return false;
    return true;
}

// Structures and, per structure, its items: the catalog's "content" links first, then
// the items whose header lists the structure (articles, topics, symptoms, exercises).
bool insertStructures(Inserter& in, const std::vector<StructureInfo>& structures, const ContentLibrary& library,
                      const std::vector<const ContentItem*>& items)
{
    long long ord = 0;
    for (const auto& s : structures) {
        if (!in.run("INSERT OR IGNORE INTO structures VALUES(?1,?2,?3,?4)", {s.id, s.name, s.latin}, {ord++}))
            return false;
        std::string alt = s.latin;
        if (s.searchable &&
            !in.run("INSERT INTO search(title, alt, body, kind, ref) VALUES(?1,?2,'','structure',?3)", {s.name, alt, s.id}, {}))
            return false;
        std::vector<std::string> linked;
        std::set<std::string> seen;
        for (const auto& c : s.content)
            if (library.find(c) && seen.insert(c).second) linked.push_back(c);
        for (const ContentItem* it : items)
            for (const auto& sid : it->structures)
                if (sid == s.id && seen.insert(it->id).second) linked.push_back(it->id);
        long long k = 0;
        for (const auto& id : linked)
            if (!in.run("INSERT INTO structure_items VALUES(?1,?2,?3)", {s.id, id}, {k++})) return false;
    }
    return true;
}

// The meta table (schema version, content hash, item count), the user_version and the
// search index's optimisation; commits.
bool finishDatabase(Inserter& in, std::size_t itemCount, int schemaVersion)
{
    char hex[32];
    std::snprintf(hex, sizeof hex, "%016llx", in.hash.h);
    const std::string version = std::to_string(schemaVersion);
    const std::string pragma = "PRAGMA user_version=" + version + ";";
    return in.run("INSERT INTO meta VALUES('schema_version', ?1)", {version}, {}) &&
           in.run("INSERT INTO meta VALUES('generator', 'psoas-contentbuild')", {}, {}) &&
           in.run("INSERT INTO meta VALUES('content_hash', ?1)", {hex}, {}) &&
           in.run("INSERT INTO meta VALUES('item_count', ?1)", {std::to_string(itemCount)}, {}) &&
           sqlite::exec(in.db, pragma.c_str(), &in.err) &&
           sqlite::exec(in.db, "INSERT INTO search(search) VALUES('optimize'); COMMIT;", &in.err);
}

} // namespace

core::Status ContentDatabaseWriter::write(const ContentLibrary& library, const std::vector<StructureInfo>& structures,
                                          const std::string& path)
{
    namespace fs = std::filesystem;
    const std::string tmp = path + ".tmp";
    std::error_code ec;
    fs::remove(tmp, ec);
    Inserter in;
    auto fail = [&](const std::string& what) {
        std::string msg = "Cannot write the content database '" + path + "': " + what;
        if (in.db) sqlite3_close(in.db);
        fs::remove(tmp, ec);
        return core::makeError(msg);
    };
    if (sqlite3_open_v2(tmp.c_str(), &in.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK)
        return fail(std::string(in.db ? sqlite3_errmsg(in.db) : "out of memory") + ". Check that the folder is writable.");
    if (!sqlite::exec(in.db, "PRAGMA journal_mode=DELETE; PRAGMA synchronous=OFF; BEGIN;", &in.err) ||
        !sqlite::exec(in.db, kSchema, &in.err))
        return fail(in.err);
    const std::vector<const ContentItem*> items = sortedItems(library);
    long long ord = 0;
    for (const ContentItem* it : items)
        if (!insertItem(in, *it, ord++)) return fail(in.err);
    if (!insertSources(in, library) || !insertStructures(in, structures, library, items) ||
        !finishDatabase(in, items.size(), schemaVersion))
        return fail(in.err);
    if (sqlite3_close(in.db) != SQLITE_OK) return fail("closing failed");
    in.db = nullptr;
    fs::rename(tmp, path, ec);
    if (ec) return fail(ec.message());
    return core::Status::success();
}

} // namespace psoas::content
