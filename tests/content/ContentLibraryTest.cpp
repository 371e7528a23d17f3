#include "content/ContentLibrary.h"
#include "content/DefaultIds.h"
#include "content/MarkdownRenderer.h"
#include "TestDirs.h"

#include <catch2/catch.hpp>

#include <array>
#include <cstdio>
#include <set>

using namespace psoas::content;

namespace {
std::set<std::string> defaultPoses()
{
    auto v = defaultPoseNames();
    return {v.begin(), v.end()};
}

std::string joined(const std::vector<Diagnostic>& problems)
{
    std::string s;
    for (const auto& p : problems) s += p.toString() + "\n";
    return s;
}

// Runs a command, returns its exit status and combined output.
int run(const std::string& cmd, std::string& output)
{
    FILE* p = ::popen((cmd + " 2>&1").c_str(), "r");
    REQUIRE(p);
    std::array<char, 4096> buf{};
    while (std::fgets(buf.data(), buf.size(), p)) output += buf.data();
    int status = ::pclose(p);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}
} // namespace

TEST_CASE("a valid content folder loads and validates with no problems", "[content][library]")
{
    std::vector<Diagnostic> problems;
    auto lib = ContentLibrary::load(test::dataDir("small"), problems);
    lib.validate(defaultStructures(), defaultPoses(), problems);
    INFO(joined(problems));
    CHECK(problems.empty());
    CHECK(lib.items().size() == 7);
    CHECK(lib.sources().size() == 2);
    REQUIRE(lib.find("kneeling_lunge"));
    CHECK(lib.find("kneeling_lunge")->pose == "kneeling_lunge");
}

TEST_CASE("every cross-file problem is reported with file:line", "[content][library]")
{
    std::vector<Diagnostic> problems;
    auto lib = ContentLibrary::load(test::dataDir("broken"), problems);
    lib.validate(defaultStructures(), defaultPoses(), problems);
    const std::string all = joined(problems);
    INFO(all);
    // malformed header (upper-case key) in the symptom file, at its line
    CHECK_THAT(all, Catch::Contains("front_hip_pain.md:5: header key 'Structures' must be lower-case"));
    // unknown structure id, pose, symptom and source, each at the header line
    CHECK_THAT(all, Catch::Contains("psoas_major.md:5: unknown structure id 'psoas_mayor_r'"));
    CHECK_THAT(all, Catch::Contains("psoas_major.md:6: unknown pose 'handstand'"));
    CHECK_THAT(all, Catch::Contains("psoas_major.md:7: unknown symptom 'no_such_symptom'"));
    CHECK_THAT(all, Catch::Contains("psoas_major.md:8: source 'not_in_sources' is not listed in sources.json"));
    // broken links, at the body line
    CHECK_THAT(all, Catch::Contains("psoas_major.md:11: broken link 'content:no_such_item'"));
    CHECK_THAT(all, Catch::Contains("psoas_major.md:11: broken link 'structure:femur_x'"));
    CHECK_THAT(all, Catch::Contains("psoas_major.md:13: link 'other.md' is not allowed"));
    CHECK_THAT(all, Catch::Contains("psoas_major.md:13: image 'pic.png' is not supported"));
    CHECK(problems.size() == 9);
}

TEST_CASE("catalog content links must name existing items", "[content][library]")
{
    std::vector<Diagnostic> problems;
    auto lib = ContentLibrary::load(test::dataDir("small"), problems);
    auto structures = defaultStructures();
    structures.push_back({"extra", "Extra", "", {"psoas_major", "missing_article"}});
    lib.validate(structures, defaultPoses(), problems);
    REQUIRE(problems.size() == 1);
    CHECK_THAT(problems[0].toString(), Catch::Contains("catalog.json") && Catch::Contains("missing_article"));
}

