// The request of each headless command, from options that parseCommandLine has checked for
// syntax, repeats and empty values: what a command does not use is refused here.
#include "app/CommandLine.h"

#include <map>

namespace psoas::app {

namespace {

using Values = std::map<std::string, std::vector<std::string>>;

bool isSet(const Values& v, const char* name) { return v.count(name) > 0; }
std::string value(const Values& v, const char* name, const std::string& fallback = {})
{
    auto it = v.find(name);
    return it == v.end() || it->second.empty() ? fallback : it->second.back();
}
const std::vector<std::string>& all(const Values& v, const char* name)
{
    static const std::vector<std::string> none;
    auto it = v.find(name);
    return it == v.end() ? none : it->second;
}

// Every --set COORD=VALUE in order; the refusal names the first bad one.
std::string parseSets(const Values& v, std::vector<std::pair<std::string, double>>& sets)
{
    for (const auto& text : all(v, "set")) {
        std::pair<std::string, double> set;
        if (auto s = parseAssignment(text, set.first, set.second); !s) return s.message();
        sets.push_back(set);
    }
    return {};
}

std::string fillCheckLesson(const Values& v, CommandLine& line)
{
    if (isSet(v, "handout")) return "--check-lesson cannot be combined with --handout; run them one at a time.";
    for (const char* name : {"render", "kinematics", "list-coordinates", "list-poses", "list-structures"})
        if (isSet(v, name))
            return "--check-lesson cannot be combined with --render or --kinematics; run them one at a time.";
    for (const char* name : {"model", "view", "size", "samples", "labels", "layers", "pose", "mode", "set", "sweep",
                             "lesson", "step", "select", "frame", "camera"})
        if (isSet(v, name))
            return std::string("--") + name + " is not used by --check-lesson: lessons are checked against the "
                   "built-in model's catalog and poses (--assets DIR). Leave it out.";
    line.lessonChecks = all(v, "check-lesson");
    return {};
}

std::string fillKinematics(const Values& v, CommandLine& line)
{
    std::string command;
    for (const char* name : {"kinematics", "list-coordinates", "list-poses", "list-structures"}) {
        if (!isSet(v, name)) continue;
        if (!command.empty()) return "give only one of " + command + " and --" + name + "; run them one at a time.";
        command = std::string("--") + name;
    }
    if (isSet(v, "render"))
        return "--render cannot be combined with " + command + "; run them one at a time (the image with --render, "
               "the numbers with " + command + ").";
    for (const char* name : {"model", "view", "size", "samples", "labels", "layers", "lesson", "step", "select",
                             "frame", "camera"})
        if (isSet(v, name))
            return std::string("--") + name + " is not used by " + command + "; it is for --render. Leave it out.";
    if (command != "--kinematics")
        for (const char* name : {"pose", "mode", "set", "sweep"})
            if (isSet(v, name))
                return std::string("--") + name + " is not used by " + command + "; it is for --kinematics and "
                       "--render. Leave it out.";
    line.kinematicsRequested = true;
    auto& k = line.kinematics;
    k.command = command == "--list-coordinates" ? solver::KinematicsCommandKind::ListCoordinates
                : command == "--list-poses"     ? solver::KinematicsCommandKind::ListPoses
                : command == "--list-structures" ? solver::KinematicsCommandKind::ListStructures
                                                 : solver::KinematicsCommandKind::Kinematics;
    k.assets = value(v, "assets");
    k.pose = value(v, "pose");
    k.mode = value(v, "mode");
    if (std::string refusal = parseSets(v, k.sets); !refusal.empty()) return refusal;
    if (isSet(v, "sweep")) {
        if (auto s = parseSweep(value(v, "sweep"), k.sweepCoord, k.from, k.to, k.step); !s) return s.message();
        k.sweep = true;
    }
    return {};
}

std::string fillRender(const Values& v, CommandLine& line)
{
    if (isSet(v, "sweep"))
        return "--sweep is not used by --render: one image shows one pose. Fix coordinates with --set, or sweep "
               "with --kinematics.";
    if (isSet(v, "step") && !isSet(v, "lesson"))
        return "--step needs --lesson FILE, the lesson whose step to render.";
    if (isSet(v, "lesson") && !isSet(v, "step"))
        return "--lesson needs --step N, the step to render (1 for the first).";
    if (isSet(v, "camera") && isSet(v, "view"))
        return "--camera and --view both set the direction the camera looks from; give one of them (--camera 0,0,D "
               "looks from the front, as --view anterior does).";
    RenderRequest& r = line.render;
    r.output = value(v, "render");
    r.viewGiven = isSet(v, "view");
    r.view = value(v, "view", "anterior");
    r.modelPath = value(v, "model");
    r.pose = value(v, "pose");
    r.mode = value(v, "mode");
    r.layers = value(v, "layers");
    r.labels = isSet(v, "labels");
    r.lesson = value(v, "lesson");
    r.select = value(v, "select");
    if (std::string refusal = parseSets(v, r.sets); !refusal.empty()) return refusal;
    if (auto s = parseSize(value(v, "size", "1280x720"), r.width, r.height); !s) return s.message();
    if (auto s = parseSamples(value(v, "samples", "4"), r.samples); !s) return s.message();
    if (isSet(v, "step"))
        if (auto s = parseStep(value(v, "step"), r.step); !s) return s.message();
    if (isSet(v, "camera"))
        if (auto s = parseCamera(value(v, "camera"), r.camera); !s) return s.message();
    if (isSet(v, "frame")) {
        const std::string list = value(v, "frame");
        std::size_t start = 0;
        for (;;) {
            const std::size_t comma = list.find(',', start);
            const std::string id = list.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
            if (id.empty())
                return "--frame '" + list + "' has an empty id; give ids separated by commas, e.g. "
                       "--frame psoas_major_r,iliacus_r.";
            r.frame.push_back(id);
            if (comma == std::string::npos) break;
            start = comma + 1;
        }
    }
    return {};
}

} // namespace

std::string fillRequest(const Values& values, CommandLine& line)
{
    switch (line.command) {
    case CliCommand::CheckLesson: return fillCheckLesson(values, line);
    case CliCommand::Kinematics: return fillKinematics(values, line);
    case CliCommand::Render: return fillRender(values, line);
    default: return {};
    }
}

} // namespace psoas::app
