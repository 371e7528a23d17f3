// Reading one question of a quiz file (QuizReader.h): the fields every question has, the
// fields of its kind, and its setup (read as a lesson step).
#include "app/QuizReader.h"

#include "app/Lesson.h"
#include "core/JsonFields.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>

namespace psoas::app::quizfile {

using nlohmann::json;

std::string typeName(const json& j) { return core::JsonFields::kindName(j); }

std::string QuestionReader::prefix() const
{
    std::ostringstream s;
    s << m_file << ": question " << (m_index + 1);
    if (!m_id.empty()) s << " (" << m_id << ")";
    return s.str();
}

void QuestionReader::warn(const std::string& field, const std::string& what)
{
    m_warnings.push_back(prefix() + ", field \"" + field + "\": " + what);
}

bool QuestionReader::text(const json& q, const char* key, std::string& out, bool required)
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

bool QuestionReader::number(const json& q, const char* key, double& out, bool required)
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

std::vector<std::string> QuestionReader::ids(const json& q, const char* key,
                                             const std::function<bool(const std::string&)>& ok)
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

namespace {

const std::set<std::string> kMeasures{"sacral_slope", "pelvic_tilt", "lumbar_lordosis"};

const char* kStructureHint = " Use an id from assets/models/catalog.json (psoas-atlas --list-structures).";

// The ids a question names, checked against the vocabulary (empty: anything goes); each
// check warns itself.
struct IdChecks {
    QuestionReader& r;
    const QuizVocabulary& vocab;

