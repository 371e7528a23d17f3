#include "SolverTestUtil.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace psoas;
using namespace psoas::solver;

namespace {
double rotationDeg(const Mat4& m)
{
    double c = 0.5 * (m[0][0] + m[1][1] + m[2][2] - 1.0);
    return radToDeg(std::acos(std::clamp(c, -1.0, 1.0)));
}
} // namespace

TEST_CASE("Standing: femurs and T12 keep their world orientation for any pelvis pose", "[solver][standing]")
{
    struct Row {
        double tilt, obliquity, rotation;
    };
    const Row rows[] = {{0, 0, 0}, {15, 0, 0}, {-12, 0, 0}, {25, 5, 0}, {10, -6, 12}, {-20, 8, -10}};
    for (const auto& rig : test::rigsUnderTest()) {
        Kinematics k = test::loadWith(rig);
        k.setMode(Mode::Standing);
        for (const auto& r : rows) {
            INFO(rig << " tilt " << r.tilt << " obliquity " << r.obliquity << " rotation " << r.rotation);
            REQUIRE(k.setCoordinate("pelvis_tilt", r.tilt).ok());
            REQUIRE(k.setCoordinate("pelvis_obliquity", r.obliquity).ok());
            REQUIRE(k.setCoordinate("pelvis_rotation", r.rotation).ok());
            auto st = k.update();
            INFO(st.message());
            REQUIRE(st.ok());
            CHECK(k.lastSolveIterations() <= 6);
            CHECK(rotationDeg(k.jointDelta("j_hip_l")) < 0.01);
            CHECK(rotationDeg(k.jointDelta("j_hip_r")) < 0.01);
            CHECK(rotationDeg(k.jointDelta("j_t12_l1")) < 0.01);
            if (r.tilt != 0 || r.obliquity != 0 || r.rotation != 0) CHECK(rotationDeg(k.jointDelta("pelvis")) > 1.0);
        }
    }
}

TEST_CASE("Standing anterior tilt flexes the hips, shortens iliopsoas and deepens the lordosis", "[solver][standing]")
{
    for (const auto& rig : test::rigsUnderTest()) {
        INFO(rig);
        Kinematics k = test::loadWith(rig);
        k.setMode(Mode::Standing);
        REQUIRE(k.update().ok());
        const double psoas0 = k.lengthOf("psoas_major_r"), iliacus0 = k.lengthOf("iliacus_r");
        const DerivedMeasures m0 = k.measures();
        double prevLL = m0.lumbarLordosisDeg;
        for (double tilt : {5.0, 10.0, 15.0, 20.0}) {
            REQUIRE(k.setCoordinate("pelvis_tilt", tilt).ok());
            REQUIRE(k.update().ok());
            DerivedMeasures m = k.measures();
            INFO("tilt " << tilt);
            CHECK(k.coordinate("hip_flexion_r") == Approx(tilt).margin(0.01));
            CHECK(k.coordinate("hip_flexion_l") == Approx(tilt).margin(0.01));
            CHECK(k.coordinate("lumbar_flexion") == Approx(-tilt).margin(0.01));
            CHECK(m.lumbarLordosisDeg > prevLL);
            prevLL = m.lumbarLordosisDeg;
            CHECK(k.lengthOf("psoas_major_r") < psoas0);
            CHECK(k.lengthOf("iliacus_r") < iliacus0);
            CHECK(k.lengthOf("iliacus_l") == Approx(k.lengthOf("iliacus_r")).epsilon(1e-3));
            // sacral slope follows the tilt; radiographic PT runs the other way; PI is constant
            CHECK(m.sacralSlopeDeg == Approx(m0.sacralSlopeDeg + tilt).margin(0.05));
            CHECK(m.pelvicTiltDeg == Approx(m0.pelvicTiltDeg - tilt).margin(0.05));
            CHECK(m.pelvicIncidenceDeg == Approx(m.pelvicTiltDeg + m.sacralSlopeDeg).margin(0.05));
            CHECK(m.hipFlexionRDeg == Approx(tilt).margin(0.01));
        }
    }
}

TEST_CASE("Neutral spinopelvic measures of the fixture are in the normal adult range", "[solver][measures]")
{
    Kinematics k = test::loadFixture();
    DerivedMeasures m = k.measures();
    CHECK(m.lumbarLordosisDeg > 40.0);
    CHECK(m.lumbarLordosisDeg < 65.0);
    CHECK(m.sacralSlopeDeg > 30.0);
    CHECK(m.sacralSlopeDeg < 50.0);
    CHECK(m.pelvicTiltDeg > 5.0);
    CHECK(m.pelvicTiltDeg < 20.0);
    CHECK(m.pelvicIncidenceDeg == Approx(m.pelvicTiltDeg + m.sacralSlopeDeg));
    // free-mode lumbar flexion flattens the lordosis by the flexion carried by L1-S1
    REQUIRE(k.setCoordinate("lumbar_flexion", 20).ok());
    REQUIRE(k.update().ok());
    CHECK(k.measures().lumbarLordosisDeg == Approx(m.lumbarLordosisDeg - 20 * 0.95).margin(0.2));
}

TEST_CASE("Standing reports a target it cannot meet and names the limiting coordinate", "[solver][standing]")
{
    Kinematics k = test::loadWith(test::fixtureRig(), test::dataDir() + "/coordinates_narrow.json");
    k.setMode(Mode::Standing);
    REQUIRE(k.setCoordinate("pelvis_tilt", 20).ok());
    auto st = k.update();
    REQUIRE_FALSE(st.ok());
    CHECK_THAT(st.message(), Catch::Contains("T12"));
    CHECK_THAT(st.message(), Catch::Contains("lumbar_flexion"));
    CHECK(k.coordinate("lumbar_flexion") == Approx(-10.0));
    CHECK(k.lastSolveNote() == st.message());
    // the femurs were still solved
    CHECK(k.coordinate("hip_flexion_r") == Approx(20.0).margin(0.01));
    // within reach again: success
    REQUIRE(k.setCoordinate("pelvis_tilt", 5).ok());
    CHECK(k.update().ok());
}

TEST_CASE("Standing converges to 0.01 deg in a few iterations for combined pelvis poses", "[solver][standing]")
{
    Kinematics k = test::loadFixture();
    k.setMode(Mode::Standing);
    for (double t = -25; t <= 25; t += 5)
        for (double o = -15; o <= 15; o += 7.5)
            for (double r = -25; r <= 25; r += 12.5) {
                INFO(t << " " << o << " " << r);
                REQUIRE(k.setCoordinate("pelvis_tilt", t).ok());
                REQUIRE(k.setCoordinate("pelvis_obliquity", o).ok());
                REQUIRE(k.setCoordinate("pelvis_rotation", r).ok());
                auto st = k.update();
                if (!st.ok()) {
                    // only acceptable when a limit is the reason
                    CHECK_THAT(st.message(), Catch::Contains("limit"));
                    continue;
                }
                CHECK(k.lastSolveIterations() <= 6);
                CHECK(rotationDeg(k.jointDelta("j_hip_r")) < 0.01);
                CHECK(rotationDeg(k.jointDelta("j_t12_l1")) < 0.01);
            }
}
