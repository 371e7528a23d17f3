#include "content/ContentDatabaseWriter.h"
#include "content/ContentLibrary.h"
#include "content/ContentStore.h"
#include "content/DefaultIds.h"
#include "TestDirs.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <set>

using namespace psoas::content;

namespace {

// Builds content.db from tests/data/content/small into `dir` and opens it.
std::unique_ptr<ContentStore> buildSmallStore(const test::TempDir& dir)
{
    std::vector<Diagnostic> problems;
    auto lib = ContentLibrary::load(test::dataDir("small"), problems);
    REQUIRE(problems.empty());
    auto structures = defaultStructures();
    for (auto& s : structures)
        if (s.id == "psoas_major_r") {
            s.name = "Psoas major (right)";
            s.latin = "Musculus psoas major dexter";
        }
    REQUIRE(ContentDatabaseWriter::write(lib, structures, dir.file("content.db")).ok());
    auto store = ContentStore::open(dir.file("content.db"));
    REQUIRE(store.ok());
    return std::move(store.value());
}

std::vector<std::string> ids(const std::vector<ItemSummary>& items)
{
    std::vector<std::string> out;
    for (const auto& i : items) out.push_back(i.id);
    return out;
}

} // namespace

TEST_CASE("structure -> articles, symptoms, exercises", "[content][store]")
{
    test::TempDir dir;
    auto store = buildSmallStore(dir);
    CHECK(store->itemCount() == 7);

    // articles first, then symptoms, then exercises
    CHECK(ids(store->itemsForStructure("psoas_major_r")) ==
          std::vector<std::string>{"psoas_major", "front_hip_pain", "kneeling_lunge"});
    REQUIRE(store->articleForStructure("iliacus_l"));
    CHECK(store->articleForStructure("iliacus_l")->title == "Iliacus");
    CHECK_FALSE(store->articleForStructure("l3"));
    CHECK(store->itemsForStructure("no_such_structure").empty());

    CHECK(ids(store->symptomsForStructure("psoas_major_l")) == std::vector<std::string>{"front_hip_pain"});
    // iliacus: listed by the symptom itself
    CHECK(ids(store->symptomsForStructure("iliacus_r")) == std::vector<std::string>{"front_hip_pain"});
    CHECK(ids(store->exercisesForStructure("psoas_major_r")) == std::vector<std::string>{"kneeling_lunge"});
    CHECK(ids(store->exercisesForStructure("gluteus_maximus_l")) == std::vector<std::string>{"glute_bridge"});
}

TEST_CASE("symptom -> structures and pose -> items", "[content][store]")
{
    test::TempDir dir;
    auto store = buildSmallStore(dir);
    CHECK(store->structuresForSymptom("front_hip_pain") ==
          std::vector<std::string>{"psoas_major_r", "psoas_major_l", "iliacus_r", "iliacus_l"});
    CHECK(store->structuresForSymptom("psoas_major").empty()); // not a symptom

    CHECK(ids(store->itemsForPose("anterior_pelvic_tilt")) == std::vector<std::string>{"anterior_pelvic_tilt"});
    CHECK(ids(store->itemsForPose("kneeling_lunge")) == std::vector<std::string>{"kneeling_lunge"});
    // an exercise's own preset brings it up even when 'poses' does not list it
    CHECK(ids(store->itemsForPose("bridge")) == std::vector<std::string>{"glute_bridge"});
    CHECK(store->itemsForPose("sitting").empty());
}

TEST_CASE("an item comes back whole, with sources and rendered HTML", "[content][store]")
{
    test::TempDir dir;
    auto store = buildSmallStore(dir);
    auto item = store->item("psoas_major");
    REQUIRE(item);
    CHECK(item->title == "Psoas major");
    CHECK(item->latin == "Musculus psoas major");
    CHECK(item->type == ItemType::Article);
    CHECK(item->structures == std::vector<std::string>{"psoas_major_l", "psoas_major_r"});
    CHECK(item->symptoms == std::vector<std::string>{"front_hip_pain"});
    CHECK(item->sources == std::vector<std::string>{"test_sheet", "test_book"});
    auto lunge = store->item("kneeling_lunge");
    REQUIRE(lunge);
    CHECK(lunge->pose == "kneeling_lunge");
    CHECK(lunge->poses == std::vector<std::string>{"kneeling_lunge"});
    CHECK_FALSE(store->item("nope"));

    auto sources = store->sourcesOf("psoas_major");
    REQUIRE(sources.size() == 2);
    CHECK(sources[1].title == "A test textbook");
    CHECK(sources[1].url == "https://example.org/book");

    std::string html = store->html("psoas_major");
    CHECK_THAT(html, Catch::Contains("<a href=\"content:iliacus\">iliacus</a>"));
    CHECK_THAT(html, Catch::Contains("<a href=\"structure:psoas_major_r\">"));
    CHECK_THAT(html, Catch::Contains("Raw &lt;b&gt;HTML&lt;/b&gt;"));
    CHECK(store->html("nope").empty());

    auto s = store->structure("psoas_major_r");
    REQUIRE(s);
    CHECK(s->name == "Psoas major (right)");
    CHECK(s->latin == "Musculus psoas major dexter");
    CHECK(store->lastError().empty());
}

