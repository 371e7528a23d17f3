#pragma once
// A quiz: a plain JSON file with an ordered list of questions, read like a lesson (forgiving
// per field, every problem one warning naming the file, the question and the field).
//
// File layout (schema "psoas-atlas-quiz", version 1; shipped quizzes live in assets/quizzes/):
//   { "schema": "psoas-atlas-quiz", "version": 1, "title": "...", "description": "...",
//     "questions": [
//       {"id": "pm-l2", "kind": "find", "prompt": "Click ...", "target": "psoas_major_r.origin.l2"},
//       {"id": "il", "kind": "name", "prompt": "Name ...", "structure": "iliacus_r",
//        "choices": ["iliacus_r", "psoas_major_r"]},             // no choices: the name is typed
//       {"id": "sit", "kind": "preset", "prompt": "...", "muscle": "psoas_major_r",
//        "presets": ["sitting", "bridge"], "most": "shortened"},  // or "lengthened"
//       {"id": "ss", "kind": "measure", "prompt": "...", "measure": "sacral_slope", "value": 50,
//        "tolerance": 2},
//       {"id": "il90", "kind": "length", "prompt": "...", "muscle": "iliacus_r", "percent": 90,
//        "tolerance": 2},
//       {"id": "lt", "kind": "layers", "prompt": "...", "attach_to": ["lm_lesser_trochanter_r"]} ] }
// Every question may also have "explanation" (shown after the answer) and "setup" (the state it
// starts from, written like a lesson step: camera, layers, pose, selection).
// The file names targets only; what is correct is derived from the model and the solver
// (QuizRun), never written in the file.
#include "app/Lesson.h"
#include "core/Error.h"

#include <nlohmann/json.hpp>

#include <set>
#include <string>
#include <vector>

namespace psoas::app {

enum class QuestionKind { Find, Name, Preset, Measure, Length, Layers };
const char* questionKindName(QuestionKind kind);

struct QuizQuestion {
    std::string id;
    QuestionKind kind = QuestionKind::Find;
    std::string prompt;
    std::string explanation;
    bool hasSetup = false;
    LessonStep setup;                  // camera, layers, pose, selection (title/text unused)
    std::string target;                // find: structure, landmark or attachment id; name: structure id
    double radius = 0.0;               // find: metres around a landmark/area (0: the area's own radius)
    std::vector<std::string> choices;  // name: structure ids offered; preset: preset names
    std::string muscle;                // preset, length
    bool shortest = true;              // preset: "most": "shortened" (true) or "lengthened"
    std::string measure;               // measure: sacral_slope, pelvic_tilt, lumbar_lordosis or a coordinate
    double value = 0.0;                // measure: degrees; length: % of neutral
    double tolerance = 0.0;            // measure, length: accepted distance from value
    std::vector<std::string> attachTo; // layers: bones, landmarks or attachment areas
};

// What ids and values a quiz may use (empty sets are not checked).
struct QuizVocabulary {
    LessonVocabulary lesson;           // structures, presets, coordinate ranges
    std::set<std::string> muscles;     // catalog structures of kind muscle
    static QuizVocabulary from(const anatomy::Catalog* catalog, const solver::Kinematics* kinematics);
    static QuizVocabulary fromDocument(const Document& document);
};

class Quiz {
public:
    static constexpr int kSchemaVersion = 1;
    static constexpr double kDefaultToleranceDeg = 2.0;
    static constexpr double kDefaultTolerancePct = 2.0;

    std::string title;
    std::string description;
    std::vector<QuizQuestion> questions;

    struct Loaded;
    static core::Result<Loaded> load(const std::string& path, const QuizVocabulary& vocabulary = {});
    static core::Result<Loaded> fromJsonText(const std::string& text, const std::string& nameForMessages,
                                             const QuizVocabulary& vocabulary = {});
    static Loaded fromJson(const nlohmann::json& json, const std::string& nameForMessages,
                           const QuizVocabulary& vocabulary = {});
    nlohmann::json toJson() const;

    // True when the JSON text looks like a quiz (schema "psoas-atlas-quiz" or a "questions" list).
    static bool looksLikeQuiz(const nlohmann::json& json);
    // True when the file at `path` is JSON that looks like a quiz (false when unreadable: it
    // is then opened as a lesson, whose loader names the problem).
    static bool isQuizFile(const std::string& path);
    // The file a lesson step's "quiz" names: relative to the lesson's folder, else to the
    // assets folder ("quizzes/x.json"); empty when neither exists.
    static std::string resolveReference(const std::string& lessonPath, const std::string& reference);
    // The shipped quizzes (assets/quizzes/*.json), sorted by file name.
    static std::vector<std::string> shipped();
};

struct Quiz::Loaded {
    Quiz quiz;
    std::vector<std::string> warnings;
};

} // namespace psoas::app
