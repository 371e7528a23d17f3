// `psoas-atlas --render` scripting any view, run as a process: every step of the shipped
// lessons (--lesson F --step N) shows what it names, and --select, --frame and --camera give
// the pictures the viewer's commands give.
#include "../hardening/HardeningUtil.h"
#include "app/Attachments.h"
#include "app/Document.h"
#include "app/LabelAnchors.h"
#include "app/Lesson.h"
#include "app/LessonStepApply.h"
#include "app/OffscreenRenderer.h"
#include "app/Session.h"
#include "scene/OrbitCamera.h"

#include <QImage>
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <sstream>

using namespace psoas;
namespace fs = std::filesystem;

namespace {

constexpr int kW = 480, kH = 270;
const std::string kAssets = PSOAS_ASSETS_DIR;

// Runs psoas-atlas --render OUT.png at kW x kH without anti-aliasing, plus `args`.
QImage render(const hardening::TempDir& tmp, const std::string& name, std::vector<std::string> args)
{
    const std::string out = tmp.file(name);
    args.insert(args.begin(), {"--render", out, "--size", std::to_string(kW) + "x" + std::to_string(kH),
                               "--samples", "1", "--assets", kAssets});
    const auto r = hardening::runProcess(PSOAS_ATLAS_EXE, args, 120);
    INFO(r.output);
    REQUIRE(r.signal == 0);
    REQUIRE(r.exitCode == 0);
    QImage image(QString::fromStdString(out));
    REQUIRE_FALSE(image.isNull());
    return image.convertToFormat(QImage::Format_RGBA8888);
}

// Share of pixels (0..1) whose largest channel difference is above 24.
double differentShare(const QImage& a, const QImage& b)
{
    REQUIRE(a.size() == b.size());
    long n = 0;
    for (int y = 0; y < a.height(); ++y)
        for (int x = 0; x < a.width(); ++x) {
            const QRgb p = a.pixel(x, y), q = b.pixel(x, y);
            if (std::max({std::abs(qRed(p) - qRed(q)), std::abs(qGreen(p) - qGreen(q)), std::abs(qBlue(p) - qBlue(q))}) > 24)
                ++n;
        }
    return double(n) / double(a.width() * a.height());
}

// Share of pixels that are not the background (which is a vertical gradient: compared with the
// left column's pixel of the same row).
double modelShare(const QImage& img)
{
    long n = 0;
    for (int y = 0; y < img.height(); ++y) {
        const QRgb bg = img.pixel(0, y);
        for (int x = 0; x < img.width(); ++x) {
            const QRgb p = img.pixel(x, y);
            if (std::abs(qRed(p) - qRed(bg)) + std::abs(qGreen(p) - qGreen(bg)) + std::abs(qBlue(p) - qBlue(bg)) > 30) ++n;
        }
    }
    return double(n) / double(img.width() * img.height());
}

int largestChange(const QImage& a, const QImage& b, float px, float py, int radius)
{
    int best = 0;
    for (int dy = -radius; dy <= radius; ++dy)
        for (int dx = -radius; dx <= radius; ++dx) {
            const int x = int(std::lround(px)) + dx, y = int(std::lround(py)) + dy;
            if (x < 0 || y < 0 || x >= a.width() || y >= a.height()) continue;
            const QRgb p = a.pixel(x, y), q = b.pixel(x, y);
            best = std::max({best, std::abs(qRed(p) - qRed(q)), std::abs(qGreen(p) - qGreen(q)),
                             std::abs(qBlue(p) - qBlue(q))});
        }
    return best;
}

QImage toImage(const std::vector<std::uint8_t>& rgba)
{
    return QImage(rgba.data(), kW, kH, kW * 4, QImage::Format_RGBA8888).copy();
}

bool sameView(const app::LessonStep& a, const app::LessonStep& b)
{
    return a.camera.view == b.camera.view && !a.camera.hasOrientation && !b.camera.hasOrientation &&
           a.camera.frameShown == b.camera.frameShown && a.layers == b.layers && a.pose.empty() && b.pose.empty() &&
           a.selection == b.selection && a.show == b.show && !a.camera.hasTarget && !b.camera.hasTarget;
}

} // namespace

