#include "ui/LessonPanel.h"
#include "ui/DockBody.h"

#include "app/Quiz.h"

#include "app/Document.h"
#include "app/LayerState.h"
#include "app/LessonStepApply.h"
#include "app/Selection.h"
#include "app/Session.h"
#include "content/MarkdownRenderer.h"
#include "scene/ViewPreset.h"
#include "ui/Viewport.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QStackedWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace psoas::ui {

LessonPanel::LessonPanel(app::Session& session, Viewport* viewport, QWidget* parent)
    : QDockWidget(tr("Lesson"), parent), m_session(session), m_viewport(viewport)
{
    setObjectName("LessonPanel");
    buildUi();
    if (m_session.lesson().lesson().title.empty() && m_session.lesson().stepCount() == 0) {
        app::Lesson untitled;
        untitled.title = tr("Untitled lesson").toStdString();
        m_session.resetLesson(untitled);
    }
    refreshList();
}

void LessonPanel::buildUi()
{
    m_stack = new QStackedWidget(this);
    m_stack->addWidget(buildEditor());
    m_stack->addWidget(buildPresenter());
    setScrollableDockWidget(this, m_stack);
}

QWidget* LessonPanel::buildEditor()
{
    auto* editor = new QWidget(m_stack);
    auto* v = new QVBoxLayout(editor);
    m_lessonTitle = new QLineEdit(editor);
    m_lessonTitle->setObjectName("lessonTitle");
    m_lessonTitle->setPlaceholderText(tr("Lesson title"));
    connect(m_lessonTitle, &QLineEdit::textEdited, this, [this](const QString& t) {
        m_session.editLesson([&](app::LessonPlayback& l) {
            l.setTitle(t.toStdString());
            return true;
        });
        emit lessonChanged();
    });
    v->addWidget(m_lessonTitle);
    m_list = new QListWidget(editor);
    m_list->setObjectName("lessonSteps");
    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        if (m_loadingEditor || row < 0 || row == currentStep()) return;
        goToStep(row);
    });
    v->addWidget(m_list, 1);
    auto* buttons = new QHBoxLayout;
    auto addButton = [&](const QString& text, const QString& tip, const char* name, auto fn) {
        auto* b = new QPushButton(text, editor);
        b->setToolTip(tip);
        b->setObjectName(name);
        connect(b, &QPushButton::clicked, this, fn);
        buttons->addWidget(b);
    };
    addButton(tr("Add step"), tr("Add a step that shows the current camera, pose, layers and selection"),
              "lessonAddStep", [this] { addStepFromCurrentState(); });
    addButton(tr("Up"), tr("Move the step up"), "lessonUp", [this] { moveCurrentStep(-1); });
    addButton(tr("Down"), tr("Move the step down"), "lessonDown", [this] { moveCurrentStep(1); });
    addButton(tr("Delete"), tr("Delete the step"), "lessonDelete", [this] { deleteCurrentStep(); });
    v->addLayout(buttons);
    m_stepTitle = new QLineEdit(editor);
    m_stepTitle->setObjectName("stepTitle");
    m_stepTitle->setPlaceholderText(tr("Step title"));
    connect(m_stepTitle, &QLineEdit::textEdited, this, [this] { storeEdits(); });
    v->addWidget(m_stepTitle);
    m_stepText = new QPlainTextEdit(editor);
    m_stepText->setObjectName("stepText");
    m_stepText->setPlaceholderText(tr("What to say at this step (Markdown: **bold**, *italic*, - lists)"));
    connect(m_stepText, &QPlainTextEdit::textChanged, this, [this] { storeEdits(); });
    v->addWidget(m_stepText, 1);
    auto* update = new QPushButton(tr("Update step from the current view"), editor);
    update->setObjectName("lessonUpdateStep");
    connect(update, &QPushButton::clicked, this, [this] {
        storeEdits();
        const app::LessonStep capture = captureStep();
        const int index = currentStep();
        if (!m_session.editLesson([&](app::LessonPlayback& l) { return l.updateStep(index, capture); })) return;
        refreshList();
        emit lessonChanged();
    });
    v->addWidget(update);
    auto* handout = new QPushButton(tr("Export handout…"), editor);
    handout->setObjectName("lessonExportHandout");
    handout->setToolTip(tr("Write the lesson as a printable PDF for patients (also File > Export Handout…)"));
    connect(handout, &QPushButton::clicked, this, &LessonPanel::handoutRequested);
    v->addWidget(handout);
    m_warnings = new QLabel(editor);
    m_warnings->setObjectName("lessonWarnings");
    m_warnings->setWordWrap(true);
    m_warnings->setStyleSheet("QLabel { color: #a04000; }");
    m_warnings->hide();
    v->addWidget(m_warnings);
    m_quizButton = new QPushButton(tr("Take the Quiz of This Step"), editor);
    m_quizButton->setObjectName("lessonQuiz");
    m_quizButton->hide();
    connect(m_quizButton, &QPushButton::clicked, this, [this] { emit quizRequested(stepQuizPath()); });
    v->addWidget(m_quizButton);
    return editor;
}

