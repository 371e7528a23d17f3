// The lesson being played or edited lives in the session (Session::lesson): playing a step sets
// the session's layers, selection and marks in one notification, and editing keeps the current
// step and the edited flag right. No display.
#include "app/Document.h"
#include "app/Session.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

using namespace psoas::app;

namespace {
std::unique_ptr<Document> builtIn()
{
    auto d = Document::open(Document::defaultModelPath(), Document::defaultCatalogPath());
    if (!d) FAIL(d.message());
    return std::move(d).value();
}
const std::string kTour = std::string(PSOAS_ASSETS_DIR) + "/lessons/psoas_origins_insertion_tour.json";
} // namespace

TEST_CASE("Session lesson: playing a step shows its selection, layers and marks, told once", "[app][session][lesson]")
{
    auto doc = builtIn();
    Session s;
    s.setDocument(doc.get());
    std::vector<Change> seen;
    s.subscribe([&](const Change& c) { seen.push_back(c); });
    auto warnings = s.openLesson(kTour);
    REQUIRE(warnings.ok());
    CHECK(warnings.value().empty());
    CHECK(s.lesson().path() == kTour);
    CHECK(s.lesson().current() == -1);
    CHECK_FALSE(s.lesson().modified());
    REQUIRE(seen.size() == 1);
    CHECK(seen.back().lesson);

    seen.clear();
    REQUIRE(s.playStep(2)); // "Deep origin: transverse processes"
    // Layers, selection and marks in one change; the step's pose follows as its own.
    REQUIRE(!seen.empty());
    REQUIRE(seen.size() <= 2);
    if (seen.size() == 2) CHECK(seen[1].pose);
    CHECK(seen[0].lesson);
    CHECK(seen[0].selection);
    CHECK(s.lesson().current() == 2);
    CHECK(s.selection().selected() == "psoas_major_r");
    CHECK(s.shown() == s.lesson().lesson().steps[2].show);
    CHECK(s.shown().size() == 5);
    CHECK(s.history().undoLabel() == "Lesson step");

    // Playing the same step again changes nothing but still says which step is shown.
    seen.clear();
    REQUIRE(s.playStep(2));
    REQUIRE(seen.size() == 1);
    CHECK(seen[0].lesson);
    CHECK_FALSE(seen[0].selection);

    seen.clear();
    CHECK_FALSE(s.playStep(99)); // out of range: nothing changes, nobody is told
    CHECK_FALSE(s.playStep(-1));
    CHECK(seen.empty());
    CHECK(s.lesson().current() == 2);
    CHECK_FALSE(s.lesson().modified()); // playing is not editing
}

TEST_CASE("Session lesson: editing moves and deletes and updates steps and saving clears the edited flag",
          "[app][session][lesson]")
{
    auto doc = builtIn();
    Session s;
    s.setDocument(doc.get());
    REQUIRE(s.openLesson(kTour).ok());
    const int n = s.lesson().stepCount();
    REQUIRE(n >= 5);
    const std::string second = s.lesson().lesson().steps[1].title;
    REQUIRE(s.editLesson([](LessonPlayback& l) { return l.moveStep(1, 1); }));
    CHECK(s.lesson().lesson().steps[2].title == second);
    CHECK(s.lesson().current() == 2);
    CHECK(s.lesson().modified());
    CHECK_FALSE(s.editLesson([n](LessonPlayback& l) { return l.moveStep(n - 1, 1); })); // past the end
    REQUIRE(s.editLesson([](LessonPlayback& l) { return l.deleteStep(l.stepCount() - 1); }));
    CHECK(s.lesson().stepCount() == n - 1);
    CHECK(s.lesson().current() == n - 2); // the new last step

    // Update a step from the view: what it shows changes, its words stay.
    LessonStep capture;
    capture.title = "ignored";
    capture.selection = {"iliacus_r"};
    capture.show = {"lm_asis_r"};
    REQUIRE(s.editLesson([&](LessonPlayback& l) { return l.updateStep(0, capture); }));
    CHECK(s.lesson().lesson().steps[0].title == "The region at a glance");
    CHECK(s.lesson().lesson().steps[0].show == std::vector<std::string>{"lm_asis_r"});

    const auto dir = std::filesystem::temp_directory_path() / "psoas_playback_test";
    std::filesystem::create_directories(dir);
    const std::string path = (dir / "edited.json").string();
    REQUIRE(s.saveLesson(path).ok());
    CHECK_FALSE(s.lesson().modified());
    CHECK(s.lesson().path() == path);
    Session again;
    again.setDocument(doc.get());
    REQUIRE(again.openLesson(path).ok());
    CHECK(again.lesson().stepCount() == n - 1);
    REQUIRE(again.playStep(0));
    CHECK(again.selection().selected() == "iliacus_r");
    CHECK(again.shown() == std::vector<std::string>{"lm_asis_r"});

    // A file that is not a lesson: the message names it, the lesson in hand stays.
    const std::string bad = (dir / "not_a_lesson.json").string();
    std::ofstream(bad) << "{\"schema\": \"something-else\"}";
    auto opened = s.openLesson(bad);
    REQUIRE_FALSE(opened.ok());
    CHECK(opened.message().find("not_a_lesson.json") != std::string::npos);
    CHECK(s.lesson().path() == path);
    std::filesystem::remove_all(dir);
}

TEST_CASE("Session lesson: a step always shows the structure it selects, never the previous selection",
          "[app][session][lesson]")
{
    auto doc = builtIn();
    Session s;
    s.setDocument(doc.get());
    const auto dir = std::filesystem::temp_directory_path() / "psoas_hidden_selection_test";
    std::filesystem::create_directories(dir);
    const std::string path = (dir / "hidden.json").string();
    {
        std::ofstream f(path);
        f << R"({"schema": "psoas-atlas-lesson", "version": 1, "title": "Hidden", "steps": [
              {"title": "Iliacus", "text": "t", "selection": "iliacus_r"},
              {"title": "Psoas", "text": "t", "selection": "psoas_major_r"},
              {"title": "Contradiction", "text": "t", "layers": {"hidden": ["psoas_major_r"]},
               "selection": "psoas_major_r"}]})";
    }
    auto warnings = s.openLesson(path);
    REQUIRE(warnings.ok());
    // The lesson check names the step whose own layers hide its selection.
    REQUIRE(warnings.value().size() == 1);
    const std::string& w = warnings.value().front();
    INFO(w);
    CHECK(w.find("step 3") != std::string::npos);
    CHECK(w.find("psoas_major_r") != std::string::npos);
    CHECK(w.find("hidden by the step's own layers") != std::string::npos);

    REQUIRE(s.playStep(0));
    CHECK(s.selection().selected() == "iliacus_r");
    // The user hides the psoas; the next step (no layers of its own) selects it: it is shown
    // and selected, not left hidden with the iliacus still selected.
    REQUIRE(s.setVisible("psoas_major_r", false));
    REQUIRE(s.playStep(1));
    CHECK(s.layers().isVisible("psoas_major_r"));
    CHECK(s.selection().selected() == "psoas_major_r");
    // A step whose layers hide its own selection still shows it when played.
    REQUIRE(s.playStep(0));
    REQUIRE(s.playStep(2));
    CHECK(s.layers().isVisible("psoas_major_r"));
    CHECK(s.selection().selected() == "psoas_major_r");
    std::filesystem::remove_all(dir);
}
