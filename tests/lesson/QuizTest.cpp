// Quizzes: the file format and its messages, checking every question kind through the session
// on the built-in model, the random quiz generator, the shipped quizzes and the CSV export.
#include "anatomy/Catalog.h"
#include "app/Attachments.h"
#include "app/Document.h"
#include "app/Lesson.h"
#include "app/LessonCheck.h"
#include "app/Quiz.h"
#include "app/QuizGenerator.h"
#include "app/QuizRun.h"
#include "app/Session.h"
#include "core/AtomicFile.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>

using namespace psoas::app;
using psoas::Vec3;
namespace fs = std::filesystem;

namespace {

const std::string kAssets = PSOAS_ASSETS_DIR;

Document& builtIn()
{
    static std::unique_ptr<Document> doc = [] {
        ::setenv("PSOAS_ASSETS", kAssets.c_str(), 1);
        auto d = Document::open(kAssets + "/models/lumbopelvic.glb", kAssets + "/models/catalog.json");
        if (!d) FAIL(d.message());
        return std::move(d).value();
    }();
    return *doc;
}

// A session on the built-in model in the neutral free pose with the default layers.
struct Fixture {
    Session session;
    Fixture()
    {
        session.setDocument(&builtIn());
        (void)session.setMode("free");
        (void)session.applyPreset("neutral");
    }
};

Quiz quizOf(const std::string& text, std::vector<std::string>* warnings = nullptr)
{
    auto loaded = Quiz::fromJsonText(text, "test.json", QuizVocabulary::fromDocument(builtIn()));
    REQUIRE(loaded.ok());
    if (warnings) *warnings = loaded->warnings;
    else CHECK(loaded->warnings.empty());
    return loaded->quiz;
}

AttachmentArea area(const std::string& id)
{
    const auto dot = id.find('.');
    for (const auto& a : Attachments::of(builtIn(), id.substr(0, dot)))
        if (a.id == id) return a;
    FAIL("no area " << id);
    return {};
}

int count(const std::vector<std::string>& lines, const std::string& part)
{
    int n = 0;
    for (const auto& l : lines) n += l.find(part) != std::string::npos;
    return n;
}

} // namespace

TEST_CASE("A bad quiz file gets one message per problem naming file, question and field, and the rest opens", "[quiz]")
{
    std::vector<std::string> w;
    const Quiz quiz = quizOf(R"({"schema": "psoas-atlas-quiz", "version": 1, "title": "Bad", "extra": 1, "questions": [
        {"id": "ok", "kind": "find", "prompt": "Click the right psoas major.", "target": "psoas_major_r"},
        {"id": "typo", "kind": "find", "prompt": "Click it.", "target": "psoas_majr_r"},
        {"id": "kind", "kind": "draw", "prompt": "Draw it."},
        {"id": "ok", "kind": "name", "prompt": "Name it.", "structure": "iliacus_r", "colour": "red"},
        {"id": "preset", "kind": "preset", "prompt": "Which?", "muscle": "l3", "presets": ["sitting", "flying"]},
        {"id": "ss", "kind": "measure", "prompt": "Tilt.", "measure": "sacral_slope", "value": "fifty"},
        {"id": "len", "kind": "length", "prompt": "Set.", "muscle": "iliacus_r", "percent": 90, "tolerance": -1},
        {"id": "lay", "kind": "layers", "prompt": "Show.", "attach_to": []},
        {"id": "setup", "kind": "find", "prompt": "Click.", "target": "l3", "setup": {"layers": {"hidden": ["nope"]}, "zoom": 2}},
        42
    ]})", &w);
    for (const auto& line : w) INFO(line);
    CHECK(count(w, "test.json: field \"extra\"") == 1);
    CHECK(count(w, "test.json: question 2 (typo), field \"target\": unknown structure id \"psoas_majr_r\"") == 1);
    CHECK(count(w, "test.json: question 3 (kind), field \"kind\": unknown kind \"draw\"") == 1);
    CHECK(count(w, "question 4 (ok-4), field \"id\": is used by an earlier question") == 1);
    CHECK(count(w, "question 4 (ok-4), field \"colour\"") == 1);
    CHECK(count(w, "question 5 (preset), field \"muscle\": \"l3\" is not a muscle") == 1);
    CHECK(count(w, "question 5 (preset), field \"presets\": unknown preset \"flying\"") == 1);
    CHECK(count(w, "question 5 (preset), field \"presets\": needs at least two") == 1);
    CHECK(count(w, "question 6 (ss), field \"value\": should be a number") == 1);
    CHECK(count(w, "question 7 (len), field \"tolerance\"") == 1);
    CHECK(count(w, "question 8 (lay), field \"attach_to\"") == 1);
    CHECK(count(w, "question 9 (setup), field \"setup.layers.hidden\": unknown structure id \"nope\"") == 1);
    CHECK(count(w, "question 9 (setup), field \"setup.zoom\"") == 1);
    CHECK(count(w, "question 10, field \"(question)\"") == 1);
    CHECK(w.size() == 14);
    // What is valid still opens: ok, ok-4 (name), len (default tolerance), setup (without the bad id).
    REQUIRE(quiz.questions.size() == 4);
    CHECK(quiz.questions[0].id == "ok");
    CHECK(quiz.questions[1].id == "ok-4");
    CHECK(quiz.questions[2].tolerance == Quiz::kDefaultTolerancePct);
    CHECK(quiz.questions[3].setup.layers["hidden"].empty());

    // Whole-file problems are errors with the file's name.
    auto notQuiz = Quiz::fromJsonText(R"({"title": "x"})", "x.json");
    REQUIRE_FALSE(notQuiz.ok());
    CHECK(notQuiz.message().find("x.json: a quiz needs a \"questions\" list") == 0);
    CHECK_FALSE(Quiz::fromJsonText("{", "broken.json").ok());
}

