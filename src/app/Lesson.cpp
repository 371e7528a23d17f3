#include "app/Lesson.h"

#include "anatomy/Catalog.h"
#include "app/Document.h"
#include "app/LayerState.h"
#include "core/JsonFields.h"
#include "core/AtomicFile.h"
#include "core/JsonFile.h"
#include "scene/ViewPreset.h"
#include "solver/Types.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <sstream>

namespace psoas::app {
namespace {

using nlohmann::json;

std::string typeName(const json& j) { return core::JsonFields::kindName(j); }

// The lesson view shows step text as Markdown in a Qt text browser, which would load whatever
// file an image names (Markdown ![..](/any/path), HTML <img>, CSS backgrounds), anywhere on
// the computer, even /dev/zero. A lesson may not make the app read files: the '!' of an
// image goes (it becomes a plain link, which the lesson view never follows) and the '<' of
// anything that could be an HTML tag is written as the entity &lt; (shown as text). Web
// autolinks <http://...> and <https://...> stay. Returns true when the text was changed.
bool neutraliseResources(std::string& text)
{
    std::string out;
    out.reserve(text.size());
    bool changed = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        const char next = i + 1 < text.size() ? text[i + 1] : '\0';
        if (c == '!' && next == '[') {
            changed = true;
            continue;
        }
        if (c == '<') {
            const bool tag = std::isalpha(static_cast<unsigned char>(next)) || next == '/' || next == '!' || next == '?';
            const bool webLink = text.compare(i + 1, 7, "http://") == 0 || text.compare(i + 1, 8, "https://") == 0;
            if (tag && !webLink) {
                out += "&lt;";
                changed = true;
                continue;
            }
        }
        out += c;
    }
    if (changed) text = std::move(out);
    return changed;
}

// Collects warnings for one step and names the step and field in each of them.
class StepReader {
public:
    StepReader(const std::string& file, int index, std::vector<std::string>& warnings)
        : m_file(file), m_index(index), m_warnings(warnings)
    {
    }
    void setTitle(const std::string& title) { m_title = title; }

    void warn(const std::string& field, const std::string& what)
    {
        std::ostringstream s;
        s << m_file << ": step " << (m_index + 1);
        if (!m_title.empty()) s << " (\"" << m_title << "\")";
        s << ", field \"" << field << "\": " << what;
        m_warnings.push_back(s.str());
    }

    bool readString(const json& obj, const char* key, const std::string& field, std::string& out, bool required)
    {
        auto it = obj.find(key);
        if (it == obj.end()) {
            if (required) warn(field, "is missing; add it (text in quotes).");
            return false;
        }
        if (!it->is_string()) {
            warn(field, "should be text in quotes but is " + typeName(*it) + "; the field is ignored.");
            return false;
        }
        out = it->get<std::string>();
        return true;
    }

    // A finite number; "NaN", null and text are refused.
    bool readNumber(const json& value, const std::string& field, double& out)
    {
        if (!value.is_number()) {
            warn(field, "should be a number but is " + typeName(value) +
                            (value.is_string() ? " (\"" + value.get<std::string>() + "\")" : std::string()) +
                            "; the value is ignored.");
            return false;
        }
        out = value.get<double>();
        if (!std::isfinite(out)) {
            warn(field, "is not a finite number; the value is ignored. Give a number in degrees (or % for breathing).");
            return false;
        }
        return true;
    }

