// Untrusted files: content and lesson text can only make links to content:, structure: and
// http(s) addresses (the panel asks before opening a web page; that part is covered by
// tests/content/ContentPanelTest.cpp), never embed or reference local files, scripts or raw
// HTML, and a lesson never makes the app open any file but itself.
#include "HardeningUtil.h"

#include "content/ContentLibrary.h"
#include "content/ContentParser.h"
#include "content/MarkdownRenderer.h"
#include "app/Lesson.h"

#include <catch2/catch.hpp>
#include <fstream>

using namespace psoas;
using namespace psoas::hardening;

namespace {

const char* const kHostileMarkdown =
    "# Title\n\n"
    "[a](file:///etc/passwd) [b](../../../etc/passwd) [c](/etc/shadow) [d](javascript:alert(1))\n"
    "[e](JAVASCRIPT:alert(1)) [f](data:text/html,<b>x</b>) [g](mailto:a@b.c) [h](smb://host/share)\n"
    "[i](ftp://example.org/x) [j](  file:/etc/passwd) [k](HTTPS://example.org/ok) [l](content:psoas_major)\n"
    "![pic](/etc/passwd) ![pic2](file:///home/user/.ssh/id_rsa)\n\n"
    "<img src=\"/etc/passwd\"> <a href=\"file:///etc/passwd\">raw</a> <script>alert(1)</script>\n"
    "<iframe src=\"https://example.org\"></iframe> <link rel=stylesheet href=\"file:///x.css\">\n\n"
    "<file:///etc/passwd> <https://example.org/auto>\n\n"
    "[ref]: file:///etc/passwd\n[use the ref][ref]\n";

// Every href the panel could follow, in order.
std::vector<std::string> hrefs(const std::string& html)
{
    std::vector<std::string> out;
    const std::string key = "href=\"";
    for (auto at = html.find(key); at != std::string::npos; at = html.find(key, at + 1)) {
        auto end = html.find('"', at + key.size());
        out.push_back(html.substr(at + key.size(), end - at - key.size()));
    }
    return out;
}

void checkSafeHtml(const std::string& html)
{
    INFO(html);
    for (const auto& href : hrefs(html)) {
        INFO(href);
        const bool allowed = href.rfind("content:", 0) == 0 || href.rfind("structure:", 0) == 0 ||
                             href.rfind("http://", 0) == 0 || href.rfind("https://", 0) == 0 ||
                             href.rfind("HTTPS://", 0) == 0;
        CHECK(allowed);
    }
    CHECK(html.find("<img") == std::string::npos);
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("<iframe") == std::string::npos);
    CHECK(html.find("<link") == std::string::npos);
}

} // namespace

TEST_CASE("Markdown from a file can only link to content, structures and web pages", "[hardening][untrusted]")
{
    const std::string html = content::MarkdownRenderer::toHtml(kHostileMarkdown);
    checkSafeHtml(html);
    // The allowed ones still work.
    auto links = hrefs(html);
    CHECK(std::find(links.begin(), links.end(), "content:psoas_major") != links.end());
    CHECK(std::find(links.begin(), links.end(), "https://example.org/auto") != links.end());
    for (const char* bad : {"file:///etc/passwd", "../../../etc/passwd", "/etc/shadow", "javascript:alert(1)"})
        CHECK(content::classifyLink(bad) == content::LinkKind::Invalid);
}

TEST_CASE("The content check reports local-file links and images by file and line", "[hardening][untrusted]")
{
    TempDir dir;
    const std::string path = dir.file("hostile.md");
    std::ofstream(path) << "---\nid: hostile\ntype: article\ntitle: Hostile\nstructures: []\nsources: [gray]\n"
                           "summary: Links everywhere.\n---\n"
                        << kHostileMarkdown;
    auto item = content::ContentParser::parseFile(path);
    INFO((item.ok() ? std::string() : item.message()));
    REQUIRE(item.ok());
    auto lib = content::ContentLibrary::fromItems({item.value()}, {});
    std::vector<content::Diagnostic> problems;
    lib.validate({}, {}, problems);
    std::string all;
    for (const auto& d : problems) all += d.toString() + "\n";
    INFO(all);
    CHECK(all.find(path + ":11:") != std::string::npos); // the file:// link line
    CHECK(all.find("/etc/passwd") != std::string::npos);
    CHECK(all.find("image") != std::string::npos);
}

