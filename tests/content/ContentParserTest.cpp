#include "content/ContentParser.h"

#include <catch2/catch.hpp>

using psoas::content::ContentParser;
using psoas::content::ItemType;

namespace {
const std::string kValid = "---\n"
                           "id: psoas_major\n"
                           "type: article            # a comment after whitespace\n"
                           "title: Psoas major\n"
                           "latin: Musculus psoas major\n"
                           "structures: [psoas_major_l, psoas_major_r]\n"
                           "poses: []\n"
                           "symptoms: [front_hip_pain]\n"
                           "sources: [anatomy_data_sheet]\n"
                           "summary: The deep hip flexor that runs from T12#L5 to the lesser trochanter.\n"
                           "---\n"
                           "# Course\n\nIt runs down beside the lumbar bodies.\n";

std::string replaceLine(const std::string& text, const std::string& from, const std::string& to)
{
    std::string out = text;
    auto at = out.find(from);
    REQUIRE(at != std::string::npos);
    out.replace(at, from.size(), to);
    return out;
}

std::string errorOf(const std::string& text, const std::string& file = "articles/psoas_major.md")
{
    auto r = ContentParser::parse(text, file);
    REQUIRE_FALSE(r.ok());
    return r.message();
}
} // namespace

TEST_CASE("a valid file gives every header field and the body", "[content][parser]")
{
    auto r = ContentParser::parse(kValid, "articles/psoas_major.md");
    REQUIRE(r.ok());
    const auto& item = r.value();
    CHECK(item.id == "psoas_major");
    CHECK(item.type == ItemType::Article);
    CHECK(item.title == "Psoas major");
    CHECK(item.latin == "Musculus psoas major");
    CHECK(item.structures == std::vector<std::string>{"psoas_major_l", "psoas_major_r"});
    CHECK(item.poses.empty());
    CHECK(item.symptoms == std::vector<std::string>{"front_hip_pain"});
    CHECK(item.sources == std::vector<std::string>{"anatomy_data_sheet"});
    // '#' without whitespace before it is text, not a comment
    CHECK(item.summary == "The deep hip flexor that runs from T12#L5 to the lesser trochanter.");
    CHECK(item.bodyLine == 12);
    CHECK(item.body.rfind("# Course", 0) == 0);
}

TEST_CASE("CRLF line endings and a byte-order mark are accepted", "[content][parser]")
{
    std::string crlf = "\xEF\xBB\xBF";
    for (char c : kValid) {
        if (c == '\n') crlf += '\r';
        crlf += c;
    }
    auto r = ContentParser::parse(crlf, "psoas_major.md");
    REQUIRE(r.ok());
    CHECK(r->title == "Psoas major");
}

TEST_CASE("malformed headers fail with file:line and what to do", "[content][parser]")
{
    SECTION("no opening line")
    {
        CHECK_THAT(errorOf("id: x\n"), Catch::Contains("articles/psoas_major.md:1:") && Catch::Contains("'---'"));
    }
    SECTION("header never closed")
    {
        std::string text = kValid.substr(0, kValid.find("---\n#"));
        CHECK_THAT(errorOf(text), Catch::Contains("never closed"));
    }
    SECTION("a line that is not key: value")
    {
        CHECK_THAT(errorOf(replaceLine(kValid, "title: Psoas major", "Psoas major")),
                   Catch::Contains("psoas_major.md:4:") && Catch::Contains("key: value"));
    }
    SECTION("a list not written as [a, b]")
    {
        CHECK_THAT(errorOf(replaceLine(kValid, "poses: []", "poses: sitting, bridge")),
                   Catch::Contains(":7:") && Catch::Contains("[a, b]"));
    }
    SECTION("an empty list entry")
    {
        CHECK_THAT(errorOf(replaceLine(kValid, "poses: []", "poses: [sitting, ]")), Catch::Contains("empty entry"));
    }
    SECTION("a bad type")
    {
        CHECK_THAT(errorOf(replaceLine(kValid, "type: article ", "type: essay ")),
                   Catch::Contains(":3:") && Catch::Contains("essay"));
    }
    SECTION("id does not match the file name")
    {
        CHECK_THAT(errorOf(kValid, "articles/iliacus.md"), Catch::Contains(":2:") && Catch::Contains("iliacus.md"));
    }
    SECTION("a missing required key")
    {
        CHECK_THAT(errorOf(replaceLine(kValid, "summary: The deep hip flexor that runs from T12#L5 to the lesser "
                                               "trochanter.\n",
                                       "")),
                   Catch::Contains("'summary'"));
    }
    SECTION("no sources")
    {
        CHECK_THAT(errorOf(replaceLine(kValid, "sources: [anatomy_data_sheet]", "sources: []")),
                   Catch::Contains("at least one source"));
    }
    SECTION("duplicate key")
    {
        CHECK_THAT(errorOf(replaceLine(kValid, "poses: []", "poses: []\ntitle: Again")), Catch::Contains("twice"));
    }
    SECTION("an exercise without a pose")
    {
        CHECK_THAT(errorOf(replaceLine(kValid, "type: article ", "type: exercise ")), Catch::Contains("pose"));
    }
    SECTION("a pose on an article")
    {
        CHECK_THAT(errorOf(replaceLine(kValid, "poses: []", "poses: []\npose: sitting")),
                   Catch::Contains("only exercises"));
    }
    SECTION("no body")
    {
        CHECK_THAT(errorOf(kValid.substr(0, kValid.find("# Course"))), Catch::Contains("no text after the header"));
    }
}

