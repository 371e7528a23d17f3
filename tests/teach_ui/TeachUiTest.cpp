// Pose panel, length plot, lessons and presentation mode, driven as a user would.
#include "app/Document.h"
#include "app/GhostPose.h"
#include "app/LengthColouring.h"
#include "app/Session.h"
#include "ui/ExploreTools.h"
#include "ui/LengthPlot.h"
#include "ui/LessonPanel.h"
#include "ui/PoseClock.h"
#include "ui/MainWindow.h"
#include "ui/PosePanel.h"
#include "ui/PresentationMode.h"
#include "ui/TeachingTools.h"
#include "ui/Viewport.h"
#include "solver/Kinematics.h"

#include <QAction>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QFile>
#include <QListWidget>
#include <QRadioButton>
#include <QScreen>
#include <QSlider>
#include <QTemporaryDir>
#include <QTest>
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <filesystem>

using namespace psoas;

namespace {

QString ioData(const char* name) { return QString(PSOAS_TEST_DATA_DIR) + "/io/" + name; }
const std::string kAssets = PSOAS_ASSETS_DIR;

// The built-in model when it has been built, else the test cube with the real catalog (the
// solver then runs on the rig alone: lengths, measures and bone poses still work).
std::unique_ptr<app::Document> openPosableDocument()
{
    const std::string real = kAssets + "/models/lumbopelvic.glb";
    if (std::filesystem::exists(real)) {
        auto doc = app::Document::open(real, kAssets + "/models/catalog.json");
        if (doc.ok() && (*doc)->hasSolver()) return std::move(doc).value();
        if (doc.ok()) WARN("built-in model not posable, using the test cube: " << (*doc)->poseError());
    }
    auto doc = app::Document::open(ioData("cube.glb").toStdString(), kAssets + "/models/catalog.json");
    REQUIRE(doc.ok());
    return std::move(doc).value();
}

void waitUntil(const std::function<bool()>& done, int ms = 4000)
{
    for (int t = 0; t < ms && !done(); t += 20) QTest::qWait(20);
}

} // namespace

TEST_CASE("Moving a pose slider changes the readout and the pose", "[ui][pose]")
{
    auto doc = openPosableDocument();
    INFO(doc->poseError());
    REQUIRE(doc->hasSolver());
    app::Session session;
    session.setDocument(doc.get());
    ui::PosePanel panel(session);
    panel.show();
    int changes = 0; // pose undo steps
    session.subscribe([&](const app::Change& c) {
        if (c.pose && c.history) ++changes;
    });

    QSlider* slider = panel.slider("hip_flexion_r");
    QDoubleSpinBox* box = panel.spinBox("hip_flexion_r");
    REQUIRE(slider);
    REQUIRE(box);
    const QString before = panel.readoutText();
    CHECK(before.contains("Psoas major"));
    CHECK(before.contains("radiographic PT"));

    slider->setValue(int(45 * 10)); // the panel's slider has 0.1 degree steps
    CHECK(changes == 1);
    CHECK(doc->kinematics()->coordinate("hip_flexion_r") == Approx(45.0));
    CHECK(box->value() == Approx(45.0)); // the box follows without sending the value back
    CHECK(panel.readoutText() != before);

    // Hip flexion shortens the right psoas.
    double pct = 0.0;
    for (const auto& r : doc->kinematics()->readings())
        if (r.id == "psoas_major_r") pct = r.lengthPct;
    CHECK(pct < 97.0);

    // The box drives the slider the same way; an unchanged value does nothing.
    box->setValue(30.0);
    CHECK(changes == 2);
    CHECK(slider->value() == 300);
    box->setValue(30.0);
    CHECK(changes == 2);

    // Out-of-range values are clamped and noted.
    REQUIRE(panel.setCoordinateValue("hip_flexion_r", 500.0));
    CHECK(box->value() <= box->maximum());
    CHECK_FALSE(panel.noteText().isEmpty());
}

