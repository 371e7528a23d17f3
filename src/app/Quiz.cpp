#include "app/Quiz.h"

#include "anatomy/Catalog.h"
#include "app/Document.h"
#include "app/QuizReader.h"
#include "core/AssetPaths.h"
#include "core/AtomicFile.h"
#include "core/JsonFile.h"

#include <algorithm>
#include <filesystem>

namespace psoas::app {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;
using quizfile::QuestionReader;
using quizfile::readQuestion;
using quizfile::typeName;

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
