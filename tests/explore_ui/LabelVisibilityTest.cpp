// Which marks and labels a viewer sees: a selected muscle's origin and insertion discs hide
// behind bone as the landmark labels do (the same ray test), and zoomed out the vertebra
// labels merge into one "T12–L5" label instead of a fan of leaders, parting again when zoomed
// in; at projector size (presentation type) they stay apart from each other. Needs GL.
#include "../ui/ShownWindow.h"
#include "app/Document.h"
#include "app/SpineLabels.h"
#include "app/TwinLabels.h"
#include "ui/ExploreTools.h"
#include "ui/LabelOverlay.h"
#include "ui/MainWindow.h"
#include "ui/PresentationMode.h"
#include "ui/TeachingTools.h"
#include "ui/Viewport.h"

#include <QImage>
#include <QPainter>
#include <QTest>
#include <catch2/catch.hpp>

#include <cstdlib>

using namespace psoas;

namespace {

using Shown = uitest::ShownWindow;
const QString kSpineRun = QStringLiteral("T12\u2013L5");

// Paints the overlay over a fresh render of the view; saves it when PSOAS_SHOT_DIR is set.
QImage paintView(Shown& s, const char* name)
{
    auto* overlay = s.w.explore()->overlay();
    QImage img = s.w.viewport()->renderImage(overlay->size());
    REQUIRE_FALSE(img.isNull());
    QPainter p(&img);
    overlay->paintOn(p, img.size(), s.w.viewport()->cameraFor(img.size()));
    p.end();
    if (const char* dir = std::getenv("PSOAS_SHOT_DIR"); dir && *dir) img.save(QString("%1/labels-%2.png").arg(dir, name));
    return img;
}

QStringList texts(const ui::LabelOverlay* overlay)
{
    QStringList out;
    for (const auto& l : overlay->lastLayout()) out << l.text;
    return out;
}

bool noOverlaps(const std::vector<ui::LabelOverlay::DrawnLabel>& labels, const QSize& size)
{
    for (std::size_t i = 0; i < labels.size(); ++i) {
        if (!QRectF(QPointF(0, 0), QSizeF(size)).contains(labels[i].box)) return false;
        for (std::size_t j = i + 1; j < labels.size(); ++j)
            if (labels[i].box.intersects(labels[j].box)) return false;
    }
    return true;
}

} // namespace

TEST_CASE("Origin and insertion marks behind bone are not shown as visible and get no label", "[ui][gl][labels]")
{
    Shown s;
    auto* ex = s.w.explore();
    auto* overlay = ex->overlay();
    ex->select("psoas_major_r");
    const auto& areas = overlay->attachments();
    REQUIRE(areas.size() == 12); // 6 vertebral bodies, 5 transverse processes, the lesser trochanter
    // Deep-layer areas (the transverse processes) are marked but not labelled here.
    auto labelledAreas = [&](const QStringList& hidden) {
        int n = 0;
        for (const auto& a : areas)
            if (!a.deep && !hidden.contains(QString::fromStdString(a.id))) ++n;
        return n;
    };
    auto hiddenAreas = [&] {
        overlay->updateOcclusionNow();
        QStringList hidden;
        for (const auto& a : areas)
            if (overlay->occludedLandmarks().contains(QString::fromStdString(a.id))) hidden << QString::fromStdString(a.id);
        return hidden;
    };
    auto attachmentLabels = [&] {
        int n = 0;
        for (const auto& t : texts(overlay))
            if (t.startsWith("Origin") || t.startsWith("Insertion")) ++n;
        return n;
    };

    // From the front the psoas lies on the spine: its marks are in view and labelled.
    s.w.viewport()->showViewPreset("anterior", false);
    const QStringList front = hiddenAreas();
    INFO("hidden from the front: " << front.join(", ").toStdString());
    paintView(s, "attachments-anterior");
    CHECK(front.size() <= 1);
    CHECK(attachmentLabels() == labelledAreas(front));

    // From the patient's left, the right psoas's origins are on the far side of the vertebral
    // bodies: none of them is shown as visible or labelled.
    s.w.viewport()->showViewPreset("left", false);
    const QStringList left = hiddenAreas();
    INFO("hidden from the left: " << left.join(", ").toStdString());
    paintView(s, "attachments-left");
    int originsHidden = 0;
    for (const auto& id : left)
        if (id.contains(".origin") && !id.endsWith("_tp")) ++originsHidden;
    CHECK(originsHidden == 6);
    CHECK(attachmentLabels() == labelledAreas(left));

    // From behind, the levels covered by the transverse processes and laminae hide; those seen
    // through the gaps between them stay (the same ray test as the landmark labels).
    s.w.viewport()->showViewPreset("posterior", false);
    const QStringList back = hiddenAreas();
    INFO("hidden from behind: " << back.join(", ").toStdString());
    paintView(s, "attachments-posterior");
    CHECK(back.size() >= 1);
    CHECK(attachmentLabels() == labelledAreas(back));

    // The same set is right away, without waiting for the occlusion timer: a new selection
    // seen from behind never flashes its hidden marks as visible.
    s.w.viewport()->showViewPreset("posterior", false);
    ex->select({});
    ex->select("psoas_major_r");
    overlay->grab();
    CHECK(attachmentLabels() == labelledAreas(back));
}

