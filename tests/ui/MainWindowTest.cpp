#include "app/Document.h"
#include "ui/MainWindow.h"
#include "ui/Viewport.h"

#include <QAction>
#include <QImage>
#include <QTest>
#include <catch2/catch.hpp>

using namespace psoas;

namespace {
QString data(const char* name) { return QString(PSOAS_TEST_DATA_DIR) + "/io/" + name; }

void waitForAnimation(ui::Viewport* v)
{
    for (int i = 0; i < 100 && v->animating(); ++i) QTest::qWait(20);
}
} // namespace

TEST_CASE("The main window opens with a GL viewport showing the model", "[ui][gl]")
{
    ui::MainWindow w;
    QString error;
    REQUIRE(w.openModel(data("cube.glb"), &error));
    w.show();
    REQUIRE(QTest::qWaitForWindowExposed(&w));
    QImage img = w.viewport()->grabFramebuffer();
    INFO(w.viewport()->glError().toStdString());
    REQUIRE(w.viewport()->glError().isEmpty());
    REQUIRE_FALSE(img.isNull());
    QColor centre = img.pixelColor(img.width() / 2, img.height() / 2);
    QColor corner = img.pixelColor(2, 2);
    CHECK(centre.lightness() > corner.lightness() + 40);
    CHECK(w.windowTitle().contains("cube.glb"));
}

TEST_CASE("A view preset turns the camera to that side", "[ui][gl]")
{
    ui::MainWindow w;
    REQUIRE(w.openModel(data("cube.glb")));
    w.show();
    REQUIRE(QTest::qWaitForWindowExposed(&w));
    auto* left = w.findChild<QAction*>("actionView_left");
    REQUIRE(left);
    left->trigger();
    CHECK(w.viewport()->animating());
    waitForAnimation(w.viewport());
    CHECK(w.viewport()->camera().forward().x == Approx(-1.0f).margin(1e-4));
    auto* superior = w.findChild<QAction*>("actionView_superior");
    REQUIRE(superior);
    superior->trigger();
    waitForAnimation(w.viewport());
    CHECK(w.viewport()->camera().forward().y == Approx(-1.0f).margin(1e-4));
}

TEST_CASE("F frames the model after zooming away", "[ui][gl]")
{
    ui::MainWindow w;
    REQUIRE(w.openModel(data("cube.glb")));
    w.show();
    REQUIRE(QTest::qWaitForWindowExposed(&w));
    QTest::qWait(200); // let the docks settle: framing depends on the viewport's size
    w.viewport()->frameAll(false);
    const float framed = w.viewport()->camera().distance();
    auto state = w.viewport()->camera().state();
    state.distance *= 4.0f;
    state.target += Vec3(0.3f, 0.0f, 0.0f);
    w.viewport()->camera().setState(state);
    w.activateWindow();
    w.viewport()->setFocus();
    QTest::keyClick(w.viewport(), Qt::Key_F);
    waitForAnimation(w.viewport());
    CHECK(w.viewport()->camera().distance() == Approx(framed).epsilon(1e-3));
    CHECK(glm::length(w.viewport()->camera().target() - Vec3(0.2f, 0.1f, 0.0f)) < 1e-3f);
}

TEST_CASE("Opening a broken model keeps the current one and names the file", "[ui]")
{
    ui::MainWindow w;
    REQUIRE(w.openModel(data("cube.glb")));
    QString error;
    CHECK_FALSE(w.openModel(data("garbage.glb"), &error));
    CHECK(error.contains("garbage.glb"));
    REQUIRE(w.document());
    CHECK(w.windowTitle().contains("cube.glb"));
}

TEST_CASE("Framing one structure fits the camera to it", "[ui]")
{
    ui::MainWindow w;
    REQUIRE(w.openModel(data("cube.glb")));
    auto* v = w.viewport();
    v->camera().setViewport(800, 600);
    v->frameAll(false);
    const float framed = v->camera().distance();
    auto state = v->camera().state();
    state.distance *= 5.0f;
    state.target += Vec3(1.0f, 0.0f, 0.0f);
    v->camera().setState(state);
    v->frameNode(w.document()->scene().find("cube"), false);
    CHECK(v->camera().distance() == Approx(framed).epsilon(1e-3));
    CHECK(glm::length(v->camera().target() - Vec3(0.2f, 0.1f, 0.0f)) < 1e-3f);
    v->frameNode(-1, false); // nothing selected: no change
    CHECK(v->camera().distance() == Approx(framed).epsilon(1e-3));
}
