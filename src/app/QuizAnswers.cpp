// QuizRun: the answers (a click, a typed name, a choice, the live state) checked and scored,
// and what is correct, derived from the model and the solver. See QuizRun.h.
#include "app/QuizRun.h"

#include "anatomy/Catalog.h"
#include "app/Attachments.h"
#include "app/Document.h"
#include "app/LengthSweep.h"
#include "app/QuizRunShared.h"
#include "app/Session.h"
#include "content/ContentStore.h"
#include "solver/Kinematics.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <sstream>

namespace psoas::app {

using quizrun::fmt;
using quizrun::solvePreset;

namespace {

constexpr double kAttachSlack = 0.015;     // m: an area this close to a landmark attaches to it
constexpr float kLandmarkRadius = 0.02f;  // m: a landmark's clickable area when the file gives none

std::vector<std::string> words(const std::string& folded)
{
    std::vector<std::string> out;
    std::istringstream s(folded);
    for (std::string w; s >> w;) out.push_back(w);
    return out;
}

// The question's quantity in a solved pose `r` (solved with measures).
double valueOf(const solver::Kinematics& k, const solver::PoseResult& r, const QuizQuestion& q)
{
    if (q.kind == QuestionKind::Length) return k.lengthPctOf(r, q.muscle);
    const auto& m = r.measures;
    if (q.measure == "sacral_slope") return m.sacralSlopeDeg;
    if (q.measure == "pelvic_tilt") return m.pelvicTiltDeg;
    if (q.measure == "lumbar_lordosis") return m.lumbarLordosisDeg;
    const int c = solver::coordIndex(q.measure);
    return c < 0 ? std::nan("") : r.values[static_cast<std::size_t>(c)];
}

} // namespace

bool QuizRun::targetArea(const QuizQuestion& q, Vec3& centre, float& radius) const
{
    const Document* doc = m_session.document();
    if (!doc || isMeshNode(q.target)) return false;
    const int n = doc->scene().find(q.target);
    if (n < 0) return false;
    centre = Vec3(doc->scene().world(n)[3]);
    radius = kLandmarkRadius;
    if (int mn = doc->model().findNode(q.target); mn >= 0) {
        const auto& extras = doc->model().nodes[std::size_t(mn)].extras;
        if (auto it = extras.find("radius"); it != extras.end()) {
            const float r = std::strtof(it->second.c_str(), nullptr);
            if (r > 0.0f && r < 1.0f) radius = r;
        }
    }
    if (q.radius > 0.0) radius = float(q.radius);
    radius = radius * 1.3f + 0.006f; // the click lands on the surface around the area's centre
    return true;
}

QuizFeedback QuizRun::finish(QuizFeedback f)
{
    f.answered = true;
    const QuizQuestion* q = current();
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - m_started).count();
    m_results.push_back({q->id, f.answer, f.correct, seconds, m_round});
    if (f.correct) m_correct[std::size_t(m_order[std::size_t(m_pos)])] = true;
    if (f.correct && f.message.empty()) f.message = "Correct.";
    m_feedback = f;
    updateNames();
    if (!f.correct) m_feedback.solution = reveal(); // the answer, on the model
    else if (m_feedback.solution.empty()) m_feedback.solution = f.solution;
    return m_feedback;
}

QuizFeedback QuizRun::answerPick(const std::string& id, const Vec3* point)
{
    const QuizQuestion* q = current();
    if (!q || q->kind != QuestionKind::Find || m_feedback.answered || m_classMode) return m_feedback;
    QuizFeedback f;
    f.answer = id;
    Vec3 centre(0.0f);
    float radius = 0.0f;
    const bool area = targetArea(*q, centre, radius);
    const float dist = area && point ? glm::distance(*point, centre) : -1.0f;
    f.correct = id == q->target || (area && point && dist <= radius);
    if (!f.correct) {
        f.message = "Not quite: you clicked the " + describe(id);
        if (dist >= 0.0f) f.message += ", " + fmt(dist * 100.0) + " cm from the " + describe(q->target);
        f.message += ".";
    }
    return finish(f);
}

QuizFeedback QuizRun::answerText(const std::string& typed)
{
    const QuizQuestion* q = current();
    if (!q || q->kind != QuestionKind::Name || m_feedback.answered || m_classMode) return m_feedback;
    QuizFeedback f;
    f.answer = typed;
    f.correct = nameMatches(typed, q->target);
    if (!f.correct) {
        std::string other;
        if (const Document* doc = m_session.document(); doc && doc->catalog())
            for (const auto& s : doc->catalog()->structures())
                if (s.id != q->target && nameMatches(typed, s.id)) {
                    other = s.id;
                    break;
                }
        f.message = other.empty() ? "Not quite: \"" + typed + "\" is not the name of the highlighted structure."
                                  : "Not quite: that is the name of the " + describe(other) + ".";
    }
    return finish(f);
}