TEST_CASE("Zoomed out, T12-L5 become one label, zoomed in they part again, never overlapping", "[ui][gl][labels]")
{
    // The rule itself: merged when two consecutive levels are closer than the spacing asked for.
    std::vector<app::ScreenLabel> spine;
    const char* ids[] = {"lm_t12_body", "lm_l1_body", "lm_l2_body", "lm_l3_body", "lm_l4_body", "lm_l5_body"};
    const char* names[] = {"T12", "L1", "L2", "L3", "L4", "L5"};
    for (int i = 0; i < 6; ++i) spine.push_back({ids[i], names[i], 100.0f, 100.0f + 30.0f * float(i)});
    spine.push_back({"lm_asis_r", "ASIS (R)", 10.0f, 130.0f});
    app::SpineRun run;
    CHECK_FALSE(app::SpineLabels::merge(spine, 25.0f, run));
    REQUIRE(app::SpineLabels::merge(spine, 35.0f, run));
    CHECK(run.text == "T12\u2013L5");
    CHECK(run.members.size() == 6);
    CHECK(run.y == Approx(175.0f)); // between L2 and L3
    spine.erase(spine.begin()); // T12 hidden: the run names what is shown
    REQUIRE(app::SpineLabels::merge(spine, 35.0f, run));
    CHECK(run.text == "L1\u2013L5");

    Shown s;
    auto* overlay = s.w.explore()->overlay();
    auto* v = s.w.viewport();
    s.w.explore()->setLabelsVisible(true);
    const auto framed = v->camera().state(); // the whole model in the (narrow) 3D view
    auto at = [&](float factor, const char* name) {
        auto st = framed;
        st.distance = framed.distance * factor;
        v->camera().setState(st);
        overlay->updateOcclusionNow();
        const QImage img = paintView(s, name);
        CHECK(noOverlaps(overlay->lastLayout(), img.size()));
        return texts(overlay);
    };

    // Closer in, the vertebrae are further apart than a label is tall: one label per level.
    QStringList shown = at(0.4f, "spine-zoomed-in");
    INFO("zoomed in: " << shown.join(", ").toStdString());
    for (const char* level : {"T12", "L1", "L2", "L3", "L4", "L5"}) CHECK(shown.contains(level));
    CHECK_FALSE(shown.contains(kSpineRun));

    // Zoomed out: one label on a bracket, no fan of six leaders.
    for (float factor : {1.0f, 3.0f}) {
        shown = at(factor, factor > 1.0f ? "spine-zoomed-out" : "spine-framed");
        INFO("distance x" << factor << ": " << shown.join(", ").toStdString());
        CHECK(shown.contains(kSpineRun));
        for (const char* level : {"T12", "L1", "L2", "L3", "L4", "L5"}) CHECK_FALSE(shown.contains(level));
    }

    // Zoomed in again: the levels come back one by one.
    shown = at(0.4f, "spine-zoomed-in-again");
    INFO("zoomed in again: " << shown.join(", ").toStdString());
    CHECK(shown.contains("L3"));
    CHECK_FALSE(shown.contains(kSpineRun));

    // On a projector (1920x1080, presentation type 1.5x): large type, no overlaps, and the
    // vertebrae are either all named apart or merged, never a crowd of both.
    v->camera().setState(framed);
    auto* presentation = s.w.teaching()->presentation();
    presentation->setUseFullScreen(false);
    presentation->enter();
    for (float factor : {0.3f, 1.0f, 3.0f}) {
        auto st = framed;
        st.distance = framed.distance * factor;
        v->camera().setState(st);
        overlay->updateOcclusionNow();
        QImage projector(QSize(1920, 1080), QImage::Format_ARGB32);
        projector.fill(Qt::black);
        QPainter p(&projector);
        overlay->paintOn(p, projector.size());
        p.end();
        if (const char* dir = std::getenv("PSOAS_SHOT_DIR"); dir && *dir)
            projector.save(QString("%1/labels-projector-%2x.png").arg(dir).arg(double(factor)));
        const auto& layout = overlay->lastLayout();
        shown = texts(overlay);
        INFO("projector, distance x" << factor << ": " << shown.join(", ").toStdString());
        REQUIRE_FALSE(layout.empty());
        CHECK(layout.front().fontPixels >= 30);
        CHECK(noOverlaps(layout, projector.size()));
        CHECK_FALSE((shown.contains(kSpineRun) && shown.contains("L3")));
    }
    presentation->leave();
}

