#include "content/ContentStore.h"

#include "content/ContentDatabaseWriter.h"
#include "content/MarkdownRenderer.h"
#include "content/internal/SqliteHandle.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>

namespace psoas::content {

struct ContentStore::Impl {
    sqlite3* db = nullptr;
    std::string path;
    mutable std::string lastError;
    mutable std::map<std::string, std::unique_ptr<sqlite::Statement>> statements;
    mutable std::vector<std::string> titleWords; // for typo tolerance, loaded on first use
    mutable bool titleWordsLoaded = false;

    ~Impl()
    {
        statements.clear();
        if (db) sqlite3_close(db);
    }

    // Returns a reset, cached statement, or nullptr (lastError set) if it cannot be prepared.
    const sqlite::Statement* prepare(const char* sql) const
    {
        auto it = statements.find(sql);
        if (it == statements.end()) {
            auto st = std::make_unique<sqlite::Statement>(db, sql);
            if (!st->valid()) {
                lastError = std::string("content database query failed: ") + sqlite3_errmsg(db);
                return nullptr;
            }
            it = statements.emplace(sql, std::move(st)).first;
        }
        it->second->reset();
        return it->second.get();
    }

    bool finished(const sqlite::Statement& st, int rc) const
    {
        if (rc == SQLITE_DONE) return true;
        lastError = std::string("content database query failed: ") + sqlite3_errmsg(db);
        (void)st;
        return false;
    }

    std::vector<ItemSummary> summaries(const char* sql, const std::string& arg) const
    {
        std::vector<ItemSummary> out;
        const sqlite::Statement* st = prepare(sql);
        if (!st) return out;
        st->bind(1, arg);
        int rc;
        while ((rc = st->step()) == SQLITE_ROW) {
            ItemSummary s;
            s.id = st->text(0);
            s.type = itemTypeFromString(st->text(1)).value_or(ItemType::Article);
            s.title = st->text(2);
            s.summary = st->text(3);
            s.pose = st->text(4);
            out.push_back(std::move(s));
        }
        finished(*st, rc);
        return out;
    }

    std::vector<std::string> strings(const char* sql, const std::string& arg) const
    {
        std::vector<std::string> out;
        const sqlite::Statement* st = prepare(sql);
        if (!st) return out;
        st->bind(1, arg);
        int rc;
        while ((rc = st->step()) == SQLITE_ROW) out.push_back(st->text(0));
        finished(*st, rc);
        return out;
    }

