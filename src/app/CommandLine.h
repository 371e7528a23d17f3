#pragma once
// The command line of psoas-atlas: one option table (--help, the man page and the bash
// completion are made from it) and one parser that turns argv into the request of the command
// being run (the viewer, --render, --kinematics and --list-*, --handout, --check-lesson).
// Plain C++: arguments are bytes (file names need not be UTF-8) and every check is testable
// without Qt or a display.
//
// Every argument is used or refused, never dropped: unknown options, options given twice,
// empty values and options the command does not use are refused with a message naming the
// option and what to do; main prints it as "psoas-atlas: MESSAGE" and exits with 2.
#include "app/RenderCommand.h"
#include "core/Error.h"
#include "solver/KinematicsCommand.h"

#include <string>
#include <utility>
#include <vector>

namespace psoas::app {

struct CommandLineOption {
    CommandLineOption(std::string n, std::string value, std::string text, std::string fallback = {})
        : name(std::move(n)), valueName(std::move(value)), description(std::move(text)), defaultValue(std::move(fallback))
    {
    }
    std::string name;        // long name without "--"
    std::string valueName;   // "FILE", ...; empty for a switch
    std::string description; // for --help and the man page
    std::string defaultValue;
    bool hidden = false;     // build-time generators, not in --help or the man page
};

// The one option table, in --help order (without -h/--help and -v/--version).
const std::vector<CommandLineOption>& commandLineOptions();
const char* commandLineDescription();
// The text of --help (Usage, description, options, arguments).
std::string commandLineHelp();

enum class CliCommand { Viewer, Help, Version, HelpMan, HelpBashCompletion, CheckLesson, Handout, Render, Kinematics };

// What the handout command needs (handout::HandoutRequest is filled from it).
struct HandoutArgs {
    std::string output, lesson, page, note, modelPath;
};

struct CommandLine {
    CliCommand command = CliCommand::Viewer;
    std::string assets;                 // --assets DIR, empty when not given
    RenderRequest render;               // CliCommand::Render
    HandoutArgs handout;                // CliCommand::Handout
    std::vector<std::string> lessonChecks; // CliCommand::CheckLesson
    solver::KinematicsRequest kinematics; // CliCommand::Kinematics (also the --list-* commands)
    bool kinematicsRequested = false;   // --kinematics or a --list-* (also in a build without solver)
    std::string modelPath;              // viewer: --model FILE or a model file given as the file
    std::string openFile;               // viewer: a lesson or quiz (.json) to open
};

// The command run by these arguments (argv[1..]), found without parsing them all: the viewer
// starts Qt (which takes its own options, such as -platform) before the rest is parsed.
CliCommand commandOf(const std::vector<std::string>& args);
// True when `--name` or `--name=...` is among the arguments (before a "--").
bool hasOption(const std::vector<std::string>& args, const std::string& name);

// Parses argv[1..]. Errors name the option or value and what to give instead.
core::Result<CommandLine> parseCommandLine(const std::vector<std::string>& args);

// The option values' parsers; errors name the option and the value and say what to give.
// --size WxH (e.g. 1920x1080), each side from 16 to 8192.
core::Status parseSize(const std::string& text, int& width, int& height);
// --samples: 1 (no multisampling), 2, 4 or 8.
core::Status parseSamples(const std::string& text, int& samples);
// --set COORD=VALUE (a finite number).
core::Status parseAssignment(const std::string& text, std::string& name, double& value);
// --camera YAW,PITCH,DISTANCE: degrees about the body's vertical axis from the anterior view
// (90 = from the patient's left), degrees of elevation (-89 to 89, > 0 from above) and metres
// from the target (0.05 to 20). Errors name the value and the ranges.
core::Status parseCamera(const std::string& text, RenderCamera& camera);
// --sweep COORD=FROM:TO:STEP (STEP > 0, at most 100000 steps). Errors name the value.
core::Status parseSweep(const std::string& text, std::string& coord, double& from, double& to, double& step);
// --step N: a whole number from 1. Errors name the value.
core::Status parseStep(const std::string& text, int& step);

} // namespace psoas::app