TEST_CASE("A lesson cannot make the app read other files or run anything", "[hardening][untrusted]")
{
    TempDir dir;
    const std::string path = dir.file("trap.json");
    std::ofstream(path) << R"({"schema": "psoas-atlas-lesson", "version": 1, "title": "Trap",
      "model": "/etc/passwd", "include": "../../secret.json", "script": "rm -rf ~",
      "steps": [{"title": "x", "text": )"
                        << nlohmann::json(std::string(kHostileMarkdown)).dump() << R"(,
        "selection": ["../../../etc/passwd"], "layers": {"hidden": ["/etc/shadow"]},
        "pose": {"preset": "../../poses/neutral"}, "command": "/bin/sh -c id"}]})";
    app::LessonVocabulary vocab;
    vocab.structures = {"l3"};
    vocab.presets = {"neutral"};
    auto lesson = app::Lesson::load(path, vocab);
    REQUIRE(lesson.ok());
    REQUIRE(lesson->lesson.steps.size() == 1);
    const auto& step = lesson->lesson.steps.front();
    CHECK(step.selection.empty());
    CHECK(step.pose.preset.empty());
    // Nothing that names a file or a command survives into what the app acts on.
    const std::string saved = lesson->lesson.toJson().dump();
    CHECK(saved.find("/etc/passwd\"") == std::string::npos);
    CHECK(saved.find("rm -rf") == std::string::npos);
    CHECK(saved.find("/bin/sh") == std::string::npos);
    CHECK(saved.find("secret.json") == std::string::npos);
    // The step text is Markdown and goes through the same safe renderer.
    checkSafeHtml(content::MarkdownRenderer::toHtml(step.text));
}

TEST_CASE("Lesson text cannot make the lesson view load files (images and HTML become plain text)",
          "[hardening][untrusted]")
{
    // The lesson view renders step text with a Qt text browser, which would read any file an
    // image names: a private picture, /etc/passwd, or /dev/zero (which never ends).
    TempDir dir;
    const std::string path = dir.file("images.json");
    const std::string text = "See ![the spine](/dev/zero) and ![ref image][r] and ![qrc](qrc:/icons/x.png).\n\n"
                             "<img src=\"file:///etc/passwd\"> <IMG SRC=/etc/shadow> <table background=\"/etc/x.png\">"
                             "<tr><td>x</td></tr></table> <div style=\"background-image: url(/etc/y.png)\">y</div>\n"
                             "<!-- <img src=/etc/z> --> <?php ?> </b>\n\n"
                             "[r]: /home/someone/private.png\n\n"
                             "Web pages stay links: <https://example.org/psoas> and [a page](https://example.org).\n"
                             "Comparisons stay: L4 < L5 and 3 <4.\n";
    std::ofstream(path) << nlohmann::json{{"schema", "psoas-atlas-lesson"},
                                          {"version", 1},
                                          {"title", "Images"},
                                          {"steps", {{{"title", "One"}, {"text", text}}}}}
                               .dump();
    auto lesson = app::Lesson::load(path);
    REQUIRE(lesson.ok());
    REQUIRE(lesson->lesson.steps.size() == 1);
    const std::string& shown = lesson->lesson.steps.front().text;
    INFO(shown);
    CHECK(shown.find("![") == std::string::npos);
    for (const char* tag : {"<img", "<IMG", "<table", "<div", "<!--", "<?php", "</b"})
        CHECK(shown.find(tag) == std::string::npos);
    CHECK(shown.find("&lt;img src=\"file:///etc/passwd\">") != std::string::npos); // still readable as text
    CHECK(shown.find("[the spine](/dev/zero)") != std::string::npos);             // a link nobody follows
    CHECK(shown.find("<https://example.org/psoas>") != std::string::npos);
    CHECK(shown.find("[a page](https://example.org)") != std::string::npos);
    CHECK(shown.find("L4 < L5 and 3 <4.") != std::string::npos);
    REQUIRE(lesson->warnings.size() == 1);
    CHECK(lesson->warnings.front().find(path + ": step 1 (\"One\"), field \"text\": contains images or HTML") == 0);
    // The same text through the content renderer (what the content panel uses) loads nothing either.
    checkSafeHtml(content::MarkdownRenderer::toHtml(shown));

    // Text with nothing to change gives no warning and stays byte for byte.
    const std::string plain = "The **psoas major** arises from T12 to L4; see <https://example.org>.";
    std::ofstream(path, std::ios::trunc) << nlohmann::json{{"schema", "psoas-atlas-lesson"},
                                                           {"version", 1},
                                                           {"title", "Plain"},
                                                           {"steps", {{{"title", "One"}, {"text", plain}}}}}
                                                .dump();
    auto clean = app::Lesson::load(path);
    REQUIRE(clean.ok());
    CHECK(clean->warnings.empty());
    CHECK(clean->lesson.steps.front().text == plain);
}
