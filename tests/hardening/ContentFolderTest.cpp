// Loading a content folder: each problem is reported once with its own file and line (no empty
// file prefix), and a content folder cannot make the app read files outside it through
// symlinks, whatever the link's name.
#include "HardeningUtil.h"

#include "content/ContentLibrary.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

using namespace psoas;
using namespace psoas::hardening;
namespace fs = std::filesystem;

namespace {

const char* const kGoodArticle = "---\nid: %ID%\ntype: article\ntitle: Good\nstructures: []\nsources: [gray]\n"
                                 "summary: Fine.\n---\nThe psoas major runs from T12 to L4.\n";

const char* const kSources =
    R"({"sources": [{"id": "gray", "title": "Gray's Anatomy", "site": "Elsevier", "kind": "textbook"}]})";

void makeFolder(const TempDir& dir)
{
    for (const char* sub : {"articles", "symptoms", "exercises"}) fs::create_directories(dir.file(sub));
    std::ofstream(dir.file("sources.json")) << kSources;
}

void writeArticle(const std::string& path, const std::string& id)
{
    std::string text = kGoodArticle;
    text.replace(text.find("%ID%"), 4, id);
    std::ofstream(path) << text;
}

} // namespace

TEST_CASE("Content folder problems print as file:line: message with no empty prefix", "[hardening][content]")
{
    TempDir dir;
    makeFolder(dir);
    writeArticle(dir.file("articles/good.md"), "good");
    const std::string bad = dir.file("articles/no_header.md");
    fs::copy_file(badDir("content/no_header.md"), bad);
    const std::string unknownKey = dir.file("articles/unknown_key.md");
    fs::copy_file(badDir("content/unknown_key.md"), unknownKey);

    std::vector<content::Diagnostic> problems;
    auto lib = content::ContentLibrary::load(dir.path(), problems);
    std::string all;
    for (const auto& d : problems) all += d.toString() + "\n";
    INFO(all);
    CHECK(lib.items().size() == 1);
    REQUIRE(problems.size() == 2);
    // Sorted by file name: no_header.md, then unknown_key.md.
    CHECK(problems[0].file == bad);
    CHECK(problems[0].line == 1);
    CHECK(problems[0].toString().rfind(bad + ":1: the file must start with a metadata header", 0) == 0);
    CHECK(problems[1].file == unknownKey);
    CHECK(problems[1].line == 4);
    CHECK(problems[1].toString() ==
          unknownKey + ":4: unknown header key 'colour'; remove it or use one of: id, type, title, latin, "
                       "structures, poses, symptoms, pose, sources, summary");
    for (const auto& d : problems) CHECK(d.toString().rfind(": ", 0) == std::string::npos);
}

TEST_CASE("A broken sources.json is reported under its own name", "[hardening][content]")
{
    TempDir dir;
    makeFolder(dir);
    std::ofstream(dir.file("sources.json"), std::ios::trunc) << "{\"sources\": 5}";
    std::vector<content::Diagnostic> problems;
    content::ContentLibrary::load(dir.path(), problems);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].file == dir.file("sources.json"));
    CHECK(problems[0].toString() == dir.file("sources.json") +
                                        ": expected {\"sources\": [ ... ]} at the top level; put the list of "
                                        "sources in a \"sources\" array");
}

TEST_CASE("Content files linked in from outside the content folder are not read", "[hardening][untrusted]")
{
    TempDir outside;
    writeArticle(outside.file("secret.md"), "secret");
    fs::create_directories(outside.file("elsewhere"));
    writeArticle(outside.file("elsewhere/smuggled.md"), "smuggled");
    std::ofstream(outside.file("sources.json")) << kSources;

    TempDir dir;
    makeFolder(dir);
    writeArticle(dir.file("articles/good.md"), "good");
    // A file symlink, a relative one through "..", and a whole sub-folder that is a link.
    fs::create_symlink(outside.file("secret.md"), dir.file("articles/secret.md"));
    fs::create_symlink("../../" + fs::path(outside.path()).filename().string() + "/secret.md",
                       dir.file("articles/relative.md"));
    fs::remove(dir.file("symptoms"));
    fs::create_directory_symlink(outside.file("elsewhere"), dir.file("symptoms"));
    // A link that stays inside the folder is fine.
    fs::create_symlink("good.md", dir.file("articles/alias.md"));

    std::vector<content::Diagnostic> problems;
    auto lib = content::ContentLibrary::load(dir.path(), problems);
    std::string all;
    for (const auto& d : problems) all += d.toString() + "\n";
    INFO(all);
    CHECK(lib.find("secret") == nullptr);
    CHECK(lib.find("smuggled") == nullptr);
    CHECK(lib.find("good") != nullptr);
    CHECK(all.find(dir.file("articles/secret.md") + ": is a link to a file outside the content folder") !=
          std::string::npos);
    CHECK(all.find(dir.file("articles/relative.md") + ": is a link to a file outside") != std::string::npos);
    CHECK(all.find(dir.file("symptoms/smuggled.md") + ": is a link to a file outside") != std::string::npos);
    CHECK(all.find("copy the file into the folder instead") != std::string::npos);
    // alias.md is read (its id does not match its name, which the parser reports as usual).
    CHECK(all.find(dir.file("articles/alias.md") + ":2: id 'good' does not match the file name") != std::string::npos);

    // sources.json linked from elsewhere is refused too.
    fs::remove(dir.file("sources.json"));
    fs::create_symlink(outside.file("sources.json"), dir.file("sources.json"));
    problems.clear();
    lib = content::ContentLibrary::load(dir.path(), problems);
    all.clear();
    for (const auto& d : problems) all += d.toString() + "\n";
    CHECK(all.find(dir.file("sources.json") + ": is a link to a file outside the content folder") != std::string::npos);
    CHECK(lib.sources().empty());
}
