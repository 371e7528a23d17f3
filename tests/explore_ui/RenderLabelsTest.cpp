// Labels outside the window: `psoas-atlas --render OUT.png --labels` (run as a process, with
// no display), LabelPainter on plain pixels, and narrow views where a label must not cover
// its own marker.
#include "../ui/ShownWindow.h"
#include "app/Document.h"
#include "app/LabelLayout.h"
#include "ui/ExploreTools.h"
#include "ui/LabelColumns.h"
#include "ui/LabelOverlay.h"
#include "ui/LabelPainter.h"
#include "ui/Viewport.h"

#include <QFile>
#include <QImage>
#include <QPainter>
#include <QProcess>
#include <QTemporaryDir>
#include <catch2/catch.hpp>

#include <cmath>

using namespace psoas;

namespace {

struct Run {
    int exitCode = -1;
    QString err;
};

Run runAtlas(const QStringList& args, const QStringList& extraEnv = {})
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString& e : extraEnv) env.insert(e.section('=', 0, 0), e.section('=', 1));
    env.remove("DISPLAY"); // --render needs no display server, with or without labels
    env.remove("WAYLAND_DISPLAY");
    env.remove("QT_QPA_PLATFORM");
    p.setProcessEnvironment(env);
    p.start(PSOAS_ATLAS_EXE, args);
    Run r;
    if (!p.waitForFinished(120000)) return r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.err = QString::fromLocal8Bit(p.readAllStandardError());
    return r;
}

// Pixels of label text: near white (the model's ivory bone is darker and yellower).
int whitePixels(const QImage& img)
{
    int n = 0;
    for (int y = 0; y < img.height(); ++y)
        for (int x = 0; x < img.width(); ++x) {
            const QRgb c = img.pixel(x, y);
            if (qRed(c) > 240 && qGreen(c) > 240 && qBlue(c) > 235) ++n;
        }
    return n;
}

int differentPixels(const QImage& a, const QImage& b)
{
    int n = 0;
    for (int y = 0; y < a.height(); ++y)
        for (int x = 0; x < a.width(); ++x) {
            const QRgb p = a.pixel(x, y), q = b.pixel(x, y);
            if (std::abs(qRed(p) - qRed(q)) + std::abs(qGreen(p) - qGreen(q)) + std::abs(qBlue(p) - qBlue(q)) > 60) ++n;
        }
    return n;
}

// No drawn label's box comes within its marker's radius of its own anchor.
void checkMarkersUncovered(const std::vector<ui::LabelPainter::DrawnLabel>& labels)
{
    for (const auto& l : labels) {
        INFO(l.text.toStdString() << " box " << l.box.x() << "," << l.box.y() << " " << l.box.width() << "x"
                                  << l.box.height() << " anchor " << l.anchor.x() << "," << l.anchor.y()
                                  << " marker " << l.markerRadius);
        const app::LabelRect box{float(l.box.x()), float(l.box.y()), float(l.box.width()), float(l.box.height())};
        CHECK(ui::LabelColumns::distanceToBox(box, float(l.anchor.x()), float(l.anchor.y())) >=
              float(l.markerRadius) - 0.5f);
    }
}

} // namespace

TEST_CASE("The render command with --labels draws the landmark labels into the PNG, without it the image is plain",
          "[ui][labels][render-command]")
{
    QTemporaryDir dir;
    const QString plainPath = dir.filePath("plain.png"), labelledPath = dir.filePath("labelled.png");
    const QStringList common{"--view", "anterior", "--size", "800x600", "--samples", "1"};
    const Run plain = runAtlas(QStringList{"--render", plainPath} + common);
    INFO(plain.err.toStdString());
    REQUIRE(plain.exitCode == 0);
    const Run labelled = runAtlas(QStringList{"--render", labelledPath, "--labels"} + common);
    INFO(labelled.err.toStdString());
    REQUIRE(labelled.exitCode == 0);
    const QImage a(plainPath), b(labelledPath);
    REQUIRE(a.size() == QSize(800, 600));
    REQUIRE(b.size() == QSize(800, 600));
    // The labels' boxes, text and leaders change a good part of the picture.
    CHECK(differentPixels(a, b) > 3000);
    CHECK(whitePixels(b) > whitePixels(a) + 1000);
    // The corners (background) stay untouched: labels stay near the anatomy.
    CHECK(a.pixel(1, 1) == b.pixel(1, 1));

    // --labels with a bad view still fails like any --render (exit 2, the name in the message).
    const Run bad = runAtlas({"--render", dir.filePath("bad.png"), "--labels", "--view", "sideways"});
    CHECK(bad.exitCode == 2);
    CHECK(bad.err.contains("sideways"));
}

