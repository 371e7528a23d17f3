// Layers, picking, labels, attachments, undo/redo, settings and export in the main window,
// on the built-in model. Needs a display with GL (run under xvfb-run -a).
#include "../ui/ShownWindow.h"
#include "app/Document.h"
#include "ui/ExploreTools.h"
#include "ui/LabelOverlay.h"
#include "ui/LayersPanel.h"
#include "app/Session.h"
#include "ui/MainWindow.h"
#include <QStatusBar>
#include <QTreeWidget>
#include "ui/ContentPanel.h"
#include "ui/Viewport.h"

#include <QAction>
#include <QApplication>
#include <QImage>
#include <QTemporaryDir>
#include <QCursor>
#include <QTest>
#include <QTreeWidget>
#include <catch2/catch.hpp>

using namespace psoas;

namespace {

// Every test gets its own settings file so that nothing leaks between tests or from the user.
struct Fixture {
    QTemporaryDir dir;
    Fixture() { ui::ExploreTools::setSettingsFile(dir.filePath("settings.ini")); }
};

void openShown(ui::MainWindow& w) { uitest::showDefaultModel(w); }

bool drawListHas(const app::Document& doc, const std::string& id)
{
    for (const auto& item : doc.drawList().items)
        if (doc.scene().node(item.node).name == id) return true;
    return false;
}

// A pixel where the pick pass sees `id`: project the structure's vertices with the camera
// until one is not covered by something else.
QPoint pixelOf(ui::MainWindow& w, const std::string& id)
{
    auto& doc = *w.document();
    const int node = doc.scene().find(id);
    REQUIRE(node >= 0);
    REQUIRE_FALSE(doc.scene().node(node).meshes.empty());
    const auto& mesh = doc.model().meshes[std::size_t(doc.scene().node(node).meshes.front())];
    const Mat4 world = doc.scene().world(node);
    const auto& cam = w.viewport()->camera();
    const std::size_t step = std::max<std::size_t>(1, mesh.positions.size() / 300);
    for (std::size_t i = mesh.positions.size() / 2; i < mesh.positions.size(); i += step) {
        Vec3 s = cam.project(Vec3(world * Vec4(mesh.positions[i], 1.0f)));
        QPoint p(int(s.x), int(s.y));
        if (!w.viewport()->rect().contains(p)) continue;
        if (w.viewport()->pickNode(p) == node) return p;
    }
    FAIL("no visible pixel of " << id);
    return {};
}

QTreeWidgetItem* treeItem(ui::LayersPanel* panel, const QString& id)
{
    for (QTreeWidgetItemIterator it(panel->tree()); *it; ++it)
        if ((*it)->parent() && (*it)->data(0, Qt::UserRole + 1).toString() == id) return *it;
    return nullptr;
}

} // namespace

TEST_CASE("Unticking a layer removes it from the draw list and it can no longer be picked", "[ui][gl][layers]")
{
    Fixture f;
    ui::MainWindow w;
    openShown(w);
    auto* ex = w.explore();
    REQUIRE(drawListHas(*w.document(), "diaphragm"));
    const QPoint onDiaphragm = pixelOf(w, "diaphragm");

    auto* item = treeItem(ex->layersPanel(), "diaphragm");
    REQUIRE(item);
    item->setCheckState(0, Qt::Unchecked); // as a user click on the checkbox
    CHECK_FALSE(ex->layers().isVisible("diaphragm"));
    CHECK_FALSE(drawListHas(*w.document(), "diaphragm"));
    CHECK(drawListHas(*w.document(), "psoas_major_r"));

    QTest::mouseClick(w.viewport(), Qt::LeftButton, {}, onDiaphragm);
    CHECK(ex->selection().selected() != "diaphragm");

    // Layers menu: Show all brings it back; Isolate shows one structure only.
    w.findChild<QAction*>("actionShowAll")->trigger();
    CHECK(drawListHas(*w.document(), "diaphragm"));
    ex->select("iliacus_l");
    w.findChild<QAction*>("actionIsolate")->trigger();
    CHECK(drawListHas(*w.document(), "iliacus_l"));
    CHECK(w.document()->drawList().items.size() == 1);
}