    std::string meta(const std::string& key) const
    {
        auto v = strings("SELECT value FROM meta WHERE key = ?1", key);
        return v.empty() ? std::string() : v.front();
    }
};

namespace {
const char* const kTypeOrder = "CASE i.type WHEN 'article' THEN 0 WHEN 'topic' THEN 1 WHEN 'symptom' THEN 2 "
                               "WHEN 'exercise' THEN 3 ELSE 4 END";

std::string rebuildAdvice()
{
    return " Rebuild the project (the psoas_content_db target writes it next to the program) or reinstall "
           "Psoas Atlas. The 3D viewer works without it.";
}
} // namespace

int ContentStore::supportedSchemaVersion() { return ContentDatabaseWriter::schemaVersion; }

ContentStore::ContentStore(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
ContentStore::~ContentStore() = default;

core::Result<std::unique_ptr<ContentStore>> ContentStore::open(const std::string& path)
{
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
        return core::makeError("The content database '" + path + "' is missing." + rebuildAdvice());
    if (!std::filesystem::is_regular_file(path, ec))
        return core::makeError("The content database '" + path + "' is not a file." + rebuildAdvice());
    auto impl = std::make_unique<Impl>();
    impl->path = path;
    if (sqlite3_open_v2(path.c_str(), &impl->db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
        return core::makeError("The content database '" + path + "' cannot be opened (" +
                               (impl->db ? sqlite3_errmsg(impl->db) : "out of memory") + ")." + rebuildAdvice());
    auto damaged = [&](const std::string& why) {
        return core::makeError("The content database '" + path + "' is damaged or is not a Psoas Atlas content "
                               "database (" + why + ")." + rebuildAdvice());
    };
    int version = -1;
    {
        sqlite::Statement st(impl->db, "PRAGMA user_version");
        if (!st.valid() || st.step() != SQLITE_ROW) return damaged(sqlite3_errmsg(impl->db));
        version = static_cast<int>(st.integer(0));
    }
    {
        sqlite::Statement st(impl->db, "PRAGMA quick_check");
        if (!st.valid() || st.step() != SQLITE_ROW) return damaged(sqlite3_errmsg(impl->db));
        if (st.text(0) != "ok") return damaged("integrity check: " + st.text(0));
    }
    std::string metaVersion = impl->meta("schema_version");
    if (!impl->lastError.empty() || metaVersion.empty()) return damaged("it has no schema version");
    if (version != supportedSchemaVersion() || metaVersion != std::to_string(supportedSchemaVersion()))
        return core::makeError("The content database '" + path + "' has schema version " + std::to_string(version) +
                               ", but this program reads version " + std::to_string(supportedSchemaVersion()) + "." +
                               rebuildAdvice());
    for (const char* table : {"items", "structures", "structure_items", "sources", "search"}) {
        std::string sql = std::string("SELECT 1 FROM ") + table + " LIMIT 1";
        sqlite::Statement st(impl->db, sql.c_str());
        if (!st.valid()) return damaged(sqlite3_errmsg(impl->db));
        int rc = st.step();
        if (rc != SQLITE_ROW && rc != SQLITE_DONE) return damaged(sqlite3_errmsg(impl->db));
    }
    return std::unique_ptr<ContentStore>(new ContentStore(std::move(impl)));
}

const std::string& ContentStore::path() const { return m_impl->path; }
const std::string& ContentStore::lastError() const { return m_impl->lastError; }
std::string ContentStore::contentHash() const { return m_impl->meta("content_hash"); }
int ContentStore::itemCount() const { return std::atoi(m_impl->meta("item_count").c_str()); }

std::optional<ContentItem> ContentStore::item(const std::string& id) const
{
    const sqlite::Statement* st =
        m_impl->prepare("SELECT id, type, title, latin, summary, pose, body, file FROM items WHERE id = ?1");
    if (!st) return std::nullopt;
    st->bind(1, id);
    int rc = st->step();
    if (rc != SQLITE_ROW) {
        m_impl->finished(*st, rc);
        return std::nullopt;
    }
    ContentItem item;
    item.id = st->text(0);
    item.type = itemTypeFromString(st->text(1)).value_or(ItemType::Article);
    item.title = st->text(2);
    item.latin = st->text(3);
    item.summary = st->text(4);
    item.pose = st->text(5);
    item.body = st->text(6);
    item.file = st->text(7);
    st->reset();
    item.structures =
        m_impl->strings("SELECT structure_id FROM item_structures WHERE item_id = ?1 ORDER BY ord", id);
    item.poses = m_impl->strings("SELECT pose FROM item_poses WHERE item_id = ?1 AND listed = 1 ORDER BY rowid", id);
    item.symptoms = m_impl->strings("SELECT symptom_id FROM item_symptoms WHERE item_id = ?1 ORDER BY ord", id);
    item.sources = m_impl->strings("SELECT source_id FROM item_sources WHERE item_id = ?1 ORDER BY ord", id);
    return item;
}

std::vector<ItemSummary> ContentStore::allItems() const
{
    return m_impl->summaries("SELECT id, type, title, summary, pose FROM items WHERE ?1 = ?1 ORDER BY ord", "");
}

std::optional<StructureInfo> ContentStore::structure(const std::string& id) const
{
    const sqlite::Statement* st = m_impl->prepare("SELECT id, name, latin FROM structures WHERE id = ?1");
    if (!st) return std::nullopt;
    st->bind(1, id);
    int rc = st->step();
    if (rc != SQLITE_ROW) {
        m_impl->finished(*st, rc);
        return std::nullopt;
    }
    StructureInfo info{st->text(0), st->text(1), st->text(2), {}};
    st->reset();
    info.content = m_impl->strings("SELECT item_id FROM structure_items WHERE structure_id = ?1 ORDER BY ord", id);
    return info;
}

std::vector<StructureInfo> ContentStore::structures() const
{
    std::vector<StructureInfo> out;
    const sqlite::Statement* st = m_impl->prepare("SELECT id, name, latin FROM structures ORDER BY ord");
    if (!st) return out;
    int rc;
    while ((rc = st->step()) == SQLITE_ROW) out.push_back({st->text(0), st->text(1), st->text(2), {}});
    m_impl->finished(*st, rc);
    return out;
}

std::vector<ItemSummary> ContentStore::itemsForStructure(const std::string& structureId) const
{
    static const std::string sql = std::string("SELECT i.id, i.type, i.title, i.summary, i.pose FROM structure_items s "
                                               "JOIN items i ON i.id = s.item_id WHERE s.structure_id = ?1 ORDER BY ") +
                                   kTypeOrder + ", s.ord";
    return m_impl->summaries(sql.c_str(), structureId);
}

std::optional<ItemSummary> ContentStore::articleForStructure(const std::string& structureId) const
{
    auto items = itemsForStructure(structureId);
    for (const auto& i : items)
        if (i.type == ItemType::Article) return i;
    return std::nullopt;
}

std::vector<ItemSummary> ContentStore::symptomsForStructure(const std::string& structureId) const
{
    return m_impl->summaries(
        "SELECT i.id, i.type, i.title, i.summary, i.pose FROM items i WHERE i.type = 'symptom' AND ("
        " i.id IN (SELECT item_id FROM item_structures WHERE structure_id = ?1) OR"
        " i.id IN (SELECT y.symptom_id FROM item_symptoms y JOIN structure_items s ON s.item_id = y.item_id"
        "          WHERE s.structure_id = ?1)) ORDER BY i.ord",
        structureId);
}

std::vector<ItemSummary> ContentStore::exercisesForStructure(const std::string& structureId) const
{
    return m_impl->summaries(
        "SELECT i.id, i.type, i.title, i.summary, i.pose FROM items i WHERE i.type = 'exercise' AND ("
        " i.id IN (SELECT item_id FROM item_structures WHERE structure_id = ?1) OR"
        " i.id IN (SELECT l.target_id FROM item_links l JOIN structure_items s ON s.item_id = l.item_id"
        "          WHERE s.structure_id = ?1)) ORDER BY i.ord",
        structureId);
}

std::vector<ItemSummary> ContentStore::itemsForPose(const std::string& presetName) const
{
    static const std::string sql =
        std::string("SELECT i.id, i.type, i.title, i.summary, i.pose FROM items i WHERE i.id IN "
                    "(SELECT item_id FROM item_poses WHERE pose = ?1) ORDER BY CASE i.type WHEN 'topic' THEN 0 "
                    "WHEN 'article' THEN 1 WHEN 'exercise' THEN 2 WHEN 'symptom' THEN 3 ELSE 4 END, i.ord");
    return m_impl->summaries(sql.c_str(), presetName);
}

std::vector<std::string> ContentStore::structuresForSymptom(const std::string& symptomId) const
{
    return m_impl->strings("SELECT s.structure_id FROM item_structures s JOIN items i ON i.id = s.item_id "
                           "WHERE s.item_id = ?1 AND i.type = 'symptom' ORDER BY s.ord",
                           symptomId);
}

std::vector<Source> ContentStore::sourcesOf(const std::string& itemId) const
{
    std::vector<Source> out;
    const sqlite::Statement* st =
        m_impl->prepare("SELECT s.id, s.title, s.site, s.author, s.url, s.kind, s.doi, s.isbn FROM item_sources x "
                        "JOIN sources s ON s.id = x.source_id WHERE x.item_id = ?1 ORDER BY x.ord");
    if (!st) return out;
    st->bind(1, itemId);
    int rc;
    while ((rc = st->step()) == SQLITE_ROW)
        out.push_back({st->text(0), st->text(1), st->text(2), st->text(3), st->text(4), st->text(5), st->text(6),
                       st->text(7)});
    m_impl->finished(*st, rc);
    return out;
}

std::string ContentStore::toFtsQuery(const std::string& text)
{
    std::string out;
    std::string word;
    int words = 0;
    auto flush = [&]() {
        if (!word.empty() && words < 8) {
            if (!out.empty()) out += ' ';
            out += '"' + word.substr(0, 64) + "\"*";
            ++words;
        }
        word.clear();
    };
    for (char c : text) {
        unsigned char u = static_cast<unsigned char>(c);
        bool wordChar = (u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || u >= 0x80;
        if (wordChar) word += c;
        else flush();
    }
    flush();
    return out;
}

namespace {

bool isWordByte(unsigned char u)
{
    return (u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || u >= 0x80;
}

// Lower-case (ASCII) words of the text, in order.
std::vector<std::string> wordsOf(const std::string& text)
{
    std::vector<std::string> out;
    std::string word;
    for (char c : text + " ") {
        unsigned char u = static_cast<unsigned char>(c);
        if (isWordByte(u)) word += (u >= 'A' && u <= 'Z') ? static_cast<char>(u - 'A' + 'a') : c;
        else if (!word.empty()) {
            out.push_back(word);
            word.clear();
        }
    }
    return out;
}

const char* const kSearchSql =
    "SELECT h.kind, h.ref, h.title, MIN(h.r), COALESCE(i.summary, st.latin, ''), MIN(h.tier) AS t FROM ("
    "  SELECT kind, ref, title, bm25(search, 10.0, 3.0, 1.0) AS r, 0 AS tier FROM search WHERE search MATCH ?3"
    "  UNION ALL"
    "  SELECT kind, ref, title, bm25(search, 10.0, 3.0, 1.0) AS r, 1 AS tier FROM search WHERE search MATCH ?1"
    ") h"
    " LEFT JOIN items i ON h.kind <> 'structure' AND i.id = h.ref"
    " LEFT JOIN structures st ON h.kind = 'structure' AND st.id = h.ref"
    " GROUP BY h.kind, h.ref ORDER BY t, MIN(h.r) LIMIT ?2";

} // namespace

bool ContentStore::withinOneEdit(const std::string& a, const std::string& b)
{
    const std::size_t n = a.size(), m = b.size();
    if (n > m + 1 || m > n + 1) return false;
    std::size_t i = 0;
    while (i < n && i < m && a[i] == b[i]) ++i; // common prefix
    if (i == n && i == m) return true;
    if (n == m) {
        if (a.compare(i + 1, std::string::npos, b, i + 1, std::string::npos) == 0) return true; // substitution
        return i + 1 < n && a[i] == b[i + 1] && a[i + 1] == b[i] &&
               a.compare(i + 2, std::string::npos, b, i + 2, std::string::npos) == 0; // swap of neighbours
    }
    if (n > m) return a.compare(i + 1, std::string::npos, b, i, std::string::npos) == 0; // deletion
    return a.compare(i, std::string::npos, b, i + 1, std::string::npos) == 0;              // insertion
}

std::vector<std::string> ContentStore::similarTitleWords(const std::string& wordIn) const
{
    std::vector<std::string> out;
    const std::string word = wordsOf(wordIn).empty() ? std::string() : wordsOf(wordIn).front();
    if (word.size() < 4) return out;
    if (!m_impl->titleWordsLoaded) {
        m_impl->titleWordsLoaded = true;
        std::set<std::string> words;
        const sqlite::Statement* st =
            m_impl->prepare("SELECT title, CASE WHEN kind = 'structure' THEN alt ELSE '' END FROM search");
        if (st) {
            int rc;
            while ((rc = st->step()) == SQLITE_ROW)
                for (int col = 0; col < 2; ++col)
                    for (auto& w : wordsOf(st->text(col)))
                        if (w.size() >= 3) words.insert(std::move(w));
            m_impl->finished(*st, rc);
        }
        m_impl->titleWords.assign(words.begin(), words.end());
    }
    for (const auto& term : m_impl->titleWords) {
        // The whole word, or (while typing) the start of a longer one.
        bool near = withinOneEdit(word, term);
        if (!near && word.size() >= 5 && term.size() > word.size() + 1)
            near = withinOneEdit(word, term.substr(0, word.size())) || withinOneEdit(word, term.substr(0, word.size() + 1));
        if (near) out.push_back(term);
    }
    return out;
}

std::vector<SearchHit> ContentStore::search(const std::string& query, int limit) const
{
    std::vector<SearchHit> out;
    std::string fts = toFtsQuery(query);
    if (fts.empty() || limit <= 0) return out;
    // Tier 0: every word matches the title; tier 1: the words match anywhere. Within a tier,
    // bm25 with the title weighted over the summary/Latin and the body.
    auto run = [&](const std::string& match, bool approximate) {
        const sqlite::Statement* st = m_impl->prepare(kSearchSql);
        if (!st) return;
        st->bind(1, match);
        st->bind(2, static_cast<long long>(limit));
        st->bind(3, "title : (" + match + ")");
        int rc;
        while ((rc = st->step()) == SQLITE_ROW) {
            SearchHit hit;
            std::string kind = st->text(0);
            hit.kind = kind == "structure" ? HitKind::Structure : HitKind::Item;
            hit.itemType = itemTypeFromString(kind).value_or(ItemType::Article);
            hit.id = st->text(1);
            hit.title = st->text(2);
            hit.rank = st->real(3);
            hit.detail = st->text(4);
            hit.approximate = approximate;
            bool seen = false;
            for (const auto& h : out)
                if (h.kind == hit.kind && h.id == hit.id) seen = true;
            if (!seen && static_cast<int>(out.size()) < limit) out.push_back(std::move(hit));
        }
        m_impl->finished(*st, rc);
    };
    run(fts, false);
    if (static_cast<int>(out.size()) >= limit) return out;

    // Typo tolerance: words that match nothing on their own are replaced by near title words.
    const std::vector<std::string> words = wordsOf(query);
    std::string approx;
    bool changed = false;
    int used = 0;
    for (const auto& w : words) {
        if (used++ >= 8) break;
        const std::string exact = "\"" + w.substr(0, 64) + "\"*";
        std::string term = exact;
        if (w.size() >= 4) {
            bool matches = false;
            if (const sqlite::Statement* st = m_impl->prepare("SELECT 1 FROM search WHERE search MATCH ?1 LIMIT 1")) {
                st->bind(1, exact);
                int rc = st->step();
                matches = rc == SQLITE_ROW;
                if (rc != SQLITE_ROW) m_impl->finished(*st, rc);
                st->reset();
            }
            if (!matches) {
                auto near = similarTitleWords(w);
                if (near.size() > 6) near.resize(6);
                if (!near.empty()) {
                    changed = true;
                    term.clear();
                    for (const auto& n : near) term += (term.empty() ? "(\"" : " OR \"") + n + "\"";
                    term += ")";
                }
            }
        }
        if (!approx.empty()) approx += " AND "; // FTS5 needs an explicit AND after a bracketed OR
        approx += term;
    }
    if (changed) run(approx, true);
    return out;
}

std::string ContentStore::html(const std::string& itemId) const
{
    auto body = m_impl->strings("SELECT body FROM items WHERE id = ?1", itemId);
    return body.empty() ? std::string() : MarkdownRenderer::toHtml(body.front());
}

} // namespace psoas::content