TEST_CASE("Seen from the side, a left and right landmark pair gets one label, the near one", "[ui][gl][labels]")
{
    // The rule: twins closer on screen than the spacing lose the farther label; apart, both stay.
    CHECK(app::TwinLabels::twinOf("lm_asis_l") == "lm_asis_r");
    CHECK(app::TwinLabels::twinOf("lm_iliopubic_eminence_r") == "lm_iliopubic_eminence_l");
    CHECK(app::TwinLabels::twinOf("lm_l3_body").empty());
    std::vector<app::ScreenLabel> pair = {{"lm_asis_r", "ASIS (R)", 100.0f, 100.0f, 1.2f},
                                          {"lm_l3_body", "L3", 300.0f, 100.0f, 1.0f},
                                          {"lm_asis_l", "ASIS (L)", 110.0f, 104.0f, 0.9f}};
    auto apart = pair;
    apart[2].x = 200.0f;
    app::TwinLabels::dropFarTwins(apart, 40.0f);
    CHECK(apart.size() == 3);
    app::TwinLabels::dropFarTwins(pair, 40.0f);
    REQUIRE(pair.size() == 2);
    CHECK(pair[0].landmark == "lm_l3_body");
    CHECK(pair[1].landmark == "lm_asis_l"); // the nearer twin

    // In the viewer: from the patient's left, the right-side labels of every pair whose anchors
    // line up are gone, the left ones stay; from the front, both sides are named.
    Shown s;
    auto* overlay = s.w.explore()->overlay();
    s.w.explore()->setLabelsVisible(true);
    s.w.viewport()->showViewPreset("left", false);
    overlay->updateOcclusionNow();
    paintView(s, "twins-left");
    QStringList shown = texts(overlay);
    INFO("from the left: " << shown.join(", ").toStdString());
    for (const char* name : {"ASIS", "Iliopubic eminence", "Hip centre"}) {
        INFO(name);
        CHECK_FALSE((shown.contains(QString("%1 (R)").arg(name)) && shown.contains(QString("%1 (L)").arg(name))));
    }
    CHECK_FALSE(shown.contains("Iliopubic eminence (R)"));
    CHECK(noOverlaps(overlay->lastLayout(), overlay->size()));

    s.w.viewport()->showViewPreset("anterior", false);
    overlay->updateOcclusionNow();
    paintView(s, "twins-anterior");
    shown = texts(overlay);
    INFO("from the front: " << shown.join(", ").toStdString());
    CHECK(shown.contains("ASIS (R)"));
    CHECK(shown.contains("ASIS (L)"));
}
