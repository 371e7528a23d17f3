#include "scene/CameraAnimation.h"
#include "scene/OrbitCamera.h"
#include "scene/ViewPreset.h"

#include <catch2/catch.hpp>

using namespace psoas;
using namespace psoas::scene;

namespace {
OrbitCamera makeCamera()
{
    OrbitCamera c;
    c.setViewport(800, 600);
    c.lookAlong(Vec3(0, 0, -1), Vec3(0, 1, 0));
    c.frameBounds(Vec3(-0.2f, -0.5f, -0.15f), Vec3(0.2f, 0.4f, 0.15f));
    return c;
}
} // namespace

TEST_CASE("Turntable rotation keeps the spine upright (no roll)", "[scene][camera]")
{
    auto c = makeCamera();
    for (int i = 0; i < 50; ++i) {
        c.rotateTurntable(0.13f, (i % 7 - 3) * 0.05f);
        // Screen-up stays in the vertical plane containing the view direction: right has no Y.
        CHECK(std::abs(c.right().y) < 1e-4f);
        CHECK(c.up().y > 0.0f);
    }
}

TEST_CASE("Turntable elevation is clamped short of the poles", "[scene][camera]")
{
    auto c = makeCamera();
    c.rotateTurntable(0.0f, 10.0f);
    CHECK(c.forward().y > -1.0f);
    CHECK(c.up().y > 0.0f);
    CHECK(std::abs(c.right().y) < 1e-4f);
}

TEST_CASE("Free rotation may roll the view", "[scene][camera]")
{
    auto c = makeCamera();
    c.rotateFree(0.0f, 0.7f); // pitch, then yaw about the tilted camera up
    c.rotateFree(0.7f, 0.0f);
    CHECK(std::abs(c.right().y) > 1e-3f);
}

TEST_CASE("Zoom towards the cursor keeps the point under the cursor fixed", "[scene][camera]")
{
    auto c = makeCamera();
    const float px = 620.0f, py = 170.0f;
    Vec3 pivot(0.05f, 0.1f, 0.08f);
    // The world point under the cursor at the pivot's depth.
    Vec3 o, d;
    c.pixelRay(px, py, o, d);
    Vec3 f = c.forward();
    Vec3 p = o + d * (glm::dot(pivot - o, f) / glm::dot(d, f));
    for (float factor : {0.5f, 0.8f, 1.3f}) {
        auto z = c;
        z.zoomTowards(px, py, factor, pivot);
        Vec3 s = z.project(p);
        CHECK(s.x == Approx(px).margin(0.05));
        CHECK(s.y == Approx(py).margin(0.05));
    }
    auto z = c;
    z.zoomTowards(px, py, 0.5f, pivot);
    CHECK(glm::length(z.position() - p) == Approx(0.5f * glm::length(c.position() - p)).epsilon(1e-3));
}

TEST_CASE("View presets look along the expected anatomical directions", "[scene][camera]")
{
    struct Expect { const char* name; Vec3 forward; };
    // Model frame: +Z anterior, +X patient's left, +Y up.
    const Expect table[] = {{"anterior", {0, 0, -1}}, {"posterior", {0, 0, 1}}, {"left", {-1, 0, 0}},
                            {"right", {1, 0, 0}},     {"superior", {0, -1, 0}}, {"inferior", {0, 1, 0}}};
    for (const auto& e : table) {
        auto p = findViewPreset(e.name);
        REQUIRE(p);
        OrbitCamera c;
        c.lookAlong(p->viewDir, p->up);
        INFO(e.name);
        CHECK(glm::dot(c.forward(), e.forward) == Approx(1.0f).margin(1e-5));
    }
    auto oblique = findViewPreset("oblique");
    REQUIRE(oblique);
    OrbitCamera c;
    c.lookAlong(oblique->viewDir, oblique->up);
    CHECK(c.forward().z < 0.0f); // from the front
    CHECK(c.forward().y < 0.0f); // from above
    CHECK_FALSE(findViewPreset("sideways"));
    // Anterior view: the patient's left (+X) appears on the screen's right, as when facing a person.
    OrbitCamera a;
    a.lookAlong(findViewPreset("anterior")->viewDir, Vec3(0, 1, 0));
    CHECK(a.right().x == Approx(1.0f));
}

TEST_CASE("Framing puts the whole box in view", "[scene][camera]")
{
    auto c = makeCamera();
    Vec3 mn(-0.2f, -0.5f, -0.15f), mx(0.2f, 0.4f, 0.15f);
    for (int i = 0; i < 8; ++i) {
        Vec3 corner((i & 1) ? mx.x : mn.x, (i & 2) ? mx.y : mn.y, (i & 4) ? mx.z : mn.z);
        Vec3 s = c.project(corner);
        CHECK(s.x >= 0.0f);
        CHECK(s.x <= 800.0f);
        CHECK(s.y >= 0.0f);
        CHECK(s.y <= 600.0f);
    }
}

TEST_CASE("Camera animation ends exactly on its destination", "[scene][camera]")
{
    auto a = makeCamera();
    auto b = a;
    b.rotateTurntable(1.2f, 0.3f);
    b.panPixels(40, 10);
    CameraAnimation anim;
    anim.start(a.state(), b.state(), 0.3);
    auto mid = anim.at(0.15);
    CHECK(anim.active());
    CHECK(glm::length(mid.target - a.state().target) > 0.0f);
    auto end = anim.at(0.31);
    CHECK_FALSE(anim.active());
    CHECK(glm::length(end.target - b.state().target) < 1e-6f);
    CHECK(std::abs(glm::dot(end.orientation, b.state().orientation)) == Approx(1.0f));
}
