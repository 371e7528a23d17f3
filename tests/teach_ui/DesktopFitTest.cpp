// The window on the screens it is used on, and the habits of a desktop program: the wheel
// scrolls docks, the window fits a projector's 1280x720 with every dock open, dialogs start in
// the user's folders and the export dialog comes back as it was left.
#include "app/Document.h"
#include "ui/ExploreTools.h"
#include "ui/FileDialogs.h"
#include "ui/LabelOverlay.h"
#include "ui/LessonPanel.h"
#include "ui/MainWindow.h"
#include "ui/PosePanel.h"
#include "ui/TeachingTools.h"
#include "ui/Viewport.h"
#include "solver/Kinematics.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QImage>
#include <QLayout>
#include <QLineEdit>
#include <QScrollArea>
#include <QScrollBar>
#include <QSlider>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QWheelEvent>
#include <catch2/catch.hpp>

#include <filesystem>

using namespace psoas;

namespace {

const std::string kAssets = PSOAS_ASSETS_DIR;

void showAllDocks(ui::MainWindow& w)
{
    for (auto* dock : w.findChildren<QDockWidget*>()) dock->show();
}

void wheelOver(QWidget* target, int delta)
{
    const QPointF local(target->width() / 2.0, target->height() / 2.0);
    QWheelEvent e(local, target->mapToGlobal(local), QPoint(), QPoint(0, delta), Qt::NoButton, Qt::NoModifier,
                  Qt::NoScrollPhase, false);
    QCoreApplication::sendEvent(target, &e);
}

} // namespace

TEST_CASE("Turning the wheel over the Pose dock scrolls it and changes no joint angle until a control is clicked",
          "[ui][pose][wheel]")
{
    QTemporaryDir dir;
    ui::ExploreTools::setSettingsFile(dir.filePath("settings.ini"));
    ui::MainWindow w;
    REQUIRE(w.openDefaultModel());
    REQUIRE(w.document()->hasSolver());
    w.resize(1280, 720);
    w.show();
    ui::PosePanel* panel = w.teaching()->posePanel();
    panel->show();
    REQUIRE(QTest::qWaitForWindowExposed(&w));
    auto* scroll = panel->findChild<QScrollArea*>();
    REQUIRE(scroll);
    auto* k = w.document()->kinematics();
    QSlider* slider = panel->slider("hip_flexion_r");
    QDoubleSpinBox* box = panel->spinBox("hip_flexion_r");
    REQUIRE(slider);
    REQUIRE(box);
    w.viewport()->setFocus();
    const double before = k->coordinate("hip_flexion_r");
    const int scrollBefore = scroll->verticalScrollBar()->value();
    wheelOver(slider, -120);
    wheelOver(box, -120);
    QTest::qWait(50);
    CHECK(k->coordinate("hip_flexion_r") == Approx(before));
    if (scroll->verticalScrollBar()->maximum() > 0) CHECK(scroll->verticalScrollBar()->value() > scrollBefore);

    // Clicked (focused), the control takes the wheel as before.
    w.activateWindow();
    QApplication::setActiveWindow(&w);
    box->setFocus(Qt::MouseFocusReason);
    QTest::qWait(20);
    REQUIRE(box->hasFocus());
    wheelOver(box, 120);
    QTest::qWait(50);
    CHECK(k->coordinate("hip_flexion_r") != Approx(before));
}

TEST_CASE("With every dock open the window fits 1280x720 and 1366x768, at larger fonts too", "[ui][layout]")
{
    // Desktops with a larger font (accessibility settings, a projector laptop) and the default.
    const QFont original = QApplication::font();
    const double scale = GENERATE(1.0, 1.4);
    QFont font = original;
    font.setPointSizeF(original.pointSizeF() * scale);
    QApplication::setFont(font);
    struct Restore {
        QFont f;
        ~Restore() { QApplication::setFont(f); }
    } restore{original};
    INFO("font scale " << scale);
    QTemporaryDir dir;
    ui::ExploreTools::setSettingsFile(dir.filePath("settings.ini"));
    ui::MainWindow w;
    REQUIRE(w.openDefaultModel());
    showAllDocks(w);
    // The lesson dock with a lesson in it (its list and text grow the hint when they are filled).
    REQUIRE(w.teaching()->openLesson(QString::fromStdString(kAssets + "/lessons/psoas_origins_insertion_tour.json")));
    w.show();
    REQUIRE(QTest::qWaitForWindowExposed(&w));
    QTest::qWait(50);
    const QSize minimum = w.minimumSizeHint().expandedTo(w.layout()->minimumSize());
    INFO("minimum " << minimum.width() << "x" << minimum.height());
    CHECK(minimum.width() <= 1280);
    CHECK(minimum.height() <= 720);
    for (const QSize screen : {QSize(1280, 720), QSize(1366, 768)}) {
        w.resize(screen);
        QTest::qWait(50);
        INFO("asked " << screen.width() << "x" << screen.height() << ", got " << w.width() << "x" << w.height());
        CHECK(w.size() == screen);
    }
}