TEST_CASE("A preset animation ends exactly on the preset's pose", "[ui][pose]")
{
    auto doc = openPosableDocument();
    REQUIRE(doc->hasSolver());
    app::Session session;
    session.setDocument(doc.get());
    ui::PosePanel panel(session);
    ui::PoseClock clock(session); // moves the session's pose motion in real time
    QString lastPreset = "none";
    session.subscribe([&](const app::Change& c) {
        if (c.pose && c.history) lastPreset = QString::fromStdString(c.preset);
    });

    solver::Kinematics expected = *doc->kinematics();
    REQUIRE(expected.applyPreset("sitting").ok());

    REQUIRE(panel.animateToPreset("sitting", 300));
    CHECK(session.poseMoving());
    CHECK(clock.running());
    QTest::qWait(120);
    // Half-way: somewhere between neutral and sitting.
    const double mid = doc->kinematics()->coordinate("hip_flexion_r");
    const double target = expected.coordinate("hip_flexion_r");
    CHECK(std::abs(mid) < std::abs(target) + 1e-6);
    waitUntil([&] { return !session.poseMoving(); });
    REQUIRE_FALSE(session.poseMoving());
    CHECK_FALSE(clock.running());

    CHECK(doc->kinematics()->mode() == expected.mode());
    for (const auto& c : expected.coordinates()) {
        INFO(c.name);
        CHECK(doc->kinematics()->coordinate(c.name) == Approx(expected.coordinate(c.name)).margin(1e-6));
    }
    CHECK(lastPreset == "sitting");
    CHECK(session.currentPreset() == "sitting");
    CHECK(panel.spinBox("hip_flexion_r")->value() == Approx(target).margin(0.05));

    CHECK_FALSE(panel.animateToPreset("no_such_pose"));
    CHECK(panel.noteText().contains("no_such_pose"));
}

TEST_CASE("The standing/free switch shows the mode in force during and after a preset animation, and after undo/redo",
          "[ui][pose][undo]")
{
    QTemporaryDir dir;
    ui::ExploreTools::setSettingsFile(dir.filePath("settings.ini"));
    ui::MainWindow w;
    REQUIRE(w.openDefaultModel());
    auto* doc = w.document();
    REQUIRE(doc->hasSolver());
    auto* k = doc->kinematics();
    ui::PosePanel* panel = w.teaching()->posePanel();
    app::Session& session = w.session();
    auto* standing = panel->findChild<QRadioButton*>("modeStanding");
    auto* freeButton = panel->findChild<QRadioButton*>("modeFree");
    auto* undo = w.findChild<QAction*>("actionUndo");
    auto* redo = w.findChild<QAction*>("actionRedo");
    REQUIRE(standing);
    REQUIRE(freeButton);
    REQUIRE(undo);
    REQUIRE(redo);
    // What the user sees agrees with the solver and with what the panel reports.
    auto shows = [&](const char* mode) {
        const bool st = std::string(mode) == "standing";
        return standing->isChecked() == st && freeButton->isChecked() == !st && session.mode() == mode &&
               panel->slider("hip_flexion_r")->isEnabled() == !st;
    };

    REQUIRE(panel->animateToPreset("sitting", 0)); // free, at once
    CHECK(shows("free"));
    CHECK(k->mode() == solver::Mode::Free);
    const double sittingHip = k->coordinate("hip_flexion_r");

    // Free -> standing preset: the switch says Standing from the click on, all the way through.
    REQUIRE(panel->animateToPreset("anterior_pelvic_tilt", 700));
    CHECK(shows("standing"));
    int framesSeen = 0, framesWrong = 0;
    const int frames = session.subscribe([&](const app::Change& ch) {
        if (!ch.poseFrame) return;
        ++framesSeen;
        if (!shows("standing")) ++framesWrong;
    });
    waitUntil([&] { return !session.poseMoving(); });
    session.unsubscribe(frames);
    REQUIRE_FALSE(session.poseMoving());
    CHECK(framesSeen >= 3);
    CHECK(framesWrong == 0);
    CHECK(shows("standing"));
    CHECK(k->mode() == solver::Mode::Standing);
    const double tilt = k->coordinate("pelvis_tilt");

    // Standing -> free preset: Free during and after.
    REQUIRE(panel->animateToPreset("sitting", 500));
    QTest::qWait(150);
    REQUIRE(session.poseMoving());
    CHECK(shows("free"));
    waitUntil([&] { return !session.poseMoving(); });
    CHECK(shows("free"));

    // Undo and redo step preset by preset, the switch following the restored mode.
    undo->trigger();
    CHECK(shows("standing"));
    CHECK(k->mode() == solver::Mode::Standing);
    CHECK(k->coordinate("pelvis_tilt") == Approx(tilt).margin(1e-6));
    undo->trigger();
    CHECK(shows("free"));
    CHECK(k->coordinate("hip_flexion_r") == Approx(sittingHip).margin(1e-6));
    redo->trigger();
    CHECK(shows("standing"));
    CHECK(k->mode() == solver::Mode::Standing);

    // Undo in the middle of an animation stops it where it started, in that mode; it does not
    // carry on afterwards.
    REQUIRE(panel->animateToPreset("sitting", 800));
    QTest::qWait(200);
    REQUIRE(session.poseMoving());
    CHECK(shows("free"));
    undo->trigger();
    CHECK_FALSE(session.poseMoving());
    CHECK(shows("standing"));
    QTest::qWait(900);
    CHECK(shows("standing"));
    CHECK(k->mode() == solver::Mode::Standing);
    CHECK(k->coordinate("pelvis_tilt") == Approx(tilt).margin(1e-6));

    // A slider moved mid-animation keeps the mode in force (it does not fall back to free).
    REQUIRE(panel->animateToPreset("neutral", 800));
    QTest::qWait(200);
    REQUIRE(session.poseMoving());
    REQUIRE(panel->setCoordinateValue("pelvis_tilt", 5.0));
    CHECK_FALSE(session.poseMoving());
    CHECK(shows("standing"));
    CHECK(k->mode() == solver::Mode::Standing);
}

