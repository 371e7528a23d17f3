#include "SolverTestUtil.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace psoas;
using namespace psoas::solver;

TEST_CASE("Every shipped preset loads and solves", "[solver][presets]")
{
    const std::vector<std::string> expected = {"anterior_pelvic_tilt", "bridge", "deep_inhale", "full_exhale", "kneeling_lunge",
                                               "neutral", "posterior_pelvic_tilt", "sitting", "supine_leg_lift", "thomas_test"};
    for (const auto& rig : test::rigsUnderTest()) {
        INFO(rig);
        Kinematics k = test::loadWith(rig);
        CHECK(k.presetNames() == expected);
        for (const auto& name : k.presetNames()) {
            INFO(name);
            const Preset* p = k.preset(name);
            REQUIRE(p);
            CHECK_FALSE(p->title.empty());
            CHECK_FALSE(p->description.empty());
            auto st = k.applyPreset(name);
            CHECK(st.ok());
            CHECK(k.mode() == p->mode);
            for (const auto& r : k.readings()) {
                CHECK(std::isfinite(r.lengthMm));
                CHECK(std::isfinite(r.momentArmMm));
            }
            DerivedMeasures m = k.measures();
            CHECK(std::isfinite(m.lumbarLordosisDeg));
            CHECK(std::isfinite(m.pelvicTiltDeg));
        }
        CHECK_FALSE(k.applyPreset("handstand").ok());
    }
}

TEST_CASE("Presets do what their names say", "[solver][presets]")
{
    Kinematics k = test::loadFixture();
    REQUIRE(k.applyPreset("neutral").ok());
    const double psoasR = k.lengthOf("psoas_major_r"), lordosis = k.measures().lumbarLordosisDeg;
    REQUIRE(k.applyPreset("kneeling_lunge").ok());
    CHECK(k.lengthOf("psoas_major_r") > psoasR); // rear hip extended: psoas stretched
    CHECK(k.lengthOf("psoas_major_l") < psoasR);
    REQUIRE(k.applyPreset("thomas_test").ok());
    CHECK(k.coordinate("hip_flexion_l") >= 110.0);
    REQUIRE(k.applyPreset("anterior_pelvic_tilt").ok());
    CHECK(k.measures().lumbarLordosisDeg > lordosis);
    CHECK(k.lengthOf("psoas_major_r") < psoasR);
    REQUIRE(k.applyPreset("posterior_pelvic_tilt").ok());
    CHECK(k.measures().lumbarLordosisDeg < lordosis);
    CHECK(k.lengthOf("iliacus_r") > 0);
    REQUIRE(k.applyPreset("deep_inhale").ok());
    CHECK(k.coordinate("breathing") == 100.0);
    REQUIRE(k.applyPreset("sitting").ok());
    CHECK(k.mode() == Mode::Free);
    CHECK(k.coordinate("hip_flexion_r") >= 80.0);
}