TEST_CASE("A --render restarted with huge pages writes the same image as one started without", "[ui][render-command]")
{
    QTemporaryDir dir;
    const QStringList common{"--view", "oblique", "--size", "640x480", "--pose", "anterior_pelvic_tilt"};
    const QString withPath = dir.filePath("with.png"), withoutPath = dir.filePath("without.png");
    const Run with = runAtlas(QStringList{"--render", withPath} + common);
    INFO(with.err.toStdString());
    REQUIRE(with.exitCode == 0);
    const Run without = runAtlas(QStringList{"--render", withoutPath} + common, {"PSOAS_HUGE_PAGES=0"});
    INFO(without.err.toStdString());
    REQUIRE(without.exitCode == 0);
    // The user's own glibc setting wins (no restart) and changes nothing either.
    const QString userPath = dir.filePath("user.png");
    const Run user = runAtlas(QStringList{"--render", userPath} + common, {"GLIBC_TUNABLES=glibc.malloc.hugetlb=0"});
    REQUIRE(user.exitCode == 0);
    QFile a(withPath), b(withoutPath), c(userPath);
    REQUIRE(a.open(QIODevice::ReadOnly));
    REQUIRE(b.open(QIODevice::ReadOnly));
    REQUIRE(c.open(QIODevice::ReadOnly));
    const QByteArray bytes = a.readAll();
    CHECK(bytes.size() > 10000);
    CHECK(bytes == b.readAll());
    CHECK(bytes == c.readAll());
    // Arguments survive the restart: a bad one is still reported by name.
    const Run bad = runAtlas({"--render", dir.filePath("bad.png"), "--size", "12x9"});
    CHECK(bad.exitCode == 2);
    CHECK(bad.err.contains("12x9"));
}

TEST_CASE("LabelPainter draws the GUI's labels on plain pixels at the image size", "[ui][labels]")
{
    auto doc = app::Document::open(app::Document::defaultModelPath(), app::Document::defaultCatalogPath());
    REQUIRE(doc);
    scene::OrbitCamera camera;
    camera.setViewport(960, 720);
    camera.lookAlong(Vec3(0, 0, -1), Vec3(0, 1, 0));
    doc.value()->frameAll(camera);
    std::vector<std::uint8_t> rgba(960 * 720 * 4, 20);
    const auto before = rgba;
    ui::LabelPainter::Options options;
    REQUIRE(ui::LabelPainter::paintOnPixels(rgba, 960, 720, camera, *doc.value(), options));
    CHECK(rgba != before);
    // A buffer of the wrong size is refused, not written past.
    std::vector<std::uint8_t> small(100);
    CHECK_FALSE(ui::LabelPainter::paintOnPixels(small, 960, 720, camera, *doc.value(), options));

    // The same call the overlay makes: from the front the vertebrae and the ASIS are labelled
    // (the whole model in 720 pixels puts the vertebrae closer than a label is tall, so they
    // share one "T12–L5" label).
    QImage img(960, 720, QImage::Format_ARGB32);
    img.fill(Qt::black);
    QPainter p(&img);
    const auto drawn = ui::LabelPainter::paint(p, img.size(), camera, *doc.value(), {},
                                               ui::LabelPainter::occlusion(*doc.value(), camera.position()), options);
    p.end();
    QStringList texts;
    for (const auto& l : drawn) texts << l.text;
    INFO(texts.join(", ").toStdString());
    for (const char* t : {"T12\u2013L5", "ASIS (R)", "ASIS (L)", "Pubic symphysis"}) CHECK(texts.contains(QString::fromUtf8(t)));
    checkMarkersUncovered(drawn);
}

