#pragma once
// The user's own notes, one per structure, in a separate SQLite database in the user's
// data folder (the UI passes the path, e.g. QStandardPaths::AppDataLocation + "/notes.db").
// Never stored in the shipped content.
//
// Every save is one SQLite transaction with journal_mode=WAL and synchronous=FULL: if the
// process is killed or the machine loses power mid-save, the next open sees either the
// previous complete note or the new complete note.
#include "core/Error.h"

#include <memory>
#include <string>
#include <vector>

namespace psoas::content {

// A note found by UserNotes::search.
struct NoteHit {
    std::string structureId;
    std::string snippet; // the text around the first match (whole UTF-8 characters, one line)
};

class UserNotes {
public:
    static constexpr std::size_t maxNoteBytes = 1u << 20; // 1 MiB per note

    // Opens or creates the notes database (and its folder). The error names the file and
    // says what to do (free space, permissions, or move the damaged file aside).
    static core::Result<std::unique_ptr<UserNotes>> open(const std::string& path);
    ~UserNotes();
    UserNotes(const UserNotes&) = delete;
    UserNotes& operator=(const UserNotes&) = delete;

    const std::string& path() const;

    // The note for a structure ("" if none).
    core::Result<std::string> note(const std::string& structureId) const;
    // Saves atomically; an empty (or whitespace-only) text deletes the note. Rejects text that
    // is not UTF-8 or larger than maxNoteBytes, leaving the stored note unchanged.
    core::Status save(const std::string& structureId, const std::string& text);
    // Structure ids that have a note, sorted.
    core::Result<std::vector<std::string>> structuresWithNotes() const;
    // Notes whose text contains every word of the query (case-insensitive for ASCII letters;
    // at most 8 words), most recently edited first. Empty for a blank query. Searches only this
    // database: the user's notes are never mixed into the shipped content.
    core::Result<std::vector<NoteHit>> search(const std::string& query, int limit = 20) const;

private:
    struct Impl;
    explicit UserNotes(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

} // namespace psoas::content
