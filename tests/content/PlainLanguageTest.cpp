// Plain language in patient-facing text: the lessons written for patients (their title says
// "for patients") and every symptom note. Sentences are short, and every abbreviation
// (a word of two or more capital letters, such as ASIS or MRI) is explained where it is first
// used: written in brackets after the words it stands for, "front hip bone point (ASIS)",
// or followed by them in brackets, "ASIS (the bony point at the front of the hip)".
// Vertebra names with digits (L1, T12, S1) are not abbreviations for this check.
#include "content/ContentLibrary.h"
#include "content/MarkdownRenderer.h"
#include "core/AtomicFile.h"
#include "core/JsonFile.h"
#include "TestDirs.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <regex>
#include <sstream>

using namespace psoas;
using namespace psoas::content;
namespace fs = std::filesystem;

namespace {

constexpr int kMaxSentenceWords = 25;

// Markdown to plain text, without citations ("([Gray's Anatomy](source:x))") or the
// disclaimer link; headings and list items end a sentence.
std::string readable(const std::string& markdown)
{
    std::string md = std::regex_replace(markdown, std::regex(R"(\s*\((\[[^\]]*\]\(source:[a-z0-9_]+\)[,; ]*)+\))"), "");
    md = std::regex_replace(md, std::regex(R"(\[Medical disclaimer\]\(content:disclaimer\))"), "");
    std::string out;
    std::istringstream in(md);
    std::string line;
    while (std::getline(in, line)) {
        const bool breakBefore = line.empty() || line[0] == '#' || line.rfind("- ", 0) == 0 ||
                                 std::regex_search(line, std::regex(R"(^\d+\. )"));
        if (breakBefore) out += ".\n";
        out += line + " ";
    }
    return MarkdownRenderer::plainText(out);
}

std::vector<std::string> sentences(const std::string& text)
{
    std::vector<std::string> out;
    std::string cur;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        cur += c;
        const bool end = (c == '.' || c == '?' || c == '!' || c == '\n') &&
                         (i + 1 == text.size() || text[i + 1] == ' ' || text[i + 1] == '\n');
        if (end) {
            out.push_back(cur);
            cur.clear();
        }
    }
    out.push_back(cur);
    return out;
}

int wordCount(const std::string& s)
{
    int n = 0;
    bool in = false;
    for (char c : s) {
        const bool w = std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80;
        if (w && !in) ++n;
        in = w;
    }
    return n;
}

// Problems in one patient-facing text ("" if none).
std::string plainLanguageProblems(const std::string& name, const std::string& markdown)
{
    const std::string text = readable(markdown);
    std::string problems;
    for (const auto& s : sentences(text))
        if (wordCount(s) > kMaxSentenceWords)
            problems += name + ": a sentence of " + std::to_string(wordCount(s)) + " words (at most " +
                        std::to_string(kMaxSentenceWords) + "): \"" + s + "\"\n";
    const std::regex abbreviation(R"(\b[A-Z]{2,}s?\b)");
    std::set<std::string> seen;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), abbreviation); it != std::sregex_iterator(); ++it) {
        std::string word = it->str();
        if (!word.empty() && word.back() == 's') word.pop_back();
        if (!seen.insert(word).second) continue; // only the first use must explain it
        const std::size_t at = static_cast<std::size_t>(it->position());
        const bool inBrackets = at > 0 && text[at - 1] == '(' && at + it->length() < text.size() &&
                                text[at + static_cast<std::size_t>(it->length())] == ')';
        const bool explainedAfter = text.compare(at + static_cast<std::size_t>(it->length()), 2, " (") == 0;
        if (!inBrackets && !explainedAfter)
            problems += name + ": the abbreviation " + word + " is not explained where it is first used\n";
    }
    return problems;
}

} // namespace

TEST_CASE("the plain-language check finds long sentences and unexplained abbreviations", "[content][plain]")
{
    CHECK(plainLanguageProblems("t", "The front hip bone point (ASIS) moves. The ASIS moves again.") == "");
    CHECK(plainLanguageProblems("t", "An MRI (a scan that uses magnets) can help.") == "");
    CHECK_THAT(plainLanguageProblems("t", "Your PT may change."), Catch::Contains("abbreviation PT is not explained"));
    CHECK(plainLanguageProblems("t", "It hurts at L4 and S1.") == "");
    CHECK(plainLanguageProblems("t", "A fact ([NICE guideline](source:nice_ng59)).") == "");
    std::string longSentence = "This";
    for (int i = 0; i < 30; ++i) longSentence += " word";
    CHECK_THAT(plainLanguageProblems("t", longSentence + "."), Catch::Contains("a sentence of 31 words"));
    CHECK(plainLanguageProblems("t", "- A short item\n- Another short item\n") == "");
}

TEST_CASE("patient-facing lessons and symptom notes are in plain language", "[content][plain]")
{
    std::string problems;
    int checked = 0;
    for (const auto& e : fs::directory_iterator(std::string(PSOAS_ASSETS_DIR) + "/lessons")) {
        if (e.path().extension() != ".json") continue;
        auto text = core::readFile(e.path().string());
        REQUIRE(text.ok());
        auto json = core::parseJson(text.value(), e.path().string());
        REQUIRE(json.ok());
        const std::string title = json.value().value("title", "");
        if (title.find("for patients") == std::string::npos) continue;
        ++checked;
        std::string all;
        for (const auto& step : json.value()["steps"]) all += step.value("text", "") + "\n\n";
        problems += plainLanguageProblems(e.path().filename().string(), all);
    }
    std::vector<Diagnostic> ignored;
    auto lib = ContentLibrary::load(std::string(PSOAS_ASSETS_DIR) + "/content", ignored);
    for (const auto& item : lib.items())
        if (item.type == ItemType::Symptom) {
            ++checked;
            problems += plainLanguageProblems(fs::path(item.file).filename().string(), item.body);
        }
    INFO(problems);
    CHECK(problems.empty());
    CHECK(checked >= 9);
}
