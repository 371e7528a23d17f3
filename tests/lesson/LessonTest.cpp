// Lesson files: load/save round trip, forgiving per-field validation, shipped lessons.
#include "anatomy/Catalog.h"
#include "app/Lesson.h"
#include "core/AtomicFile.h"
#include "solver/Kinematics.h"

#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>

using psoas::app::Lesson;
using psoas::app::LessonStep;
using psoas::app::LessonVocabulary;

namespace {

const std::string kData = std::string(PSOAS_TEST_DATA_DIR) + "/lesson/";
const std::string kAssets = PSOAS_ASSETS_DIR;

LessonVocabulary realVocabulary()
{
    static std::optional<psoas::anatomy::Catalog> catalog;
    if (!catalog) {
        auto c = psoas::anatomy::Catalog::load(kAssets + "/models/catalog.json");
        REQUIRE(c.ok());
        catalog = std::move(*c);
    }
    auto k = psoas::solver::Kinematics::load(kAssets);
    REQUIRE(k.ok());
    return LessonVocabulary::from(&*catalog, &*k);
}

bool anyWarning(const std::vector<std::string>& warnings, const std::string& a, const std::string& b = {},
                const std::string& c = {})
{
    for (const auto& w : warnings)
        if (w.find(a) != std::string::npos && w.find(b) != std::string::npos && w.find(c) != std::string::npos)
            return true;
    return false;
}

std::string listOf(const std::vector<std::string>& v)
{
    std::string s;
    for (const auto& x : v) s += x + "\n";
    return s;
}

} // namespace

TEST_CASE("A lesson saved and opened again is the same lesson", "[lesson]")
{
    Lesson lesson;
    lesson.title = "Round trip";
    lesson.description = "Checks every field.";
    LessonStep a;
    a.title = "First";
    a.text = "Some **Markdown**\n\n- a list";
    a.camera.view = "left";
    a.camera.hasTarget = true;
    a.camera.target = psoas::Vec3(0.01f, 0.2f, -0.03f);
    a.camera.distance = 0.8f;
    a.camera.hasOrientation = true;
    a.camera.orientation = glm::normalize(psoas::Quat(0.9f, 0.1f, 0.3f, 0.0f));
    a.layers = {{"hidden", {"diaphragm", "l3"}}, {"opacity", {{"hip_bone_r", 0.25}}}};
    a.pose.mode = "standing";
    a.pose.preset = "anterior_pelvic_tilt";
    a.pose.coordinates = {{"pelvis_tilt", 12.5}, {"breathing", 25.0}};
    a.selection = {"psoas_major_r"};
    LessonStep b;
    b.title = "Second";
    b.text = "Plain.";
    b.selection = {"iliacus_l", "psoas_major_l"};
    lesson.steps = {a, b};

    const std::string path = (std::filesystem::temp_directory_path() / "psoas_lesson_roundtrip.json").string();
    REQUIRE(lesson.save(path).ok());
    auto loaded = Lesson::load(path, realVocabulary());
    REQUIRE(loaded.ok());
    INFO(listOf(loaded->warnings));
    CHECK(loaded->warnings.empty());
    const Lesson& l = loaded->lesson;
    CHECK(l.title == lesson.title);
    CHECK(l.description == lesson.description);
    REQUIRE(l.steps.size() == 2);
    const LessonStep& r = l.steps[0];
    CHECK(r.title == "First");
    CHECK(r.text == a.text);
    CHECK(r.camera.view == "left");
    CHECK(r.camera.hasTarget);
    CHECK(r.camera.target.y == Approx(0.2f));
    CHECK(r.camera.distance == Approx(0.8f));
    CHECK(r.camera.hasOrientation);
    CHECK(std::abs(glm::dot(r.camera.orientation, a.camera.orientation)) == Approx(1.0f).margin(1e-5));
    CHECK(r.layers == a.layers);
    CHECK(r.pose.mode == "standing");
    CHECK(r.pose.preset == "anterior_pelvic_tilt");
    CHECK(r.pose.coordinates == a.pose.coordinates);
    CHECK(r.selection == a.selection);
    CHECK(l.steps[1].selection == b.selection);
    CHECK(l.steps[1].camera.empty());
    CHECK(l.steps[1].pose.empty());
    CHECK(l.steps[1].layers.is_null());

    // Saving replaces the file completely (no leftovers of a longer old file).
    lesson.steps.pop_back();
    REQUIRE(lesson.save(path).ok());
    auto again = Lesson::load(path);
    REQUIRE(again.ok());
    CHECK(again->lesson.steps.size() == 1);
    std::remove(path.c_str());
}