TEST_CASE("In a very narrow view no label covers its own marker (the lesser trochanter insertion)",
          "[ui][gl][labels][narrow]")
{
    uitest::ShownWindow s;
    auto* ex = s.w.explore();
    auto* overlay = ex->overlay();
    ex->setLabelsVisible(true);
    ex->select("psoas_major_r");
    REQUIRE(overlay->attachments().size() == 12); // bodies T12-L5, L1-L5 transverse processes, lesser trochanter
    for (const char* view : {"anterior", "oblique", "left"}) {
        s.w.viewport()->showViewPreset(view, false);
        overlay->updateOcclusionNow();
        for (const QSize size : {QSize(320, 800), QSize(240, 700), QSize(180, 600)}) {
            INFO(view << " " << size.width() << "x" << size.height());
            QImage img(size, QImage::Format_ARGB32);
            img.fill(Qt::black);
            QPainter p(&img);
            overlay->paintOn(p, size);
            p.end();
            const auto& layout = overlay->lastLayout();
            checkMarkersUncovered(layout);
            for (std::size_t i = 0; i < layout.size(); ++i)
                for (std::size_t j = i + 1; j < layout.size(); ++j) CHECK_FALSE(layout[i].box.intersects(layout[j].box));
        }
    }
}

TEST_CASE("Label columns: a box pushed back over its own anchor moves above or below the marker",
          "[ui][labels][narrow]")
{
    // One anchor near the left edge of a 200-pixel view with a label wider than the room
    // beside it: the column would put the box over the anchor.
    const std::vector<app::LabelRequest> reqs{{20.0f, 300.0f, 180.0f, 24.0f}};
    const auto placed = ui::LabelColumns::place(reqs, 200.0f, 600.0f, 6.0f, 30.0f, {12.0f});
    REQUIRE(placed.size() == 1);
    const auto& pl = placed.front();
    CHECK(ui::LabelColumns::distanceToBox(pl.box, 20.0f, 300.0f) >= 12.0f);
    CHECK(pl.box.x >= 0.0f);
    CHECK(pl.box.x + pl.box.w <= 200.0f);
    // The leader ends on the box edge facing the anchor.
    CHECK((pl.leaderY == Approx(pl.box.y) || pl.leaderY == Approx(pl.box.y + pl.box.h)));
    CHECK(pl.leaderX >= pl.box.x);
    CHECK(pl.leaderX <= pl.box.x + pl.box.w);

    // No room above or below either (a view only as tall as the label): left out, never drawn
    // over its marker.
    const auto none = ui::LabelColumns::place({{20.0f, 20.0f, 180.0f, 24.0f}}, 200.0f, 40.0f, 6.0f, 30.0f, {12.0f});
    CHECK(none.empty());
}

TEST_CASE("Label columns: labels that state a side stand in that column, whatever the split of their anchors",
          "[ui][labels]")
{
    // Six attachments of one muscle down the edge of the spine, two of them a few pixels right of
    // the others: without a side they would split into two columns, one standing over the spine.
    std::vector<app::LabelRequest> reqs;
    const float xs[] = {643.0f, 642.0f, 640.0f, 638.0f, 634.0f, 634.0f};
    for (int i = 0; i < 6; ++i) reqs.push_back({xs[i], 150.0f + 80.0f * float(i), 100.0f, 24.0f});
    const auto free = ui::LabelColumns::place(reqs, 1280.0f, 720.0f, 6.0f, 24.0f);
    REQUIRE(free.size() == 6);
    int rightOfAnchor = 0;
    for (const auto& pl : free) rightOfAnchor += pl.box.x > reqs[std::size_t(pl.request)].anchorX ? 1 : 0;
    CHECK(rightOfAnchor > 0); // the split at the middle of the anchors

    for (auto& r : reqs) r.side = -1; // the muscle's side is on the screen's left
    const auto sided = ui::LabelColumns::place(reqs, 1280.0f, 720.0f, 6.0f, 24.0f);
    REQUIRE(sided.size() == 6);
    for (const auto& pl : sided) CHECK(pl.box.x + pl.box.w <= reqs[std::size_t(pl.request)].anchorX);
}
