// The model's L3 and L4 against the mean vertebrae of Clouthier, Wenghofer, Wai & Graham 2023
// (J Biomech 146:111421; aclouthier/morphable-lumbar-model d2275b05, MIT, (c) 2022 Allison
// Clouthier; tests/data/scans). Prints the numbers and guards against regressions: the RMS may
// not grow past today's value + 0.1 mm (today both are under the goal of about 1.3 mm, the
// distance between two real mean shapes of one level), and the transverse-process span and the
// canal depth must lie in the real ranges.
#include "FidelityCheck.h"
#include "GzipPly.h"
#include "ModelBone.h"

#include "anatomy/Model.h"
#include "io/ModelLoader.h"

#include <catch2/catch.hpp>

#include <cstdio>
#include <string>

using namespace psoas::fidelity;

namespace {

const psoas::anatomy::Model& model()
{
    static const psoas::anatomy::Model m = [] {
        auto loaded = psoas::io::loadModel(std::string(PSOAS_MODEL_DIR) + "/lumbopelvic.glb");
        return loaded ? std::move(loaded.value()) : psoas::anatomy::Model{};
    }();
    return m;
}

FidelityResult measureLevel(const std::string& level)
{
    std::string id = level, error;
    id[0] = 'l';
    TriMesh bone, reference;
    const bool ok = modelBone(model(), id, bone, error) &&
                    readGzipPly(std::string(PSOAS_SCANS_DIR) + "/CLOUTHIER_mean_" + level + ".ply.gz", reference, error);
    INFO(error);
    REQUIRE(ok);
    const FidelityResult r = compareVertebra(bone, reference);
    std::printf("%s: mean %.2f mm, RMS %.2f mm, P95 %.2f mm, scale %.3f; TP span %.1f mm (reference %.1f); "
                "canal depth %.1f mm (reference %.1f)\n",
                level.c_str(), r.distance.mean, r.distance.rms, r.distance.p95, r.alignment.transform.scale,
                r.model.tpSpan, r.reference.tpSpan, r.model.canalDepth, r.reference.canalDepth);
    return r;
}

void checkCommon(const FidelityResult& r)
{
    // The alignment is a plausible one: similar size, the same way up (superior stays superior).
    CHECK(r.alignment.transform.scale > 0.85);
    CHECK(r.alignment.transform.scale < 1.15);
    CHECK(r.alignment.transform.rotation(1, 2) > 0.9); // reference +z (superior) -> model +y
    // The reference's own dimensions fall where the cohort's do (checks the measuring code).
    CHECK(r.reference.canalDepth > 13.0);
    CHECK(r.reference.canalDepth < 20.4);
    CHECK(r.reference.tpSpan > 85.0);
    CHECK(r.reference.tpSpan < 100.0);
    CHECK(r.model.canalDepth > 0.0);
}

} // namespace

TEST_CASE("L3 is no further from the real mean L3 than today (RMS 1.27 mm)", "[fidelity]")
{
    const FidelityResult r = measureLevel("L3");
    checkCommon(r);
    CHECK(r.distance.rms <= 1.27 + 0.1);
}

TEST_CASE("L4 is no further from the real mean L4 than today (RMS 1.21 mm)", "[fidelity]")
{
    const FidelityResult r = measureLevel("L4");
    checkCommon(r);
    CHECK(r.distance.rms <= 1.21 + 0.1);
}

TEST_CASE("L3 and L4 have real transverse-process spans (90-95 mm) and canal depths (13-16 mm)", "[fidelity]")
{
    for (const char* level : {"L3", "L4"}) {
        INFO(level);
        const FidelityResult r = measureLevel(level);
        // Real lumbar transverse processes span about 90-95 mm tip to tip (the reference: L3
        // 92.8, L4 89.9 mm).
        CHECK(r.model.tpSpan >= 90.0);
        CHECK(r.model.tpSpan <= 95.0);
        // Issue #15's target, inside the cohort's 13.0-20.4 mm and around the reference's 15.2 mm.
        CHECK(r.model.canalDepth >= 13.0);
        CHECK(r.model.canalDepth <= 16.0);
    }
}
