// shape_fidelity: measures the model's L3 and L4 against real population mean vertebrae and
// prints one row per level (see README "Shape fidelity").
//   usage: shape_fidelity [--model FILE.glb] [--scans DIR]
#include "FidelityCheck.h"
#include "GzipPly.h"
#include "ModelBone.h"

#include "anatomy/Model.h"
#include "io/ModelLoader.h"

#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>

using namespace psoas;

namespace {

struct Args {
    std::string model = PSOAS_DEFAULT_MODEL;
    std::string scans = PSOAS_DEFAULT_SCANS;
};

bool parseArgs(int argc, char** argv, Args& a)
{
    for (int i = 1; i < argc; ++i) {
        const bool hasValue = i + 1 < argc;
        if (!std::strcmp(argv[i], "--model") && hasValue) a.model = argv[++i];
        else if (!std::strcmp(argv[i], "--scans") && hasValue) a.scans = argv[++i];
        else {
            std::fprintf(stderr, "usage: shape_fidelity [--model FILE.glb] [--scans DIR]\n"
                                 "  defaults: --model %s --scans %s\n", PSOAS_DEFAULT_MODEL, PSOAS_DEFAULT_SCANS);
            return false;
        }
    }
    return true;
}

void printRow(const char* level, const fidelity::FidelityResult& r)
{
    std::printf("%-5s %6.2f %6.2f %6.2f  %6.3f   %6.1f / %-6.1f   %6.1f / %-6.1f\n", level, r.distance.mean,
                r.distance.rms, r.distance.p95, r.alignment.transform.scale, r.model.tpSpan, r.reference.tpSpan,
                r.model.canalDepth, r.reference.canalDepth);
}

} // namespace

int main(int argc, char** argv)
{
    Args args;
    if (!parseArgs(argc, argv, args)) return 2;
    auto model = io::loadModel(args.model);
    if (!model) {
        std::fprintf(stderr, "shape_fidelity: %s\n", model.message().c_str());
        return 1;
    }
    std::printf("Model %s against the Clouthier et al. 2023 mean vertebrae (J Biomech 146:111421;\n"
                "aclouthier/morphable-lumbar-model d2275b05, MIT, (c) 2022 Allison Clouthier).\n"
                "Symmetric surface distance after similarity alignment, mm; scale = reference -> model.\n\n"
                "level  mean    RMS    P95   scale   TP span model/ref  canal depth model/ref\n",
                args.model.c_str());
    for (const char* level : {"L3", "L4"}) {
        std::string id = level, error;
        id[0] = 'l';
        fidelity::TriMesh bone, reference;
        if (!fidelity::modelBone(model.value(), id, bone, error) ||
            !fidelity::readGzipPly(args.scans + "/CLOUTHIER_mean_" + level + ".ply.gz", reference, error)) {
            std::fprintf(stderr, "shape_fidelity: %s\n", error.c_str());
            return 1;
        }
        printRow(level, fidelity::compareVertebra(bone, reference));
    }
    std::printf("\nCohort: canal depth 13.0-20.4 mm; real TP span about 90-95 mm.\n");
    return 0;
}
