#pragma once
// Plain data for one content item (an article, topic, symptom note, exercise or the
// disclaimer) and for one bibliographic source. Shared by the parser, the database
// builder and the run-time store; no SQLite, no Qt.
#include <optional>
#include <string>
#include <vector>

namespace psoas::content {

enum class ItemType { Article, Topic, Symptom, Exercise, Disclaimer };

// "article", "topic", "symptom", "exercise", "disclaimer".
const char* toString(ItemType type);
std::optional<ItemType> itemTypeFromString(const std::string& s);

struct ContentItem {
    std::string id;      // file name without .md, snake_case
    ItemType type = ItemType::Article;
    std::string title;
    std::string latin;   // optional (structure articles)
    std::vector<std::string> structures; // catalog structure ids
    std::vector<std::string> poses;      // pose presets that bring the item up
    std::vector<std::string> symptoms;   // symptom item ids
    std::string pose;                    // exercises: the preset that shows it on the model
    std::vector<std::string> sources;    // ids from sources.json
    std::string summary;                 // one sentence for search results
    std::string body;                    // Markdown after the header

    // Where it came from (for messages). bodyLine is the 1-based line of the first body line.
    std::string file;
    int bodyLine = 1;
};

// What lists and search results need about an item (no body).
struct ItemSummary {
    std::string id;
    ItemType type = ItemType::Article;
    std::string title;
    std::string summary;
    std::string pose; // exercises only
};

struct Source {
    std::string id;
    std::string title;
    std::string site;
    std::string author; // may be empty
    std::string url;    // may be empty; http(s) only
    // What kind of work it is, in words a reader understands (see SourceList::kinds()):
    // popular-article | textbook | study | review | guideline | model-data.
    // (Files written before these names may still say "seed" (= popular-article) or
    // "reference" (= model-data); SourceList maps them on reading.)
    std::string kind;
    std::string doi;    // may be empty; "10.xxxx/..." without the https://doi.org/ prefix
    std::string isbn;   // may be empty; digits (and X), hyphens allowed
};

// True if a reader can look the source up and check a claim against it (everything but the
// project's own model-data notes).
bool isCheckableSource(const Source& source);

// A catalog structure as the content store knows it (for search and the panel header).
struct StructureInfo {
    std::string id;
    std::string name;
    std::string latin;
    std::vector<std::string> content; // item ids the catalog links to this structure
    bool searchable = true;           // false: kept out of the search index (attachment areas)
};

} // namespace psoas::content