QWidget* LessonPanel::buildPresenter()
{
    // Big text only.
    auto* present = new QWidget(m_stack);
    auto* pv = new QVBoxLayout(present);
    m_presentCounter = new QLabel(present);
    m_presentCounter->setObjectName("presentCounter");
    m_presentCounter->setWordWrap(true); // a long lesson title must not widen the dock (or the window)
    pv->addWidget(m_presentCounter);
    m_presentText = new QTextBrowser(present);
    m_presentText->setObjectName("presentText");
    m_presentText->setOpenLinks(false);
    m_presentText->setOpenExternalLinks(false);
    m_presentText->document()->setDefaultStyleSheet(QStringLiteral("a.external { color: #2a5db0; }"));
    connect(m_presentText, &QTextBrowser::anchorClicked, this, &LessonPanel::openLink);
    pv->addWidget(m_presentText, 1);
    m_presentQuizButton = new QPushButton(tr("Quiz"), present);
    m_presentQuizButton->setObjectName("presentQuiz");
    m_presentQuizButton->hide();
    connect(m_presentQuizButton, &QPushButton::clicked, this, [this] { emit quizRequested(stepQuizPath()); });
    pv->addWidget(m_presentQuizButton);
    auto* hint = new QLabel(tr("Page Down / Space / → next · Page Up / ← back · Esc leaves"), present);
    pv->addWidget(hint);
    return present;
}

bool LessonPanel::modified() const { return m_session.lesson().modified(); }
const app::Lesson& LessonPanel::lesson() const { return m_session.lesson().lesson(); }
QString LessonPanel::lessonPath() const { return QString::fromStdString(m_session.lesson().path()); }
int LessonPanel::currentStep() const { return m_session.lesson().current(); }
int LessonPanel::stepCount() const { return m_session.lesson().stepCount(); }

bool LessonPanel::openLesson(const QString& path, QString* error, QStringList* warnings)
{
    auto loaded = m_session.openLesson(path.toStdString());
    if (!loaded) {
        if (error) *error = QString::fromStdString(loaded.message());
        return false;
    }
    QStringList list;
    for (const auto& w : loaded.value()) list << QString::fromStdString(w);
    if (warnings) *warnings = list;
    refreshList();
    m_warnings->setText(list.isEmpty() ? QString() : tr("Parts of this lesson were skipped:\n%1").arg(list.join("\n")));
    m_warnings->setVisible(!list.isEmpty());
    if (stepCount() > 0) goToStep(0, false);
    return true;
}

void LessonPanel::newLesson()
{
    app::Lesson lesson;
    lesson.title = tr("Untitled lesson").toStdString();
    m_session.resetLesson(lesson);
    m_warnings->hide();
    refreshList();
}

bool LessonPanel::saveLesson(const QString& path, QString* error)
{
    storeEdits();
    auto s = m_session.saveLesson(path.toStdString());
    if (!s) {
        if (error) *error = QString::fromStdString(s.message());
        return false;
    }
    return true;
}

void LessonPanel::setLesson(const app::Lesson& lesson)
{
    m_session.resetLesson(lesson, m_session.lesson().path(), true);
    m_warnings->hide();
    refreshList();
    emit lessonChanged();
}

void LessonPanel::refreshList()
{
    m_loadingEditor = true;
    const app::Lesson& lesson = m_session.lesson().lesson();
    m_lessonTitle->setText(QString::fromStdString(lesson.title));
    m_list->clear();
    for (std::size_t i = 0; i < lesson.steps.size(); ++i)
        m_list->addItem(QString("%1. %2").arg(i + 1).arg(QString::fromStdString(lesson.steps[i].title)));
    m_list->setCurrentRow(currentStep());
    m_loadingEditor = false;
    showStepText();
}

void LessonPanel::showStepText()
{
    m_loadingEditor = true;
    const app::LessonStep* s = m_session.lesson().currentStep();
    const bool has = s != nullptr;
    m_stepTitle->setEnabled(has);
    m_stepText->setEnabled(has);
    m_stepTitle->setText(s ? QString::fromStdString(s->title) : QString());
    m_stepText->setPlainText(s ? QString::fromStdString(s->text) : QString());
    m_loadingEditor = false;
    m_presentText->setHtml(stepHtml());
    const bool quiz = !stepQuizPath().isEmpty();
    m_quizButton->setVisible(quiz);
    m_presentQuizButton->setVisible(quiz);
    if (s)
        m_presentCounter->setText(tr("%1 — step %2 of %3")
                                      .arg(QString::fromStdString(m_session.lesson().lesson().title))
                                      .arg(currentStep() + 1)
                                      .arg(stepCount()));
    else
        m_presentCounter->clear();
}

QString LessonPanel::stepQuizPath() const
{
    return QString::fromStdString(m_session.lesson().currentQuizPath());
}