TEST_CASE("A click on a structure's pixel selects it, Esc and a click on empty space clear", "[ui][gl][picking]")
{
    Fixture f;
    ui::MainWindow w;
    openShown(w);
    auto* ex = w.explore();
    const QPoint p = pixelOf(w, "psoas_major_r");
    QTest::mouseClick(w.viewport(), Qt::LeftButton, {}, p);
    CHECK(ex->selection().selected() == "psoas_major_r");
    const int node = w.document()->scene().find("psoas_major_r");
    CHECK(w.document()->scene().node(node).highlight > 0.0f);

    // The psoas origins (bodies T12–L5, transverse processes L1–L5) and insertion are marked.
    const auto& areas = ex->overlay()->attachments();
    CHECK(areas.size() == 12);
    CHECK(ex->showAttachments());

    // The side panel, the Layers tree and the status bar name the same structure as the view.
    CHECK(w.contentPanel()->selectedStructure() == "psoas_major_r");
    CHECK(ex->layersPanel()->currentId() == "psoas_major_r");
    CHECK(w.statusBar()->currentMessage().contains("psoas", Qt::CaseInsensitive));
    // The tree names structures as the catalog does, not by id.
    auto* tree = ex->layersPanel()->findChild<QTreeWidget*>();
    REQUIRE(tree);
    CHECK_FALSE(tree->findItems("Right psoas major", Qt::MatchFixedString | Qt::MatchRecursive).isEmpty());
    CHECK(tree->findItems("psoas_major_r", Qt::MatchFixedString | Qt::MatchRecursive).isEmpty());

    QTest::mouseClick(w.viewport(), Qt::LeftButton, {}, QPoint(3, 3)); // background
    CHECK_FALSE(ex->selection().hasSelection());
    CHECK(w.document()->scene().node(node).highlight == 0.0f);
    // ... and all of them let go of it together.
    CHECK(w.contentPanel()->selectedStructure().isEmpty());
    CHECK(ex->layersPanel()->currentId().isEmpty());
    CHECK(w.statusBar()->currentMessage() == "Selection cleared");

    ex->select("psoas_major_r");
    w.viewport()->setFocus();
    QTest::keyClick(w.viewport(), Qt::Key_Escape);
    CHECK_FALSE(ex->selection().hasSelection());
    CHECK(w.contentPanel()->selectedStructure().isEmpty());
    CHECK(ex->layersPanel()->currentId().isEmpty());
    // Undo brings the selection back everywhere, not only in the view.
    REQUIRE(ex->undo());
    CHECK(ex->selection().selected() == "psoas_major_r");
    CHECK(w.contentPanel()->selectedStructure() == "psoas_major_r");
    CHECK(ex->layersPanel()->currentId() == "psoas_major_r");
}

TEST_CASE("Hovering highlights a structure without selecting it", "[ui][gl][picking]")
{
    Fixture f;
    ui::MainWindow w;
    openShown(w);
    auto* ex = w.explore();
    const QPoint p = pixelOf(w, "iliacus_r");
    // QTest::mouseMove warps the X pointer, which sends no motion event when an earlier test
    // left the pointer at that very place; the event itself always arrives.
    {
        QMouseEvent move(QEvent::MouseMove, QPointF(p), QPointF(w.viewport()->mapToGlobal(p)), Qt::NoButton, Qt::NoButton,
                         Qt::NoModifier);
        QCoreApplication::sendEvent(w.viewport(), &move);
    }
    // The throttled hover pick (90 ms; seconds on a loaded machine: the waits end as soon as it lands).
    CHECK(QTest::qWaitFor([&] { return ex->selection().hovered() == "iliacus_r"; }, 10000));
    CHECK_FALSE(ex->selection().hasSelection());

    // A view key turns the model under the still pointer: the name goes with it and the
    // structure now under the pointer is named once the camera rests.
    w.viewport()->showViewPreset("superior", false);
    const int now = w.viewport()->pickNode(p);
    const std::string expected = now >= 0 ? w.document()->scene().node(now).name : std::string();
    INFO("under the pointer now: " << expected);
    CHECK(expected != "iliacus_r");
    CHECK(QTest::qWaitFor([&] { return ex->selection().hovered() != "iliacus_r"; }, 10000));
    if (!expected.empty() && w.session().layers().contains(expected)) {
        CHECK(QTest::qWaitFor([&] { return ex->selection().hovered() == expected; }, 10000));
    }
}