TEST_CASE("The neutral ghost draws moved parts at their rest pose, translucent and unpickable", "[ui][ghost]")
{
    auto doc = openPosableDocument();
    REQUIRE(doc->hasSolver());
    REQUIRE(doc->setCoordinate("pelvis_tilt", 20.0).ok());
    app::GhostPose ghost;
    REQUIRE(ghost.prepare(*doc));
    CHECK(ghost.prepare(*doc)); // once per document
    const std::size_t meshes = doc->model().meshes.size();
    CHECK(ghost.prepare(*doc));
    CHECK(doc->model().meshes.size() == meshes);
    scene::DrawList list = doc->drawList();
    const std::size_t live = list.items.size();
    REQUIRE(live > 0);
    ghost.appendTo(*doc, list);
    // Moved parts only: the tilted pelvis and everything below it in the built-in model (the
    // test cube hangs from no joint, so it never moves and gets no ghost).
    if (doc->model().sourcePath.find("lumbopelvic") != std::string::npos) REQUIRE(list.items.size() > live);
    CHECK(list.items.size() <= 2 * live);
    for (std::size_t i = live; i < list.items.size(); ++i) {
        const auto& item = list.items[i];
        CHECK(item.opacity < 0.5f);
        CHECK(item.pickId == 0u);
        CHECK(item.world == doc->model().restWorld(item.node));
        CHECK(item.mesh >= 0);
        CHECK(std::size_t(item.mesh) < doc->model().meshes.size());
    }
}

TEST_CASE("Length colouring tints shortened muscles blue and lengthened ones red", "[ui][colour]")
{
    const Vec3 grey(0.6f);
    CHECK(app::LengthColouring::tint(grey, 100.0) == grey);
    const Vec3 shorter = app::LengthColouring::tint(grey, 90.0);
    const Vec3 longer = app::LengthColouring::tint(grey, 110.0);
    CHECK(shorter.b > shorter.r);
    CHECK(longer.r > longer.b);
    CHECK(app::LengthColouring::tint(grey, 50.0) == app::LengthColouring::shorterColour());
    CHECK(app::LengthColouring::tint(grey, std::nan("")) == grey);
}

