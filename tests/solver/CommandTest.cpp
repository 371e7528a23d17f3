#include "SolverTestUtil.h"

#include "solver/KinematicsCommand.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>
#include <unistd.h>

using namespace psoas;
using namespace psoas::solver;

namespace {

// An assets folder holding the fixture rig with the shipped coordinates and poses.
std::string fixtureAssets()
{
    namespace fs = std::filesystem;
    static std::string dir;
    if (!dir.empty()) return dir;
    dir = (fs::temp_directory_path() / ("psoas_solver_cli_" + std::to_string(::getpid()))).string();
    fs::create_directories(dir + "/models");
    fs::copy_file(test::fixtureRig(), dir + "/models/rig.json", fs::copy_options::overwrite_existing);
    fs::copy_file(test::assetsDir() + "/models/coordinates.json", dir + "/models/coordinates.json",
                  fs::copy_options::overwrite_existing);
    fs::remove_all(dir + "/poses");
    fs::copy(test::assetsDir() + "/poses", dir + "/poses");
    return dir;
}

struct Run {
    int code;
    std::string out, err;
};

Run run(std::vector<std::string> args)
{
    args.push_back("--assets");
    args.push_back(fixtureAssets());
    std::ostringstream out, err;
    int code = runKinematicsCommand(args, out, err);
    return {code, out.str(), err.str()};
}

std::vector<std::string> lines(const std::string& s)
{
    std::vector<std::string> l;
    std::istringstream in(s);
    for (std::string line; std::getline(in, line);) l.push_back(line);
    return l;
}

} // namespace


TEST_CASE("CLI --kinematics prints the CSV header and a row per quantity", "[solver][cli]")
{
    Run r = run({"--kinematics"});
    REQUIRE(r.code == 0);
    auto l = lines(r.out);
    REQUIRE(l.size() > 10);
    CHECK(l[0] == "coordinate,value,quantity,amount");
    CHECK_THAT(r.out, Catch::Contains(",,psoas_major_r.t12.length_mm,"));
    CHECK_THAT(r.out, Catch::Contains(",,psoas_major_r.length_pct,100.000"));
    CHECK_THAT(r.out, Catch::Contains(",,iliacus_l.moment_arm_mm,"));
    for (const char* q : {"lumbar_lordosis_deg", "sacral_slope_deg", "pelvic_tilt_deg", "hip_flexion_l_deg", "hip_flexion_r_deg"})
        CHECK_THAT(r.out, Catch::Contains(std::string(",,") + q + ","));
    CHECK(r.err.empty());
}

TEST_CASE("CLI --sweep gives one block per step, moment arms about the swept coordinate", "[solver][cli]")
{
    Run r = run({"--kinematics", "--pose", "neutral", "--mode", "free", "--set", "hip_flexion_l=10", "--sweep",
                 "hip_flexion_r=0:90:30"});
    REQUIRE(r.code == 0);
    auto l = lines(r.out);
    Run single = run({"--kinematics"});
    std::size_t perStep = lines(single.out).size() - 1;
    CHECK(l.size() == 1 + 4 * perStep);
    CHECK_THAT(r.out, Catch::Contains("hip_flexion_r,90,psoas_major_r.length_mm,"));
    CHECK_THAT(r.out, Catch::Contains("hip_flexion_r,30,hip_flexion_l_deg,10.000"));
    CHECK_THAT(r.out, Catch::Contains("hip_flexion_r,60,hip_flexion_r_deg,60.000"));
}

TEST_CASE("Bad names and values exit with 2 and a message naming them", "[solver][cli]")
{
    struct Row {
        std::vector<std::string> args;
        const char* mentions;
    };
    const Row rows[] = {
        {{"--kinematics", "--set", "hip_flexon_r=10"}, "hip_flexon_r"},
        {{"--kinematics", "--set", "hip_flexion_r=abc"}, "abc"},
        {{"--kinematics", "--set", "hip_flexion_r=nan"}, "nan"},
        {{"--kinematics", "--pose", "handstand"}, "handstand"},
        {{"--kinematics", "--mode", "floating"}, "floating"},
        {{"--kinematics", "--sweep", "pelvis_tlt=0:10:1"}, "pelvis_tlt"},
        {{"--kinematics", "--sweep", "pelvis_tilt=0:10:0"}, "STEP"},
        {{"--kinematics", "--sweep", "pelvis_tilt=0:10"}, "FROM:TO:STEP"},
        {{"--kinematics", "--frobnicate"}, "--frobnicate"},
    };
    for (const auto& row : rows) {
        Run r = run(row.args);
        INFO(row.mentions << ": " << r.err);
        CHECK(r.code == 2);
        CHECK_THAT(r.err, Catch::Contains(row.mentions));
    }
}

TEST_CASE("Out-of-range values are clamped and noted, not fatal", "[solver][cli]")
{
    Run r = run({"--kinematics", "--set", "hip_flexion_r=200"});
    CHECK(r.code == 0);
    CHECK_THAT(r.err, Catch::Contains("200"));
    CHECK_THAT(r.out, Catch::Contains(",,hip_flexion_r_deg,125.000"));
}

TEST_CASE("CLI --list-coordinates and --list-poses print what exists", "[solver][cli]")
{
    Run c = run({"--list-coordinates"});
    REQUIRE(c.code == 0);
    CHECK(lines(c.out).size() == 14);
    CHECK_THAT(c.out, Catch::Contains("hip_rotation_r,"));
    Run p = run({"--list-poses"});
    REQUIRE(p.code == 0);
    CHECK(lines(p.out).size() == 11);
    CHECK_THAT(p.out, Catch::Contains("thomas_test,free,"));
    Run s = run({"--list-structures"}); // the fixture folder has no catalog
    CHECK(s.code == 2);
    CHECK_THAT(s.err, Catch::Contains("catalog.json"));
    CHECK(isKinematicsCommand({"--list-poses"}));
    CHECK_FALSE(isKinematicsCommand({"--help"}));
}

TEST_CASE("The command runs on the shipped assets", "[solver][cli][real-rig]")
{
    if (!test::exists(test::realRig())) return;
    std::ostringstream out, err;
    int code = runKinematicsCommand({"--kinematics", "--pose", "sitting", "--assets", test::assetsDir()}, out, err);
    INFO(err.str());
    CHECK(code == 0);
    CHECK_THAT(out.str(), Catch::StartsWith("coordinate,value,quantity,amount\n"));
    CHECK_THAT(out.str(), Catch::Contains("psoas_major_l.tp_l5.length_mm"));
    if (test::exists(test::assetsDir() + "/models/catalog.json")) {
        std::ostringstream o2, e2;
        CHECK(runKinematicsCommand({"--list-structures", "--assets", test::assetsDir()}, o2, e2) == 0);
        CHECK_THAT(o2.str(), Catch::Contains("psoas_major_r,"));
    }
}
