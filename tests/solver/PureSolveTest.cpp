// The pure solver: solve(Pose) is repeatable and leaves the stateful wrapper alone, a sweep
// through solveInto gives what setting each coordinate and calling update() gives, bad poses
// are refused with a message naming what is wrong, and deforming other meshes through a
// workspace leaves the live ones alone.
#include "SolverTestUtil.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

using namespace psoas;
using namespace psoas::solver;

namespace {

void checkSame(const PoseResult& a, const PoseResult& b)
{
    CHECK(a.mode == b.mode);
    CHECK(a.values == b.values);
    CHECK(a.lengths == b.lengths);
    CHECK(a.polylines == b.polylines);
    CHECK(a.measures.sacralSlopeDeg == b.measures.sacralSlopeDeg);
    CHECK(a.measures.pelvicTiltDeg == b.measures.pelvicTiltDeg);
    CHECK(a.measures.lumbarLordosisDeg == b.measures.lumbarLordosisDeg);
    REQUIRE(a.readings.size() == b.readings.size());
    for (std::size_t i = 0; i < a.readings.size(); ++i) {
        CHECK(a.readings[i].id == b.readings[i].id);
        CHECK(a.readings[i].lengthMm == b.readings[i].lengthMm);
        CHECK(a.readings[i].momentArmMm == b.readings[i].momentArmMm);
    }
    CHECK(a.met == b.met);
    CHECK(a.note == b.note);
}

} // namespace

TEST_CASE("solve() gives the same result every time and does not change the current pose", "[solver][pure]")
{
    Kinematics k = test::loadFixture();
    REQUIRE(k.setCoordinate("hip_flexion_r", 35.0).ok());
    REQUIRE(k.update().ok());
    const double shownFlexion = k.coordinate("hip_flexion_r");
    const double shownLength = k.lengthOf("psoas_major_r");
    const DerivedMeasures shownMeasures = k.measures();
    const auto shownPolyline = k.pathPolyline("psoas_major_r");

    auto other = Pose::from(k.table(), k.pose(), "standing", {{"pelvis_tilt", 12.0}});
    REQUIRE(other.ok());
    const PoseResult a = k.solve(*other);
    const PoseResult b = k.solve(*other);
    checkSame(a, b);
    CHECK_FALSE(a.readings.empty());
    CHECK(a.mode == Mode::Standing);
    CHECK(a.values[HipFlexionR] != Approx(35.0)); // solved by the standing solver

    CHECK(k.mode() == Mode::Free);
    CHECK(k.coordinate("hip_flexion_r") == shownFlexion);
    CHECK(k.lengthOf("psoas_major_r") == shownLength);
    CHECK(k.measures().sacralSlopeDeg == shownMeasures.sacralSlopeDeg);
    CHECK(k.pathPolyline("psoas_major_r") == shownPolyline);
}

TEST_CASE("solve() of the wrapper's pose gives exactly what update() gives, free and standing", "[solver][pure]")
{
    Kinematics k = test::loadFixture();
    for (Mode mode : {Mode::Free, Mode::Standing}) {
        INFO(modeName(mode));
        k.setMode(mode);
        REQUIRE(k.setCoordinate("pelvis_tilt", 9.0).ok());
        REQUIRE(k.setCoordinate("hip_flexion_l", 20.0).ok());
        (void)k.update();
        const PoseResult r = k.solve(k.pose());
        CHECK(r.values == k.result().values);
        CHECK(r.lengths == k.result().lengths);
        CHECK(r.measures.pelvicTiltDeg == k.measures().pelvicTiltDeg);
        const auto live = k.readings();
        REQUIRE(r.readings.size() == live.size());
        for (std::size_t i = 0; i < live.size(); ++i) {
            CHECK(r.readings[i].lengthPct == live[i].lengthPct);
            CHECK(r.readings[i].momentArmMm == live[i].momentArmMm);
        }
    }
}

