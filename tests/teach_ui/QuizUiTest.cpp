// The quiz dock driven as a student and an instructor would: each shipped quiz from the Quiz
// menu, start to finish through the panel's widgets and the keyboard (the click on the model
// goes through the session's pick, as the viewport does), then the class variant in
// presentation mode with Reveal and Next.
#include "../ui/ShownWindow.h"
#include "app/Document.h"
#include "app/Quiz.h"
#include "app/QuizRun.h"
#include "app/Session.h"
#include "ui/ContentPanel.h"
#include "ui/ExploreTools.h"
#include "ui/LabelOverlay.h"
#include "ui/LessonPanel.h"
#include "ui/MainWindow.h"
#include "ui/PosePanel.h"
#include "ui/PresentationMode.h"
#include "ui/QuizPanel.h"
#include "ui/TeachingTools.h"

#include <QAction>
#include <QApplication>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QUrl>
#include <catch2/catch.hpp>

using namespace psoas;

namespace {

template <typename T> T* child(QWidget* w, const char* name)
{
    T* c = w->findChild<T*>(name);
    REQUIRE(c);
    return c;
}

void pickRow(QListWidget* list, const std::string& id)
{
    for (int i = 0; i < list->count(); ++i)
        if (list->item(i)->data(Qt::UserRole).toString().toStdString() == id) list->setCurrentRow(i);
}

// Answers the panel's current question correctly with the widgets a student would use.
void answer(ui::MainWindow& w, ui::QuizPanel* panel)
{
    auto* run = panel->run();
    const app::QuizQuestion* q = run->current();
    REQUIRE(q);
    INFO(q->id);
    auto& session = w.session();
    switch (q->kind) {
    case app::QuestionKind::Find: {
        Vec3 centre(0.0f);
        float radius = 0.0f;
        if (run->targetArea(*q, centre, radius)) {
            const int mn = w.document()->model().findNode(q->target);
            session.pick(w.document()->model().nodes[std::size_t(mn)].extras.at("body"), centre);
        } else {
            session.pick(q->target, Vec3(0.0f));
        }
        break;
    }
    case app::QuestionKind::Name:
        if (q->choices.empty()) {
            auto* edit = child<QLineEdit>(panel, "quizAnswer");
            REQUIRE(edit->isVisible());
            QTest::keyClicks(edit, QString::fromStdString(session.nameOf(q->target)).toLower());
            QTest::keyClick(edit, Qt::Key_Return);
        } else {
            auto* list = child<QListWidget>(panel, "quizChoices");
            pickRow(list, q->target);
            QTest::keyClick(list, Qt::Key_Return);
        }
        break;
    case app::QuestionKind::Preset:
        pickRow(child<QListWidget>(panel, "quizChoices"), run->bestPreset(*q));
        QTest::mouseClick(child<QPushButton>(panel, "quizCheck"), Qt::LeftButton);
        break;
    case app::QuestionKind::Measure:
    case app::QuestionKind::Length: {
        std::string coordinate;
        double value = 0.0;
        REQUIRE(run->solvePose(*q, coordinate, value));
        REQUIRE(w.teaching()->posePanel()->setCoordinateValue(QString::fromStdString(coordinate), value)); // the Pose dock
        QTest::mouseClick(child<QPushButton>(panel, "quizCheck"), Qt::LeftButton);
        break;
    }
    case app::QuestionKind::Layers: {
        const auto expected = run->expectedMuscles(*q);
        for (const auto& s : w.document()->catalog()->structures())
            if (s.kind == anatomy::StructureKind::Muscle)
                w.explore()->setVisible(QString::fromStdString(s.id),
                                        std::find(expected.begin(), expected.end(), s.id) != expected.end()); // the Layers dock
        QTest::mouseClick(child<QPushButton>(panel, "quizCheck"), Qt::LeftButton);
        break;
    }
    }
    INFO(panel->feedbackText().toStdString());
    CHECK(run->feedback().answered);
    CHECK(run->feedback().correct);
}

} // namespace

TEST_CASE("Each shipped quiz can be taken start to finish with the mouse and keyboard", "[ui][quiz][gl]")
{
    uitest::ShownWindow s;
    auto& w = s.w;
    auto* panel = w.quizPanel();
    REQUIRE(panel);
    for (const auto& file : app::Quiz::shipped()) {
        const QString base = QFileInfo(QString::fromStdString(file)).baseName();
        INFO(base.toStdString());
        auto* action = w.findChild<QAction*>("actionQuiz_" + base);
        REQUIRE(action);
        action->trigger();
        REQUIRE(panel->run());
        CHECK(panel->isVisible());
        CHECK(child<QLabel>(panel, "quizWarnings")->text().isEmpty());
        const int total = panel->run()->total();
        for (int i = 0; i < total; ++i) {
            CHECK(panel->progressText().startsWith(QString("Question %1 of %2").arg(i + 1).arg(total)));
            CHECK_FALSE(child<QPushButton>(panel, "quizNext")->isEnabled()); // answer first
            if (w.session().namesHidden()) {
                // A find or name question: no label on the model gives the answer away.
                w.explore()->setLabelsVisible(true);
                w.explore()->overlay()->grab();
                CHECK(w.explore()->overlay()->drawnLabels().isEmpty());
            }
            answer(w, panel);
            CHECK(panel->feedbackText().contains("Correct"));
            // N goes on (the Next button has the focus after the feedback).
            QWidget* focus = QApplication::focusWidget();
            CHECK(panel->run()->position() == i); // Enter answered, and did not go on as well
            QTest::keyClick(focus ? focus : static_cast<QWidget*>(panel), Qt::Key_N);
            CHECK(panel->run()->position() == i + 1);
        }
        CHECK(panel->run()->finished());
        CHECK(panel->progressText() == QString("Score %1 of %1").arg(total));
        CHECK_FALSE(child<QPushButton>(panel, "quizRetry")->isEnabled());
    }
    // Results export (one row per answer).
    QTemporaryDir dir;
    const QString csv = dir.filePath("results.csv");
    REQUIRE(panel->exportResults(csv));
    QFile f(csv);
    REQUIRE(f.open(QIODevice::ReadOnly));
    CHECK(f.readAll().startsWith("question_id,answer,correct,seconds,round\n"));
}