TEST_CASE("The headless lesson check checks quiz files and the quizzes lessons name", "[quiz]")
{
    builtIn();
    const fs::path dir = fs::temp_directory_path() / "psoas-quiz-check";
    fs::create_directories(dir);
    const std::string bad = (dir / "bad.json").string();
    REQUIRE(psoas::core::writeFileAtomically(
        bad, R"({"schema": "psoas-atlas-quiz", "title": "t", "questions": [{"id": "a", "kind": "find", "prompt": "p", "target": "xx"}]})"));
    const std::string lesson = (dir / "lesson.json").string();
    REQUIRE(psoas::core::writeFileAtomically(
        lesson, R"({"title": "L", "steps": [{"title": "s", "text": "t", "quiz": "bad.json"}, {"title": "u", "text": "t", "quiz": "none.json"}]})"));
    std::ostringstream out, err;
    const int rc = runLessonCheck({bad, lesson, kAssets + "/quizzes/origins_and_insertion.json"}, out, err);
    const std::string text = out.str();
    INFO(text << err.str());
    CHECK(rc == 1);
    CHECK(text.find(bad + ": question 1 (a), field \"target\": unknown structure id \"xx\"") != std::string::npos);
    CHECK(text.find(lesson + ": step 1, field \"quiz\": " + bad + ": question 1 (a)") != std::string::npos);
    CHECK(text.find(lesson + ": step 2, field \"quiz\": no quiz file \"none.json\"") != std::string::npos);
    CHECK(text.find("origins_and_insertion.json: OK, 8 questions, no problems.") != std::string::npos);
    fs::remove_all(dir);
}

TEST_CASE("Lessons keep working and may name a quiz for a step", "[quiz][lesson]")
{
    auto loaded = Lesson::fromJsonText(R"({"title": "L", "steps": [{"title": "a", "text": "t"},
        {"title": "b", "text": "t", "quiz": "quizzes/spinopelvic_posture.json"}]})", "l.json");
    REQUIRE(loaded.ok());
    CHECK(loaded->warnings.empty());
    CHECK(loaded->lesson.steps[0].quiz.empty());
    CHECK(loaded->lesson.steps[1].quiz == "quizzes/spinopelvic_posture.json");
    CHECK(loaded->lesson.toJson()["steps"][1]["quiz"] == "quizzes/spinopelvic_posture.json");
    CHECK_FALSE(loaded->lesson.toJson()["steps"][0].contains("quiz"));
    builtIn();
    CHECK(Quiz::resolveReference("/nowhere/l.json", "quizzes/spinopelvic_posture.json") ==
          fs::path(kAssets + "/quizzes/spinopelvic_posture.json").lexically_normal().string());
    CHECK(Quiz::resolveReference("/nowhere/l.json", "quizzes/missing.json").empty());
}

