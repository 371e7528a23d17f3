#include "content/UserNotes.h"

#include "content/internal/SqliteHandle.h"
#include "content/TextChecks.h"

#include <algorithm>
#include <ctime>
#include <filesystem>

namespace psoas::content {

struct UserNotes::Impl {
    sqlite3* db = nullptr;
    std::string path;
    ~Impl()
    {
        if (db) sqlite3_close(db);
    }
    std::string error(const std::string& action) const
    {
        return "Cannot " + action + " your notes in '" + path + "': " + (db ? sqlite3_errmsg(db) : "out of memory") +
               ".";
    }
};

UserNotes::UserNotes(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
UserNotes::~UserNotes() = default;
const std::string& UserNotes::path() const { return m_impl->path; }

core::Result<std::unique_ptr<UserNotes>> UserNotes::open(const std::string& path)
{
    namespace fs = std::filesystem;
    auto impl = std::make_unique<Impl>();
    impl->path = path;
    std::error_code ec;
    fs::path parent = fs::path(path).parent_path();
    if (!parent.empty() && !fs::exists(parent, ec)) {
        fs::create_directories(parent, ec);
        if (ec)
            return core::makeError("Cannot create the folder '" + parent.string() + "' for your notes: " +
                                   ec.message() + ". Check the permissions of your data folder.");
    }
    if (sqlite3_open_v2(path.c_str(), &impl->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK)
        return core::makeError(impl->error("open") + " Check that the folder is writable.");
    sqlite3_busy_timeout(impl->db, 3000);
    std::string err;
    if (!sqlite::exec(impl->db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;", &err) ||
        !sqlite::exec(impl->db,
                      "CREATE TABLE IF NOT EXISTS notes(structure_id TEXT PRIMARY KEY, text TEXT NOT NULL, "
                      "updated INTEGER NOT NULL);"
                      "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
                      "INSERT OR IGNORE INTO meta VALUES('schema_version', '1');",
                      &err))
        return core::makeError("Cannot open your notes in '" + path + "': " + err +
                               ". If the file is damaged, move it aside; a new one will be created.");
    {
        sqlite::Statement st(impl->db, "PRAGMA user_version");
        if (st.valid() && st.step() == SQLITE_ROW && st.integer(0) > 1)
            return core::makeError("Your notes in '" + path + "' were written by a newer Psoas Atlas (format " +
                                   std::to_string(st.integer(0)) + "). Update the program to read them.");
    }
    sqlite::exec(impl->db, "PRAGMA user_version=1;");
    return std::unique_ptr<UserNotes>(new UserNotes(std::move(impl)));
}

core::Result<std::string> UserNotes::note(const std::string& structureId) const
{
    sqlite::Statement st(m_impl->db, "SELECT text FROM notes WHERE structure_id = ?1");
    if (!st.valid()) return core::makeError(m_impl->error("read"));
    st.bind(1, structureId);
    int rc = st.step();
    if (rc == SQLITE_ROW) return st.text(0);
    if (rc == SQLITE_DONE) return std::string();
    return core::makeError(m_impl->error("read"));
}

core::Status UserNotes::save(const std::string& structureId, const std::string& text)
{
    if (structureId.empty()) return core::makeError("Cannot save a note without a structure.");
    if (text.size() > maxNoteBytes)
        return core::makeError("The note for '" + structureId + "' is " + std::to_string(text.size()) +
                               " bytes; the limit is " + std::to_string(maxNoteBytes) + ". Shorten it.");
    if (!isValidUtf8(text))
        return core::makeError("The note for '" + structureId + "' is not valid UTF-8 text; it was not saved.");
    const bool remove = text.find_first_not_of(" \t\r\n") == std::string::npos;
    std::string err;
    if (!sqlite::exec(m_impl->db, "BEGIN IMMEDIATE", &err))
        return core::makeError("Cannot save your note in '" + m_impl->path + "': " + err +
                               ". The previous note is unchanged.");
    sqlite::Statement st(m_impl->db, remove ? "DELETE FROM notes WHERE structure_id = ?1"
                                            : "INSERT INTO notes VALUES(?1, ?2, ?3) ON CONFLICT(structure_id) "
                                              "DO UPDATE SET text = excluded.text, updated = excluded.updated");
    bool ok = st.valid();
    if (ok) {
        st.bind(1, structureId);
        if (!remove) {
            st.bind(2, text);
            st.bind(3, static_cast<long long>(std::time(nullptr)));
        }
        ok = st.step() == SQLITE_DONE;
    }
    if (!ok) err = sqlite3_errmsg(m_impl->db);
    if (ok && sqlite::exec(m_impl->db, "COMMIT", &err)) return core::Status::success();
    sqlite::exec(m_impl->db, "ROLLBACK");
    return core::makeError("Cannot save your note in '" + m_impl->path + "': " + err +
                           ". The previous note is unchanged; check free disk space.");
}

core::Result<std::vector<std::string>> UserNotes::structuresWithNotes() const
{
    sqlite::Statement st(m_impl->db, "SELECT structure_id FROM notes ORDER BY structure_id");
    if (!st.valid()) return core::makeError(m_impl->error("read"));
    std::vector<std::string> out;
    int rc;
    while ((rc = st.step()) == SQLITE_ROW) out.push_back(st.text(0));
    if (rc != SQLITE_DONE) return core::makeError(m_impl->error("read"));
    return out;
}

namespace {

std::string lowerAscii(std::string s)
{
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

// About `width` bytes of `text` around byte `at`, cut at UTF-8 character boundaries, on one line.
std::string snippetAround(const std::string& text, std::size_t at, std::size_t width)
{
    auto isContinuation = [&](std::size_t i) { return i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80; };
    std::size_t begin = at > width / 3 ? at - width / 3 : 0;
    while (begin > 0 && isContinuation(begin)) --begin;
    std::size_t end = std::min(text.size(), begin + width);
    while (end < text.size() && isContinuation(end)) ++end;
    std::string out = (begin > 0 ? "..." : "") + text.substr(begin, end - begin) + (end < text.size() ? "..." : "");
    for (char& c : out)
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    return out;
}

} // namespace

core::Result<std::vector<NoteHit>> UserNotes::search(const std::string& query, int limit) const
{
    std::vector<std::string> words;
    std::string word;
    for (char c : query + " ") {
        unsigned char u = static_cast<unsigned char>(c);
        bool wordChar = (u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || u >= 0x80;
        if (wordChar) word += c;
        else if (!word.empty()) {
            if (words.size() < 8) words.push_back(lowerAscii(word.substr(0, 64)));
            word.clear();
        }
    }
    std::vector<NoteHit> out;
    if (words.empty() || limit <= 0) return out;
    std::string sql = "SELECT structure_id, text FROM notes WHERE 1";
    for (std::size_t i = 0; i < words.size(); ++i) sql += " AND instr(lower(text), ?" + std::to_string(i + 1) + ") > 0";
    sql += " ORDER BY updated DESC, structure_id LIMIT " + std::to_string(limit);
    sqlite::Statement st(m_impl->db, sql.c_str());
    if (!st.valid()) return core::makeError(m_impl->error("search"));
    for (std::size_t i = 0; i < words.size(); ++i) st.bind(static_cast<int>(i) + 1, words[i]);
    int rc;
    while ((rc = st.step()) == SQLITE_ROW) {
        const std::string text = st.text(1);
        const std::size_t at = lowerAscii(text).find(words.front());
        out.push_back({st.text(0), snippetAround(text, at == std::string::npos ? 0 : at, 90)});
    }
    if (rc != SQLITE_DONE) return core::makeError(m_impl->error("search"));
    return out;
}

} // namespace psoas::content