TEST_CASE("A missed question shows the answer on the model, and Retry missed asks it again", "[ui][quiz][gl]")
{
    uitest::ShownWindow s;
    auto& w = s.w;
    auto* panel = w.quizPanel();
    REQUIRE(w.openQuiz(QString(PSOAS_ASSETS_DIR) + "/quizzes/origins_and_insertion.json"));
    // Question 1: the L2 origin; a click on L4 is a near miss that names it.
    w.session().pick("l4", Vec3(0.0f));
    CHECK(panel->feedbackText().contains("you clicked the L4 vertebra"));
    CHECK(w.session().selection().selected() == "psoas_major_r");
    CHECK(w.session().layers().isVisible("psoas_major_r"));
    QTest::mouseClick(child<QPushButton>(panel, "quizNext"), Qt::LeftButton);
    // Question 2 onwards skipped to the end by answering wrongly where possible.
    while (panel->run()->current()) {
        const auto* q = panel->run()->current();
        if (q->kind == app::QuestionKind::Find) w.session().pick("sacrum", Vec3(0.0f));
        else if (q->kind == app::QuestionKind::Name && q->choices.empty()) {
            auto* edit = child<QLineEdit>(panel, "quizAnswer");
            QTest::keyClicks(edit, "femur");
            QTest::keyClick(edit, Qt::Key_Return);
        } else
            QTest::mouseClick(child<QPushButton>(panel, "quizCheck"), Qt::LeftButton);
        if (!panel->run()->feedback().answered) break;
        QWidget* focus = QApplication::focusWidget();
        QTest::keyClick(focus ? focus : static_cast<QWidget*>(panel), Qt::Key_Right);
    }
    REQUIRE(panel->run()->finished());
    CHECK(panel->promptText().startsWith("Finished:"));
    auto* retry = child<QPushButton>(panel, "quizRetry");
    REQUIRE(retry->isEnabled());
    QTest::mouseClick(retry, Qt::LeftButton);
    CHECK(panel->progressText().contains("(retry)"));
    CHECK(panel->run()->current()->id == "pm-origin-l2");
}

TEST_CASE("In presentation mode a quiz is the class variant: the instructor reveals each answer", "[ui][quiz][gl]")
{
    uitest::ShownWindow s;
    auto& w = s.w;
    auto* panel = w.quizPanel();
    REQUIRE(w.openQuiz(QString(PSOAS_ASSETS_DIR) + "/quizzes/posterior_abdominal_wall_layers.json"));
    auto* presentation = w.teaching()->presentation();
    presentation->setUseFullScreen(false);
    presentation->enter();
    REQUIRE(presentation->active());
    CHECK(panel->isVisible()); // kept beside the lesson
    CHECK(panel->classMode());
    auto* reveal = child<QPushButton>(panel, "quizReveal");
    CHECK(reveal->isVisible());
    CHECK_FALSE(child<QPushButton>(panel, "quizCheck")->isVisible());
    CHECK(panel->feedbackText().isEmpty()); // the answer stays hidden until revealed
    // Question 1 (the muscles on the 12th ribs): R reveals them on the model.
    QTest::keyClick(reveal, Qt::Key_R);
    CHECK(panel->feedbackText().contains("quadratus lumborum"));
    CHECK_FALSE(w.session().layers().isVisible("psoas_major_r"));
    CHECK(w.session().layers().isVisible("diaphragm"));
    CHECK(panel->run()->results().empty()); // a class is not scored
    QTest::keyClick(reveal, Qt::Key_N);
    CHECK(panel->run()->position() == 1);
    CHECK(w.session().selection().selected() == "quadratus_lumborum_r"); // name it: highlighted
    presentation->leave();
    CHECK_FALSE(panel->classMode());
}

TEST_CASE("Articles and lesson steps open their quizzes", "[ui][quiz]")
{
    uitest::ShownWindow s;
    auto& w = s.w;
    auto* panel = w.quizPanel();
    // An article's quiz:<id> link.
    // An article's quiz:<id> link, as clicked in the article view.
    w.contentPanel()->showItem("anterior_pelvic_tilt");
    auto* article = child<QTextBrowser>(w.contentPanel(), "articleView");
    CHECK(article->toHtml().contains("quiz:spinopelvic_posture"));
    emit article->anchorClicked(QUrl("quiz:spinopelvic_posture"));
    REQUIRE(panel->run());
    CHECK(panel->run()->quiz().title == "Spinopelvic posture and hip flexor length");
    // A lesson step with "quiz": its button opens it.
    REQUIRE(w.teaching()->openLesson(QString(PSOAS_ASSETS_DIR) + "/lessons/posterior_abdominal_wall_layers.json"));
    auto* lesson = w.teaching()->lessonPanel();
    lesson->goToStep(0, false);
    auto* button = child<QPushButton>(lesson, "lessonQuiz");
    CHECK_FALSE(button->isVisible());
    lesson->goToStep(lesson->stepCount() - 1, false);
    REQUIRE(button->isVisible());
    QTest::mouseClick(button, Qt::LeftButton);
    CHECK(panel->run()->quiz().title == "Layers of the posterior abdominal wall");
}
