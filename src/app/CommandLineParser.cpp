// parseCommandLine: argv into the request of one command, refusing every argument it would
// not use (see CommandLine.h).
#include "app/CommandLine.h"

#include <algorithm>
#include <cctype>
#include <map>

namespace psoas::app {

namespace {

struct Parsed {
    std::map<std::string, std::vector<std::string>> values; // every option given, with its values
    std::vector<std::string> positional;
    bool isSet(const std::string& name) const { return values.count(name) > 0; }
    std::string value(const std::string& name, const std::string& fallback = {}) const
    {
        auto it = values.find(name);
        return it == values.end() || it->second.empty() ? fallback : it->second.back();
    }
    const std::vector<std::string>& all(const std::string& name) const
    {
        static const std::vector<std::string> none;
        auto it = values.find(name);
        return it == values.end() ? none : it->second;
    }
};

const CommandLineOption* findOption(const std::string& name)
{
    for (const auto& o : commandLineOptions())
        if (o.name == name) return &o;
    return nullptr;
}

// The syntax of the options, with the messages of Qt's parser (scripts and tests know them).
core::Result<Parsed> tokenize(const std::vector<std::string>& args)
{
    Parsed p;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--") {
            p.positional.insert(p.positional.end(), args.begin() + long(i) + 1, args.end());
            break;
        }
        if (a.rfind("--", 0) == 0) {
            const auto eq = a.find('=');
            const std::string name = a.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
            const CommandLineOption* o = findOption(name);
            const bool builtIn = name == "help" || name == "help-all" || name == "version";
            if (!o && !builtIn) return core::makeError("Unknown option '" + name + "'.");
            if (!o || o->valueName.empty()) {
                if (eq != std::string::npos) return core::makeError("Unexpected value after '--" + name + "'.");
                p.values[name];
                continue;
            }
            if (eq != std::string::npos) p.values[name].push_back(a.substr(eq + 1));
            else if (i + 1 < args.size()) p.values[name].push_back(args[++i]);
            else return core::makeError("Missing value after '--" + name + "'.");
            continue;
        }
        if (a.size() > 1 && a[0] == '-') { // short options, as -hv
            for (std::size_t c = 1; c < a.size(); ++c) {
                if (a[c] == 'h' || a[c] == '?') p.values["help"];
                else if (a[c] == 'v') p.values["version"];
                else return core::makeError("Unknown option '" + a.substr(c, 1) + "'.");
            }
            continue;
        }
        p.positional.push_back(a);
    }
    return p;
}

std::string onceHint(const std::string& name)
{
    if (name == "render") return " (for several images, run psoas-atlas once per image).";
    if (name == "handout") return " (for several handouts, run psoas-atlas once per lesson).";
    if (name == "sweep") return " (one coordinate is swept per run; fix the others with --set).";
    if (name == "frame") return " (list the structures in one, separated by commas: --frame psoas_major_r,iliacus_r).";
    if (name == "select") return " (one structure is selected at a time; to fill the picture with several, use --frame).";
    return ".";
}

// Options given twice, and empty values: the checks every command shares.
std::string checkValues(const Parsed& p)
{
    for (const char* name : {"model", "render", "view", "size", "samples", "layers", "pose", "mode", "sweep", "assets",
                             "handout", "page", "note", "lesson", "step", "select", "frame", "camera"}) {
        const auto& values = p.all(name);
        if (values.size() > 1)
            return std::string("--") + name + " is given " + std::to_string(values.size()) + " times; give it once" +
                   onceHint(name);
    }
    static const char* const emptyHints[][2] = {
        {"model", "give a .glb, .gltf or .obj file"},
        {"view", "give a view name such as anterior"},
        {"size", "give WIDTHxHEIGHT such as 1280x720"},
        {"samples", "give 1, 2, 4 or 8"},
        {"layers", "give a layer spec such as muscles,bones (see --help)"},
        {"pose", "give a preset name (psoas-atlas --list-poses)"},
        {"mode", "give free or standing"},
        {"set", "give COORD=VALUE, e.g. hip_flexion_r=30 (psoas-atlas --list-coordinates)"},
        {"sweep", "give COORD=FROM:TO:STEP, e.g. hip_flexion_r=-20:120:10"},
        {"assets", "give the assets folder"},
        {"check-lesson", "give a lesson file"},
        {"handout", "give the PDF to write, e.g. --handout lesson.pdf LESSON.json"},
        {"page", "give a4 or letter"},
        {"note", "give the note's text, or leave --note out"},
        {"lesson", "give a lesson file, e.g. --lesson assets/lessons/psoas_origins_insertion_tour.json --step 1"},
        {"step", "give the step's number, 1 for the first"},
        {"select", "give a structure id (psoas-atlas --list-structures)"},
        {"frame", "give structure ids separated by commas (psoas-atlas --list-structures)"},
        {"camera", "give YAW,PITCH,DISTANCE in degrees, degrees and metres, e.g. 30,15,1.2"},
    };
    for (const auto& hint : emptyHints)
        for (const std::string& v : p.all(hint[0]))
            if (v.find_first_not_of(" \t\r\n") == std::string::npos)
                return std::string("--") + hint[0] + " is empty; " + hint[1] + ".";
    return {};
}

// The first of `names` that is given, or empty.
std::string firstSet(const Parsed& p, std::initializer_list<const char*> names)
{
    for (const char* n : names)
        if (p.isSet(n)) return n;
    return {};
}