TEST_CASE("Find it: a click on the structure or inside the area counts, a near miss says what was clicked", "[quiz][session]")
{
    Fixture f;
    QuizRun run(f.session, quizOf(R"({"title": "t", "questions": [
        {"id": "l2", "kind": "find", "prompt": "p", "target": "psoas_major_r.origin.l2", "setup": {"layers": {"hidden": ["psoas_major_r"]}}},
        {"id": "lt", "kind": "find", "prompt": "p", "target": "lm_lesser_trochanter_r"},
        {"id": "pm", "kind": "find", "prompt": "p", "target": "psoas_major_l"}]})"));
    int heard = 0;
    run.onFeedback = [&](const QuizFeedback&) { ++heard; };
    run.start();
    CHECK_FALSE(f.session.layers().isVisible("psoas_major_r"));
    // A click on L3, at the L3 slip's area: a miss that names L3 and the distance.
    const auto l3 = area("psoas_major_r.origin.l3");
    f.session.pick("l3", l3.world);
    REQUIRE(run.feedback().answered);
    CHECK_FALSE(run.feedback().correct);
    CHECK(run.feedback().message.find("you clicked the L3 vertebra, ") != std::string::npos);
    CHECK(run.feedback().message.find(" cm from the ") != std::string::npos);
    CHECK(f.session.selection().selected() == "psoas_major_r"); // the answer shown: the muscle with its areas
    CHECK(heard == 1);
    // Retry: the click inside the L2 area on the L2 vertebra counts.
    run.next();
    run.next();
    run.answerPick("psoas_major_l", nullptr);
    CHECK(run.feedback().correct);
    CHECK(run.score() == 1);
    CHECK_FALSE(run.next());
    REQUIRE(run.retryMissed());
    CHECK(run.roundSize() == 2);
    const auto l2 = area("psoas_major_r.origin.l2");
    f.session.pick("l2", l2.world + Vec3(0.0f, 0.0f, 0.004f));
    CHECK(run.feedback().correct);
    CHECK(heard == 2);
    // A click again after the answer changes nothing.
    f.session.pick("l3", l3.world);
    CHECK(run.feedback().correct);
    run.next();
    // The lesser trochanter is a landmark: a click on the femur next to it counts; a selection
    // without a point (the Layers dock) on the femur does not.
    f.session.select("femur_r");
    CHECK_FALSE(run.feedback().correct);
    CHECK(run.feedback().message.find("you clicked the right femur.") != std::string::npos);
    REQUIRE(run.retryMissed());
    const int lt = builtIn().scene().find("lm_lesser_trochanter_r");
    f.session.pick("femur_r", Vec3(builtIn().scene().world(lt)[3]) + Vec3(0.01f, 0.0f, 0.0f));
    CHECK(run.feedback().correct);
    CHECK(run.score() == 3);
    CHECK(run.missedIds().empty());
    CHECK_FALSE(run.retryMissed());
}

TEST_CASE("Name it: catalog and Latin names, any case, accents and small typos", "[quiz][session]")
{
    Fixture f;
    QuizRun run(f.session, quizOf(R"({"title": "t", "questions": [
        {"id": "il", "kind": "name", "prompt": "p", "structure": "iliacus_r"},
        {"id": "pm", "kind": "name", "prompt": "p", "structure": "psoas_major_r", "choices": ["psoas_major_r", "iliacus_r"]},
        {"id": "pmin", "kind": "name", "prompt": "p", "structure": "psoas_minor_l"}]})"));
    {
        QuizRun names(f.session, quizOf(R"({"title": "t", "questions": [{"id": "x", "kind": "name", "prompt": "p", "structure": "l4"}]})"));
        names.start();
        CHECK(f.session.namesHidden()); // the viewer does not give the name away
        names.answerText("L4 vertebra");
        CHECK_FALSE(f.session.namesHidden());
        names.next();
        CHECK_FALSE(f.session.namesHidden());
    }
    run.start();
    CHECK(f.session.namesHidden());
    CHECK(f.session.selection().selected() == "iliacus_r"); // highlighted
    for (const char* ok : {"Right iliacus", "iliacus", "ILIACUS", "Ilíacus", "ilicus", "iliacsu", "Musculus iliacus",
                           "  right   iliacus. ", "M. iliacus"}) {
        INFO(ok);
        CHECK(run.nameMatches(ok, "iliacus_r"));
    }
    for (const char* bad : {"left iliacus", "psoas", "iliac", "", "ili"}) CHECK_FALSE(run.nameMatches(bad, "iliacus_r"));
    CHECK(run.nameMatches("Right psoas major", "psoas_major_r"));
    CHECK(run.nameMatches("psoas majör", "psoas_major_r"));
    CHECK_FALSE(run.nameMatches("left psoas major", "psoas_major_r"));
    CHECK(QuizRun::fold("Ærø Œuvre ÉCOLE-naïve") == "aero oeuvre ecole naive");

    auto fb = run.answerText("Right psoas major");
    CHECK_FALSE(fb.correct);
    CHECK(fb.message.find("that is the name of the right psoas major") != std::string::npos);
    CHECK(fb.solution.find("iliacus (Musculus iliacus)") != std::string::npos);
    run.next();
    CHECK(f.session.selection().selected() == "psoas_major_r");
    CHECK(run.answerChoice("psoas_major_r").correct);
    run.next();
    // psoas minor starts hidden: the question shows it, so it can be named.
    CHECK(f.session.layers().isVisible("psoas_minor_l"));
    CHECK(run.answerText("psoas minor").correct);
    run.retryMissed();
    CHECK(run.answerText("ilíacus").correct);
    CHECK(run.score() == 3);
}

