// libFuzzer: the command-line value parsers: --size (app::parseSize), --set
// (app::parseAssignment) and --sweep / --set as the --kinematics command reads them (with an
// assets folder that does not exist, so only the parsing runs).
#include "app/RenderCommand.h"
#ifdef PSOAS_HAVE_SOLVER
#include "solver/KinematicsCommand.h"
#endif

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
#ifdef PSOAS_HAVE_SOLVER
    for (const char* option : {"--sweep", "--set"}) {
        std::ostringstream out, err;
        const std::vector<std::string> args{"--kinematics", option, text, "--assets", "/nonexistent/psoas-fuzz"};
        if (solver::runKinematicsCommand(args, out, err) == 0) std::abort(); // the assets do not exist
        if (err.str().empty()) std::abort();                                 // a failure always says why
    }
#endif
    return 0;
}
