#include "app/Quiz.h"

#include "anatomy/Catalog.h"
#include "app/Document.h"
#include "core/AssetPaths.h"
#include "core/AtomicFile.h"
#include "core/JsonFile.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <functional>
#include <map>
#include <sstream>

namespace psoas::app {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

const std::set<std::string> kMeasures{"sacral_slope", "pelvic_tilt", "lumbar_lordosis"};

std::string typeName(const json& j)
{
    if (j.is_null()) return "null";
    if (j.is_boolean()) return "a true/false value";
    if (j.is_number()) return "a number";
    if (j.is_string()) return "text";
    if (j.is_array()) return "a list";
    return "an object";
}

class QuestionReader {
public:
    QuestionReader(const std::string& file, int index, std::vector<std::string>& warnings)
        : m_file(file), m_index(index), m_warnings(warnings)
    {
    }
    void setId(const std::string& id) { m_id = id; }
    std::string prefix() const
    {
        std::ostringstream s;
        s << m_file << ": question " << (m_index + 1);
        if (!m_id.empty()) s << " (" << m_id << ")";
        return s.str();
    }
    void warn(const std::string& field, const std::string& what)
    {
        m_warnings.push_back(prefix() + ", field \"" + field + "\": " + what);
    }
    bool text(const json& q, const char* key, std::string& out, bool required)
    {
        auto it = q.find(key);
        if (it == q.end()) {
            if (required) warn(key, "is missing; add it (text in quotes).");
            return false;
        }
        if (!it->is_string() || it->get<std::string>().empty()) {
            warn(key, "should be text in quotes but is " + (it->is_string() ? std::string("empty") : typeName(*it)) +
                          "; " + (required ? "the question cannot be asked without it." : "it is ignored."));
            return false;
        }
        out = it->get<std::string>();
        return true;
    }
    bool number(const json& q, const char* key, double& out, bool required)
    {
        auto it = q.find(key);
        if (it == q.end()) {
            if (required) warn(key, "is missing; add a number.");
            return false;
        }
        if (!it->is_number() || !std::isfinite(it->get<double>())) {
            warn(key, "should be a number but is " + typeName(*it) + "; " +
                          (required ? "the question cannot be checked without it." : "the default is used."));
            return false;
        }
        out = it->get<double>();
        return true;
    }
    // A list of ids (a single id is accepted too); each must pass `ok`, which warns itself.
    std::vector<std::string> ids(const json& q, const char* key, const std::function<bool(const std::string&)>& ok)
    {
        std::vector<std::string> out;
        auto it = q.find(key);
        if (it == q.end()) return out;
        std::vector<json> items;
        if (it->is_string())
            items.push_back(*it);
        else if (it->is_array())
            items.assign(it->begin(), it->end());
        else {
            warn(key, "should be a list of ids but is " + typeName(*it) + "; it is ignored.");
            return out;
        }
        for (const auto& v : items) {
            if (!v.is_string()) {
                warn(key, "holds " + typeName(v) + " where an id was expected; it is left out.");
                continue;
            }
            const std::string s = v.get<std::string>();
            if (ok(s) && std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
        }
        return out;
    }

private:
    std::string m_file;
    int m_index;
    std::string m_id;
    std::vector<std::string>& m_warnings;
};

const char* kStructureHint = " Use an id from assets/models/catalog.json (psoas-atlas --list-structures).";

// The setup is read by the lesson reader (one synthetic step), so it accepts and checks
// exactly what a lesson step does; its warnings are renamed to this question's.
void readSetup(const json& setup, QuestionReader& r, const std::string& file, const QuizVocabulary& vocab,
               QuizQuestion& q)
{
    if (!setup.is_object()) {
        r.warn("setup", "should be an object with camera, layers, pose or selection; it is ignored.");
        return;
    }
    json step = json::object();
    step["title"] = "\x01";
    step["text"] = "";
    for (auto e = setup.begin(); e != setup.end(); ++e) {
        if (e.key() == "camera" || e.key() == "layers" || e.key() == "pose" || e.key() == "selection")
            step[e.key()] = e.value();
        else
            r.warn("setup." + e.key(), "is not a setup field; it is ignored. Use camera, layers, pose or selection.");
    }
    json lesson = {{"schema", "psoas-atlas-lesson"}, {"title", "-"}, {"steps", json::array({step})}};
    auto loaded = Lesson::fromJson(lesson, file, vocab.lesson);
    const std::string from = file + ": step 1 (\"\x01\"), field \"";
    for (const auto& w : loaded.warnings) {
        if (w.rfind(from, 0) == 0)
            r.warn("setup." + w.substr(from.size(), w.find('"', from.size()) - from.size()),
                   w.substr(std::min(w.size(), w.find("\": ", from.size()) + 3)));
        else
            r.warn("setup", w);
    }
    if (!loaded.lesson.steps.empty()) {
        q.setup = loaded.lesson.steps.front();
        q.setup.title.clear();
        q.hasSetup = true;
    }
}

bool readQuestion(const json& j, QuestionReader& r, int index, const std::string& file, const QuizVocabulary& vocab,
                  std::set<std::string>& ids, QuizQuestion& q)
{
    if (r.text(j, "id", q.id, false)) {
        if (!ids.insert(q.id).second) {
            q.id += "-" + std::to_string(index + 1);
            r.setId(q.id);
            r.warn("id", "is used by an earlier question; this one is called \"" + q.id + "\". Give each question its own id.");
        }
    } else {
        q.id = "q" + std::to_string(index + 1);
        if (!j.contains("id")) r.warn("id", "is missing; add a short unique id (results name it). \"" + q.id + "\" is used.");
        ids.insert(q.id);
    }
    r.setId(q.id);
    const bool hasPrompt = r.text(j, "prompt", q.prompt, true);
    r.text(j, "explanation", q.explanation, false);
    std::string kind;
    if (!r.text(j, "kind", kind, true)) return false;
    static const std::map<std::string, QuestionKind> kinds{
        {"find", QuestionKind::Find},       {"name", QuestionKind::Name},     {"preset", QuestionKind::Preset},
        {"measure", QuestionKind::Measure}, {"length", QuestionKind::Length}, {"layers", QuestionKind::Layers}};
    auto k = kinds.find(kind);
    if (k == kinds.end()) {
        r.warn("kind", "unknown kind \"" + kind +
                           "\"; the question is left out. Use find, name, preset, measure, length or layers.");
        return false;
    }
    q.kind = k->second;
    auto structure = [&](const char* field, const std::string& id) {
        if (vocab.lesson.structures.empty() || vocab.lesson.structures.count(id)) return true;
        const bool whole = std::string(field) == "target" || std::string(field) == "structure";
        r.warn(field, "unknown structure id \"" + id + "\"; " + (whole ? "the question is left out." : "it is left out.") +
                          kStructureHint);
        return false;
    };
    auto muscle = [&](const char* field, const std::string& id) {
        if (vocab.muscles.empty() || vocab.muscles.count(id)) return true;
        r.warn(field, "\"" + id + "\" is not a muscle of the catalog; use a muscle id such as psoas_major_r.");
        return false;
    };
    auto preset = [&](const std::string& p) {
        if (vocab.lesson.presets.empty() || vocab.lesson.presets.count(p)) return true;
        r.warn("presets", "unknown preset \"" + p + "\"; it is left out. Use a name from psoas-atlas --list-poses.");
        return false;
    };
    bool ok = hasPrompt;
    std::set<std::string> known{"id", "kind", "prompt", "explanation", "setup"};
    switch (q.kind) {
    case QuestionKind::Find:
        known.insert({"target", "radius"});
        ok = r.text(j, "target", q.target, true) && structure("target", q.target) && ok;
        if (r.number(j, "radius", q.radius, false) && (q.radius <= 0.0 || q.radius > 0.1)) {
            r.warn("radius", "should be between 0 and 0.1 m; the area's own size is used.");
            q.radius = 0.0;
        }
        break;
    case QuestionKind::Name: {
        known.insert({"structure", "choices"});
        ok = r.text(j, "structure", q.target, true) && structure("structure", q.target) && ok;
        q.choices = r.ids(j, "choices", [&](const std::string& id) { return structure("choices", id); });
        if (!q.choices.empty() && !q.target.empty() &&
            std::find(q.choices.begin(), q.choices.end(), q.target) == q.choices.end())
            q.choices.insert(q.choices.begin() + std::ptrdiff_t(q.choices.size() / 2), q.target);
        if (j.contains("choices") && q.choices.size() == 1)
            r.warn("choices", "offers only the answer; add at least one other structure, or remove the field to have "
                              "the name typed.");
        break;
    }
    case QuestionKind::Preset: {
        known.insert({"muscle", "presets", "most"});
        ok = r.text(j, "muscle", q.muscle, true) && muscle("muscle", q.muscle) && ok;
        q.choices = r.ids(j, "presets", preset);
        if (q.choices.size() < 2) {
            r.warn("presets", "needs at least two known presets to compare; the question is left out.");
            ok = false;
        }
        std::string most = "shortened";
        if (r.text(j, "most", most, false) && most != "shortened" && most != "lengthened") {
            r.warn("most", "should be \"shortened\" or \"lengthened\"; \"shortened\" is used.");
            most = "shortened";
        }
        q.shortest = most == "shortened";
        break;
    }
    case QuestionKind::Measure: {
        known.insert({"measure", "value", "tolerance"});
        if (r.text(j, "measure", q.measure, true) && !kMeasures.count(q.measure) &&
            !(vocab.lesson.coordinates.empty() || vocab.lesson.coordinates.count(q.measure))) {
            r.warn("measure", "unknown measure \"" + q.measure +
                                  "\"; use sacral_slope, pelvic_tilt, lumbar_lordosis or a coordinate name "
                                  "(psoas-atlas --list-coordinates). The question is left out.");
            ok = false;
        }
        ok = !q.measure.empty() && r.number(j, "value", q.value, true) && ok;
        if (auto range = vocab.lesson.coordinates.find(q.measure);
            ok && range != vocab.lesson.coordinates.end() &&
            (q.value < range->second.min || q.value > range->second.max)) {
            r.warn("value", "value " + core::formatNumber(q.value) + " is outside the coordinate's range " +
                                core::formatNumber(range->second.min) + " to " + core::formatNumber(range->second.max) +
                                "; the question cannot be answered and is left out.");
            ok = false;
        }
        q.tolerance = Quiz::kDefaultToleranceDeg;
        break;
    }
    case QuestionKind::Length:
        known.insert({"muscle", "percent", "tolerance"});
        ok = r.text(j, "muscle", q.muscle, true) && muscle("muscle", q.muscle) && ok;
        ok = r.number(j, "percent", q.value, true) && ok;
        if (ok && (q.value < 50.0 || q.value > 150.0)) {
            r.warn("percent", "value " + core::formatNumber(q.value) +
                                  " % is outside 50 to 150 % of the neutral length; the question is left out.");
            ok = false;
        }
        q.tolerance = Quiz::kDefaultTolerancePct;
        break;
    case QuestionKind::Layers:
        known.insert({"attach_to"});
        q.attachTo = r.ids(j, "attach_to", [&](const std::string& id) { return structure("attach_to", id); });
        if (q.attachTo.empty()) {
            r.warn("attach_to", "needs one or more bones, landmarks or attachment areas; the question is left out.");
            ok = false;
        }
        break;
    }
    if (q.kind == QuestionKind::Measure || q.kind == QuestionKind::Length) {
        double t = q.tolerance;
        if (r.number(j, "tolerance", t, false)) {
            if (t > 0.0 && t <= 20.0)
                q.tolerance = t;
            else
                r.warn("tolerance", "should be more than 0 and at most 20; " + core::formatNumber(q.tolerance) +
                                        " is used.");
        }
    }
    if (auto it = j.find("setup"); it != j.end() && !it->is_null()) readSetup(*it, r, file, vocab, q);
    for (auto e = j.begin(); e != j.end(); ++e)
        if (!known.count(e.key()))
            r.warn(e.key(), std::string("is not a field of a ") + questionKindName(q.kind) +
                                " question; it is ignored. Remove it or check its spelling.");
    return ok;
}

} // namespace

const char* questionKindName(QuestionKind kind)
{
    switch (kind) {
    case QuestionKind::Find: return "find";
    case QuestionKind::Name: return "name";
    case QuestionKind::Preset: return "preset";
    case QuestionKind::Measure: return "measure";
    case QuestionKind::Length: return "length";
    case QuestionKind::Layers: return "layers";
    }
    return "find";
}

QuizVocabulary QuizVocabulary::from(const anatomy::Catalog* catalog, const solver::Kinematics* kinematics)
{
    QuizVocabulary v;
    v.lesson = LessonVocabulary::from(catalog, kinematics);
    if (catalog)
        for (const auto& s : catalog->structures())
            if (s.kind == anatomy::StructureKind::Muscle) v.muscles.insert(s.id);
    return v;
}

QuizVocabulary QuizVocabulary::fromDocument(const Document& document)
{
    QuizVocabulary v;
    v.lesson = LessonVocabulary::fromDocument(document);
    if (const auto* catalog = document.catalog())
        for (const auto& s : catalog->structures())
            if (s.kind == anatomy::StructureKind::Muscle) v.muscles.insert(s.id);
    return v;
}

bool Quiz::isQuizFile(const std::string& path)
{
    auto text = core::readFile(path, 16u << 20);
    if (!text) return false;
    auto parsed = core::parseJson(*text, path);
    return parsed && looksLikeQuiz(*parsed);
}

bool Quiz::looksLikeQuiz(const nlohmann::json& j)
{
    if (!j.is_object()) return false;
    if (auto it = j.find("schema"); it != j.end() && it->is_string()) return it->get<std::string>() == "psoas-atlas-quiz";
    return j.contains("questions") && !j.contains("steps");
}

Quiz::Loaded Quiz::fromJson(const nlohmann::json& j, const std::string& name, const QuizVocabulary& vocab)
{
    Loaded out;
    auto& w = out.warnings;
    if (auto it = j.find("schema"); it != j.end() && (!it->is_string() || it->get<std::string>() != "psoas-atlas-quiz"))
        w.push_back(name + ": field \"schema\" is " + it->dump() +
                    ", not \"psoas-atlas-quiz\"; this may be another kind of file. Fix the field if it is a quiz.");
    static const std::set<std::string> topLevel{"schema", "version", "title", "description", "questions"};
    for (auto e = j.begin(); e != j.end(); ++e)
        if (!topLevel.count(e.key()))
            w.push_back(name + ": field \"" + e.key() +
                        "\" is not a quiz field; it is ignored. Use schema, version, title, description or questions.");
    if (auto it = j.find("version"); it != j.end()) {
        if (!it->is_number_integer())
            w.push_back(name + ": field \"version\" should be a whole number; reading it as version 1.");
        else if (it->get<int>() > kSchemaVersion)
            w.push_back(name + ": quiz version " + std::to_string(it->get<int>()) +
                        " is newer than this viewer understands (" + std::to_string(kSchemaVersion) +
                        "); some questions may be missing. Update Psoas Atlas.");
    }
    if (auto it = j.find("title"); it != j.end() && it->is_string())
        out.quiz.title = it->get<std::string>();
    else
        w.push_back(name + ": field \"title\" is missing or not text; add a quiz title.");
    if (auto it = j.find("description"); it != j.end() && it->is_string()) out.quiz.description = it->get<std::string>();
    const json& questions = j.at("questions");
    std::set<std::string> ids;
    for (std::size_t i = 0; i < questions.size(); ++i) {
        QuestionReader r(name, int(i), w);
        if (!questions[i].is_object()) {
            r.warn("(question)", "should be an object with id, kind and prompt but is " + typeName(questions[i]) +
                                     "; it is left out.");
            continue;
        }
        QuizQuestion q;
        if (readQuestion(questions[i], r, int(i), name, vocab, ids, q)) out.quiz.questions.push_back(std::move(q));
    }
    return out;
}

core::Result<Quiz::Loaded> Quiz::fromJsonText(const std::string& text, const std::string& name,
                                              const QuizVocabulary& vocab)
{
    auto parsed = core::parseJsonDocument(text, name, "quiz", "questions");
    if (!parsed) return parsed.error();
    return fromJson(*parsed, name, vocab);
}

core::Result<Quiz::Loaded> Quiz::load(const std::string& path, const QuizVocabulary& vocab)
{
    auto text = core::readFile(path, 16u << 20);
    if (!text) return text.error();
    return fromJsonText(*text, path, vocab);
}

nlohmann::json Quiz::toJson() const
{
    json j{{"schema", "psoas-atlas-quiz"}, {"version", kSchemaVersion}, {"title", title}};
    if (!description.empty()) j["description"] = description;
    json list = json::array();
    for (const auto& q : questions) {
        json o{{"id", q.id}, {"kind", questionKindName(q.kind)}, {"prompt", q.prompt}};
        if (!q.explanation.empty()) o["explanation"] = q.explanation;
        switch (q.kind) {
        case QuestionKind::Find:
            o["target"] = q.target;
            if (q.radius > 0.0) o["radius"] = q.radius;
            break;
        case QuestionKind::Name:
            o["structure"] = q.target;
            if (!q.choices.empty()) o["choices"] = q.choices;
            break;
        case QuestionKind::Preset:
            o["muscle"] = q.muscle;
            o["presets"] = q.choices;
            o["most"] = q.shortest ? "shortened" : "lengthened";
            break;
        case QuestionKind::Measure:
            o["measure"] = q.measure;
            o["value"] = q.value;
            o["tolerance"] = q.tolerance;
            break;
        case QuestionKind::Length:
            o["muscle"] = q.muscle;
            o["percent"] = q.value;
            o["tolerance"] = q.tolerance;
            break;
        case QuestionKind::Layers: o["attach_to"] = q.attachTo; break;
        }
        if (q.hasSetup) {
            Lesson l;
            l.steps.push_back(q.setup);
            json s = l.toJson()["steps"][0];
            s.erase("title");
            s.erase("text");
            if (!s.empty()) o["setup"] = s;
        }
        list.push_back(o);
    }
    j["questions"] = list;
    return j;
}

std::string Quiz::resolveReference(const std::string& lessonPath, const std::string& reference)
{
    if (reference.empty()) return {};
    std::error_code ec;
    const fs::path ref(reference);
    if (ref.is_absolute()) return fs::is_regular_file(ref, ec) ? ref.string() : std::string();
    const fs::path beside = fs::path(lessonPath).parent_path() / ref;
    if (!lessonPath.empty() && fs::is_regular_file(beside, ec)) return beside.lexically_normal().string();
    const fs::path inAssets = fs::path(core::assetsDir()) / ref;
    if (fs::is_regular_file(inAssets, ec)) return inAssets.lexically_normal().string();
    return {};
}

std::vector<std::string> Quiz::shipped()
{
    std::vector<std::string> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(fs::path(core::assetsDir()) / "quizzes", ec))
        if (e.path().extension() == ".json") out.push_back(e.path().string());
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace psoas::app
