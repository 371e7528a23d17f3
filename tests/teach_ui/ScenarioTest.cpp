// The three teaching scenarios end to end, driven through the real main window as a user
// would: a student finds the psoas origins and insertion, a clinician shows anterior pelvic
// tilt, an instructor steps through the layers and presents a shipped lesson. With
// PSOAS_SHOT_DIR set, each writes window screenshots there (scenario-*.png) for a visual check.
// Also: lesson step text goes through the project's safe Markdown renderer.
#include "../ui/ShownWindow.h"
#include "app/Attachments.h"
#include "app/Document.h"
#include "ui/ContentPanel.h"
#include "ui/ExploreTools.h"
#include "ui/LabelOverlay.h"
#include "ui/LayersPanel.h"
#include "ui/LengthPlot.h"
#include "ui/LessonPanel.h"
#include "ui/MainWindow.h"
#include "app/Session.h"
#include "ui/PosePanel.h"
#include "ui/PresentationMode.h"
#include "ui/TeachingTools.h"
#include "ui/Viewport.h"

#include <QAction>
#include <QDockWidget>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QTest>
#include <catch2/catch.hpp>

#include <cstdlib>

using namespace psoas;

namespace {

const QString kLessons = QString(PSOAS_ASSETS_DIR) + "/lessons/";

void shot(QWidget& w, const char* name)
{
    const char* dir = std::getenv("PSOAS_SHOT_DIR");
    if (!dir || !*dir) return;
    QTest::qWait(400); // labels recompute occlusion shortly after the camera stops
    w.grab().save(QString("%1/scenario-%2.png").arg(dir, name));
}

bool settled(ui::MainWindow& w)
{
    return !w.viewport()->animating() && !w.session().poseMoving();
}

bool insideView(ui::Viewport* v, const Vec3& p)
{
    const Vec3 s = v->camera().project(p);
    return s.x >= 0 && s.y >= 0 && s.x <= float(v->width()) && s.y <= float(v->height()) && s.z > -1 && s.z < 1;
}

} // namespace

TEST_CASE("Student: find the psoas major, select it, see its origins T12-L5 and its insertion, frame them",
          "[ui][gl][scenario]")
{
    uitest::ShownWindow s;
    auto& w = s.w;
    w.resize(1600, 1000);
    auto* ex = w.explore();
    auto* content = w.contentPanel();
    // Search as a student would and take the structure.
    auto* search = content->findChild<QLineEdit*>("searchEdit");
    auto* results = content->findChild<QListWidget*>("searchResults");
    REQUIRE(search);
    REQUIRE(results);
    QTest::keyClicks(search, "psoas major");
    REQUIRE(results->count() > 0);
    QListWidgetItem* hit = nullptr;
    QStringList shown;
    for (int i = 0; i < results->count(); ++i) shown << results->item(i)->text();
    INFO(shown.join(" | ").toStdString());
    for (int i = 0; i < results->count() && !hit; ++i)
        if (results->item(i)->text().contains("psoas major", Qt::CaseInsensitive) &&
            results->item(i)->text().contains("(structure)"))
            hit = results->item(i);
    REQUIRE(hit);
    emit results->itemClicked(hit);
    const QString id = QString::fromStdString(ex->selection().selected());
    INFO(id.toStdString());
    REQUIRE(id.startsWith("psoas_major_"));
    CHECK(content->findChild<QLabel*>("titleLabel")->text().contains("psoas major", Qt::CaseInsensitive));

    // Origins at every level T12-L5 and the insertion on the lesser trochanter, labelled.
    ex->setLabelsVisible(true);
    auto* overlay = ex->overlay();
    QStringList origins, insertions;
    for (const auto& a : overlay->attachments())
        (a.origin ? origins : insertions) << QString::fromStdString(a.text);
    for (const char* level : {"T12", "L1", "L2", "L3", "L4", "L5"}) CHECK(origins.join(" ").contains(level));
    REQUIRE(insertions.size() == 1);
    CHECK(insertions.front().contains("lesser trochanter", Qt::CaseInsensitive));

    // "Show attachments" frames every mark.
    REQUIRE(ex->showAttachments());
    REQUIRE(QTest::qWaitFor([&] { return settled(w); }, 5000));
    overlay->updateOcclusionNow();
    for (const auto& a : overlay->attachments()) {
        INFO(a.text);
        CHECK(insideView(w.viewport(), a.world));
    }
    QTest::qWait(300);
    overlay->repaint();
    QStringList drawn = overlay->drawnLabels();
    INFO(drawn.join(", ").toStdString());
    CHECK(drawn.filter("Insertion:").size() == 1);
    CHECK(drawn.filter("Origin:").size() >= 6);
    shot(w, "student");
}

