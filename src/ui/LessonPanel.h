#pragma once
// The lesson dock: a list of steps with their title and Markdown text, built from the current
// view (add step), edited, reordered, deleted, saved and opened. Choosing a step moves the
// camera, the pose, the layers and the selection to it (animated). In presentation mode the
// editor is hidden and the step's text is shown in large type.
//
// Step text is Markdown rendered by the project's safe renderer (content::MarkdownRenderer:
// no raw HTML, no images). Its links: structure:<id> selects the structure, content:<id>
// opens the item in the content panel, http(s) pages open in the browser only after the user
// confirms; anything else is shown as plain text.
#include "app/Lesson.h"
#include "ui/ExternalLinks.h"

#include <QDockWidget>
#include <QString>
#include <QStringList>

#include <functional>

class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QTextBrowser;
class QWidget;

namespace psoas::app { class Document; class Session; }

namespace psoas::ui {

class Viewport;

class LessonPanel : public QDockWidget {
    Q_OBJECT
public:
    // Steps read and change the session's layers, selection and shown marks (the same commands
    // as every other tool, so undo, the Layers dock and the content panel follow a step).
    LessonPanel(app::Session& session, Viewport* viewport, QWidget* parent = nullptr);

    void setDocument(app::Document* doc) { m_doc = doc; }

    // Opens a lesson file; warnings (unknown ids, bad values) are listed in the panel and
    // returned. False (and *error set) only when the file is not a lesson at all.
    bool openLesson(const QString& path, QString* error = nullptr, QStringList* warnings = nullptr);
    bool saveLesson(const QString& path, QString* error = nullptr);
    // An empty lesson with no file: steps are added from the view, Save As asks where.
    void newLesson();
    // Edited since it was opened, saved or started.
    bool modified() const;
    const app::Lesson& lesson() const;
    QString lessonPath() const;
    void setLesson(const app::Lesson& lesson);
    // Takes the edited step title and text into the lesson.
    void storeEdits();

    // Editing.
    void addStepFromCurrentState();
    void deleteCurrentStep();
    void moveCurrentStep(int delta); // -1 up, +1 down

    // Playing: moves the camera, pose, layers and selection to step `index`.
    bool goToStep(int index, bool animate = true);
    bool nextStep() { return goToStep(currentStep() + 1); }
    bool previousStep() { return goToStep(currentStep() - 1); }
    int currentStep() const;
    int stepCount() const;

    // Large text and no editor (presentation mode).
    void setPresenting(bool on);
    bool presenting() const { return m_presenting; }
    // The HTML shown for the current step (presenter view), and its link handling.
    QString stepHtml() const;
    void openLink(const QUrl& url);
    // The current step's quiz file (resolved beside the lesson or in the assets), or empty.
    QString stepQuizPath() const;
    // Replaces the "open this web page?" question (tests). Return true to open.
    void setExternalLinkConfirmer(ExternalLinks::ConfirmFn confirm) { m_confirmLink = std::move(confirm); }

signals:
    void stepShown(int index);
    void handoutRequested(); // the "Export handout…" button
    void lessonChanged();
    void structureLinkActivated(const QString& id); // structure:<id> in the step text
    void contentLinkActivated(const QString& itemId); // content:<id> in the step text
    void quizRequested(const QString& path); // "Take the quiz" of a step with a "quiz" file

private:
    void buildUi();
    QWidget* buildEditor();    // the step list and the step editor
    QWidget* buildPresenter(); // the presenter view
    void refreshList();
    void showStepText();
    app::LessonCamera cameraFromView() const;
    // A step showing what is on screen now: camera, pose, layers, selection and marks.
    app::LessonStep captureStep() const;
    void applyCamera(const app::LessonCamera& camera, bool animate, const std::vector<std::string>& show = {},
                     const std::vector<std::string>& selection = {});

    app::Session& m_session;
    Viewport* m_viewport = nullptr;
    app::Document* m_doc = nullptr;
    bool m_presenting = false;
    bool m_loadingEditor = false;
    ExternalLinks::ConfirmFn m_confirmLink;

    QStackedWidget* m_stack = nullptr;
    QLineEdit* m_lessonTitle = nullptr;
    QListWidget* m_list = nullptr;
    QLineEdit* m_stepTitle = nullptr;
    QPlainTextEdit* m_stepText = nullptr;
    QLabel* m_warnings = nullptr;
    QTextBrowser* m_presentText = nullptr;
    QLabel* m_presentCounter = nullptr;
    QPushButton* m_quizButton = nullptr;        // editor view
    QPushButton* m_presentQuizButton = nullptr; // presenter view
};

} // namespace psoas::ui
