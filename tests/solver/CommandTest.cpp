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

// The command line's parsing is app::parseCommandLine's (tests/app/CommandLineTest.cpp); here
// the parsed request runs on the fixture folder.
KinematicsRequest request(KinematicsCommandKind kind = KinematicsCommandKind::Kinematics)
{
    KinematicsRequest r;
    r.command = kind;
    r.assets = fixtureAssets();
    return r;
}

Run run(const KinematicsRequest& r)
{
    std::ostringstream out, err;
    int code = runKinematicsCommand(r, out, err);
    return {code, out.str(), err.str()};
}

KinematicsRequest sweep(KinematicsRequest r, const std::string& coord, double from, double to, double step)
{
    r.sweep = true;
    r.sweepCoord = coord;
    r.from = from;
    r.to = to;
    r.step = step;
    return r;
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
    Run r = run(request());
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
    KinematicsRequest q = request();
    q.pose = "neutral";
    q.mode = "free";
    q.sets = {{"hip_flexion_l", 10.0}};
    Run r = run(sweep(q, "hip_flexion_r", 0, 90, 30));
    REQUIRE(r.code == 0);
    auto l = lines(r.out);
    Run single = run(request());
    std::size_t perStep = lines(single.out).size() - 1;
    CHECK(l.size() == 1 + 4 * perStep);
    CHECK_THAT(r.out, Catch::Contains("hip_flexion_r,90,psoas_major_r.length_mm,"));
    CHECK_THAT(r.out, Catch::Contains("hip_flexion_r,30,hip_flexion_l_deg,10.000"));
    CHECK_THAT(r.out, Catch::Contains("hip_flexion_r,60,hip_flexion_r_deg,60.000"));
}

TEST_CASE("Bad names and values exit with 2 and a message naming them", "[solver][cli]")
{
    KinematicsRequest badSet = request(), badPose = request(), badMode = request();
    badSet.sets = {{"hip_flexon_r", 10.0}};
    badPose.pose = "handstand";
    badMode.mode = "floating";
    const std::pair<KinematicsRequest, const char*> rows[] = {
        {badSet, "hip_flexon_r"},
        {badPose, "handstand"},
        {badMode, "floating"},
        {sweep(request(), "pelvis_tlt", 0, 10, 1), "pelvis_tlt"},
    };
    for (const auto& [q, mentions] : rows) {
        Run r = run(q);
        INFO(mentions << ": " << r.err);
        CHECK(r.code == 2);
        CHECK_THAT(r.err, Catch::Contains(mentions));
    }
}

TEST_CASE("Out-of-range values are clamped and noted, not fatal", "[solver][cli]")
{
    KinematicsRequest q = request();
    q.sets = {{"hip_flexion_r", 200.0}};
    Run r = run(q);
    CHECK(r.code == 0);
    CHECK_THAT(r.err, Catch::Contains("200"));
    CHECK_THAT(r.out, Catch::Contains(",,hip_flexion_r_deg,125.000"));
}

TEST_CASE("CLI --list-coordinates and --list-poses print what exists", "[solver][cli]")
{
    Run c = run(request(KinematicsCommandKind::ListCoordinates));
    REQUIRE(c.code == 0);
    CHECK(lines(c.out).size() == 14);
    CHECK_THAT(c.out, Catch::Contains("hip_rotation_r,"));
    Run p = run(request(KinematicsCommandKind::ListPoses));
    REQUIRE(p.code == 0);
    CHECK(lines(p.out).size() == 11);
    CHECK_THAT(p.out, Catch::Contains("thomas_test,free,"));
    Run s = run(request(KinematicsCommandKind::ListStructures)); // the fixture folder has no catalog
    CHECK(s.code == 2);
    CHECK_THAT(s.err, Catch::Contains("catalog.json"));
}

TEST_CASE("The command runs on the shipped assets", "[solver][cli][real-rig]")
{
    if (!test::exists(test::realRig())) return;
    std::ostringstream out, err;
    KinematicsRequest q;
    q.pose = "sitting";
    q.assets = test::assetsDir();
    int code = runKinematicsCommand(q, out, err);
    INFO(err.str());
    CHECK(code == 0);
    CHECK_THAT(out.str(), Catch::StartsWith("coordinate,value,quantity,amount\n"));
    CHECK_THAT(out.str(), Catch::Contains("psoas_major_l.tp_l5.length_mm"));
    if (test::exists(test::assetsDir() + "/models/catalog.json")) {
        std::ostringstream o2, e2;
        q = KinematicsRequest{};
        q.command = KinematicsCommandKind::ListStructures;
        q.assets = test::assetsDir();
        CHECK(runKinematicsCommand(q, o2, e2) == 0);
        CHECK_THAT(o2.str(), Catch::Contains("psoas_major_r,"));
    }
}