TEST_CASE("The length plot sweeps hip flexion without moving the shown pose", "[ui][plot]")
{
    auto doc = openPosableDocument();
    REQUIRE(doc->hasSolver());
    REQUIRE(doc->setCoordinate("hip_flexion_r", 20.0).ok());
    ui::LengthPlot plot;
    plot.setDocument(doc.get());
    plot.setMuscle("iliacus_r");
    CHECK(plot.muscle() == "iliacus_r");
    const auto& sweep = plot.sweep();
    REQUIRE(sweep.samples.size() == 29); // -20..120 in 5 degree steps
    CHECK(sweep.samples.front().value == Approx(-20.0));
    CHECK(sweep.samples.back().value == Approx(120.0));
    CHECK(sweep.samples.front().lengthMm > sweep.samples.back().lengthMm); // flexion shortens it
    CHECK(doc->kinematics()->coordinate("hip_flexion_r") == Approx(20.0));
    CHECK(plot.currentValue() == Approx(20.0));

    QTemporaryDir dir;
    const QString csv = dir.filePath("plot.csv"), png = dir.filePath("plot.png");
    REQUIRE(plot.exportCsv(csv));
    QFile f(csv);
    REQUIRE(f.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(f.readAll());
    CHECK(text.startsWith("coordinate,value,quantity,amount\n"));
    CHECK(text.contains("hip_flexion_r,-20,iliacus_r.length_mm,"));
    REQUIRE(plot.exportPng(png));
    QImage img(png);
    CHECK(img.width() >= 720);

    plot.setMuscle("not_a_muscle"); // keeps the current muscle
    CHECK(plot.muscle() == "iliacus_r");
}

TEST_CASE("Presentation keys step through a lesson and Esc leaves", "[ui][lesson][gl]")
{
    ui::MainWindow w;
    REQUIRE(w.openModel(ioData("cube.glb")));
    w.show();
    REQUIRE(QTest::qWaitForWindowExposed(&w));
    auto* tools = w.teaching();
    REQUIRE(tools);
    const QString path = QString::fromStdString(kAssets + "/lessons/posterior_abdominal_wall_layers.json");
    REQUIRE(tools->openLesson(path));
    ui::LessonPanel* lesson = tools->lessonPanel();
    REQUIRE(lesson->stepCount() >= 5);
    CHECK(lesson->currentStep() == 0);

    ui::PresentationMode* present = tools->presentation();
    present->setUseFullScreen(false); // a window manager under Xvfb may not honour it
    auto* action = w.findChild<QAction*>("actionPresentation");
    REQUIRE(action);
    CHECK(action->shortcut() == QKeySequence(Qt::Key_F5));
    action->trigger();
    REQUIRE(present->active());
    CHECK(lesson->presenting());

    QTest::keyClick(&w, Qt::Key_PageDown);
    CHECK(lesson->currentStep() == 1);
    QTest::keyClick(&w, Qt::Key_Space);
    CHECK(lesson->currentStep() == 2);
    QTest::keyClick(w.viewport(), Qt::Key_Right);
    CHECK(lesson->currentStep() == 3);
    QTest::keyClick(&w, Qt::Key_PageUp);
    CHECK(lesson->currentStep() == 2);
    QTest::keyClick(&w, Qt::Key_Left);
    CHECK(lesson->currentStep() == 1);
    for (int i = 0; i < 20; ++i) QTest::keyClick(&w, Qt::Key_PageDown); // stops at the last step
    CHECK(lesson->currentStep() == lesson->stepCount() - 1);

    QTest::keyClick(&w, Qt::Key_Escape);
    CHECK_FALSE(present->active());
    CHECK_FALSE(lesson->presenting());
    CHECK_FALSE(action->isChecked());
    // Outside presentation mode Page Down does not step.
    const int step = lesson->currentStep();
    QTest::keyClick(&w, Qt::Key_PageUp);
    CHECK(lesson->currentStep() == step);
}

TEST_CASE("A lesson built in the panel saves and opens again, a broken one still opens", "[ui][lesson]")
{
    ui::MainWindow w;
    REQUIRE(w.openModel(ioData("cube.glb")));
    ui::LessonPanel* lesson = w.teaching()->lessonPanel();
    lesson->addStepFromCurrentState();
    w.viewport()->showViewPreset("left", false);
    lesson->addStepFromCurrentState();
    lesson->addStepFromCurrentState();
    REQUIRE(lesson->stepCount() == 3);
    lesson->moveCurrentStep(-1); // third becomes second
    CHECK(lesson->currentStep() == 1);
    lesson->deleteCurrentStep();
    REQUIRE(lesson->stepCount() == 2);
    CHECK(lesson->lesson().steps[0].camera.hasOrientation);

    QTemporaryDir dir;
    const QString path = dir.filePath("mine.json");
    QString error;
    REQUIRE(lesson->saveLesson(path, &error));
    app::Lesson saved = lesson->lesson();
    lesson->setLesson({});
    QStringList warnings;
    REQUIRE(lesson->openLesson(path, &error, &warnings));
    CHECK(warnings.isEmpty());
    REQUIRE(lesson->stepCount() == 2);
    CHECK(lesson->lesson().steps[1].title == saved.steps[1].title);

    const QString broken = QString(PSOAS_TEST_DATA_DIR) + "/lesson/broken.json";
    REQUIRE(lesson->openLesson(broken, &error, &warnings));
    CHECK(lesson->stepCount() == 6);
    CHECK_FALSE(warnings.isEmpty());
    CHECK_FALSE(lesson->openLesson(QString(PSOAS_TEST_DATA_DIR) + "/lesson/not_a_lesson.json", &error));
    CHECK(error.contains("not_a_lesson.json"));
}

TEST_CASE("Add step keeps the marks shown on the model, and playing the step shows them again", "[ui][lesson]")
{
    ui::MainWindow w;
    REQUIRE(w.openDefaultModel());
    app::Session& session = w.session();
    REQUIRE(session.focus("lm_lesser_trochanter_r")); // as choosing it from search does
    REQUIRE(session.shown() == std::vector<std::string>{"lm_lesser_trochanter_r"});
    const std::string bone = session.selection().selected();
    CHECK_FALSE(bone.empty());
    ui::LessonPanel* lesson = w.teaching()->lessonPanel();
    lesson->addStepFromCurrentState();
    REQUIRE(lesson->stepCount() == 1);
    CHECK(lesson->lesson().steps[0].show == std::vector<std::string>{"lm_lesser_trochanter_r"});
    CHECK(lesson->lesson().steps[0].selection == std::vector<std::string>{bone});

    QTemporaryDir dir;
    const QString path = dir.filePath("marks.json");
    QString error;
    REQUIRE(lesson->saveLesson(path, &error));
    session.select(""); // another selection drops the marks
    CHECK(session.shown().empty());
    QStringList warnings;
    REQUIRE(lesson->openLesson(path, &error, &warnings));
    CHECK(warnings.isEmpty());
    REQUIRE(lesson->goToStep(0, false));
    CHECK(session.shown() == std::vector<std::string>{"lm_lesser_trochanter_r"});
    CHECK(session.selection().selected() == bone);
}

// Hidden: writes screenshots of presentation mode for a visual check
// (PSOAS_SHOT_DIR=/tmp teach_ui_tests "[.screenshot]").
TEST_CASE("Presentation mode screenshot", "[.screenshot]")
{
    const char* dir = std::getenv("PSOAS_SHOT_DIR");
    REQUIRE(dir);
    ui::MainWindow w;
    REQUIRE(w.openDefaultModel());
    w.resize(1600, 900);
    w.show();
    REQUIRE(QTest::qWaitForWindowExposed(&w));
    auto* tools = w.teaching();
    REQUIRE(tools->openLesson(QString::fromStdString(kAssets + "/lessons/anterior_pelvic_tilt_for_patients.json")));
    tools->presentation()->setUseFullScreen(false);
    tools->presentation()->enter();
    QTest::keyClick(&w, Qt::Key_PageDown);
    QTest::keyClick(&w, Qt::Key_PageDown);
    tools->setColourByLength(true);
    tools->setGhost(true);
    QTest::qWait(2500);
    w.grab().save(QString(dir) + "/teachb_present.png");
    tools->presentation()->leave();
    tools->setGhost(false);
    w.findChild<QDockWidget*>("LengthPlotDock")->show();
    tools->setPlotMuscle("psoas_major_r");
    tools->lengthPlot()->recompute();
    QTest::qWait(500);
    w.grab().save(QString(dir) + "/teachb_normal.png");
}

TEST_CASE("Presentation mode goes full screen, the clicker keys step, Esc restores the window and its docks",
          "[ui][lesson][gl][fullscreen]")
{
    QTemporaryDir dir;
    ui::ExploreTools::setSettingsFile(dir.filePath("settings.ini"));
    ui::MainWindow w;
    REQUIRE(w.openModel(ioData("cube.glb")));
    w.resize(1100, 700);
    w.move(40, 30);
    w.show();
    REQUIRE(QTest::qWaitForWindowExposed(&w));
    auto* tools = w.teaching();
    REQUIRE(tools->openLesson(QString::fromStdString(kAssets + "/lessons/posterior_abdominal_wall_layers.json")));
    ui::LessonPanel* lesson = tools->lessonPanel();
    QTest::qWait(100);
    const QRect before = w.geometry();
    const int leastBefore = w.minimumSizeHint().width();
    QStringList withLesson; // the docks shown before presenting
    for (auto* dock : w.findChildren<QDockWidget*>())
        if (dock->isVisible()) withLesson << dock->objectName();
    withLesson.sort();
    REQUIRE(withLesson.size() >= 2);
    REQUIRE(withLesson.contains(lesson->objectName()));

    // F5, the View menu's shortcut (shortcuts need the active window; no window manager here
    // activates it, so the test does).
    w.activateWindow();
    REQUIRE(QTest::qWaitForWindowActive(&w));
    QTest::keyClick(&w, Qt::Key_F5);
    ui::PresentationMode* present = tools->presentation();
    REQUIRE(present->active());
    // Full screen as far as Qt and the X server go (Xvfb has no window manager).
    REQUIRE(QTest::qWaitFor([&] { return w.windowState().testFlag(Qt::WindowFullScreen); }, 2000));
    CHECK(w.isFullScreen());
    const QRect screen = w.screen()->geometry();
    (void)QTest::qWaitFor([&] { return w.geometry() == screen; }, 2000);
    INFO("window " << w.geometry().width() << "x" << w.geometry().height() << " on a screen of "
                   << screen.width() << "x" << screen.height());
    CHECK(w.geometry() == screen);
    for (auto* dock : w.findChildren<QDockWidget*>()) {
        INFO(dock->objectName().toStdString());
        CHECK(dock->isVisible() == (dock == lesson));
    }

    for (auto key : {Qt::Key_PageDown, Qt::Key_Space, Qt::Key_Right, Qt::Key_Down}) {
        const int step = lesson->currentStep();
        QTest::keyClick(&w, key);
        CHECK(lesson->currentStep() == step + 1);
    }
    for (auto key : {Qt::Key_PageUp, Qt::Key_Left, Qt::Key_Up}) {
        const int step = lesson->currentStep();
        QTest::keyClick(&w, key);
        CHECK(lesson->currentStep() == step - 1);
    }

    QTest::keyClick(&w, Qt::Key_Escape);
    CHECK_FALSE(present->active());
    REQUIRE(QTest::qWaitFor([&] { return !w.windowState().testFlag(Qt::WindowFullScreen); }, 2000));
    (void)QTest::qWaitFor([&] { return w.geometry() == before; }, 2000);
    INFO("back at " << w.geometry().x() << "," << w.geometry().y() << " " << w.geometry().width() << "x"
                    << w.geometry().height() << ", was " << before.x() << "," << before.y() << " " << before.width()
                    << "x" << before.height() << "; least width now " << w.minimumSizeHint().width()
                    << ", before " << leastBefore);
    CHECK(w.geometry() == before);
    QStringList docksAfter;
    for (auto* dock : w.findChildren<QDockWidget*>())
        if (dock->isVisible()) docksAfter << dock->objectName();
    docksAfter.sort();
    CHECK(docksAfter == withLesson);
}

TEST_CASE("The next start restores the window's size, the docks shown and the standing/free mode", "[ui][settings]")
{
    QTemporaryDir dir;
    ui::ExploreTools::setSettingsFile(dir.filePath("settings.ini"));
    QString wanted;
    {
        ui::MainWindow w;
        REQUIRE(w.openDefaultModel());
        w.resize(1000, 650);
        w.show();
        REQUIRE(QTest::qWaitForWindowExposed(&w));
        app::Session& session = w.session();
        wanted = session.mode() == "standing" ? "free" : "standing"; // the other one
        w.teaching()->posePanel()->findChild<QRadioButton*>(wanted == "standing" ? "modeStanding" : "modeFree")->click();
        REQUIRE(session.mode() == wanted.toStdString());
        w.findChild<QDockWidget*>("LengthPlotDock")->show(); // the length plot dock
        QTest::qWait(100);
        w.close(); // saves
    }
    ui::MainWindow w2;
    REQUIRE(w2.openDefaultModel());
    w2.show();
    REQUIRE(QTest::qWaitForWindowExposed(&w2));
    CHECK(w2.size() == QSize(1000, 650));
    CHECK(w2.session().mode() == wanted.toStdString());
    CHECK(w2.document()->kinematics()->mode() ==
          (wanted == "standing" ? solver::Mode::Standing : solver::Mode::Free));
    CHECK(w2.findChild<QDockWidget*>("LengthPlotDock")->isVisible());
    auto* radio = w2.teaching()->posePanel()->findChild<QRadioButton*>(wanted == "standing" ? "modeStanding" : "modeFree");
    REQUIRE(radio);
    CHECK(radio->isChecked());
}

TEST_CASE("The length plot follows the selected muscle and every pose change, undo included, and exports that muscle",
          "[ui][plot][session]")
{
    QTemporaryDir dir;
    ui::ExploreTools::setSettingsFile(dir.filePath("settings.ini"));
    ui::MainWindow w;
    REQUIRE(w.openDefaultModel());
    auto* k = w.document()->kinematics();
    REQUIRE(k);
    ui::LengthPlot* plot = w.teaching()->lengthPlot();
    // The plot dock stays hidden: changes made meanwhile must not leave it stale.
    w.explore()->select("iliacus_l");
    REQUIRE(w.applyPosePreset("kneeling_lunge"));
    CHECK(plot->muscle() == "iliacus_l");
    w.explore()->select("psoas_major_r");
    REQUIRE(w.applyPosePreset("anterior_pelvic_tilt"));
    CHECK(plot->muscle() == "psoas_major_r");
    CHECK(plot->muscleName().contains("psoas", Qt::CaseInsensitive));
    CHECK(plot->sweep().muscle == "psoas_major_r");
    CHECK(plot->currentValue() == Approx(k->coordinate("hip_flexion_r")));

    REQUIRE(w.explore()->undo()); // back to the lunge pose (the selection stays)
    CHECK(plot->currentValue() == Approx(k->coordinate("hip_flexion_r")));
    const QString csv = dir.filePath("plot.csv");
    REQUIRE(plot->exportCsv(csv));
    QFile f(csv);
    REQUIRE(f.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(f.readAll());
    CHECK(text.contains("psoas_major_r"));
    CHECK_FALSE(text.contains("iliacus"));
    // The pose rows show the undone pose too.
    CHECK(w.teaching()->posePanel()->spinBox("hip_flexion_r")->value() ==
          Approx(k->coordinate("hip_flexion_r")).margin(0.05));
}