TEST_CASE("Clinician: anterior pelvic tilt animates over the neutral ghost with live numbers, colours and plot",
          "[ui][gl][scenario]")
{
    uitest::ShownWindow s;
    auto& w = s.w;
    w.resize(1600, 1000);
    auto* tools = w.teaching();
    auto* pose = tools->posePanel();
    REQUIRE(w.document()->hasSolver());
    pose->show();
    const QString before = pose->readoutText();
    tools->setGhost(true);
    tools->setColourByLength(true);
    w.explore()->select("psoas_major_r");
    auto* plotDock = w.findChild<QDockWidget*>("LengthPlotDock");
    REQUIRE(plotDock);
    plotDock->show();
    tools->setPlotMuscle("psoas_major_r");
    w.viewport()->showViewPreset("left", false);

    auto* button = pose->findChild<QPushButton*>("preset_anterior_pelvic_tilt");
    REQUIRE(button);
    QTest::mouseClick(button, Qt::LeftButton);
    CHECK(w.session().poseMoving()); // about a second from neutral to the tilt
    QTest::qWait(450);
    CHECK(w.session().poseMoving());
    shot(w, "clinician-animating");
    REQUIRE(QTest::qWaitFor([&] { return !w.session().poseMoving(); }, 5000));
    CHECK(w.session().currentPreset() == "anterior_pelvic_tilt");
    CHECK(tools->ghost());
    CHECK(tools->colourByLength());
    CHECK(w.viewport()->findChild<QLabel*>("lengthLegend")->isVisible());

    // Live numbers changed, with both units of the iliopsoas lengths.
    const QString after = pose->readoutText();
    CHECK(after != before);
    for (const char* t : {"Psoas major", "Iliacus", "moment arm", "Lumbar lordosis", "Sacral slope", "Pelvic tilt",
                          " mm", " %"})
        CHECK(after.contains(t));
    tools->lengthPlot()->recompute();
    CHECK(tools->lengthPlot()->muscle() == "psoas_major_r");
    shot(w, "clinician");
}

TEST_CASE("Instructor: layers step by step, then a shipped lesson presented with the clicker keys",
          "[ui][gl][scenario]")
{
    uitest::ShownWindow s;
    auto& w = s.w;
    w.resize(1600, 1000);
    auto* ex = w.explore();
    // Layers from bone outwards: hide the muscles, then bring them back one group at a time.
    for (const char* group : {"deep_muscles", "diaphragm", "context_muscles"}) ex->setVisible(group, false);
    const auto countItems = [&] { return w.document()->drawList().items.size(); };
    const std::size_t boneOnly = countItems();
    shot(w, "instructor-bones");
    ex->setVisible("deep_muscles", true);
    CHECK(countItems() > boneOnly);
    ex->setVisible("diaphragm", true);
    shot(w, "instructor-layers");
    ex->showAll();

    auto* tools = w.teaching();
    REQUIRE(tools->openLesson(kLessons + "posterior_abdominal_wall_layers.json"));
    auto* lesson = tools->lessonPanel();
    REQUIRE(lesson->stepCount() == 7);
    auto* presentation = tools->presentation();
    presentation->setUseFullScreen(false); // no window manager under Xvfb
    w.resize(1600, 1000);
    presentation->enter();
    REQUIRE(presentation->active());
    CHECK(lesson->presenting());
    const auto camera0 = w.viewport()->camera().state();
    QTest::keyClick(&w, Qt::Key_PageDown);
    CHECK(lesson->currentStep() == 1);
    CHECK(w.viewport()->animating()); // the camera moves to the step's view
    REQUIRE(QTest::qWaitFor([&] { return settled(w); }, 5000));
    QTest::keyClick(&w, Qt::Key_Space);
    QTest::keyClick(&w, Qt::Key_Right);
    CHECK(lesson->currentStep() == 3);
    REQUIRE(QTest::qWaitFor([&] { return settled(w); }, 5000));
    CHECK(ex->selection().selected() == "iliacus_r");
    CHECK_FALSE(glm::all(glm::equal(w.viewport()->camera().state().orientation, camera0.orientation)));
    CHECK(lesson->stepHtml().contains("<strong>iliacus</strong>"));
    shot(w, "instructor-presenting");
    QTest::keyClick(&w, Qt::Key_PageUp);
    CHECK(lesson->currentStep() == 2);
    QTest::keyClick(&w, Qt::Key_Escape);
    CHECK_FALSE(presentation->active());
}

