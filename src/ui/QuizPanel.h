#pragma once
// The quiz dock: one question at a time from an app::QuizRun on the session. Find-it questions
// are answered by a click on the model (the session's pick), name-it questions in a line edit
// with completion or a list of choices, pose questions with the Pose dock and layers questions
// with the Layers dock, then Check. Feedback is immediate and a missed answer is shown on the
// model. Keys: Enter checks, N or → goes on (once answered), R reveals in class mode.
//
// Class mode (presentation): the question is shown in large type with no answer widgets; the
// instructor presses Reveal to show the answer on the model, then Next.
#include "app/Quiz.h"
#include "app/QuizRun.h"

#include <QDockWidget>
#include <QString>
#include <QStringList>

#include <memory>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QKeyEvent;

namespace psoas::app {
class Document;
class Session;
} // namespace psoas::app

namespace psoas::ui {

class Viewport;

class QuizPanel : public QDockWidget {
    Q_OBJECT
public:
    QuizPanel(app::Session& session, Viewport* viewport, QWidget* parent = nullptr);
    ~QuizPanel() override;

    // Opens and starts a quiz file; problems are listed in the panel and returned, the rest
    // opens. False (and *error set) when the file is not a quiz or has no usable question.
    bool openQuiz(const QString& path, QString* error = nullptr, QStringList* warnings = nullptr);
    void startQuiz(const app::Quiz& quiz);
    // A random find-it / name-it quiz over the structures shown now.
    bool startRandomQuiz(int count = 8);
    void setClassMode(bool on);
    bool classMode() const { return m_classMode; }

    app::QuizRun* run() const { return m_run.get(); }
    QString promptText() const;
    QString feedbackText() const;
    QString progressText() const;

public slots:
    void checkAnswer();
    void nextQuestion();
    void retryMissed();
    void reveal();
    bool exportResults(const QString& path, QString* error = nullptr);
    void chooseExportFile();

signals:
    void quizFinished(int score, int total);

protected:
    void keyPressEvent(QKeyEvent* e) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void showQuestion();
    void showFeedback(const app::QuizFeedback& f);
    void updateButtons();
    void applyCamera();

    app::Session& m_session;
    Viewport* m_viewport;
    std::unique_ptr<app::QuizRun> m_run;
    bool m_classMode = false;
    QLabel* m_title = nullptr;
    QLabel* m_progress = nullptr;
    QLabel* m_prompt = nullptr;
    QLabel* m_hint = nullptr;
    QLineEdit* m_answer = nullptr;
    QListWidget* m_choices = nullptr;
    QLabel* m_feedback = nullptr;
    QLabel* m_warnings = nullptr;
    QPushButton* m_check = nullptr;
    QPushButton* m_reveal = nullptr;
    QPushButton* m_next = nullptr;
    QPushButton* m_retry = nullptr;
    QPushButton* m_export = nullptr;
};

} // namespace psoas::ui
