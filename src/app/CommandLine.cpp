#include "app/CommandLine.h"

#include "app/LayerSpec.h"
#include "scene/ViewPreset.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <stdexcept>

namespace psoas::app {

const char* commandLineDescription()
{
    return "Psoas Atlas: a 3D teaching viewer of the lumbopelvic region (T12–L5, sacrum, pelvis, femurs, psoas, "
           "iliacus, diaphragm).";
}

const std::vector<CommandLineOption>& commandLineOptions()
{
    static const std::vector<CommandLineOption> options = [] {
        std::vector<CommandLineOption> o{
            {"model", "FILE", "Open this model file (.glb, .gltf or .obj) instead of the built-in model."},
            {"render", "OUT.png", "Render off screen (no display needed) to a PNG and exit."},
            {"view", "NAME", "View for --render: " + scene::viewPresetNames() + ".", "anterior"},
            {"size", "WxH", "Image size for --render, e.g. 1920x1080.", "1280x720"},
            {"samples", "N", "Anti-aliasing samples per pixel for --render: 1, 2, 4 or 8.", "4"},
            {"labels", "", "With --render: draw the landmark labels with leader lines, as in the viewer."},
            {"layers", "SPEC", layerSpecHelp()},
            {"lesson", "FILE",
             "With --render and --step: show the lesson's step as the viewer's Lesson panel does after Next from "
             "step 1 (pose, layers, selection, the marks and labels it shows, camera). --pose, --mode, --set, "
             "--layers, --select, --view, --camera and --frame are applied after the step and replace what it set."},
            {"step", "N", "The step of --lesson to render: 1 for the first."},
            {"select", "ID",
             "With --render: select this structure (an id of --list-structures), as a click does; a landmark or "
             "attachment area is shown with its bone or muscle. A muscle's attachments are marked."},
            {"frame", "ID[,ID...]",
             "With --render: these structures (ids of --list-structures) fill the picture, as the viewer's Frame "
             "command does, seen from --view, --camera or the lesson step."},
            {"camera", "YAW,PITCH,DISTANCE",
             "With --render: look from YAW degrees about the body's vertical axis (0 anterior, 90 from the "
             "patient's left, 180 posterior, -90 from the right), PITCH degrees above (-89 to 89) and DISTANCE "
             "metres (0.05 to 20) from the centre of what is framed. Not with --view (both set the direction)."},
            {"kinematics", "", "Print muscle lengths, moment arms and posture measures as CSV and exit."},
            {"pose", "NAME", "Pose preset (with --kinematics or --render)."},
            {"mode", "MODE", "Solver mode: free or standing."},
            {"set", "COORD=VALUE", "Set a coordinate, e.g. --set hip_flexion_r=30 (repeatable)."},
            {"sweep", "COORD=FROM:TO:STEP", "Sweep a coordinate for --kinematics, e.g. hip_flexion_r=-20:120:10."},
            {"assets", "DIR", "Use this assets folder (model, catalog, poses, content)."},
            {"list-coordinates", "", "List the joint coordinates with their limits and exit."},
            {"list-poses", "", "List the pose presets and exit."},
            {"list-structures", "", "List the structures of the built-in model and exit."},
            {"handout", "OUT.pdf",
             "Write a printable PDF handout of the lesson given after it (each step's image and text, the "
             "disclaimer and the sources) off screen, and exit: --handout OUT.pdf LESSON.json."},
            {"page", "SIZE", "Page size for --handout: a4 or letter.", "a4"},
            {"note", "TEXT", "With --handout: a note from the clinician, printed on the first page."},
            {"check-lesson", "FILE",
             "Check a lesson or quiz file with no display: print every problem as file: step N (or question N), "
             "field: what to do, and exit 0 (no problems) or 1 (repeatable)."},
            // Build-time generators (CMake runs them), not shown in --help.
            {"help-man", "", "Print the man page (roff) made from these options and exit."},
            {"help-bash-completion", "", "Print the bash completion script made from these options and exit."},
        };
        for (auto& option : o) option.hidden = option.name.rfind("help-", 0) == 0;
        return o;
    }();
    return options;
}

namespace {

// Words of `text` wrapped to `width` columns, each line after the first indented by `indent`.
std::string wrap(const std::string& text, std::size_t indent, std::size_t width)
{
    std::string out, line;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t space = text.find(' ', start);
        const std::string word = text.substr(start, space == std::string::npos ? std::string::npos : space - start);
        start = space == std::string::npos ? text.size() : space + 1;
        if (!line.empty() && indent + line.size() + 1 + word.size() > width) {
            out += line + "\n" + std::string(indent, ' ');
            line.clear();
        }
        line += (line.empty() ? "" : " ") + word;
    }
    return out + line;
}

} // namespace

