// Export at a chosen size rendered afresh (not an upscaled window image), with and without
// labels; crowded labels (a selected muscle's attachments plus the landmarks) never overlap,
// their leaders do not cross, and the type grows for projectors. Needs a display with GL.
#include "../ui/ShownWindow.h"
#include "app/Document.h"
#include "app/LabelLayout.h"
#include "ui/ExploreTools.h"
#include "ui/LabelColumns.h"
#include "ui/LabelOverlay.h"
#include "ui/MainWindow.h"
#include "ui/PresentationMode.h"
#include "ui/TeachingTools.h"
#include "ui/Viewport.h"

#include <QImage>
#include <QPainter>
#include <QTemporaryDir>
#include <QTest>
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <random>

using namespace psoas;

namespace {

using Shown = uitest::ShownWindow;

// Mean absolute difference between horizontal neighbours: high for crisp edges, lower for
// an image that was scaled up from a smaller one.
double sharpness(const QImage& img)
{
    const QImage g = img.convertToFormat(QImage::Format_Grayscale8);
    double sum = 0.0;
    std::size_t n = 0;
    for (int y = 0; y < g.height(); ++y) {
        const uchar* row = g.constScanLine(y);
        for (int x = 1; x < g.width(); ++x) {
            const int d = std::abs(int(row[x]) - int(row[x - 1]));
            if (d > 2) {
                sum += d;
                ++n;
            }
        }
    }
    return n ? sum / double(n) : 0.0;
}

int modelPixels(const QImage& img)
{
    const QRgb corner = img.pixel(1, 1);
    int count = 0;
    for (int y = 0; y < img.height(); y += 4)
        for (int x = 0; x < img.width(); x += 4) {
            const QRgb c = img.pixel(x, y);
            if (std::abs(qRed(c) - qRed(corner)) + std::abs(qGreen(c) - qGreen(corner)) > 60) ++count;
        }
    return count;
}

// Checks the geometry of the last labels drawn: inside the image, no two boxes overlap,
// no two leaders cross, no leader runs through another label's box.
void checkLayout(const std::vector<ui::LabelOverlay::DrawnLabel>& labels, const QSize& size)
{
    for (std::size_t i = 0; i < labels.size(); ++i) {
        INFO(labels[i].text.toStdString());
        CHECK(QRectF(QPointF(0, 0), QSizeF(size)).contains(labels[i].box));
        for (std::size_t j = i + 1; j < labels.size(); ++j) {
            INFO("and " << labels[j].text.toStdString());
            CHECK_FALSE(labels[i].box.intersects(labels[j].box));
            const auto &a = labels[i], &b = labels[j];
            CHECK_FALSE(ui::LabelColumns::segmentsCross(float(a.anchor.x()), float(a.anchor.y()), float(a.leaderEnd.x()),
                                                        float(a.leaderEnd.y()), float(b.anchor.x()), float(b.anchor.y()),
                                                        float(b.leaderEnd.x()), float(b.leaderEnd.y())));
        }
    }
}

} // namespace

TEST_CASE("Export at 2400x1600 renders the model at that size, sharper than the window image scaled up",
          "[ui][gl][export]")
{
    Shown s;
    auto* ex = s.w.explore();
    const QSize big(2400, 1600);
    const QString plainPath = s.dir.filePath("plain.png"), labelledPath = s.dir.filePath("labelled.png");
    QString error;
    REQUIRE(ex->saveImage(plainPath, big, false, &error));
    REQUIRE(ex->saveImage(labelledPath, big, true, &error));
    const QImage plain(plainPath), labelled(labelledPath);
    REQUIRE(plain.size() == big);
    REQUIRE(labelled.size() == big);
    CHECK(modelPixels(plain) > 2000); // the model is there, not an empty background

    // The same view at the window size, scaled up the way the old export did, is blurrier.
    const QImage window = ex->viewImage({}, false);
    REQUIRE_FALSE(window.isNull());
    REQUIRE(window.height() < big.height());
    const QImage upscaled = window.scaled(big, Qt::KeepAspectRatioByExpanding, Qt::SmoothTransformation);
    CHECK(sharpness(plain) > 1.2 * sharpness(upscaled));

    // Labels: drawn at the export's size (type grows with the image), and only when asked.
    CHECK(plain != labelled);
    const auto& layout = ex->overlay()->lastLayout();
    REQUIRE_FALSE(layout.empty());
    CHECK(layout.front().fontPixels >= 1600 / 48);
    checkLayout(layout, big);
}