    bool readVec(const json& value, const std::string& field, int n, float* out)
    {
        if (!value.is_array() || int(value.size()) != n) {
            warn(field, "should be a list of " + std::to_string(n) + " numbers; the value is ignored.");
            return false;
        }
        for (int i = 0; i < n; ++i) {
            double d = 0.0;
            if (!readNumber(value[std::size_t(i)], field + "[" + std::to_string(i) + "]", d)) return false;
            if (std::abs(d) > 1e6) { // metres; also keeps the float conversion defined
                warn(field, "value " + core::formatNumber(d) + " is far too large; the value is ignored.");
                return false;
            }
            out[i] = float(d);
        }
        return true;
    }

private:
    std::string m_file;
    int m_index;
    std::string m_title;
    std::vector<std::string>& m_warnings;
};

void readCamera(const json& j, StepReader& r, LessonCamera& cam)
{
    if (!j.is_object()) {
        r.warn("camera", "should be an object such as {\"view\": \"anterior\"}; the step keeps the current camera.");
        return;
    }
    std::string view;
    if (r.readString(j, "view", "camera.view", view, false)) {
        if (scene::findViewPreset(view))
            cam.view = view;
        else
            r.warn("camera.view", "unknown view \"" + view + "\"; use one of " + scene::viewPresetNames() + ".");
    }
    if (auto it = j.find("frame"); it != j.end()) {
        if (it->is_string() && it->get<std::string>() == "show")
            cam.frameShown = true;
        else
            r.warn("camera.frame", "is " + it->dump() + "; the only value is \"show\" (fit what the step shows). It is ignored.");
    }
    if (auto it = j.find("target"); it != j.end()) {
        float v[3];
        if (r.readVec(*it, "camera.target", 3, v)) {
            cam.target = Vec3(v[0], v[1], v[2]);
            cam.hasTarget = true;
        }
    }
    if (auto it = j.find("distance"); it != j.end()) {
        double d = 0.0;
        if (r.readNumber(*it, "camera.distance", d)) {
            if (d > 0.01 && d < 100.0)
                cam.distance = float(d);
            else
                r.warn("camera.distance", "value " + core::formatNumber(d) +
                                              " m is outside 0.01 to 100 m; the distance is ignored.");
        }
    }
    if (auto it = j.find("orientation"); it != j.end()) {
        float q[4];
        if (r.readVec(*it, "camera.orientation", 4, q)) {
            Quat quat(q[0], q[1], q[2], q[3]);
            float len = glm::length(quat);
            if (len > 1e-3f) {
                cam.orientation = quat / len;
                cam.hasOrientation = true;
            } else {
                r.warn("camera.orientation", "is a zero quaternion; give [w, x, y, z] of a rotation.");
            }
        }
    }
}

void readLayers(const json& j, StepReader& r, const LessonVocabulary& vocab, json& out)
{
    if (!j.is_object()) {
        r.warn("layers", "should be an object such as {\"hidden\": [...]}; the step keeps the current layers.");
        return;
    }
    out = j;
    auto checkId = [&](const std::string& field, const std::string& id) {
        if (vocab.structures.empty() || vocab.structures.count(id)) return true;
        r.warn(field, "unknown structure id \"" + id + "\"; it is left out. Use an id from assets/models/catalog.json (psoas-atlas --list-structures).");
        return false;
    };
    for (const char* listKey : {"hidden", "shown"}) {
        auto it = out.find(listKey);
        if (it == out.end()) continue;
        const std::string field = std::string("layers.") + listKey;
        if (!it->is_array()) {
            r.warn(field, "should be a list of structure ids; it is ignored.");
            out.erase(listKey);
            continue;
        }
        json kept = json::array();
        for (const auto& id : *it) {
            if (!id.is_string())
                r.warn(field, "holds " + typeName(id) + " where a structure id was expected; it is left out.");
            else if (checkId(field, id.get<std::string>()))
                kept.push_back(id);
        }
        *it = kept;
    }
    if (auto it = out.find("opacity"); it != out.end()) {
        if (!it->is_object()) {
            r.warn("layers.opacity", "should be an object {id: 0..1}; it is ignored.");
            out.erase("opacity");
        } else {
            json kept = json::object();
            for (auto e = it->begin(); e != it->end(); ++e) {
                const std::string field = "layers.opacity." + e.key();
                double v = 0.0;
                if (!checkId(field, e.key()) || !r.readNumber(e.value(), field, v)) continue;
                if (v < 0.0 || v > 1.0) {
                    r.warn(field, "value " + core::formatNumber(v) + " is outside 0 to 1; it is clamped.");
                    v = std::clamp(v, 0.0, 1.0);
                }
                kept[e.key()] = v;
            }
            *it = kept;
        }
    }
}

void readPose(const json& j, StepReader& r, const LessonVocabulary& vocab, LessonPose& pose)
{
    if (!j.is_object()) {
        r.warn("pose", "should be an object such as {\"preset\": \"neutral\"}; the step keeps the current pose.");
        return;
    }
    std::string mode;
    if (r.readString(j, "mode", "pose.mode", mode, false)) {
        solver::Mode parsed = solver::Mode::Free;
        if (solver::parseMode(mode, parsed))
            pose.mode = mode;
        else
            r.warn("pose.mode", "unknown mode \"" + mode + "\"; use \"free\" or \"standing\".");
    }
    std::string preset;
    if (r.readString(j, "preset", "pose.preset", preset, false)) {
        if (preset.empty() || vocab.presets.empty() || vocab.presets.count(preset))
            pose.preset = preset;
        else
            r.warn("pose.preset", "unknown preset \"" + preset + "\"; it is ignored. Use a preset name from psoas-atlas --list-poses.");
    }
    auto it = j.find("coordinates");
    if (it == j.end()) return;
    if (!it->is_object()) {
        r.warn("pose.coordinates", "should be an object {name: value}; it is ignored.");
        return;
    }
    for (auto e = it->begin(); e != it->end(); ++e) {
        const std::string field = "pose.coordinates." + e.key();
        auto range = vocab.coordinates.find(e.key());
        if (!vocab.coordinates.empty() && range == vocab.coordinates.end()) {
            r.warn(field, "unknown coordinate \"" + e.key() + "\"; it is ignored. Use a name from psoas-atlas --list-coordinates.");
            continue;
        }
        double v = 0.0;
        if (!r.readNumber(e.value(), field, v)) continue;
        if (range != vocab.coordinates.end() && (v < range->second.min || v > range->second.max)) {
            const double c = std::clamp(v, range->second.min, range->second.max);
            r.warn(field, "value " + core::formatNumber(v) + " is outside " + core::formatNumber(range->second.min) +
                              " to " + core::formatNumber(range->second.max) + "; " + core::formatNumber(c) +
                              " is used.");
            v = c;
        }
        pose.coordinates[e.key()] = v;
    }
}

void readSelection(const json& j, StepReader& r, const LessonVocabulary& vocab, std::vector<std::string>& out)
{
    std::vector<json> items;
    if (j.is_null()) return;
    if (j.is_string())
        items.push_back(j);
    else if (j.is_array())
        items.assign(j.begin(), j.end());
    else {
        r.warn("selection", "should be a structure id or a list of ids but is " + typeName(j) + "; it is ignored.");
        return;
    }
    for (const auto& id : items) {
        if (!id.is_string()) {
            r.warn("selection", "holds " + typeName(id) + " where a structure id was expected; it is left out.");
            continue;
        }
        const std::string s = id.get<std::string>();
        if (s.empty()) continue;
        if (!vocab.structures.empty() && !vocab.structures.count(s))
            r.warn("selection", "unknown structure id \"" + s + "\"; it is left out. Use an id from assets/models/catalog.json (psoas-atlas --list-structures).");
        else
            out.push_back(s);
    }
}

void readShow(const json& j, StepReader& r, const LessonVocabulary& vocab, std::vector<std::string>& out)
{
    if (!j.is_array() && !j.is_string()) {
        r.warn("show", "should be a list of attachment-area or landmark ids but is " + typeName(j) + "; it is ignored.");
        return;
    }
    const std::vector<json> items = j.is_array() ? std::vector<json>(j.begin(), j.end()) : std::vector<json>{j};
    for (const auto& id : items) {
        if (!id.is_string()) {
            r.warn("show", "holds " + typeName(id) + " where an attachment-area or landmark id was expected; it is left out.");
            continue;
        }
        const std::string s = id.get<std::string>();
        if (s.empty()) continue;
        if (!vocab.structures.empty() && !vocab.structures.count(s))
            r.warn("show", "unknown id \"" + s + "\"; it is left out. Use an attachment area or landmark from assets/models/catalog.json (psoas-atlas --list-structures).");
        else if (!vocab.marks.empty() && !vocab.marks.count(s))
            r.warn("show", "\"" + s + "\" is not an attachment area or landmark; it is left out. Put structures in \"selection\" or \"layers\".");
        else if (std::find(out.begin(), out.end(), s) == out.end())
            out.push_back(s);
    }
}

LessonStep readStep(const json& j, StepReader& r, int index, const LessonVocabulary& vocab)
{
    LessonStep step;
    if (r.readString(j, "title", "title", step.title, true))
        r.setTitle(step.title);
    else
        step.title = "Step " + std::to_string(index + 1);
    if (r.readString(j, "text", "text", step.text, true) && neutraliseResources(step.text))
        r.warn("text", "contains images or HTML, which lessons cannot use (a lesson never shows files from your "
                       "computer); they are shown as plain text. Use Markdown text and http(s) links instead.");
    if (auto it = j.find("camera"); it != j.end()) readCamera(*it, r, step.camera);
    if (auto it = j.find("layers"); it != j.end() && !it->is_null()) readLayers(*it, r, vocab, step.layers);
    if (auto it = j.find("pose"); it != j.end() && !it->is_null()) readPose(*it, r, vocab, step.pose);
    if (auto it = j.find("selection"); it != j.end()) readSelection(*it, r, vocab, step.selection);
    if (vocab.layers && !step.layers.is_null()) {
        LayerState layers = *vocab.layers;
        (void)layers.fromJson(step.layers, "layers"); // bad entries were reported above
        for (const auto& id : step.selection)
            if (layers.contains(id) && !layers.isVisible(id))
                r.warn("selection", "\"" + id + "\" is hidden by the step's own layers; it is shown when the step "
                                    "plays. Add it to layers.shown, or select a structure the step shows.");
    }
    if (auto it = j.find("quiz"); it != j.end()) {
        if (it->is_string() && !it->get<std::string>().empty())
            step.quiz = it->get<std::string>();
        else
            r.warn("quiz", "should name a quiz file, such as \"quizzes/origins_and_insertion.json\"; it is ignored.");
    }
    if (auto it = j.find("show"); it != j.end() && !it->is_null()) readShow(*it, r, vocab, step.show);
    static const std::set<std::string> known{"title", "text", "camera", "layers", "pose", "selection", "show", "quiz"};
    for (auto e = j.begin(); e != j.end(); ++e)
        if (!known.count(e.key())) r.warn(e.key(), "is not a lesson step field; it is ignored. Remove it, or use title, text, camera, layers, pose, selection, show or quiz.");
    return step;
}

} // namespace

