// Every shipped lesson step shows what it names: each attachment area and landmark in its
// "show" list is in the picture, not behind bone, and drawn (the pixels change where it is).
#include "app/Attachments.h"
#include "app/Document.h"
#include "app/LabelAnchors.h"
#include "app/Lesson.h"
#include "ui/ExploreTools.h"
#include "ui/LabelOverlay.h"
#include "ui/LabelPainter.h"
#include "ui/LessonPanel.h"
#include "ui/MainWindow.h"
#include "ui/TeachingTools.h"
#include "ui/Viewport.h"

#include <QDir>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

using namespace psoas;

namespace {

const std::string kAssets = PSOAS_ASSETS_DIR;

// Largest channel difference between the two images within `radius` pixels of `at`.
int largestChange(const QImage& a, const QImage& b, QPointF at, int radius)
{
    int best = 0;
    for (int dy = -radius; dy <= radius; ++dy)
        for (int dx = -radius; dx <= radius; ++dx) {
            const int x = int(std::lround(at.x())) + dx, y = int(std::lround(at.y())) + dy;
            if (x < 0 || y < 0 || x >= a.width() || y >= a.height()) continue;
            const QRgb p = a.pixel(x, y), q = b.pixel(x, y);
            best = std::max({best, std::abs(qRed(p) - qRed(q)), std::abs(qGreen(p) - qGreen(q)),
                             std::abs(qBlue(p) - qBlue(q))});
        }
    return best;
}

} // namespace

TEST_CASE("Every shipped lesson step shows the marks and labels it names, in the picture and not behind bone",
          "[ui][lesson][gl][show]")
{
    QTemporaryDir dir;
    ui::ExploreTools::setSettingsFile(dir.filePath("settings.ini"));
    ui::MainWindow w;
    REQUIRE(w.openDefaultModel());
    w.resize(1280, 720);
    w.show();
    REQUIRE(QTest::qWaitForWindowExposed(&w));
    auto* doc = w.document();
    ui::LessonPanel* panel = w.teaching()->lessonPanel();
    ui::LabelOverlay* overlay = w.explore()->overlay();
    w.explore()->setLabelsVisible(false); // what a step shows must not depend on the labels toggle

    const QStringList lessons = QDir(QString::fromStdString(kAssets + "/lessons")).entryList({"*.json"}, QDir::Files);
    REQUIRE_FALSE(lessons.isEmpty());
    int checkedSteps = 0;
    for (const QString& file : lessons) {
        REQUIRE(w.teaching()->openLesson(QString::fromStdString(kAssets + "/lessons/") + file));
        for (int i = 0; i < panel->stepCount(); ++i) {
            const app::LessonStep step = panel->lesson().steps[std::size_t(i)];
            if (step.show.empty()) continue;
            INFO(file.toStdString() << " step " << i + 1 << " \"" << step.title << "\"");
            REQUIRE(panel->goToStep(i, false));
            QTest::qWait(30);
            const QSize size(960, 540);
            const scene::OrbitCamera cam = w.viewport()->cameraFor(size);
            const auto areas = overlay->attachments();
            const auto anchors = app::LabelAnchors::compute(*doc);
            const auto hidden = ui::LabelPainter::occlusion(*doc, cam.position(), areas);
            overlay->updateOcclusionNow(); // the overlay's own 150 ms refresh after a camera move
            const QImage plain = w.explore()->viewImage(size, false);
            const QImage marked = w.explore()->viewImage(size, true);
            REQUIRE_FALSE(plain.isNull());
            for (const auto& id : step.show) {
                INFO("shown item " << id);
                Vec3 world(0.0f);
                bool found = false;
                for (const auto& a : areas)
                    if (a.id == id) world = a.world, found = true;
                for (const auto& a : anchors)
                    if (!found && a.landmark == id) world = a.world, found = true;
                REQUIRE(found); // the model has it, and the overlay marks it
                CHECK_FALSE(hidden.value(QString::fromStdString(id), false));
                const Vec3 s = cam.project(world);
                CHECK(s.x > 0.04f * size.width());
                CHECK(s.x < 0.96f * size.width());
                CHECK(s.y > 0.04f * size.height());
                CHECK(s.y < 0.96f * size.height());
                CHECK(largestChange(plain, marked, QPointF(s.x, s.y), 3) > 40);
            }
            ++checkedSteps;
        }
    }
    CHECK(checkedSteps >= 5);
}