TEST_CASE("Labels show from the front and hide when their landmark is behind bone", "[ui][gl][labels]")
{
    Fixture f;
    ui::MainWindow w;
    openShown(w);
    auto* overlay = w.explore()->overlay();
    // Close enough that each vertebra has its own label (zoomed out they merge into "T12–L5").
    auto closer = w.viewport()->camera().state();
    closer.distance *= 0.4f;
    w.viewport()->camera().setState(closer);
    overlay->updateOcclusionNow();
    CHECK_FALSE(overlay->occludedLandmarks().contains("lm_l3_body"));
    overlay->grab();
    CHECK(overlay->drawnLabels().contains("L3"));

    w.viewport()->showViewPreset("posterior", false);
    closer = w.viewport()->camera().state();
    closer.distance *= 0.4f;
    w.viewport()->camera().setState(closer);
    overlay->updateOcclusionNow();
    CHECK(overlay->occludedLandmarks().contains("lm_l3_body"));
    overlay->grab();
    CHECK_FALSE(overlay->drawnLabels().contains("L3"));

    // Labels never overlap. Counted in a view of laptop size (the window's docks decide how
    // wide the view is; this checks the labels, not the docks).
    w.resize(1366, 768);
    QApplication::processEvents();
    w.viewport()->showViewPreset("anterior", false);
    overlay->updateOcclusionNow();
    overlay->grab();
    INFO("view " << w.viewport()->width() << "x" << w.viewport()->height() << ", labels drawn: "
                 << overlay->drawnLabels().join(", ").toStdString());
    CHECK(overlay->drawnLabels().size() >= 8);

    w.findChild<QAction*>("actionLabels")->trigger(); // L toggles them off
    overlay->grab();
    CHECK(overlay->drawnLabels().isEmpty());
}

TEST_CASE("Undo and redo round trip for visibility, selection and pose", "[ui][gl][undo]")
{
    Fixture f;
    ui::MainWindow w;
    openShown(w);
    auto* ex = w.explore();
    auto* doc = w.document();
    auto* undo = w.findChild<QAction*>("actionUndo");
    auto* redo = w.findChild<QAction*>("actionRedo");
    REQUIRE(undo);
    REQUIRE(redo);
    CHECK_FALSE(undo->isEnabled());

    ex->setVisible("diaphragm", false);
    ex->select("psoas_major_l");
    const bool posing = doc->hasSolver();
    if (posing) {
        REQUIRE(doc->setCoordinate("hip_flexion_l", 35.0).ok());
        ex->poseChanged("Hip flexion");
    }
    CHECK(undo->isEnabled());
    if (posing) {
        undo->trigger();
        CHECK(doc->kinematics()->coordinate("hip_flexion_l") == Approx(0.0).margin(1e-6));
    }
    undo->trigger();
    CHECK_FALSE(ex->selection().hasSelection());
    undo->trigger();
    CHECK(ex->layers().isVisible("diaphragm"));
    CHECK(drawListHas(*doc, "diaphragm"));
    CHECK_FALSE(undo->isEnabled());

    redo->trigger();
    CHECK_FALSE(drawListHas(*doc, "diaphragm"));
    redo->trigger();
    CHECK(ex->selection().selected() == "psoas_major_l");
    if (posing) {
        redo->trigger();
        CHECK(doc->kinematics()->coordinate("hip_flexion_l") == Approx(35.0).margin(1e-6));
    }
    CHECK_FALSE(redo->isEnabled());
}