std::string commandLineHelp()
{
    constexpr std::size_t column = 34;
    std::string h = "Usage: psoas-atlas [options] [file]\n" + std::string(commandLineDescription()) + "\n\nOptions:\n";
    auto row = [&](const std::string& names, const std::string& text) {
        std::string left = "  " + names;
        left += left.size() + 1 < column ? std::string(column - left.size(), ' ') : std::string("\n") + std::string(column, ' ');
        h += left + wrap(text, column, 110) + "\n";
    };
    row("-h, --help", "Displays help on commandline options.");
    row("--help-all", "Displays help, as --help (the viewer also takes Qt's own options, such as -platform).");
    row("-v, --version", "Displays version information.");
    for (const auto& o : commandLineOptions()) {
        if (o.hidden) continue;
        row("--" + o.name + (o.valueName.empty() ? "" : " <" + o.valueName + ">"),
            o.description + (o.defaultValue.empty() ? "" : " [default: " + o.defaultValue + "]"));
    }
    h += "\nArguments:\n";
    row("file", "A lesson or quiz (.json) or model file to open.");
    return h;
}

bool hasOption(const std::vector<std::string>& args, const std::string& name)
{
    const std::string flag = "--" + name, prefix = flag + "=";
    for (const auto& a : args) {
        if (a == "--") return false;
        if (a == flag || a.rfind(prefix, 0) == 0) return true;
    }
    return false;
}

CliCommand commandOf(const std::vector<std::string>& args)
{
    auto has = [&](const char* name) { return hasOption(args, name); };
    auto hasShort = [&](const char* flag) { return std::find(args.begin(), args.end(), flag) != args.end(); };
    if (has("help") || has("help-all") || hasShort("-h") || hasShort("-?")) return CliCommand::Help;
    if (has("help-man")) return CliCommand::HelpMan;
    if (has("help-bash-completion")) return CliCommand::HelpBashCompletion;
    if (has("version") || hasShort("-v")) return CliCommand::Version;
    if (has("check-lesson")) return CliCommand::CheckLesson;
    if (has("handout")) return CliCommand::Handout;
    if (has("kinematics") || has("list-coordinates") || has("list-poses") || has("list-structures"))
        return CliCommand::Kinematics;
    if (has("render")) return CliCommand::Render;
    return CliCommand::Viewer;
}

core::Status parseSize(const std::string& text, int& width, int& height)
{
    auto x = text.find_first_of("xX");
    auto bad = [&] {
        return core::makeError("--size '" + text + "' is not valid. Use WIDTHxHEIGHT with each side from 16 to 8192, "
                               "for example 1920x1080.");
    };
    if (x == std::string::npos || x == 0 || x + 1 >= text.size()) return bad();
    try {
        std::size_t used = 0;
        long w = std::stol(text.substr(0, x), &used);
        if (used != x) return bad();
        std::string hs = text.substr(x + 1);
        long h = std::stol(hs, &used);
        if (used != hs.size()) return bad();
        if (w < 16 || h < 16 || w > 8192 || h > 8192) return bad();
        width = int(w);
        height = int(h);
    } catch (const std::exception&) {
        return bad();
    }
    return core::Status::success();
}

core::Status parseSamples(const std::string& text, int& samples)
{
    for (int n : {1, 2, 4, 8}) {
        if (text == std::to_string(n)) {
            samples = n;
            return core::Status::success();
        }
    }
    return core::makeError("--samples '" + text + "' is not valid. Use 1 (no anti-aliasing), 2, 4 or 8.");
}