TEST_CASE("Pose questions are checked against the live solver readouts with their tolerance", "[quiz][session]")
{
    Fixture f;
    QuizRun run(f.session, quizOf(R"({"title": "t", "questions": [
        {"id": "short", "kind": "preset", "prompt": "p", "muscle": "psoas_major_r", "presets": ["neutral", "sitting", "kneeling_lunge"]},
        {"id": "long", "kind": "preset", "prompt": "p", "muscle": "iliacus_r", "presets": ["neutral", "sitting", "kneeling_lunge"], "most": "lengthened"},
        {"id": "ss", "kind": "measure", "prompt": "p", "measure": "sacral_slope", "value": 50, "tolerance": 2, "setup": {"pose": {"mode": "standing", "preset": "neutral"}}},
        {"id": "hip", "kind": "measure", "prompt": "p", "measure": "hip_flexion_r", "value": 30, "tolerance": 1, "setup": {"pose": {"mode": "free", "preset": "neutral"}}},
        {"id": "il", "kind": "length", "prompt": "p", "muscle": "iliacus_r", "percent": 90, "tolerance": 2}]})"));
    run.start();
    CHECK(run.bestPreset(*run.current()) == "sitting");
    CHECK_FALSE(run.check().answered); // no preset picked yet
    (void)f.session.applyPreset("kneeling_lunge"); // through the pose dock
    auto fb = run.check();
    CHECK(fb.answered);
    CHECK_FALSE(fb.correct);
    CHECK(fb.solution.find("\"sitting\" shortens") != std::string::npos);
    run.next();
    CHECK(run.answerChoice("kneeling_lunge").correct);
    run.next();
    CHECK(f.session.pose().mode == "standing");
    const double start = run.liveValue(*run.current());
    CHECK(std::abs(start - 50.0) > 2.0);
    fb = run.check();
    CHECK_FALSE(fb.correct);
    CHECK(fb.message.find("the target is 50° ± 2°") != std::string::npos);
    CHECK(std::abs(run.liveValue(*run.current()) - 50.0) <= 2.0); // the answer, shown on the model
    run.next();
    (void)f.session.setCoordinate("hip_flexion_r", 30.6);
    fb = run.check();
    INFO(fb.message);
    CHECK(fb.correct);
    run.next();
    std::string coordinate;
    double value = 0.0;
    REQUIRE(run.solvePose(*run.current(), coordinate, value));
    CHECK(coordinate == "hip_flexion_r");
    (void)f.session.setCoordinate(coordinate, value);
    fb = run.check();
    CHECK(fb.correct);
    CHECK(fb.message.find("Correct: it reads ") == 0);
    CHECK(run.score() == 3);
    REQUIRE(run.retryMissed());
    CHECK(run.current()->id == "short");
}