TEST_CASE("unknown and upper-case keys are errors", "[content][parser]")
{
    CHECK_THAT(errorOf(replaceLine(kValid, "poses: []", "author: someone")),
               Catch::Contains("psoas_major.md:7:") && Catch::Contains("unknown header key 'author'"));
    CHECK_THAT(errorOf(replaceLine(kValid, "title: Psoas", "Title: Psoas")), Catch::Contains("lower-case"));
}

TEST_CASE("invalid UTF-8 names the line and column", "[content][parser]")
{
    std::string bad = replaceLine(kValid, "It runs down", "It \xC3\x28 runs down");
    CHECK_THAT(errorOf(bad), Catch::Contains("psoas_major.md:14:") && Catch::Contains("UTF-8") &&
                                 Catch::Contains("column 4"));
    // overlong encoding of '/' and a lone surrogate are rejected too
    CHECK_THAT(errorOf(replaceLine(kValid, "Psoas major\n", "Psoas \xC0\xAF\n")), Catch::Contains("UTF-8"));
    CHECK_THAT(errorOf(replaceLine(kValid, "Psoas major\n", "Psoas \xED\xA0\x80\n")), Catch::Contains("UTF-8"));
    CHECK_THAT(errorOf(replaceLine(kValid, "It runs", std::string("It\0runs", 7))), Catch::Contains("control"));
}

TEST_CASE("an enormous line or file is refused, not read", "[content][parser]")
{
    std::string longLine(ContentParser::maxLineBytes + 1, 'a');
    CHECK_THAT(errorOf(kValid + longLine + "\n"), Catch::Contains("psoas_major.md:15:") && Catch::Contains("bytes long"));
    std::string huge = kValid;
    while (huge.size() <= ContentParser::maxFileBytes) huge += std::string(100, 'b') + "\n";
    CHECK_THAT(errorOf(huge), Catch::Contains("limit"));
}

TEST_CASE("parseFile reports a missing file", "[content][parser]")
{
    auto r = ContentParser::parseFile("/nonexistent/psoas_major.md");
    REQUIRE_FALSE(r.ok());
    CHECK_THAT(r.message(), Catch::Contains("/nonexistent/psoas_major.md"));
}

#include "content/MarkdownRenderer.h"

#include <random>

TEST_CASE("random damage to a file never crashes the parser or the renderer", "[content][parser][robust]")
{
    std::mt19937 rng(7);
    int accepted = 0;
    for (int round = 0; round < 3000; ++round) {
        std::string text = kValid;
        int edits = std::uniform_int_distribution<int>(1, 8)(rng);
        for (int e = 0; e < edits && !text.empty(); ++e) {
            std::size_t at = std::uniform_int_distribution<std::size_t>(0, text.size() - 1)(rng);
            switch (rng() % 4) {
            case 0: text[at] = static_cast<char>(rng() & 0xFF); break;                   // flip a byte
            case 1: text.erase(at, std::uniform_int_distribution<std::size_t>(1, 20)(rng)); break;
            case 2: text.insert(at, std::string(1 + rng() % 5, "[]()#:-*`<>!\n"[rng() % 13])); break;
            default: text.insert(at, text.substr(rng() % text.size(), 1 + rng() % 30)); break;
            }
        }
        auto r = ContentParser::parse(text, "articles/psoas_major.md");
        if (r.ok()) {
            ++accepted;
            CHECK_FALSE(r->body.empty());
            CHECK_FALSE(r->sources.empty());
        } else {
            CHECK_THAT(r.message(), Catch::StartsWith("articles/psoas_major.md"));
        }
        std::string html = psoas::content::MarkdownRenderer::toHtml(text);
        CHECK(html.find("<script") == std::string::npos);
        psoas::content::MarkdownRenderer::links(text);
        psoas::content::MarkdownRenderer::plainText(text);
    }
    CHECK(accepted > 0);
}