TEST_CASE("Headless, --render --lesson F --step N renders every step of the shipped lessons, each showing what it names",
          "[cli][render][lesson]")
{
    hardening::TempDir tmp;
    auto renderer = app::OffscreenRenderer::create(kW, kH, 1);
    REQUIRE(renderer);
    int steps = 0, lessons = 0;
    for (const auto& entry : fs::directory_iterator(kAssets + "/lessons")) {
        if (entry.path().extension() != ".json") continue;
        const std::string file = entry.path().string();
        // The same steps applied in this process (as the Lesson panel applies them): the camera
        // and the marks the binary's picture must show.
        auto doc = app::Document::open(app::Document::defaultModelPath(), app::Document::defaultCatalogPath());
        REQUIRE(doc);
        auto loaded = app::Lesson::load(file, app::LessonVocabulary::fromDocument(*doc.value()));
        REQUIRE(loaded);
        const auto& lesson = loaded->lesson;
        REQUIRE_FALSE(lesson.steps.empty());
        app::Session session;
        session.setDocument(doc.value().get());
        scene::OrbitCamera camera;
        camera.setViewport(kW, kH);
        QImage previous;
        for (std::size_t i = 0; i < lesson.steps.size(); ++i) {
            const app::LessonStep& step = lesson.steps[i];
            INFO(entry.path().filename().string() << " step " << i + 1 << " \"" << step.title << "\"");
            REQUIRE(app::applyLessonStep(session, step, camera).ok());
            const QImage image = render(tmp, "step.png", {"--lesson", file, "--step", std::to_string(i + 1)});
            CHECK(image.width() == kW);
            CHECK(image.height() == kH);
            CHECK(modelShare(image) > 0.02); // not blank: the model is in the picture (a side view is narrow)
            if (i > 0 && !sameView(step, lesson.steps[i - 1])) CHECK(differentShare(image, previous) > 0.002);
            previous = image;
            // Each shown item is in the picture, and marked there: the binary's image differs
            // from the plain render of the same step (no marks) where the item is.
            const QImage plain = toImage(renderer.value()->draw(*doc.value(), camera));
            CHECK(differentShare(image, plain) < 0.25); // the same step: only the marks differ
            // The structure the step selects is selected (not hidden by the step's layers, which
            // would leave the one before selected), drawn, and in the picture.
            if (!step.selection.empty()) {
                const std::string& id = step.selection.front();
                INFO("selected " << id);
                CHECK(session.selection().selected() == id);
                Vec3 mn, mx;
                REQUIRE(doc.value()->visibleBounds({doc.value()->scene().find(id)}, mn, mx));
                float x0 = 1e9f, y0 = 1e9f, x1 = -1e9f, y1 = -1e9f;
                for (int corner = 0; corner < 8; ++corner) {
                    const Vec3 w((corner & 1) ? mx.x : mn.x, (corner & 2) ? mx.y : mn.y, (corner & 4) ? mx.z : mn.z);
                    const Vec3 p = camera.project(w);
                    x0 = std::min(x0, p.x), y0 = std::min(y0, p.y), x1 = std::max(x1, p.x), y1 = std::max(y1, p.y);
                }
                CHECK(x1 > 0.0f);
                CHECK(x0 < float(kW));
                CHECK(y1 > 0.0f);
                CHECK(y0 < float(kH));
            }
            const app::ShownMarks marks = app::shownMarks(*doc.value(), session.shown(), {});
            const auto anchors = app::LabelAnchors::compute(*doc.value());
            for (const auto& id : step.show) {
                INFO("shown item " << id);
                Vec3 world(0.0f);
                bool found = false;
                for (const auto& a : marks.areas)
                    if (a.id == id) world = a.world, found = true;
                for (const auto& a : anchors)
                    if (!found && a.landmark == id) world = a.world, found = true;
                REQUIRE(found);
                const Vec3 s = camera.project(world);
                CHECK(s.x > 0.04f * kW);
                CHECK(s.x < 0.96f * kW);
                CHECK(s.y > 0.04f * kH);
                CHECK(s.y < 0.96f * kH);
                CHECK(largestChange(plain, image, s.x, s.y, 3) > 40);
            }
            ++steps;
        }
        ++lessons;
    }
    CHECK(lessons >= 3);
    CHECK(steps >= 15);
}

