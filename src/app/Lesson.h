#pragma once
// A lesson: a plain JSON file with an ordered list of steps. Each step carries a title,
// Markdown text, a camera (a named view or an explicit target/distance/orientation), a
// layer state (LayerState JSON, kept as written), a pose (mode, preset, coordinates) and
// the selected structure(s).
//
// File layout (schema version 1):
//   { "schema": "psoas-atlas-lesson", "version": 1, "title": "...", "description": "...",
//     "steps": [ { "title": "...", "text": "Markdown",
//                  "camera": {"view": "anterior", "target": [x,y,z], "distance": 0.7,
//                             "orientation": [w,x,y,z]},
//                  "layers": {"hidden": ["gluteus_maximus_l"], "shown": [], "opacity": {"hip_bone_r": 0.3}},
//                  "pose": {"mode": "standing", "preset": "neutral", "coordinates": {"pelvis_tilt": 10}},
//                  "selection": "psoas_major_r",
//                  "show": ["psoas_major_r.origin.l1_tp", "lm_iliopubic_eminence_r"],
//                  "quiz": "quizzes/origins_and_insertion.json" } ] }
//
// "show" names what the step is about beyond the selection: attachment areas (drawn as marks
// with their labels) and landmarks (their labels), by catalog id. A camera with
// "frame": "show" keeps the view's direction and fits the shown items (and the selection
// when nothing is shown) in the picture.
//
// Loading is forgiving per field: an unknown id or a bad value gives a warning that names the
// file, the step and the field, the field is dropped (or clamped), and the rest still opens.
// Only an unreadable file, broken JSON or a missing "steps" array fail the whole load.
#include "core/Error.h"
#include "core/Math.h"

#include <nlohmann/json.hpp>

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace psoas::anatomy { class Catalog; }
namespace psoas::solver { class Kinematics; }

namespace psoas::app {

class LayerState;

class Document;

struct LessonCamera {
    std::string view;          // a scene::ViewPreset name, or empty
    bool hasTarget = false;
    Vec3 target{0.0f};
    float distance = 0.0f;     // 0: keep the current distance (or frame all when no target)
    bool hasOrientation = false;
    Quat orientation{1.0f, 0.0f, 0.0f, 0.0f}; // camera-to-world, as scene::CameraState
    bool frameShown = false;   // "frame": "show": fit the step's shown items
    bool empty() const { return view.empty() && !hasTarget && distance <= 0.0f && !hasOrientation && !frameShown; }
};

struct LessonPose {
    std::string mode;   // "free", "standing" or empty (keep)
    std::string preset; // preset name or empty
    std::map<std::string, double> coordinates; // applied after the preset
    bool empty() const { return mode.empty() && preset.empty() && coordinates.empty(); }
};

struct LessonStep {
    std::string title;
    std::string text; // Markdown
    LessonCamera camera;
    nlohmann::json layers; // LayerState JSON; null when the step keeps the layers as they are
    LessonPose pose;
    std::vector<std::string> selection; // structure ids; empty clears the selection
    std::vector<std::string> show;      // attachment-area and landmark ids marked and labelled
    std::string quiz; // a quiz file for this step (Quiz::resolveReference), or empty
};

// What ids and values a lesson may use. Empty sets are not checked (e.g. no catalog).
struct LessonVocabulary {
    std::set<std::string> structures;
    std::set<std::string> marks; // attachment areas and landmarks ("show")
    std::set<std::string> presets;
    struct Range {
        double min = 0.0, max = 0.0;
    };
    std::map<std::string, Range> coordinates;
    // The catalog's default layers (null without a catalog): a step whose own layers hide its
    // selection is reported.
    std::shared_ptr<const LayerState> layers;

    // Structure ids from the catalog; presets and coordinate limits from the solver.
    // Either may be null (then that part is not checked).
    static LessonVocabulary from(const anatomy::Catalog* catalog, const solver::Kinematics* kinematics);
    static LessonVocabulary fromDocument(const Document& document);
};

class Lesson {
public:
    static constexpr int kSchemaVersion = 1;

    std::string title;
    std::string description;
    std::vector<LessonStep> steps;

    struct Loaded;
    // Reads and validates a lesson file. Warnings name the file, the step and the field.
    static core::Result<Loaded> load(const std::string& path, const LessonVocabulary& vocabulary = {});
    static core::Result<Loaded> fromJsonText(const std::string& text, const std::string& nameForMessages,
                                             const LessonVocabulary& vocabulary = {});
    static Loaded fromJson(const nlohmann::json& json, const std::string& nameForMessages,
                           const LessonVocabulary& vocabulary = {});

    nlohmann::json toJson() const;
    // Writes the lesson so that a crash leaves either the old or the new file.
    core::Status save(const std::string& path) const;
};

struct Lesson::Loaded {
    Lesson lesson;
    std::vector<std::string> warnings;
};

} // namespace psoas::app
