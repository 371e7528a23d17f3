#pragma once
// Taking a quiz on the one application session: one question at a time, answers read from the
// session (a click on the model = Session::pick / select, layers = LayerState, pose = the
// solver's live readouts), immediate feedback with the answer shown on the model, a score,
// retry of missed questions and a CSV of the results. Plain C++ (no Qt): the quiz dock shows
// it, the tests drive it with no display.
//
//   QuizRun run(session, quiz);
//   run.start();                        // applies question 1's setup
//   session.pick("l2", point);          // find it: the click answers (onFeedback is called)
//   run.next(); run.answerText("ilicus"); run.next(); auto f = run.check();
#include "app/Quiz.h"
#include "core/Error.h"
#include "core/Math.h"

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace psoas::app {

class Session;

struct QuizFeedback {
    bool answered = false;
    bool correct = false;
    std::string answer;   // what was given, as it goes into the CSV (an id, the typed text, a value)
    std::string message;  // "Correct." or what was wrong ("You clicked the L3 vertebra, 2.1 cm away.")
    std::string solution; // the correct answer in words (shown, and on the model, after a miss)
};

struct QuizResult {
    std::string questionId;
    std::string answer;
    bool correct = false;
    double seconds = 0.0;
    int round = 1;
};

class QuizRun {
public:
    QuizRun(Session& session, Quiz quiz);
    ~QuizRun();
    QuizRun(const QuizRun&) = delete;
    QuizRun& operator=(const QuizRun&) = delete;

    const Quiz& quiz() const { return m_quiz; }
    // Position in the current round (0-based) and its length; a retry round holds the missed ones.
    int position() const { return m_pos; }
    int roundSize() const { return int(m_order.size()); }
    int round() const { return m_round; }
    const QuizQuestion* current() const;
    bool finished() const { return m_pos >= roundSize(); }

    void start();        // round 1, question 1 (its setup applied)
    bool next();         // the next question; false (finished) after the last
    bool retryMissed();  // a round of the questions not yet answered correctly; false when none

    // ---- answers (each answers the current question once; later calls return the feedback) ----
    QuizFeedback answerPick(const std::string& id, const Vec3* point); // find
    QuizFeedback answerText(const std::string& typed);                 // name (typed)
    QuizFeedback answerChoice(const std::string& choice);              // name (a structure id), preset (a name)
    // Checks the live state: measure and length (solver readouts), layers (what is shown),
    // preset (the last preset applied through the session, when no choice was made).
    QuizFeedback check();
    const QuizFeedback& feedback() const { return m_feedback; }
    // Called when an answer arrives from the session (a click on the model).
    std::function<void(const QuizFeedback&)> onFeedback;

    // Class variant: answers are not taken or scored; reveal() shows the answer on the model.
    void setClassMode(bool on) { m_classMode = on; }
    bool classMode() const { return m_classMode; }
    // Shows the current question's answer on the model and returns it in words.
    std::string reveal();

    // ---- results ----
    int score() const;  // questions answered correctly in any round
    int total() const { return int(m_quiz.questions.size()); }
    std::vector<std::string> missedIds() const;
    const std::vector<QuizResult>& results() const { return m_results; }
    // "question_id,answer,correct,seconds,round" and one row per answer.
    std::string csv() const;
    core::Status exportCsv(const std::string& path) const;

    // ---- what is correct, derived from the model and the solver ----
    std::vector<std::string> expectedMuscles(const QuizQuestion& q) const; // layers
    std::string bestPreset(const QuizQuestion& q) const;                   // preset ("" without a solver)
    double liveValue(const QuizQuestion& q) const;                         // measure, length (NaN if none)
    // A coordinate value that meets a measure/length question from the current pose.
    bool solvePose(const QuizQuestion& q, std::string& coordinate, double& value) const;
    // Where a find target is: its posed centre and the accepted radius; false for a mesh target.
    bool targetArea(const QuizQuestion& q, Vec3& centre, float& radius) const;
    // Names a typed answer may take for `id`: catalog and Latin names, with and without the
    // side, folded (lower case, no accents, single spaces).
    std::vector<std::string> acceptedNames(const std::string& id) const;
    bool nameMatches(const std::string& typed, const std::string& id) const;
    // Lower case, accents removed (é -> e, æ -> ae), punctuation to spaces, single spaces.
    static std::string fold(const std::string& text);

private:
    void begin();
    void onChange(bool pick);
    void updateNames(); // names hidden while a find/name question is open
    QuizFeedback finish(QuizFeedback f);
    bool isMeshNode(const std::string& id) const;
    std::string describe(const std::string& id) const;

    Session& m_session;
    Quiz m_quiz;
    int m_token = 0;
    std::vector<int> m_order; // question indices of this round
    int m_pos = 0;
    int m_round = 1;
    bool m_busy = false;      // the run itself is changing the session
    bool m_classMode = false;
    bool m_revealed = false;
    std::string m_lastPreset; // applied through the session during this question
    QuizFeedback m_feedback;
    std::vector<QuizResult> m_results;
    std::vector<bool> m_correct; // per question, any round
    std::chrono::steady_clock::time_point m_started;
};

} // namespace psoas::app