TEST_CASE("Headless, --camera YAW,PITCH,DISTANCE looks as the named views do: 0 anterior, 90 from the left, pitch from above",
          "[cli][render][camera]")
{
    hardening::TempDir tmp;
    auto doc = app::Document::open(app::Document::defaultModelPath(), app::Document::defaultCatalogPath());
    REQUIRE(doc);
    // The distance at which each named view frames the model (the binary does the same).
    auto framedDistance = [&](const Vec3& dir, const Vec3& up) {
        scene::OrbitCamera c;
        c.setViewport(kW, kH);
        c.lookAlong(dir, up);
        doc.value()->frameAll(c);
        std::ostringstream s;
        s.precision(9);
        s << c.distance();
        return s.str();
    };
    const struct {
        const char* view;
        const char* yawPitch;
        Vec3 dir;
    } rows[] = {{"anterior", "0,0,", Vec3(0, 0, -1)}, {"left", "90,0,", Vec3(-1, 0, 0)},
                {"right", "-90,0,", Vec3(1, 0, 0)}, {"posterior", "180,0,", Vec3(0, 0, 1)}};
    const QImage front = render(tmp, "front.png", {"--view", "anterior"});
    for (const auto& row : rows) {
        INFO(row.view);
        const std::string d = framedDistance(row.dir, Vec3(0, 1, 0));
        const QImage named = render(tmp, "named.png", {"--view", row.view});
        const QImage scripted = render(tmp, "camera.png", {"--camera", row.yawPitch + d});
        CHECK(differentShare(named, scripted) < 0.002);
        if (std::string(row.view) != "anterior") CHECK(differentShare(front, scripted) > 0.02);
    }
    // From above: pitch 60 shows the pelvis from over the top, unlike pitch 0 or -60.
    const QImage above = render(tmp, "above.png", {"--camera", "0,60,1.5"});
    const QImage below = render(tmp, "below.png", {"--camera", "0,-60,1.5"});
    CHECK(differentShare(above, below) > 0.02);
    // The distance is used: closer fills more of the picture.
    CHECK(modelShare(render(tmp, "near.png", {"--camera", "0,0,0.6"})) >
          modelShare(render(tmp, "far.png", {"--camera", "0,0,3"})));
}

TEST_CASE("Headless, --select marks the structure, --frame fills the picture with the named structures", "[cli][render][select]")
{
    hardening::TempDir tmp;
    const QImage plain = render(tmp, "plain.png", {});
    const QImage selected = render(tmp, "selected.png", {"--select", "psoas_major_r"});
    CHECK(differentShare(plain, selected) > 0.005); // highlighted, and its attachments marked
    // A landmark is shown with its bone (as a search result is): its label is drawn.
    CHECK(differentShare(plain, render(tmp, "landmark.png", {"--select", "lm_asis_r"})) > 0.001);

    // --frame: the structures' box fills the picture, as the viewer's Frame command does.
    auto doc = app::Document::open(app::Document::defaultModelPath(), app::Document::defaultCatalogPath());
    REQUIRE(doc);
    const std::vector<std::string> ids{"psoas_major_r", "iliacus_r"};
    std::vector<int> nodes;
    for (const auto& id : ids) nodes.push_back(doc.value()->scene().find(id));
    Vec3 mn, mx;
    REQUIRE(doc.value()->visibleBounds(nodes, mn, mx));
    scene::OrbitCamera c;
    c.setViewport(kW, kH);
    c.frameBounds(mn, mx);
    auto renderer = app::OffscreenRenderer::create(kW, kH, 1);
    REQUIRE(renderer);
    const QImage expected = toImage(renderer.value()->draw(*doc.value(), c));
    const QImage framed = render(tmp, "framed.png", {"--frame", "psoas_major_r,iliacus_r"});
    CHECK(differentShare(expected, framed) < 0.002);
    CHECK(differentShare(plain, framed) > 0.05);
    // With --view the framing keeps that direction; with a lesson step, the step's.
    CHECK(differentShare(framed, render(tmp, "framed_left.png", {"--frame", "psoas_major_r", "--view", "left"})) > 0.05);
    const std::string lesson = kAssets + "/lessons/psoas_origins_insertion_tour.json";
    const QImage step = render(tmp, "step.png", {"--lesson", lesson, "--step", "1"});
    CHECK(differentShare(step, render(tmp, "step_framed.png", {"--lesson", lesson, "--step", "1", "--frame", "iliacus_l"})) > 0.05);
    CHECK(differentShare(step, render(tmp, "step_camera.png", {"--lesson", lesson, "--step", "1", "--camera", "180,0,1.5"})) > 0.05);
}

TEST_CASE("The viewer on a Qt platform without OpenGL windows says so and exits, it does not crash", "[cli][viewer]")
{
    for (const char* platform : {"offscreen", "minimal"}) {
        const auto r = psoas::hardening::runProcess(PSOAS_ATLAS_EXE, {"-platform", platform}, 60);
        INFO(platform << ": exit " << r.exitCode << ", signal " << r.signal << "\n" << r.output);
        CHECK(r.signal == 0);
        CHECK(r.exitCode == 1);
        CHECK(r.output.find(std::string("Qt platform \"") + platform + "\"") != std::string::npos);
        CHECK(r.output.find("--render") != std::string::npos); // what to do instead
    }
}
