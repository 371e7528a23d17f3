#include "app/QuizGenerator.h"

#include "anatomy/Catalog.h"
#include "app/Attachments.h"
#include "app/Document.h"
#include "app/Session.h"

#include <algorithm>
#include <cctype>
#include <random>

namespace psoas::app {
namespace {

std::string lowerFirst(std::string s)
{
    if (s.size() > 1 && !std::isupper(static_cast<unsigned char>(s[1])))
        s[0] = char(std::tolower(static_cast<unsigned char>(s[0])));
    return s;
}

// "L3" stays; "MEDIAL ARCUATE R" becomes "medial arcuate".
std::string placeText(const std::string& text)
{
    const bool level = text.size() >= 2 && text.size() <= 3 && std::isalpha(static_cast<unsigned char>(text[0])) &&
                       std::isdigit(static_cast<unsigned char>(text[1]));
    if (level) return text;
    std::string s = text;
    if (s.size() > 2 && (s.compare(s.size() - 2, 2, " R") == 0 || s.compare(s.size() - 2, 2, " L") == 0))
        s.resize(s.size() - 2);
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    std::replace(s.begin(), s.end(), '_', ' ');
    return s;
}

} // namespace

std::vector<std::string> QuizGenerator::candidates(const Session& session)
{
    std::vector<std::string> out;
    const Document* doc = session.document();
    if (!doc || !doc->catalog()) return out;
    for (const auto& s : doc->catalog()->structures()) {
        using K = anatomy::StructureKind;
        if (s.kind != K::Bone && s.kind != K::Muscle && s.kind != K::Cartilage && s.kind != K::Disc) continue;
        const int n = doc->scene().find(s.id);
        if (n < 0 || doc->scene().node(n).meshes.empty()) continue; // absent from the model
        if (!session.layers().isVisible(s.id)) continue;
        out.push_back(s.id);
    }
    return out;
}

Quiz QuizGenerator::generate(const Session& session, const QuizGeneratorOptions& options)
{
    Quiz quiz;
    quiz.title = "Random quiz";
    quiz.description = "Questions on the structures shown when the quiz was made.";
    const Document* doc = session.document();
    const auto pool = candidates(session);
    if (!doc || pool.empty() || options.count <= 0 || (!options.find && !options.name)) return quiz;
    std::mt19937 rng(options.randomState);

    // Every possible question, then a random choice of them.
    std::vector<QuizQuestion> all;
    for (const auto& id : pool) {
        const std::string name = lowerFirst(session.nameOf(id));
        if (options.find) {
            QuizQuestion q;
            q.id = "find-" + id;
            q.kind = QuestionKind::Find;
            q.target = id;
            q.prompt = "Click the " + name + ".";
            all.push_back(q);
        }
        if (options.find && options.attachments && session.isMuscle(id)) {
            for (const auto& a : Attachments::of(*doc, id)) {
                if (!session.layers().isVisible(a.body) || doc->scene().find(a.body) < 0) continue; // nowhere to click
                QuizQuestion q;
                q.id = "find-" + a.id;
                q.kind = QuestionKind::Find;
                q.target = a.id;
                const bool slip = a.id.size() > id.size() + 7 && a.id.compare(id.size(), 8, ".origin.") == 0;
                q.prompt = std::string("Click the ") + (a.origin ? "origin" : "insertion") + " of the " + name +
                           (slip ? " at " + placeText(a.text) : std::string()) + ".";
                all.push_back(q);
            }
        }
        if (options.name) {
            QuizQuestion q;
            q.id = "name-" + id;
            q.kind = QuestionKind::Name;
            q.target = id;
            q.prompt = "What is the highlighted structure called?";
            all.push_back(q);
        }
    }
    std::shuffle(all.begin(), all.end(), rng);
    if (int(all.size()) > options.count) all.resize(std::size_t(options.count));
    // Every other name question offers choices of the same kind; the others are typed.
    bool offer = true;
    for (auto& q : all) {
        if (q.kind != QuestionKind::Name) continue;
        if (offer) {
            const auto* t = doc->catalog()->find(q.target);
            std::vector<std::string> others;
            for (const auto& id : pool)
                if (id != q.target && doc->catalog()->find(id)->kind == t->kind) others.push_back(id);
            std::shuffle(others.begin(), others.end(), rng);
            if (others.size() > 3) others.resize(3);
            if (!others.empty()) {
                others.push_back(q.target);
                std::shuffle(others.begin(), others.end(), rng);
                q.choices = others;
            }
        } else {
            q.prompt = "Type the name of the highlighted structure.";
        }
        offer = !offer;
    }
    quiz.questions = std::move(all);
    return quiz;
}

} // namespace psoas::app