Lesson::Loaded Lesson::fromJson(const nlohmann::json& j, const std::string& name, const LessonVocabulary& vocab)
{
    Loaded out;
    auto& w = out.warnings;
    // A missing "schema" is accepted (hand-written lessons of schema version 1 often omit it).
    if (auto it = j.find("schema"); it != j.end() && (!it->is_string() || it->get<std::string>() != "psoas-atlas-lesson"))
        w.push_back(name + ": field \"schema\" is " + it->dump() +
                    ", not \"psoas-atlas-lesson\"; this may be another program's file. Fix the field if it is a lesson.");
    static const std::set<std::string> topLevel{"schema", "version", "title", "description", "steps"};
    for (auto e = j.begin(); e != j.end(); ++e)
        if (!topLevel.count(e.key()))
            w.push_back(name + ": field \"" + e.key() +
                        "\" is not a lesson field; it is ignored and not saved again. Remove it, or use schema, "
                        "version, title, description or steps.");
    if (auto it = j.find("version"); it != j.end()) {
        if (!it->is_number_integer())
            w.push_back(name + ": field \"version\" should be a whole number; reading it as version 1.");
        else if (it->get<int>() > kSchemaVersion)
            w.push_back(name + ": lesson version " + std::to_string(it->get<int>()) +
                        " is newer than this viewer understands (" + std::to_string(kSchemaVersion) +
                        "); some parts may be missing. Update Psoas Atlas.");
    }
    if (auto it = j.find("title"); it != j.end() && it->is_string())
        out.lesson.title = it->get<std::string>();
    else
        w.push_back(name + ": field \"title\" is missing or not text; add a lesson title.");
    if (auto it = j.find("description"); it != j.end() && it->is_string()) out.lesson.description = it->get<std::string>();
    const json& steps = j.at("steps");
    for (std::size_t i = 0; i < steps.size(); ++i) {
        StepReader r(name, int(i), w);
        if (!steps[i].is_object()) {
            r.warn("(step)", "should be an object with title and text but is " + typeName(steps[i]) +
                                 "; this step is left out.");
            continue;
        }
        out.lesson.steps.push_back(readStep(steps[i], r, int(i), vocab));
    }
    return out;
}