    bool structure(const char* field, const std::string& id) const
    {
        if (vocab.lesson.structures.empty() || vocab.lesson.structures.count(id)) return true;
        const bool whole = std::string(field) == "target" || std::string(field) == "structure";
        r.warn(field, "unknown structure id \"" + id + "\"; " + (whole ? "the question is left out." : "it is left out.") +
                          kStructureHint);
        return false;
    }
    bool muscle(const char* field, const std::string& id) const
    {
        if (vocab.muscles.empty() || vocab.muscles.count(id)) return true;
        r.warn(field, "\"" + id + "\" is not a muscle of the catalog; use a muscle id such as psoas_major_r.");
        return false;
    }
    bool preset(const std::string& p) const
    {
        if (vocab.lesson.presets.empty() || vocab.lesson.presets.count(p)) return true;
        r.warn("presets", "unknown preset \"" + p + "\"; it is left out. Use a name from psoas-atlas --list-poses.");
        return false;
    }
};

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

void readId(const json& j, QuestionReader& r, int index, std::set<std::string>& ids, QuizQuestion& q)
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
}

// False when the kind is missing or unknown (the question is left out).
bool readKind(const json& j, QuestionReader& r, QuizQuestion& q)
{
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
    return true;
}

// The fields of each kind: each adds its field names to `known` and returns `ok` and-ed with
// whether the question can be asked.
bool readFind(const json& j, QuestionReader& r, const IdChecks& check, QuizQuestion& q, std::set<std::string>& known,
              bool ok)
{
    known.insert({"target", "radius"});
    ok = r.text(j, "target", q.target, true) && check.structure("target", q.target) && ok;
    if (r.number(j, "radius", q.radius, false) && (q.radius <= 0.0 || q.radius > 0.1)) {
        r.warn("radius", "should be between 0 and 0.1 m; the area's own size is used.");
        q.radius = 0.0;
    }
    return ok;
}

bool readName(const json& j, QuestionReader& r, const IdChecks& check, QuizQuestion& q, std::set<std::string>& known,
              bool ok)
{
    known.insert({"structure", "choices"});
    ok = r.text(j, "structure", q.target, true) && check.structure("structure", q.target) && ok;
    q.choices = r.ids(j, "choices", [&](const std::string& id) { return check.structure("choices", id); });
    if (!q.choices.empty() && !q.target.empty() &&
        std::find(q.choices.begin(), q.choices.end(), q.target) == q.choices.end())
        q.choices.insert(q.choices.begin() + std::ptrdiff_t(q.choices.size() / 2), q.target);
    if (j.contains("choices") && q.choices.size() == 1)
        r.warn("choices", "offers only the answer; add at least one other structure, or remove the field to have "
                          "the name typed.");
    return ok;
}

bool readPreset(const json& j, QuestionReader& r, const IdChecks& check, QuizQuestion& q, std::set<std::string>& known,
                bool ok)
{
    known.insert({"muscle", "presets", "most"});
    ok = r.text(j, "muscle", q.muscle, true) && check.muscle("muscle", q.muscle) && ok;
    q.choices = r.ids(j, "presets", [&](const std::string& p) { return check.preset(p); });
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
    return ok;
}

bool readMeasure(const json& j, QuestionReader& r, const QuizVocabulary& vocab, QuizQuestion& q,
                 std::set<std::string>& known, bool ok)
{
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
    return ok;
}

bool readLength(const json& j, QuestionReader& r, const IdChecks& check, QuizQuestion& q, std::set<std::string>& known,
                bool ok)
{
    known.insert({"muscle", "percent", "tolerance"});
    ok = r.text(j, "muscle", q.muscle, true) && check.muscle("muscle", q.muscle) && ok;
    ok = r.number(j, "percent", q.value, true) && ok;
    if (ok && (q.value < 50.0 || q.value > 150.0)) {
        r.warn("percent", "value " + core::formatNumber(q.value) +
                              " % is outside 50 to 150 % of the neutral length; the question is left out.");
        ok = false;
    }
    q.tolerance = Quiz::kDefaultTolerancePct;
    return ok;
}

bool readLayers(const json& j, QuestionReader& r, const IdChecks& check, QuizQuestion& q, std::set<std::string>& known,
                bool ok)
{
    known.insert({"attach_to"});
    q.attachTo = r.ids(j, "attach_to", [&](const std::string& id) { return check.structure("attach_to", id); });
    if (q.attachTo.empty()) {
        r.warn("attach_to", "needs one or more bones, landmarks or attachment areas; the question is left out.");
        ok = false;
    }
    return ok;
}

bool readKindFields(const json& j, QuestionReader& r, const QuizVocabulary& vocab, QuizQuestion& q,
                    std::set<std::string>& known, bool ok)
{
    const IdChecks check{r, vocab};
    switch (q.kind) {
    case QuestionKind::Find: return readFind(j, r, check, q, known, ok);
    case QuestionKind::Name: return readName(j, r, check, q, known, ok);
    case QuestionKind::Preset: return readPreset(j, r, check, q, known, ok);
    case QuestionKind::Measure: return readMeasure(j, r, vocab, q, known, ok);
    case QuestionKind::Length: return readLength(j, r, check, q, known, ok);
    case QuestionKind::Layers: return readLayers(j, r, check, q, known, ok);
    }
    return ok;
}

// A measure or length question's own tolerance, when the file gives a sensible one.
void readTolerance(const json& j, QuestionReader& r, QuizQuestion& q)
{
    if (q.kind != QuestionKind::Measure && q.kind != QuestionKind::Length) return;
    double t = q.tolerance;
    if (r.number(j, "tolerance", t, false)) {
        if (t > 0.0 && t <= 20.0)
            q.tolerance = t;
        else
            r.warn("tolerance", "should be more than 0 and at most 20; " + core::formatNumber(q.tolerance) +
                                    " is used.");
    }
}

} // namespace

bool readQuestion(const json& j, QuestionReader& r, int index, const std::string& file, const QuizVocabulary& vocab,
                  std::set<std::string>& ids, QuizQuestion& q)
{
    readId(j, r, index, ids, q);
    const bool hasPrompt = r.text(j, "prompt", q.prompt, true);
    r.text(j, "explanation", q.explanation, false);
    if (!readKind(j, r, q)) return false;
    std::set<std::string> known{"id", "kind", "prompt", "explanation", "setup"};
    const bool ok = readKindFields(j, r, vocab, q, known, hasPrompt);
    readTolerance(j, r, q);
    if (auto it = j.find("setup"); it != j.end() && !it->is_null()) readSetup(*it, r, file, vocab, q);
    for (auto e = j.begin(); e != j.end(); ++e)
        if (!known.count(e.key()))
            r.warn(e.key(), std::string("is not a field of a ") + questionKindName(q.kind) +
                                " question; it is ignored. Remove it or check its spelling.");
    return ok;
}

} // namespace psoas::app::quizfile