QuizFeedback QuizRun::answerChoice(const std::string& choice)
{
    const QuizQuestion* q = current();
    if (!q || m_feedback.answered || m_classMode) return m_feedback;
    QuizFeedback f;
    f.answer = choice;
    if (q->kind == QuestionKind::Name) {
        f.correct = choice == q->target;
        if (!f.correct) f.message = "Not quite: you chose the " + describe(choice) + ".";
        return finish(f);
    }
    if (q->kind == QuestionKind::Preset) {
        f.correct = choice == bestPreset(*q);
        if (!f.correct) f.message = "Not quite: \"" + choice + "\" is not the one.";
        return finish(f);
    }
    return m_feedback;
}

QuizFeedback QuizRun::check()
{
    const QuizQuestion* q = current();
    if (!q || m_feedback.answered || m_classMode) return m_feedback;
    QuizFeedback f;
    switch (q->kind) {
    case QuestionKind::Find:
    case QuestionKind::Name: return m_feedback; // answered by a click or a name
    case QuestionKind::Preset:
        if (std::find(q->choices.begin(), q->choices.end(), m_lastPreset) == q->choices.end()) {
            QuizFeedback hint;
            hint.message = "Pick one of the listed presets first.";
            m_feedback = hint;
            return hint;
        }
        return answerChoice(m_lastPreset);
    case QuestionKind::Measure:
    case QuestionKind::Length: {
        const double v = liveValue(*q);
        const std::string unit = q->kind == QuestionKind::Length ? " %" : "°";
        f.answer = fmt(v);
        f.correct = std::isfinite(v) && std::abs(v - q->value) <= q->tolerance + 1e-9;
        f.message = (f.correct ? "Correct: it reads " : "Not quite: it reads ") + fmt(v) + unit + "; the target is " +
                    core::formatNumber(q->value) + unit + " ± " + core::formatNumber(q->tolerance) + unit + ".";
        return finish(f);
    }
    case QuestionKind::Layers: {
        const auto expected = expectedMuscles(*q);
        std::vector<std::string> shown;
        if (const Document* doc = m_session.document(); doc && doc->catalog())
            for (const auto& s : doc->catalog()->structures())
                if (s.kind == anatomy::StructureKind::Muscle && m_session.layers().isVisible(s.id)) shown.push_back(s.id);
        std::string list;
        for (const auto& id : shown) list += (list.empty() ? "" : " ") + id;
        f.answer = list.empty() ? "(no muscles)" : list;
        std::vector<std::string> extra, missing;
        for (const auto& id : shown)
            if (std::find(expected.begin(), expected.end(), id) == expected.end()) extra.push_back(id);
        for (const auto& id : expected)
            if (std::find(shown.begin(), shown.end(), id) == shown.end()) missing.push_back(id);
        f.correct = extra.empty() && missing.empty();
        if (!f.correct) {
            f.message = "Not quite:";
            if (!missing.empty()) f.message += " " + std::to_string(missing.size()) + " missing (the " + describe(missing.front()) + (missing.size() > 1 ? ", ...)" : ")");
            if (!extra.empty()) f.message += std::string(missing.empty() ? "" : ";") + " " + std::to_string(extra.size()) + " too many (the " + describe(extra.front()) + (extra.size() > 1 ? ", ...)" : ")");
            f.message += ".";
        }
        return finish(f);
    }
    }
    return m_feedback;
}

std::vector<std::string> QuizRun::expectedMuscles(const QuizQuestion& q) const
{
    std::vector<std::string> out;
    const Document* doc = m_session.document();
    if (!doc || !doc->catalog()) return out;
    for (const auto& s : doc->catalog()->structures()) {
        if (s.kind != anatomy::StructureKind::Muscle || doc->scene().find(s.id) < 0) continue;
        const auto areas = Attachments::of(*doc, s.id);
        bool attaches = false;
        for (const auto& t : q.attachTo) {
            const int n = doc->scene().find(t);
            if (n < 0) continue;
            const Vec3 at(doc->scene().world(n)[3]);
            for (const auto& a : areas) {
                if (a.id == t || a.body == t) attaches = true;
                else if (!isMeshNode(t) && glm::distance(a.world, at) <= a.radius + kAttachSlack) attaches = true;
            }
        }
        if (attaches) out.push_back(s.id);
    }
    return out;
}

std::string QuizRun::bestPreset(const QuizQuestion& q) const
{
    const Document* doc = m_session.document();
    const auto* k = doc ? doc->kinematics() : nullptr;
    if (!k) return {};
    std::string best;
    double bestLength = 0.0;
    solver::PoseResult r;
    for (const auto& p : q.choices) {
        if (!solvePreset(*k, p, r)) continue;
        const double l = k->lengthOf(r, q.muscle);
        if (!std::isfinite(l)) continue;
        if (best.empty() || (q.shortest ? l < bestLength : l > bestLength)) {
            best = p;
            bestLength = l;
        }
    }
    return best;
}