TEST_CASE("Layers, selection, pose, camera and labels come back on the next start", "[ui][gl][settings]")
{
    Fixture f;
    scene::CameraState saved;
    bool posing = false;
    {
        ui::MainWindow w;
        openShown(w);
        auto* ex = w.explore();
        ex->setVisible("context_muscles", false);
        ex->setOpacity("hip_bone_r", 0.4f);
        ex->select("iliacus_r");
        posing = w.document()->hasSolver();
        if (posing) REQUIRE(w.document()->setCoordinate("pelvis_tilt", 12.0).ok());
        w.viewport()->showViewPreset("left", false);
        saved = w.viewport()->camera().state();
        ex->setLabelsVisible(false);
        w.close(); // saves
    }
    ui::MainWindow w2;
    openShown(w2);
    // openShown turned the camera to the front: reopen to see the restored camera.
    auto* ex = w2.explore();
    CHECK_FALSE(ex->layers().isVisible("gluteus_maximus_l"));
    CHECK(ex->layers().opacity("hip_bone_r") == Approx(0.4f).margin(0.01));
    CHECK(ex->selection().selected() == "iliacus_r");
    CHECK_FALSE(ex->overlay()->labelsVisible());
    if (posing) CHECK(w2.document()->kinematics()->coordinate("pelvis_tilt") == Approx(12.0).margin(1e-3));
    ui::MainWindow w3;
    REQUIRE(w3.openDefaultModel());
    CHECK(w3.viewport()->camera().state().distance == Approx(saved.distance).margin(1e-4));
    CHECK(glm::length(w3.viewport()->camera().forward() - Vec3(-1, 0, 0)) < 1e-3f);
}

TEST_CASE("Export writes a PNG at the chosen size, with or without labels", "[ui][gl][export]")
{
    Fixture f;
    ui::MainWindow w;
    openShown(w);
    const QString path = f.dir.filePath("view.png");
    QString error;
    REQUIRE(w.explore()->saveImage(path, QSize(640, 360), true, &error));
    QImage img(path);
    CHECK(img.size() == QSize(640, 360));
    const QImage plain = w.explore()->viewImage({}, false);
    const QImage labelled = w.explore()->viewImage({}, true);
    CHECK(plain.size() == w.viewport()->size() * w.viewport()->devicePixelRatioF());
    CHECK(plain != labelled);
    CHECK_FALSE(w.explore()->saveImage(f.dir.filePath("no/such/folder/x.png"), {}, false, &error));
    CHECK(error.contains("no/such/folder"));
}

TEST_CASE("A landmark chosen from search is shown on the model with its bone selected, and named in the status bar",
          "[ui][gl][picking][search]")
{
    Fixture f;
    ui::MainWindow w;
    openShown(w);
    auto* ex = w.explore();
    ex->select("psoas_major_r");
    // What a search result or a structure: link does (ContentPanel::structureChosen).
    ex->select("lm_lesser_trochanter_r");
    CHECK(w.session().shown() == std::vector<std::string>{"lm_lesser_trochanter_r"});
    CHECK(ex->selection().selected() == "femur_r");
    CHECK(w.contentPanel()->selectedStructure() == "lm_lesser_trochanter_r");
    CHECK(ex->overlay()->shownLandmarks() == std::vector<std::string>{"lm_lesser_trochanter_r"});
    CHECK(w.statusBar()->currentMessage().contains("Lesser trochanter", Qt::CaseInsensitive));
    CHECK_FALSE(w.statusBar()->currentMessage().contains("psoas", Qt::CaseInsensitive));
    // Labels off: the chosen landmark is labelled all the same.
    ex->setLabelsVisible(false);
    w.viewport()->showViewPreset("anterior", false);
    ex->overlay()->updateOcclusionNow();
    ex->overlay()->grab();
    CHECK(ex->overlay()->drawnLabels().contains("Lesser trochanter (R)"));

    // An attachment area: its muscle is selected and the area marked.
    ex->select("psoas_major_r.origin.l3_tp");
    CHECK(ex->selection().selected() == "psoas_major_r");
    REQUIRE(ex->overlay()->attachments().size() == 1);
    CHECK(ex->overlay()->attachments().front().id == "psoas_major_r.origin.l3_tp");
    // A click elsewhere (a plain selection) takes the mark away again.
    ex->select("iliacus_r");
    CHECK(w.session().shown().empty());
    CHECK(ex->overlay()->attachments().size() == 2);
}
