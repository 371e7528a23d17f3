// Presets done lying down: the body orientation travels with the pose (Document, Pose,
// Session, undo) and turns the scene after the solve; the readings stay the solve's.
// No display.
#include "app/Document.h"
#include "app/Session.h"
#include "solver/KinematicsCommand.h"

#include <catch2/catch.hpp>

#include <sstream>

using namespace psoas;
using namespace psoas::app;

namespace {
std::unique_ptr<Document> openBuiltIn()
{
    auto doc = Document::open(Document::defaultModelPath(), Document::defaultCatalogPath());
    REQUIRE(doc.ok());
    REQUIRE(doc.value()->hasSolver());
    return std::move(doc).value();
}

Vec3 extent(const Document& doc)
{
    const auto list = doc.drawList();
    return list.boundsMax - list.boundsMin;
}

std::string kinematicsCsv(const solver::KinematicsRequest& request)
{
    std::ostringstream out, err;
    REQUIRE(solver::runKinematicsCommand(request, out, err) == 0);
    return out.str();
}
} // namespace

TEST_CASE("Body orientation: a supine preset lays the whole model on its back, readings unchanged", "[app][body]")
{
    auto doc = openBuiltIn();
    const Vec3 upright = extent(*doc);
    CHECK(upright.y > 1.5f * upright.z); // standing: taller than deep
    const int femur = doc->scene().find("femur_r");
    REQUIRE(femur >= 0);

    REQUIRE(doc->applyPreset("bridge").ok());
    CHECK(Pose::of(*doc).body == "supine");
    const auto readingsLying = doc->kinematics()->readings();
    const Vec3 lying = extent(*doc);
    CHECK(lying.z > 1.5f * lying.y); // lying: longer (head to foot, now along Z) than high
    // Front up: the pubic symphysis is above the sacrum.
    const int pubis = doc->scene().find("lm_pubic_symphysis"), sacrum = doc->scene().find("sacrum");
    REQUIRE(pubis >= 0);
    REQUIRE(sacrum >= 0);
    CHECK(doc->scene().world(pubis)[3].y > doc->scene().world(sacrum)[3].y);

    // The same coordinates standing: the scene turns back, the solver's numbers are the same bits.
    Pose p = Pose::of(*doc);
    p.body = "standing";
    REQUIRE(p.applyTo(*doc).ok());
    const auto readingsStanding = doc->kinematics()->readings();
    REQUIRE(readingsLying.size() == readingsStanding.size());
    for (std::size_t i = 0; i < readingsLying.size(); ++i) {
        INFO(readingsLying[i].id);
        CHECK(readingsLying[i].lengthMm == readingsStanding[i].lengthMm);
        CHECK(readingsLying[i].momentArmMm == readingsStanding[i].momentArmMm);
    }
    CHECK(extent(*doc).y > 1.5f * extent(*doc).z);

    // The kinematics CSV of a lying preset is the CSV of its coordinates.
    solver::KinematicsRequest bridge;
    bridge.pose = "bridge";
    solver::KinematicsRequest coordinates;
    coordinates.mode = "free";
    coordinates.sets = {{"hip_flexion_l", 10.0}, {"hip_flexion_r", 10.0}, {"pelvis_tilt", -8.0}, {"lumbar_flexion", 5.0}};
    CHECK(kinematicsCsv(bridge) == kinematicsCsv(coordinates));
}

TEST_CASE("Body orientation: the view presets keep their anatomical side on a lying body", "[app][body]")
{
    auto doc = openBuiltIn();
    const auto anterior = *scene::findViewPreset("anterior");
    const auto left = *scene::findViewPreset("left");
    CHECK(doc->orientedView(anterior).viewDir == anterior.viewDir); // standing: unchanged
    REQUIRE(doc->applyPreset("thomas_test").ok());
    const auto fromAbove = doc->orientedView(anterior);
    CHECK(fromAbove.viewDir.y == Approx(-1.0f)); // the front of a supine body is seen from the ceiling
    CHECK(fromAbove.up.z == Approx(-1.0f));      // head at the top of the screen
    const auto side = doc->orientedView(left);
    CHECK(side.viewDir.x == Approx(-1.0f)); // still the patient's left side, horizontally
    CHECK(side.up.y == Approx(1.0f));       // the room's vertical stays up: the body lies across the screen
}

TEST_CASE("Body orientation: the session carries it, undo brings the standing body back, a bad value is named",
          "[app][body]")
{
    auto doc = openBuiltIn();
    Session s;
    s.setDocument(doc.get());
    CHECK(s.pose().body == "standing");
    REQUIRE(s.applyPreset("supine_leg_lift").ok());
    CHECK(s.pose().body == "supine");
    REQUIRE(s.undo());
    CHECK(s.pose().body == "standing");
    REQUIRE(s.redo());
    CHECK(s.pose().body == "supine");
    Pose bad = s.pose();
    bad.body = "upside_down";
    auto st = s.setPose(bad, "bad");
    CHECK_FALSE(st.ok());
    CHECK(st.message().find("upside_down") != std::string::npos);
    CHECK(st.message().find("supine") != std::string::npos);
    CHECK(s.pose().body == "supine"); // unchanged
}