double QuizRun::liveValue(const QuizQuestion& q) const
{
    const Document* doc = m_session.document();
    if (const auto* k = doc ? doc->kinematics() : nullptr) return valueOf(*k, k->result(), q);
    return std::nan("");
}

bool QuizRun::solvePose(const QuizQuestion& q, std::string& coordinate, double& value) const
{
    const Document* doc = m_session.document();
    const auto* k = doc ? doc->kinematics() : nullptr;
    if (!k) return false;
    std::vector<std::string> drivers;
    if (q.kind == QuestionKind::Length) drivers = {LengthSweep::hipFlexionFor(q.muscle), "pelvis_tilt"};
    else if (q.measure == "sacral_slope" || q.measure == "pelvic_tilt") drivers = {"pelvis_tilt"};
    else if (q.measure == "lumbar_lordosis") drivers = {"lumbar_flexion", "pelvis_tilt"};
    else drivers = {q.measure};
    for (const auto& d : drivers) {
        const solver::CoordinateInfo* info = nullptr;
        for (const auto& c : k->coordinates())
            if (c.name == d) info = &c;
        if (!info) continue;
        solver::Pose pose = k->pose();
        solver::PoseResult r;
        double bestErr = 1e300, best = 0.0;
        for (double v = info->min; v <= info->max + 1e-9; v += 0.5) {
            (void)pose.set(k->table(), d, v);
            k->solveInto(pose, r, solver::SolveParts{false, false, true});
            const double err = std::abs(valueOf(*k, r, q) - q.value);
            if (err < bestErr) {
                bestErr = err;
                best = v;
            }
        }
        if (bestErr <= q.tolerance * 0.5) {
            coordinate = d;
            value = best;
            return true;
        }
    }
    return false;
}

std::string QuizRun::fold(const std::string& text)
{
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            out += std::isalnum(c) ? char(std::tolower(c)) : ' ';
            continue;
        }
        const unsigned char d = i + 1 < text.size() ? static_cast<unsigned char>(text[i + 1]) : 0;
        if (c == 0xC3 && d >= 0x80 && d <= 0xBF) { // Latin-1 letters
            static const char* map[64] = {"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
                                          "d", "n", "o", "o", "o", "o", "o", " ", "o", "u", "u", "u", "u", "y", "th", "ss",
                                          "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
                                          "d", "n", "o", "o", "o", "o", "o", " ", "o", "u", "u", "u", "u", "y", "th", "y"};
            out += map[d - 0x80];
            ++i;
        } else if (c == 0xC5 && (d == 0x92 || d == 0x93)) { // Œ œ
            out += "oe";
            ++i;
        } else {
            out += ' '; // other characters separate words
            while (i + 1 < text.size() && (static_cast<unsigned char>(text[i + 1]) & 0xC0) == 0x80) ++i;
        }
    }
    std::string single;
    for (const auto& w : words(out)) single += (single.empty() ? "" : " ") + w;
    return single;
}

std::vector<std::string> QuizRun::acceptedNames(const std::string& id) const
{
    std::vector<std::string> out;
    const Document* doc = m_session.document();
    const auto* s = doc && doc->catalog() ? doc->catalog()->find(id) : nullptr;
    if (!s) return {fold(id)};
    auto add = [&](std::string n) {
        if (auto p = n.find('('); p != std::string::npos) n = n.substr(0, p); // "(variable)", "(7-10)"
        n = fold(n);
        if (!n.empty() && std::find(out.begin(), out.end(), n) == out.end()) out.push_back(n);
    };
    add(s->name);
    add(s->latin);
    for (const char* side : {"left ", "right "}) {
        const std::string f = fold(s->name);
        if (f.rfind(side, 0) == 0) add(f.substr(std::string(side).size()));
    }
    if (const std::string f = fold(s->latin); f.rfind("musculus ", 0) == 0) {
        add(f.substr(9));       // "iliacus"
        add("m " + f.substr(9)); // "M. iliacus"
    }
    return out;
}

bool QuizRun::nameMatches(const std::string& typed, const std::string& id) const
{
    std::string plain = typed;
    if (auto p = plain.find('('); p != std::string::npos) plain = plain.substr(0, p); // "(variable)"
    const auto t = words(fold(plain));
    if (t.empty()) return false;
    for (const auto& accepted : acceptedNames(id)) {
        const auto a = words(accepted);
        if (a.size() != t.size()) continue;
        bool all = true;
        for (std::size_t i = 0; i < a.size() && all; ++i)
            all = a[i] == t[i] || (a[i].size() >= 4 && content::ContentStore::withinOneEdit(t[i], a[i]));
        if (all) return true;
    }
    return false;
}

} // namespace psoas::app