TEST_CASE("Lesson step text is rendered safely, its links select, open content or ask before a web page",
          "[ui][lesson][markdown]")
{
    ui::MainWindow w;
    REQUIRE(w.openDefaultModel());
    auto* lesson = w.teaching()->lessonPanel();
    app::Lesson l;
    l.title = "Links";
    app::LessonStep step;
    step.title = "A <b>title</b>";
    step.text = "The **psoas** and [L3](structure:l3), [an article](content:psoas_major), "
                "[a page](https://example.org/psoas) and [a file](file:///etc/passwd).\n\n<img src=\"/etc/x.png\">";
    l.steps.push_back(step);
    lesson->setLesson(l);
    REQUIRE(lesson->goToStep(0, false));
    const QString html = lesson->stepHtml();
    INFO(html.toStdString());
    CHECK(html.contains("<strong>psoas</strong>"));
    CHECK(html.contains("A &lt;b&gt;title&lt;/b&gt;"));
    CHECK_FALSE(html.contains("<img"));
    CHECK_FALSE(html.contains("file:///etc/passwd\""));
    CHECK(html.contains("href=\"structure:l3\""));

    QStringList asked;
    lesson->setExternalLinkConfirmer([&](const QUrl& url) {
        asked << url.toString();
        return false; // declined: nothing opens
    });
    lesson->openLink(QUrl("structure:l3"));
    CHECK(w.explore()->selection().selected() == "l3");
    lesson->openLink(QUrl("https://example.org/psoas"));
    CHECK(asked == QStringList{"https://example.org/psoas"});
    lesson->openLink(QUrl("file:///etc/passwd")); // never asked, never opened
    CHECK(asked.size() == 1);
    lesson->openLink(QUrl("content:psoas_major"));
    CHECK_FALSE(w.contentPanel()->isHidden());
    CHECK(w.contentPanel()->shownItem() == "psoas_major");
}

TEST_CASE("Every panel can be shown and hidden from a menu, each with its own shortcut", "[ui][menus]")
{
    ui::MainWindow w;
    QList<QAction*> inMenus;
    for (auto* menu : w.menuBar()->findChildren<QMenu*>()) inMenus += menu->actions();
    QStringList keys;
    for (auto* dock : w.findChildren<QDockWidget*>()) {
        INFO(dock->windowTitle().toStdString());
        QAction* toggle = dock->toggleViewAction();
        CHECK(inMenus.contains(toggle));
        CHECK_FALSE(toggle->shortcut().isEmpty());
        CHECK_FALSE(keys.contains(toggle->shortcut().toString()));
        keys << toggle->shortcut().toString();
    }
    CHECK(keys.size() >= 5);
}

TEST_CASE("Every action with a shortcut is in a menu, and no two share a key", "[ui][menus]")
{
    ui::MainWindow w;
    QList<QAction*> inMenus;
    for (auto* menu : w.menuBar()->findChildren<QMenu*>()) inMenus += menu->actions();
    QStringList keys, missing;
    for (auto* action : w.findChildren<QAction*>()) {
        if (action->shortcut().isEmpty() || action->isSeparator()) continue;
        if (!inMenus.contains(action)) missing << action->text() + " (" + action->shortcut().toString() + ")";
        for (const auto& key : action->shortcuts()) {
            INFO(action->text().toStdString() << " " << key.toString().toStdString());
            CHECK_FALSE(keys.contains(key.toString()));
            keys << key.toString();
        }
    }
    INFO("not in a menu: " << missing.join(", ").toStdString());
    CHECK(missing.isEmpty());
    CHECK(keys.size() >= 30);
}