QString LessonPanel::stepHtml() const
{
    const app::LessonStep* step = m_session.lesson().currentStep();
    const std::string title = step ? step->title : m_session.lesson().lesson().title;
    const std::string text = step ? step->text : std::string();
    // The same safe renderer as the content panel: raw HTML and images become text.
    return QStringLiteral("<h3>%1</h3>").arg(QString::fromStdString(content::MarkdownRenderer::escapeHtml(title))) +
           QString::fromStdString(content::MarkdownRenderer::toHtml(text));
}

void LessonPanel::openLink(const QUrl& url)
{
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("structure")) emit structureLinkActivated(url.path());
    else if (scheme == QLatin1String("content")) emit contentLinkActivated(url.path());
    else if (ExternalLinks::isWebLink(url)) ExternalLinks::open(this, url, m_confirmLink);
    // anything else: the renderer never makes other links
}

void LessonPanel::storeEdits()
{
    const int index = currentStep();
    if (m_loadingEditor || !m_session.lesson().step(index)) return;
    const std::string title = m_stepTitle->text().toStdString();
    const std::string text = m_stepText->toPlainText().toStdString();
    if (!m_session.editLesson([&](app::LessonPlayback& l) { return l.editStep(index, title, text); })) return;
    if (auto* item = m_list->item(index))
        item->setText(QString("%1. %2").arg(index + 1).arg(QString::fromStdString(title)));
    emit lessonChanged();
}

app::LessonCamera LessonPanel::cameraFromView() const
{
    app::LessonCamera c;
    if (!m_viewport) return c;
    const auto& st = m_viewport->camera().state();
    c.hasTarget = true;
    c.target = st.target;
    c.distance = st.distance;
    c.hasOrientation = true;
    c.orientation = st.orientation;
    return c;
}

app::LessonStep LessonPanel::captureStep() const
{
    // A pose still moving is recorded as it will end (its mode and values), not half-way.
    m_session.finishPose();
    app::LessonStep s;
    s.camera = cameraFromView();
    s.layers = m_session.layers().toJson();
    s.pose = app::lessonPoseOf(m_session.pose(), m_session.currentPreset());
    const std::string sel = m_session.selection().selected();
    if (!sel.empty()) s.selection.push_back(sel);
    s.show = m_session.shown(); // the marks and labels on the model now (a step's, or a search's)
    return s;
}

void LessonPanel::addStepFromCurrentState()
{
    storeEdits();
    app::LessonStep s = captureStep();
    s.title = tr("Step %1").arg(stepCount() + 1).toStdString();
    m_session.editLesson([&](app::LessonPlayback& l) {
        l.addStep(s);
        return true;
    });
    refreshList();
    emit lessonChanged();
}

void LessonPanel::deleteCurrentStep()
{
    const int index = currentStep();
    if (!m_session.editLesson([&](app::LessonPlayback& l) { return l.deleteStep(index); })) return;
    refreshList();
    emit lessonChanged();
}

void LessonPanel::moveCurrentStep(int delta)
{
    const int index = currentStep();
    if (!m_session.editLesson([&](app::LessonPlayback& l) { return l.moveStep(index, delta); })) return;
    refreshList();
    emit lessonChanged();
}

void LessonPanel::applyCamera(const app::LessonCamera& cam, bool animate, const std::vector<std::string>& show,
                              const std::vector<std::string>& selection)
{
    if (!m_viewport || cam.empty()) return;
    if (!cam.frameShown && !cam.view.empty() && !cam.hasTarget && !cam.hasOrientation && cam.distance <= 0.0f) {
        m_viewport->showViewPreset(QString::fromStdString(cam.view), animate);
        return;
    }
    const scene::CameraState st = app::lessonCameraState(cam, m_viewport->camera(), m_doc, show, selection);
    m_viewport->animateCameraTo(st, animate);
}

bool LessonPanel::goToStep(int index, bool animate)
{
    if (!m_session.lesson().step(index)) return false;
    storeEdits();
    // Layers, selection, marks and the pose (moving there over a second) in one command.
    if (!m_session.playStep(index, tr("Lesson step").toStdString(), animate ? 1.0 : 0.0)) return false;
    const app::LessonStep& s = *m_session.lesson().currentStep();
    applyCamera(s.camera, animate, s.show, s.selection); // after the layers: framing fits what is shown
    if (m_viewport) m_viewport->sceneChanged();
    m_loadingEditor = true;
    m_list->setCurrentRow(index);
    m_loadingEditor = false;
    showStepText();
    emit stepShown(index);
    return true;
}

void LessonPanel::setPresenting(bool on)
{
    m_presenting = on;
    m_stack->setCurrentIndex(on ? 1 : 0);
    QFont f = m_presentText->font();
    f.setPointSizeF(on ? 20.0 : 11.0);
    setMinimumWidth(on ? 520 : 0);
    m_presentText->setFont(f);
    m_presentText->document()->setDefaultFont(f);
    QFont c = m_presentCounter->font();
    c.setPointSizeF(on ? 16.0 : 10.0);
    m_presentCounter->setFont(c);
    showStepText();
}

} // namespace psoas::ui