core::Result<Lesson::Loaded> Lesson::fromJsonText(const std::string& text, const std::string& name,
                                                  const LessonVocabulary& vocab)
{
    auto parsed = core::parseJsonDocument(text, name, "lesson", "steps",
                                          "Save the lesson again from the Lesson panel, or fix the file by hand.");
    if (!parsed) return parsed.error();
    return fromJson(*parsed, name, vocab);
}

core::Result<Lesson::Loaded> Lesson::load(const std::string& path, const LessonVocabulary& vocab)
{
    // Temporaries that a killed save of this lesson left beside it go on open, too.
    core::removeStaleTemporaries(path);
    auto text = core::readFile(path, 16u << 20);
    if (!text) return text.error();
    return fromJsonText(*text, path, vocab);
}

nlohmann::json Lesson::toJson() const
{
    json j;
    j["schema"] = "psoas-atlas-lesson";
    j["version"] = kSchemaVersion;
    j["title"] = title;
    if (!description.empty()) j["description"] = description;
    json list = json::array();
    for (const auto& s : steps) {
        json o;
        o["title"] = s.title;
        o["text"] = s.text;
        if (!s.camera.empty()) {
            json c = json::object();
            if (!s.camera.view.empty()) c["view"] = s.camera.view;
            if (s.camera.frameShown) c["frame"] = "show";
            if (s.camera.hasTarget) c["target"] = {s.camera.target.x, s.camera.target.y, s.camera.target.z};
            if (s.camera.distance > 0.0f) c["distance"] = s.camera.distance;
            if (s.camera.hasOrientation)
                c["orientation"] = {s.camera.orientation.w, s.camera.orientation.x, s.camera.orientation.y,
                                    s.camera.orientation.z};
            o["camera"] = c;
        }
        if (!s.layers.is_null()) o["layers"] = s.layers;
        if (!s.pose.empty()) {
            json p = json::object();
            if (!s.pose.mode.empty()) p["mode"] = s.pose.mode;
            if (!s.pose.preset.empty()) p["preset"] = s.pose.preset;
            if (!s.pose.coordinates.empty()) p["coordinates"] = s.pose.coordinates;
            o["pose"] = p;
        }
        if (s.selection.size() == 1)
            o["selection"] = s.selection.front();
        else if (!s.selection.empty())
            o["selection"] = s.selection;
        if (!s.show.empty()) o["show"] = s.show;
        if (!s.quiz.empty()) o["quiz"] = s.quiz;
        list.push_back(o);
    }
    j["steps"] = list;
    return j;
}

core::Status Lesson::save(const std::string& path) const
{
    return core::writeFileAtomically(path, toJson().dump(2) + "\n");
}

} // namespace psoas::app
