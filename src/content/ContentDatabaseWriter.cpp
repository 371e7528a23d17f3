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

} // namespace

core::Status ContentDatabaseWriter::write(const ContentLibrary& library, const std::vector<StructureInfo>& structures,
                                          const std::string& path)
{
    namespace fs = std::filesystem;
    const std::string tmp = path + ".tmp";
    std::error_code ec;
    fs::remove(tmp, ec);
    sqlite3* db = nullptr;
    auto fail = [&](const std::string& what) {
        std::string msg = "Cannot write the content database '" + path + "': " + what;
        if (db) sqlite3_close(db);
        fs::remove(tmp, ec);
        return core::makeError(msg);
    };
    if (sqlite3_open_v2(tmp.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK)
        return fail(std::string(db ? sqlite3_errmsg(db) : "out of memory") + ". Check that the folder is writable.");
    std::string err;
    if (!sqlite::exec(db, "PRAGMA journal_mode=DELETE; PRAGMA synchronous=OFF; BEGIN;", &err) ||
        !sqlite::exec(db, kSchema, &err))
        return fail(err);

    Hash hash;
    auto run = [&](const char* sql, std::initializer_list<std::string> texts, std::initializer_list<long long> ints) {
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
    };

    // Items in a stable order: by type, then id.
    std::vector<const ContentItem*> items;
    for (const auto& it : library.items()) items.push_back(&it);
    std::stable_sort(items.begin(), items.end(), [](const ContentItem* a, const ContentItem* b) {
        return typeOrder(a->type) != typeOrder(b->type) ? typeOrder(a->type) < typeOrder(b->type) : a->id < b->id;
    });
    long long ord = 0;
    for (const ContentItem* it : items) {
        const std::string type = toString(it->type);
        std::string file = fs::path(it->file).filename().string();
        if (!run("INSERT INTO items VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9)",
                 {it->id, type, it->title, it->latin, it->summary, it->pose, it->body, file}, {ord++}))
            return fail(err);
        long long k = 0;
        for (const auto& s : it->structures)
            if (!run("INSERT OR IGNORE INTO item_structures VALUES(?1,?2,?3)", {it->id, s}, {k++})) return fail(err);
        for (const auto& p : it->poses)
            if (!run("INSERT OR IGNORE INTO item_poses VALUES(?1,?2,1)", {it->id, p}, {})) return fail(err);
        if (!it->pose.empty() && !run("INSERT OR IGNORE INTO item_poses VALUES(?1,?2,0)", {it->id, it->pose}, {}))
            return fail(err);
        k = 0;
        for (const auto& s : it->symptoms)
            if (!run("INSERT OR IGNORE INTO item_symptoms VALUES(?1,?2,?3)", {it->id, s}, {k++})) return fail(err);
        k = 0;
        for (const auto& s : it->sources)
            if (!run("INSERT OR IGNORE INTO item_sources VALUES(?1,?2,?3)", {it->id, s}, {k++})) return fail(err);
        for (const auto& link : MarkdownRenderer::links(it->body)) {
            std::string id;
            if (classifyLink(link.target, &id) == LinkKind::Content &&
                !run("INSERT OR IGNORE INTO item_links VALUES(?1,?2)", {it->id, id}, {}))
                return fail(err);
        }
        std::string alt = it->latin + " " + it->summary;
        if (!run("INSERT INTO search(title, alt, body, kind, ref) VALUES(?1,?2,?3,?4,?5)",
                 {it->title, alt, MarkdownRenderer::plainText(it->body), type, it->id}, {}))
            return fail(err);
    }
    ord = 0;
    for (const auto& s : library.sources())
        if (!run("INSERT INTO sources(id, title, site, author, url, kind, doi, isbn, ord) "
                 "VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9)",
                 {s.id, s.title, s.site, s.author, s.url, s.kind, s.doi, s.isbn}, {ord++}))
            return fail(err);

    // Structures and, per structure, its items: the catalog's "content" links first, then
    // the items whose header lists the structure (articles, topics, symptoms, exercises).
    ord = 0;
    for (const auto& s : structures) {
        if (!run("INSERT OR IGNORE INTO structures VALUES(?1,?2,?3,?4)", {s.id, s.name, s.latin}, {ord++}))
            return fail(err);
        std::string alt = s.latin;
        if (s.searchable && !run("INSERT INTO search(title, alt, body, kind, ref) VALUES(?1,?2,'','structure',?3)", {s.name, alt, s.id},
                 {}))
            return fail(err);
        std::vector<std::string> linked;
        std::set<std::string> seen;
        for (const auto& c : s.content)
            if (library.find(c) && seen.insert(c).second) linked.push_back(c);
        for (const ContentItem* it : items)
            for (const auto& sid : it->structures)
                if (sid == s.id && seen.insert(it->id).second) linked.push_back(it->id);
        long long k = 0;
        for (const auto& id : linked)
            if (!run("INSERT INTO structure_items VALUES(?1,?2,?3)", {s.id, id}, {k++})) return fail(err);
    }

    char hex[32];
    std::snprintf(hex, sizeof hex, "%016llx", hash.h);
    const std::string version = std::to_string(schemaVersion);
    const std::string pragma = "PRAGMA user_version=" + version + ";";
    if (!run("INSERT INTO meta VALUES('schema_version', ?1)", {version}, {}) ||
        !run("INSERT INTO meta VALUES('generator', 'psoas-contentbuild')", {}, {}) ||
        !run("INSERT INTO meta VALUES('content_hash', ?1)", {hex}, {}) ||
        !run("INSERT INTO meta VALUES('item_count', ?1)", {std::to_string(items.size())}, {}) ||
        !sqlite::exec(db, pragma.c_str(), &err) ||
        !sqlite::exec(db, "INSERT INTO search(search) VALUES('optimize'); COMMIT;", &err))
        return fail(err);
    if (sqlite3_close(db) != SQLITE_OK) return fail("closing failed");
    db = nullptr;
    fs::rename(tmp, path, ec);
    if (ec) return fail(ec.message());
    return core::Status::success();
}

} // namespace psoas::content