TEST_CASE("Layers: show only the muscles that attach to a place, derived from the attachment areas", "[quiz][session]")
{
    Fixture f;
    QuizRun run(f.session, quizOf(R"({"title": "t", "questions": [
        {"id": "lt", "kind": "layers", "prompt": "p", "attach_to": ["lm_lesser_trochanter_r"]},
        {"id": "rib", "kind": "layers", "prompt": "p", "attach_to": ["rib_12_r", "rib_12_l"]},
        {"id": "hip", "kind": "layers", "prompt": "p", "attach_to": ["hip_bone_l"]}]})"));
    run.start();
    const auto& qs = run.quiz().questions;
    CHECK(run.expectedMuscles(qs[0]) == std::vector<std::string>{"psoas_major_r", "iliacus_r"});
    CHECK(run.expectedMuscles(qs[1]) == std::vector<std::string>{"diaphragm", "quadratus_lumborum_l", "quadratus_lumborum_r"});
    CHECK(run.expectedMuscles(qs[2]) == std::vector<std::string>{"psoas_minor_l", "iliacus_l", "quadratus_lumborum_l",
                                                                 "gluteus_maximus_l", "rectus_femoris_l"});
    // Default layers show every muscle but psoas minor: wrong.
    auto fb = run.check();
    CHECK_FALSE(fb.correct);
    CHECK(fb.message.find("too many") != std::string::npos);
    // The answer shown on the model is right (bones stay as they were).
    CHECK(f.session.layers().isVisible("psoas_major_r"));
    CHECK_FALSE(f.session.layers().isVisible("diaphragm"));
    CHECK(f.session.layers().isVisible("femur_r"));
    run.next();
    // The student's way: hide all muscles, then show the two.
    for (const auto& s : builtIn().catalog()->structures())
        if (s.kind == psoas::anatomy::StructureKind::Muscle) f.session.setVisible(s.id, false);
    f.session.setVisible("quadratus_lumborum_l", true);
    f.session.setVisible("quadratus_lumborum_r", true);
    fb = run.check();
    CHECK_FALSE(fb.correct);
    CHECK(fb.message.find("1 missing (the diaphragm)") != std::string::npos);
    run.retryMissed();
    run.retryMissed(); // the two missed and the one not answered
    CHECK(run.roundSize() == 3);
}

TEST_CASE("Every shipped quiz validates with no warnings and every question can be answered", "[quiz][shipped]")
{
    const auto files = (builtIn(), Quiz::shipped());
    REQUIRE(files.size() == 3);
    for (const auto& file : files) {
        INFO(file);
        auto loaded = Quiz::load(file, QuizVocabulary::fromDocument(builtIn()));
        REQUIRE(loaded.ok());
        for (const auto& w : loaded->warnings) FAIL_CHECK(w);
        auto raw = psoas::core::readFile(file);
        REQUIRE(raw.ok());
        CHECK(loaded->quiz.questions.size() == nlohmann::json::parse(*raw)["questions"].size());
        for (const auto& q : loaded->quiz.questions) {
            CHECK(q.prompt.find("seed") == std::string::npos);
            CHECK(q.prompt.find("session") == std::string::npos);
            CHECK_FALSE(q.explanation.empty());
        }
        Fixture f;
        QuizRun run(f.session, loaded->quiz);
        run.start();
        while (const QuizQuestion* q = run.current()) {
            INFO(q->id);
            switch (q->kind) {
            case QuestionKind::Find: {
                Vec3 centre(0.0f);
                float radius = 0.0f;
                if (run.targetArea(*q, centre, radius)) {
                    // The bone the area sits on is shown, so the click can land there.
                    const int mn = builtIn().model().findNode(q->target);
                    REQUIRE(mn >= 0);
                    const std::string body = builtIn().model().nodes[std::size_t(mn)].extras.at("body");
                    CHECK(f.session.layers().isVisible(body));
                    f.session.pick(body, centre);
                } else {
                    CHECK(f.session.layers().isVisible(q->target));
                    f.session.pick(q->target, Vec3(0.0f));
                }
                break;
            }
            case QuestionKind::Name:
                CHECK(f.session.selection().selected() == q->target);
                if (q->choices.empty()) run.answerText(f.session.nameOf(q->target));
                else run.answerChoice(q->target);
                break;
            case QuestionKind::Preset:
                REQUIRE_FALSE(run.bestPreset(*q).empty());
                // The explanations name these postures; the solver must agree.
                if (q->id == "shortest-psoas") CHECK(run.bestPreset(*q) == "sitting");
                if (q->id == "longest-iliacus") CHECK(run.bestPreset(*q) == "kneeling_lunge");
                run.answerChoice(run.bestPreset(*q));
                break;
            default:
                // The answer is reachable: showing it on the model meets the check.
                CHECK_FALSE(run.reveal().empty());
                run.check();
                break;
            }
            CHECK(run.feedback().correct);
            INFO(run.feedback().message);
            run.next();
        }
        CHECK(run.score() == run.total());
    }
}

