// Messages for broken content files say what is wrong and what to do about it. The exact text is
// checked for a few, so that a change of wording is a decision and not an accident.
#include "HardeningUtil.h"

#include "content/ContentLibrary.h"
#include "content/ContentParser.h"
#include "content/SourceList.h"

#include <catch2/catch.hpp>
#include <fstream>

using namespace psoas;
using namespace psoas::hardening;

namespace {

std::string sourceListError(const std::string& json)
{
    auto r = content::SourceList::parse(json, "sources.json");
    return r.ok() ? std::string("(accepted)") : r.message();
}

std::string parserError(const std::string& header)
{
    auto r = content::ContentParser::parse("---\n" + header + "---\nText.\n", "articles/psoas.md");
    return r.ok() ? std::string("(accepted)") : r.message();
}

const char* const kGood = R"("id": "gray", "title": "Gray's Anatomy", "site": "Elsevier", "kind": "textbook")";

} // namespace

TEST_CASE("sources.json problems name the source and say what to do", "[hardening][messages][content]")
{
    CHECK(sourceListError(R"({"sources": [{"id": "gray", "site": "Elsevier", "kind": "textbook"}]})") ==
          "sources.json: source 'gray' has no 'title'; add the title of the cited work");
    CHECK(sourceListError(R"({"sources": [{"id": "gray", "title": "Gray's Anatomy", "kind": "textbook"}]})") ==
          "sources.json: source 'gray' has no 'site'; add where it was published (journal, publisher or web site)");
    CHECK(sourceListError(std::string(R"({"sources": [{)") + kGood + "}, {" + kGood + "}]}") ==
          "sources.json: source id 'gray' appears twice; rename or remove one of them");
    CHECK(sourceListError(std::string(R"({"sources": [{)") + kGood + R"(, "year": "1858"}]})") ==
          "sources.json: source #1 has unknown key 'year'; remove it or use one of id, title, site, author, url, doi, isbn, kind");
    CHECK(sourceListError(R"({"sources": [{"id": 7}]})") ==
          "sources.json: source #1 key 'id' must be a string; put the value in double quotes");
    CHECK(sourceListError(R"({"sources": [{"title": "T", "site": "S", "kind": "study"}]})") ==
          "sources.json: source #1 needs an 'id'; give it one made of lower-case letters, digits and _");
    CHECK(sourceListError(R"({"sources": [3]})") ==
          "sources.json: source #1 is not an object; write it as {\"id\": ..., \"title\": ..., \"site\": ..., "
          "\"kind\": ...}");
    CHECK(sourceListError(std::string(R"({"sources": [{)") + kGood + R"(, "url": "file:///etc/passwd"}]})") ==
          "sources.json: source 'gray' has url 'file:///etc/passwd'; use an http:// or https:// address, or remove "
          "the url");
    CHECK(sourceListError(std::string(R"({"sources": [{)") + kGood + "}]}") == "(accepted)");
}

TEST_CASE("A missing sources.json names the file and says how to get it back", "[hardening][messages][content]")
{
    TempDir dir;
    auto r = content::SourceList::load(dir.file("sources.json"));
    REQUIRE_FALSE(r.ok());
    CHECK(r.message() == "'" + dir.file("sources.json") +
                             "' does not exist. Check the path. The content folder needs a sources.json that lists "
                             "every cited source; restore it from the repository (assets/content/sources.json).");
}

TEST_CASE("Content header problems give the line and what to do", "[hardening][messages][content]")
{
    const std::string rest = "type: article\nsummary: S.\nsources: [gray]\n";
    CHECK(parserError("id: psoas\ntitle:\n" + rest) ==
          "articles/psoas.md:3: 'title' has no value; write one after the colon or remove the line");
    CHECK(parserError("id: psoas\ntitle: T\nstructures: [l3, l3]\n" + rest) ==
          "articles/psoas.md:4: 'structures' lists 'l3' twice; remove one");
    CHECK(parserError("id: psoas\ntitle: T\nColour: red\n" + rest) ==
          "articles/psoas.md:4: header key 'Colour' must be lower-case letters; rename it to one of: id, type, title, "
          "latin, structures, poses, symptoms, pose, sources, summary");
    CHECK(parserError("id: psoas\ntitle: T\nrest\n" + rest) ==
          "articles/psoas.md:4: expected 'key: value' in the metadata header, found 'rest' (did you forget the "
          "closing '---'?)");
}

TEST_CASE("Broken links in content text say which ids to use", "[hardening][messages][content]")
{
    auto item = content::ContentParser::parse("---\nid: psoas\ntype: article\ntitle: T\nsummary: S.\n"
                                              "sources: [gray]\n---\nSee [the other](content:nowhere) and "
                                              "[the bone](structure:l9).\n",
                                              "articles/psoas.md");
    REQUIRE(item.ok());
    auto lib = content::ContentLibrary::fromItems({item.value()}, {content::Source{"gray", "G", "E", "", "", "textbook", "", ""}});
    std::vector<content::Diagnostic> problems;
    lib.validate({}, {}, problems);
    REQUIRE(problems.size() == 2);
    CHECK(problems[0].toString() == "articles/psoas.md:8: broken link 'content:nowhere': no content item has that "
                                    "id; use the id of a file in articles/, symptoms/ or exercises/");
    CHECK(problems[1].toString() == "articles/psoas.md:8: broken link 'structure:l9': no structure has that id; use "
                                    "an id from assets/models/catalog.json");
}