core::Status parseAssignment(const std::string& text, std::string& name, double& value)
{
    auto eq = text.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 >= text.size())
        return core::makeError("--set '" + text + "' is not valid. Use COORD=VALUE, for example hip_flexion_r=30.");
    name = text.substr(0, eq);
    const std::string v = text.substr(eq + 1);
    try {
        std::size_t used = 0;
        value = std::stod(v, &used);
        if (used != v.size()) throw std::invalid_argument(v);
    } catch (const std::exception&) {
        return core::makeError("--set " + name + ": '" + v + "' is not a number. Use degrees (or % for breathing).");
    }
    if (!std::isfinite(value))
        return core::makeError("--set " + name + ": '" + v + "' is not a finite number. Use degrees (or % for breathing), for example hip_flexion_r=30.");
    return core::Status::success();
}

core::Status parseStep(const std::string& text, int& step)
{
    const bool digits = !text.empty() && text.size() <= 6 &&
                        std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!digits || std::atoi(text.c_str()) < 1)
        return core::makeError("--step '" + text + "' is not valid. Give the step's number: 1 for the lesson's first "
                               "step.");
    step = std::atoi(text.c_str());
    return core::Status::success();
}

namespace {

bool parseNumber(const std::string& text, double& out)
{
    if (text.empty() || text.find_first_of(" \t") != std::string::npos) return false;
    char* end = nullptr;
    out = std::strtod(text.c_str(), &end);
    return end && *end == '\0' && std::isfinite(out);
}

std::vector<std::string> splitCommas(const std::string& text)
{
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (;;) {
        const std::size_t comma = text.find(',', start);
        parts.push_back(text.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
        if (comma == std::string::npos) return parts;
        start = comma + 1;
    }
}

} // namespace

core::Status parseCamera(const std::string& text, RenderCamera& camera)
{
    const auto parts = splitCommas(text);
    RenderCamera c;
    if (parts.size() != 3 || !parseNumber(parts[0], c.yawDeg) || !parseNumber(parts[1], c.pitchDeg) ||
        !parseNumber(parts[2], c.distance))
        return core::makeError("--camera '" + text + "' is not valid. Give YAW,PITCH,DISTANCE: degrees, degrees and "
                               "metres, for example 30,15,1.2 (anterior is 0,0,DISTANCE).");
    if (c.yawDeg < -360.0 || c.yawDeg > 360.0)
        return core::makeError("--camera '" + text + "': yaw must be from -360 to 360 degrees (90 is from the "
                               "patient's left).");
    if (c.pitchDeg < -89.0 || c.pitchDeg > 89.0)
        return core::makeError("--camera '" + text + "': pitch must be from -89 to 89 degrees (for straight from "
                               "above or below, use --view superior or --view inferior).");
    if (c.distance < 0.05 || c.distance > 20.0)
        return core::makeError("--camera '" + text + "': distance must be from 0.05 to 20 metres (the whole model "
                               "fills the picture at about 1.5).");
    c.given = true;
    camera = c;
    return core::Status::success();
}

core::Status parseSweep(const std::string& kv, std::string& coord, double& from, double& to, double& step)
{
    const auto eq = kv.find('=');
    const auto c1 = kv.find(':', eq == std::string::npos ? 0 : eq);
    const auto c2 = c1 == std::string::npos ? c1 : kv.find(':', c1 + 1);
    if (eq == std::string::npos || c1 == std::string::npos || c2 == std::string::npos ||
        !parseNumber(kv.substr(eq + 1, c1 - eq - 1), from) || !parseNumber(kv.substr(c1 + 1, c2 - c1 - 1), to) ||
        !parseNumber(kv.substr(c2 + 1), step))
        return core::makeError("--sweep \"" + kv + "\" is not COORD=FROM:TO:STEP with numbers, for example "
                               "hip_flexion_r=-20:120:10.");
    if (!(step > 0.0)) return core::makeError("--sweep \"" + kv + "\": STEP must be > 0.");
    if (std::abs(to - from) / step > 100000) return core::makeError("--sweep \"" + kv + "\": more than 100000 steps.");
    coord = kv.substr(0, eq);
    return core::Status::success();
}

} // namespace psoas::app
