#pragma once
// INTERNAL to psoas_content (included only by its .cpp files, never by a public header):
// tiny RAII wrappers around the SQLite C API.
#include <sqlite3.h>

#include <string>

namespace psoas::content::sqlite {

class Statement {
public:
    Statement() = default;
    Statement(sqlite3* db, const char* sql) { sqlite3_prepare_v2(db, sql, -1, &m_stmt, nullptr); }
    ~Statement() { sqlite3_finalize(m_stmt); }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    Statement(Statement&& o) noexcept : m_stmt(o.m_stmt) { o.m_stmt = nullptr; }

    bool valid() const { return m_stmt != nullptr; }
    sqlite3_stmt* get() const { return m_stmt; }
    void reset() const
    {
        sqlite3_reset(m_stmt);
        sqlite3_clear_bindings(m_stmt);
    }
    void bind(int index, const std::string& text) const
    {
        sqlite3_bind_text(m_stmt, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
    }
    void bind(int index, long long value) const { sqlite3_bind_int64(m_stmt, index, value); }
    int step() const { return sqlite3_step(m_stmt); }
    std::string text(int column) const
    {
        const unsigned char* t = sqlite3_column_text(m_stmt, column);
        return t ? std::string(reinterpret_cast<const char*>(t), static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column)))
                 : std::string();
    }
    long long integer(int column) const { return sqlite3_column_int64(m_stmt, column); }
    double real(int column) const { return sqlite3_column_double(m_stmt, column); }

private:
    sqlite3_stmt* m_stmt = nullptr;
};

inline bool exec(sqlite3* db, const char* sql, std::string* error = nullptr)
{
    char* msg = nullptr;
    int rc = sqlite3_exec(db, sql, nullptr, nullptr, &msg);
    if (rc != SQLITE_OK && error) *error = msg ? msg : sqlite3_errstr(rc);
    sqlite3_free(msg);
    return rc == SQLITE_OK;
}

} // namespace psoas::content::sqlite
