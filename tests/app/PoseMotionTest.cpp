// The pose motion is the session's (preset buttons, lesson steps): where it is, the mode the
// switch shows, what one undo step records, and what stops it. No display, no timer: the test
// moves the clock itself.
#include "app/Session.h"

#include "app/Document.h"
#include "app/LessonStepApply.h"
#include "CubeDocument.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace psoas::app;

namespace {

struct Counts {
    int frames = 0, steps = 0;
    std::string lastPreset = "none", lastLabel;
};

int count(Session& s, Counts& n)
{
    return s.subscribe([&n](const Change& c) {
        if (c.poseFrame) ++n.frames;
        if (c.pose && c.history) {
            ++n.steps;
            n.lastPreset = c.preset;
            n.lastLabel = c.label;
        }
    });
}

double coord(const Session& s, const char* name) { return s.pose().coordinates.at(name); }

} // namespace

TEST_CASE("Session: a preset motion eases from the pose shown and ends exactly on the preset, as one undo step",
          "[app][session][pose]")
{
    auto doc = openCubeDocument();
    auto expectedDoc = openCubeDocument();
    REQUIRE(doc->hasSolver());
    Session s;
    s.setDocument(doc.get());
    Counts n;
    count(s, n);
    REQUIRE(expectedDoc->applyPreset("sitting").ok());
    const Pose expected = Pose::of(*expectedDoc);
    const double target = expected.coordinates.at("hip_flexion_r");
    REQUIRE(std::abs(target) > 30.0);

    REQUIRE(s.animatePose(LessonPose{{}, "sitting", {}}, 1.0).ok());
    CHECK(s.poseMoving());
    CHECK(s.mode() == expected.mode); // the switch shows where it is going from the start
    CHECK(n.steps == 0);
    CHECK(s.advancePose(0.5));
    const double mid = coord(s, "hip_flexion_r");
    CHECK(std::abs(mid) > 0.2 * std::abs(target));
    CHECK(std::abs(mid) < 0.8 * std::abs(target)); // half-way along a smooth ease
    CHECK(n.steps == 0);                            // frames are not undo steps
    CHECK_FALSE(s.advancePose(0.6));
    CHECK_FALSE(s.poseMoving());
    CHECK(n.frames >= 2);
    CHECK(n.steps == 1);
    CHECK(n.lastPreset == "sitting");
    CHECK(n.lastLabel == "Pose: sitting");
    CHECK(s.currentPreset() == "sitting");
    CHECK(s.pose() == expected);
    CHECK(s.history().undoLabel() == "Pose: sitting");

    // Undo brings back neutral; the preset in force is no longer known.
    REQUIRE(s.undo());
    CHECK(coord(s, "hip_flexion_r") == Approx(0.0).margin(1e-6));
    CHECK(s.currentPreset().empty());
}

TEST_CASE("Session: undo, a slider or another preset stop a pose motion, and it never carries on afterwards",
          "[app][session][pose][undo]")
{
    auto doc = openCubeDocument();
    Session s;
    s.setDocument(doc.get());
    REQUIRE(s.applyPreset("anterior_pelvic_tilt").ok()); // standing
    const Pose tilt = s.pose();
    REQUIRE(tilt.mode == "standing");

    // Undo mid-motion goes back to where it started, in that mode.
    REQUIRE(s.animatePose(LessonPose{{}, "sitting", {}}, 1.0).ok());
    CHECK(s.mode() == "free");
    REQUIRE(s.advancePose(0.3));
    REQUIRE(s.undo());
    CHECK_FALSE(s.poseMoving());
    CHECK(s.pose() == tilt);
    CHECK_FALSE(s.advancePose(1.0)); // nothing left to move
    CHECK(s.pose() == tilt);
    CHECK(s.history().undoLabel() == "Pose: anterior_pelvic_tilt");

    // A slider moved mid-motion keeps the mode in force, from the pose shown.
    REQUIRE(s.animatePose(LessonPose{{}, "neutral", {}}, 1.0).ok());
    REQUIRE(s.advancePose(0.3));
    REQUIRE(s.setCoordinate("pelvis_tilt", 5.0).ok());
    CHECK_FALSE(s.poseMoving());
    CHECK(s.mode() == "standing");
    CHECK(coord(s, "pelvis_tilt") == Approx(5.0));
    CHECK(s.currentPreset().empty());

    // A preset applied at once (the content panel's "Show on model") ends a motion too.
    REQUIRE(s.animatePose(LessonPose{{}, "sitting", {}}, 1.0).ok());
    REQUIRE(s.applyPreset("kneeling_lunge").ok());
    CHECK_FALSE(s.poseMoving());
    CHECK_FALSE(s.advancePose(1.0));
    CHECK(s.currentPreset() == "kneeling_lunge");
}

TEST_CASE("Session: finishing a motion applies its end at once, and an unknown preset is refused by name",
          "[app][session][pose]")
{
    auto doc = openCubeDocument();
    Session s;
    s.setDocument(doc.get());
    Counts n;
    count(s, n);
    const Pose before = s.pose();
    auto bad = s.animatePose(LessonPose{{}, "flying", {}}, 1.0);
    CHECK_FALSE(bad.ok());
    CHECK(bad.message().find("flying") != std::string::npos);
    CHECK(s.poseNote().find("flying") != std::string::npos);
    CHECK_FALSE(s.poseMoving());
    CHECK(s.pose() == before);
    CHECK(n.steps == 0);

    // A lesson step's pose: preset, mode and coordinates; saved or captured mid-way as it ends.
    const LessonPose step{"free", "neutral", {{"hip_flexion_r", 40.0}}};
    REQUIRE(s.animatePose(step, 1.0, "Lesson step").ok());
    REQUIRE(s.advancePose(0.1));
    s.finishPose();
    CHECK_FALSE(s.poseMoving());
    CHECK(s.mode() == "free");
    CHECK(coord(s, "hip_flexion_r") == Approx(40.0));
    CHECK(n.lastLabel == "Lesson step");
    CHECK(s.currentPreset().empty()); // neutral plus a coordinate is not the preset

    // Out-of-range values are clamped and said so.
    REQUIRE(s.setCoordinate("hip_flexion_r", 500.0).ok());
    CHECK_FALSE(s.poseNote().empty());
    CHECK(coord(s, "hip_flexion_r") < 500.0);
}

TEST_CASE("A captured lesson step records a preset by name, or the coordinates the user can set in that mode",
          "[app][lesson][pose]")
{
    Pose p;
    p.mode = "standing";
    p.coordinates = {{"pelvis_tilt", 7.04}, {"hip_flexion_r", 12.0}, {"lumbar_flexion", -3.0}};
    const LessonPose byName = lessonPoseOf(p, "sitting");
    CHECK(byName.preset == "sitting");
    CHECK(byName.coordinates.empty());
    const LessonPose byValues = lessonPoseOf(p, "");
    CHECK(byValues.preset == "neutral");
    CHECK(byValues.mode == "standing");
    CHECK(byValues.coordinates == std::map<std::string, double>{{"pelvis_tilt", 7.0}}); // the solver sets the rest
    p.mode = "free";
    CHECK(lessonPoseOf(p, "").coordinates.size() == 3);
    CHECK(lessonPoseOf(Pose{}, "").empty());
}