TEST_CASE("a file of the wrong type in a folder is rejected", "[content][library]")
{
    test::TempDir dir;
    std::filesystem::copy(test::dataDir("small"), dir.path(), std::filesystem::copy_options::recursive);
    std::filesystem::rename(dir.path() / "exercises" / "glute_bridge.md", dir.path() / "symptoms" / "glute_bridge.md");
    std::vector<Diagnostic> problems;
    ContentLibrary::load(dir.path().string(), problems);
    REQUIRE(problems.size() == 1);
    CHECK_THAT(problems[0].toString(), Catch::Contains("glute_bridge.md:3: type 'exercise' does not belong in symptoms/"));
}

TEST_CASE("links are classified, only content:, structure: and http(s) are links", "[content][markdown]")
{
    std::string id;
    CHECK(classifyLink("content:psoas_major", &id) == LinkKind::Content);
    CHECK(id == "psoas_major");
    CHECK(classifyLink("structure:l3", &id) == LinkKind::Structure);
    CHECK(classifyLink("https://example.org/a?b=c") == LinkKind::External);
    CHECK(classifyLink("HTTP://example.org") == LinkKind::External);
    CHECK(classifyLink("javascript:alert(1)") == LinkKind::Invalid);
    CHECK(classifyLink("file:///etc/passwd") == LinkKind::Invalid);
    CHECK(classifyLink("content:Bad Id") == LinkKind::Invalid);
    CHECK(classifyLink("mailto:a@b.c") == LinkKind::Invalid);
    CHECK(classifyLink("quiz:origins_and_insertion", &id) == LinkKind::Quiz); // assets/quizzes/<id>.json
    CHECK(id == "origins_and_insertion");
    CHECK(classifyLink("quiz:../x") == LinkKind::Invalid);
}

TEST_CASE("Markdown renders to HTML with safe links and escaped raw HTML", "[content][markdown]")
{
    std::string html = MarkdownRenderer::toHtml(
        "## Head\n\nSee [iliacus](content:iliacus), [L3](structure:l3), [web](https://x.org) and "
        "[bad](javascript:alert(1)).\n\n<script>alert(1)</script>\n\n- **bold** *it*\n");
    CHECK_THAT(html, Catch::Contains("<h2>Head</h2>"));
    CHECK_THAT(html, Catch::Contains("<a href=\"content:iliacus\">iliacus</a>"));
    CHECK_THAT(html, Catch::Contains("<a href=\"structure:l3\">L3</a>"));
    CHECK_THAT(html, Catch::Contains("<a href=\"https://x.org\" class=\"external\">web</a>"));
    CHECK_THAT(html, !Catch::Contains("javascript"));
    CHECK_THAT(html, Catch::Contains("bad")); // the text stays, the link goes
    CHECK_THAT(html, !Catch::Contains("<script>"));
    CHECK_THAT(html, Catch::Contains("&lt;script&gt;"));
    CHECK_THAT(html, Catch::Contains("<li><strong>bold</strong> <em>it</em></li>"));
    CHECK(MarkdownRenderer::plainText("A [link](content:x) and **b**.") == "A link and b.\n");
}

TEST_CASE("psoas-contentbuild fails the build with file:line and writes nothing", "[content][tool]")
{
    test::TempDir dir;
    std::string out;
    const std::string tool = PSOAS_CONTENTBUILD;
    int rc = run(tool + " --content " + test::dataDir("broken") + " --poses /nonexistent --output " +
                     dir.file("content.db"),
                 out);
    INFO(out);
    CHECK(rc == 1);
    CHECK_THAT(out, Catch::Contains("psoas_major.md:11: broken link"));
    CHECK_THAT(out, Catch::Contains("psoas_major.md:11: the introduction cites no source a reader can look up"));
    CHECK_THAT(out, Catch::Contains("11 problem(s)"));
    CHECK_FALSE(std::filesystem::exists(dir.file("content.db")));

    out.clear();
    rc = run(tool + " --content " + test::dataDir("small") + " --output " + dir.file("content.db"), out);
    INFO(out);
    CHECK(rc == 0);
    CHECK(std::filesystem::exists(dir.file("content.db")));
}
