#include "SolverTestUtil.h"

#include "solver/CoordinateTable.h"
#include "solver/PresetLibrary.h"
#include "solver/RigData.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>

using namespace psoas;
using namespace psoas::solver;

TEST_CASE("The fixture rig and the shipped coordinates load", "[solver][load]")
{
    Kinematics k = test::loadFixture();
    REQUIRE(k.coordinates().size() == 13);
    CHECK(k.coordinates()[0].name == "pelvis_tilt");
    CHECK(k.coordinates()[12].name == "breathing");
    CHECK(k.jointNames().size() == 9);
    auto ids = k.muscleIds(true);
    CHECK(std::find(ids.begin(), ids.end(), "psoas_major_r.t12") != ids.end());
    CHECK(std::find(ids.begin(), ids.end(), "psoas_major_l.tp_l5") != ids.end());
}

TEST_CASE("Bad rig files are rejected with a message naming the file and the entry", "[solver][load]")
{
    struct Row {
        const char* what;
        std::string text;
        const char* mentions;
    };
    const std::string joints =
        R"("joints":[{"name":"pelvis","parent":null,"position":[0,0,0]},{"name":"j_hip_r","parent":"pelvis","position":[-0.08,0,0]}])";
    const Row rows[] = {
        {"not JSON", "{", "bad.json"},
        {"no joints", R"({"bodies":[],"muscles":[]})", "joints"},
        {"unknown parent", R"({"joints":[{"name":"a","parent":"zz","position":[0,0,0]}],"bodies":[],"muscles":[]})", "zz"},
        {"NaN-like position", R"({"joints":[{"name":"a","parent":null,"position":[0,"x",0]}],"bodies":[],"muscles":[]})", "position"},
        {"unknown body", "{" + joints + R"(,"bodies":[{"name":"femur_r","joint":"j_hip_r"}],"muscles":[{"id":"m","paths":[{"name":"main","points":[{"body":"nope","position":[0,0,0]},{"body":"femur_r","position":[0,1,0]}]}]}]})", "nope"},
        {"unknown wrap", "{" + joints + R"(,"bodies":[{"name":"femur_r","joint":"j_hip_r"}],"muscles":[{"id":"m","paths":[{"name":"main","points":[{"body":"femur_r","position":[0,0,0]},{"body":"femur_r","position":[0,1,0]}],"wraps":["brim_q"]}]}]})", "brim_q"},
        {"bad wrap type", "{" + joints + R"(,"bodies":[{"name":"femur_r","joint":"j_hip_r"}],"wraps":[{"name":"w","body":"femur_r","type":"torus","center":[0,0,0]}],"muscles":[]})", "torus"},
        {"one point", "{" + joints + R"(,"bodies":[{"name":"femur_r","joint":"j_hip_r"}],"muscles":[{"id":"m","paths":[{"name":"main","points":[{"body":"femur_r","position":[0,0,0]}]}]}]})", "at least 2"},
    };
    for (const auto& row : rows) {
        INFO(row.what);
        auto rig = RigData::fromJsonText(row.text, "bad.json");
        REQUIRE_FALSE(rig.ok());
        CHECK_THAT(rig.message(), Catch::Contains("bad.json"));
        CHECK_THAT(rig.message(), Catch::Contains(row.mentions));
    }
}

TEST_CASE("A rig without the solver's joints is refused by name", "[solver][load]")
{
    auto k = Kinematics::loadFiles(test::dataDir() + "/rig_missing_joint.json", test::assetsDir() + "/models/coordinates.json",
                                   test::assetsDir() + "/poses");
    REQUIRE_FALSE(k.ok());
    CHECK_THAT(k.message(), Catch::Contains("rig_missing_joint.json"));
    CHECK_THAT(k.message(), Catch::Contains("j_l3_l4"));
    auto missing = Kinematics::loadFiles(test::dataDir() + "/does_not_exist.json", test::assetsDir() + "/models/coordinates.json",
                                         test::assetsDir() + "/poses");
    REQUIRE_FALSE(missing.ok());
    CHECK_THAT(missing.message(), Catch::Contains("does_not_exist.json"));
}

TEST_CASE("Coordinate tables are checked", "[solver][load]")
{
    auto bad = CoordinateTable::fromJsonText(R"({"coordinates":[{"name":"pelvis_tilt_x","min":0,"max":1}]})", "c.json");
    REQUIRE_FALSE(bad.ok());
    CHECK_THAT(bad.message(), Catch::Contains("pelvis_tilt_x"));
    auto shipped = CoordinateTable::load(test::assetsDir() + "/models/coordinates.json");
    REQUIRE(shipped.ok());
    double sum = 0;
    for (double s : shipped->lumbarShares()) sum += s;
    CHECK(sum == Approx(1.0));
    CHECK(shipped->info(HipFlexionR).max >= 120.0);
}

TEST_CASE("Presets with unknown coordinates or out-of-range values are refused", "[solver][load]")
{
    auto table = CoordinateTable::load(test::assetsDir() + "/models/coordinates.json");
    REQUIRE(table.ok());
    auto p1 = PresetLibrary::parse(R"({"name":"x","mode":"free","coordinates":{"hip_flex_r":10}})", "x.json", *table);
    REQUIRE_FALSE(p1.ok());
    CHECK_THAT(p1.message(), Catch::Contains("hip_flex_r"));
    auto p2 = PresetLibrary::parse(R"({"name":"x","mode":"free","coordinates":{"hip_flexion_r":400}})", "x.json", *table);
    REQUIRE_FALSE(p2.ok());
    CHECK_THAT(p2.message(), Catch::Contains("400"));
    auto p3 = PresetLibrary::parse(R"({"name":"x","mode":"sideways"})", "x.json", *table);
    REQUIRE_FALSE(p3.ok());
    CHECK_THAT(p3.message(), Catch::Contains("sideways"));
}

TEST_CASE("setCoordinate rejects unknown names and NaN, clamps and reports out-of-range values", "[solver][coordinates]")
{
    Kinematics k = test::loadFixture();
    auto unknown = k.setCoordinate("hip_flexion_x", 10.0);
    REQUIRE_FALSE(unknown.ok());
    CHECK_THAT(unknown.message(), Catch::Contains("hip_flexion_x"));
    auto nan = k.setCoordinate("hip_flexion_r", std::nan(""));
    REQUIRE_FALSE(nan.ok());
    CHECK_THAT(nan.message(), Catch::Contains("hip_flexion_r"));
    CHECK(k.coordinate("hip_flexion_r") == 0.0);
    std::string note;
    REQUIRE(k.setCoordinate("hip_flexion_r", 170.0, &note).ok());
    CHECK(k.coordinate("hip_flexion_r") == Approx(125.0));
    CHECK_THAT(note, Catch::Contains("170"));
    CHECK_THAT(note, Catch::Contains("125"));
    REQUIRE(k.setCoordinate("breathing", 25.0, &note).ok());
    CHECK(note.empty());
    CHECK(std::isnan(k.coordinate("nope")));
}