TEST_CASE("With the psoas selected, attachment and landmark labels never overlap and leaders do not cross",
          "[ui][gl][labels]")
{
    Shown s;
    auto* ex = s.w.explore();
    auto* overlay = ex->overlay();
    ex->setLabelsVisible(true);
    ex->select("psoas_major_r");
    REQUIRE(overlay->attachments().size() == 12); // bodies T12-L5, L1-L5 transverse processes, lesser trochanter
    for (const char* view : {"anterior", "oblique", "left"}) {
        INFO(view);
        s.w.viewport()->showViewPreset(view, false);
        overlay->updateOcclusionNow();
        QImage img = s.w.viewport()->renderImage(overlay->size());
        REQUIRE_FALSE(img.isNull());
        QPainter p(&img);
        overlay->paintOn(p, img.size(), s.w.viewport()->cameraFor(img.size()));
        p.end();
        const auto& layout = overlay->lastLayout();
        if (const char* dump = std::getenv("PSOAS_TEST_DUMP"); dump && *dump)
            img.save(QString("%1/labels-%2.png").arg(dump, view));
        QStringList texts;
        for (const auto& l : layout) texts << l.text;
        INFO(texts.join(", ").toStdString());
        int attachments = 0, hidden = 0, labelled = 0;
        for (const auto& l : layout)
            if (l.text.startsWith("Origin") || l.text.startsWith("Insertion")) ++attachments;
        for (const auto& a : overlay->attachments()) {
            const bool behind = overlay->occludedLandmarks().contains(QString::fromStdString(a.id));
            if (behind) ++hidden;
            if (!behind && !a.deep) ++labelled; // transverse-process slips: marked, not labelled
        }
        // Every slip level and the lesser trochanter keep their labels, unless behind bone.
        CHECK(attachments == labelled);
        // Landmark labels keep their places beside them: at least four in every view, and from
        // the front and the oblique view (where the left and right twins stand apart) at least
        // twelve labels in all. From the side only the near one of each twin is named.
        CHECK(layout.size() - std::size_t(attachments) >= 4);
        if (std::string(view) != "left") CHECK(layout.size() >= std::size_t(12 - hidden));
        checkLayout(layout, img.size());
    }

    // Presentation mode: larger type for a projector, still without overlaps.
    const int normal = overlay->lastLayout().front().fontPixels;
    auto* presentation = s.w.teaching()->presentation();
    presentation->setUseFullScreen(false);
    presentation->enter();
    CHECK(overlay->fontScale() > 1.2);
    QImage img(QSize(1920, 1080), QImage::Format_ARGB32);
    img.fill(Qt::black);
    QPainter p(&img);
    overlay->paintOn(p, img.size());
    p.end();
    REQUIRE_FALSE(overlay->lastLayout().empty());
    CHECK(overlay->lastLayout().front().fontPixels >= 30);
    CHECK(overlay->lastLayout().front().fontPixels > normal);
    checkLayout(overlay->lastLayout(), img.size());
    presentation->leave();
    CHECK(overlay->fontScale() == Approx(1.0));
}

TEST_CASE("Label columns: crowded anchors give separate boxes, uncrossed leaders and priority order",
          "[ui][labels]")
{
    std::mt19937 rng(7);
    std::uniform_real_distribution<float> x(300.0f, 700.0f), y(100.0f, 700.0f);
    for (int round = 0; round < 20; ++round) {
        std::vector<app::LabelRequest> reqs;
        for (int i = 0; i < 24; ++i) reqs.push_back({x(rng), y(rng), 120.0f + float(i % 3) * 20.0f, 26.0f});
        const auto placed = ui::LabelColumns::place(reqs, 1000.0f, 800.0f, 6.0f, 30.0f);
        CHECK(placed.size() >= 20);
        for (std::size_t i = 0; i < placed.size(); ++i) {
            const auto& a = placed[i];
            CHECK(a.box.x >= 0.0f);
            CHECK(a.box.x + a.box.w <= 1000.0f);
            CHECK(a.box.y >= 0.0f);
            CHECK(a.box.y + a.box.h <= 800.0f);
            for (std::size_t j = i + 1; j < placed.size(); ++j) {
                const auto& b = placed[j];
                CHECK_FALSE(a.box.overlaps(b.box));
                const auto &ra = reqs[std::size_t(a.request)], &rb = reqs[std::size_t(b.request)];
                CHECK_FALSE(ui::LabelColumns::segmentsCross(ra.anchorX, ra.anchorY, a.leaderX, a.leaderY, rb.anchorX,
                                                            rb.anchorY, b.leaderX, b.leaderY));
            }
        }
    }
    // Too many for the view: the first requests (highest priority) stay.
    std::vector<app::LabelRequest> many;
    for (int i = 0; i < 80; ++i) many.push_back({480.0f + float(i % 5), 50.0f + float(i) * 8.0f, 100.0f, 30.0f});
    const auto kept = ui::LabelColumns::place(many, 1000.0f, 600.0f);
    REQUIRE_FALSE(kept.empty());
    CHECK(kept.size() < many.size());
    CHECK(kept.front().request == 0);
    // Bad requests are skipped, never placed.
    const auto none = ui::LabelColumns::place({{NAN, 10.0f, 50.0f, 20.0f}, {10.0f, 10.0f, 0.0f, 20.0f}}, 800.0f, 600.0f);
    CHECK(none.empty());
}
