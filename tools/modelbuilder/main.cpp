// psoas-modelbuilder: data/*.json -> assets/models/{lumbopelvic.glb, rig.json, catalog.json}.
// Usage: psoas-modelbuilder [--data DIR] [--out DIR] [--rig-only]
#include "core/BuildModel.h"
#include "core/OutputCheck.h"
#include "core/RigLayout.h"
#include "core/RigJson.h"

#include "core/AtomicFile.h"

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>

using namespace psoas;

int main(int argc, char** argv)
{
    std::string dataDir = PSOAS_MB_DEFAULT_DATA;
    std::string outDir = PSOAS_MB_DEFAULT_OUT;
    bool rigOnly = false;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--data" && i + 1 < argc) dataDir = argv[++i];
        else if (a == "--out" && i + 1 < argc) outDir = argv[++i];
        else if (a == "--rig-only") rigOnly = true;
        else {
            std::fprintf(stderr, "usage: %s [--data DIR] [--out DIR] [--rig-only]\n  unknown argument '%s'\n", argv[0],
                         a.c_str());
            return 2;
        }
    }
    std::error_code ec;
    std::filesystem::create_directories(outDir, ec);
    if (ec) {
        std::fprintf(stderr, "psoas-modelbuilder: cannot create the output folder '%s' (%s); pass --out with a writable folder\n",
                     outDir.c_str(), ec.message().c_str());
        return 1;
    }
    auto rig = modelbuilder::RigLayout::load(dataDir);
    if (!rig) {
        std::fprintf(stderr, "psoas-modelbuilder: %s\n", rig.message().c_str());
        return 1;
    }
    if (!rigOnly) {
        auto st = modelbuilder::buildModel(rig.value(), outDir + "/lumbopelvic.glb");
        if (!st) {
            std::fprintf(stderr, "psoas-modelbuilder: %s\n", st.message().c_str());
            return 1;
        }
    }
    auto catalog = modelbuilder::catalogJsonText(dataDir, rig.value());
    if (!catalog) {
        std::fprintf(stderr, "psoas-modelbuilder: %s\n", catalog.message().c_str());
        return 1;
    }
    const std::string rigText = modelbuilder::rigJsonText(rig.value());
    if (auto st = modelbuilder::checkReadsBack(rigText, catalog.value()); !st) {
        std::fprintf(stderr, "psoas-modelbuilder: %s\n", st.message().c_str());
        return 1;
    }
    for (const auto& [name, text] : {std::pair<std::string, std::string>{"rig.json", rigText},
                                     {"catalog.json", catalog.value()}}) {
        auto st = core::writeFileAtomically(outDir + "/" + name, text);
        if (!st) {
            std::fprintf(stderr, "psoas-modelbuilder: %s\n", st.message().c_str());
            return 1;
        }
    }
    std::printf("psoas-modelbuilder: wrote %s/{%srig.json, catalog.json}\n", outDir.c_str(),
                rigOnly ? "" : "lumbopelvic.glb, ");
    return 0;
}