TEST_CASE("A broken lesson still opens and every problem names its step and field", "[lesson]")
{
    auto loaded = Lesson::load(kData + "broken.json", realVocabulary());
    REQUIRE(loaded.ok());
    const auto& w = loaded->warnings;
    INFO(listOf(w));
    const Lesson& l = loaded->lesson;

    // Six of seven steps survive; the one that is not an object is left out.
    REQUIRE(l.steps.size() == 6);
    CHECK(anyWarning(w, "broken.json", "step 5", "left out"));

    // The good step is untouched.
    CHECK(l.steps[0].title == "Good step");
    CHECK(l.steps[0].camera.view == "anterior");
    CHECK(l.steps[0].pose.preset == "neutral");
    CHECK(l.steps[0].selection == std::vector<std::string>{"psoas_major_r"});
    CHECK_FALSE(anyWarning(w, "step 1 "));

    // Wrong type: a number as title.
    CHECK(anyWarning(w, "step 2", "\"title\"", "a number"));
    CHECK(l.steps[1].title == "Step 2");

    // Unknown ids: selection, layer, preset; the known layer id stays.
    CHECK(anyWarning(w, "step 3 (\"Unknown ids\")", "\"selection\"", "psoas_maximus_r"));
    CHECK(anyWarning(w, "step 3", "layers.hidden", "spleen"));
    CHECK(anyWarning(w, "step 3", "pose.preset", "handstand"));
    CHECK(l.steps[2].selection.empty());
    CHECK(l.steps[2].layers["hidden"] == nlohmann::json::array({"l3"}));
    CHECK(l.steps[2].pose.preset.empty());

    // NaN and null angles are refused, out-of-range ones are clamped, good ones kept.
    CHECK(anyWarning(w, "step 4", "pose.coordinates.hip_flexion_r", "NaN"));
    CHECK(anyWarning(w, "step 4", "pose.coordinates.hip_flexion_l", "null"));
    CHECK(anyWarning(w, "step 4", "pose.coordinates.pelvis_tilt", "500"));
    const auto& coords = l.steps[3].pose.coordinates;
    CHECK(coords.count("hip_flexion_r") == 0);
    CHECK(coords.count("hip_flexion_l") == 0);
    REQUIRE(coords.count("pelvis_tilt") == 1);
    CHECK(coords.at("pelvis_tilt") <= 90.0);
    CHECK(coords.at("lumbar_flexion") == Approx(10.0));

    // Missing field.
    CHECK(anyWarning(w, "step 6", "\"title\"", "missing"));
    CHECK(l.steps[4].text == "No title here.");

    // Bad camera values.
    CHECK(anyWarning(w, "step 7", "camera.view", "upside_down"));
    CHECK(anyWarning(w, "step 7", "camera.distance"));
    CHECK(anyWarning(w, "step 7", "camera.target[1]"));
    CHECK(l.steps[5].camera.empty());
}

TEST_CASE("Files that are not lessons fail with a message naming the file", "[lesson]")
{
    auto missing = Lesson::load(kData + "does_not_exist.json");
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.message().find("does_not_exist.json") != std::string::npos);

    auto noSteps = Lesson::load(kData + "not_a_lesson.json");
    REQUIRE_FALSE(noSteps.ok());
    CHECK(noSteps.message().find("not_a_lesson.json") != std::string::npos);
    CHECK(noSteps.message().find("steps") != std::string::npos);

    auto truncated = Lesson::load(kData + "truncated.json");
    REQUIRE_FALSE(truncated.ok());
    CHECK(truncated.message().find("truncated.json") != std::string::npos);

    auto notObject = Lesson::fromJsonText("[1, 2]", "list.json");
    REQUIRE_FALSE(notObject.ok());
    CHECK(notObject.message().find("list.json") != std::string::npos);
}

