#include "app/QuizRun.h"

#include "anatomy/Catalog.h"
#include "app/Document.h"
#include "app/QuizRunShared.h"
#include "app/Session.h"
#include "core/AtomicFile.h"
#include "solver/Kinematics.h"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace psoas::app {

using quizrun::fmt;
using quizrun::solvePreset;

namespace {

std::string csvField(const std::string& s)
{
    if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

} // namespace

QuizRun::QuizRun(Session& session, Quiz quiz) : m_session(session), m_quiz(std::move(quiz))
{
    m_correct.assign(m_quiz.questions.size(), false);
    m_token = m_session.subscribe([this](const Change& c) {
        if (m_busy) return;
        if (c.pose && !c.preset.empty()) m_lastPreset = c.preset;
        if (c.pick) onChange(true);
        else if (c.selection) onChange(false);
    });
}

QuizRun::~QuizRun()
{
    m_session.unsubscribe(m_token);
    m_session.setNamesHidden(false);
}

void QuizRun::updateNames()
{
    const QuizQuestion* q = current();
    m_session.setNamesHidden(q && !m_feedback.answered && !m_revealed &&
                             (q->kind == QuestionKind::Find || q->kind == QuestionKind::Name));
}

const QuizQuestion* QuizRun::current() const
{
    if (finished()) return nullptr;
    return &m_quiz.questions[std::size_t(m_order[std::size_t(m_pos)])];
}

void QuizRun::start()
{
    m_order.clear();
    for (int i = 0; i < total(); ++i) m_order.push_back(i);
    m_correct.assign(m_quiz.questions.size(), false);
    m_results.clear();
    m_round = 1;
    m_pos = 0;
    begin();
}

bool QuizRun::next()
{
    if (finished()) return false;
    ++m_pos;
    if (finished()) {
        m_feedback = {};
        updateNames();
        return false;
    }
    begin();
    return true;
}

bool QuizRun::retryMissed()
{
    std::vector<int> missed;
    for (int i = 0; i < total(); ++i)
        if (!m_correct[std::size_t(i)]) missed.push_back(i);
    if (missed.empty()) return false;
    m_order = missed;
    ++m_round;
    m_pos = 0;
    begin();
    return true;
}

bool QuizRun::isMeshNode(const std::string& id) const
{
    const Document* doc = m_session.document();
    if (!doc) return false;
    const int n = doc->scene().find(id);
    return n >= 0 && !doc->scene().node(n).meshes.empty();
}

std::string QuizRun::describe(const std::string& id) const
{
    std::string name = m_session.nameOf(id);
    // "Right femur" -> "right femur"; "L3 vertebra" and "T12-L1 disc" keep their capitals.
    const std::string first = name.substr(0, name.find(' '));
    const bool keep = std::any_of(first.begin() + (first.empty() ? 0 : 1), first.end(),
                                  [](unsigned char c) { return std::isupper(c) || std::isdigit(c); });
    if (!name.empty() && !keep) name[0] = char(std::tolower(static_cast<unsigned char>(name[0])));
    return name;
}

void QuizRun::begin()
{
    m_feedback = {};
    m_lastPreset.clear();
    const QuizQuestion* q = current();
    if (!q) return;
    m_busy = true;
    if (q->hasSetup) {
        const auto& s = q->setup;
        // As a lesson step: the preset, then the mode (a preset brings its own), then coordinates.
        if (!s.pose.preset.empty()) (void)m_session.applyPreset(s.pose.preset);
        if (!s.pose.mode.empty()) (void)m_session.setMode(s.pose.mode);
        for (const auto& [name, v] : s.pose.coordinates) (void)m_session.setCoordinate(name, v);
        m_session.applyLayersAndSelection(s.layers, s.selection.empty() ? std::string() : s.selection.front(),
                                          "Quiz question");
    }
    // The answer must be reachable: what is to be clicked or named is shown.
    if (q->kind == QuestionKind::Find || q->kind == QuestionKind::Name) {
        std::string shown = q->target;
        if (!isMeshNode(shown) && m_session.document()) {
            const auto& model = m_session.document()->model();
            if (int mn = model.findNode(q->target); mn >= 0) {
                const auto& extras = model.nodes[std::size_t(mn)].extras;
                if (auto it = extras.find("body"); it != extras.end()) shown = it->second;
            }
        }
        if (!m_session.layers().isVisible(shown)) m_session.setVisible(shown, true);
        m_session.select(q->kind == QuestionKind::Name ? q->target : std::string());
    }
    m_busy = false;
    m_revealed = false;
    updateNames();
    m_started = std::chrono::steady_clock::now();
}

void QuizRun::onChange(bool pick)
{
    const QuizQuestion* q = current();
    if (!q || q->kind != QuestionKind::Find || m_feedback.answered || m_classMode) return;
    if (pick) {
        const auto& p = m_session.lastPick();
        if (!p.valid || p.id.empty()) return; // a click on empty space is no answer
        answerPick(p.id, &p.point);
    } else {
        const std::string& id = m_session.selection().selected();
        if (id.empty()) return;
        answerPick(id, nullptr);
    }
    if (onFeedback) onFeedback(m_feedback);
}

std::string QuizRun::reveal()
{
    const QuizQuestion* q = current();
    const Document* doc = m_session.document();
    if (!q || !doc) return {};
    m_busy = true;
    std::string text;
    switch (q->kind) {
    case QuestionKind::Find: {
        std::string show = q->target;
        if (!isMeshNode(show)) {
            const auto dot = show.find('.');
            if (dot != std::string::npos && isMeshNode(show.substr(0, dot))) show = show.substr(0, dot); // its muscle: areas marked
            else if (int mn = doc->model().findNode(q->target); mn >= 0) {
                const auto& extras = doc->model().nodes[std::size_t(mn)].extras;
                if (auto it = extras.find("body"); it != extras.end()) show = it->second;
            }
        }
        if (!m_session.layers().isVisible(show)) m_session.setVisible(show, true);
        m_session.select(show);
        text = "This is the " + describe(q->target) + (show != q->target ? " (marked on the " + describe(show) + ")" : "") + ".";
        break;
    }
    case QuestionKind::Name: {
        m_session.select(q->target);
        const auto* s = doc->catalog() ? doc->catalog()->find(q->target) : nullptr;
        text = "This is the " + describe(q->target) + (s && !s->latin.empty() ? " (" + s->latin + ")" : "") + ".";
        break;
    }
    case QuestionKind::Preset: {
        const std::string best = bestPreset(*q);
        if (!best.empty()) (void)m_session.applyPreset(best);
        text = "\"" + best + "\" " + (q->shortest ? "shortens" : "lengthens") + " the " + describe(q->muscle) + " most.";
        if (const auto* k = doc->kinematics()) {
            text += " Length, % of neutral:";
            solver::PoseResult r;
            for (const auto& p : q->choices) {
                if (!solvePreset(*k, p, r)) continue;
                if (const double pct = k->lengthPctOf(r, q->muscle); std::isfinite(pct))
                    text += " " + p + " " + fmt(pct) + ";";
            }
            text.back() = '.';
        }
        break;
    }
    case QuestionKind::Measure:
    case QuestionKind::Length: {
        std::string coordinate;
        double value = 0.0;
        const std::string unit = q->kind == QuestionKind::Length ? " %" : "°";
        if (solvePose(*q, coordinate, value)) {
            (void)m_session.setCoordinate(coordinate, value);
            text = "For example " + coordinate + " at " + fmt(value) + "° gives " + fmt(liveValue(*q)) + unit + ".";
        } else {
            text = "The target is " + core::formatNumber(q->value) + unit + ".";
        }
        break;
    }
    case QuestionKind::Layers: {
        const auto expected = expectedMuscles(*q);
        nlohmann::json hidden = nlohmann::json::array(), shown = nlohmann::json::array();
        if (doc->catalog())
            for (const auto& s : doc->catalog()->structures())
                if (s.kind == anatomy::StructureKind::Muscle && m_session.layers().contains(s.id))
                    (std::find(expected.begin(), expected.end(), s.id) == expected.end() ? hidden : shown).push_back(s.id);
        m_session.applyLayersAndSelection({{"hidden", hidden}, {"shown", shown}}, {}, "Quiz answer");
        text = "Shown: ";
        for (std::size_t i = 0; i < expected.size(); ++i) text += (i ? ", the " : "the ") + describe(expected[i]);
        text += ".";
        break;
    }
    }
    m_busy = false;
    m_revealed = true;
    updateNames();
    return text;
}

int QuizRun::score() const { return int(std::count(m_correct.begin(), m_correct.end(), true)); }

std::vector<std::string> QuizRun::missedIds() const
{
    std::vector<std::string> out;
    for (int i = 0; i < total(); ++i)
        if (!m_correct[std::size_t(i)]) out.push_back(m_quiz.questions[std::size_t(i)].id);
    return out;
}

std::string QuizRun::csv() const
{
    std::string out = "question_id,answer,correct,seconds,round\n";
    for (const auto& r : m_results)
        out += csvField(r.questionId) + "," + csvField(r.answer) + "," + (r.correct ? "yes" : "no") + "," +
               fmt(r.seconds) + "," + std::to_string(r.round) + "\n";
    return out;
}

core::Status QuizRun::exportCsv(const std::string& path) const { return core::writeFileAtomically(path, csv()); }

} // namespace psoas::app
