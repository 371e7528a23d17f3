#pragma once
// Read-only access to the shipped content database (content.db, written at build time by
// psoas-contentbuild). Opening checks the file and its schema version; every query after
// that is a prepared SQLite statement (SQLite stays inside ContentStore.cpp).
//
// Query failures after a successful open (the file removed or damaged while running) give
// empty results and set lastError(); nothing throws and nothing crashes.
#include "content/ContentItem.h"
#include "core/Error.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace psoas::content {

enum class HitKind { Structure, Item };

struct SearchHit {
    HitKind kind = HitKind::Item;
    std::string id;          // structure id or item id
    std::string title;       // structure name or item title
    std::string detail;      // Latin name (structures) or the item's summary
    ItemType itemType = ItemType::Article; // meaningful when kind == Item
    double rank = 0;         // bm25 score (lower is better)
    bool approximate = false; // found by typo tolerance (a word was one edit away from a title word)
};

class ContentStore {
public:
    // Schema version this code reads (same as ContentDatabaseWriter::schemaVersion).
    static int supportedSchemaVersion();

    // Opens `path` read-only. A missing, unreadable, damaged or wrong-version file gives an
    // Error that names the file and says to rebuild (target psoas_content_db) or reinstall.
    static core::Result<std::unique_ptr<ContentStore>> open(const std::string& path);
    ~ContentStore();
    ContentStore(const ContentStore&) = delete;
    ContentStore& operator=(const ContentStore&) = delete;

    const std::string& path() const;
    std::string contentHash() const;  // identifies the content the file was built from
    int itemCount() const;

    std::optional<ContentItem> item(const std::string& id) const;
    std::vector<ItemSummary> allItems() const;
    std::optional<StructureInfo> structure(const std::string& id) const; // name and Latin name
    std::vector<StructureInfo> structures() const;

    // Items about a structure: the catalog's linked content first, then every item whose
    // header lists it; articles before topics, symptoms and exercises.
    std::vector<ItemSummary> itemsForStructure(const std::string& structureId) const;
    // The article to show for a structure (first article of itemsForStructure), if any.
    std::optional<ItemSummary> articleForStructure(const std::string& structureId) const;
    // Symptom notes listing the structure, plus symptoms named by its articles.
    std::vector<ItemSummary> symptomsForStructure(const std::string& structureId) const;
    // Exercises listing the structure, plus exercises its items link to (content: links).
    std::vector<ItemSummary> exercisesForStructure(const std::string& structureId) const;
    // Items whose 'poses' include the preset, and exercises shown with it ('pose').
    std::vector<ItemSummary> itemsForPose(const std::string& presetName) const;
    // Structures a symptom note concerns (its header 'structures').
    std::vector<std::string> structuresForSymptom(const std::string& symptomId) const;
    std::vector<Source> sourcesOf(const std::string& itemId) const;

    // Full-text search over structures (name, Latin), articles, topics, symptoms and
    // exercises. Every word is a prefix ("pso maj" finds "psoas major"); results are ranked
    // by bm25 with the title weighted above the summary and the body. Empty for a blank query.
    // Typo tolerance: a word of 4 or more letters that matches nothing is replaced by the
    // words of titles, structure names and Latin names within one edit of it (an insertion,
    // deletion, substitution or swap of neighbours: "ilicus" finds "iliacus"); those hits come
    // after the exact ones, marked approximate.
    std::vector<SearchHit> search(const std::string& query, int limit = 20) const;

    // Words of titles, structure names and Latin names within one edit of `word` (lower case).
    std::vector<std::string> similarTitleWords(const std::string& word) const;
    // True if a and b (lower-case UTF-8 bytes) differ by at most one insertion, deletion,
    // substitution or swap of two neighbouring characters.
    static bool withinOneEdit(const std::string& a, const std::string& b);

    // The item's body rendered to HTML (see MarkdownRenderer for links); empty if unknown.
    std::string html(const std::string& itemId) const;

    // The last query error ("" if none).
    const std::string& lastError() const;

    // Turns what the user typed into an FTS5 query of quoted prefix terms ("" if no words).
    static std::string toFtsQuery(const std::string& userText);

private:
    struct Impl;
    explicit ContentStore(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

} // namespace psoas::content