TEST_CASE("The shipped lessons open without a single warning", "[lesson]")
{
    const auto vocab = realVocabulary();
    for (const char* name :
         {"psoas_origins_insertion_tour.json", "anterior_pelvic_tilt_for_patients.json",
          "posterior_abdominal_wall_layers.json"}) {
        auto loaded = Lesson::load(kAssets + "/lessons/" + name, vocab);
        INFO(name);
        REQUIRE(loaded.ok());
        INFO(listOf(loaded->warnings));
        CHECK(loaded->warnings.empty());
        CHECK_FALSE(loaded->lesson.title.empty());
        CHECK(loaded->lesson.steps.size() >= 4);
        for (const auto& s : loaded->lesson.steps) {
            CHECK_FALSE(s.title.empty());
            CHECK(s.text.size() > 40);
            CHECK_FALSE(s.camera.empty());
            CHECK_FALSE(s.pose.empty());
        }
    }
}

TEST_CASE("A step names what it shows: attachment areas and landmarks, kept on save, bad entries named", "[lesson][show]")
{
    const auto vocab = realVocabulary();
    const nlohmann::json j = {
        {"schema", "psoas-atlas-lesson"},
        {"version", 1},
        {"title", "Show"},
        {"steps",
         {{{"title", "Transverse processes"},
           {"text", "The deep layer."},
           {"camera", {{"view", "right"}, {"frame", "show"}}},
           {"selection", "psoas_major_r"},
           {"show", {"psoas_major_r.origin.l1_tp", "lm_iliopubic_eminence_r", "psoas_major_r", "no_such_mark",
                     7, "psoas_major_r.origin.l1_tp"}}},
          {{"title", "Bad frame"}, {"text", "-"}, {"camera", {{"view", "anterior"}, {"frame", "everything"}}}, {"show", 3}}}}};
    const auto loaded = Lesson::fromJson(j, "show.json", vocab);
    REQUIRE(loaded.lesson.steps.size() == 2);
    const LessonStep& s = loaded.lesson.steps[0];
    CHECK(s.show == std::vector<std::string>{"psoas_major_r.origin.l1_tp", "lm_iliopubic_eminence_r"});
    CHECK(s.camera.frameShown);
    CHECK_FALSE(loaded.lesson.steps[1].camera.frameShown);
    CHECK(loaded.lesson.steps[1].show.empty());
    auto has = [&](const std::string& part) {
        for (const auto& w : loaded.warnings)
            if (w.find(part) != std::string::npos) return true;
        return false;
    };
    CHECK(has("show.json: step 1 (\"Transverse processes\"), field \"show\": \"psoas_major_r\" is not an attachment area or landmark"));
    CHECK(has("step 1 (\"Transverse processes\"), field \"show\": unknown id \"no_such_mark\""));
    CHECK(has("step 1 (\"Transverse processes\"), field \"show\": holds a number"));
    CHECK(has("step 2 (\"Bad frame\"), field \"camera.frame\": is \"everything\"; the only value is \"show\""));
    CHECK(has("step 2 (\"Bad frame\"), field \"show\": should be a list"));
    for (const auto& warning : loaded.warnings) UNSCOPED_INFO(warning);
    CHECK(loaded.warnings.size() == 5);

    // Saved and read back: the same show list and framing.
    const auto again = Lesson::fromJson(loaded.lesson.toJson(), "again.json", vocab);
    CHECK(again.warnings.empty());
    CHECK(again.lesson.steps[0].show == s.show);
    CHECK(again.lesson.steps[0].camera.frameShown);
}