const std::initializer_list<const char*> kRenderOnly = {"view", "size", "samples", "labels", "layers", "lesson",
                                                         "step", "select", "frame", "camera"};
const std::initializer_list<const char*> kPoseOptions = {"pose", "mode", "set", "sweep"};

// The command named in messages ("--render", ...), as the old parser named it.
std::string commandName(const Parsed& p)
{
    const std::string n = firstSet(p, {"check-lesson", "handout", "render", "kinematics", "list-coordinates",
                                       "list-poses", "list-structures"});
    return n.empty() ? n : "--" + n;
}

std::string checkHandout(const Parsed& p)
{
    for (const char* name : {"view", "size", "samples", "labels", "layers", "pose", "mode", "set", "sweep", "lesson",
                             "step", "select", "frame", "camera"})
        if (p.isSet(name))
            return std::string("--") + name + " is not used by --handout: the lesson's steps set the view, pose and "
                   "layers. Leave it out (change the steps in the viewer's Lesson panel).";
    if (p.positional.empty()) return "--handout needs the lesson file after it: psoas-atlas --handout OUT.pdf LESSON.json.";
    if (p.positional.size() > 1)
        return "--handout makes one handout from one lesson, but " + std::to_string(p.positional.size()) +
               " files were given ('" + p.positional[0] + "', '" + p.positional[1] + "', ...); run psoas-atlas once per lesson.";
    if (!firstSet(p, {"render", "kinematics", "list-coordinates", "list-poses", "list-structures"}).empty())
        return "--handout cannot be combined with --render, --kinematics or a --list-*; run them one at a time.";
    return {};
}

std::string checkViewer(const Parsed& p)
{
    if (p.positional.size() > 1)
        return "only one file can be opened at a time, but " + std::to_string(p.positional.size()) + " were given ('" +
               p.positional[0] + "', '" + p.positional[1] + "', ...).";
    if (p.isSet("lesson") || p.isSet("step"))
        return std::string("--") + (p.isSet("lesson") ? "lesson" : "step") + " is used with --render only; to open a "
               "lesson in the viewer, give it as the file (psoas-atlas LESSON.json), or add --render OUT.png.";
    for (const char* name : {"view", "size", "samples", "labels", "layers", "pose", "mode", "set", "sweep"})
        if (p.isSet(name))
            return std::string("--") + name + " is used with --render or --kinematics only; the viewer sets it in its "
                   "panels. Add --render OUT.png or --kinematics, or leave it out.";
    for (const char* name : {"select", "frame", "camera"})
        if (p.isSet(name))
            return std::string("--") + name + " is used with --render only; in the viewer, click, double-click or "
                   "drag instead. Add --render OUT.png, or leave it out.";
    return {};
}

// The checks of every command, in the order the messages have always come in.
std::string checkArgumentUse(const Parsed& p)
{
    if (std::string s = checkValues(p); !s.empty()) return s;
    const std::string command = commandName(p);
    for (const char* name : {"page", "note"})
        if (p.isSet(name) && command != "--handout")
            return std::string("--") + name + " is used with --handout only; add --handout OUT.pdf LESSON.json or leave it out.";
    if (command == "--handout") return checkHandout(p);
    if (!command.empty() && !p.positional.empty())
        return "'" + p.positional.front() + "' is not used by " + command +
               "; give a model with --model FILE, or open a lesson in the viewer (psoas-atlas LESSON.json) "
               "or check it with --check-lesson FILE.";
    if (command.empty()) return checkViewer(p);
    return {};
}

} // namespace

// In CommandLineRequests.cpp: the requests of each command from the checked options.
std::string fillRequest(const std::map<std::string, std::vector<std::string>>& values, CommandLine& line);

core::Result<CommandLine> parseCommandLine(const std::vector<std::string>& args)
{
    auto parsed = tokenize(args);
    if (!parsed) return core::makeError(parsed.message());
    const Parsed& p = parsed.value();
    if (std::string refusal = checkArgumentUse(p); !refusal.empty()) return core::makeError(refusal);
    CommandLine line;
    line.command = commandOf(args);
    line.assets = p.value("assets");
    if (line.command == CliCommand::Viewer) {
        line.modelPath = p.value("model");
        if (!p.positional.empty()) {
            const std::string& f = p.positional.front();
            const bool json = f.size() >= 5 && std::equal(f.end() - 5, f.end(), ".json", [](char a, char b) {
                                  return std::tolower(static_cast<unsigned char>(a)) == b;
                              });
            if (json) line.openFile = f;
            else if (!line.modelPath.empty())
                return core::makeError("'" + f + "' and --model " + line.modelPath + " both name a model; give one of "
                                       "them.");
            else line.modelPath = f;
        }
        return line;
    }
    if (line.command == CliCommand::Handout) {
        // The command comes from a scan of the raw words: "--handout" given as another option's
        // value (--sweep --handout) is seen there but not parsed as the option.
        if (!p.isSet("handout") || p.positional.empty())
            return core::makeError("--handout needs an output file and a lesson: psoas-atlas --handout OUT.pdf "
                                   "LESSON.json (an option name cannot be another option's value).");
        line.handout = {p.value("handout"), p.positional.front(), p.value("page", "a4"), p.value("note"), p.value("model")};
        return line;
    }
    if (std::string refusal = fillRequest(p.values, line); !refusal.empty()) return core::makeError(refusal);
    return line;
}

} // namespace psoas::app
