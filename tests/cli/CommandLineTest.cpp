// app::parseCommandLine: what each command's request gets from the arguments, and what is
// refused (the refusals as the real program prints them are in tests/data/bad/hostile/cases.txt).
#include "app/CommandLine.h"

#include <catch2/catch.hpp>

using namespace psoas::app;

TEST_CASE("The command line fills the --render request, new view options included", "[cli][parse]")
{
    auto line = parseCommandLine({"--render", "out.png", "--lesson", "l.json", "--step", "3", "--select",
                                  "psoas_major_r", "--frame=psoas_major_r,iliacus_r", "--camera", "-30,15.5,1.2",
                                  "--size", "640x480", "--samples", "2", "--labels", "--set", "hip_flexion_r=30",
                                  "--assets", "/a"});
    REQUIRE(line);
    CHECK(line->command == CliCommand::Render);
    const RenderRequest& r = line->render;
    CHECK(r.output == "out.png");
    CHECK(r.lesson == "l.json");
    CHECK(r.step == 3);
    CHECK(r.select == "psoas_major_r");
    CHECK(r.frame == std::vector<std::string>{"psoas_major_r", "iliacus_r"});
    CHECK(r.camera.given);
    CHECK(r.camera.yawDeg == Approx(-30));
    CHECK(r.camera.pitchDeg == Approx(15.5));
    CHECK(r.camera.distance == Approx(1.2));
    CHECK(r.width == 640);
    CHECK(r.height == 480);
    CHECK(r.samples == 2);
    CHECK(r.labels);
    CHECK_FALSE(r.viewGiven);
    CHECK(r.view == "anterior");
    REQUIRE(r.sets.size() == 1);
    CHECK(r.sets[0].first == "hip_flexion_r");
    CHECK(r.sets[0].second == 30.0);
    CHECK(line->assets == "/a");
}

TEST_CASE("The command line fills the kinematics request (--sweep and --set are parsed once, here)", "[cli][parse]")
{
    auto line = parseCommandLine({"--kinematics", "--pose", "sitting", "--mode", "free", "--set", "hip_flexion_l=10",
                                  "--sweep", "hip_flexion_r=-20:120:10"});
    REQUIRE(line);
    CHECK(line->command == CliCommand::Kinematics);
    const auto& k = line->kinematics;
    CHECK(k.command == psoas::solver::KinematicsCommandKind::Kinematics);
    CHECK(k.pose == "sitting");
    CHECK(k.mode == "free");
    REQUIRE(k.sets.size() == 1);
    CHECK(k.sets[0].first == "hip_flexion_l");
    CHECK(k.sets[0].second == 10.0);
    CHECK(k.sweep);
    CHECK(k.sweepCoord == "hip_flexion_r");
    CHECK(k.from == -20.0);
    CHECK(k.to == 120.0);
    CHECK(k.step == 10.0);
    auto list = parseCommandLine({"--list-structures"});
    REQUIRE(list);
    CHECK(list->kinematics.command == psoas::solver::KinematicsCommandKind::ListStructures);
}

TEST_CASE("Bad command lines are refused with a message naming the option or value", "[cli][parse]")
{
    const std::pair<std::vector<std::string>, const char*> rows[] = {
        {{"--kinematics", "--frobnicate"}, "Unknown option 'frobnicate'."},
        {{"--kinematics", "--sweep", "pelvis_tilt=0:10"}, "FROM:TO:STEP"},
        {{"--kinematics", "--sweep", "pelvis_tilt=0:10:0"}, "STEP must be > 0"},
        {{"--kinematics", "--set", "hip_flexion_r=abc"}, "'abc' is not a number"},
        {{"--kinematics", "--set", "hip_flexion_r=nan"}, "'nan' is not a finite number"},
        {{"--render", "o.png", "--step", "1"}, "--step needs --lesson FILE"},
        {{"--render", "o.png", "--lesson", "l.json"}, "--lesson needs --step N"},
        {{"--render", "o.png", "--lesson", "l.json", "--step", "0"}, "--step '0' is not valid"},
        {{"--render", "o.png", "--camera", "0,0"}, "--camera '0,0' is not valid"},
        {{"--render", "o.png", "--camera", "0,0,1", "--view", "left"}, "--camera and --view"},
        {{"--render", "o.png", "--frame", ",a"}, "has an empty id"},
        {{"--render", "o.png", "--lesson"}, "Missing value after '--lesson'."},
        {{"--render", "o.png", "--labels=1"}, "Unexpected value after '--labels'."},
        {{"--render", "o.png", "-x"}, "Unknown option 'x'."},
        {{"--lesson", "l.json", "--step", "1"}, "--lesson is used with --render only"},
        {{"--camera", "0,0,1"}, "--camera is used with --render only"},
        {{"--list-poses", "--set", "hip_flexion_r=1"}, "--set is not used by --list-poses"},
        {{"--kinematics", "--frame", "a"}, "--frame is not used by --kinematics"},
        {{"--model", "a.glb", "b.obj"}, "'b.obj' and --model a.glb both name a model"},
    };
    for (const auto& [args, message] : rows) {
        INFO(message);
        auto line = parseCommandLine(args);
        REQUIRE_FALSE(line);
        CHECK_THAT(line.message(), Catch::Contains(message));
    }
}

TEST_CASE("The help lists every option of the table, and the viewer's file goes where it belongs", "[cli][parse]")
{
    const std::string help = commandLineHelp();
    for (const auto& o : commandLineOptions())
        CHECK((help.find("  --" + o.name + " ") != std::string::npos ||
               help.find("  --" + o.name + "\n") != std::string::npos) == !o.hidden);
    CHECK(help.find("metres") != std::string::npos); // --camera says its unit
    CHECK(commandOf({"-h"}) == CliCommand::Help);
    CHECK(commandOf({"--render", "a.png"}) == CliCommand::Render);
    CHECK(commandOf({"--", "--render"}) == CliCommand::Viewer);
    auto lesson = parseCommandLine({"My Lesson.JSON"});
    REQUIRE(lesson);
    CHECK(lesson->openFile == "My Lesson.JSON");
    auto model = parseCommandLine({"--", "-odd.glb"});
    REQUIRE(model);
    CHECK(model->modelPath == "-odd.glb");
}