TEST_CASE("Random quizzes never ask about hidden or absent structures, nor attachments a muscle lacks", "[quiz][generator]")
{
    Fixture f;
    f.session.setVisible("iliacus_r", false);
    f.session.setVisible("l3", false);
    f.session.setVisible("context_muscles", false);
    const auto pool = QuizGenerator::candidates(f.session);
    CHECK(std::find(pool.begin(), pool.end(), "psoas_major_r") != pool.end());
    for (const char* hidden : {"iliacus_r", "l3", "psoas_minor_r", "gluteus_maximus_l", "lm_asis_r"})
        CHECK(std::find(pool.begin(), pool.end(), hidden) == pool.end());
    std::set<std::string> asked;
    for (std::uint32_t r = 1; r <= 40; ++r) {
        QuizGeneratorOptions o;
        o.count = 10;
        o.randomState = r;
        const Quiz quiz = QuizGenerator::generate(f.session, o);
        CHECK(quiz.questions.size() == 10);
        std::set<std::string> ids;
        for (const auto& q : quiz.questions) {
            INFO(q.id << ": " << q.prompt);
            CHECK(ids.insert(q.id).second);
            asked.insert(q.target);
            const auto dot = q.target.find('.');
            if (dot == std::string::npos) {
                CHECK(f.session.layers().isVisible(q.target));
                CHECK_FALSE(builtIn().scene().node(builtIn().scene().find(q.target)).meshes.empty());
            } else {
                // An area of a shown muscle, on a shown bone (the L3 slip is not asked: L3 is hidden).
                const std::string muscle = q.target.substr(0, dot);
                CHECK(f.session.layers().isVisible(muscle));
                CHECK(f.session.layers().isVisible(area(q.target).body));
                CHECK(q.kind == QuestionKind::Find);
            }
            for (const auto& c : q.choices) CHECK(f.session.layers().isVisible(c));
        }
        // The generated quiz is a valid quiz file.
        auto again = Quiz::fromJson(quiz.toJson(), "generated", QuizVocabulary::fromDocument(builtIn()));
        CHECK(again.warnings.empty());
        CHECK(again.quiz.questions.size() == quiz.questions.size());
    }
    CHECK(asked.count("psoas_major_r.origin.l2"));
    CHECK_FALSE(asked.count("psoas_major_r.origin.l3"));
    CHECK_FALSE(asked.count("iliacus_r.origin"));
    // Only attachments asked for: none for a muscle without areas, none for bones.
    QuizGeneratorOptions only;
    only.name = false;
    only.count = 1000;
    for (const auto& q : QuizGenerator::generate(f.session, only).questions)
        if (q.target.find('.') != std::string::npos) CHECK_FALSE(Attachments::of(builtIn(), q.target.substr(0, q.target.find('.'))).empty());
    // Nothing shown: no questions.
    f.session.setVisible("skeleton", false);
    f.session.setVisible("deep_muscles", false);
    f.session.setVisible("diaphragm", false);
    CHECK(QuizGenerator::generate(f.session).questions.empty());
}

TEST_CASE("Quiz results export as CSV: question id, answer, correct, time", "[quiz][csv]")
{
    Fixture f;
    QuizRun run(f.session, quizOf(R"({"title": "t", "questions": [
        {"id": "a", "kind": "name", "prompt": "p", "structure": "iliacus_r"},
        {"id": "b,c", "kind": "find", "prompt": "p", "target": "l4"}]})"));
    run.start();
    run.answerText("psoas, \"major\"");
    run.next();
    f.session.pick("l4", Vec3(0.0f));
    run.retryMissed();
    run.answerText("iliacus");
    const std::string path = (fs::temp_directory_path() / "psoas-quiz-results.csv").string();
    REQUIRE(run.exportCsv(path));
    auto text = psoas::core::readFile(path);
    REQUIRE(text.ok());
    std::istringstream lines(*text);
    std::vector<std::string> rows;
    for (std::string l; std::getline(lines, l);) rows.push_back(l);
    REQUIRE(rows.size() == 4);
    CHECK(rows[0] == "question_id,answer,correct,seconds,round");
    CHECK(rows[1].rfind("a,\"psoas, \"\"major\"\"\",no,", 0) == 0);
    CHECK(rows[2].rfind("\"b,c\",l4,yes,", 0) == 0);
    CHECK(rows[3].rfind("a,iliacus,yes,", 0) == 0);
    CHECK(rows[3].substr(rows[3].size() - 2) == ",2");
    fs::remove(path);
}
