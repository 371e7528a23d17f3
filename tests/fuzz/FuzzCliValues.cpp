// libFuzzer: the command-line value parsers: --size (app::parseSize), --set
// (app::parseAssignment), --camera, --step, and every option's value as the whole command line
// (app::parseCommandLine) reads it: a refusal always says why.
#include "app/CommandLine.h"
#include "app/RenderCommand.h"

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace psoas;
    const std::string text(reinterpret_cast<const char*>(data), size);

    int w = -1, h = -1;
    if (app::parseSize(text, w, h)) {
        if (w < 16 || h < 16 || w > 8192 || h > 8192) std::abort();
    }
    std::string name;
    double value = 0;
    if (app::parseAssignment(text, name, value)) {
        if (!std::isfinite(value) || name.empty()) std::abort();
    }
    app::RenderCamera camera;
    if (app::parseCamera(text, camera)) {
        if (!camera.given || !(camera.distance >= 0.05 && camera.distance <= 20.0) || std::abs(camera.pitchDeg) > 89.0)
            std::abort();
    }
    int step = 0;
    if (app::parseStep(text, step) && step < 1) std::abort();
    for (const char* option : {"--sweep", "--set", "--camera", "--frame", "--step", "--select", "--size"}) {
        const std::vector<std::string> args{"--render", "out.png", "--lesson", "l.json", option, text};
        auto line = app::parseCommandLine(args);
        if (!line && line.message().empty()) std::abort(); // a failure always says why
        const std::vector<std::string> kin{"--kinematics", option, text};
        auto k = app::parseCommandLine(kin);
        if (!k && k.message().empty()) std::abort();
    }
    return 0;
}
