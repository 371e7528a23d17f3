#include "ui/QuizPanel.h"
#include "ui/DockBody.h"
#include "ui/FileDialogs.h"

#include "anatomy/Catalog.h"
#include "app/Document.h"
#include "app/QuizGenerator.h"
#include "app/Session.h"
#include "scene/ViewPreset.h"
#include "ui/Viewport.h"
#include "solver/Kinematics.h"

#include <QCompleter>
#include <QDateTime>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

#include <set>

namespace psoas::ui {
namespace {
QString q(const std::string& s) { return QString::fromStdString(s); }

// A push button named `name` (tests find it by that), with a tool tip when `tip` is not empty.
QPushButton* makeButton(const QString& text, const char* name, const QString& tip, QWidget* parent)
{
    auto* b = new QPushButton(text, parent);
    b->setObjectName(name);
    if (!tip.isEmpty()) b->setToolTip(tip);
    return b;
}
} // namespace

QuizPanel::QuizPanel(app::Session& session, Viewport* viewport, QWidget* parent)
    : QDockWidget(tr("Quiz"), parent), m_session(session), m_viewport(viewport)
{
    setObjectName("QuizPanel");
    auto* body = new QWidget(this);
    auto* v = new QVBoxLayout(body);
    m_title = new QLabel(tr("No quiz open. Quiz ▸ Open Quiz… or a quiz from the Quiz menu."), body);
    m_title->setObjectName("quizTitle");
    m_title->setWordWrap(true);
    m_progress = new QLabel(body);
    m_progress->setObjectName("quizProgress");
    m_prompt = new QLabel(body);
    m_prompt->setObjectName("quizPrompt");
    m_prompt->setWordWrap(true);
    QFont pf = m_prompt->font();
    pf.setBold(true);
    m_prompt->setFont(pf);
    m_hint = new QLabel(body);
    m_hint->setObjectName("quizHint");
    m_hint->setWordWrap(true);
    m_answer = new QLineEdit(body);
    m_answer->setObjectName("quizAnswer");
    m_answer->setPlaceholderText(tr("Type the name, then Enter"));
    m_choices = new QListWidget(body);
    m_choices->setObjectName("quizChoices");
    m_choices->setMaximumHeight(140);
    m_feedback = new QLabel(body);
    m_feedback->setObjectName("quizFeedback");
    m_feedback->setWordWrap(true);
    m_feedback->setTextFormat(Qt::RichText);
    m_warnings = new QLabel(body);
    m_warnings->setObjectName("quizWarnings");
    m_warnings->setWordWrap(true);
    m_warnings->setStyleSheet("color: #a04000;");

    auto* buttons = new QHBoxLayout;
    m_check = makeButton(tr("Check"), "quizCheck", tr("Check the answer (Enter)"), body);
    m_reveal = makeButton(tr("Reveal"), "quizReveal", tr("Show the answer on the model (R)"), body);
    m_next = makeButton(tr("Next"), "quizNext", tr("Next question (N or →)"), body);
    buttons->addWidget(m_check);
    buttons->addWidget(m_reveal);
    buttons->addWidget(m_next);
    auto* after = new QHBoxLayout;
    m_retry = makeButton(tr("Retry missed"), "quizRetry", QString(), body);
    m_export = makeButton(tr("Export results…"), "quizExport", QString(), body);
    after->addWidget(m_retry);
    after->addWidget(m_export);

    v->addWidget(m_title);
    v->addWidget(m_progress);
    v->addWidget(m_prompt);
    v->addWidget(m_hint);
    v->addWidget(m_answer);
    v->addWidget(m_choices);
    v->addLayout(buttons);
    v->addWidget(m_feedback);
    v->addLayout(after);
    v->addWidget(m_warnings);
    v->addStretch(1);
    setScrollableDockWidget(this, body);

    connect(m_check, &QPushButton::clicked, this, &QuizPanel::checkAnswer);
    // Enter in the name field or the list checks (eventFilter; the key goes no further), a
    // double click on a choice too.
    m_answer->installEventFilter(this);
    m_choices->installEventFilter(this);
    connect(m_choices, &QListWidget::itemDoubleClicked, this, [this] { checkAnswer(); });
    connect(m_next, &QPushButton::clicked, this, &QuizPanel::nextQuestion);
    connect(m_reveal, &QPushButton::clicked, this, &QuizPanel::reveal);
    connect(m_retry, &QPushButton::clicked, this, &QuizPanel::retryMissed);
    connect(m_export, &QPushButton::clicked, this, &QuizPanel::chooseExportFile);
    // N, → and R are read in keyPressEvent: keys the focused child (a button, the list)
    // does not use come up to the dock; the name field is disabled once answered.
    updateButtons();
}

QuizPanel::~QuizPanel() = default;

bool QuizPanel::eventFilter(QObject* watched, QEvent* event)
{
    if ((watched == m_answer || watched == m_choices) && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent*>(event)->key();
        if (key == Qt::Key_Return || key == Qt::Key_Enter) {
            checkAnswer();
            return true;
        }
    }
    return QDockWidget::eventFilter(watched, event);
}

void QuizPanel::keyPressEvent(QKeyEvent* e)
{
    const bool plain = (e->modifiers() & ~Qt::KeypadModifier) == Qt::NoModifier;
    if (plain && (e->key() == Qt::Key_N || e->key() == Qt::Key_Right) && m_next->isEnabled()) {
        nextQuestion();
        return;
    }
    if (e->key() == Qt::Key_Return || e->key() == Qt::Key_Enter) {
        if (m_check->isEnabled() && m_check->isVisible()) checkAnswer(); // Enter checks
        else if (m_next->isEnabled()) nextQuestion();
        return;
    }
    if (plain && e->key() == Qt::Key_R && m_reveal->isEnabled() && m_reveal->isVisible()) {
        reveal();
        return;
    }
    QDockWidget::keyPressEvent(e);
}

bool QuizPanel::openQuiz(const QString& path, QString* error, QStringList* warnings)
{
    app::QuizVocabulary vocab;
    if (const auto* doc = m_session.document()) vocab = app::QuizVocabulary::fromDocument(*doc);
    auto loaded = app::Quiz::load(path.toStdString(), vocab);
    if (!loaded) {
        if (error) *error = q(loaded.message());
        return false;
    }
    QStringList list;
    for (const auto& w : loaded->warnings) list << q(w);
    if (warnings) *warnings = list;
    if (loaded->quiz.questions.empty()) {
        if (error) *error = tr("%1 has no question that can be asked.").arg(path) + (list.isEmpty() ? QString() : "\n" + list.join("\n"));
        return false;
    }
    startQuiz(loaded->quiz);
    m_warnings->setText(list.isEmpty() ? QString() : tr("Some questions were changed or left out:\n") + list.join("\n"));
    return true;
}

void QuizPanel::startQuiz(const app::Quiz& quiz)
{
    m_run.reset(); // the old run stops observing before the new one starts
    m_run = std::make_unique<app::QuizRun>(m_session, quiz);
    m_run->setClassMode(m_classMode);
    m_run->onFeedback = [this](const app::QuizFeedback& f) { showFeedback(f); };
    m_warnings->clear();
    m_title->setText(q(quiz.title));
    // Completion over every catalog name and Latin name.
    QStringList names;
    if (const auto* doc = m_session.document(); doc && doc->catalog())
        for (const auto& s : doc->catalog()->structures()) {
            if (s.kind == anatomy::StructureKind::Attachment || s.kind == anatomy::StructureKind::Landmark) continue;
            names << q(s.name);
            if (!s.latin.empty() && !names.contains(q(s.latin))) names << q(s.latin);
        }
    if (QCompleter* old = m_answer->completer()) old->deleteLater();
    auto* completer = new QCompleter(names, m_answer);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    m_answer->setCompleter(completer);
    show();
    raise();
    m_run->start();
    showQuestion();
}

bool QuizPanel::startRandomQuiz(int count)
{
    app::QuizGeneratorOptions o;
    o.count = count;
    o.randomState = std::uint32_t(QDateTime::currentMSecsSinceEpoch());
    app::Quiz quiz = app::QuizGenerator::generate(m_session, o);
    if (quiz.questions.empty()) return false;
    startQuiz(quiz);
    return true;
}

void QuizPanel::setClassMode(bool on)
{
    m_classMode = on;
    if (m_run) m_run->setClassMode(on);
    QFont f = m_prompt->font();
    f.setPointSizeF(on ? 22.0 : 11.0);
    m_prompt->setFont(f);
    QFont ff = m_feedback->font();
    ff.setPointSizeF(on ? 18.0 : 10.0);
    m_feedback->setFont(ff);
    setMinimumWidth(on ? 520 : 0);
    if (m_run) showQuestion();
    else updateButtons();
}

void QuizPanel::applyCamera()
{
    const auto* qn = m_run ? m_run->current() : nullptr;
    if (!qn || !m_viewport || !qn->hasSetup) return;
    const auto& cam = qn->setup.camera;
    if (!cam.view.empty()) m_viewport->showViewPreset(q(cam.view));
}

void QuizPanel::showQuestion()
{
    m_feedback->clear();
    m_answer->clear();
    m_choices->clear();
    const app::QuizQuestion* qn = m_run ? m_run->current() : nullptr;
    if (!qn) {
        if (m_run) {
            m_prompt->setText(m_classMode ? tr("End of the quiz.")
                                          : tr("Finished: %1 of %2 correct.").arg(m_run->score()).arg(m_run->total()));
            m_hint->setText(m_run->missedIds().empty() || m_classMode ? QString()
                                                                      : tr("Retry missed asks the questions you missed again."));
            emit quizFinished(m_run->score(), m_run->total());
        }
        updateButtons();
        return;
    }
    m_prompt->setText(q(qn->prompt));
    applyCamera();
    using K = app::QuestionKind;
    QString hint;
    switch (qn->kind) {
    case K::Find: hint = tr("Click it on the model."); break;
    case K::Name:
        hint = qn->choices.empty() ? tr("Type its name (English or Latin), then Enter.")
                                   : tr("Pick its name, then Enter or Check.");
        for (const auto& c : qn->choices) {
            auto* item = new QListWidgetItem(q(m_session.nameOf(c)), m_choices);
            item->setData(Qt::UserRole, q(c));
        }
        break;
    case K::Preset:
        hint = tr("Pick a posture, then Check (or apply one in the Pose panel and press Check).");
        for (const auto& c : qn->choices) {
            QString title = q(c);
            if (const auto* doc = m_session.document(); doc && doc->kinematics())
                if (const auto* p = doc->kinematics()->preset(c)) title = q(p->title);
            auto* item = new QListWidgetItem(title, m_choices);
            item->setData(Qt::UserRole, q(c));
        }
        break;
    case K::Measure:
    case K::Length:
        hint = tr("Use the Pose panel (its readouts show the value), then press Check. Accepted: ± %1.")
                   .arg(QString::number(qn->tolerance));
        break;
    case K::Layers: hint = tr("Use the Layers panel, then press Check."); break;
    }
    m_hint->setText(m_classMode ? QString() : hint);
    if (m_choices->count() > 0) m_choices->setCurrentRow(0);
    updateButtons();
    if (m_classMode) {
        m_reveal->setFocus();
        return;
    }
    if (qn->kind == K::Name && qn->choices.empty()) m_answer->setFocus();
    else if (m_choices->count() > 0) m_choices->setFocus();
    else m_check->setFocus();
}

void QuizPanel::showFeedback(const app::QuizFeedback& f)
{
    if (!f.answered) {
        m_feedback->setText(q(f.message).toHtmlEscaped());
        return;
    }
    const auto* qn = m_run ? m_run->current() : nullptr;
    QString html = QStringLiteral("<p><b style=\"color:%1\">%2</b></p>")
                       .arg(f.correct ? "#1a7f37" : "#b42318", q(f.message).toHtmlEscaped());
    if (!f.correct && !f.solution.empty()) html += "<p>" + q(f.solution).toHtmlEscaped() + "</p>";
    if (qn && !qn->explanation.empty()) html += "<p><i>" + q(qn->explanation).toHtmlEscaped() + "</i></p>";
    m_feedback->setText(html);
    if (qn && qn->kind == app::QuestionKind::Find && !f.correct && m_viewport && m_session.document())
        m_viewport->frameNode(m_session.document()->scene().find(m_session.selection().selected()));
    updateButtons();
    m_next->setFocus();
}

void QuizPanel::updateButtons()
{
    const auto* qn = m_run ? m_run->current() : nullptr;
    const bool answered = m_run && m_run->feedback().answered;
    using K = app::QuestionKind;
    const bool typed = qn && qn->kind == K::Name && qn->choices.empty();
    const bool list = qn && (qn->kind == K::Preset || (qn->kind == K::Name && !qn->choices.empty()));
    m_answer->setVisible(typed && !m_classMode);
    m_answer->setEnabled(typed && !answered);
    m_choices->setVisible(list && !m_classMode);
    m_choices->setEnabled(list && !answered);
    m_check->setVisible(!m_classMode);
    m_check->setEnabled(qn && !answered && qn->kind != K::Find);
    m_reveal->setVisible(m_classMode);
    m_reveal->setEnabled(m_classMode && qn);
    m_next->setEnabled(qn && (answered || m_classMode));
    m_retry->setVisible(!m_classMode);
    m_retry->setEnabled(m_run && !qn && !m_run->missedIds().empty());
    m_export->setEnabled(m_run && !m_run->results().empty());
    m_progress->setText(progressText());
}

void QuizPanel::checkAnswer()
{
    const auto* qn = m_run ? m_run->current() : nullptr;
    if (!qn || m_run->feedback().answered || m_classMode) return;
    using K = app::QuestionKind;
    app::QuizFeedback f;
    if (qn->kind == K::Name && qn->choices.empty()) {
        if (m_answer->text().trimmed().isEmpty()) return;
        f = m_run->answerText(m_answer->text().toStdString());
    } else if (qn->kind == K::Name || (qn->kind == K::Preset && m_choices->currentItem())) {
        if (!m_choices->currentItem()) return;
        f = m_run->answerChoice(m_choices->currentItem()->data(Qt::UserRole).toString().toStdString());
    } else if (qn->kind != K::Find) {
        f = m_run->check();
    } else {
        return;
    }
    showFeedback(f);
}

void QuizPanel::nextQuestion()
{
    if (!m_run || m_run->finished()) return;
    if (!m_run->feedback().answered && !m_classMode) return;
    m_run->next();
    showQuestion();
}

void QuizPanel::retryMissed()
{
    if (m_run && m_run->retryMissed()) showQuestion();
}

void QuizPanel::reveal()
{
    if (!m_run || !m_run->current() || !m_classMode) return;
    const std::string text = m_run->reveal();
    const auto* qn = m_run->current();
    QString html = "<p><b>" + q(text).toHtmlEscaped() + "</b></p>";
    if (!qn->explanation.empty()) html += "<p>" + q(qn->explanation).toHtmlEscaped() + "</p>";
    m_feedback->setText(html);
    if (qn->kind == app::QuestionKind::Find && m_viewport && m_session.document())
        m_viewport->frameNode(m_session.document()->scene().find(m_session.selection().selected()));
}

bool QuizPanel::exportResults(const QString& path, QString* error)
{
    if (!m_run) return false;
    auto s = m_run->exportCsv(path.toStdString());
    if (!s) {
        if (error) *error = q(s.message());
        return false;
    }
    return true;
}

void QuizPanel::chooseExportFile()
{
    const QString path = chooseSaveFile(this, "quiz-results", tr("Export Quiz Results"), "quiz-results.csv",
                                        tr("CSV files (*.csv)"));
    if (path.isEmpty()) return;
    QString error;
    if (!exportResults(path, &error)) QMessageBox::warning(this, tr("Cannot export the results"), error);
}

QString QuizPanel::promptText() const { return m_prompt->text(); }
QString QuizPanel::feedbackText() const { return m_feedback->text(); }

QString QuizPanel::progressText() const
{
    if (!m_run) return {};
    QString round = m_run->round() > 1 ? tr(" (retry)") : QString();
    if (m_run->finished()) return tr("Score %1 of %2").arg(m_run->score()).arg(m_run->total());
    return tr("Question %1 of %2%3 · score %4 of %5")
        .arg(m_run->position() + 1)
        .arg(m_run->roundSize())
        .arg(round)
        .arg(m_run->score())
        .arg(m_run->total());
}

} // namespace psoas::ui
