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

TEST_CASE("A preset states how the body lies, and a wrong value names the file, the field and the choices",
          "[solver][presets]")
{
    auto table = CoordinateTable::load(test::assetsDir() + "/models/coordinates.json");
    REQUIRE(table.ok());
    auto lying = PresetLibrary::parse(R"({"name": "x", "body": "supine", "coordinates": {"hip_flexion_r": 60}})",
                                      "x.json", *table);
    REQUIRE(lying.ok());
    CHECK(lying->body == Body::Supine);
    auto prone = PresetLibrary::parse(R"({"name": "x", "body": "prone"})", "x.json", *table);
    REQUIRE(prone.ok());
    CHECK(prone->body == Body::Prone);
    auto plain = PresetLibrary::parse(R"({"name": "x"})", "x.json", *table);
    REQUIRE(plain.ok());
    CHECK(plain->body == Body::Standing); // the field is optional
    auto bad = PresetLibrary::parse(R"({"name": "x", "body": "sideways"})", "poses/x.json", *table);
    REQUIRE_FALSE(bad.ok());
    for (const char* part : {"poses/x.json", "body", "sideways", "standing", "supine", "prone"}) {
        INFO(bad.message());
        CHECK(bad.message().find(part) != std::string::npos);
    }

    // The shipped presets done lying on the back say so; applying one sets the orientation,
    // a standing one sets it back, and moving a coordinate keeps it.
    Kinematics k = test::loadWith(test::rigsUnderTest().front());
    for (const char* name : {"supine_leg_lift", "bridge", "thomas_test"}) {
        INFO(name);
        REQUIRE(k.preset(name));
        CHECK(k.preset(name)->body == Body::Supine);
    }
    CHECK(k.preset("sitting")->body == Body::Standing);
    REQUIRE(k.applyPreset("bridge").ok());
    CHECK(k.body() == Body::Supine);
    REQUIRE(k.setCoordinate("hip_flexion_r", 20.0).ok());
    CHECK(k.body() == Body::Supine);
    REQUIRE(k.applyPreset("neutral").ok());
    CHECK(k.body() == Body::Standing);
}

TEST_CASE("The body orientation changes no reading: lengths, moment arms and measures are the solve's",
          "[solver][presets]")
{
    Kinematics k = test::loadWith(test::rigsUnderTest().front());
    REQUIRE(k.applyPreset("thomas_test").ok());
    REQUIRE(k.body() == Body::Supine);
    const auto lying = k.readings();
    const DerivedMeasures lyingMeasures = k.measures();
    k.setBody(Body::Standing);
    REQUIRE(k.update().ok());
    const auto standing = k.readings();
    REQUIRE(lying.size() == standing.size());
    for (std::size_t i = 0; i < lying.size(); ++i) {
        INFO(lying[i].id);
        CHECK(lying[i].lengthMm == standing[i].lengthMm); // bit for bit
        CHECK(lying[i].momentArmMm == standing[i].momentArmMm);
    }
    CHECK(lyingMeasures.lumbarLordosisDeg == k.measures().lumbarLordosisDeg);
    CHECK(lyingMeasures.pelvicTiltDeg == k.measures().pelvicTiltDeg);
    CHECK(lyingMeasures.sacralSlopeDeg == k.measures().sacralSlopeDeg);
}