TEST_CASE("A sweep through solveInto gives the lengths of setting each value and calling update()", "[solver][pure]")
{
    const Kinematics k = test::loadFixture();
    Kinematics stepped = k;
    Pose pose = k.pose();
    PoseResult r;
    for (double v = -20.0; v <= 120.0; v += 5.0) {
        INFO("hip_flexion_r " << v);
        REQUIRE(pose.set(k.table(), "hip_flexion_r", v).ok());
        k.solveInto(pose, r, SolveParts::lengthsOnly());
        REQUIRE(stepped.setCoordinate("hip_flexion_r", v).ok());
        REQUIRE(stepped.update().ok());
        for (const auto& reading : stepped.readings()) {
            INFO(reading.id);
            CHECK(k.lengthOf(r, reading.id) * 1000.0 == Approx(reading.lengthMm).epsilon(1e-12));
            CHECK(k.lengthPctOf(r, reading.id) == Approx(reading.lengthPct).epsilon(1e-12));
        }
        CHECK(r.values == stepped.result().values);
        CHECK(r.polylines.empty()); // lengths only
    }
    CHECK(k.coordinate("hip_flexion_r") == Approx(0.0)); // the solver swept was not changed
}

TEST_CASE("A bad pose is refused with a message naming the coordinate, value or mode", "[solver][pure]")
{
    const Kinematics k = test::loadFixture();
    const Pose base = k.pose();

    auto unknown = Pose::from(k.table(), base, "", {{"hip_flexion_x", 10.0}});
    REQUIRE_FALSE(unknown.ok());
    CHECK_THAT(unknown.message(), Catch::Contains("\"hip_flexion_x\"") && Catch::Contains("hip_flexion_r"));

    auto nan = Pose::from(k.table(), base, "", {{"pelvis_tilt", std::numeric_limits<double>::quiet_NaN()}});
    REQUIRE_FALSE(nan.ok());
    CHECK_THAT(nan.message(), Catch::Contains("\"pelvis_tilt\"") && Catch::Contains("not a finite number"));

    auto mode = Pose::from(k.table(), base, "sitting", {});
    REQUIRE_FALSE(mode.ok());
    CHECK_THAT(mode.message(), Catch::Contains("\"sitting\"") && Catch::Contains("standing or free"));

    Pose p = base;
    CHECK_FALSE(p.set(k.table(), "lumbar_flexion", std::numeric_limits<double>::infinity()).ok());
    CHECK(p == base); // nothing changed
    std::string note;
    REQUIRE(p.set(k.table(), "hip_flexion_r", 1000.0, &note).ok());
    CHECK(p.values[HipFlexionR] == Approx(k.table().info(HipFlexionR).max));
    CHECK_THAT(note, Catch::Contains("hip_flexion_r") && Catch::Contains("outside its limits"));
}

TEST_CASE("Deforming copies of the meshes to another pose leaves the live model and its cache alone", "[solver][pure]")
{
    Kinematics k = test::loadFixture();
    anatomy::Model model;
    test::addTubeMesh(model, k, "psoas_major_r", 0.012f);
    const anatomy::Model rest = model;
    REQUIRE(k.bind(model).ok());
    REQUIRE(k.setCoordinate("hip_flexion_r", 90.0).ok());
    REQUIRE(k.update().ok());
    k.deform(model);
    const anatomy::Model posed = model;

    std::vector<anatomy::MeshData> copies = model.meshes;
    DeformWorkspace workspace;
    k.deform(k.solve(Pose::neutral(k.table())), MeshSpan(copies), workspace);
    for (std::size_t v = 0; v < copies[0].positions.size(); ++v)
        CHECK(glm::length(copies[0].positions[v] - rest.meshes[0].positions[v]) < 1e-5f);

    // The live model is untouched, and deforming it again at the same pose changes nothing.
    k.deform(model);
    CHECK(model.meshes[0].version == posed.meshes[0].version);
    CHECK(model.meshes[0].positions == posed.meshes[0].positions);
}
