// Issue 18: citations at the claim (the content-build check), source kinds a reader
// understands, typo-tolerant search and search over the user's own notes.
#include "content/ContentDatabaseWriter.h"
#include "content/ContentLibrary.h"
#include "content/ContentParser.h"
#include "content/ContentStore.h"
#include "content/DefaultIds.h"
#include "content/MarkdownRenderer.h"
#include "content/SourceList.h"
#include "content/UserNotes.h"
#include "TestDirs.h"

#include <catch2/catch.hpp>

using namespace psoas::content;

namespace {

ContentItem parsed(const std::string& id, const std::string& type, const std::string& sources, const std::string& body)
{
    auto r = ContentParser::parse("---\nid: " + id + "\ntype: " + type + "\ntitle: T\nsources: [" + sources +
                                      "]\nsummary: S.\n---\n" + body,
                                  id + ".md");
    REQUIRE(r.ok());
    return r.value();
}

std::vector<Source> testSources()
{
    auto r = SourceList::parse(R"({"sources": [
      {"id": "book", "title": "A textbook", "site": "Press", "isbn": "978-0-7020-7705-0", "kind": "textbook"},
      {"id": "paper", "title": "A paper", "site": "J 1:1", "doi": "10.1000/xyz-1", "kind": "study"},
      {"id": "sheet", "title": "Model notes", "site": "Project", "kind": "model-data"},
      {"id": "blog", "title": "A blog post", "site": "Blog", "kind": "popular-article"}]})",
                               "sources.json");
    REQUIRE(r.ok());
    return r.value();
}

std::string citationProblems(std::vector<ContentItem> items)
{
    auto lib = ContentLibrary::fromItems(std::move(items), testSources());
    std::vector<Diagnostic> problems;
    lib.checkCitations(problems);
    std::string s;
    for (const auto& p : problems) s += p.toString() + "\n";
    return s;
}

} // namespace

TEST_CASE("every claim section cites a source a reader can look up", "[content][citations]")
{
    // Cited in every section: no problem. "See also" needs no citation; the disclaimer line
    // does not count as text.
    CHECK(citationProblems({parsed("a", "topic", "book, paper",
                                   "# T\n\nIntro ([Gray's](source:book)).\n\n## Facts\n\nA fact ([P](source:paper)).\n\n"
                                   "### Detail\n\nMore.\n\n## See also\n\n[x](content:a)\n\n"
                                   "[Medical disclaimer](content:disclaimer)\n")}) == "");
    // A section with no citation is named, with its heading line.
    const std::string missing = citationProblems(
        {parsed("b", "symptom", "book", "# T\n\nIntro ([B](source:book)).\n\n## Causes\n\nNo citation here.\n")});
    CHECK_THAT(missing, Catch::Contains("b.md:12: the section 'Causes' cites no source a reader can look up"));
    // The introduction counts as a section.
    CHECK_THAT(citationProblems({parsed("c", "article", "book", "Intro only.\n\n## A\n\nCited ([B](source:book)).\n")}),
               Catch::Contains("the introduction cites no source"));
    // Model-data notes do not count; popular articles do (they are cited for what they claim).
    CHECK_THAT(citationProblems({parsed("d", "topic", "sheet", "Lift ([notes](source:sheet)).\n")}),
               Catch::Contains("the introduction cites no source"));
    CHECK(citationProblems({parsed("e", "topic", "blog", "A blog claims X ([blog](source:blog)).\n")}) == "");
    // Header and text must agree.
    const std::string mismatch =
        citationProblems({parsed("f", "topic", "book, paper", "Cited ([B](source:book)) and [again](source:blog).\n")});
    CHECK_THAT(mismatch, Catch::Contains("the header lists source 'paper' but the text never cites it"));
    CHECK_THAT(mismatch, Catch::Contains("the text cites source 'blog' but the header's 'sources' does not list it"));
    // Disclaimers are not checked.
    CHECK(citationProblems({parsed("disclaimer", "disclaimer", "book", "Not advice.\n\n## More\n\nText.\n")}) == "");
}