TEST_CASE("Save Lesson As never proposes a shipped lesson's file, and New Lesson starts empty", "[ui][lesson][files]")
{
    QTemporaryDir dir;
    ui::ExploreTools::setSettingsFile(dir.filePath("settings.ini"));
    ui::MainWindow w;
    REQUIRE(w.openDefaultModel());
    auto* teaching = w.teaching();
    const QString shipped = QString::fromStdString(kAssets + "/lessons/psoas_origins_insertion_tour.json");
    REQUIRE(teaching->openLesson(shipped));
    CHECK(ui::isShippedPath(shipped));
    CHECK_FALSE(ui::isShippedPath(dir.filePath("mine.json")));

    // First time: the shipped file's name, in the user's Documents (or home) folder.
    const QString proposal = teaching->saveLessonProposal();
    CHECK_FALSE(ui::isShippedPath(proposal));
    CHECK(QFileInfo(proposal).fileName() == "psoas_origins_insertion_tour.json");
    CHECK(QFileInfo(proposal).absolutePath() == QFileInfo(ui::startFolder("lesson")).absoluteFilePath());

    // Saving onto the shipped file is refused (nothing written); a folder of one's own is fine
    // and is proposed from then on.
    const QByteArray original = [&] { QFile f(shipped); f.open(QIODevice::ReadOnly); return f.readAll(); }();
    QTimer::singleShot(200, [] {
        for (QWidget* top : QApplication::topLevelWidgets())
            if (auto* box = qobject_cast<QDialog*>(top); box && box->isVisible()) box->reject();
    });
    teaching->setSaveLessonPathHook([&](const QString&) { return shipped; });
    teaching->saveLessonAs();
    QFile again(shipped);
    REQUIRE(again.open(QIODevice::ReadOnly));
    CHECK(again.readAll() == original);

    const QString mine = dir.filePath("lessons/mine.json");
    QDir().mkpath(dir.filePath("lessons"));
    teaching->setSaveLessonPathHook([&](const QString&) { return mine; });
    teaching->saveLessonAs();
    REQUIRE(QFileInfo::exists(mine));
    CHECK(teaching->lessonPanel()->lessonPath() == mine);
    CHECK(teaching->saveLessonProposal() == mine);
    CHECK(ui::startFolder("lesson") == dir.filePath("lessons"));

    // New Lesson: no steps, no file; Save As proposes a name from the title in the last folder.
    auto* fresh = w.findChild<QAction*>("actionNewLesson");
    REQUIRE(fresh);
    fresh->trigger();
    CHECK(teaching->lessonPanel()->stepCount() == 0);
    CHECK(teaching->lessonPanel()->lessonPath().isEmpty());
    CHECK(teaching->saveLessonProposal() == dir.filePath("lessons/untitled_lesson.json"));
    teaching->lessonPanel()->addStepFromCurrentState();
    CHECK(teaching->lessonPanel()->stepCount() == 1);
    CHECK(teaching->lessonPanel()->modified());
}

TEST_CASE("Export Image keeps its size and labels choice, and includes labels that are off in the view",
          "[ui][export][gl]")
{
    QTemporaryDir dir;
    ui::ExploreTools::setSettingsFile(dir.filePath("settings.ini"));
    ui::MainWindow w;
    REQUIRE(w.openDefaultModel());
    w.resize(1000, 700);
    w.show();
    REQUIRE(QTest::qWaitForWindowExposed(&w));
    auto* explore = w.explore();
    explore->setLabelsVisible(false);
    QString out = dir.filePath("a.png");
    // First export: custom 640x360 with labels.
    explore->setExportHooks(
        [](QDialog& d) {
            auto* preset = d.findChild<QComboBox*>("exportSizePreset");
            preset->setCurrentIndex(preset->count() - 1); // Custom
            d.findChild<QSpinBox*>("exportWidth")->setValue(640);
            d.findChild<QSpinBox*>("exportHeight")->setValue(360);
            d.findChild<QCheckBox*>("exportLabels")->setChecked(true);
            QMetaObject::invokeMethod(&d, "accept", Qt::QueuedConnection);
        },
        [&] { return out; });
    explore->exportImage();
    QImage a(out);
    REQUIRE_FALSE(a.isNull());
    CHECK(a.size() == QSize(640, 360));
    CHECK_FALSE(explore->overlay()->drawnLabels().isEmpty()); // labels were drawn into the export

    // Second time the dialog opens as it was left.
    QSize seen;
    bool labelsSeen = false;
    out = dir.filePath("b.png");
    explore->setExportHooks(
        [&](QDialog& d) {
            seen = QSize(d.findChild<QSpinBox*>("exportWidth")->value(), d.findChild<QSpinBox*>("exportHeight")->value());
            labelsSeen = d.findChild<QCheckBox*>("exportLabels")->isChecked();
            QMetaObject::invokeMethod(&d, "accept", Qt::QueuedConnection);
        },
        [&] { return out; });
    explore->exportImage();
    CHECK(seen == QSize(640, 360));
    CHECK(labelsSeen);
    CHECK(QImage(out).size() == QSize(640, 360));
}

TEST_CASE("Ctrl+E exports the view while the search box has the focus, and text keys stay with the text",
          "[ui][export][keys]")
{
    QTemporaryDir dir;
    ui::ExploreTools::setSettingsFile(dir.filePath("settings.ini"));
    ui::MainWindow w;
    REQUIRE(w.openDefaultModel());
    w.show();
    REQUIRE(QTest::qWaitForWindowExposed(&w));
    w.activateWindow();
    QApplication::setActiveWindow(&w);
    auto* search = w.findChild<QLineEdit*>("searchEdit");
    REQUIRE(search);
    search->setFocus(Qt::MouseFocusReason);
    QTest::qWait(20);
    REQUIRE(search->hasFocus());
    int dialogs = 0;
    w.explore()->setExportHooks(
        [&](QDialog& d) {
            ++dialogs;
            QMetaObject::invokeMethod(&d, "reject", Qt::QueuedConnection);
        },
        [] { return QString(); });
    QTest::keyClick(search, Qt::Key_E, Qt::ControlModifier);
    QTest::qWait(50);
    CHECK(dialogs == 1);
    // Typing and select-all still belong to the search box.
    QTest::keyClicks(search, "psoas");
    QTest::keyClick(search, Qt::Key_A, Qt::ControlModifier);
    CHECK(search->selectedText() == "psoas");
}