TEST_CASE("search matches prefixes as you type", "[content][store][search]")
{
    test::TempDir dir;
    auto store = buildSmallStore(dir);
    auto hasItem = [](const std::vector<SearchHit>& hits, const std::string& id) {
        for (const auto& h : hits)
            if (h.id == id) return true;
        return false;
    };
    CHECK(hasItem(store->search("ili"), "iliacus"));
    CHECK(hasItem(store->search("ili"), "iliacus_l")); // the structure
    CHECK(hasItem(store->search("pso maj"), "psoas_major"));
    CHECK(hasItem(store->search("Musculus psoas major dex"), "psoas_major_r")); // Latin name
    CHECK(hasItem(store->search("knee"), "kneeling_lunge"));
    CHECK(hasItem(store->search("tuck"), "kneeling_lunge")); // body text
    CHECK(hasItem(store->search("groin"), "front_hip_pain")); // summary
    CHECK(store->search("").empty());
    CHECK(store->search("   ,,, ").empty());
    CHECK(store->search("qqqqzzzz").empty());
    // FTS syntax in user text is harmless
    CHECK_NOTHROW(store->search("\"psoas\" OR NEAR( AND * -"));
    CHECK(store->lastError().empty());
    CHECK(store->search("psoas", 2).size() == 2);
}

TEST_CASE("search ranks title matches above body matches", "[content][store][search]")
{
    test::TempDir dir;
    auto store = buildSmallStore(dir);
    // "iliacus" is the title of one article and appears in others' bodies
    auto hits = store->search("iliacus");
    REQUIRE(hits.size() >= 3);
    CHECK((hits[0].id == "iliacus" || hits[0].id == "iliacus_l" || hits[0].id == "iliacus_r"));
    std::size_t article = 0, psoas = 0;
    for (std::size_t i = 0; i < hits.size(); ++i) {
        if (hits[i].id == "iliacus") article = i;
        if (hits[i].id == "psoas_major") psoas = i;
    }
    CHECK(article < psoas);
    for (std::size_t i = 1; i < hits.size(); ++i) CHECK(hits[i - 1].rank <= hits[i].rank);
}

TEST_CASE("toFtsQuery quotes words and adds prefix stars", "[content][store][search]")
{
    CHECK(ContentStore::toFtsQuery("pso ma") == "\"pso\"* \"ma\"*");
    CHECK(ContentStore::toFtsQuery("\"x\" OR y*") == "\"x\"* \"OR\"* \"y\"*");
    CHECK(ContentStore::toFtsQuery("  ") == "");
    CHECK(ContentStore::toFtsQuery("fémur") == "\"fémur\"*");
}

TEST_CASE("a missing, corrupt or wrong-version database is a clear error", "[content][store]")
{
    test::TempDir dir;
    auto missing = ContentStore::open(dir.file("content.db"));
    REQUIRE_FALSE(missing.ok());
    CHECK_THAT(missing.message(), Catch::Contains(dir.file("content.db")) && Catch::Contains("missing") &&
                                      Catch::Contains("Rebuild") && Catch::Contains("reinstall"));

    {
        std::ofstream junk(dir.file("junk.db"), std::ios::binary);
        junk << std::string(8192, 'x');
    }
    auto corrupt = ContentStore::open(dir.file("junk.db"));
    REQUIRE_FALSE(corrupt.ok());
    CHECK_THAT(corrupt.message(), Catch::Contains("junk.db") && Catch::Contains("damaged") && Catch::Contains("Rebuild"));

    {
        std::ofstream empty(dir.file("empty.db"));
    }
    auto empty = ContentStore::open(dir.file("empty.db"));
    REQUIRE_FALSE(empty.ok());
    CHECK_THAT(empty.message(), Catch::Contains("empty.db"));

    auto folder = ContentStore::open(dir.path().string());
    REQUIRE_FALSE(folder.ok());

    // truncated half-way: damaged, not a crash
    buildSmallStore(dir);
    auto size = std::filesystem::file_size(dir.file("content.db"));
    std::filesystem::resize_file(dir.file("content.db"), size / 2);
    auto truncated = ContentStore::open(dir.file("content.db"));
    CHECK_FALSE(truncated.ok());
}

TEST_CASE("building the same content twice gives the same content hash", "[content][store]")
{
    test::TempDir a, b;
    auto s1 = buildSmallStore(a);
    auto s2 = buildSmallStore(b);
    CHECK(s1->contentHash().size() == 16);
    CHECK(s1->contentHash() == s2->contentHash());
}

#include <sqlite3.h>

TEST_CASE("a database of another schema version asks for a rebuild", "[content][store]")
{
    test::TempDir dir;
    buildSmallStore(dir);
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(dir.file("content.db").c_str(), &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, "PRAGMA user_version=99; UPDATE meta SET value='99' WHERE key='schema_version';", nullptr,
                         nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
    auto r = ContentStore::open(dir.file("content.db"));
    REQUIRE_FALSE(r.ok());
    CHECK_THAT(r.message(), Catch::Contains("schema version 99") && Catch::Contains("reads version " + std::to_string(ContentStore::supportedSchemaVersion())) &&
                                Catch::Contains("Rebuild"));

    // a SQLite file that is not a content database
    REQUIRE(sqlite3_open(dir.file("other.db").c_str(), &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, "CREATE TABLE t(x); INSERT INTO t VALUES(1);", nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
    auto other = ContentStore::open(dir.file("other.db"));
    REQUIRE_FALSE(other.ok());
    CHECK_THAT(other.message(), Catch::Contains("other.db") && Catch::Contains("not a Psoas Atlas content database"));
}