TEST_CASE("a source: link renders as a citation and an unknown one is a broken citation", "[content][citations]")
{
    std::string id;
    CHECK(classifyLink("source:grays_anatomy", &id) == LinkKind::Source);
    CHECK(id == "grays_anatomy");
    CHECK(classifyLink("source:Bad Id") == LinkKind::Invalid);
    CHECK_THAT(MarkdownRenderer::toHtml("A fact ([G](source:grays_anatomy))."),
               Catch::Contains("<a href=\"source:grays_anatomy\" class=\"citation\">G</a>"));
    auto lib = ContentLibrary::fromItems({parsed("g", "topic", "book", "X ([B](source:book)) [N](source:nope).\n")},
                                         testSources());
    std::vector<Diagnostic> problems;
    lib.validate(defaultStructures(), {}, problems);
    REQUIRE(problems.size() == 1);
    CHECK_THAT(problems[0].message, Catch::Contains("broken citation 'source:nope'"));
}

TEST_CASE("source kinds: the old names are still read, doi and isbn are checked", "[content][citations]")
{
    auto old = SourceList::parse(R"({"sources": [{"id": "a", "title": "T", "site": "S", "kind": "seed"},
                                                {"id": "b", "title": "T", "site": "S", "kind": "reference"}]})",
                                 "sources.json");
    REQUIRE(old.ok());
    CHECK(old.value()[0].kind == "popular-article");
    CHECK(old.value()[1].kind == "model-data");
    CHECK_FALSE(isCheckableSource(old.value()[1]));
    auto bad = [](const std::string& extra) {
        auto r = SourceList::parse(R"({"sources": [{"id": "a", "title": "T", "site": "S", "kind": "study", )" + extra +
                                       "}]}",
                                   "sources.json");
        return r.ok() ? std::string("(accepted)") : r.message();
    };
    CHECK(bad(R"("doi": "10.1016/0268-0033(92)90024-X")") == "(accepted)");
    CHECK(bad(R"("isbn": "9780702077050")") == "(accepted)");
    CHECK_THAT(bad(R"("doi": "https://doi.org/10.1/x")"), Catch::Contains("write it as 10.<prefix>/<suffix>"));
    CHECK_THAT(bad(R"("isbn": "12345")"), Catch::Contains("10 or 13 digits"));
    CHECK_THAT(SourceList::parse(R"({"sources": [{"id": "a", "title": "T", "site": "S", "kind": "blog"}]})", "s.json")
                   .message(),
               Catch::Contains("use popular-article, textbook, study, review, guideline or model-data"));
}

TEST_CASE("one edit apart: insertion, deletion, substitution, swap of neighbours", "[content][search]")
{
    CHECK(ContentStore::withinOneEdit("ilicus", "iliacus")); // a letter missing
    CHECK(ContentStore::withinOneEdit("iliacuss", "iliacus"));
    CHECK(ContentStore::withinOneEdit("iliocus", "iliacus"));
    CHECK(ContentStore::withinOneEdit("psaos", "psoas"));
    CHECK(ContentStore::withinOneEdit("psoas", "psoas"));
    CHECK_FALSE(ContentStore::withinOneEdit("ilcus", "iliacus"));
    CHECK_FALSE(ContentStore::withinOneEdit("sopas", "psoas"));
    CHECK_FALSE(ContentStore::withinOneEdit("diaphragm", "iliacus"));
}

TEST_CASE("a typo one edit away still finds the title", "[content][search]")
{
    test::TempDir dir;
    std::vector<Diagnostic> problems;
    auto lib = ContentLibrary::load(test::dataDir("small"), problems);
    REQUIRE(problems.empty());
    REQUIRE(ContentDatabaseWriter::write(lib, defaultStructures(), dir.file("content.db")).ok());
    auto store = ContentStore::open(dir.file("content.db"));
    REQUIRE(store.ok());
    auto hits = store.value()->search("ilicus");
    REQUIRE_FALSE(hits.empty());
    CHECK_THAT(hits.front().id, Catch::StartsWith("iliacus")); // the article or a structure
    CHECK(hits.front().approximate);
    // psoas with two letters swapped; together with a correct word
    hits = store.value()->search("psaos major");
    REQUIRE_FALSE(hits.empty());
    CHECK(hits.front().title.find("Psoas major") != std::string::npos);
    // exact matches are not marked, and short words are not guessed at
    hits = store.value()->search("iliacus");
    REQUIRE_FALSE(hits.empty());
    CHECK_FALSE(hits.front().approximate);
    CHECK(store.value()->search("ilx").empty());
    CHECK(store.value()->search("qqqzzz").empty());
}

TEST_CASE("my notes are found by their text", "[content][notes][search]")
{
    test::TempDir dir;
    auto notes = UserNotes::open(dir.file("notes.db"));
    REQUIRE(notes.ok());
    REQUIRE(notes.value()->save("psoas_major_r", "Patient felt the stretch in the GROIN.\nRetest next week.").ok());
    REQUIRE(notes.value()->save("iliacus_l", "Palpate medial to the front hip bone point.").ok());
    auto hits = notes.value()->search("groin retest");
    REQUIRE(hits.ok());
    REQUIRE(hits.value().size() == 1);
    CHECK(hits.value()[0].structureId == "psoas_major_r");
    CHECK_THAT(hits.value()[0].snippet, Catch::Contains("GROIN"));
    CHECK(hits.value()[0].snippet.find('\n') == std::string::npos);
    CHECK(notes.value()->search("palpate").value().size() == 1);
    CHECK(notes.value()->search("nothing like this").value().empty());
    CHECK(notes.value()->search("   ").value().empty());
    // a LIKE wildcard is an ordinary character
    CHECK(notes.value()->search("%").value().empty());
}

// --- the shipped content ---------------------------------------------------------------

#include "anatomy/Catalog.h"
#include "core/AtomicFile.h"

#include <algorithm>
#include <filesystem>

namespace {

std::unique_ptr<ContentStore> shippedStore(const test::TempDir& dir)
{
    std::vector<Diagnostic> problems;
    auto lib = ContentLibrary::load(std::string(PSOAS_ASSETS_DIR) + "/content", problems);
    REQUIRE(problems.empty());
    std::vector<StructureInfo> structures;
    auto cat = psoas::anatomy::Catalog::load(std::string(PSOAS_ASSETS_DIR) + "/models/catalog.json");
    REQUIRE(cat.ok());
    for (const auto& s : cat->structures())
        structures.push_back({s.id, s.name, s.latin, s.content, s.kind != psoas::anatomy::StructureKind::Attachment});
    REQUIRE(ContentDatabaseWriter::write(lib, structures, dir.file("content.db")).ok());
    auto store = ContentStore::open(dir.file("content.db"));
    REQUIRE(store.ok());
    return std::move(store.value());
}

std::string lowered(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

} // namespace

TEST_CASE("the shipped content cites at the claim and uses reader-facing source kinds", "[content][citations][coverage]")
{
    std::vector<Diagnostic> problems;
    auto lib = ContentLibrary::load(std::string(PSOAS_ASSETS_DIR) + "/content", problems);
    lib.checkCitations(problems);
    std::string all;
    for (const auto& p : problems) all += p.toString() + "\n";
    INFO(all);
    CHECK(problems.empty());

    // sources.json itself uses the new kind names (the parser still maps the old ones).
    auto raw = psoas::core::readFile(std::string(PSOAS_ASSETS_DIR) + "/content/sources.json");
    REQUIRE(raw.ok());
    CHECK(raw.value().find("\"kind\": \"seed\"") == std::string::npos);
    CHECK(raw.value().find("\"kind\": \"reference\"") == std::string::npos);
    for (const auto& s : lib.sources()) {
        INFO(s.id);
        if (s.kind == "textbook") CHECK_FALSE(s.isbn.empty());
    }
    // Internal words never reach the reader.
    for (const auto& dir : {std::string("/content"), std::string("/lessons")})
        for (const auto& e : std::filesystem::recursive_directory_iterator(std::string(PSOAS_ASSETS_DIR) + dir)) {
            if (e.path().filename() == "README.md" || !e.is_regular_file()) continue;
            auto text = psoas::core::readFile(e.path().string());
            REQUIRE(text.ok());
            const std::string t = lowered(text.value());
            INFO(e.path().string());
            CHECK(t.find("seed") == std::string::npos);
            CHECK(t.find("session") == std::string::npos);
        }
}

TEST_CASE("search on the shipped content: back pain, a typo, one-edit matches", "[content][search][coverage]")
{
    test::TempDir dir;
    auto store = shippedStore(dir);
    auto hits = store->search("back pain");
    REQUIRE_FALSE(hits.empty());
    CHECK(hits.front().id == "low_back_pain_psoas");
    hits = store->search("ilicus");
    REQUIRE_FALSE(hits.empty());
    CHECK((hits.front().id == "iliacus" || hits.front().id == "iliacus_r" || hits.front().id == "iliacus_l"));
    CHECK(hits.front().approximate);
    hits = store->search("diaphram");
    REQUIRE_FALSE(hits.empty());
    CHECK(lowered(hits.front().title).find("diaphragm") != std::string::npos);
    hits = store->search("snaping hip");
    REQUIRE_FALSE(hits.empty());
    CHECK(hits.front().id == "snapping_hip");
}
